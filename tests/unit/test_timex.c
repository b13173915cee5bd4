/*
 * test_timex.c - time expressions (src/analyze/timex*.c): recognition,
 * TIMEX3 values against an article date, X forms without one, bad dates,
 * calendar arithmetic, and pathological input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "analyze/timex.h"
#include "analyze/timex_int.h"
#include "analyze/token.h"
#include "util/fault.h"

/* Runs the pass over s and renders "text=VALUE" items joined by "; ";
 * a TIME, DURATION or SET adds "/TYPE", a modifier "/MOD". */
static const char *render(const char *s, const char *anchor)
{
	static char out[8192];
	chr_arena a;
	chr_tokens t;
	chr_timexes tx;
	size_t n = 0;
	chr_arena_init(&a);
	assert_int_equal(chr_tokenize(&a, s, strlen(s), &t), CHR_OK);
	assert_int_equal(chr_timex_find(&a, &t, anchor, &tx), CHR_OK);
	out[0] = '\0';
	for (size_t i = 0; i < tx.n; i++) {
		const chr_timex *x = &tx.t[i];
		n += (size_t)snprintf(out + n, sizeof out - n, "%s%.*s=%s", i ? "; " : "",
				      (int)(x->end - x->start), s + x->start, x->value);
		if (x->type != CHR_TIMEX_DATE)
			n += (size_t)snprintf(out + n, sizeof out - n, "/%s", chr_timex_type_name(x->type));
		if (x->mod[0])
			n += (size_t)snprintf(out + n, sizeof out - n, "/%s", x->mod);
		if (n >= sizeof out)
			break;
	}
	chr_arena_free(&a);
	return out;
}

typedef struct tcase {
	const char *anchor;
	const char *text;
	const char *want;
} tcase;

static void run_cases(const tcase *cases, size_t n)
{
	int bad = 0;
	for (size_t i = 0; i < n; i++) {
		const char *got = render(cases[i].text, cases[i].anchor);
		if (strcmp(got, cases[i].want) != 0) {
			print_error("[%s] \"%s\"\n  got  %s\n  want %s\n", cases[i].anchor ? cases[i].anchor : "no date",
				    cases[i].text, got, cases[i].want);
			bad++;
		}
	}
	if (bad)
		fail_msg("%d of %zu cases differ", bad, n);
}

static void dates_in_news_forms(void **state)
{
	(void)state;
	static const tcase cases[] = {
		{ "2025-12-12", "The summit opened on December 3 in Geneva.", "December 3=2025-12-03" },
		{ "2025-12-12", "Envoys first met on August 15 near the border.", "August 15=2025-08-15" },
		{ "2025-12-12", "The plan was drafted in June 2024 by aides.", "June 2024=2024-06" },
		{ "2025-12-12", "It was signed on Dec. 3, 2025, in a hotel.", "Dec. 3, 2025=2025-12-03" },
		{ "2025-12-12", "Ministers met on 3 December to talk.", "3 December=2025-12-03" },
		{ "2025-12-12", "The file is dated 2025-12-03 at the top.", "2025-12-03=2025-12-03" },
		{ "2025-12-12", "Prices peaked by mid-August 2025 and fell.", "mid-August 2025=2025-08/MID" },
		{ "2025-12-12", "A report came out in early March.", "early March=2025-03/START" },
		{ "2025-01-05", "The vote was held on December 20.", "December 20=2024-12-20" },
		{ "2025-12-12", "They met in 1998 and again in 2004.", "1998=1998; 2004=2004" },
		{ "2025-12-12", "Growth slowed in the third quarter.", "the third quarter=2025-Q3" },
		{ "2025-12-12", "Sales rose in third-quarter trading.", "third-quarter=2025-Q3" },
		{ "2025-12-12", "The town grew in the 1990s.", "the 1990s=199" },
		{ "2025-12-12", "Such groups grew through the nineties.", "the nineties=199" },
		{ "2025-12-12", "Prices rose in the late twenties.", "the late twenties=202/END" },
		{ NULL, "Such groups grew through the nineties.", "the nineties=199" },
		{ "2025-12-12", "Crops failed this summer after a dry spring.", "this summer=2025-SU" },
		{ "2025-12-12", "The truce began in June last year.", "June last year=2024-06" },
		{ "2025-12-12", "Shops close on Christmas Day.", "Christmas Day=2025-12-25" },
		{ "2025-12-12", "The family met on Thanksgiving.", "Thanksgiving=2025-11-27" },
		{ "2025-12-12", "The dam was built in nineteen ninety-six.", "nineteen ninety-six=1996" },
		{ "2025-12-12", "The road has been shut since the winter of 2021.", "the winter of 2021=2021-WI" },
		{ "2025-12-12", "The deal should close by year-end.", "year-end=2025/END" },
		{ "2025-12-12", "Profit rose in the 2023 season after a bad 2022.", "2023=2023; 2022=2022" },
		{ "2025-12-12", "They met in 2019. Later that year the talks failed.", "2019=2019; Later that year=2019/END" },
		{ "2025-12-12", "Sales fell in the third quarter. A year earlier they rose.",
		  "the third quarter=2025-Q3; A year earlier=2024-Q3" },
		{ "2025-12-12", "Sales fell 3% from a year earlier.", "a year earlier=2024" },
	};
	run_cases(cases, sizeof cases / sizeof cases[0]);
}

