/*
 * near.c - near-duplicate search with MinHash LSH kept in SQLite.
 *
 * The band index is a table (lsh), not memory: a million documents cost
 * 20 million small rows on disk and nothing in RAM beyond SQLite's page
 * cache, so memory stays flat as the corpus grows.  The open batch's keys
 * are kept in memory (store->batch_bands, bounded by the batch) and go
 * into the table at its commit, sorted (chr_near_flush).  A band key
 * shared by very many documents (boilerplate-only texts) is read only up
 * to CHR_NEAR_BUCKET rows, which bounds the work per document.
 *
 * Syndication groups are kept as a representative (the smallest document
 * id) in doc.grp; joining two groups relabels the larger id's members,
 * which are few (copies of one text).
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "dedup/near.h"

#define MAX_CANDIDATES 256

/* The buckets are read with one statement of 20 capped parts:
 * per-statement overhead was a good part of the cost.  Written out once. */
static char sql_buckets[2560];
static pthread_once_t sql_once = PTHREAD_ONCE_INIT;
static const char SQL_ADD_KEY[] = "INSERT OR IGNORE INTO lsh(key, doc) VALUES(?1,?2)";
static const char SQL_ADD_KEYS16[] = "INSERT OR IGNORE INTO lsh(key, doc) VALUES" CHR_KEY_ROWS16;

static void build_sql(void)
{
	size_t n = 0;
	for (int b = 0; b < CHR_LSH_BANDS; b++)
		n += (size_t)snprintf(sql_buckets + n, sizeof sql_buckets - n,
				      "%sSELECT %d, doc FROM (SELECT doc FROM lsh WHERE key=?%d LIMIT %d)",
				      b ? " UNION ALL " : "", b, b + 1, CHR_NEAR_BUCKET);
}
static const char SQL_CAND[] = "SELECT sig, grp, outlet, shingles FROM doc WHERE id=?1";
static const char SQL_REGROUP[] = "UPDATE OR FAIL doc SET grp=?1 WHERE grp=?2";

/* Adds id to the candidates unless it is there or they are full. */
static void add_candidate(int64_t *cands, size_t *n, int64_t id)
{
	for (size_t c = 0; c < *n; c++)
		if (cands[c] == id)
			return;
	if (*n < MAX_CANDIDATES)
		cands[(*n)++] = id;
}

chr_status chr_near_lookup(chr_store *store, const chr_signature *sig, chr_near_found *found)
{
	int64_t keys[CHR_LSH_BANDS];
	chr_lsh_keys(sig, keys);
	memset(found->count, 0, sizeof found->count);
	pthread_once(&sql_once, build_sql);
	sqlite3_stmt *st = chr_sql(store, sql_buckets);
	if (!st)
		return CHR_EIO;
	for (int b = 0; b < CHR_LSH_BANDS; b++)
		sqlite3_bind_int64(st, b + 1, keys[b]);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int b = sqlite3_column_int(st, 0);
		if (b >= 0 && b < CHR_LSH_BANDS && found->count[b] < CHR_NEAR_BUCKET)
			found->docs[b][found->count[b]++] = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? CHR_OK : chr_store_fail(store, "looking up band keys");
}

chr_status chr_near_place(chr_store *store, int64_t doc, const chr_signature *sig, size_t shingles,
			  const char *outlet, const int64_t *extra, size_t nextra, const chr_near_opts *opts,
			  const chr_near_found *committed, int64_t *near_doc)
{
	*near_doc = 0;
	if (!shingles)
		return CHR_OK;
	int64_t keys[CHR_LSH_BANDS];
	chr_lsh_keys(sig, keys);
	int64_t cands[MAX_CANDIDATES];
	size_t ncands = 0;
	sqlite3_stmt *st;
	chr_status s;
	/* In band order, each band's documents oldest first (as one read of
	 * the index gives them): the committed ones (the table holds no
	 * others), then the open batch's, CHR_NEAR_BUCKET in all. */
	chr_near_found own;
	if (!committed) {
		if ((s = chr_near_lookup(store, sig, &own)) != CHR_OK)
			return s;
		committed = &own;
	}
	for (int b = 0; b < CHR_LSH_BANDS; b++) {
		for (int k = 0; k < committed->count[b]; k++)
			add_candidate(cands, &ncands, committed->docs[b][k]);
		int64_t recent[CHR_NEAR_BUCKET];
		size_t n = chr_batch_keys_get(&store->batch_bands, (uint64_t)keys[b], recent,
					      CHR_NEAR_BUCKET - (size_t)committed->count[b]);
		for (size_t k = 0; k < n; k++)
			add_candidate(cands, &ncands, recent[k]);
	}
	for (size_t e = 0; e < nextra; e++)
		add_candidate(cands, &ncands, extra[e]);
	int64_t group = doc;
	double best = 0;
	for (size_t c = 0; c < ncands; c++) {
		if (!(st = chr_sql(store, SQL_CAND)))
			return CHR_EIO;
		sqlite3_bind_int64(st, 1, cands[c]);
		if (sqlite3_step(st) != SQLITE_ROW) {
			sqlite3_reset(st);
			continue;
		}
		double sim = 0;
		if (sqlite3_column_bytes(st, 0) == (int)sizeof(chr_signature)) {
			chr_signature other;
			memcpy(&other, sqlite3_column_blob(st, 0), sizeof other);
			sim = chr_signature_similarity(sig, &other);
		}
		int64_t their_group = sqlite3_column_int64(st, 1);
		const char *their_outlet = (const char *)sqlite3_column_text(st, 2);
		int same_outlet = outlet && their_outlet && strcmp(outlet, their_outlet) == 0;
		/* |A n B| = J |A u B| and |A u B| = (|A| + |B|) / (1 + J). */
		double theirs = (double)sqlite3_column_int64(st, 3), ours = (double)shingles;
		double smaller = theirs < ours ? theirs : ours;
		double contained = smaller > 0 ? sim * (theirs + ours) / (1 + sim) / smaller : 0;
		int joins = sim >= opts->near || (same_outlet && contained >= opts->syndication);
		sqlite3_reset(st);
		if (!joins)
			continue;
		if (sim > best) {
			best = sim;
			*near_doc = cands[c];
		}
		if (their_group != group) {
			int64_t keep = their_group < group ? their_group : group;
			int64_t drop = their_group < group ? group : their_group;
			if ((s = chr_sql_run2(store, SQL_REGROUP, keep, drop, "joining syndication groups")) != CHR_OK)
				return s;
			group = keep;
		}
	}
	for (int b = 0; b < CHR_LSH_BANDS; b++)
		if ((s = chr_batch_keys_add(&store->batch_bands, (uint64_t)keys[b], doc)) != CHR_OK)
			return s;
	return CHR_OK;
}

chr_status chr_near_flush(chr_store *store)
{
	return chr_store_keys(store, &store->batch_bands, SQL_ADD_KEY, SQL_ADD_KEYS16, "indexing band keys");
}
