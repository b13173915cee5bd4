/*
 * timex.c - the time-expression pass of the analyze stage.
 *
 * One scan over the tokens: a token that cannot start a time expression
 * (most of them) costs one table probe; at the others timex_rules.c tries
 * its patterns, and the longest match is kept and skipped over, so the
 * results never overlap and the pass is linear in the text.  A duration
 * directly negated ("did not last ten minutes") is dropped: it is not how
 * long anything took.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/timex_int.h"
#include "analyze/timex_match.h"

/* Classes whose words can begin an expression. */
#define TX_STARTERS                                                                          \
	((1u << TXC_MONTH) | (1u << TXC_WEEKDAY) | (1u << TXC_NUMBER) | (1u << TXC_VAGUE) |  \
	 (1u << TXC_ORDINAL) | (1u << TXC_SEASON) | (1u << TXC_PART) | (1u << TXC_UNIT) |    \
	 (1u << TXC_DEICTIC) | (1u << TXC_REF) | (1u << TXC_REL) | (1u << TXC_MOD) |         \
	 (1u << TXC_OFTEN) | (1u << TXC_EVERY) | (1u << TXC_FISCAL) | (1u << TXC_HOLIDAY) | (1u << TXC_NEAR) | \
	 (1u << TXC_DECADE))

/* Classes whose words can carry an expression by themselves; a starter
 * from any other class ("the", "about", "last") needs one of these, or a
 * number, within the next few tokens. */
#define TX_CORES                                                                            \
	((1u << TXC_MONTH) | (1u << TXC_WEEKDAY) | (1u << TXC_SEASON) | (1u << TXC_PART) |  \
	 (1u << TXC_UNIT) | (1u << TXC_DEICTIC) | (1u << TXC_REF) | (1u << TXC_OFTEN) |      \
	 (1u << TXC_HOLIDAY) | (1u << TXC_FISCAL) | (1u << TXC_ORDINAL) | (1u << TXC_NEAR) |     \
	 (1u << TXC_AMPM) | (1u << TXC_DECADE))
#define TX_CORE_REACH 5

static int is_core(const tx_ctx *c, size_t i)
{
	const chr_token *k = &c->t->tok[i];
	if (k->kind == CHR_TOK_NUMBER) {
		/* a year, a clock time or a written-out date stands alone; a
		 * plain count ("15", "3.5") needs a unit or month beside it */
		size_t n = k->end - k->start;
		const char *s = c->t->text + k->start;
		return n == 4 || memchr(s, ':', n) || memchr(s, '/', n) || memchr(s, '-', n) ||
		       (c->list_next && i == c->list_next + 1 && chr_tx_list_day(c, i));
	}
	if (k->flags & (CHR_TF_DIGIT | CHR_TF_HYPHEN))
		return 1;
	return c->lex[i] && (c->entries[c->lex[i]].mask & TX_CORES);
}

static int core_ahead(const tx_ctx *c, size_t i)
{
	for (size_t k = i; k < c->n && k < i + TX_CORE_REACH; k++)
		if (is_core(c, k))
			return 1;
	return 0;
}

/* "not ten minutes", "did not last ten minutes", "not for ten minutes" */
static int negated(const tx_ctx *c, size_t start)
{
	size_t p = start;
	int r;
	const chr_sentence *s = &c->t->sent[c->t->tok[start].sentence];
	if (chr_tx_class(c, p, TXC_REL, &r) && r < 0 && chr_tx_class(c, p, TXC_ORDINAL, NULL))
		p++;  /* the span starts with the verb "last" */
	for (int steps = 0; steps < 3 && p > s->tok_begin; steps++) {
		p--;
		if (chr_tx_class(c, p, TXC_NEG, NULL))
			return 1;
		int ordv;
		if (!(chr_tx_class(c, p, TXC_ORDINAL, &ordv) && ordv == 99) && !chr_tx_glue(c, p, TXS_FOR))
			return 0;
	}
	return 0;
}

static int digits(const char *s, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (s[k] < '0' || s[k] > '9')
			return 0;
	return 1;
}

/* Keeps what later expressions refer back to: the year for "that year",
 * the quarter for "a year earlier" in results news. */
