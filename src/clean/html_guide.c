/*
 * html_guide.c - the JSON-LD articleBody as a guide to the main content.
 *
 * Many news pages repeat their article text in JSON-LD.  It is not used as
 * output (it may be truncated, or lack paragraph breaks, and the output
 * must be the page's own blocks), but as evidence: the word trigrams of the
 * articleBody go into a hash set, and each block counts how many of its own
 * trigrams are in it.  html_score.c then checks that the container it chose
 * covers the articleBody, and picks a better one when it does not.
 * Linear in the text; one open-addressing table of 64-bit hashes.
 */
#include "clean/html_internal.h"

#include <stdlib.h>
#include <string.h>

#include "util/fault.h"

enum { GUIDE_MIN_GRAMS = 40 };   /* shorter bodies are teasers, not the article */

typedef struct gram_set {
	uint64_t *slots;             /* 0 = empty */
	size_t mask;
	size_t count;
} gram_set;

static uint64_t mix(uint64_t a, uint64_t b, uint64_t c)
{
	uint64_t h = a * 0x9E3779B97F4A7C15ull ^ (b + 0x632BE59BD9B4E019ull) * 0xC2B2AE3D27D4EB4Full ^
		     (c + 0x165667B19E3779F9ull) * 0x27D4EB2F165667C5ull;
	h ^= h >> 31;
	return h ? h : 1;
}

static int set_has(const gram_set *set, uint64_t h)
{
	for (size_t i = h & set->mask;; i = (i + 1) & set->mask) {
		if (set->slots[i] == 0)
			return 0;
		if (set->slots[i] == h)
			return 1;
	}
}

static void set_add(gram_set *set, uint64_t h)
{
	for (size_t i = h & set->mask;; i = (i + 1) & set->mask) {
		if (set->slots[i] == h)
			return;
		if (set->slots[i] == 0) {
			set->slots[i] = h;
			set->count++;
			return;
		}
	}
}

static size_t count_words(const char *s, size_t len)
{
	size_t pos = 0, n = 0;
	uint64_t h;
	while (chr_html_next_word(s, len, &pos, &h))
		n++;
	return n;
}

chr_status chr_html_guide_build(const chr_hpage *page, chr_hguide *guide)
{
	gram_set set = { 0 };
	chr_status st = CHR_OK;
	memset(guide, 0, sizeof *guide);
	const char *body = page->meta.ld_body;
	size_t blen = page->meta.ld_body_len;
	if (!body || page->nblocks == 0)
		return CHR_OK;
	size_t words = count_words(body, blen);
	if (words < GUIDE_MIN_GRAMS + 2)
		return CHR_OK;
	size_t cap = 64;
	while (cap < words * 2)
		cap *= 2;
	set.slots = chr_calloc(cap, sizeof *set.slots);
	guide->hits = chr_calloc(page->nblocks, sizeof *guide->hits);
	guide->grams = chr_calloc(page->nblocks, sizeof *guide->grams);
	if (!set.slots || !guide->hits || !guide->grams) {
		st = CHR_ENOMEM;
		goto fail;
	}
	set.mask = cap - 1;
	uint64_t w[3] = { 0 };
	size_t pos = 0, n = 0;
	while (chr_html_next_word(body, blen, &pos, &w[n % 3])) {
		if (++n >= 3)
			set_add(&set, mix(w[(n - 3) % 3], w[(n - 2) % 3], w[(n - 1) % 3]));
	}
	guide->body_grams = (uint32_t)set.count;
	for (size_t b = 0; b < page->nblocks; b++) {
		const chr_hblock *blk = &page->blocks[b];
		const char *s = page->text.data + blk->start;
		pos = 0;
		n = 0;
		while (chr_html_next_word(s, blk->len, &pos, &w[n % 3])) {
			if (++n < 3)
				continue;
			guide->grams[b]++;
			guide->hits[b] += set_has(&set, mix(w[(n - 3) % 3], w[(n - 2) % 3], w[(n - 1) % 3]));
		}
	}
	free(set.slots);
	return CHR_OK;
fail:
	free(set.slots);
	chr_html_guide_free(guide);
	return st;
}

void chr_html_guide_free(chr_hguide *guide)
{
	free(guide->hits);
	free(guide->grams);
	memset(guide, 0, sizeof *guide);
}
