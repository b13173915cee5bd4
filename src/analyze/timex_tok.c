/*
 * timex_tok.c - what the time rules ask of a token: its lexicon classes,
 * its number, its hyphenated parts, the count a phrase starts with
 * ("five", "25", "twenty-five", "a few", "2 1/2"), and the sentence's tense.
 */
#include <string.h>

#include "analyze/timex_tok.h"

/* Digits with optional thousands commas: "25", "1,000".  At most 9 digits
 * so the value fits and years like 99999 stay plain numbers. */
static int parse_int(const char *s, size_t n, long *v)
{
	long x = 0;
	size_t digits = 0;
	if (n == 0 || s[0] < '0' || s[0] > '9')
		return 0;
	for (size_t k = 0; k < n; k++) {
		if (s[k] >= '0' && s[k] <= '9') {
			if (++digits > 9)
				return 0;
			x = x * 10 + (s[k] - '0');
		} else if (s[k] == ',' && k > 0 && k + 4 <= n && (k + 4 == n || s[k + 4] == ',')) {
			continue;
		} else {
			return 0;
		}
	}
	*v = x;
	return 1;
}

int chr_tx_int(const tx_ctx *c, size_t i, long *v)
{
	if (i >= c->n || c->t->tok[i].kind != CHR_TOK_NUMBER)
		return 0;
	size_t n;
	const char *s = chr_token_text(c->t, i, &n);
	return parse_int(s, n, v);
}

int chr_tx_int_text(const char *s, size_t n, long *v)
{
	return parse_int(s, n, v);
}

int chr_tx_digit_ordinal(const tx_ctx *c, size_t i, long *v)
{
	if (i >= c->n || !(c->t->tok[i].flags & CHR_TF_DIGIT) || c->t->tok[i].kind != CHR_TOK_WORD)
		return 0;
	size_t n;
	const char *s = chr_token_text(c->t, i, &n);
	if (n < 3 || n > 4)
		return 0;
	char a = (char)(s[n - 2] | 0x20), b = (char)(s[n - 1] | 0x20);
	if (!((a == 's' && b == 't') || (a == 'n' && b == 'd') || (a == 'r' && b == 'd') ||
	      (a == 't' && b == 'h')))
		return 0;
	return parse_int(s, n - 2, v);
}

size_t chr_tx_parts(const tx_ctx *c, size_t i, tx_part *parts, size_t cap)
{
	tx_parts_cache *pc = c->parts;
	if (pc && pc->tok_plus_one == i + 1 && cap >= pc->n) {
		memcpy(parts, pc->part, pc->n * sizeof *parts);
		return pc->n;
	}
	size_t n;
	const char *s = chr_token_text(c->t, i, &n);
	size_t k = 0, from = 0;
	for (size_t p = 0; p <= n && k < cap; p++) {
		if (p < n && s[p] != '-')
			continue;
		if (p > from) {
			tx_part *pt = &parts[k++];
			pt->s = s + from;
			pt->n = p - from;
			pt->w = chr_tx_entry(chr_tx_lookup_index(chr_fold_hash(pt->s, pt->n)));
			pt->is_int = parse_int(pt->s, pt->n, &pt->ival);
		}
		from = p + 1;
	}
	if (pc && cap >= 4) {
		pc->tok_plus_one = i + 1;
		pc->n = k;
		memcpy(pc->part, parts, k * sizeof *parts);
	}
	return k;
}

/* A number written in words within one token part list: "twenty-five". */
static int parts_number(const tx_part *pt, size_t np, double *out)
{
	if (np == 1 && pt[0].is_int) {
		*out = (double)pt[0].ival;
		return 1;
	}
	if (np == 1 && tx_has(pt[0].w, TXC_NUMBER)) {
		*out = pt[0].w->val[TXC_NUMBER];
		return 1;
	}
	if (np == 2 && tx_has(pt[0].w, TXC_NUMBER) && tx_has(pt[1].w, TXC_NUMBER)) {
		int a = pt[0].w->val[TXC_NUMBER], b = pt[1].w->val[TXC_NUMBER];
		if (a >= 20 && a <= 90 && a % 10 == 0 && b >= 1 && b <= 9) {
			*out = a + b;
			return 1;
		}
	}
	return 0;
}

int chr_tx_parts_count(const tx_part *pt, size_t np, double *out)
{
	if (np == 1 && tx_has(pt[0].w, TXC_VAGUE) && !tx_has(pt[0].w, TXC_NUMBER)) {
		*out = -1;
		return 1;
	}
	return parts_number(pt, np, out);
}

