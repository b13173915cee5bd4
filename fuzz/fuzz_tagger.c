/*
 * fuzz_tagger.c - libFuzzer harness for the entity tagger: tokenise
 * arbitrary bytes, then tag them with the compiled-in model.
 *
 * The first byte picks the mode: bit 0 passes gazetteer bits (derived from
 * the input bytes, so every combination of bits is met), bit 1 tags with a
 * tiny model parsed from the input instead (the model loader meets broken
 * text).  Whatever the input, the tags must form legal BILOU sequences
 * that never cross a sentence; a violation aborts.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/tagger_int.h"
#include "analyze/token.h"
#include "util/arena.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_legal(const chr_tokens *toks, const uint8_t *tags)
{
	int open = -1;
	for (size_t i = 0; i < toks->n; i++) {
		int pos = CHR_TAG_POS(tags[i]), ty = CHR_TAG_TYPE(tags[i]);
		if (i > 0 && toks->tok[i].sentence != toks->tok[i - 1].sentence && open >= 0)
			abort();
		if (pos > CHR_BIO_U)
			abort();
		if (open >= 0) {
			if ((pos != CHR_BIO_I && pos != CHR_BIO_L) || ty != open)
				abort();
			if (pos == CHR_BIO_L)
				open = -1;
		} else if (pos == CHR_BIO_I || pos == CHR_BIO_L) {
			abort();
		} else if (pos == CHR_BIO_B) {
			open = ty;
		}
	}
	if (open >= 0)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	uint8_t mode = data[0];
	const char *text = (const char *)data + 1;
	size_t len = size - 1;
	chr_arena arena;
	chr_tokens toks;
	chr_gaz_bits *gaz = NULL;
	uint8_t *tags = NULL;
	chr_tagger *own = NULL;
	const chr_tagger *model = chr_tagger_default();
	chr_arena_init(&arena);
	if (mode & 2) {
		own = chr_tagger_load(text, len);
		if (own)
			model = own;
	}
	if (chr_tokenize(&arena, text, len, &toks) != CHR_OK || !model)
		goto done;
	tags = malloc(toks.n + 1);
	if (!tags)
		goto done;
	if (mode & 1) {
		gaz = malloc((toks.n + 1) * sizeof *gaz);
		if (!gaz)
			goto done;
		for (size_t i = 0; i < toks.n; i++)
			gaz[i] = (chr_gaz_bits)((unsigned char)text[toks.tok[i].start] * 0x01010101u);
	}
	if (chr_tagger_tag(model, &toks, gaz, tags) == CHR_OK)
		check_legal(&toks, tags);
done:
	chr_tagger_free(own);
	free(gaz);
	free(tags);
	chr_arena_free(&arena);
	return 0;
}
