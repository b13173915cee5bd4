/*
 * timex_resolve.c - values of expressions that lean on the article date:
 * "last week", "next year", "this quarter", "last fall", "Friday",
 * "December 3".  Each writer prints the X form ("XXXX-WXX") when the
 * document has no date, so nothing ever falls back to the clock.
 */
#include <stdio.h>
#include <stdlib.h>

#include "analyze/timex_resolve.h"

static int quarter_of(int m)
{
	return (m - 1) / 3 + 1;
}

void chr_tx_rel_year(char *out, const tx_anchor *a, int delta)
{
	chr_tx_fmt_year(out, a->ok ? a->y + delta : 0);
}

void chr_tx_rel_month(char *out, const tx_anchor *a, int delta)
{
	if (!a->ok) {
		chr_tx_fmt_month(out, 0, 0);
		return;
	}
	int y = a->y, m = a->m;
	chr_tx_add_months(&y, &m, delta);
	chr_tx_fmt_month(out, y, m);
}

void chr_tx_rel_week(char *out, const tx_anchor *a, int delta, int weekend)
{
	int wy = 0, w = 0;
	if (a->ok) {
		int y, m, d;
		chr_tx_civil(chr_tx_days(a->y, a->m, a->d) + 7 * delta, &y, &m, &d);
		if (y >= 1 && y <= 9999)
			chr_tx_iso_week(y, m, d, &wy, &w);
	}
	chr_tx_fmt_week(out, wy, w);
	if (weekend)
		snprintf(out + 8, 24, "-WE");
}

void chr_tx_rel_quarter(char *out, const tx_anchor *a, int delta)
{
	if (!a->ok) {
		snprintf(out, 32, "XXXX-QX");
		return;
	}
	int q = a->y * 4 + quarter_of(a->m) - 1 + delta;
	chr_tx_fmt_year(out, q / 4);
	snprintf(out + 4, 28, "-Q%d", q % 4 + 1);
}

void chr_tx_quarter(char *out, const tx_anchor *a, int year, int q, int dir)
{
	if (year <= 0 && a->ok) {
		/* "the fourth quarter" in January is the one just reported */
		year = a->y;
		if (q > quarter_of(a->m) && dir < 0)
			year--;
	}
	chr_tx_fmt_year(out, year);
	snprintf(out + 4, 28, "-Q%d", q);
}

void chr_tx_half(char *out, const tx_anchor *a, int year, int h)
{
	if (year <= 0 && a->ok)
		year = a->y;
	chr_tx_fmt_year(out, year);
	snprintf(out + 4, 28, "-H%d", h);
}

void chr_tx_rel_decade(char *out, const tx_anchor *a, int delta)
{
	if (!a->ok)
		snprintf(out, 32, "XXXX");
	else
		snprintf(out, 32, "%03d", abs(a->y / 10 + delta) % 1000);
}

void chr_tx_rel_century(char *out, const tx_anchor *a, int delta)
{
	if (!a->ok)
		snprintf(out, 32, "XXXX");
	else
		snprintf(out, 32, "%02d", abs(a->y / 100 + delta) % 100);
}

static const char *const season_code[5] = { "", "SP", "SU", "FA", "WI" };

/* The season a month falls in: spring 3-5, summer 6-8, fall 9-11, winter 12-2. */
static int season_of(int m)
{
	return m >= 3 && m <= 5 ? 1 : m >= 6 && m <= 8 ? 2 : m >= 9 && m <= 11 ? 3 : 4;
}

void chr_tx_season(char *out, const tx_anchor *a, int year, int s, int rel)
{
	if (s < 1 || s > 4)
		s = 1;
	if (year <= 0 && a->ok) {
		int cur = season_of(a->m);
		/* winter is named by the year it starts in */
		int cur_year = a->m <= 2 ? a->y - 1 : a->y;
		year = cur_year;
		if (rel < 0)
			year = s < cur ? cur_year : cur_year - 1;
		else if (rel > 0)
			year = s > cur ? cur_year : cur_year + 1;
		else if (rel == 0 && s == 4 && a->m >= 3)
			year = a->y;
	}
	chr_tx_fmt_year(out, year);
	snprintf(out + 4, 28, "-%s", season_code[s]);
}

/* Distance in days from the anchor to y-m-d (d clamped to the month). */
static int64_t day_distance(const tx_anchor *a, int y, int m, int d)
{
	int md = chr_tx_month_days(y, m);
	if (d > md)
		d = md;
	return chr_tx_days(y, m, d) - chr_tx_days(a->y, a->m, a->d);
}

/* How much dearer a date is per unit of distance when it goes against
 * the tense of its sentence. */
#define TX_AGAINST_TENSE 6

int chr_tx_year_for(const tx_anchor *a, int m, int d, int dir)
{
	if (!a->ok)
		return 0;
	int best = a->y;
	int64_t best_cost = -1;
	for (int y = a->y - 1; y <= a->y + 1; y++) {
		int64_t dist;
		if (d > 0) {
			dist = day_distance(a, y, m, d);
		} else {
			/* a month: 0 when it is the anchor's month */
			dist = (int64_t)(y * 12 + m) - (a->y * 12 + a->m);
		}
		/* news looks back: a future date costs a little more; the
		 * sentence's tense makes the other direction dearer still, not
		 * impossible ("was announced ... in early March" may be next month) */
		int64_t cost = dist < 0 ? -dist * (dir > 0 ? TX_AGAINST_TENSE : 2)
					: dist * (dir < 0 ? TX_AGAINST_TENSE : 3);
		if (best_cost < 0 || cost < best_cost) {
			best_cost = cost;
			best = y;
		}
	}
	return best;
}

int chr_tx_weekday_delta(const tx_anchor *a, int wd, int mode)
{
	int awd = chr_tx_weekday(a->y, a->m, a->d);
	int back = (awd - wd + 7) % 7, fwd = (wd - awd + 7) % 7;
	switch (mode) {
	case -2: return back ? -back : -7;
	case 2: return fwd ? fwd : 7;
	case 1: return fwd;
	default: return -back;
	}
}

void chr_tx_weekday_value(char *out, const tx_anchor *a, int wd, int mode)
{
	if (!a->ok) {
		snprintf(out, 32, "XXXX-WXX-%d", wd);
		return;
	}
	chr_tx_fmt_rel_day(out, a, chr_tx_weekday_delta(a, wd, mode));
}
