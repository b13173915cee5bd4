/*
 * timex_dates.c - time expressions that name a calendar point: "Dec. 3,
 * 2025", "3 December", "June 2024", "2025-12-03", "Thursday", "today",
 * "1990", "the 1990s", "the third quarter", "the winter of 2021",
 * "Christmas", "fiscal 1989", "nineteen ninety-six".  Partial dates take
 * the year nearest the article date (timex_resolve.c).
 */
#include <stdio.h>
#include <string.h>

#include "analyze/timex_match.h"


static void set_ref_day(tx_ctx *c, size_t i, int y, int m, int d)
{
	if (y > 0 && chr_tx_valid_date(y, m, d)) {
		c->ref_ok = 1;
		c->ref_sentence = c->t->tok[i].sentence;
		c->ref_y = y;
		c->ref_m = m;
		c->ref_d = d;
	}
}

/* A four-digit year token: 1000..2999, not a count ("1990 people"). */
int chr_tx_year_at(const tx_ctx *c, size_t i, int *y)
{
	long v;
	if (!chr_tx_int(c, i, &v) || v < 1000 || v > 2999)
		return 0;
	if (c->t->tok[i].end - c->t->tok[i].start != 4)
		return 0;
	int u = 0;
	if (i + 1 < c->n && (CLS(c, i + 1, TXC_NOTYEAR, NULL) || is_punct(c, i + 1, '%') ||
			     (CLS(c, i + 1, TXC_UNIT, &u) && u != TXS_Q && u != TXS_PE && u != TXS_HA &&
			      !CLS(c, i + 1, TXC_ORDINAL, NULL))))
		return 0;
	if (i > 0 && tok(c, i - 1)->kind == CHR_TOK_SYMBOL)  /* $1990, #2000 */
		return 0;
	*y = (int)v;
	return 1;
}

/* A day of the month: "3", "3rd", "third". */
int chr_tx_day_at(const tx_ctx *c, size_t i, int *d)
{
	long v;
	int w;
	if (!(chr_tx_int(c, i, &v) || chr_tx_digit_ordinal(c, i, &v))) {
		if (!CLS(c, i, TXC_ORDINAL, &w) || w > 31)
			return 0;
		v = w;
	} else {
		size_t n;
		chr_token_text(c->t, i, &n);
		if (n > 4)
			return 0;
	}
	if (v < 1 || v > 31)
		return 0;
	*d = (int)v;
	return 1;
}

static size_t year_after(const tx_ctx *c, size_t i, size_t base, int *y)
{
	if (is_punct(c, i, ',') && SAME(c, i + 1, base) && chr_tx_year_at(c, i + 1, y))
		return 2;
	if (SAME(c, i, base) && chr_tx_year_at(c, i, y))
		return 1;
	return SAME(c, i, base) ? chr_tx_spoken_year_at(c, i, base, y, 0) : 0;
}

/* Month words that are also common words or other abbreviations ("may",
 * "march", "sat", "sun") need a capital and a date-like neighbour. */
static int month_word_ok(const tx_ctx *c, size_t i, int strong_next)
{
	if (!upper(c, i))
		return 0;
	size_t n;
	const char *s = chr_token_text(c->t, i, &n);
	int ambiguous = n <= 3 || (n == 5 && (s[0] | 0x20) == 'm' && (s[1] | 0x20) == 'a' && (s[2] | 0x20) == 'r');
	if (!ambiguous)
		return 1;
	if (strong_next)
		return 1;
	if (i == 0 || (tok(c, i)->flags & CHR_TF_SENT_START))
		return 0;
	/* "in May", "since March", "last May", "early May" */
	return GLUE(c, i - 1, TXS_IN) || GLUE(c, i - 1, TXS_SINCE) || GLUE(c, i - 1, TXS_UNTIL) ||
	       GLUE(c, i - 1, TXS_BY) || CLS(c, i - 1, TXC_REL, NULL) || CLS(c, i - 1, TXC_MOD, NULL) ||
	       GLUE(c, i - 1, TXS_OF);
}