static void weekdays_and_relative_days(void **state)
{
	(void)state;
	static const tcase cases[] = {
		/* 2025-12-12 is a Friday */
		{ "2025-12-12", "The envoy arrived on Thursday with aides.", "Thursday=2025-12-11" },
		{ "2025-05-10", "Friday's talks ended late.", "Friday=2025-05-09" },
		{ "2025-12-12", "The vote happened Friday in the capital.", "Friday=2025-12-12" },
		{ "2025-12-12", "The council will meet on Tuesday.", "Tuesday=2025-12-16" },
		{ "2025-12-12", "They meet next Monday, an aide said.", "next Monday=2025-12-15" },
		{ "2025-12-12", "She spoke last Friday.", "last Friday=2025-12-05" },
		{ "2025-12-12", "He returns this coming Sunday.", "this coming Sunday=2025-12-14" },
		{ "2025-12-12", "Today the court sat; yesterday it did not; tomorrow it may.",
		  "Today=2025-12-12; yesterday=2025-12-11; tomorrow=2025-12-13" },
		{ "2025-12-12", "Talks resumed Thursday evening.", "Thursday evening=2025-12-11TEV" },
		{ "2025-12-12", "Shots were heard last night.", "last night=2025-12-11TNI/TIME" },
		{ "2025-12-12", "The two sides met last week and meet again next week.",
		  "last week=2025-W49; next week=2025-W51" },
		{ "2025-12-12", "Inflation rose earlier this month.", "earlier this month=2025-12/START" },
		{ "2025-12-12", "This year was hard; last year was worse; next year is unclear.",
		  "This year=2025; last year=2024; next year=2026" },
		{ "2025-12-12", "The deal fell through two years ago.", "two years ago=2023" },
		{ "2025-12-12", "The boat sank six weeks ago.", "six weeks ago=2025-W44" },
		{ "2025-12-12", "Shares were up at mid-afternoon yesterday.", "mid-afternoon yesterday=2025-12-11TAF/TIME/MID" },
		{ "2025-12-12", "By mid afternoon the shelling had stopped.", "mid afternoon=2025-12-12TAF/TIME/MID" },
		{ "2025-12-12", "On Thursday traders bought in the morning and sold.",
		  "Thursday=2025-12-11; the morning=2025-12-11TMO/TIME" },
		{ "2025-12-12", "Good morning to all of you.", "" },
		{ "2025-12-12", "Since the Aug. 7 bombing, guards are armed.", "Aug. 7=2025-08-07" },
		{ "2025-12-12", "His car was seen in the weeks before the attack.", "weeks=PXW/DURATION" },
		{ "2025-12-12", "The convoy left at 4 in the morning.", "4 in the morning=2025-12-12T04:00/TIME" },
		{ "2025-12-12", "They ate at 9 in the evening.", "9 in the evening=2025-12-12T21:00/TIME" },
		{ "2025-12-12", "The blast came at 10:35 a.m. (0735 GMT) Thursday.",
		  "10:35 a.m.=2025-12-11T10:35/TIME; Thursday=2025-12-11" },
		{ "2025-12-12", "The session began at 10:30 a.m. on Thursday.",
		  "10:30 a.m.=2025-12-11T10:30/TIME; Thursday=2025-12-11" },
		{ "2025-12-12", "On Thursday, at 10:30 a.m., he spoke.",
		  "Thursday=2025-12-11; 10:30 a.m.=2025-12-11T10:30/TIME" },
		{ "2025-12-12", "The vote is at 3pm on Tuesday.", "3pm=2025-12-09T15:00/TIME; Tuesday=2025-12-09" },
		{ "2025-12-12", "He scored 2:30 into the game.", "" },
		{ "2025-12-12", "Markets are calm now, but prices rose recently.",
		  "now=PRESENT_REF; recently=PAST_REF" },
		/* French weekdays are lower case; a future form looks ahead; a
		 * weekday before a date in words not read here is left alone */
		{ "2025-12-12", "Les deux envoyés se retrouveront jeudi à Vienne.", "jeudi=2025-12-18" },
		{ "2025-12-12", "Ils ont signé jeudi à Vienne.", "jeudi=2025-12-11" },
		{ "2025-12-12", "La séance du mardi 4 mars fut longue.", "" },
		{ "2025-12-12", "The sun was out and the sat phone worked.", "" },
	};
	run_cases(cases, sizeof cases / sizeof cases[0]);
}

