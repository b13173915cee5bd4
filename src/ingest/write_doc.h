/*
 * write_doc.h - the writer: one docrec into the store, inside the writer's
 * open transaction.
 */
#ifndef CHR_INGEST_WRITE_DOC_H
#define CHR_INGEST_WRITE_DOC_H

#include "dedup/near.h"
#include "ingest/docrec.h"

typedef enum chr_write_outcome {
	CHR_WRITE_ADDED = 0,
	CHR_WRITE_KNOWN,
	CHR_WRITE_NEAR      /* added, and a near-duplicate of a stored document */
} chr_write_outcome;

/* A batch of documents is one transaction; the full-text index of its
 * paragraphs is written at its commit. */
chr_status chr_write_batch_begin(chr_store *store);
chr_status chr_write_batch_commit(chr_store *store);

chr_status chr_write_doc(chr_store *store, const chr_docrec *rec, const chr_near_opts *near,
			 chr_write_outcome *outcome);

/* Whether a document with this identity is stored (for the workers' early
 * skip; any connection). */
int chr_store_has_identity(chr_store *store, const unsigned char identity[16]);

#endif
