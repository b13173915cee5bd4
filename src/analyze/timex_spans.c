/*
 * timex_spans.c - time expressions that are relative or have a length:
 * "last week", "the past two years", "earlier this month", "two years
 * ago", "five hours", "three-day", "10:30 a.m.", "every week", "daily",
 * "now", "the quarter", "year-end".
 */
#include <stdio.h>
#include <string.h>

#include "analyze/timex_match.h"

static int ends_in(const tx_ctx *c, size_t i, const char *a, const char *b)
{
	size_t n;
	const char *s = chr_token_text(c->t, i, &n);
	return (n == strlen(a) && memcmp(s, a, n) == 0) || (n == strlen(b) && memcmp(s, b, n) == 0);
}

/* now, recently, the past, the future */
size_t chr_tx_core_ref(tx_ctx *c, size_t i, size_t base, tx_match *m, int after_the)
{
	int r;
	if (after_the && CLS(c, i, TXC_NEAR, &r) && SAME(c, i + 1, base) && CLS(c, i + 1, TXC_NEAR, &r) && r == 2) {
		/* "the near future", "the short term" */
		snprintf(m->value, sizeof m->value, "FUTURE_REF");
		m->type = CHR_TIMEX_DATE;
		return i + 2;
	}
	if (!CLS(c, i, TXC_REF, &r))
		return 0;
	size_t n;
	const char *s = chr_token_text(c->t, i, &n);
	int u;
	/* "past" and "future" are times only as nouns: "the past", "in future" */
	if ((n == 4 && memcmp(s, "past", 4) == 0) || (n == 4 && memcmp(s, "Past", 4) == 0)) {
		if (!after_the || CLS(c, i + 1, TXC_UNIT, NULL) || chr_tx_count(c, i + 1, &(double){0}))
			return 0;
	}
	if (n == 6 && (s[0] | 0x20) == 'f' && !after_the && !(i > 0 && GLUE(c, i - 1, TXS_IN)))
		return 0;
	if (n == 4 && (s[0] | 0x20) == 'o')  /* "once" is mostly "one time" */
		return 0;
	/* "the recent talks", "the current crisis": adjectives, not times */
	int noun = (n == 4 && (s[0] | 0x20) == 'p') || (n == 6 && (s[0] | 0x20) == 'f');
	if (after_the && !noun)
		return 0;
	/* "recent years" is a vague span; "current quarter" is left to the
	 * relative rules */
	if (SAME(c, i + 1, base) && CLS(c, i + 1, TXC_UNIT, &u)) {
		size_t un;
		const char *us = chr_token_text(c->t, i + 1, &un);
		if (r == TXS_PRESENT_REF || us[un - 1] != 's' || u == TXS_PE)
			return 0;
		if (r == TXS_PAST_REF && u != TXS_Y && u != TXS_DE) {
			/* "recent weeks": a span of some weeks */
			m->type = CHR_TIMEX_DURATION;
			chr_tx_fmt_duration(m->value, -1, u);
			return i + 2;
		}
		/* "recent years", "future quarters": no span anyone could
		 * measure, only the past or the future at large */
		m->type = CHR_TIMEX_DATE;
		snprintf(m->value, sizeof m->value, "%s", chr_tx_symbol_name(r));
		return i + 2;
	}
	snprintf(m->value, sizeof m->value, "%s", chr_tx_symbol_name(r));
	m->type = CHR_TIMEX_DATE;
	return i + 1;
}

/* A unit of a relative period: last/this/next + unit. */
static int rel_unit_value(tx_ctx *c, char *out, int unit, int delta)
{
	switch (unit) {
	case TXS_Y: chr_tx_rel_year(out, &c->a, delta); return 1;
	case TXS_M: chr_tx_rel_month(out, &c->a, delta); return 1;
	case TXS_W: chr_tx_rel_week(out, &c->a, delta, 0); return 1;
	case TXS_WE: chr_tx_rel_week(out, &c->a, delta, 1); return 1;
	case TXS_Q: chr_tx_rel_quarter(out, &c->a, delta); return 1;
	case TXS_DE: chr_tx_rel_decade(out, &c->a, delta); return 1;
	case TXS_CE: chr_tx_rel_century(out, &c->a, delta); return 1;
	case TXS_PE:
		/* "the latest period", "the same period": the quarter in the news */
		if (!c->q_y)
			return 0;
		snprintf(out, 32, "%04d-Q%d", c->q_y, c->q_q);
		return 1;
	case TXS_D:
		if (delta == 0 && !c->ref_ok)
			return 0;
		if (c->ref_ok) {
			int y, mo, d;
			chr_tx_civil(chr_tx_days(c->ref_y, c->ref_m, c->ref_d) + delta, &y, &mo, &d);
			chr_tx_fmt_day(out, y, mo, d);
		} else {
			chr_tx_fmt_rel_day(out, &c->a, delta);
		}
		return 1;
	default: return 0;
	}
}

