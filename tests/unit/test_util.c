/*
 * test_util.c - unit tests for src/util: arena, buffers, UTF-8, JSON.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "util/arena.h"
#include "util/buf.h"
#include "util/fault.h"
#include "util/grow.h"
#include "util/json.h"
#include "util/utf8.h"

static void arena_allocates_aligned_and_frees(void **state)
{
	(void)state;
	chr_arena a;
	chr_arena_init(&a);
	for (int i = 1; i < 2000; i++) {
		char *p = chr_arena_alloc(&a, (size_t)i);
		assert_non_null(p);
		assert_int_equal((uintptr_t)p % 16, 0);
		memset(p, 0xAB, (size_t)i);
	}
	char *big = chr_arena_alloc(&a, 20u << 20);
	assert_non_null(big);
	assert_string_equal(chr_arena_strndup(&a, "hello world", 5), "hello");
	chr_arena_free(&a);
	assert_null(a.head);
}

static void arena_reports_out_of_memory(void **state)
{
	(void)state;
	chr_arena a;
	chr_arena_init(&a);
	chr_fault_fail_after(0);
	assert_null(chr_arena_alloc(&a, 10));
	chr_fault_fail_after(-1);
	assert_non_null(chr_arena_alloc(&a, 10));
	chr_arena_free(&a);
}

static void buf_respects_cap(void **state)
{
	(void)state;
	chr_buf b;
	chr_buf_init(&b, 8);
	assert_int_equal(chr_buf_puts(&b, "12345678"), CHR_OK);
	assert_int_equal(chr_buf_putc(&b, '9'), CHR_ELIMIT);
	assert_string_equal(b.data, "12345678");
	size_t len;
	char *p = chr_buf_take(&b, &len);
	assert_int_equal(len, 8);
	assert_null(b.data);
	free(p);
}

static void sanitize(const char *in, size_t len, const char *want)
{
	chr_buf b;
	chr_buf_init(&b, 0);
	assert_int_equal(chr_utf8_sanitize(in, len, &b), CHR_OK);
	assert_int_equal(b.len, strlen(want));
	assert_memory_equal(b.data ? b.data : "", want, b.len);
	chr_buf_free(&b);
}

static void utf8_sanitize_repairs_and_drops(void **state)
{
	(void)state;
	sanitize("plain", 5, "plain");
	sanitize("a\0b", 3, "ab");                       /* NUL dropped */
	sanitize("a\r\nb\rc", 6, "a\nb\nc");              /* line ends */
	sanitize("\xEF\xBB\xBFx", 4, "x");                /* BOM */
	sanitize("a\xFF" "b", 3, "a\xEF\xBF\xBD" "b");    /* invalid byte */
	sanitize("\xC0\xAF", 2, "\xEF\xBF\xBD\xEF\xBF\xBD"); /* overlong */
	sanitize("\xED\xA0\x80", 3, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"); /* surrogate */
	sanitize("\xE2\x80", 2, "\xEF\xBF\xBD\xEF\xBF\xBD"); /* truncated */
	sanitize("x\xC2\x85y", 4, "xy");                  /* C1 control */
	sanitize("Erdo\xC4\x9F" "an", 8, "Erdo\xC4\x9F" "an");
	sanitize("\x01\x1B[0m\t", 6, "[0m\t");
}

/* Every special byte at every offset of a long run, so that the wide
 * (16- and 8-byte) scans hand over to the byte loop at each position. */
