/*
 * fingerprint.h - dedup stage: what makes two texts the same or nearly so.
 *
 * - The identity of a document: xxh3-128 of its text with every run of
 *   white space read as one space (trimmed), so re-scraping the same
 *   article with different line breaks is still the same document.
 * - Paragraph keys: a 64-bit hash of the paragraph's lowercased words,
 *   ignoring punctuation, for exact paragraph duplicates across documents.
 * - SimHash of a paragraph's word 3-shingles, for near-duplicate paragraphs
 *   between two documents already known to be related.
 * - MinHash signatures of word 4-shingles, and their LSH band keys
 *   (CHR_LSH_BANDS bands of CHR_LSH_ROWS values): two documents whose
 *   shingle sets have Jaccard similarity J share at least one band key with
 *   probability 1 - (1 - J^3)^20: 0.9998 at J = 0.7, 0.93 at 0.5, 0.73 at
 *   0.4.  Candidates are then verified on the whole signature.
 */
#ifndef CHR_DEDUP_FINGERPRINT_H
#define CHR_DEDUP_FINGERPRINT_H

#include <stddef.h>
#include <stdint.h>

#define CHR_LSH_BANDS 20
#define CHR_LSH_ROWS 3
#define CHR_MINHASH_K (CHR_LSH_BANDS * CHR_LSH_ROWS)

typedef struct chr_signature {
	uint32_t v[CHR_MINHASH_K];
} chr_signature;

/* 16 bytes identifying the text up to white space. */
void chr_text_identity(const char *text, size_t len, unsigned char out[16]);

/* The paragraph key; 0 for a paragraph without words. */
uint64_t chr_paragraph_key(const char *text, size_t len);

/* The MinHash signature of the text's word 4-shingles.  Returns the number
 * of shingles (0 for a text without words, whose signature matches
 * nothing). */
size_t chr_minhash(const char *text, size_t len, chr_signature *sig);

/* The same, a piece at a time: a text that is its paragraphs joined by
 * white space (or other bytes outside words) is added paragraph by
 * paragraph, and each addition returns that paragraph's key, so one pass
 * over the words gives the document's signature and its paragraphs' keys.
 * chr_shingler_finish gives what chr_minhash would have. */
#define CHR_SHINGLER_LANES 64
typedef struct chr_shingler {
	uint32_t mins[CHR_SHINGLER_LANES];
	uint64_t window[4];
	size_t words, shingles;
} chr_shingler;

void chr_shingler_init(chr_shingler *s);
uint64_t chr_shingler_add(chr_shingler *s, const char *text, size_t len);
size_t chr_shingler_finish(chr_shingler *s, chr_signature *sig);

/* The SimHash (64 bits) of the text's word 3-shingles: texts that share
 * most shingles differ in few bits.  0 for a text without words. */
uint64_t chr_simhash(const char *text, size_t len);

/* Differing bits of two SimHashes. */
int chr_simhash_distance(uint64_t a, uint64_t b);

/* The band keys of a signature, one per band. */
void chr_lsh_keys(const chr_signature *sig, int64_t keys[CHR_LSH_BANDS]);

/* The share of equal values: an estimate of the Jaccard similarity. */
double chr_signature_similarity(const chr_signature *a, const chr_signature *b);

#endif
