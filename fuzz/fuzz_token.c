/*
 * fuzz_token.c - libFuzzer harness for the tokenizer and folding.
 *
 * Arbitrary bytes (invalid UTF-8 included) go straight to chr_tokenize;
 * every token and sentence is checked to lie inside the text, in order,
 * and every token is folded, so a bad offset or an overrun shows under ASan.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/token.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	chr_arena arena;
	chr_tokens toks;
	char folded[64];
	chr_arena_init(&arena);
	if (chr_tokenize(&arena, (const char *)data, size, &toks) == CHR_OK) {
		uint32_t prev_end = 0;
		for (size_t i = 0; i < toks.n; i++) {
			const chr_token *t = &toks.tok[i];
			if (t->start < prev_end || t->end <= t->start || t->end > size || t->sentence >= toks.nsent)
				abort();
			prev_end = t->end;
			chr_fold((const char *)data + t->start, t->end - t->start, folded, sizeof folded);
		}
		for (size_t s = 0; s < toks.nsent; s++)
			if (toks.sent[s].tok_end > toks.n || toks.sent[s].tok_begin >= toks.sent[s].tok_end ||
			    (s && toks.sent[s].tok_begin != toks.sent[s - 1].tok_end))
				abort();
	}
	chr_arena_free(&arena);
	return 0;
}