static void durations_and_sets(void **state)
{
	(void)state;
	static const tcase cases[] = {
		{ "2025-12-12", "The meeting lasted about three hours.", "three hours=PT3H/DURATION/APPROX" },
		{ "2025-12-12", "He will decide within a week.", "a week=P1W/DURATION/EQUAL_OR_LESS" },
		{ "2025-12-12", "They opened three-day talks in Doha.", "three-day=P3D/DURATION" },
		{ "2025-12-12", "The hearing lasted not ten minutes but six hours.", "six hours=PT6H/DURATION" },
		{ "2025-12-12", "The session did not last ten minutes but ran for six hours.", "six hours=PT6H/DURATION" },
		{ "2025-12-12", "The talks didn't last five minutes.", "" },
		{ "2025-12-12", "He served two years and then a decade more.",
		  "two years=P2Y/DURATION; a decade=P10Y/DURATION" },
		{ "2025-12-12", "It may take several weeks.", "several weeks=PXW/DURATION" },
		{ "2025-12-12", "The team flew for 5 1/2 hours.", "5 1/2 hours=PT5H30M/DURATION" },
		{ "2025-12-12", "Rates fell over the past two years.", "the past two years=P2Y/DURATION" },
		{ "2025-12-12", "Inspectors visit every week and report daily.",
		  "every week=P1W/SET; daily=P1D/SET" },
		{ "2025-12-12", "The market opens each Thursday.", "each Thursday=XXXX-WXX-4/SET" },
		{ "2025-12-12", "Envoys meet every other week.", "every other week=P2W/SET" },
		{ "2025-12-12", "A hearing is set for the week of March 6.", "the week of March 6=2026-W10" },
		{ "2025-12-12", "His two-year-old son and a man aged 52 years old were there.", "" },
		{ "2025-12-12", "Data are published once a month and the three-hour talks resumed.",
		  "a month=P1M/SET; three-hour=PT3H/DURATION" },
		{ "2025-12-12", "Profit for the full year fell.", "the full year=2025" },
		{ "2025-12-12", "She read it in the daily paper.", "" },
	};
	run_cases(cases, sizeof cases / sizeof cases[0]);
}