/* count + unit: "five hours", "the past two years", "several weeks" */
size_t chr_tx_count_unit(tx_ctx *c, size_t i, size_t base, double *cnt, int *unit)
{
	size_t k = chr_tx_count(c, i, cnt);
	if (!k || !SAME(c, i + k, base))
		return 0;
	size_t j = i + k;
	/* "two more weeks", "three full days" */
	int mv;
	if (CLS(c, j, TXC_MOD, &mv) && mv == TXS_MORE_THAN && SAME(c, j + 1, base) &&
	    CLS(c, j + 1, TXC_UNIT, NULL))
		j++;
	if (!CLS(c, j, TXC_UNIT, unit) || *unit == TXS_PE)
		return 0;
	if (*cnt >= 1000 && *cnt < 3000 && k == 1 && tok(c, i)->end - tok(c, i)->start == 4)
		return 0;  /* "the 1988 second quarter" */
	if (*unit == TXS_S && *cnt == 1 && tok(c, i)->end - tok(c, i)->start <= 2)
		return 0;  /* "a second term" */
	if (*unit == TXS_HA) {
		/* "a half hour" */
		int u2;
		if (*cnt == 1 && SAME(c, j + 1, base) && CLS(c, j + 1, TXC_UNIT, &u2) && u2 == TXS_H) {
			*cnt = 30;
			*unit = TXS_MIN;
			return j + 2 - i;
		}
		return 0;
	}
	j++;
	/* "a year and a half" */
	double h;
	if (GLUE(c, j, TXS_AND) && SAME(c, j + 2, base) && chr_tx_count(c, j + 1, &h) == 1 && h == 1 &&
	    CLS(c, j + 2, TXC_UNIT, &(int){0}) && *cnt >= 0) {
		int u2;
		CLS(c, j + 2, TXC_UNIT, &u2);
		if (u2 == TXS_HA) {
			*cnt += 0.5;
			j += 3;
		}
	}
	return j - i;
}

/* A duration shifted to a point: "two years ago", "a day earlier". */
static void shifted(tx_ctx *c, tx_match *m, double cnt, int unit, int dir)
{
	int n = (int)cnt;
	m->type = CHR_TIMEX_DATE;
	m->derived = 1;
	if (cnt < 0 || cnt != (double)n || !c->a.ok) {
		snprintf(m->value, sizeof m->value, "%s", dir < 0 ? "PAST_REF" : "FUTURE_REF");
		return;
	}
	int delta = dir * n;
	switch (unit) {
	case TXS_Y:
		if (c->q_y && !c->q_off && n == 1 && dir < 0 && c->cur_sentence - c->q_sentence <= TX_QUARTER_REACH) {
			/* "a year earlier" beside quarterly results */
			snprintf(m->value, sizeof m->value, "%04d-Q%d", c->q_y - 1, c->q_q);
			break;
		}
		chr_tx_rel_year(m->value, &c->a, delta);
		break;
	case TXS_M: chr_tx_rel_month(m->value, &c->a, delta); break;
	case TXS_Q: chr_tx_rel_quarter(m->value, &c->a, delta); break;
	case TXS_W: chr_tx_rel_week(m->value, &c->a, delta, 0); break;  /* "six weeks ago": that week */
	case TXS_D: chr_tx_fmt_rel_day(m->value, &c->a, delta); break;
	case TXS_DE: chr_tx_rel_year(m->value, &c->a, delta * 10); break;
	case TXS_CE: chr_tx_rel_century(m->value, &c->a, delta); break;
	default:
		chr_tx_fmt_rel_day(m->value, &c->a, 0);
		m->type = CHR_TIMEX_TIME;
		snprintf(m->value, sizeof m->value, "%s", dir < 0 ? "PAST_REF" : "FUTURE_REF");
		break;
	}
}

static size_t duration_tail(tx_ctx *c, size_t j, size_t base, tx_match *m, double cnt, int unit)
{
	int a;
	if (SAME(c, j, base) && CLS(c, j, TXC_AFTER, &a)) {
		size_t n;
		const char *s = chr_token_text(c->t, j, &n);
		/* "ago" counts from the article date; "later" and "earlier" from
		 * some other event, so they stay spans, except "a year earlier",
		 * which business news uses for the same period last year */
		if ((s[0] | 0x20) == 'a' || (a < 0 && (unit == TXS_Y || unit == TXS_Q) && cnt == 1)) {
			shifted(c, m, cnt, unit, a);
			return j + 1;
		}
		m->type = CHR_TIMEX_DURATION;
		chr_tx_fmt_duration(m->value, cnt, unit);
		return j + 1;
	}
	/* "from now" */
	if (GLUE(c, j, TXS_FROM) && SAME(c, j + 1, base) && CLS(c, j + 1, TXC_REF, &a) && a == TXS_PRESENT_REF) {
		shifted(c, m, cnt, unit, 1);
		return j + 2;
	}
	if (GLUE(c, j, TXS_OLD) && SAME(c, j, base)) {
		m->drop = 1;  /* an age: "52 years old" */
		return j + 1;
	}
	m->type = CHR_TIMEX_DURATION;
	chr_tx_fmt_duration(m->value, cnt, unit);
	return j;
}

