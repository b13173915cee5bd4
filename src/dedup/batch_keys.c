/*
 * batch_keys.c - open addressing with linear probing.  Nothing is ever
 * removed, so a key's entries lie along its probe run in the order they
 * were added, and a lookup stops at the first empty slot.  The table
 * doubles at three-quarters full; keys are hashes already, so their low
 * bits are the home slot (mixed once, in case a caller's are not).
 */
#include <stdlib.h>

#include "dedup/batch_keys.h"
#include "util/fault.h"

#define FIRST_CAP 4096

static size_t home(uint64_t key, size_t cap)
{
	key ^= key >> 33;
	key *= 0xff51afd7ed558ccdull;
	key ^= key >> 33;
	return (size_t)key & (cap - 1);
}

static void place(uint64_t *keys, int64_t *docs, size_t cap, uint64_t key, int64_t doc)
{
	size_t i = home(key, cap);
	while (docs[i])
		i = (i + 1) & (cap - 1);
	keys[i] = key;
	docs[i] = doc;
}

/* Rehashing in slot order keeps each key's entries in their order: they
 * are met oldest first along the old run and placed along the new one. */
static chr_status grow(chr_batch_keys *m)
{
	size_t cap = m->cap ? m->cap * 2 : FIRST_CAP;
	uint64_t *keys = chr_malloc(cap * sizeof *keys);
	int64_t *docs = chr_calloc(cap, sizeof *docs);
	if (!keys || !docs) {
		free(keys);
		free(docs);
		return CHR_ENOMEM;
	}
	/* A run that wraps past the end is met end first; starting at an
	 * empty slot visits every run from its beginning. */
	size_t start = 0;
	while (m->cap && m->docs[start])
		start++;
	for (size_t k = 0; k < m->cap; k++) {
		size_t i = (start + k) & (m->cap - 1);
		if (m->docs[i])
			place(keys, docs, cap, m->keys[i], m->docs[i]);
	}
	free(m->keys);
	free(m->docs);
	m->keys = keys;
	m->docs = docs;
	m->cap = cap;
	return CHR_OK;
}

chr_status chr_batch_keys_add(chr_batch_keys *m, uint64_t key, int64_t doc)
{
	if ((m->used + 1) * 4 > m->cap * 3) {
		chr_status s = grow(m);
		if (s != CHR_OK)
			return s;
	}
	place(m->keys, m->docs, m->cap, key, doc);
	m->used++;
	return CHR_OK;
}

size_t chr_batch_keys_get(const chr_batch_keys *m, uint64_t key, int64_t *out, size_t max)
{
	size_t n = 0;
	if (!m->cap)
		return 0;
	for (size_t i = home(key, m->cap); m->docs[i] && n < max; i = (i + 1) & (m->cap - 1))
		if (m->keys[i] == key)
			out[n++] = m->docs[i];
	return n;
}

typedef struct key_doc {
	int64_t key, doc;
} key_doc;

static int by_key_then_doc(const void *a, const void *b)
{
	const key_doc *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return (x->doc > y->doc) - (x->doc < y->doc);
}

chr_status chr_batch_keys_sort(chr_batch_keys *m)
{
	if (!m->used)
		return CHR_OK;
	key_doc *pairs = chr_malloc(m->used * sizeof *pairs);
	if (!pairs)
		return CHR_ENOMEM;
	size_t n = 0;
	for (size_t i = 0; i < m->cap; i++)
		if (m->docs[i])
			pairs[n++] = (key_doc){ (int64_t)m->keys[i], m->docs[i] };
	qsort(pairs, n, sizeof *pairs, by_key_then_doc);
	for (size_t i = 0; i < n; i++) {
		m->keys[i] = (uint64_t)pairs[i].key;
		m->docs[i] = pairs[i].doc;
	}
	free(pairs);
	return CHR_OK;
}

void chr_batch_keys_clear(chr_batch_keys *m)
{
	free(m->keys);
	free(m->docs);
	*m = (chr_batch_keys){ 0 };
}
