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
 * paragraphs is written a few thousand documents at a time. */
chr_status chr_write_batch_begin(chr_store *store);
chr_status chr_write_batch_commit(chr_store *store);

/* For a writer about to wait for the next document: indexes the text of
 * the documents stored since the last time, when there are enough of them
 * to be worth a statement. */
chr_status chr_write_fts_idle(chr_store *store);

chr_status chr_write_doc(chr_store *store, const chr_docrec *rec, const chr_near_opts *near,
			 chr_write_outcome *outcome);

/* A worker's part of the writer's lookups: what rec's band keys and long
 * paragraphs find among the documents committed, read on the worker's own
 * connection while the writer's transaction `writer_seq` (its txn_seq,
 * read before this call) is open.  The writer uses them when that is
 * still its transaction, adding its own batch's from memory; otherwise it
 * looks up itself.  Nothing is kept on an error. */
void chr_write_lookup(chr_store *reader, int64_t writer_seq, chr_docrec *rec);

/* Whether a document with this identity is stored (for the workers' early
 * skip; any connection). */
int chr_store_has_identity(chr_store *store, const unsigned char identity[16]);

#endif
