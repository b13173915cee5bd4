/*
 * timex_tok.h - token questions for the time rules (timex_tok.c).
 */
#ifndef CHR_ANALYZE_TIMEX_TOK_H
#define CHR_ANALYZE_TIMEX_TOK_H

#include "analyze/timex_int.h"


static inline const tx_word *chr_tx_word(const tx_ctx *c, size_t i)
{
	return i < c->n && c->lex[i] ? &c->entries[c->lex[i]] : NULL;
}

/* Whether token i is in cls (then *val gets its value; val may be NULL). */
static inline int chr_tx_class(const tx_ctx *c, size_t i, tx_class cls, int *val)
{
	const tx_word *w = chr_tx_word(c, i);
	if (!tx_has(w, cls))
		return 0;
	if (val)
		*val = w->val[cls];
	return 1;
}

static inline int chr_tx_glue(const tx_ctx *c, size_t i, int sym)
{
	const tx_word *w = chr_tx_word(c, i);
	return tx_has(w, TXC_GLUE) && w->val[TXC_GLUE] == sym;
}

static inline int chr_tx_same_sentence(const tx_ctx *c, size_t i, size_t base)
{
	return i < c->n && base < c->n && c->t->tok[i].sentence == c->t->tok[base].sentence;
}
/* A plain whole number token ("25", "1,000"). */
int chr_tx_int(const tx_ctx *c, size_t i, long *v);
int chr_tx_int_text(const char *s, size_t n, long *v);
/* "3rd", "15th". */
int chr_tx_digit_ordinal(const tx_ctx *c, size_t i, long *v);
/* The parts of token i split at hyphens (at most cap). */
size_t chr_tx_parts(const tx_ctx *c, size_t i, tx_part *parts, size_t cap);
int chr_tx_parts_count(const tx_part *pt, size_t np, double *out);
/* A count starting at i: tokens used (0 if none); *out = -1 for "several". */
size_t chr_tx_count(const tx_ctx *c, size_t i, double *out);

#endif