static void remember(tx_ctx *c, const chr_timex *t)
{
	const char *v = t->value;
	if (t->type == CHR_TIMEX_DURATION && v[0] == 'P') {
		/* "the first nine months", "the year": results news moves on
		 * from the quarter to a longer period */
		size_t n = strlen(v);
		long k = atol(v + 1);
		if (n >= 3 && n < sizeof c->period && ((v[n - 1] == 'M' && k >= 6 && v[1] != 'T') || (v[n - 1] == 'Y' && k == 1))) {
			c->q_off = 1;
			memcpy(c->period, v, n + 1);
		}
		return;
	}
	if (t->type != CHR_TIMEX_DATE || !digits(v, 4) || (v[4] != '\0' && v[4] != '-'))
		return;
	c->last_year = atoi(v);
	c->last_month = 0;
	if (v[4] == '-' && v[5] >= '0' && v[5] <= '1' && v[6] >= '0' && v[6] <= '9')
		c->last_month = (v[5] - '0') * 10 + (v[6] - '0');
	if (v[4] == '-' && v[5] == 'Q' && v[6] >= '1' && v[6] <= '4' && v[7] == '\0') {
		c->q_y = c->last_year;
		c->q_q = v[6] - '0';
		c->q_off = 0;
		c->q_sentence = c->t->tok[t->tok_begin].sentence;
	}
}

static chr_status push(chr_arena *arena, chr_timexes *out, size_t *cap, const chr_timex *t)
{
	if (out->n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 16;
		chr_timex *fresh = chr_arena_alloc(arena, ncap * sizeof *fresh);
		if (!fresh)
			return CHR_ENOMEM;
		if (out->n)
			memcpy(fresh, out->t, out->n * sizeof *fresh);
		out->t = fresh;
		*cap = ncap;
	}
	out->t[out->n++] = *t;
	return CHR_OK;
}

chr_status chr_timex_find(chr_arena *arena, const chr_tokens *toks, const char *anchor,
			  chr_timexes *out)
{
	chr_status st = CHR_OK;
	size_t cap = 0;
	memset(out, 0, sizeof *out);
	tx_ctx c;
	memset(&c, 0, sizeof c);
	c.t = toks;
	c.n = toks->n;
	c.a = chr_tx_anchor(anchor);
	tx_parts_cache parts_cache;
	parts_cache.tok_plus_one = 0;
	c.parts = &parts_cache;
	uint32_t *starts = NULL;
	size_t nstarts = 0;
	if (c.n) {
		/* one pass looks every word up and lists the few tokens that can
		 * start an expression; the rules then visit only those */
		c.lex = chr_arena_alloc(arena, c.n * sizeof *c.lex);
		starts = chr_arena_alloc(arena, c.n * sizeof *starts);
		if (!c.lex || !starts) {
			st = CHR_ENOMEM;
			goto fail;
		}
		c.entries = chr_tx_entries();
		uint32_t glue = 1u << (TXS_THE - TXS_THE) | 1u << (TXS_AT - TXS_THE) | 1u << (TXS_NO - TXS_THE) |
				1u << (TXS_UP - TXS_THE);
		nstarts = chr_tx_lex_scan(toks, c.lex, starts, TX_STARTERS, glue);
	}
	size_t next = 0;  /* the first token not inside an expression */
	for (size_t si = 0; si < nstarts; si++) {
		size_t i = starts[si];
		if (i < next)
			continue;
		if (!core_ahead(&c, i))
			continue;
		tx_match m;
		size_t e = chr_tx_match_at(&c, i, &m);
		if (!e)
			continue;
		i = m.start;
		if (!m.drop && !(m.type == CHR_TIMEX_DURATION && negated(&c, i)) && m.value[0]) {
			chr_timex t;
			memset(&t, 0, sizeof t);
			t.start = toks->tok[i].start;
			t.end = toks->tok[e - 1].end;
			t.tok_begin = (uint32_t)i;
			t.tok_end = (uint32_t)e;
			t.type = m.type;
			memcpy(t.value, m.value, sizeof t.value);
			t.value[sizeof t.value - 1] = '\0';
			const char *mod = chr_tx_symbol_name(m.mod);
			size_t modlen = strlen(mod);
			if (modlen < sizeof t.mod)
				memcpy(t.mod, mod, modlen + 1);
			if (!m.derived)
				remember(&c, &t);
			st = push(arena, out, &cap, &t);
			if (st != CHR_OK)
				goto fail;
		}
		next = e;
	}
	return CHR_OK;
fail:
	memset(out, 0, sizeof *out);
	return st;
}
