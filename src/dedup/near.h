/*
 * near.h - dedup stage, corpus side: near-duplicate documents and
 * syndication groups in the store.
 */
#ifndef CHR_DEDUP_NEAR_H
#define CHR_DEDUP_NEAR_H

#include "dedup/fingerprint.h"
#include "store/store.h"

typedef struct chr_near_opts {
	double near;          /* Jaccard estimate at or above which texts are near-duplicates */
	double syndication;   /* containment for documents crediting the same outlet */
} chr_near_opts;

/* A band key's documents read at most: a key shared by very many
 * documents (boilerplate-only texts) says little and must not cost a long
 * scan. */
#define CHR_NEAR_BUCKET 32

/* The documents each band key of a signature finds, oldest first. */
typedef struct chr_near_found {
	int64_t docs[CHR_LSH_BANDS][CHR_NEAR_BUCKET];
	unsigned char count[CHR_LSH_BANDS];
} chr_near_found;

/* Reads what sig's band keys find in the store (on any connection). */
chr_status chr_near_lookup(chr_store *store, const chr_signature *sig, chr_near_found *found);

/*
 * Finds the stored document most similar to the new one `doc` (already
 * inserted with grp = doc) among its LSH candidates and the `extra` ones,
 * joins their syndication groups when they pass, and indexes doc's band
 * keys.  Two documents are one source when their Jaccard estimate reaches
 * opts->near, or when they credit the same outlet and the estimated share
 * of the shorter text found in the other (containment) reaches
 * opts->syndication.  *near_doc gets the most similar document that passed.
 * `committed`, when not NULL, is what the band keys found among the
 * documents committed before the open transaction (a worker's
 * chr_near_lookup); else they are read here.  The open batch's own come
 * from store->batch_bands, where doc's keys go too.
 */
chr_status chr_near_place(chr_store *store, int64_t doc, const chr_signature *sig, size_t shingles,
			  const char *outlet, const int64_t *extra, size_t nextra, const chr_near_opts *opts,
			  const chr_near_found *committed, int64_t *near_doc);

/* Writes the open batch's band keys into the band index, sorted, and
 * forgets them: just before the batch commits. */
chr_status chr_near_flush(chr_store *store);

/* At most this many extra candidates (documents sharing a paragraph). */
#define CHR_NEAR_EXTRA 16

#endif
