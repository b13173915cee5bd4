/*
 * batch_keys.h - the open batch's lookup keys, in memory.
 *
 * Workers look a document's band keys and paragraph hashes up in what is
 * committed, on their own read-only connections, while the writer is busy
 * (at scale those index lookups were a sixth of its time).  What the open
 * batch has added they cannot see; the writer keeps it here: a multimap
 * from 64-bit key to document id that only grows until the batch ends.
 * Entries of one key come back in the order they were added, which is
 * document order, as the indexes' own order would give them.  At the
 * commit the writer puts them into those indexes, sorted: written as they
 * came, each was an insert at a random place of a large tree (a page read
 * and a page written for each, once the tree outgrew the page cache).
 */
#ifndef CHR_DEDUP_BATCH_KEYS_H
#define CHR_DEDUP_BATCH_KEYS_H

#include <stddef.h>
#include <stdint.h>

#include "chronicle.h"

typedef struct chr_batch_keys {
	uint64_t *keys;
	int64_t *docs;     /* 0: an empty slot */
	size_t cap;        /* a power of two, or 0 */
	size_t used;
} chr_batch_keys;

/* Adds doc under key (doc > 0). */
chr_status chr_batch_keys_add(chr_batch_keys *m, uint64_t key, int64_t doc);

/* Up to max documents of key, oldest first, into out; returns how many. */
size_t chr_batch_keys_get(const chr_batch_keys *m, uint64_t key, int64_t *out, size_t max);

/* Turns the map into its entries sorted by key (as a signed 64-bit
 * integer, SQLite's order) then document: keys[0..used), docs[0..used).
 * Written into an index in that order, each page of it is visited once.
 * After it only chr_batch_keys_clear may be called. */
chr_status chr_batch_keys_sort(chr_batch_keys *m);

/* Empties it and gives its memory back. */
void chr_batch_keys_clear(chr_batch_keys *m);

#endif
