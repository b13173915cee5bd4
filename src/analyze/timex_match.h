/*
 * timex_match.h - the pieces of the time rules shared between
 * timex_rules.c (modifiers and the choice of the longest match),
 * timex_dates.c (calendar dates, weekdays, years, quarters, seasons) and
 * timex_spans.c (relative periods, durations, clock times, sets).
 *
 * Every chr_tx_core_* looks for one kind of expression starting at token i
 * (base: the token the whole match started at, whose sentence bounds it),
 * fills m and returns the token after it, or 0 when it does not match.
 */
#ifndef CHR_ANALYZE_TIMEX_MATCH_H
#define CHR_ANALYZE_TIMEX_MATCH_H

#include "analyze/timex_resolve.h"
#include "analyze/timex_tok.h"

/* How many sentences after a quarter "a year earlier" still means it. */
#define TX_QUARTER_REACH 4u

#define CLS(c, i, k, v) chr_tx_class((c), (i), (k), (v))
#define GLUE(c, i, s) chr_tx_glue((c), (i), (s))
#define SAME(c, i, b) chr_tx_same_sentence((c), (i), (b))

static inline const chr_token *tok(const tx_ctx *c, size_t i)
{
	return &c->t->tok[i];
}

static inline int upper(const tx_ctx *c, size_t i)
{
	return i < c->n && (tok(c, i)->flags & CHR_TF_UPPER);
}

static inline int is_punct(const tx_ctx *c, size_t i, char ch)
{
	return i < c->n && tok(c, i)->kind == CHR_TOK_PUNCT && tok(c, i)->end - tok(c, i)->start == 1 &&
	       c->t->text[tok(c, i)->start] == ch;
}

/* A four-digit year token (1000..2999, not a count), a day of the month. */
int chr_tx_year_at(const tx_ctx *c, size_t i, int *y);
int chr_tx_day_at(const tx_ctx *c, size_t i, int *d);
/* A year read out at i ("nineteen ninety-six"; with thousands also "two
 * thousand five"): the tokens it takes, 0 if none. */
size_t chr_tx_spoken_year_at(const tx_ctx *c, size_t i, size_t base, int *y, int thousands);
/* Whether the number at i continues a list of days ("April 24 and 25"). */
int chr_tx_list_day(const tx_ctx *c, size_t i);
/* The day a clock time hangs on: the last day named in the sentence, or
 * the article date. */
void chr_tx_ref_day(const tx_ctx *c, size_t i, char *out);
/* "MO", "EV", "12:00" for a part-of-day symbol. */
const char *chr_tx_part_code(int p);
/* count + unit at i ("five hours", "a few weeks"): the tokens it takes. */
size_t chr_tx_count_unit(tx_ctx *c, size_t i, size_t base, double *cnt, int *unit);

size_t chr_tx_core_month(tx_ctx *c, size_t i, size_t base, tx_match *m);
size_t chr_tx_core_weekday(tx_ctx *c, size_t i, size_t base, tx_match *m, int mode);
size_t chr_tx_core_deictic(tx_ctx *c, size_t i, size_t base, tx_match *m);
size_t chr_tx_core_ref(tx_ctx *c, size_t i, size_t base, tx_match *m, int after_the);
size_t chr_tx_core_duration(tx_ctx *c, size_t i, size_t base, tx_match *m);
size_t chr_tx_core_rel(tx_ctx *c, size_t i, size_t base, tx_match *m, int after_the);
size_t chr_tx_core_ordinal(tx_ctx *c, size_t i, size_t base, tx_match *m, int year);
size_t chr_tx_core_part(tx_ctx *c, size_t i, size_t base, tx_match *m, int after_the);
size_t chr_tx_core_clock(tx_ctx *c, size_t i, size_t base, tx_match *m);
size_t chr_tx_core_set(tx_ctx *c, size_t i, size_t base, tx_match *m);
size_t chr_tx_core_decade(tx_ctx *c, size_t i, tx_match *m, const char *s, size_t n);
size_t chr_tx_core_decade_word(tx_ctx *c, size_t i, tx_match *m);
size_t chr_tx_core_hyphen(tx_ctx *c, size_t i, size_t base, tx_match *m);
size_t chr_tx_core_number(tx_ctx *c, size_t i, size_t base, tx_match *m);
size_t chr_tx_core_fiscal(tx_ctx *c, size_t i, size_t base, tx_match *m, int after_the);
size_t chr_tx_core_spoken_year(tx_ctx *c, size_t i, size_t base, tx_match *m);
size_t chr_tx_core_season(tx_ctx *c, size_t i, size_t base, tx_match *m, int after_the);
size_t chr_tx_core_holiday(tx_ctx *c, size_t i, size_t base, tx_match *m);
size_t chr_tx_core_year_end(tx_ctx *c, size_t i, size_t base, tx_match *m);
size_t chr_tx_core_the_unit(tx_ctx *c, size_t i, tx_match *m);

#endif