static void no_article_date_gives_x_forms(void **state)
{
	(void)state;
	static const tcase cases[] = {
		{ NULL, "They met on December 3.", "December 3=XXXX-12-03" },
		{ NULL, "They met on Thursday.", "Thursday=XXXX-WXX-4" },
		{ NULL, "It happened yesterday and last week.", "yesterday=XXXX-XX-XX; last week=XXXX-WXX" },
		{ NULL, "It happened last year in the third quarter.", "last year=XXXX; the third quarter=XXXX-Q3" },
		{ NULL, "The plan dates from June 2024.", "June 2024=2024-06" },
		{ NULL, "It lasted five hours.", "five hours=PT5H/DURATION" },
		{ "not a date", "They met on Thursday.", "Thursday=XXXX-WXX-4" },
		{ "2025-02-30", "They met on Thursday.", "Thursday=XXXX-WXX-4" },
	};
	run_cases(cases, sizeof cases / sizeof cases[0]);
}

static void bad_calendar_dates_are_rejected(void **state)
{
	(void)state;
	static const tcase cases[] = {
		{ "2025-12-12", "The deadline was February 30.", "" },
		{ "2025-12-12", "The deadline was February 30, 2024.", "" },
		{ "2025-12-12", "A file dated 2025-13-45 and 2025-02-29.", "" },
		{ "2025-12-12", "In 99999 and in year 0 nothing happened.", "" },
		{ "2024-03-01", "It was due on February 29.", "February 29=2024-02-29" },
		{ "2025-12-12", "Buy 1990 shares at $2000 for 2010 people.", "" },
	};
	run_cases(cases, sizeof cases / sizeof cases[0]);
}

/* Vague periods, and which period results news compares with. */
static void vague_periods_and_results(void **state)
{
	(void)state;
	static const tcase cases[] = {
		{ "2025-12-12", "Rents have soared in recent years.", "recent years=PAST_REF" },
		{ "2025-12-12", "Rents have soared in recent weeks.", "recent weeks=PXW/DURATION" },
		{ "2025-12-12", "Markets fall faster these days.", "these days=PRESENT_REF" },
		{ "2025-12-12", "She believes the town will one day be rich.", "one day=FUTURE_REF" },
		{ "2025-12-12", "The strike lasted one day.", "one day=P1D/DURATION" },
		{ "2025-12-12", "These three months were hard.", "These three months=P3M/DURATION" },
		{ "2025-12-12", "Such floods were rare in past years.", "past years=PAST_REF" },
		{ "2025-12-12", "The credits will lower taxes in future quarters.", "future quarters=FUTURE_REF" },
		{ "2025-12-12", "He spoke about the case on the show \"60 Minutes\" with his lawyer.", "" },
		{ "2025-12-12", "Critics compared the standoff with the film High Noon and its ending.", "" },
		{ "2025-12-12", "Envoys Meet Next Week", "Next Week=2025-W51" },
		{ "2025-10-26", "She will succeed him on Feb. 1 as chair.", "Feb. 1=2026-02-01" },
		{ "2025-10-31", "In the fiscal year that ended Jan. 31, sales rose.",
		  "the fiscal year=P1Y/DURATION; Jan. 31=2025-01-31" },
		{ "2025-10-30", "It earned $4 million in the fiscal-first quarter, against $2 million a year ago.",
		  "the fiscal-first quarter=2025-Q1; a year ago=2024-Q1" },
		{ "2025-12-12", "Leaders meet on April 24 and 25 in Oslo.", "April 24=2026-04-24; 25=2026-04-25" },
		{ "2025-12-12", "Polls open on May 3, 4 and 5.", "May 3=2026-05-03; 4=2026-05-04; 5=2026-05-05" },
		{ "2025-12-12", "It was on April 24 and 25 people were hurt.", "April 24=2025-04-24" },
		{ "2025-10-30", "It lost $2 million in the third quarter; for the quarter a year ago it earned $1 million.",
		  "the third quarter=2025-Q3; the quarter a year ago=2024-Q3" },
		{ "2025-10-30", "Sales fell from the third quarter last year.", "the third quarter last year=2024-Q3" },
		{ "2025-10-30", "For the nine months, net rose. In the year-earlier period, it had a loss.",
		  "the nine months=P9M/DURATION; the year-earlier period=P9M/DURATION" },
		{ "2025-10-30", "Net for the year-earlier nine months included a gain.",
		  "the year-earlier nine months=P9M/DURATION" },
		{ "2025-11-20", "Sun earned $5 million in the fiscal first quarter. Sales rose in the quarter.",
		  "the fiscal first quarter=2025-Q1; the quarter=2025-Q1" },
		{ "2025-12-12", "Earnings will fall for the last half of 2024.", "the last half of 2024=2024-H2" },
		{ "2025-12-12", "Prices stay low through the first two quarters of 2026.",
		  "the first two quarters of 2026=2026-H1" },
		{ "2025-12-12", "She joined the navy in 2011 and the following year she sailed.",
		  "2011=2011; the following year=2012" },
		{ "2025-12-12", "Talks failed in March 2019. The following month the army moved.",
		  "March 2019=2019-03; The following month=2019-04" },
		{ "2025-12-12", "He left in 2004; the previous year had been hard.", "2004=2004; the previous year=2003" },
		{ "2025-12-15", "Shares fell on Friday, down 4% from the previous Friday.",
		  "Friday=2025-12-12; the previous Friday=2025-12-05" },
		{ "2025-12-12", "Nobody expected the year two thousand to be calm.", "the year two thousand=2000" },
		{ "2025-12-12", "By the year 2030 the lake may be gone.", "the year 2030=2030" },
		{ "2025-12-12", "Two thousand people marched.", "" },
		{ "2025-10-30", "Profit rose in the third quarter from $5 million a year earlier.",
		  "the third quarter=2025-Q3; a year earlier=2024-Q3" },
		{ "2025-10-30", "Profit rose in the third quarter. For the nine months, it fell from $9 million a year earlier.",
		  "the third quarter=2025-Q3; the nine months=P9M/DURATION; a year earlier=2024" },
	};
	run_cases(cases, sizeof cases / sizeof cases[0]);
}

