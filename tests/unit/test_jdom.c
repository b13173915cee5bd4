/*
 * test_jdom.c - unit tests for src/util/jdom.c, the analysis-line reader.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "util/fault.h"
#include "util/jdom.h"

static const chr_jv *parse(chr_arena *a, const char *text, chr_status want)
{
	const chr_jv *v = NULL;
	char err[96] = "";
	chr_status st = chr_jdom_parse(a, text, strlen(text), &v, err, sizeof err);
	if (st != want)
		fail_msg("%s: got status %d (%s), want %d", text, st, err, want);
	return v;
}

static void reads_objects_arrays_and_scalars(void **state)
{
	(void)state;
	chr_arena a;
	chr_arena_init(&a);
	const chr_jv *v = parse(&a, " {\"doc\":\"x\",\"n\":[1,-20,3.5,1e2,true,false,null],\"o\":{}} ", CHR_OK);
	assert_string_equal(chr_jv_str(chr_jv_get(v, "doc")), "x");
	const chr_jv *n = chr_jv_get(v, "n");
	assert_int_equal(chr_jv_len(n), 7);
	int64_t i = 0;
	double d = 0;
	assert_true(chr_jv_int(chr_jv_at(n, 1), &i));
	assert_int_equal(i, -20);
	assert_false(chr_jv_int(chr_jv_at(n, 2), &i));
	assert_true(chr_jv_number(chr_jv_at(n, 2), &d));
	assert_true(d == 3.5);
	assert_true(chr_jv_number(chr_jv_at(n, 3), &d));
	assert_true(d == 100.0);
	assert_int_equal(chr_jv_at(n, 4)->type, CHR_JV_BOOL);
	assert_int_equal(chr_jv_at(n, 6)->type, CHR_JV_NULL);
	assert_null(chr_jv_at(n, 7));
	/* Wrong types answer NULL / 0, never crash. */
	assert_null(chr_jv_str(n));
	assert_int_equal(chr_jv_len(chr_jv_get(v, "doc")), 0);
	assert_null(chr_jv_get(chr_jv_get(v, "missing"), "deeper"));
	assert_int_equal(chr_jv_get(v, "o")->n, 0);
	chr_arena_free(&a);
}

static void unescapes_strings(void **state)
{
	(void)state;
	chr_arena a;
	chr_arena_init(&a);
	const chr_jv *v = parse(&a, "[\"a\\\"b\\\\c\\n\", \"\\u00e9\\u20ac\", \"\\ud83d\\ude00\", \"caf\xc3\xa9\"]", CHR_OK);
	assert_string_equal(chr_jv_str(chr_jv_at(v, 0)), "a\"b\\c\n");
	assert_string_equal(chr_jv_str(chr_jv_at(v, 1)), "\xc3\xa9\xe2\x82\xac");
	assert_string_equal(chr_jv_str(chr_jv_at(v, 2)), "\xf0\x9f\x98\x80");
	assert_string_equal(chr_jv_str(chr_jv_at(v, 3)), "caf\xc3\xa9");
	assert_int_equal(chr_jv_at(v, 2)->n, 4);
	chr_arena_free(&a);
}

/* Long strings are scanned 16 bytes at a time: what needs a look (a quote,
 * an escape, a control character, a non-ASCII byte) is found wherever it
 * falls in a block, also in the last, partial one. */
static void long_strings_are_read_whole(void **state)
{
	(void)state;
	chr_arena a;
	chr_arena_init(&a);
	char text[512], want[64];
	for (int at = 0; at < 40; at++) {
		memset(want, 'x', 42);
		memcpy(want + at, "\xc3\xa9", 2);
		want[42] = '\0';
		snprintf(text, sizeof text, "[\"%s\",1]", want);
		const chr_jv *v = parse(&a, text, CHR_OK);
		assert_string_equal(chr_jv_str(chr_jv_at(v, 0)), want);
		memset(want, 'y', 40);
		want[40] = '\0';
		char esc[512];
		snprintf(esc, sizeof esc, "[\"%.*s\\\"%s\"]", at, want, want + at);
		v = parse(&a, esc, CHR_OK);
		assert_int_equal(chr_jv_at(v, 0)->n, 41);
		assert_int_equal(chr_jv_str(chr_jv_at(v, 0))[at], '"');
		/* a control character or a stray continuation byte anywhere */
		snprintf(text, sizeof text, "[\"%.*s\t%s\"]", at, want, want + at);
		parse(&a, text, CHR_EFORMAT);
		snprintf(text, sizeof text, "[\"%.*s\x80%s\"]", at, want, want + at);
		parse(&a, text, CHR_EFORMAT);
		/* unterminated, cut inside a block */
		snprintf(text, sizeof text, "[\"%.*s", at, want);
		parse(&a, text, CHR_EFORMAT);
	}
	chr_arena_free(&a);
}

static void refuses_bad_json(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"", "{", "[1,]", "{\"a\" 1}", "{\"a\":1,}", "[01]", "[1.]", "[.5]", "[1e]", "-", "tru", "nul",
		"\"abc", "\"a\\x\"", "\"\\u12\"", "\"\\ud800\"", "\"\\udc00x\"", "\"\\u0000\"", "\"a\tb\"",
		"[1] [2]", "{1:2}", "[\"a\"\"b\"]", "[1e999]",
		/* invalid UTF-8: a stray byte, an overlong NUL, a surrogate, a cut sequence */
		"\"\xff\"", "\"\xc0\x80\"", "\"\xed\xa0\x80\"", "\"\xe2\x82\"",
	};
	chr_arena a;
	chr_arena_init(&a);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_null(parse(&a, bad[i], CHR_EFORMAT));
	/* Nesting is bounded: no stack overflow on a hostile line. */
	char deep[4096];
	memset(deep, '[', sizeof deep - 1);
	deep[sizeof deep - 1] = '\0';
	assert_null(parse(&a, deep, CHR_EFORMAT));
	chr_arena_free(&a);
}

static void duplicate_names_keep_the_last(void **state)
{
	(void)state;
	chr_arena a;
	chr_arena_init(&a);
	const chr_jv *v = parse(&a, "{\"k\":1,\"k\":2}", CHR_OK);
	int64_t i = 0;
	assert_true(chr_jv_int(chr_jv_get(v, "k"), &i));
	assert_int_equal(i, 2);
	chr_arena_free(&a);
}

static void reports_out_of_memory(void **state)
{
	(void)state;
	const char *text = "{\"a\":[1,2,3],\"b\":\"text\"}";
	/* Every allocation in turn fails: ENOMEM each time, never a crash. */
	for (long n = 0; n < 8; n++) {
		chr_arena a;
		chr_arena_init(&a);
		const chr_jv *v = NULL;
		chr_fault_fail_after(n);
		chr_status st = chr_jdom_parse(&a, text, strlen(text), &v, NULL, 0);
		chr_fault_fail_after(-1);
		assert_true(st == CHR_OK || st == CHR_ENOMEM);
		if (st == CHR_OK)
			assert_non_null(chr_jv_get(v, "b"));
		chr_arena_free(&a);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reads_objects_arrays_and_scalars),
		cmocka_unit_test(unescapes_strings),
		cmocka_unit_test(long_strings_are_read_whole),
		cmocka_unit_test(refuses_bad_json),
		cmocka_unit_test(duplicate_names_keep_the_last),
		cmocka_unit_test(reports_out_of_memory),
	};
	return cmocka_run_group_tests_name("jdom", tests, NULL, NULL);
}
