/*
 * timex.c - the time-expression pass of the analyze stage.
 *
 * One scan over the tokens: a token that cannot start a time expression
 * (most of them) costs one table probe; at the others timex_rules.c tries
 * its patterns, and the longest match is kept and skipped over, so the
 * results never overlap and the pass is linear in the text.  A duration
 * directly negated ("did not last five minutes") is dropped: it is not how
 * long anything took.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/timex_int.h"
#include "analyze/timex_tok.h"

/* Classes whose words can begin an expression. */
#define TX_STARTERS                                                                          \
	((1u << TXC_MONTH) | (1u << TXC_WEEKDAY) | (1u << TXC_NUMBER) | (1u << TXC_VAGUE) |  \
	 (1u << TXC_ORDINAL) | (1u << TXC_SEASON) | (1u << TXC_PART) | (1u << TXC_UNIT) |    \
	 (1u << TXC_DEICTIC) | (1u << TXC_REF) | (1u << TXC_REL) | (1u << TXC_MOD) |         \
	 (1u << TXC_OFTEN) | (1u << TXC_EVERY) | (1u << TXC_FISCAL) | (1u << TXC_HOLIDAY))

static int may_start(const tx_ctx *c, size_t i)
{
	const chr_token *k = &c->t->tok[i];
	if (k->kind == CHR_TOK_NUMBER || (k->flags & (CHR_TF_DIGIT | CHR_TF_HYPHEN)))
		return 1;
	if (k->kind != CHR_TOK_WORD)
		return 0;
	const tx_word *w = chr_tx_lookup(k->key);
	if (!w)
		return 0;
	if (w->mask & TX_STARTERS)
		return 1;
	if (tx_has(w, TXC_GLUE)) {
		int g = w->val[TXC_GLUE];
		return g == TXS_THE || g == TXS_AT || g == TXS_NO || g == TXS_UP;
	}
	return 0;
}

/* "not five minutes", "did not last five minutes", "not for five minutes" */
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
	for (size_t i = 0; i < c.n;) {
		tx_match m;
		size_t e = may_start(&c, i) ? chr_tx_match_at(&c, i, &m) : 0;
		if (!e) {
			i++;
			continue;
		}
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
			snprintf(t.mod, sizeof t.mod, "%s", chr_tx_symbol_name(m.mod));
			if (!m.derived && strlen(t.value) == 7 && t.value[4] == '-' && t.value[5] == 'Q' && t.value[0] != 'X') {
				c.q_y = atoi(t.value);
				c.q_q = t.value[6] - '0';
				c.q_sentence = toks->tok[i].sentence;
			}
			st = push(arena, out, &cap, &t);
			if (st != CHR_OK)
				goto fail;
		}
		i = e;
	}
	return CHR_OK;
fail:
	memset(out, 0, sizeof *out);
	return st;
}
