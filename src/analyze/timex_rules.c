/*
 * timex_rules.c - recognises one time expression at a token and computes
 * its TIMEX3 value.
 *
 * An expression is [modifiers] [the] core [extension]: modifiers such as
 * "about", "more than", "early", "the end of" set `mod`; the core is a
 * date ("Dec. 3, 2025", "June 2024"), a weekday, a relative unit ("last
 * week", "the past two years"), a quarter, a duration ("five hours",
 * "three-day"), a clock time, a set ("every week") or a vague reference
 * ("now", "recently").  Every rule looks at a few tokens ahead of the
 * start, never back over the text, so a document costs one pass.
 */
#include <stdio.h>
#include <string.h>

#include "analyze/timex_resolve.h"
#include "analyze/timex_tok.h"

/* How many sentences after a quarter "a year earlier" still means it. */
#define TX_QUARTER_REACH 4u

#define CLS(c, i, k, v) chr_tx_class((c), (i), (k), (v))
#define GLUE(c, i, s) chr_tx_glue((c), (i), (s))
#define SAME(c, i, b) chr_tx_same_sentence((c), (i), (b))

static const chr_token *tok(const tx_ctx *c, size_t i)
{
	return &c->t->tok[i];
}

static int upper(const tx_ctx *c, size_t i)
{
	return i < c->n && (tok(c, i)->flags & CHR_TF_UPPER);
}

static int is_punct(const tx_ctx *c, size_t i, char ch)
{
	return i < c->n && tok(c, i)->kind == CHR_TOK_PUNCT && tok(c, i)->end - tok(c, i)->start == 1 &&
	       c->t->text[tok(c, i)->start] == ch;
}

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
static int year_at(const tx_ctx *c, size_t i, int *y)
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
static int day_at(const tx_ctx *c, size_t i, int *d)
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

/* ", 2025" or " 2025" after a date: the tokens it adds (0 if none). */
static size_t spoken_year_at(const tx_ctx *c, size_t i, size_t base, int *y);

static size_t year_after(const tx_ctx *c, size_t i, size_t base, int *y)
{
	if (is_punct(c, i, ',') && SAME(c, i + 1, base) && year_at(c, i + 1, y))
		return 2;
	if (SAME(c, i, base) && year_at(c, i, y))
		return 1;
	return SAME(c, i, base) ? spoken_year_at(c, i, base, y) : 0;
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
static size_t core_month(tx_ctx *c, size_t i, size_t base, tx_match *m)
{
	int mo, d, y = 0;
	if (!CLS(c, i, TXC_MONTH, &mo))
		return 0;
	size_t j = i + 1;
	if (SAME(c, j, base) && day_at(c, j, &d) && !year_at(c, j, &y)) {
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
			y = chr_tx_year_for(&c->a, mo, d, 0);
			if (y && !chr_tx_valid_date(y, mo, d))
				y = 0;  /* February 29 in a year without one */
		}
		m->type = CHR_TIMEX_DATE;
		chr_tx_fmt_day(m->value, y, mo, d);
		set_ref_day(c, i, y, mo, d);
		return j;
	}
	size_t k = year_after(c, j, base, &y);
	if (!k && GLUE(c, j, TXS_OF) && SAME(c, j + 1, base) && year_at(c, j + 1, &y))
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
		if (i > 0 && (GLUE(c, i - 1, TXS_BY) || GLUE(c, i - 1, TXS_UNTIL)))
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
	if (!day_at(c, i, &d))
		return 0;
	size_t j = i + 1;
	if (GLUE(c, j, TXS_OF))
		j++;
	if (!SAME(c, j, base) || !CLS(c, j, TXC_MONTH, &mo) || !upper(c, j))
		return 0;
	j++;
	size_t k = SAME(c, j, base) && year_at(c, j, &y) ? 1 : 0;
	if (!k && is_punct(c, j, ',') && SAME(c, j + 1, base) && year_at(c, j + 1, &y))
		k = 2;
	j += k;
	if (!k)
		y = chr_tx_year_for(&c->a, mo, d, 0);
	if (d > chr_tx_month_days(y ? y : 2000, mo)) {
		m->drop = 1;
		return j;
	}
	m->type = CHR_TIMEX_DATE;
	chr_tx_fmt_day(m->value, y, mo, d);
	set_ref_day(c, i, y, mo, d);
	return j;
}

/* The day a clock time or part of day belongs to, written into out. */
static void ref_day(const tx_ctx *c, size_t i, char *out)
{
	if (c->ref_ok && c->ref_sentence == c->t->tok[i].sentence)
		chr_tx_fmt_day(out, c->ref_y, c->ref_m, c->ref_d);
	else
		chr_tx_fmt_rel_day(out, &c->a, 0);
}

