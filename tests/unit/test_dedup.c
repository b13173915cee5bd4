/*
 * test_dedup.c - unit tests for src/dedup/fingerprint.c: identity,
 * paragraph keys, MinHash and LSH keys; and src/dedup/batch_keys.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <xxhash.h>

#include "dedup/batch_keys.h"
#include "dedup/fingerprint.h"

static void identity_ignores_white_space_only(void **state)
{
	(void)state;
	unsigned char a[16], b[16], c[16];
	const char *x = "The envoys met in Vienna.\n\nThey talked for hours.";
	const char *y = "  The envoys met in Vienna. They\ttalked for hours.\n";
	const char *z = "The envoys met in Vienna. They talked for hours!";
	chr_text_identity(x, strlen(x), a);
	chr_text_identity(y, strlen(y), b);
	chr_text_identity(z, strlen(z), c);
	assert_memory_equal(a, b, 16);
	assert_memory_not_equal(a, c, 16);
}

/* Stored identities are the XXH3-128 of the text with white space made
 * single spaces and trimmed: a file written by an older build must still
 * recognise its documents, across chunk boundaries too. */
static void identity_is_the_hash_of_the_normalised_text(void **state)
{
	(void)state;
	static char text[20000], normal[20000];
	size_t tn = 0, nn = 0;
	tn += (size_t)snprintf(text + tn, sizeof text - tn, " \n\t");
	for (int w = 0; w < 2000; w++) {
		const char *sep = w % 7 == 0 ? "\n\n" : w % 5 == 0 ? " \t " : " ";
		tn += (size_t)snprintf(text + tn, sizeof text - tn, "word%d%s", w, sep);
		nn += (size_t)snprintf(normal + nn, sizeof normal - nn, w ? " word%d" : "word%d", w);
	}
	unsigned char got[16];
	chr_text_identity(text, tn, got);
	XXH128_canonical_t want;
	XXH128_canonicalFromHash(&want, XXH3_128bits(normal, nn));
	assert_memory_equal(got, want.digest, 16);
}

/* Paragraph by paragraph, the signature is the joined text's and each
 * addition's key the paragraph's, also for short texts and paragraphs
 * shorter than a shingle. */
static void shingler_adds_up_to_minhash(void **state)
{
	(void)state;
	static const char *const paras[][4] = {
		{ "The envoys met in Vienna on Friday.", "It was their second round of talks.",
		  "A", "Both sides called it useful, and said they would meet again in May." },
		{ "Short.", "", NULL, NULL },
		{ "One two", NULL, NULL, NULL },
	};
	for (size_t c = 0; c < sizeof paras / sizeof paras[0]; c++) {
		char text[512] = "";
		chr_shingler sh;
		chr_shingler_init(&sh);
		for (int i = 0; i < 4 && paras[c][i]; i++) {
			if (i)
				strcat(text, "\n\n");
			strcat(text, paras[c][i]);
			uint64_t key = chr_shingler_add(&sh, paras[c][i], strlen(paras[c][i]));
			assert_int_equal(key, chr_paragraph_key(paras[c][i], strlen(paras[c][i])));
		}
		chr_signature whole, pieces;
		size_t n = chr_minhash(text, strlen(text), &whole);
		assert_int_equal(chr_shingler_finish(&sh, &pieces), n);
		assert_memory_equal(whole.v, pieces.v, sizeof whole.v);
	}
}

static void paragraph_key_ignores_case_and_punctuation(void **state)
{
	(void)state;
	const char *x = "On Friday, the two delegations agreed on a Joint commission.";
	const char *y = "On Friday the two delegations agreed on a joint commission";
	const char *z = "On Friday the two delegations agreed on a joint committee";
	assert_int_equal(chr_paragraph_key(x, strlen(x)), chr_paragraph_key(y, strlen(y)));
	assert_int_not_equal(chr_paragraph_key(x, strlen(x)), chr_paragraph_key(z, strlen(z)));
	assert_int_equal(chr_paragraph_key("  ,. ", 5), 0);
}

/* A text of n words drawn from a fixed pseudo-random sequence. */
static size_t make_text(char *out, size_t cap, unsigned seed, int n)
{
	static const char *const words[] = { "talks", "envoy", "border", "water", "treaty", "minister", "river",
					      "bridge", "fishermen", "council", "deal", "summit", "capital", "crossing",
					      "agency", "report", "proposal", "delegation", "ceasefire", "statement" };
	size_t len = 0;
	uint32_t x = seed * 2654435761u + 1;
	for (int i = 0; i < n && len + 16 < cap; i++) {
		x = x * 1103515245u + 12345u;
		len += (size_t)snprintf(out + len, cap - len, "%s%u ", words[(x >> 16) % 20], (x >> 8) % 50);
	}
	return len;
}

static void minhash_estimates_similarity(void **state)
{
	(void)state;
	char a[8192], b[8192];
	size_t la = make_text(a, sizeof a, 1, 400);
	memcpy(b, a, la);
	/* Change one word in fifty: about 8% of the 4-shingles change. */
	for (size_t i = 0, words = 0; i < la; i++)
		if (a[i] == ' ' && ++words % 50 == 0 && i + 1 < la)
			b[i + 1] = 'Q';
	chr_signature sa, sb, sc;
	assert_true(chr_minhash(a, la, &sa) > 300);
	chr_minhash(b, la, &sb);
	double near = chr_signature_similarity(&sa, &sb);
	assert_true(near > 0.7 && near < 1.0);
	char c[8192];
	size_t lc = make_text(c, sizeof c, 2, 400);
	chr_minhash(c, lc, &sc);
	assert_true(chr_signature_similarity(&sa, &sc) < 0.1);
	/* Near copies share a band key; unrelated texts do not. */
	int64_t ka[CHR_LSH_BANDS], kb[CHR_LSH_BANDS], kc[CHR_LSH_BANDS];
	chr_lsh_keys(&sa, ka);
	chr_lsh_keys(&sb, kb);
	chr_lsh_keys(&sc, kc);
	int shared_near = 0, shared_far = 0;
	for (int i = 0; i < CHR_LSH_BANDS; i++) {
		shared_near += ka[i] == kb[i];
		shared_far += ka[i] == kc[i];
	}
	assert_true(shared_near > 0);
	assert_int_equal(shared_far, 0);
}