size_t chr_tx_core_duration(tx_ctx *c, size_t i, size_t base, tx_match *m)
{
	double cnt;
	int unit;
	size_t k = chr_tx_count_unit(c, i, base, &cnt, &unit);
	if (!k) {
		/* a bare plural: "for years", "within weeks" */
		if (!CLS(c, i, TXC_UNIT, &unit) || unit == TXS_PE || unit == TXS_HA || unit == TXS_WE)
			return 0;
		size_t n;
		const char *s = chr_token_text(c->t, i, &n);
		if (tok(c, i)->kind != CHR_TOK_WORD || s[n - 1] != 's' || (tok(c, i)->flags & CHR_TF_UPPER))
			return 0;
		if (i > 0 && (tok(c, i - 1)->kind == CHR_TOK_NUMBER ||
			      ((tok(c, i - 1)->flags & CHR_TF_UPPER) && !(tok(c, i - 1)->flags & CHR_TF_SENT_START))))
			return 0;
		m->type = CHR_TIMEX_DURATION;
		chr_tx_fmt_duration(m->value, -1, unit);
		return i + 1;
	}
	/* "a year" after a rate ("5% a year", "twice a day") is a set */
	size_t n0;
	const char *s0 = chr_token_text(c->t, i, &n0);
	if (cnt == 1 && n0 <= 2 && (s0[0] | 0x20) == 'a' && i > 0 && !CLS(c, i + k, TXC_AFTER, NULL) &&
	    (tok(c, i - 1)->kind == CHR_TOK_NUMBER || is_punct(c, i - 1, '%') || CLS(c, i - 1, TXC_RATE, NULL) ||
	     tok(c, i - 1)->kind == CHR_TOK_SYMBOL || CLS(c, i - 1, TXC_NOTYEAR, NULL))) {
		m->type = CHR_TIMEX_SET;
		chr_tx_fmt_duration(m->value, 1, unit);
		return i + k;
	}
	/* "will one day be": some day ahead, not a span */
	if (cnt == 1 && k == 2 && unit == TXS_D && n0 == 3 && (s0[0] | 0x20) == 'o' && !CLS(c, i + k, TXC_AFTER, NULL) &&
	    !(i > 0 && (GLUE(c, i - 1, TXS_FOR) || GLUE(c, i - 1, TXS_THE))) && chr_tx_tense_cue(c, i) > 0) {
		m->type = CHR_TIMEX_DATE;
		snprintf(m->value, sizeof m->value, "FUTURE_REF");
		return i + k;
	}
	return duration_tail(c, i + k, base, m, cnt, unit);
}

/* "following", "previous", "preceding": they count from the time the
 * story is telling, where "next" and "last" count from the article date */
static int anaphoric(const char *s, size_t n)
{
	return (n == 9 && (s[0] | 0x20) == 'f') || (n >= 8 && (s[0] | 0x20) == 'p' && (s[1] | 0x20) == 'r');
}