static const char *part_code(int p)
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
static size_t core_weekday(tx_ctx *c, size_t i, size_t base, tx_match *m, int mode)
{
	int wd;
	if (!CLS(c, i, TXC_WEEKDAY, &wd) || !upper(c, i))
		return 0;
	size_t n;
	const char *s = chr_token_text(c->t, i, &n);
	if (n <= 3 && !(tok(c, i)->flags & CHR_TF_ABBREV))
		return 0;  /* "Sun", "Sat" as names */
	if (s[n - 1] == 's' && n > 4 && mode == 0)
		return 0;  /* "Tuesdays": a set, only with every */
	size_t j = i + 1;
	/* "Monday, Oct. 26" names its date */
	size_t k = j + (is_punct(c, j, ',') ? 1 : 0);
	if (SAME(c, k, base)) {
		tx_match dm = *m;
		size_t e = core_month(c, k, base, &dm);
		if (!e)
			e = core_day_month(c, k, base, &dm);
		if (e && !dm.drop && strlen(dm.value) == 10) {
			*m = dm;
			return e;
		}
	}
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
		snprintf(m->value + len, sizeof m->value - len, "T%s", part_code(p));
		m->type = CHR_TIMEX_TIME;
		j++;
	}
	return j;
}

/* today, yesterday, tomorrow, tonight [morning] */
static size_t core_deictic(tx_ctx *c, size_t i, size_t base, tx_match *m)
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
		snprintf(m->value + len, sizeof m->value - len, "T%s", part_code(p));
		m->type = CHR_TIMEX_TIME;
		j++;
	}
	return j;
}

/* now, recently, the past, the future */
static size_t core_ref(tx_ctx *c, size_t i, size_t base, tx_match *m, int after_the)
{
	int r;
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
	if (n == 6 && (s[0] | 0x20) == 'r' && (s[5] | 0x20) == 't')
		return 0;  /* "recent" qualifies a noun; only "recent weeks" is a time */
	/* "the recent talks", "the current crisis": adjectives, not times */
	int noun = (n == 4 && (s[0] | 0x20) == 'p') || (n == 6 && (s[0] | 0x20) == 'f');
	if (after_the && !noun)
		return 0;
	/* "recent years", "current quarter": the unit decides */
	if (SAME(c, i + 1, base) && CLS(c, i + 1, TXC_UNIT, &u))
		return 0;
	snprintf(m->value, sizeof m->value, "%s", chr_tx_symbol_name(r));
	m->type = CHR_TIMEX_DATE;
	return i + 1;
}

static size_t core_ordinal(tx_ctx *c, size_t i, size_t base, tx_match *m, int year);

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
static size_t count_unit(tx_ctx *c, size_t i, size_t base, double *cnt, int *unit)
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
		if (c->q_y && n == 1 && dir < 0 && c->cur_sentence - c->q_sentence <= TX_QUARTER_REACH) {
			/* "a year earlier" beside quarterly results */
			snprintf(m->value, sizeof m->value, "%04d-Q%d", c->q_y - 1, c->q_q);
			break;
		}
		chr_tx_rel_year(m->value, &c->a, delta);
		break;
	case TXS_M: chr_tx_rel_month(m->value, &c->a, delta); break;
	case TXS_Q: chr_tx_rel_quarter(m->value, &c->a, delta); break;
	case TXS_W: chr_tx_fmt_rel_day(m->value, &c->a, delta * 7); break;
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

static size_t core_duration(tx_ctx *c, size_t i, size_t base, tx_match *m, int after_the)
{
	double cnt;
	int unit;
	size_t k = count_unit(c, i, base, &cnt, &unit);
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
	(void)after_the;
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
	return duration_tail(c, i + k, base, m, cnt, unit);
}

/* last/this/next ... */
static size_t core_rel(tx_ctx *c, size_t i, size_t base, tx_match *m, int after_the)
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
	size_t k = count_unit(c, j, base, &cnt, &unit);
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
			if (r == 0)
				return 0;
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
			size_t oe = core_ordinal(c, j + 2, base, &om, c->a.y + r);
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
		if (SAME(c, j + 1, base) && day_at(c, j + 1, &d) && d <= chr_tx_month_days(y ? y : 2000, v)) {
			/* "last Oct. 23" */
			if (c->a.ok && r < 0 && v == c->a.m && d < c->a.d)
				y = c->a.y;
			chr_tx_fmt_day(m->value, y, v, d);
			return j + 2;
		}
		chr_tx_fmt_month(m->value, y, v);
		return j + 1;
	}
	if (CLS(c, j, TXC_WEEKDAY, &v) && upper(c, j)) {
		int mode = r < 0 ? -2 : r > 0 ? 1 : (chr_tx_tense(c, i) < 0 ? -1 : 1);
		return core_weekday(c, j, base, m, mode);
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
		snprintf(m->value + len, sizeof m->value - len, "T%s", part_code(v));
		m->type = CHR_TIMEX_TIME;
		return j + 1;
	}
	return 0;
}

