/*
 * fuzz_quote.c - libFuzzer harness for the quote finder: tokens, entities
 * and then quotes over arbitrary bytes.  Every quote must lie inside the
 * text, in text order, never overlap the one before, have a known kind, a
 * speaker that is an entity or -1, and no speaker when it is a question.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/quote.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	chr_arena arena;
	chr_tokens toks;
	chr_entities ents;
	chr_quotes quotes;
	chr_arena_init(&arena);
	if (chr_tokenize(&arena, (const char *)data, size, &toks) == CHR_OK &&
	    chr_entities_find(&arena, &toks, &ents) == CHR_OK &&
	    chr_quotes_find(&arena, &toks, &ents, &quotes) == CHR_OK) {
		uint32_t prev_end = 0;
		for (size_t i = 0; i < quotes.n; i++) {
			const chr_quote *q = &quotes.q[i];
			if (q->start < prev_end || q->end <= q->start || q->end > size || q->tok_end > toks.n ||
			    q->tok_begin >= q->tok_end || q->kind > CHR_QUOTE_QUESTION ||
			    (q->speaker != -1 && (q->speaker < 0 || (size_t)q->speaker >= ents.n)) ||
			    (q->kind == CHR_QUOTE_QUESTION && q->speaker != -1) || q->cue_end < q->cue_start ||
			    q->cue_end > size)
				abort();
			if (toks.tok[q->tok_begin].start != q->start || toks.tok[q->tok_end - 1].end != q->end)
				abort();
			prev_end = q->end;
		}
		(void)chr_quote_kind_name(CHR_QUOTE_TURN);
	}
	chr_arena_free(&arena);
	return 0;
}