/* month [day] [, year] | month year */
size_t chr_tx_core_month(tx_ctx *c, size_t i, size_t base, tx_match *m)
{
	int mo, d, y = 0;
	if (!CLS(c, i, TXC_MONTH, &mo))
		return 0;
	size_t j = i + 1;
	if (SAME(c, j, base) && chr_tx_day_at(c, j, &d) && !chr_tx_year_at(c, j, &y)) {
		if (!month_word_ok(c, i, 1))
			return 0;
		j++;
		size_t k = year_after(c, j, base, &y);
		j += k;
		if (!k)
			y = 0;
		if (y && !chr_tx_valid_date(y, mo, d)) {
			m->drop = 1;
			return j;
		}
		if (!y && (d > chr_tx_month_days(2000, mo))) {
			m->drop = 1;
			return j;
		}
		if (!y) {
			y = chr_tx_year_for(&c->a, mo, d, chr_tx_tense_cue(c, i));
			if (y && !chr_tx_valid_date(y, mo, d))
				y = 0;  /* February 29 in a year without one */
		}
		m->type = CHR_TIMEX_DATE;
		chr_tx_fmt_day(m->value, y, mo, d);
		set_ref_day(c, i, y, mo, d);
		c->list_next = j;
		c->list_y = y;
		c->list_m = mo;
		return j;
	}
	size_t k = year_after(c, j, base, &y);
	if (!k && GLUE(c, j, TXS_OF) && SAME(c, j + 1, base) && chr_tx_year_at(c, j + 1, &y))
		k = 2;
	int rr, uu;
	if (!k && c->a.ok && SAME(c, j + 1, base) && CLS(c, j, TXC_REL, &rr) && CLS(c, j + 1, TXC_UNIT, &uu) &&
	    uu == TXS_Y && rr >= -1 && rr <= 1) {
		/* "June last year", "January this year" */
		y = c->a.y + rr;
		k = 2;
	}
	if (!month_word_ok(c, i, k != 0))
		return 0;
	if (!k) {
		/* a bare month is a past one unless the sentence looks ahead */
		int dir = chr_tx_tense_cue(c, i);
		if (i > 0 && (GLUE(c, i - 1, TXS_BY) || GLUE(c, i - 1, TXS_UNTIL) || GLUE(c, i - 1, TXS_THROUGH)))
			dir = 1;  /* "by May": a deadline ahead */
		y = chr_tx_year_for(&c->a, mo, 0, dir);
	}
	m->type = CHR_TIMEX_DATE;
	chr_tx_fmt_month(m->value, y, mo);
	return j + k;
}

/* "3 December 2025", "3rd of December" */
static size_t core_day_month(tx_ctx *c, size_t i, size_t base, tx_match *m)
{
	int d, mo, y = 0;
	if (!chr_tx_day_at(c, i, &d))
		return 0;
	size_t j = i + 1;
	if (GLUE(c, j, TXS_OF))
		j++;
	if (!SAME(c, j, base) || !CLS(c, j, TXC_MONTH, &mo) || !upper(c, j))
		return 0;
	j++;
	size_t k = SAME(c, j, base) && chr_tx_year_at(c, j, &y) ? 1 : 0;
	if (!k && is_punct(c, j, ',') && SAME(c, j + 1, base) && chr_tx_year_at(c, j + 1, &y))
		k = 2;
	j += k;
	if (!k)
		y = chr_tx_year_for(&c->a, mo, d, chr_tx_tense_cue(c, i));
	if (d > chr_tx_month_days(y ? y : 2000, mo)) {
		m->drop = 1;
		return j;
	}
	m->type = CHR_TIMEX_DATE;
	chr_tx_fmt_day(m->value, y, mo, d);
	set_ref_day(c, i, y, mo, d);
	return j;
}