/* last/this/next ... */
size_t chr_tx_core_rel(tx_ctx *c, size_t i, size_t base, tx_match *m, int after_the)
{
	int r;
	if (!CLS(c, i, TXC_REL, &r))
		return 0;
	size_t n;
	const char *s = chr_token_text(c->t, i, &n);
	int is_that = n == 4 && (s[0] | 0x20) == 't' && (s[1] | 0x20) == 'h' && (s[2] | 0x20) == 'a';
	int is_same = n == 4 && (s[0] | 0x20) == 's';
	int is_this = n == 4 && (s[0] | 0x20) == 't' && (s[1] | 0x20) == 'h' && (s[2] | 0x20) == 'i';
	int is_full = n == 4 && (s[0] | 0x20) == 'f';
	int fu;
	/* "the full year" is the year; "a full day" is a span */
	if (is_full && (!after_the || !CLS(c, i + 1, TXC_UNIT, &fu) || fu == TXS_D || fu == TXS_H))
		return 0;
	size_t j = i + 1;
	int r2;
	/* "this past weekend", "this coming Sunday" */
	if (is_this && SAME(c, j, base) && CLS(c, j, TXC_REL, &r2) && r2 != 0) {
		r = r2;
		j++;
		is_this = 0;
	}
	if (!SAME(c, j, base))
		return 0;
	int unit, v;
	double cnt;
	size_t k = chr_tx_count_unit(c, j, base, &cnt, &unit);
	if (k && !is_that && !is_same) {
		/* "the past two years", "the next few days" */
		if (cnt == 1 && chr_tx_count(c, j, &cnt) == 1) {
			size_t n1;
			const char *s1 = chr_token_text(c->t, j, &n1);
			if (n1 <= 2 && (s1[0] | 0x20) == 'a')
				return 0;  /* "this a year" is not English; "last a year" neither */
		}
		m->type = CHR_TIMEX_DURATION;
		chr_tx_fmt_duration(m->value, cnt, unit);
		return j + k;
	}
	if (CLS(c, j, TXC_FISCAL, NULL) && SAME(c, j + 1, base))
		j++;
	if (CLS(c, j, TXC_UNIT, &unit)) {
		size_t un;
		const char *us = chr_token_text(c->t, j, &un);
		int plural = us[un - 1] == 's' && unit != TXS_S;
		if (plural) {
			/* "the past weeks", "coming months" */
			if (r == 0 && n == 5 && (s[0] | 0x20) == 't' && (s[2] | 0x20) == 'e' && unit == TXS_D) {
				/* "these days": the present */
				m->type = CHR_TIMEX_DATE;
				snprintf(m->value, sizeof m->value, "PRESENT_REF");
				return j + 1;
			}
			if (r == 0)
				return 0;
			if (r < 0 && (unit == TXS_Y || unit == TXS_DE) && CLS(c, i, TXC_REF, NULL)) {
				/* "past years", like "recent years": the past at large */
				m->type = CHR_TIMEX_DATE;
				snprintf(m->value, sizeof m->value, "PAST_REF");
				return j + 1;
			}
			m->type = CHR_TIMEX_DURATION;
			chr_tx_fmt_duration(m->value, -1, unit);
			return j + 1;
		}
		if ((is_that || is_same) && unit == TXS_Y && c->last_year) {
			/* "that year": the year the text last named */
			m->type = CHR_TIMEX_DATE;
			chr_tx_fmt_year(m->value, c->last_year);
			return j + 1;
		}
		if ((is_that || is_same) && unit == TXS_Q && c->q_y) {
			m->type = CHR_TIMEX_DATE;
			snprintf(m->value, sizeof m->value, "%04d-Q%d", c->q_y, c->q_q);
			return j + 1;
		}
		if ((is_that || is_same) && unit != TXS_D)
			return 0;
		if (after_the && r != 0 && (unit == TXS_Y || unit == TXS_M) && c->last_year &&
		    anaphoric(s, n)) {
			/* "the following year", "the previous month": next to the
			 * period the story is telling, not to the article date */
			m->type = CHR_TIMEX_DATE;
			if (unit == TXS_Y) {
				chr_tx_fmt_year(m->value, c->last_year + r);
				return j + 1;
			}
			if (c->last_month) {
				int y = c->last_year, mo = c->last_month;
				chr_tx_add_months(&y, &mo, r);
				chr_tx_fmt_month(m->value, y, mo);
				return j + 1;
			}
		}
		/* "the past year" reads as the year before; "the past week" as a span */
		if (after_the && r < 0 && (unit == TXS_W || unit == TXS_M || unit == TXS_D) && !is_same) {
			int pr;
			if (CLS(c, i, TXC_REF, &pr)) {
				m->type = CHR_TIMEX_DURATION;
				chr_tx_fmt_duration(m->value, 1, unit);
				return j + 1;
			}
		}
		if (!rel_unit_value(c, m->value, unit, (is_that || is_same) ? 0 : r))
			return 0;
		m->type = CHR_TIMEX_DATE;
		if (unit == TXS_Y && c->a.ok && SAME(c, j + 2, base) && (tok(c, j + 1)->flags & CHR_TF_POSSESSIVE)) {
			/* "next year's first quarter", "last year's quarter" */
			tx_match om = *m;
			int uq;
			size_t oe = chr_tx_core_ordinal(c, j + 2, base, &om, c->a.y + r);
			if (oe) {
				*m = om;
				return oe;
			}
			if (CLS(c, j + 2, TXC_UNIT, &uq) && (uq == TXS_Q || uq == TXS_PE) && c->q_q) {
				snprintf(m->value, sizeof m->value, "%04d-Q%d", c->a.y + r, c->q_q);
				return j + 3;
			}
		}
		return j + 1;
	}
	if (is_that || is_same)
		return 0;
	if (CLS(c, j, TXC_MONTH, &v) && upper(c, j)) {
		int y = 0;
		if (c->a.ok) {
			y = c->a.y;
			if (r < 0 && v >= c->a.m)
				y--;
			else if (r > 0 && v <= c->a.m)
				y++;
		}
		m->type = CHR_TIMEX_DATE;
		int d;
		if (SAME(c, j + 1, base) && chr_tx_day_at(c, j + 1, &d) && d <= chr_tx_month_days(y ? y : 2000, v)) {
			/* "last Oct. 23" */
			if (c->a.ok && r < 0 && v == c->a.m && d < c->a.d)
				y = c->a.y;
			chr_tx_fmt_day(m->value, y, v, d);
			return j + 2;
		}
		chr_tx_fmt_month(m->value, y, v);
		return j + 1;
	}
	if (CLS(c, j, TXC_WEEKDAY, &v) && upper(c, j) && after_the && r != 0 && c->ref_ok &&
	    anaphoric(s, n)) {
		/* "the previous Friday": the one before the day the story is on */
		tx_anchor ra = { 1, c->ref_y, c->ref_m, c->ref_d };
		chr_tx_weekday_value(m->value, &ra, v, r < 0 ? -2 : 2);
		m->type = CHR_TIMEX_DATE;
		return j + 1;
	}
	if (CLS(c, j, TXC_WEEKDAY, &v) && upper(c, j)) {
		int mode = r < 0 ? -2 : r > 0 ? 1 : (chr_tx_tense(c, i) < 0 ? -1 : 1);
		return chr_tx_core_weekday(c, j, base, m, mode);
	}
	if (CLS(c, j, TXC_SEASON, &v)) {
		m->type = CHR_TIMEX_DATE;
		chr_tx_season(m->value, &c->a, 0, v, r);
		return j + 1;
	}
	if (CLS(c, j, TXC_PART, &v)) {
		/* "last night", "this morning" */
		if (r > 0 || (r < 0 && v != TXS_NI) || v == TXS_MI || v == TXS_MN)
			return 0;
		chr_tx_fmt_rel_day(m->value, &c->a, r < 0 ? -1 : 0);
		size_t len = strlen(m->value);
		snprintf(m->value + len, sizeof m->value - len, "T%s", chr_tx_part_code(v));
		m->type = CHR_TIMEX_TIME;
		return j + 1;
	}
	return 0;
}

