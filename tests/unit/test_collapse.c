/*
 * test_collapse.c - chr_collapse_space_into (src/util/utf8.c), whose wide
 * SSE2 paths must give what the plain definition gives: every run of
 * white space (ASCII or Unicode) becomes one space, invisible characters
 * go, leading and trailing white space goes, everything else is copied.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "util/utf8.h"

/* The definition, one character at a time. */
static size_t ref_collapse(const char *s, size_t len, char *out)
{
	size_t n = 0, i = 0;
	int prev_space = 1;
	while (i < len) {
		size_t at = i;
		uint32_t cp = chr_utf8_next(s, len, &i);
		if (chr_is_space_cp(cp)) {
			if (!prev_space)
				out[n++] = ' ';
			prev_space = 1;
		} else if (!chr_is_invisible_cp(cp)) {
			memcpy(out + n, s + at, i - at);
			n += i - at;
			prev_space = 0;
		}
	}
	if (n && out[n - 1] == ' ' && prev_space)
		n--;
	return n;
}

static uint64_t rng = 0x9E3779B97F4A7C15ULL;

static unsigned rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)((rng >> 11) % n);
}

static void wide_paths_match_definition(void **state)
{
	(void)state;
	static const char *const pieces[] = {
		" ", "  ", "\t", "\n", "\r", "\v", "\f", "\xC2\xA0", "\xE2\x80\x89", "\xE3\x80\x80",
		"\xE2\x80\x8B", "\xC2\xAD", "\xEF\xBB\xBF", "\xC3\xA9", "\xD0\x92\xD1\x81", "\xE4\xB8\xAD",
		"\x80", "\xFF", "\xC3", "\xE2\x80", "\x01", "\x7F", "!", "~", "\xF0\x9F\x98\x80",
	};
	static const char word[] = "abcdefghijklmnopqrstuvwxyzABCXYZ0123456789.,;'\"()";
	size_t total = 0;
	for (int round = 0; round < 200000; round++) {
		char build[700];
		size_t len = 0, want = rnd(300);
		while (len < want) {
			if (rnd(3)) {
				unsigned l = 1 + rnd(40);
				for (unsigned k = 0; k < l; k++)
					build[len++] = word[rnd(sizeof word - 1)];
			} else {
				const char *p = pieces[rnd(sizeof pieces / sizeof *pieces)];
				memcpy(build + len, p, strlen(p));
				len += strlen(p);
			}
		}
		/* Exact-size buffers: reads or writes past them fail under ASan. */
		char *in = malloc(len ? len : 1), *got = malloc(len ? len : 1), *want_out = malloc(len ? len : 1);
		assert_non_null(in);
		assert_non_null(got);
		assert_non_null(want_out);
		memcpy(in, build, len);
		size_t n = chr_collapse_space_into(in, len, got), m = ref_collapse(in, len, want_out);
		assert_int_equal(n, m);
		assert_memory_equal(got, want_out, n);
		total += len;
		free(in);
		free(got);
		free(want_out);
	}
	assert_true(total > 10000000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(wide_paths_match_definition),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