/* Signatures are stored, so their values may never change, whichever
 * instruction set computes them (these came from the first, scalar
 * version). */
static void minhash_values_are_fixed(void **state)
{
	(void)state;
	const char *t = "Delegations from two neighbouring states met in Geneva on Tuesday to discuss a draft "
			"agreement on water sharing.";
	chr_signature s;
	assert_int_equal(chr_minhash(t, strlen(t), &s), 15);
	const uint32_t first[4] = { 0x04c6f0f4, 0x024b9326, 0x0047c1cd, 0x103687b4 };
	const uint32_t last[4] = { 0x01b7cc84, 0x0b18c02a, 0x17d0e6d8, 0x1e42a39b };
	for (int i = 0; i < 4; i++) {
		assert_int_equal(s.v[i], first[i]);
		assert_int_equal(s.v[CHR_MINHASH_K - 4 + i], last[i]);
	}
}

static void minhash_of_tiny_and_empty_texts(void **state)
{
	(void)state;
	chr_signature s1, s2;
	assert_int_equal(chr_minhash("", 0, &s1), 0);
	assert_int_equal(chr_minhash("two words", 9, &s1), 1);
	assert_int_equal(chr_minhash("Two  words.", 11, &s2), 1);
	assert_true(chr_signature_similarity(&s1, &s2) == 1.0);
}

static void simhash_keeps_edited_paragraphs_close(void **state)
{
	(void)state;
	/* A wire paragraph of some sixty words, and a copy with one word
	 * changed and a comma dropped. */
	const char *a = "The signing ceremony was attended by the mediator, who said the protocol would be "
			"reviewed by a joint technical commission every three months from the summer, and that "
			"both governments had promised to publish the daily readings of the dam's gauges on a "
			"shared website, so that farmers downstream could plan their irrigation a week ahead.";
	const char *b = "The signing ceremony was attended by the mediator, who said the protocol would be "
			"reviewed by a joint technical commission every four months from the summer and that "
			"both governments had promised to publish the daily readings of the dam's gauges on a "
			"shared website, so that farmers downstream could plan their irrigation a week ahead.";
	const char *c = "Farmers on the lower river asked the regional council for compensation after a dry "
			"season left their fields without water for most of the autumn months, and the council "
			"said it would study the request once the harvest figures were known later in the year.";
	uint64_t ha = chr_simhash(a, strlen(a)), hb = chr_simhash(b, strlen(b)), hc = chr_simhash(c, strlen(c));
	assert_true(chr_simhash_distance(ha, hb) <= 12);
	assert_true(chr_simhash_distance(ha, hc) > 16);
	assert_int_equal(chr_simhash("", 0), 0);
}

/* A key's documents come back oldest first, however often the table has
 * grown and however its entries crowd one another; other keys' never. */
static void batch_keys_keep_each_keys_order(void **state)
{
	(void)state;
	chr_batch_keys m = { 0 };
	int64_t out[64];
	assert_int_equal(chr_batch_keys_get(&m, 7, out, 64), 0);
	/* 40 keys, each given a document in turn, 200 rounds: 8,000 entries,
	 * two growths, long runs of entries that wrap past the table's end. */
	for (int64_t round = 1; round <= 200; round++)
		for (uint64_t k = 0; k < 40; k++)
			assert_int_equal(chr_batch_keys_add(&m, k << 40, round * 100 + (int64_t)k), CHR_OK);
	assert_int_equal(m.used, 8000);
	assert_int_equal(m.cap, 16384);
	for (uint64_t k = 0; k < 40; k++) {
		size_t n = chr_batch_keys_get(&m, k << 40, out, 64);
		assert_int_equal(n, 64);
		for (size_t i = 0; i < n; i++)
			assert_int_equal(out[i], (int64_t)(i + 1) * 100 + (int64_t)k);
	}
	/* At most max, the oldest. */
	assert_int_equal(chr_batch_keys_get(&m, 3ull << 40, out, 2), 2);
	assert_int_equal(out[0], 103);
	assert_int_equal(out[1], 203);
	assert_int_equal(chr_batch_keys_get(&m, 41ull << 40, out, 64), 0);
	chr_batch_keys_clear(&m);
	assert_int_equal(chr_batch_keys_get(&m, 0, out, 64), 0);
	assert_int_equal(chr_batch_keys_add(&m, 0, 5), CHR_OK);
	assert_int_equal(chr_batch_keys_get(&m, 0, out, 64), 1);
	assert_int_equal(out[0], 5);
	chr_batch_keys_clear(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(identity_ignores_white_space_only),
		cmocka_unit_test(identity_is_the_hash_of_the_normalised_text),
		cmocka_unit_test(shingler_adds_up_to_minhash),
		cmocka_unit_test(paragraph_key_ignores_case_and_punctuation),
		cmocka_unit_test(minhash_estimates_similarity),
		cmocka_unit_test(minhash_of_tiny_and_empty_texts),
		cmocka_unit_test(minhash_values_are_fixed),
		cmocka_unit_test(simhash_keeps_edited_paragraphs_close),
		cmocka_unit_test(batch_keys_keep_each_keys_order),
	};
	return cmocka_run_group_tests_name("dedup", tests, NULL, NULL);
}