/* hh:mm, 5 p.m., noon, with an optional zone and day */
size_t chr_tx_core_clock(tx_ctx *c, size_t i, size_t base, tx_match *m)
{
	int hh = -1, mm = 0, ap = 0, p;
	size_t j = i;
	size_t n;
	const char *s = chr_token_text(c->t, i, &n);
	if (tok(c, i)->kind == CHR_TOK_NUMBER) {
		const char *colon = memchr(s, ':', n);
		long a, b;
		if (colon) {
			if (!chr_tx_int_text(s, (size_t)(colon - s), &a) ||
			    !chr_tx_int_text(colon + 1, n - (size_t)(colon - s) - 1, &b) || n - (size_t)(colon - s) - 1 != 2)
				return 0;
			hh = (int)a;
			mm = (int)b;
		} else if (chr_tx_int(c, i, &a) && n <= 2) {
			hh = (int)a;
		} else {
			return 0;
		}
		j++;
		int pd;
		if (SAME(c, j, base) && CLS(c, j, TXC_AMPM, &ap)) {
			j++;
		} else if (hh >= 1 && hh <= 12 && GLUE(c, j, TXS_IN) && GLUE(c, j + 1, TXS_THE) && SAME(c, j + 2, base) &&
			   CLS(c, j + 2, TXC_PART, &pd) && (pd == TXS_MO || pd == TXS_AF || pd == TXS_EV || pd == TXS_NI)) {
			/* "4 in the morning", "9 in the evening" */
			ap = pd == TXS_MO || (pd == TXS_NI && hh <= 4) ? TXS_AM : TXS_PM;
			j += 3;
		} else if (!colon)
			return 0;
		else if (!(i > 0 && (GLUE(c, i - 1, TXS_AT) || GLUE(c, i - 1, TXS_BY) || GLUE(c, i - 1, TXS_UNTIL) ||
				     GLUE(c, i - 1, TXS_FROM) || GLUE(c, i - 1, TXS_SINCE))) &&
			 !(SAME(c, j, base) && CLS(c, j, TXC_ZONE, NULL)))
			return 0;  /* "2:30 into the game", "a 3:1 vote": a clock needs "at" or a zone */
	} else if (tok(c, i)->kind == CHR_TOK_WORD && (tok(c, i)->flags & CHR_TF_DIGIT) && n >= 3 && n <= 7) {
		/* "5pm", "10am", "5p.m." */
		size_t d = 0;
		long a;
		while (d < n && s[d] >= '0' && s[d] <= '9')
			d++;
		if (!chr_tx_int_text(s, d, &a))
			return 0;
		char x = (char)(s[d] | 0x20);
		if ((x != 'a' && x != 'p') || d + 1 >= n || (s[n - 1] | 0x20) != 'm')
			return 0;
		hh = (int)a;
		ap = x == 'a' ? TXS_AM : TXS_PM;
		j++;
	} else if (CLS(c, i, TXC_PART, &p) && (p == TXS_MI || p == TXS_MN)) {
		size_t nn;
		const char *ss = chr_token_text(c->t, i, &nn);
		if ((ss[0] | 0x20) != 'n' && (ss[1] | 0x20) != 'i')
			return 0;  /* only noon and midnight are clock times */
		hh = p == TXS_MI ? 12 : 24;
		j++;
	} else {
		return 0;
	}
	if (hh < 0 || hh > 24 || mm < 0 || mm > 59)
		return 0;
	if (ap == TXS_PM && hh < 12)
		hh += 12;
	else if (ap == TXS_AM && hh == 12)
		hh = 0;
	if (ap == TXS_OCLOCK && hh > 12)
		return 0;
	if (SAME(c, j, base) && CLS(c, j, TXC_ZONE, NULL))
		j++;
	/* a day after: "5 p.m. Tuesday", "noon Saturday", "9 a.m. Nov. 9" */
	char day[32];
	day[0] = '\0';
	/* "5 p.m. EST, Nov. 6" */
	size_t dj = is_punct(c, j, ',') && (CLS(c, j + 1, TXC_MONTH, NULL) || CLS(c, j + 1, TXC_WEEKDAY, NULL)) ? j + 1 : j;
	if (SAME(c, dj, base)) {
		tx_match dm = *m;
		size_t e = chr_tx_core_weekday(c, dj, base, &dm, 0);
		if (!e)
			e = chr_tx_core_month(c, dj, base, &dm);
		if (!e && dj == j)
			e = chr_tx_core_deictic(c, dj, base, &dm);
		if (e && !dm.drop && strlen(dm.value) == 10) {
			memcpy(day, dm.value, sizeof day);
			j = e;
		}
	}
	size_t pj = 0;
	if (!day[0] && is_punct(c, j, '(')) {
		/* "10:35 a.m. (0735 GMT) Friday": the day after an aside */
		for (size_t k = j + 1; k < j + 6 && SAME(c, k, base); k++)
			if (is_punct(c, k, ')')) {
				pj = k + 1;
				break;
			}
	}
	if (!day[0] && pj && SAME(c, pj, base)) {
		tx_match dm = *m;
		tx_ctx probe = *c;
		size_t e = chr_tx_core_weekday(&probe, pj, base, &dm, 0);
		if (!e)
			e = chr_tx_core_month(&probe, pj, base, &dm);
		if (e && !dm.drop && strlen(dm.value) == 10)
			memcpy(day, dm.value, sizeof day);
	}
	if (!day[0] && GLUE(c, j, TXS_ON) && SAME(c, j + 1, base)) {
		/* "at 10:30 a.m. on Thursday": the day is its own expression, but
		 * it dates the clock time */
		tx_match dm = *m;
		tx_ctx probe = *c;  /* the look-ahead must not move the day the text is on */
		size_t e = chr_tx_core_weekday(&probe, j + 1, base, &dm, 0);
		if (!e)
			e = chr_tx_core_month(&probe, j + 1, base, &dm);
		if (e && !dm.drop && strlen(dm.value) == 10)
			memcpy(day, dm.value, sizeof day);
	}
	if (!day[0])
		chr_tx_ref_day(c, i, day);
	snprintf(m->value, sizeof m->value, "%.10sT%02d:%02d", day, hh, mm);
	m->type = CHR_TIMEX_TIME;
	return j;
}

