/*
 * test_jdom.c - unit tests for src/util/jdom.c, the analysis-line reader
 * and tree builder, and src/util/jwrite.c, which writes text or trees.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "util/fault.h"
#include "util/jdom.h"
#include "util/jwrite.h"

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

/* Two trees hold the same values (numbers compared as the reader makes them). */
static int same_tree(const chr_jv *a, const chr_jv *b)
{
	if (a->type != b->type || a->n != b->n)
		return 0;
	switch (a->type) {
	case CHR_JV_STRING:
		return memcmp(a->u.str, b->u.str, a->n) == 0 && a->u.str[a->n] == '\0' && b->u.str[b->n] == '\0';
	case CHR_JV_NUMBER:
		return a->is_int == b->is_int && a->u.num == b->u.num && (!a->is_int || a->i == b->i);
	case CHR_JV_BOOL:
		return a->u.flag == b->u.flag;
	case CHR_JV_ARRAY:
	case CHR_JV_OBJECT:
		for (uint32_t i = 0; i < (a->type == CHR_JV_OBJECT ? 2 * a->n : a->n); i++)
			if (!same_tree(&a->u.items[i], &b->u.items[i]))
				return 0;
		return 1;
	default:
		return 1;
	}
}

/* Everything the analysis writes, once to w. */
static void write_sample(chr_jw *w)
{
	chr_jw_object(w);
	chr_jw_key(w, "text");
	chr_jw_cstr(w, "line one\nline \"two\"\t\\ \x01 caf\xc3\xa9 \xf0\x9f\x98\x80");
	chr_jw_key(w, "none");
	chr_jw_cstr(w, NULL);
	chr_jw_key(w, "empty");
	chr_jw_array(w);
	chr_jw_end(w);
	chr_jw_key(w, "spans");
	chr_jw_array(w);
	chr_jw_span(w, 0, 4);
	chr_jw_span(w, 5, 4000000000u);
	chr_jw_end(w);
	chr_jw_key(w, "numbers");
	chr_jw_array(w);
	chr_jw_uint(w, 0);
	chr_jw_number(w, 28);
	chr_jw_number(w, 2.5);
	chr_jw_number(w, -1.0 / 3);
	chr_jw_number(w, 6e12);
	chr_jw_end(w);
	chr_jw_key(w, "nested");
	chr_jw_array(w);
	chr_jw_object(w);
	chr_jw_key(w, "a");
	chr_jw_object(w);
	chr_jw_end(w);
	chr_jw_end(w);
	chr_jw_null(w);
	chr_jw_end(w);
	chr_jw_end(w);
}

static void written_tree_is_what_its_text_parses_to(void **state)
{
	(void)state;
	chr_buf b;
	chr_buf_init(&b, 0);
	chr_jw w;
	chr_jw_text(&w, &b);
	write_sample(&w);
	assert_int_equal(chr_jw_status(&w), CHR_OK);
	chr_arena a;
	chr_arena_init(&a);
	char *text = strndup(b.data, b.len);
	const chr_jv *parsed = parse(&a, text, CHR_OK), *built = NULL;
	assert_non_null(parsed);
	chr_jbuild t;
	chr_jbuild_init(&t, &a);
	chr_jw_tree(&w, &t);
	write_sample(&w);
	assert_int_equal(chr_jw_status(&w), CHR_OK);
	assert_int_equal(chr_jbuild_finish(&t, &built, NULL, 0), CHR_OK);
	assert_true(same_tree(parsed, built));
	assert_true(!same_tree(parsed, chr_jv_get(built, "nested")));
	/* the text: compact, commas in their places */
	assert_non_null(strstr(text, "\"empty\":[],\"spans\":[[0,4],[5,4000000000]],"));
	assert_non_null(strstr(text, "\"numbers\":[0,28,2.5,-0.333333,6e+12]"));
	assert_non_null(strstr(text, "\"nested\":[{\"a\":{}},null]}"));
	free(text);
	chr_buf_free(&b);
	chr_arena_free(&a);
}

/* What the reader refuses the builder refuses, and it says why. */
static void builder_refuses_what_the_reader_refuses(void **state)
{
	(void)state;
	static const struct { const char *bytes; size_t len; const char *why; } strings[] = {
		{ "a\0b", 3, "NUL" }, { "caf\xc3", 4, "UTF-8" }, { "\xed\xa0\x80", 3, "UTF-8" },
		{ "0123456789abcdef0123456789abcde\xff", 32, "UTF-8" },
	};
	for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++) {
		chr_arena a;
		chr_arena_init(&a);
		chr_jbuild t;
		chr_jbuild_init(&t, &a);
		chr_jbuild_open(&t, CHR_JV_ARRAY);
		chr_jbuild_string(&t, strings[i].bytes, strings[i].len);
		chr_jbuild_close(&t);
		const chr_jv *v = NULL;
		char err[96] = "";
		assert_int_equal(chr_jbuild_finish(&t, &v, err, sizeof err), CHR_EFORMAT);
		assert_null(v);
		assert_non_null(strstr(err, strings[i].why));
		chr_arena_free(&a);
	}
	/* badly nested, a member without its name, a number JSON has not */
	for (int k = 0; k < 4; k++) {
		chr_arena a;
		chr_arena_init(&a);
		chr_jbuild t;
		chr_jbuild_init(&t, &a);
		if (k == 0) {
			chr_jbuild_open(&t, CHR_JV_OBJECT);
		} else if (k == 1) {
			chr_jbuild_close(&t);
		} else if (k == 2) {
			chr_jbuild_open(&t, CHR_JV_OBJECT);
			chr_jbuild_int(&t, 1);
			chr_jbuild_close(&t);
		} else {
			chr_jbuild_number(&t, "nan", 3);
		}
		const chr_jv *v = NULL;
		assert_int_equal(chr_jbuild_finish(&t, &v, NULL, 0), CHR_EFORMAT);
		chr_arena_free(&a);
	}
}

static void builder_reports_out_of_memory(void **state)
{
	(void)state;
	for (long n = 0; n < 12; n++) {
		chr_arena a;
		chr_arena_init(&a);
		chr_jbuild t;
		chr_jbuild_init(&t, &a);
		chr_jw w;
		chr_jw_tree(&w, &t);
		chr_fault_fail_after(n);
		write_sample(&w);
		const chr_jv *v = NULL;
		chr_status st = chr_jbuild_finish(&t, &v, NULL, 0);
		chr_fault_fail_after(-1);
		assert_true(st == CHR_OK || st == CHR_ENOMEM);
		if (st == CHR_OK)
			assert_non_null(chr_jv_get(v, "nested"));
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
		cmocka_unit_test(written_tree_is_what_its_text_parses_to),
		cmocka_unit_test(builder_refuses_what_the_reader_refuses),
		cmocka_unit_test(builder_reports_out_of_memory),
	};
	return cmocka_run_group_tests_name("jdom", tests, NULL, NULL);
}