/* The year an ordinal period belongs to: "of 1990", "1990's" before it. */
static size_t of_year(const tx_ctx *c, size_t j, size_t base, int *y)
{
	if (GLUE(c, j, TXS_OF) && SAME(c, j + 1, base)) {
		if (year_at(c, j + 1, y))
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
static size_t core_ordinal(tx_ctx *c, size_t i, size_t base, tx_match *m, int year)
{
	int o, unit;
	long lv;
	if (CLS(c, i, TXC_ORDINAL, &o)) {
		if (o == 99)
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
	size_t k = count_unit(c, j, base, &cnt, &unit);
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
		snprintf(m->value, sizeof m->value, "%02dXX", o - 1);
	} else {
		return 0;
	}
	m->type = CHR_TIMEX_DATE;
	return j;
}

/* hh:mm, 5 p.m., noon, with an optional zone and day */
static size_t core_clock(tx_ctx *c, size_t i, size_t base, tx_match *m)
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
		if (SAME(c, j, base) && CLS(c, j, TXC_AMPM, &ap))
			j++;
		else if (!colon)
			return 0;
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
		size_t e = core_weekday(c, dj, base, &dm, 0);
		if (!e)
			e = core_month(c, dj, base, &dm);
		if (!e && dj == j)
			e = core_deictic(c, dj, base, &dm);
		if (e && !dm.drop && strlen(dm.value) == 10) {
			memcpy(day, dm.value, sizeof day);
			j = e;
		}
	}
	if (!day[0])
		ref_day(c, i, day);
	snprintf(m->value, sizeof m->value, "%.10sT%02d:%02d", day, hh, mm);
	m->type = CHR_TIMEX_TIME;
	return j;
}

/* every week, each Thursday, daily */
static size_t core_set(tx_ctx *c, size_t i, size_t base, tx_match *m)
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
	size_t k = count_unit(c, j, base, &cnt, &u);
	m->type = CHR_TIMEX_SET;
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
		snprintf(m->value, sizeof m->value, "XXXX-XX-XXT%s", part_code(v));
		return j + 1;
	}
	return 0;
}

/* "1990s", "'90s" */
static size_t core_decade(tx_ctx *c, size_t i, tx_match *m, const char *s, size_t n)
{
	long v;
	if (n == 5 && (s[4] | 0x20) == 's' && chr_tx_int_text(s, 4, &v) && v % 10 == 0 && v >= 1000) {
		snprintf(m->value, sizeof m->value, "%03ldX", v / 10);
		m->type = CHR_TIMEX_DATE;
		return i + 1;
	}
	if (n == 3 && (s[2] | 0x20) == 's' && chr_tx_int_text(s, 2, &v) && v % 10 == 0 && i > 0 &&
	    tok(c, i - 1)->kind == CHR_TOK_QUOTE) {
		snprintf(m->value, sizeof m->value, "19%ldX", v / 10);
		m->type = CHR_TIMEX_DATE;
		return i + 1;
	}
	return 0;
}