/* every week, each Thursday, daily */
size_t chr_tx_core_set(tx_ctx *c, size_t i, size_t base, tx_match *m)
{
	int u, v;
	if (CLS(c, i, TXC_OFTEN, &u) && !(i > 0 && GLUE(c, i - 1, TXS_THE))) {  /* "the daily": a paper */
		m->type = CHR_TIMEX_SET;
		if (u == TXS_NI)
			snprintf(m->value, sizeof m->value, "XXXX-XX-XXTNI");
		else
			chr_tx_fmt_duration(m->value, 1, u);
		return i + 1;
	}
	if (!CLS(c, i, TXC_EVERY, NULL) || !SAME(c, i + 1, base))
		return 0;
	size_t j = i + 1;
	double cnt;
	int every_other = 0;
	if (ends_in(c, j, "other", "other") && SAME(c, j + 1, base)) {
		every_other = 1;  /* "every other week" */
		j++;
	}
	size_t k = chr_tx_count_unit(c, j, base, &cnt, &u);
	m->type = CHR_TIMEX_SET;
	if (every_other && !k && CLS(c, j, TXC_UNIT, &u) && u != TXS_PE && u != TXS_HA && u != TXS_WE) {
		chr_tx_fmt_duration(m->value, 2, u);
		return j + 1;
	}
	if (every_other)
		return 0;
	if (k) {
		chr_tx_fmt_duration(m->value, cnt, u);
		return j + k;
	}
	if (CLS(c, j, TXC_UNIT, &u) && u != TXS_PE && u != TXS_HA) {
		if (u == TXS_WE)
			snprintf(m->value, sizeof m->value, "XXXX-WXX-WE");
		else
			chr_tx_fmt_duration(m->value, 1, u);
		return j + 1;
	}
	if (CLS(c, j, TXC_WEEKDAY, &v)) {
		snprintf(m->value, sizeof m->value, "XXXX-WXX-%d", v);
		return j + 1;
	}
	if (CLS(c, j, TXC_MONTH, &v) && upper(c, j)) {
		chr_tx_fmt_month(m->value, 0, v);
		return j + 1;
	}
	if (CLS(c, j, TXC_PART, &v) && v != TXS_MI && v != TXS_MN) {
		snprintf(m->value, sizeof m->value, "XXXX-XX-XXT%s", chr_tx_part_code(v));
		return j + 1;
	}
	return 0;
}

/* A part of day p ("afternoon") on the day named right after it
 * ("yesterday", "Friday"), else on the day the sentence is about; j is
 * the token after the part.  Returns the end. */
static size_t part_of_day(tx_ctx *c, size_t i, size_t j, size_t base, int p, tx_match *m)
{
	char day[32];
	day[0] = '\0';
	if (SAME(c, j, base)) {
		tx_match dm = *m;
		size_t e = CLS(c, j, TXC_DEICTIC, NULL) ? chr_tx_core_deictic(c, j, base, &dm)
							  : chr_tx_core_weekday(c, j, base, &dm, 0);
		if (e && !dm.drop && strlen(dm.value) == 10) {
			memcpy(day, dm.value, sizeof day);
			j = e;
		}
	}
	if (!day[0])
		chr_tx_ref_day(c, i, day);
	snprintf(m->value, sizeof m->value, "%.10sT%s", day, chr_tx_part_code(p));
	m->type = CHR_TIMEX_TIME;
	return j;
}

/* "mid afternoon", "late evening", "in the morning": a part of the day
 * the story is on.  A bare "morning" is too often a noun of its own. */
size_t chr_tx_core_part(tx_ctx *c, size_t i, size_t base, tx_match *m, int after_the)
{
	int p, v;
	if (!CLS(c, i, TXC_PART, &p) || !(p == TXS_MO || p == TXS_AF || p == TXS_EV || p == TXS_NI))
		return 0;
	size_t n;
	const char *s = chr_token_text(c->t, i, &n);
	if (s[n - 1] == 's')
		return 0;  /* "mornings": a set, only with every */
	int led = i > 0 && CLS(c, i - 1, TXC_MOD, &v) && (v == TXS_START || v == TXS_MID || v == TXS_END) &&
		  !after_the;
	int in_the = after_the && i >= 2 && GLUE(c, i - 2, TXS_IN);
	if (!led && !in_the)
		return 0;
	return part_of_day(c, i, i + 1, base, p, m);
}