static void utf8_sanitize_at_every_offset(void **state)
{
	(void)state;
	static const struct { const char *in; size_t len; const char *out; } cases[] = {
		{"\0", 1, ""}, {"\r", 1, "\n"}, {"\x7f", 1, ""}, {"\xff", 1, "\xEF\xBF\xBD"},
		{"\xC3\xA9", 2, "\xC3\xA9"}, {"\x01", 1, ""}, {"\n", 1, "\n"}, {"\t", 1, "\t"},
		{"\x1f", 1, ""}, {" ", 1, " "}, {"~", 1, "~"}, {"\x80", 1, "\xEF\xBF\xBD"},
	};
	for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
		/* Every offset of the 64 bytes: both 32-byte blocks. */
		for (size_t at = 0; at + cases[c].len <= 64; at++) {
			char in[64], want[80];
			memset(in, 'a', sizeof in);
			memcpy(in + at, cases[c].in, cases[c].len);
			size_t n = sizeof in;
			memset(want, 'a', at);
			size_t olen = strlen(cases[c].out);
			memcpy(want + at, cases[c].out, olen);
			size_t tail = n - at - cases[c].len;
			memset(want + at + olen, 'a', tail);
			chr_buf b;
			chr_buf_init(&b, 0);
			assert_int_equal(chr_utf8_sanitize(in, n, &b), CHR_OK);
			assert_int_equal(b.len, at + olen + tail);
			assert_memory_equal(b.data, want, b.len);
			chr_buf_free(&b);
		}
	}
}

static void collapse_space_normalises(void **state)
{
	(void)state;
	chr_buf b;
	chr_buf_init(&b, 0);
	const char *in = "  by\xC2\xA0" "Aide\n\t to\xE2\x80\x8B the  ";
	assert_int_equal(chr_collapse_space(in, strlen(in), &b), CHR_OK);
	assert_string_equal(b.data, "by Aide to the");
	chr_buf_free(&b);
}

static void json_escapes(void **state)
{
	(void)state;
	chr_buf b;
	chr_buf_init(&b, 0);
	assert_int_equal(chr_json_string(&b, "a\"b\\c\nd\x01", 8), CHR_OK);
	assert_string_equal(b.data, "\"a\\\"b\\\\c\\nd\\u0001\"");
	chr_buf_clear(&b);
	assert_int_equal(chr_json_cstr(&b, NULL), CHR_OK);
	assert_string_equal(b.data, "null");
	/* every byte that needs escaping, at every offset of a long run (the
	 * scan goes sixteen bytes at a time): exactly one escape, in place */
	static const char specials[] = { '"', '\\', '\n', '\x1f', '\x7f' };
	static const char *const escaped[] = { "\\\"", "\\\\", "\\n", "\\u001f", "\x7f" };
	char in[48], want[64];
	for (size_t k = 0; k < sizeof specials; k++)
		for (size_t at = 0; at < sizeof in; at++) {
			memset(in, 'x', sizeof in);
			in[at] = specials[k];
			snprintf(want, sizeof want, "\"%.*s%s%.*s\"", (int)at, in, escaped[k],
				 (int)(sizeof in - at - 1), in + at + 1);
			chr_buf_clear(&b);
			assert_int_equal(chr_json_string(&b, in, sizeof in), CHR_OK);
			assert_string_equal(b.data, want);
		}
	chr_buf_free(&b);
}

static void grow_doubles_and_keeps_on_failure(void **state)
{
	(void)state;
	int *v = NULL;
	size_t alloc = 0;
	for (size_t used = 0; used < 100; used++) {
		assert_int_equal(chr_grow(&v, &alloc, used, sizeof *v, 4), CHR_OK);
		assert_true(alloc > used);
		v[used] = (int)used;
	}
	assert_int_equal(alloc, 128);
	size_t before = alloc;
	int *p = v;
	chr_fault_fail_after(0);
	assert_int_equal(chr_grow(&v, &alloc, alloc, sizeof *v, 4), CHR_ENOMEM);
	chr_fault_fail_after(-1);
	assert_ptr_equal(v, p);
	assert_int_equal(alloc, before);
	assert_int_equal(v[99], 99);
	free(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(arena_allocates_aligned_and_frees),
		cmocka_unit_test(arena_reports_out_of_memory),
		cmocka_unit_test(buf_respects_cap),
		cmocka_unit_test(utf8_sanitize_repairs_and_drops),
		cmocka_unit_test(utf8_sanitize_at_every_offset),
		cmocka_unit_test(collapse_space_normalises),
		cmocka_unit_test(json_escapes),
		cmocka_unit_test(grow_doubles_and_keeps_on_failure),
	};
	return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}
