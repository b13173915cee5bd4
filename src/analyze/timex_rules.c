/*
 * timex_rules.c - recognises one time expression at a token and computes
 * its TIMEX3 value.
 *
 * An expression is [modifiers] [the] core [extension]: modifiers such as
 * "about", "more than", "early", "the end of" set `mod`; the core is one
 * of the chr_tx_core_* of timex_dates.c and timex_spans.c, and the longest
 * one wins.  Every rule looks at a few tokens ahead of the start, never
 * back over the text, so a document costs one pass.
 */
#include <stdio.h>
#include <string.h>

#include "analyze/timex_match.h"

static size_t core_at(tx_ctx *c, size_t j, size_t base, tx_match *m, int after_the)
{
	tx_match best = *m, cur;
	size_t best_end = 0;
	const chr_token *k = tok(c, j);
	const tx_word *w = chr_tx_word(c, j);
#define TRY_RULE(call)                                                                  \
	do {                                                                            \
		cur = *m;                                                               \
		size_t e_ = (call);                                                     \
		if (e_ > best_end) {                                                    \
			best_end = e_;                                                  \
			best = cur;                                                     \
		}                                                                       \
	} while (0)
	if (k->kind == CHR_TOK_NUMBER || (k->flags & CHR_TF_DIGIT)) {
		TRY_RULE(chr_tx_core_number(c, j, base, &cur));
		TRY_RULE(chr_tx_core_duration(c, j, base, &cur));
		TRY_RULE(chr_tx_core_ordinal(c, j, base, &cur, 0));
		if (k->flags & CHR_TF_HYPHEN)
			TRY_RULE(chr_tx_core_hyphen(c, j, base, &cur));
		if (k->kind == CHR_TOK_WORD)
			TRY_RULE(chr_tx_core_clock(c, j, base, &cur));
	} else if (k->flags & CHR_TF_HYPHEN) {
		TRY_RULE(chr_tx_core_hyphen(c, j, base, &cur));
		TRY_RULE(chr_tx_core_duration(c, j, base, &cur));
	}
	if (w) {
		if (tx_has(w, TXC_MONTH))
			TRY_RULE(chr_tx_core_month(c, j, base, &cur));
		if (tx_has(w, TXC_WEEKDAY))
			TRY_RULE(chr_tx_core_weekday(c, j, base, &cur, 0));
		if (tx_has(w, TXC_DEICTIC))
			TRY_RULE(chr_tx_core_deictic(c, j, base, &cur));
		if (tx_has(w, TXC_REF) || tx_has(w, TXC_NEAR))
			TRY_RULE(chr_tx_core_ref(c, j, base, &cur, after_the));
		if (tx_has(w, TXC_REL))
			TRY_RULE(chr_tx_core_rel(c, j, base, &cur, after_the));
		if (tx_has(w, TXC_ORDINAL))
			TRY_RULE(chr_tx_core_ordinal(c, j, base, &cur, 0));
		if (tx_has(w, TXC_NUMBER) || tx_has(w, TXC_VAGUE) || tx_has(w, TXC_UNIT))
			TRY_RULE(chr_tx_core_duration(c, j, base, &cur));
		if (tx_has(w, TXC_PART)) {
			TRY_RULE(chr_tx_core_clock(c, j, base, &cur));
			TRY_RULE(chr_tx_core_part(c, j, base, &cur, after_the));
		}
		if (tx_has(w, TXC_OFTEN) || tx_has(w, TXC_EVERY))
			TRY_RULE(chr_tx_core_set(c, j, base, &cur));
		if (tx_has(w, TXC_FISCAL))
			TRY_RULE(chr_tx_core_fiscal(c, j, base, &cur, after_the));
		if (tx_has(w, TXC_SEASON))
			TRY_RULE(chr_tx_core_season(c, j, base, &cur, after_the));
		if (after_the && tx_has(w, TXC_UNIT))
			TRY_RULE(chr_tx_core_the_unit(c, j, &cur));
		if (tx_has(w, TXC_UNIT))
			TRY_RULE(chr_tx_core_year_end(c, j, base, &cur));
		if (tx_has(w, TXC_NUMBER))
			TRY_RULE(chr_tx_core_spoken_year(c, j, base, &cur));
		if (tx_has(w, TXC_HOLIDAY))
			TRY_RULE(chr_tx_core_holiday(c, j, base, &cur));
		if (after_the && tx_has(w, TXC_DECADE))
			TRY_RULE(chr_tx_core_decade_word(c, j, &cur));
	}
#undef TRY_RULE
	if (best_end)
		*m = best;
	return best_end;
}