int chr_tx_list_day(const tx_ctx *c, size_t i)
{
	if (!c->list_next || i != c->list_next + 1 || i >= c->n || tok(c, i)->kind != CHR_TOK_NUMBER ||
	    tok(c, i)->end - tok(c, i)->start > 2 || !SAME(c, i, c->list_next))
		return 0;
	if (!(GLUE(c, i - 1, TXS_AND) || GLUE(c, i - 1, TXS_OR) || is_punct(c, i - 1, ',')))
		return 0;
	/* not a count: "April 24 and 25 people" */
	return !(i + 1 < c->n && (CLS(c, i + 1, TXC_UNIT, NULL) || CLS(c, i + 1, TXC_NOTYEAR, NULL) ||
				 CLS(c, i + 1, TXC_MONTH, NULL) || is_punct(c, i + 1, '%') ||
				 tok(c, i + 1)->kind == CHR_TOK_NUMBER));
}

/* The day a clock time or part of day belongs to, written into out. */
void chr_tx_ref_day(const tx_ctx *c, size_t i, char *out)
{
	if (c->ref_ok && c->ref_sentence == c->t->tok[i].sentence)
		chr_tx_fmt_day(out, c->ref_y, c->ref_m, c->ref_d);
	else
		chr_tx_fmt_rel_day(out, &c->a, 0);
}

const char *chr_tx_part_code(int p)
{
	switch (p) {
	case TXS_MO: return "MO";
	case TXS_AF: return "AF";
	case TXS_EV: return "EV";
	case TXS_NI: return "NI";
	case TXS_DT: return "DT";
	case TXS_MI: return "12:00";
	case TXS_MN: return "24:00";
	default: return "";
	}
}

/* A weekday as a date: explicit when a date follows, else by tense. */
size_t chr_tx_core_weekday(tx_ctx *c, size_t i, size_t base, tx_match *m, int mode)
{
	int wd;
	if (!CLS(c, i, TXC_WEEKDAY, &wd))
		return 0;
	size_t n;
	const char *s = chr_token_text(c->t, i, &n);
	/* French writes its weekdays in lower case ("jeudi"); a short
	 * lower-case word ("sun", "sat", "wed") is no day */
	if (!upper(c, i) && n < 5)
		return 0;
	if (n <= 3 && !(tok(c, i)->flags & CHR_TF_ABBREV))
		return 0;  /* "Sun", "Sat" as names */
	if (s[n - 1] == 's' && n > 4 && mode == 0)
		return 0;  /* "Tuesdays": a set, only with every */
	size_t j = i + 1;
	/* "Monday, Oct. 26" names its date */
	size_t k = j + (is_punct(c, j, ',') ? 1 : 0);
	if (SAME(c, k, base)) {
		tx_match dm = *m;
		size_t e = chr_tx_core_month(c, k, base, &dm);
		if (!e)
			e = core_day_month(c, k, base, &dm);
		if (e && !dm.drop && strlen(dm.value) == 10) {
			*m = dm;
			return e;
		}
	}
	/* "le mardi 4 mars": a date in words not read here; the weekday
	 * alone would be the wrong week */
	if (!upper(c, i) && j < c->n && tok(c, j)->kind == CHR_TOK_NUMBER)
		return 0;
	if (mode == 0)
		mode = chr_tx_tense(c, i) > 0 ? 1 : -1;
	chr_tx_weekday_value(m->value, &c->a, wd, mode);
	m->type = CHR_TIMEX_DATE;
	if (c->a.ok) {
		int delta = chr_tx_weekday_delta(&c->a, wd, mode), y, mo, d;
		chr_tx_civil(chr_tx_days(c->a.y, c->a.m, c->a.d) + delta, &y, &mo, &d);
		set_ref_day(c, i, y, mo, d);
	}
	int p;
	if (SAME(c, j, base) && CLS(c, j, TXC_PART, &p) && !(tok(c, j)->flags & CHR_TF_UPPER)) {
		size_t len = strlen(m->value);
		snprintf(m->value + len, sizeof m->value - len, "T%s", chr_tx_part_code(p));
		/* news corpora (TimeBank) type "Friday night" as the day it is
		 * part of, a DATE, where "this evening" is a TIME */
		m->type = CHR_TIMEX_DATE;
		j++;
	}
	return j;
}

