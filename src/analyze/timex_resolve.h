/*
 * timex_resolve.h - values relative to the article date (timex_resolve.c).
 * out has 32 bytes; without an anchor every writer prints X forms.
 */
#ifndef CHR_ANALYZE_TIMEX_RESOLVE_H
#define CHR_ANALYZE_TIMEX_RESOLVE_H

#include "analyze/timex_int.h"

void chr_tx_rel_year(char *out, const tx_anchor *a, int delta);
void chr_tx_rel_month(char *out, const tx_anchor *a, int delta);
/* The ISO week delta weeks from the anchor's; weekend adds "-WE". */
void chr_tx_rel_week(char *out, const tx_anchor *a, int delta, int weekend);
void chr_tx_rel_quarter(char *out, const tx_anchor *a, int delta);
void chr_tx_rel_decade(char *out, const tx_anchor *a, int delta);
void chr_tx_rel_century(char *out, const tx_anchor *a, int delta);
/* Quarter q (1-4) of year, or of the year that makes it nearest when year
 * is 0 (dir < 0: the one most recently reported). */
void chr_tx_quarter(char *out, const tx_anchor *a, int year, int q, int dir);
void chr_tx_half(char *out, const tx_anchor *a, int year, int h);
/* Season s (1 spring .. 4 winter) of year, or relative: rel -1 last, 0 this, +1 next. */
void chr_tx_season(char *out, const tx_anchor *a, int year, int s, int rel);
/* The year that puts month m (day d, or 0 for the month) nearest the
 * anchor, the past preferred; dir < 0 (a past-tense sentence) or > 0
 * (future) makes the other direction much dearer. */
int chr_tx_year_for(const tx_anchor *a, int m, int d, int dir);
/* Days from the anchor to weekday wd (1-7): mode -1 on or before, -2
 * strictly before, 1 on or after, 2 strictly after. */
int chr_tx_weekday_delta(const tx_anchor *a, int wd, int mode);
void chr_tx_weekday_value(char *out, const tx_anchor *a, int wd, int mode);

#endif