static void calendar_arithmetic(void **state)
{
	(void)state;
	assert_int_equal(chr_tx_days(1970, 1, 1), 0);
	assert_int_equal(chr_tx_days(2000, 3, 1), 11017);
	int y, m, d;
	chr_tx_civil(chr_tx_days(2024, 2, 29) + 1, &y, &m, &d);
	assert_int_equal(y * 10000 + m * 100 + d, 20240301);
	chr_tx_civil(chr_tx_days(1, 1, 1), &y, &m, &d);
	assert_int_equal(y * 10000 + m * 100 + d, 10101);
	assert_int_equal(chr_tx_weekday(2025, 12, 12), 5);
	assert_int_equal(chr_tx_weekday(2000, 1, 1), 6);
	int wy, w;
	chr_tx_iso_week(2025, 12, 12, &wy, &w);
	assert_int_equal(wy * 100 + w, 202550);
	chr_tx_iso_week(2021, 1, 3, &wy, &w);  /* belongs to 2020-W53 */
	assert_int_equal(wy * 100 + w, 202053);
	assert_true(chr_tx_leap(2000));
	assert_false(chr_tx_leap(1900));
	assert_false(chr_tx_valid_date(2023, 2, 29));
	assert_false(chr_tx_valid_date(0, 1, 1));
	assert_false(chr_tx_valid_date(10000, 1, 1));
	y = 2025;
	m = 1;
	chr_tx_add_months(&y, &m, -1);
	assert_int_equal(y * 100 + m, 202412);
	tx_anchor a = chr_tx_anchor("2025-12-12T08:00:00Z");
	assert_true(a.ok);
	assert_false(chr_tx_anchor("2025-1-12").ok);
	char v[32];
	chr_tx_fmt_duration(v, -1, TXS_W);
	assert_string_equal(v, "PXW");
	chr_tx_fmt_duration(v, 2.5, TXS_Y);
	assert_string_equal(v, "P2Y6M");
}

/* Every value the pass writes has a TIMEX3 shape and every span lies in
 * the text, in order, without overlap. */