/* today, yesterday, tomorrow, tonight [morning] */
size_t chr_tx_core_deictic(tx_ctx *c, size_t i, size_t base, tx_match *m)
{
	int off, p;
	if (!CLS(c, i, TXC_DEICTIC, &off))
		return 0;
	chr_tx_fmt_rel_day(m->value, &c->a, off);
	m->type = CHR_TIMEX_DATE;
	if (c->a.ok) {
		int y, mo, d;
		chr_tx_civil(chr_tx_days(c->a.y, c->a.m, c->a.d) + off, &y, &mo, &d);
		set_ref_day(c, i, y, mo, d);
	}
	size_t j = i + 1;
	if (SAME(c, j, base) && CLS(c, j, TXC_PART, &p) && p != TXS_MI && p != TXS_MN) {
		size_t len = strlen(m->value);
		snprintf(m->value + len, sizeof m->value - len, "T%s", chr_tx_part_code(p));
		/* news corpora (TimeBank) type "Friday night" as the day it is
		 * part of, a DATE, where "this evening" is a TIME */
		m->type = CHR_TIMEX_DATE;
		j++;
	}
	return j;
}

/* The year an ordinal period belongs to: "of 1990", "1990's" before it. */
static size_t of_year(const tx_ctx *c, size_t j, size_t base, int *y)
{
	if (GLUE(c, j, TXS_OF) && SAME(c, j + 1, base)) {
		if (chr_tx_year_at(c, j + 1, y))
			return 2;
		int r, u;
		if (GLUE(c, j + 1, TXS_THE) && CLS(c, j + 2, TXC_REL, &r) && CLS(c, j + 3, TXC_UNIT, &u) &&
		    u == TXS_Y && c->a.ok) {
			*y = c->a.y + r;
			return 4;
		}
		if (CLS(c, j + 1, TXC_REL, &r) && CLS(c, j + 2, TXC_UNIT, &u) && u == TXS_Y && c->a.ok) {
			*y = c->a.y + r;
			return 3;
		}
	}
	return 0;
}

/* third quarter, first half, 20th century, the first nine months */
size_t chr_tx_core_ordinal(tx_ctx *c, size_t i, size_t base, tx_match *m, int year)
{
	int o, unit;
	long lv;
	int hu;
	if (CLS(c, i, TXC_ORDINAL, &o)) {
		if (o == 99 && SAME(c, i + 1, base) && CLS(c, i + 1, TXC_UNIT, &hu) && hu == TXS_HA)
			o = 2;  /* "the last half of 1989" */
		else if (o == 99)
			return 0;  /* "last" is rel */
	} else if (chr_tx_digit_ordinal(c, i, &lv) && lv < 100) {
		o = (int)lv;
	} else {
		return 0;
	}
	size_t j = i + 1;
	if (CLS(c, j, TXC_FISCAL, NULL))
		j++;
	if (!SAME(c, j, base))
		return 0;
	double cnt;
	size_t k = chr_tx_count_unit(c, j, base, &cnt, &unit);
	int hy = year;
	size_t hk;
	if (k && o == 1 && cnt == 2 && unit == TXS_Q && (hk = of_year(c, j + k, base, &hy))) {
		/* "the first two quarters of 1990": its first half */
		m->type = CHR_TIMEX_DATE;
		chr_tx_half(m->value, &c->a, hy, 1);
		return j + k + hk;
	}
	if (k && o == 1) {
		m->type = CHR_TIMEX_DURATION;
		chr_tx_fmt_duration(m->value, cnt, unit);
		return j + k;
	}
	if (!CLS(c, j, TXC_UNIT, &unit))
		return 0;
	j++;
	int y = year;
	size_t ky = of_year(c, j, base, &y);
	j += ky;
	if (unit == TXS_Q && o >= 1 && o <= 4) {
		int dir = chr_tx_tense(c, i);
		chr_tx_quarter(m->value, &c->a, y, o, dir);
	} else if (unit == TXS_HA && o >= 1 && o <= 2) {
		chr_tx_half(m->value, &c->a, y, o);
	} else if (unit == TXS_CE && o >= 1 && o <= 99) {
		/* TIMEX3 writes a century as its two leading digits: "19" */
		snprintf(m->value, sizeof m->value, "%02d", o - 1);
	} else {
		return 0;
	}
	m->type = CHR_TIMEX_DATE;
	return j;
}