/* "1/2" after a whole number. */
static int is_half(const tx_ctx *c, size_t i)
{
	if (i >= c->n || c->t->tok[i].kind != CHR_TOK_NUMBER)
		return 0;
	size_t n;
	const char *s = chr_token_text(c->t, i, &n);
	return n == 3 && memcmp(s, "1/2", 3) == 0;
}

size_t chr_tx_count(const tx_ctx *c, size_t i, double *out)
{
	if (i >= c->n)
		return 0;
	const chr_token *k = &c->t->tok[i];
	const tx_word *w = chr_tx_word(c, i);
	long v;
	if (k->kind == CHR_TOK_NUMBER) {
		size_t n;
		const char *s = chr_token_text(c->t, i, &n);
		if (parse_int(s, n, &v)) {
			*out = (double)v;
			if (is_half(c, i + 1) && chr_tx_same_sentence(c, i + 1, i)) {
				*out += 0.5;
				return 2;
			}
			return 1;
		}
		/* a decimal: "2.5" */
		const char *dot = memchr(s, '.', n);
		long a, b;
		if (dot && parse_int(s, (size_t)(dot - s), &a) && parse_int(dot + 1, n - (size_t)(dot - s) - 1, &b) &&
		    n - (size_t)(dot - s) - 1 == 1) {
			*out = (double)a + (double)b / 10.0;
			return 1;
		}
		return 0;
	}
	if (k->kind != CHR_TOK_WORD)
		return 0;
	if (tx_has(w, TXC_NUMBER)) {
		int a = w->val[TXC_NUMBER];
		const tx_word *w2 = chr_tx_word(c, i + 1);
		if ((a == 1) && (k->end - k->start) <= 2) {
			/* "a few", "a couple of", "a dozen" */
			if (tx_has(w2, TXC_VAGUE) && chr_tx_same_sentence(c, i + 1, i)) {
				int vv = w2->val[TXC_VAGUE];
				if (vv == 2 && chr_tx_glue(c, i + 2, TXS_OF)) {
					*out = 2;
					return 3;
				}
				*out = -1;
				return 2;
			}
			if (tx_has(w2, TXC_NUMBER) && w2->val[TXC_NUMBER] == 12) {
				*out = 12;
				return 2;
			}
		}
		if (a >= 20 && a <= 90 && a % 10 == 0 && tx_has(w2, TXC_NUMBER) &&
		    w2->val[TXC_NUMBER] >= 1 && w2->val[TXC_NUMBER] <= 9 && chr_tx_same_sentence(c, i + 1, i)) {
			*out = a + w2->val[TXC_NUMBER];
			return 2;
		}
		*out = a;
		return 1;
	}
	if (tx_has(w, TXC_VAGUE)) {
		if (w->val[TXC_VAGUE] == 2) {
			if (!chr_tx_glue(c, i + 1, TXS_OF))
				return 0;
			*out = 2;
			return 2;
		}
		*out = -1;
		return 1;
	}
	if (k->flags & CHR_TF_HYPHEN) {
		tx_part pt[4];
		size_t np = chr_tx_parts(c, i, pt, 4);
		if (np == 2 && parts_number(pt, np, out))
			return 1;
	}
	return 0;
}

/* A word that ends in -ed reads as a past-tense verb often enough to be a
 * cue when no modal is near. */
static int ends_ed(const tx_ctx *c, size_t i)
{
	const chr_token *k = &c->t->tok[i];
	if (k->kind != CHR_TOK_WORD || (k->flags & (CHR_TF_UPPER | CHR_TF_DIGIT)) || k->end - k->start < 4)
		return 0;
	const char *s = c->t->text + k->end;
	/* "succeed", "need", "proceed" are not past tenses */
	return s[-2] == 'e' && s[-1] == 'd' && s[-3] != 'e';
}

static int tense_of(const tx_ctx *c, size_t i)
{
	const tx_word *w = chr_tx_word(c, i);
	if (tx_has(w, TXC_FUTURE))
		return 1;
	if (tx_has(w, TXC_PAST) || ends_ed(c, i))
		return -1;
	return 0;
}

int chr_tx_tense(const tx_ctx *c, size_t i)
{
	int t = chr_tx_tense_cue(c, i);
	return t ? t : -1;
}

int chr_tx_tense_cue(const tx_ctx *c, size_t i)
{
	const chr_sentence *s = &c->t->sent[c->t->tok[i].sentence];
	/* the nearest cue within six tokens before, then four after: the verb
	 * of the clause, not of the next one, and a bounded cost */
	for (size_t k = i, steps = 0; k > s->tok_begin && steps < 6; steps++) {
		k--;
		int t = tense_of(c, k);
		if (t)
			return t;
	}
	for (size_t k = i + 1, steps = 0; k < s->tok_end && steps < 4; k++, steps++) {
		int t = tense_of(c, k);
		if (t)
			return t;
	}
	return 0;
}