/* mid-August, three-day, third-quarter, year-earlier, mid-1990s */
size_t chr_tx_core_hyphen(tx_ctx *c, size_t i, size_t base, tx_match *m)
{
	tx_part pt[4];
	size_t np = chr_tx_parts(c, i, pt, 4);
	int u, y;
	if (np < 2)
		return 0;
	if (tx_has(pt[np - 1].w, TXC_GLUE) && pt[np - 1].w->val[TXC_GLUE] == TXS_OLD) {
		m->drop = 1;  /* an age: "two-year-old" */
		return i + 1;
	}
	/* a modifier and a period: mid-August, late-November, mid-1990s */
	if (np == 2 && tx_has(pt[0].w, TXC_MOD)) {
		int mv = pt[0].w->val[TXC_MOD];
		if (mv != TXS_START && mv != TXS_END && mv != TXS_MID)
			return 0;
		m->mod = mv;
		m->type = CHR_TIMEX_DATE;
		if (tx_has(pt[1].w, TXC_MONTH)) {
			int mo = pt[1].w->val[TXC_MONTH];
			size_t j = i + 1;
			if (SAME(c, j, base) && chr_tx_year_at(c, j, &y)) {
				chr_tx_fmt_month(m->value, y, mo);
				return j + 1;
			}
			chr_tx_fmt_month(m->value, chr_tx_year_for(&c->a, mo, 0, 0), mo);
			return j;
		}
		if (pt[1].is_int && pt[1].n == 4 && pt[1].ival >= 1000 && pt[1].ival <= 2999) {
			chr_tx_fmt_year(m->value, (int)pt[1].ival);
			return i + 1;
		}
		if (chr_tx_core_decade(c, i, m, pt[1].s, pt[1].n))
			return i + 1;
		if (tx_has(pt[1].w, TXC_SEASON)) {
			chr_tx_season(m->value, &c->a, 0, pt[1].w->val[TXC_SEASON], 0);
			return i + 1;
		}
		int pd = tx_has(pt[1].w, TXC_PART) ? pt[1].w->val[TXC_PART] : 0;
		if (pd == TXS_MO || pd == TXS_AF || pd == TXS_EV || pd == TXS_NI)
			return part_of_day(c, i, i + 1, base, pd, m);  /* "mid-afternoon yesterday" */
		m->mod = 0;
		return 0;
	}
	/* "the fiscal-first quarter" */
	if (np == 2 && tx_has(pt[0].w, TXC_FISCAL) && tx_has(pt[1].w, TXC_ORDINAL) && SAME(c, i + 1, base) &&
	    CLS(c, i + 1, TXC_UNIT, &u)) {
		int o = pt[1].w->val[TXC_ORDINAL];
		m->type = CHR_TIMEX_DATE;
		if (u == TXS_Q && o >= 1 && o <= 4) {
			chr_tx_quarter(m->value, &c->a, 0, o, chr_tx_tense(c, i));
			return i + 2;
		}
		if (u == TXS_HA && o >= 1 && o <= 2) {
			chr_tx_half(m->value, &c->a, 0, o);
			return i + 2;
		}
		return 0;
	}
	/* an ordinal period: third-quarter, first-half */
	if (np == 2 && tx_has(pt[1].w, TXC_UNIT) && (tx_has(pt[0].w, TXC_ORDINAL))) {
		int o = pt[0].w->val[TXC_ORDINAL];
		u = pt[1].w->val[TXC_UNIT];
		m->type = CHR_TIMEX_DATE;
		if (u == TXS_Q && o >= 1 && o <= 4) {
			chr_tx_quarter(m->value, &c->a, 0, o, chr_tx_tense(c, i));
			return i + 1;
		}
		if (u == TXS_HA && o >= 1 && o <= 2) {
			chr_tx_half(m->value, &c->a, 0, o);
			return i + 1;
		}
		return 0;
	}
	/* year-end */
	if (np == 2 && tx_has(pt[0].w, TXC_UNIT) && pt[0].w->val[TXC_UNIT] == TXS_Y && tx_has(pt[1].w, TXC_MOD) &&
	    pt[1].w->val[TXC_MOD] == TXS_END) {
		m->type = CHR_TIMEX_DATE;
		m->mod = TXS_END;
		chr_tx_rel_year(m->value, &c->a, 0);
		return i + 1;
	}
	/* year-earlier, year-ago */
	if (np == 2 && tx_has(pt[0].w, TXC_UNIT) && tx_has(pt[1].w, TXC_AFTER) && pt[1].w->val[TXC_AFTER] < 0) {
		u = pt[0].w->val[TXC_UNIT];
		shifted(c, m, 1, u, -1);
		int u2;
		tx_match om = *m;
		size_t oe = c->a.ok ? chr_tx_core_ordinal(c, i + 1, base, &om, c->a.y - 1) : 0;
		if (oe) {
			*m = om;
			m->derived = 1;
			return oe;
		}
		/* "the year-earlier nine months": a span as long as the one it
		 * compares with */
		double cnt;
		int cu;
		size_t ck = SAME(c, i + 1, base) ? chr_tx_count_unit(c, i + 1, base, &cnt, &cu) : 0;
		if (ck && cnt > 1) {
			m->type = CHR_TIMEX_DURATION;
			chr_tx_fmt_duration(m->value, cnt, cu);
			return i + 1 + ck;
		}
		/* "the year-earlier quarter", "year-ago period" */
		if (SAME(c, i + 1, base) && CLS(c, i + 1, TXC_UNIT, &u2) && (u2 == TXS_Q || u2 == TXS_PE)) {
			if (u2 == TXS_PE && c->q_off && c->period[0]) {
				/* after "the nine months": that many months a year before */
				m->type = CHR_TIMEX_DURATION;
				memcpy(m->value, c->period, sizeof c->period);
			}
			return i + 2;
		}
		return i + 1;
	}
	/* day-long, year-long */
	if (np == 2 && tx_has(pt[0].w, TXC_UNIT) && tx_has(pt[1].w, TXC_GLUE) &&
	    pt[1].w->val[TXC_GLUE] == TXS_LONG) {
		m->type = CHR_TIMEX_DURATION;
		chr_tx_fmt_duration(m->value, 1, pt[0].w->val[TXC_UNIT]);
		return i + 1;
	}
	/* a count and a unit: three-day, 30-day, two-and-a-half-year */
	size_t last = np - 1;
	if (tx_has(pt[last].w, TXC_GLUE) && pt[last].w->val[TXC_GLUE] == TXS_LONG && last >= 2)
		last--;
	if (!tx_has(pt[last].w, TXC_UNIT))
		return 0;
	u = pt[last].w->val[TXC_UNIT];
	if ((pt[last].s[pt[last].n - 1] | 0x20) == 's')
		return 0;  /* "three-quarters" is a fraction */
	double cnt;
	if (u == TXS_PE || u == TXS_HA || !chr_tx_parts_count(pt, last, &cnt))
		return 0;
	m->type = CHR_TIMEX_DURATION;
	chr_tx_fmt_duration(m->value, cnt, u);
	return i + 1;
}