/* "1990s", "'90s": TIMEX3 writes a decade as its three leading digits, "199" */
size_t chr_tx_core_decade(tx_ctx *c, size_t i, tx_match *m, const char *s, size_t n)
{
	long v;
	if (n == 5 && (s[4] | 0x20) == 's' && chr_tx_int_text(s, 4, &v) && v % 10 == 0 && v >= 1000) {
		snprintf(m->value, sizeof m->value, "%03ld", v / 10);
		m->type = CHR_TIMEX_DATE;
		return i + 1;
	}
	if (n == 3 && (s[2] | 0x20) == 's' && chr_tx_int_text(s, 2, &v) && v % 10 == 0 && i > 0 &&
	    tok(c, i - 1)->kind == CHR_TOK_QUOTE) {
		snprintf(m->value, sizeof m->value, "19%ld", v / 10);
		m->type = CHR_TIMEX_DATE;
		return i + 1;
	}
	return 0;
}

/* "the nineties": the latest such decade that has begun by the article
 * date (the 1990s before 2090), the 1900s without one */
size_t chr_tx_core_decade_word(tx_ctx *c, size_t i, tx_match *m)
{
	int d;
	if (!CLS(c, i, TXC_DECADE, &d) || d < 1 || d > 9)
		return 0;
	int century = 19;
	if (c->a.ok) {
		century = c->a.y / 100;
		if (century * 100 + d * 10 > c->a.y)
			century--;
	}
	if (century < 1)
		return 0;
	snprintf(m->value, sizeof m->value, "%02d%d", century % 100, d);
	m->type = CHR_TIMEX_DATE;
	return i + 1;
}

/* Digits: 2025-12-03, 12/3/2025, 1990, 1990s, 3 December, 10:30 a.m. */
size_t chr_tx_core_number(tx_ctx *c, size_t i, size_t base, tx_match *m)
{
	size_t n;
	const char *s = chr_token_text(c->t, i, &n);
	const chr_token *k = tok(c, i);
	if (k->kind == CHR_TOK_WORD)
		return chr_tx_core_decade(c, i, m, s, n);
	if (k->kind != CHR_TOK_NUMBER)
		return 0;
	long a, b, d;
	if (n == 10 && s[4] == '-' && s[7] == '-' && chr_tx_int_text(s, 4, &a) && chr_tx_int_text(s + 5, 2, &b) &&
	    chr_tx_int_text(s + 8, 2, &d)) {
		if (!chr_tx_valid_date((int)a, (int)b, (int)d)) {
			m->drop = 1;
			return i + 1;
		}
		m->type = CHR_TIMEX_DATE;
		chr_tx_fmt_day(m->value, (int)a, (int)b, (int)d);
		set_ref_day(c, i, (int)a, (int)b, (int)d);
		return i + 1;
	}
	const char *sl = memchr(s, '/', n);
	if (sl) {
		/* m/d/yyyy or m/d/yy (US order, as in US wire copy) */
		const char *sl2 = memchr(sl + 1, '/', n - (size_t)(sl + 1 - s));
		long y = 0;
		if (!chr_tx_int_text(s, (size_t)(sl - s), &a) || sl - s > 2)
			return 0;
		if (sl2) {
			if (!chr_tx_int_text(sl + 1, (size_t)(sl2 - sl - 1), &d) ||
			    !chr_tx_int_text(sl2 + 1, n - (size_t)(sl2 + 1 - s), &y))
				return 0;
			size_t yl = n - (size_t)(sl2 + 1 - s);
			if (yl == 2)
				y += y < 50 ? 2000 : 1900;
			else if (yl != 4)
				return 0;
		} else {
			return 0;  /* "1/2", "24/7": fractions and slogans more than dates */
		}
		if (!chr_tx_valid_date((int)y, (int)a, (int)d))
			return 0;
		m->type = CHR_TIMEX_DATE;
		chr_tx_fmt_day(m->value, (int)y, (int)a, (int)d);
		set_ref_day(c, i, (int)y, (int)a, (int)d);
		return i + 1;
	}
	size_t e = core_day_month(c, i, base, m);
	if (e || m->drop)
		return e;
	e = chr_tx_core_clock(c, i, base, m);
	if (e)
		return e;
	int y, ld;
	if (chr_tx_list_day(c, i) && chr_tx_day_at(c, i, &ld) &&
	    ld <= chr_tx_month_days(c->list_y ? c->list_y : 2000, c->list_m)) {
		/* "April 24 and 25", "May 3, 4 and 5" */
		m->type = CHR_TIMEX_DATE;
		chr_tx_fmt_day(m->value, c->list_y, c->list_m, ld);
		c->list_next = i + 1;
		return i + 1;
	}
	if (chr_tx_year_at(c, i, &y)) {
		/* "1988 third quarter" */
		size_t j = i + 1;
		if (SAME(c, j, base)) {
			tx_match om = *m;
			size_t oe = chr_tx_core_ordinal(c, j, base, &om, y);
			if (oe) {
				*m = om;
				return oe;
			}
		}
		m->type = CHR_TIMEX_DATE;
		int u;
		if (SAME(c, j, base) && CLS(c, j, TXC_UNIT, &u) && (u == TXS_Q || u == TXS_PE)) {
			/* "the 1988 quarter", "the 1989 period": the quarter in the news */
			m->derived = 1;
			if (c->q_q && !c->q_off)
				snprintf(m->value, sizeof m->value, "%04d-Q%d", y, c->q_q);
			else
				chr_tx_fmt_year(m->value, y);
			return j + 1;
		}
		chr_tx_fmt_year(m->value, y);
		return i + 1;
	}
	return 0;
}

