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

/*
 * Finds the stored document most similar to the new one `doc` (already
 * inserted with grp = doc) among its LSH candidates and the `extra` ones,
 * joins their syndication groups when they pass, and indexes doc's band
 * keys.  Two documents are one source when their Jaccard estimate reaches
 * opts->near, or when they credit the same outlet and the estimated share
 * of the shorter text found in the other (containment) reaches
 * opts->syndication.  *near_doc gets the most similar document that passed.
 */
chr_status chr_near_place(chr_store *store, int64_t doc, const chr_signature *sig, size_t shingles,
			  const char *outlet, const int64_t *extra, size_t nextra, const chr_near_opts *opts,
			  int64_t *near_doc);

/* At most this many extra candidates (documents sharing a paragraph). */
#define CHR_NEAR_EXTRA 16

#endif