/* Modifiers before the core; returns the new position (i if none). */
static size_t premods(const tx_ctx *c, size_t i, size_t base, int *mod)
{
	size_t j = i;
	for (int round = 0; round < 4 && SAME(c, j, base); round++) {
		int v;
		/* "the end of", "the beginning of" */
		if (GLUE(c, j, TXS_THE) && CLS(c, j + 1, TXC_MOD, &v) && GLUE(c, j + 2, TXS_OF) &&
		    SAME(c, j + 3, base)) {
			*mod = v;
			j += 3;
			continue;
		}
		if (CLS(c, j, TXC_MOD, &v) && GLUE(c, j + 1, TXS_OF) && SAME(c, j + 2, base) &&
		    (v == TXS_START || v == TXS_END || v == TXS_MID)) {
			*mod = v;
			j += 2;
			continue;
		}
		/* more than, less than */
		if (CLS(c, j, TXC_MOD, &v) && GLUE(c, j + 1, TXS_THAN)) {
			*mod = v;
			j += 2;
			continue;
		}
		/* at least, no more than, up to */
		if (GLUE(c, j, TXS_AT) && CLS(c, j + 1, TXC_MOD, &v) &&
		    (v == TXS_EQUAL_OR_MORE || v == TXS_EQUAL_OR_LESS)) {
			*mod = v;
			j += 2;
			continue;
		}
		if (GLUE(c, j, TXS_NO) && CLS(c, j + 1, TXC_MOD, &v) && GLUE(c, j + 2, TXS_THAN)) {
			*mod = v == TXS_MORE_THAN ? TXS_EQUAL_OR_LESS : TXS_EQUAL_OR_MORE;
			j += 3;
			continue;
		}
		if (GLUE(c, j, TXS_UP) && GLUE(c, j + 1, TXS_TO)) {
			*mod = TXS_EQUAL_OR_LESS;
			j += 2;
			continue;
		}
		if (CLS(c, j, TXC_MOD, &v) && !GLUE(c, j + 1, TXS_THE) && !GLUE(c, j + 1, TXS_OF) &&
		    !(tok(c, j)->flags & CHR_TF_HYPHEN)) {
			size_t n;
			const char *s = chr_token_text(c->t, j, &n);
			/* "end", "start", "close" alone are verbs as often as not */
			if ((v == TXS_END || v == TXS_START) && !(n == 4 && (s[0] | 0x20) == 'l') &&
			    !(n == 5 && (s[0] | 0x20) == 'e' && (s[1] | 0x20) == 'a') &&
			    !(n == 5 && (s[0] | 0x20) == 'l') && !(n == 7 && (s[0] | 0x20) == 'e'))
				break;
			*mod = v;
			j++;
			continue;
		}
		break;
	}
	return j;
}

/* "about", "within", "only", "just": modifiers TimeML leaves outside the
 * span of the expression they modify. */
static int outside_word(const tx_ctx *c, size_t i)
{
	static const char *const words[] = { "about", "within", "only", "just" };
	size_t n;
	const char *s = chr_token_text(c->t, i, &n);
	for (size_t w = 0; w < sizeof words / sizeof words[0]; w++) {
		size_t k = strlen(words[w]);
		if (n != k)
			continue;
		size_t a = 0;
		while (a < k && (s[a] | 0x20) == words[w][a])
			a++;
		if (a == k)
			return 1;
	}
	return 0;
}

/* Whether the sentence of token i reads as running text: a title in
 * Title Case ("Talks Resume Next Week") has few lowercase words. */
static int running_text(const tx_ctx *c, size_t i)
{
	const chr_sentence *s = &c->t->sent[tok(c, i)->sentence];
	int lower = 0;
	for (size_t k = s->tok_begin; k < s->tok_end && lower < 3; k++) {
		const chr_token *t = tok(c, k);
		if (t->kind == CHR_TOK_WORD && !(t->flags & (CHR_TF_UPPER | CHR_TF_DIGIT)) && t->end - t->start > 3)
			lower++;
	}
	return lower >= 3;
}

/* A unit or part of day written with a capital inside running text is a
 * name: the show "60 Minutes", the film "High Noon", "This Week". */
static int in_a_name(const tx_ctx *c, size_t from, size_t to)
{
	for (size_t k = from; k < to; k++) {
		const chr_token *t = tok(c, k);
		const tx_word *w = chr_tx_word(c, k);
		if (!(t->flags & CHR_TF_UPPER) || (t->flags & (CHR_TF_ALL_UPPER | CHR_TF_SENT_START)) || !w)
			continue;
		if (!(tx_has(w, TXC_UNIT) || tx_has(w, TXC_PART)) || tx_has(w, TXC_MONTH) || tx_has(w, TXC_WEEKDAY))
			continue;
		if (k > from && (CLS(c, k - 1, TXC_HOLIDAY, NULL) || CLS(c, k - 1, TXC_WEEKDAY, NULL)))
			continue;  /* "Thanksgiving Day", "Friday Night" */
		if (running_text(c, k))
			return 1;
	}
	return 0;
}