static void check_sane(const char *s, size_t len, const char *anchor, size_t *count)
{
	chr_arena a;
	chr_tokens t;
	chr_timexes tx;
	chr_arena_init(&a);
	assert_int_equal(chr_tokenize(&a, s, len, &t), CHR_OK);
	assert_int_equal(chr_timex_find(&a, &t, anchor, &tx), CHR_OK);
	uint32_t prev = 0;
	for (size_t i = 0; i < tx.n; i++) {
		const chr_timex *x = &tx.t[i];
		assert_true(x->start >= prev && x->start < x->end && x->end <= len);
		assert_true(x->tok_begin < x->tok_end && x->tok_end <= t.n);
		prev = x->end;
		assert_true(x->value[0] != '\0' && strlen(x->value) < sizeof x->value);
		int y, m, d;
		if (sscanf(x->value, "%4d-%2d-%2d", &y, &m, &d) == 3 && x->value[4] == '-')
			assert_true(chr_tx_valid_date(y, m, d));
	}
	*count = tx.n;
	chr_arena_free(&a);
}

static void pathological_text_stays_sane(void **state)
{
	(void)state;
	/* a 1 MB "sentence" of digits and month names, no period in sight */
	static const char *const parts[] = { "12 ", "December ", "31 ", "2025 ", "February ", "30 ",
					     "99999 ", "0 ", "10:30 ", "Thursday ", "ago ", "last ", "-", "the " };
	size_t cap = 1u << 20, n = 0;
	char *s = malloc(cap + 32);
	assert_non_null(s);
	uint32_t r = 12345;
	while (n < cap) {
		r = r * 1103515245u + 12345u;
		const char *p = parts[(r >> 16) % (sizeof parts / sizeof parts[0])];
		size_t k = strlen(p);
		memcpy(s + n, p, k);
		n += k;
	}
	s[n] = '\0';
	size_t count = 0;
	check_sane(s, n, "2025-12-12", &count);
	assert_true(count > 1000);
	check_sane(s, n, NULL, &count);
	/* the same with no spaces at all: one giant token */
	memset(s, '9', n);
	check_sane(s, n, "2025-12-12", &count);
	assert_int_equal(count, 0);
	free(s);
}

/* Every allocation of the pass may fail: it reports CHR_ENOMEM and leaves
 * an empty result, never a crash or a half-filled array. */
static void out_of_memory_is_reported(void **state)
{
	(void)state;
	static const char text[] = "On Thursday, Dec. 3, 2025, at 10:30 a.m., talks lasted five hours; "
				   "they meet every week, last year and next year alike.";
	int saw_failure = 0, saw_success = 0;
	chr_arena ta;
	chr_tokens t;
	chr_arena_init(&ta);
	assert_int_equal(chr_tokenize(&ta, text, sizeof text - 1, &t), CHR_OK);
	for (long k = 0; k < 64 && !saw_success; k++) {
		/* a fresh arena, so the pass's own allocations reach malloc */
		chr_arena a;
		chr_timexes tx;
		chr_arena_init(&a);
		chr_fault_fail_after(k);
		chr_status st = chr_timex_find(&a, &t, "2025-12-12", &tx);
		chr_fault_fail_after(-1);
		if (st == CHR_OK) {
			assert_true(tx.n >= 6);
			saw_success = 1;
		} else {
			assert_int_equal(st, CHR_ENOMEM);
			assert_int_equal(tx.n, 0);
			saw_failure = 1;
		}
		chr_arena_free(&a);
	}
	chr_arena_free(&ta);
	assert_true(saw_failure);
	assert_true(saw_success);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(dates_in_news_forms),
		cmocka_unit_test(weekdays_and_relative_days),
		cmocka_unit_test(durations_and_sets),
		cmocka_unit_test(no_article_date_gives_x_forms),
		cmocka_unit_test(bad_calendar_dates_are_rejected),
		cmocka_unit_test(vague_periods_and_results),
		cmocka_unit_test(calendar_arithmetic),
		cmocka_unit_test(pathological_text_stays_sane),
		cmocka_unit_test(out_of_memory_is_reported),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