/* "year end", "year's end": the close of the article's year */
size_t chr_tx_core_year_end(tx_ctx *c, size_t i, size_t base, tx_match *m)
{
	int u, v;
	size_t j = i + 1;
	if (!CLS(c, i, TXC_UNIT, &u) || u != TXS_Y || (tok(c, i)->flags & CHR_TF_UPPER))
		return 0;
	if (j < c->n && (tok(c, j)->flags & CHR_TF_POSSESSIVE))
		j++;
	if (!SAME(c, j, base) || !CLS(c, j, TXC_MOD, &v) || v != TXS_END || tok(c, j)->end - tok(c, j)->start != 3)
		return 0;
	m->type = CHR_TIMEX_DATE;
	m->mod = TXS_END;
	chr_tx_rel_year(m->value, &c->a, 0);
	return j + 1;
}

/* "the year", "the quarter", "the weekend": the period the story is in */
size_t chr_tx_core_the_unit(tx_ctx *c, size_t i, tx_match *m)
{
	int u;
	if (!CLS(c, i, TXC_UNIT, &u))
		return 0;
	size_t n;
	const char *s = chr_token_text(c->t, i, &n);
	if (s[n - 1] == 's')
		return 0;
	m->type = CHR_TIMEX_DATE;
	if (u == TXS_W && GLUE(c, i + 1, TXS_OF) && SAME(c, i + 2, i)) {
		/* "the week of March 6": that date's ISO week */
		tx_match dm = *m;
		size_t e = chr_tx_core_month(c, i + 2, i, &dm);
		int y, mo, d;
		if (e && !dm.drop && strlen(dm.value) == 10 && dm.value[0] != 'X' &&
		    sscanf(dm.value, "%4d-%2d-%2d", &y, &mo, &d) == 3) {
			int wy, w;
			chr_tx_iso_week(y, mo, d, &wy, &w);
			chr_tx_fmt_week(m->value, wy, w);
			return e;
		}
	}
	int yv;
	size_t yk;
	if (u == TXS_Y && (tok(c, i)->end - tok(c, i)->start) == 4 && SAME(c, i + 1, i) &&
	    ((yk = chr_tx_year_at(c, i + 1, &yv) ? 1 : 0) || (yk = chr_tx_spoken_year_at(c, i + 1, i, &yv, 1)))) {
		/* "the year 2000", "the year two thousand" */
		chr_tx_fmt_year(m->value, yv);
		return i + 1 + yk;
	}
	if (u == TXS_Y && i + 1 < c->n && ends_in(c, i + 1, "ended", "ending")) {
		/* "the year ended March 31": a fiscal year, a span */
		m->type = CHR_TIMEX_DURATION;
		chr_tx_fmt_duration(m->value, 1, TXS_Y);
		return i + 1;
	}
	switch (u) {
	case TXS_Y: chr_tx_rel_year(m->value, &c->a, 0); break;
	case TXS_Q: {
		/* the quarter a report is about: the one the text last named,
		 * else the last one that ended */
		int dir = chr_tx_tense(c, i);
		if (c->q_y && dir <= 0 && c->cur_sentence - c->q_sentence <= TX_QUARTER_REACH) {
			snprintf(m->value, 32, "%04d-Q%d", c->q_y, c->q_q);
			break;
		}
		chr_tx_rel_quarter(m->value, &c->a, dir > 0 ? 0 : -1);
		break;
	}
	case TXS_W: chr_tx_rel_week(m->value, &c->a, 0, 0); break;
	case TXS_M: chr_tx_rel_month(m->value, &c->a, 0); break;
	case TXS_WE: {
		int wd = c->a.ok ? chr_tx_weekday(c->a.y, c->a.m, c->a.d) : 7;
		chr_tx_rel_week(m->value, &c->a, wd <= 3 ? -1 : 0, 1);
		break;
	}
	default: return 0;
	}
	return i + 1;
}
