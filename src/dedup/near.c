/*
 * near.c - near-duplicate search with MinHash LSH kept in SQLite.
 *
 * The band index is a table (lsh), not memory: a million documents cost
 * 20 million small rows on disk and nothing in RAM beyond SQLite's page
 * cache, so memory stays flat as the corpus grows.  A band key shared by
 * very many documents (boilerplate-only texts) is read only up to
 * BUCKET_LIMIT rows, which bounds the work per document.
 *
 * Syndication groups are kept as a representative (the smallest document
 * id) in doc.grp; joining two groups relabels the larger id's members,
 * which are few (copies of one text).
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "dedup/near.h"

#define BUCKET_LIMIT 32
#define MAX_CANDIDATES 256

/* The band keys go in with one statement of 20 rows, and the buckets are
 * read with one statement of 20 capped parts: per-statement overhead was a
 * good part of the cost.  Written out once. */
static char sql_add_keys[768];
static char sql_buckets[2048];
static pthread_once_t sql_once = PTHREAD_ONCE_INIT;

static void build_sql(void)
{
	size_t n = (size_t)snprintf(sql_add_keys, sizeof sql_add_keys, "INSERT OR IGNORE INTO lsh(key, doc) VALUES");
	for (int b = 0; b < CHR_LSH_BANDS; b++)
		n += (size_t)snprintf(sql_add_keys + n, sizeof sql_add_keys - n, "%s(?%d,?%d)", b ? "," : "", b + 1,
				      CHR_LSH_BANDS + 1);
	n = 0;
	for (int b = 0; b < CHR_LSH_BANDS; b++)
		n += (size_t)snprintf(sql_buckets + n, sizeof sql_buckets - n,
				      "%sSELECT doc FROM (SELECT doc FROM lsh WHERE key=?%d LIMIT %d)", b ? " UNION ALL " : "",
				      b + 1, BUCKET_LIMIT);
}
static const char SQL_CAND[] = "SELECT sig, grp, outlet, shingles FROM doc WHERE id=?1";
static const char SQL_REGROUP[] = "UPDATE doc SET grp=?1 WHERE grp=?2";

/* Adds id to the candidates unless it is there or they are full. */
static void add_candidate(int64_t *cands, size_t *n, int64_t id)
{
	for (size_t c = 0; c < *n; c++)
		if (cands[c] == id)
			return;
	if (*n < MAX_CANDIDATES)
		cands[(*n)++] = id;
}

chr_status chr_near_place(chr_store *store, int64_t doc, const chr_signature *sig, size_t shingles,
			  const char *outlet, const int64_t *extra, size_t nextra, const chr_near_opts *opts,
			  int64_t *near_doc)
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
	/* Each band's read is capped at BUCKET_LIMIT: a key shared by very
	 * many documents (boilerplate-only texts) says little and must not
	 * cost a long scan. */
	pthread_once(&sql_once, build_sql);
	if (!(st = chr_sql(store, sql_buckets)))
		return CHR_EIO;
	for (int b = 0; b < CHR_LSH_BANDS; b++)
		sqlite3_bind_int64(st, b + 1, keys[b]);
	while (sqlite3_step(st) == SQLITE_ROW)
		add_candidate(cands, &ncands, sqlite3_column_int64(st, 0));
	sqlite3_reset(st);
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
	if (!(st = chr_sql(store, sql_add_keys)))
		return CHR_EIO;
	for (int b = 0; b < CHR_LSH_BANDS; b++)
		sqlite3_bind_int64(st, b + 1, keys[b]);
	sqlite3_bind_int64(st, CHR_LSH_BANDS + 1, doc);
	if ((s = chr_store_done(store, st, "indexing band keys")) != CHR_OK)
		return s;
	return CHR_OK;
}