/* mid-August, three-day, third-quarter, year-earlier, mid-1990s */
static size_t core_hyphen(tx_ctx *c, size_t i, size_t base, tx_match *m)
{
	tx_part pt[4];
	size_t np = chr_tx_parts(c, i, pt, 4);
	int v, u, y;
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
			if (SAME(c, j, base) && year_at(c, j, &y)) {
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
		if (core_decade(c, i, m, pt[1].s, pt[1].n))
			return i + 1;
		if (tx_has(pt[1].w, TXC_SEASON)) {
			chr_tx_season(m->value, &c->a, 0, pt[1].w->val[TXC_SEASON], 0);
			return i + 1;
		}
		m->mod = 0;
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
		size_t oe = c->a.ok ? core_ordinal(c, i + 1, base, &om, c->a.y - 1) : 0;
		if (oe) {
			*m = om;
			m->derived = 1;
			return oe;
		}
		/* "the year-earlier quarter", "year-ago period" */
		if (SAME(c, i + 1, base) && CLS(c, i + 1, TXC_UNIT, &u2) && (u2 == TXS_Q || u2 == TXS_PE))
			return i + 2;
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
	(void)v;
	m->type = CHR_TIMEX_DURATION;
	chr_tx_fmt_duration(m->value, cnt, u);
	return i + 1;
}

/* Digits: 2025-12-03, 12/3/2025, 1990, 1990s, 3 December, 10:30 a.m. */
static size_t core_number(tx_ctx *c, size_t i, size_t base, tx_match *m)
{
	size_t n;
	const char *s = chr_token_text(c->t, i, &n);
	const chr_token *k = tok(c, i);
	if (k->kind == CHR_TOK_WORD)
		return core_decade(c, i, m, s, n);
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
	e = core_clock(c, i, base, m);
	if (e)
		return e;
	int y;
	if (year_at(c, i, &y)) {
		/* "1988 third quarter" */
		size_t j = i + 1;
		if (SAME(c, j, base)) {
			tx_match om = *m;
			size_t oe = core_ordinal(c, j, base, &om, y);
			if (oe) {
				*m = om;
				return oe;
			}
		}
		m->type = CHR_TIMEX_DATE;
		int u;
		if (SAME(c, j, base) && CLS(c, j, TXC_UNIT, &u) && (u == TXS_Q || u == TXS_PE)) {
			/* "the 1988 quarter", "the 1989 period": the quarter in the news */
			if (c->q_q)
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
static size_t core_fiscal(tx_ctx *c, size_t i, size_t base, tx_match *m, int after_the)
{
	int u, y;
	if (!CLS(c, i, TXC_FISCAL, NULL) || !SAME(c, i + 1, base))
		return 0;
	size_t j = i + 1;
	if (CLS(c, j, TXC_UNIT, &u) && u == TXS_Y) {
		j++;
		if (SAME(c, j, base) && year_at(c, j, &y)) {
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
	if (year_at(c, j, &y)) {
		m->type = CHR_TIMEX_DATE;
		chr_tx_fmt_year(m->value, y);
		return j + 1;
	}
	size_t e = core_ordinal(c, j, base, m, 0);
	if (!e && (tok(c, j)->flags & CHR_TF_HYPHEN))
		e = core_hyphen(c, j, base, m);
	return e;
}

static int ends_in(const tx_ctx *c, size_t i, const char *a, const char *b)
{
	size_t n;
	const char *s = chr_token_text(c->t, i, &n);
	return (n == strlen(a) && memcmp(s, a, n) == 0) || (n == strlen(b) && memcmp(s, b, n) == 0);
}

/* "nineteen ninety-six": a year read out, as in broadcast transcripts;
 * returns the tokens it takes (0 if none) */
static size_t spoken_year_at(const tx_ctx *c, size_t i, size_t base, int *y)
{
	int a;
	double b;
	if (!CLS(c, i, TXC_NUMBER, &a) || a < 10 || a > 20 || !SAME(c, i + 1, base))
		return 0;
	size_t k = chr_tx_count(c, i + 1, &b);
	if (!k || b < 10 || b > 99 || b != (double)(int)b)
		return 0;
	*y = a * 100 + (int)b;
	return 1 + k;
}

static size_t core_spoken_year(tx_ctx *c, size_t i, size_t base, tx_match *m)
{
	int y;
	size_t k = spoken_year_at(c, i, base, &y);
	if (!k)
		return 0;
	m->type = CHR_TIMEX_DATE;
	chr_tx_fmt_year(m->value, y);
	return i + k;
}

/* "summer", "the winter of 1994", "spring 2025" */
static size_t core_season(tx_ctx *c, size_t i, size_t base, tx_match *m, int after_the)
{
	int s, y = 0;
	if (!CLS(c, i, TXC_SEASON, &s) || !(after_the || upper(c, i) || (i > 0 && GLUE(c, i - 1, TXS_IN))))
		return 0;
	size_t j = i + 1, k = 0;
	if (GLUE(c, j, TXS_OF) && SAME(c, j + 1, base)) {
		k = year_at(c, j + 1, &y) ? 1 : spoken_year_at(c, j + 1, base, &y);
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
static size_t core_holiday(tx_ctx *c, size_t i, size_t base, tx_match *m)
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
	else if (SAME(c, j, base) && year_at(c, j, &y))
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

/* "year end", "year's end": the close of the article's year */
static size_t core_year_end(tx_ctx *c, size_t i, size_t base, tx_match *m)
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
static size_t core_the_unit(tx_ctx *c, size_t i, tx_match *m)
{
	int u;
	if (!CLS(c, i, TXC_UNIT, &u))
		return 0;
	size_t n;
	const char *s = chr_token_text(c->t, i, &n);
	if (s[n - 1] == 's')
		return 0;
	m->type = CHR_TIMEX_DATE;
	if (u == TXS_Y && i + 1 < c->n && ends_in(c, i + 1, "ended", "ending")) {
		/* "the year ended March 31": a fiscal year, a span */
		m->type = CHR_TIMEX_DURATION;
		chr_tx_fmt_duration(m->value, 1, TXS_Y);
		return i + 1;
	}
	switch (u) {
	case TXS_Y: chr_tx_rel_year(m->value, &c->a, 0); break;
	case TXS_Q: {
		/* the quarter a report is about: the last one that ended */
		int dir = chr_tx_tense(c, i);
		chr_tx_rel_quarter(m->value, &c->a, dir > 0 ? 0 : -1);
		break;
	}
	case TXS_W: chr_tx_rel_week(m->value, &c->a, 0, 0); break;
	case TXS_WE: {
		int wd = c->a.ok ? chr_tx_weekday(c->a.y, c->a.m, c->a.d) : 7;
		chr_tx_rel_week(m->value, &c->a, wd <= 3 ? -1 : 0, 1);
		break;
	}
	default: return 0;
	}
	return i + 1;
}

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
		TRY_RULE(core_number(c, j, base, &cur));
		TRY_RULE(core_duration(c, j, base, &cur, after_the));
		TRY_RULE(core_ordinal(c, j, base, &cur, 0));
		if (k->flags & CHR_TF_HYPHEN)
			TRY_RULE(core_hyphen(c, j, base, &cur));
		if (k->kind == CHR_TOK_WORD)
			TRY_RULE(core_clock(c, j, base, &cur));
	} else if (k->flags & CHR_TF_HYPHEN) {
		TRY_RULE(core_hyphen(c, j, base, &cur));
		TRY_RULE(core_duration(c, j, base, &cur, after_the));
	}
	if (w) {
		if (tx_has(w, TXC_MONTH))
			TRY_RULE(core_month(c, j, base, &cur));
		if (tx_has(w, TXC_WEEKDAY))
			TRY_RULE(core_weekday(c, j, base, &cur, 0));
		if (tx_has(w, TXC_DEICTIC))
			TRY_RULE(core_deictic(c, j, base, &cur));
		if (tx_has(w, TXC_REF))
			TRY_RULE(core_ref(c, j, base, &cur, after_the));
		if (tx_has(w, TXC_REL))
			TRY_RULE(core_rel(c, j, base, &cur, after_the));
		if (tx_has(w, TXC_ORDINAL))
			TRY_RULE(core_ordinal(c, j, base, &cur, 0));
		if (tx_has(w, TXC_NUMBER) || tx_has(w, TXC_VAGUE) || tx_has(w, TXC_UNIT))
			TRY_RULE(core_duration(c, j, base, &cur, after_the));
		if (tx_has(w, TXC_PART))
			TRY_RULE(core_clock(c, j, base, &cur));
		if (tx_has(w, TXC_OFTEN) || tx_has(w, TXC_EVERY))
			TRY_RULE(core_set(c, j, base, &cur));
		if (tx_has(w, TXC_FISCAL))
			TRY_RULE(core_fiscal(c, j, base, &cur, after_the));
		if (tx_has(w, TXC_SEASON))
			TRY_RULE(core_season(c, j, base, &cur, after_the));
		if (after_the && tx_has(w, TXC_UNIT))
			TRY_RULE(core_the_unit(c, j, &cur));
		if (tx_has(w, TXC_UNIT))
			TRY_RULE(core_year_end(c, j, base, &cur));
		if (tx_has(w, TXC_NUMBER))
			TRY_RULE(core_spoken_year(c, j, base, &cur));
		if (tx_has(w, TXC_HOLIDAY))
			TRY_RULE(core_holiday(c, j, base, &cur));
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
	if (mod && !m->mod)
		m->mod = mod;
	m->start = i;
	/* "the three-hour talks", "the 2023 quarrel": the article belongs to
	 * the noun */
	if (after_the && j == i + 1 &&
	    ((m->type == CHR_TIMEX_DURATION && (tok(c, j)->flags & CHR_TF_HYPHEN)) ||
	     (e == j + 1 && tok(c, j)->kind == CHR_TOK_NUMBER && m->type == CHR_TIMEX_DATE)))
		m->start = j;
	m->end = e;
	return e;
}
