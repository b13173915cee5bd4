/*
 * fuzz_timex.c - libFuzzer harness for the time-expression pass.
 *
 * The first byte picks the article date (none, an ordinary day, a leap
 * day, the ends of the year range); the rest is tokenised and handed to
 * chr_timex_find.  Every expression must lie inside the text, in order,
 * with a non-empty value and no impossible calendar date.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/timex.h"
#include "analyze/timex_int.h"
#include "analyze/token.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const anchors[] = {
	NULL, "2025-12-12", "2024-02-29", "0001-01-01", "9999-12-31", "2025-01-01", "1989-10-30", "bogus"
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	const char *anchor = anchors[data[0] % (sizeof anchors / sizeof anchors[0])];
	const char *text = (const char *)data + 1;
	size_t len = size - 1;
	chr_arena arena;
	chr_tokens toks;
	chr_timexes tx;
	chr_arena_init(&arena);
	if (chr_tokenize(&arena, text, len, &toks) == CHR_OK &&
	    chr_timex_find(&arena, &toks, anchor, &tx) == CHR_OK) {
		uint32_t prev = 0;
		for (size_t i = 0; i < tx.n; i++) {
			const chr_timex *t = &tx.t[i];
			if (t->start < prev || t->end <= t->start || t->end > len || t->tok_end > toks.n ||
			    t->value[0] == '\0' || memchr(t->value, '\0', sizeof t->value) == NULL)
				abort();
			prev = t->end;
			int y, m, d;
			if (sscanf(t->value, "%4d-%2d-%2d", &y, &m, &d) == 3 && t->value[4] == '-' &&
			    !chr_tx_valid_date(y, m, d))
				abort();
		}
	}
	chr_arena_free(&arena);
	return 0;
}