/* "fiscal 1989", "fiscal year 1990", "the fiscal year" */
size_t chr_tx_core_fiscal(tx_ctx *c, size_t i, size_t base, tx_match *m, int after_the)
{
	int u, y;
	if (!CLS(c, i, TXC_FISCAL, NULL) || !SAME(c, i + 1, base))
		return 0;
	size_t j = i + 1;
	if (CLS(c, j, TXC_UNIT, &u) && u == TXS_Y) {
		j++;
		if (SAME(c, j, base) && chr_tx_year_at(c, j, &y)) {
			m->type = CHR_TIMEX_DATE;
			chr_tx_fmt_year(m->value, y);
			return j + 1;
		}
		if (!after_the)
			return 0;
		m->type = CHR_TIMEX_DURATION;
		chr_tx_fmt_duration(m->value, 1, TXS_Y);
		return j;
	}
	if (chr_tx_year_at(c, j, &y)) {
		m->type = CHR_TIMEX_DATE;
		chr_tx_fmt_year(m->value, y);
		return j + 1;
	}
	size_t e = chr_tx_core_ordinal(c, j, base, m, 0);
	if (!e && (tok(c, j)->flags & CHR_TF_HYPHEN))
		e = chr_tx_core_hyphen(c, j, base, m);
	return e;
}

/* "nineteen ninety-six": a year read out, as in broadcast transcripts */
static int is_thousand(const tx_ctx *c, size_t i)
{
	size_t n;
	if (i >= c->n)
		return 0;
	const char *s = chr_token_text(c->t, i, &n);
	static const char w[] = "thousand";
	if (n != sizeof w - 1)
		return 0;
	for (size_t k = 0; k < n; k++)
		if ((s[k] | 0x20) != w[k])
			return 0;
	return 1;
}