/* "a year ago", "a year earlier", "last year" right after a quarter
 * ("the quarter a year ago", "the third quarter last year"): the tokens
 * it takes, 0 if none. */
static size_t year_back(const tx_ctx *c, size_t j, size_t base)
{
	int u, a;
	double cnt;
	if (!SAME(c, j + 1, base))
		return 0;
	if (CLS(c, j, TXC_REL, &a) && a < 0 && CLS(c, j + 1, TXC_UNIT, &u) && u == TXS_Y &&
	    tok(c, j + 1)->end - tok(c, j + 1)->start == 4)
		return 2;
	if (chr_tx_count(c, j, &cnt) == 1 && cnt == 1 && CLS(c, j + 1, TXC_UNIT, &u) && u == TXS_Y &&
	    SAME(c, j + 2, base) && CLS(c, j + 2, TXC_AFTER, &a) && a < 0)
		return 3;
	return 0;
}

size_t chr_tx_match_at(tx_ctx *c, size_t i, tx_match *m)
{
	memset(m, 0, sizeof *m);
	c->cur_sentence = tok(c, i)->sentence;
	int mod = 0;
	size_t j = premods(c, i, i, &mod);
	int after_the = 0;
	if (j < c->n && GLUE(c, j, TXS_THE) && SAME(c, j + 1, i)) {
		j++;
		after_the = 1;
		/* "the early summer", "the late 1980s" */
		j = premods(c, j, i, &mod);
	}
	if (j >= c->n || !SAME(c, j, i))
		return 0;
	size_t e = core_at(c, j, i, m, after_the);
	if (!e) {
		if (j == i)
			return 0;
		/* the modifiers were not part of a time; try the core alone */
		memset(m, 0, sizeof *m);
		return 0;
	}
	if (in_a_name(c, j, e)) {
		m->drop = 1;
		m->start = i;
		m->end = e;
		return e;
	}
	size_t yb;
	if (m->type == CHR_TIMEX_DATE && strlen(m->value) == 7 && m->value[4] == '-' && m->value[5] == 'Q' &&
	    m->value[0] != 'X' && (yb = year_back(c, e, i))) {
		/* the same quarter of the year before */
		int y = (m->value[0] - '0') * 1000 + (m->value[1] - '0') * 100 + (m->value[2] - '0') * 10 +
			(m->value[3] - '0');
		if (y > 1) {
			char q = m->value[6];
			chr_tx_fmt_year(m->value, y - 1);
			m->value[4] = '-';
			m->value[5] = 'Q';
			m->value[6] = q;
			m->value[7] = '\0';
			m->derived = 1;
			e += yb;
		}
	}
	if (mod && !m->mod)
		m->mod = mod;
	m->start = i;
	/* "the three-hour talks", "the 2023 quarrel": the article belongs to
	 * the noun */
	/* "the Aug. 7 bombing", "the October 1998 attack", "the weeks before":
	 * a calendar date or a bare plural does not take the article either */
	const char *v = m->value;
	int calendar = m->type == CHR_TIMEX_DATE && v[0] && v[4] == '-' && v[5] >= '0' && v[5] <= '1' &&
		       (CLS(c, j, TXC_MONTH, NULL) || tok(c, j)->kind == CHR_TOK_NUMBER ||
			(tok(c, j)->flags & CHR_TF_HYPHEN));
	int bare_plural = m->type == CHR_TIMEX_DURATION && e == j + 1 && v[0] == 'P' && (v[1] == 'X' || v[2] == 'X') &&
			  CLS(c, j, TXC_UNIT, NULL);
	/* "about five hours", "within a week", "only minutes": the modifier
	 * stays in mod, outside the span, as TimeML marks it */
	if (m->start == i && i < j && outside_word(c, i))
		m->start = i + 1;
	if (after_the && j == i + 1 &&
	    ((m->type == CHR_TIMEX_DURATION && e == j + 1 && (tok(c, j)->flags & CHR_TF_HYPHEN)) ||
	     (e == j + 1 && tok(c, j)->kind == CHR_TOK_NUMBER && m->type == CHR_TIMEX_DATE) || calendar || bare_plural))
		m->start = j;
	m->end = e;
	return e;
}