size_t chr_tx_spoken_year_at(const tx_ctx *c, size_t i, size_t base, int *y, int thousands)
{
	int a;
	double b;
	if (thousands && CLS(c, i, TXC_NUMBER, &a) && a >= 1 && a <= 2 && SAME(c, i + 1, base) &&
	    is_thousand(c, i + 1)) {
		/* "two thousand", "two thousand and five", "two thousand five" */
		size_t j = i + 2;
		*y = a * 1000;
		if (GLUE(c, j, TXS_AND) && SAME(c, j + 1, base) && chr_tx_count(c, j + 1, &b) && b >= 1 && b <= 99 &&
		    b == (double)(int)b) {
			*y += (int)b;
			return j + 1 + chr_tx_count(c, j + 1, &b) - i;
		}
		size_t k = SAME(c, j, base) ? chr_tx_count(c, j, &b) : 0;
		if (k && b >= 1 && b <= 99 && b == (double)(int)b && !CLS(c, j + k, TXC_UNIT, NULL)) {
			*y += (int)b;
			return j + k - i;
		}
		return j - i;
	}
	if (!CLS(c, i, TXC_NUMBER, &a) || a < 10 || a > 20 || !SAME(c, i + 1, base))
		return 0;
	size_t k = chr_tx_count(c, i + 1, &b);
	if (!k || b < 10 || b > 99 || b != (double)(int)b)
		return 0;
	*y = a * 100 + (int)b;
	return 1 + k;
}

size_t chr_tx_core_spoken_year(tx_ctx *c, size_t i, size_t base, tx_match *m)
{
	int y;
	size_t k = chr_tx_spoken_year_at(c, i, base, &y, 0);
	if (!k)
		return 0;
	m->type = CHR_TIMEX_DATE;
	chr_tx_fmt_year(m->value, y);
	return i + k;
}

/* "summer", "the winter of 1994", "spring 2025" */
size_t chr_tx_core_season(tx_ctx *c, size_t i, size_t base, tx_match *m, int after_the)
{
	int s, y = 0;
	if (!CLS(c, i, TXC_SEASON, &s) || !(after_the || upper(c, i) || (i > 0 && GLUE(c, i - 1, TXS_IN))))
		return 0;
	size_t j = i + 1, k = 0;
	if (GLUE(c, j, TXS_OF) && SAME(c, j + 1, base)) {
		k = chr_tx_year_at(c, j + 1, &y) ? 1 : chr_tx_spoken_year_at(c, j + 1, base, &y, 0);
		if (k)
			k++;
	} else if (SAME(c, j, base)) {
		k = year_after(c, j, base, &y);
	}
	m->type = CHR_TIMEX_DATE;
	chr_tx_season(m->value, &c->a, k ? y : 0, s, 0);
	return j + k;
}

/* Christmas, Thanksgiving [Day]: fixed days are month*100+day; floating
 * ones 10000 + month*100 + nth*10 + weekday (Thanksgiving: the 4th
 * Thursday of November). */
size_t chr_tx_core_holiday(tx_ctx *c, size_t i, size_t base, tx_match *m)
{
	int h, u;
	if (!CLS(c, i, TXC_HOLIDAY, &h) || !upper(c, i))
		return 0;
	size_t j = i + 1;
	if (SAME(c, j, base) && CLS(c, j, TXC_UNIT, &u) && u == TXS_D && upper(c, j))
		j++;
	int mo = h >= 10000 ? (h - 10000) / 100 : h / 100;
	int y = 0, r;
	if (i > 0 && CLS(c, i - 1, TXC_REL, &r) && c->a.ok && r < 0)
		y = c->a.y - 1;
	else if (SAME(c, j, base) && chr_tx_year_at(c, j, &y))
		j++;
	else
		y = chr_tx_year_for(&c->a, mo, h >= 10000 ? 15 : h % 100, 0);
	int d = h % 100;
	if (h >= 10000 && y > 0) {
		int nth = (h % 100) / 10, wd = h % 10;
		int first = chr_tx_weekday(y, mo, 1);
		d = 1 + (wd - first + 7) % 7 + 7 * (nth - 1);
	} else if (h >= 10000) {
		d = 0;
	}
	m->type = CHR_TIMEX_DATE;
	chr_tx_fmt_day(m->value, y, mo, d);
	return j;
}
