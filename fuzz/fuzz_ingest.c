/*
 * fuzz_ingest.c - libFuzzer harness for the corpus stage: analysis lines
 * (the JSON `chronicle analyze` writes, or anything else) into a fresh
 * in-memory store, then every query over what was stored.
 *
 * The first byte picks the options: the near-duplicate thresholds and the
 * query filters (actor, dates, type, story, limit).  The rest is split on
 * '\n' and each line goes through chr_docrec_parse and chr_write_doc, each
 * in a batch of its own (chr_write_batch_begin/commit, as ingest does with
 * its batches, so the full-text index is written too).
 *
 * What must hold, whatever the lines say:
 * - a line the parser accepts is stored without a store error: a broken
 *   document may be skipped, but it must not abort the ingest of the
 *   others (only running out of memory may fail);
 * - SQLite's integrity_check passes afterwards;
 * - every query succeeds, in both output forms;
 * - every --json line is one JSON object (jansson parses it, which also
 *   checks its UTF-8).
 * A fresh store per input keeps every crash reproducible from its input.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "chronicle.h"
#include "ingest/docrec.h"
#include "ingest/write_doc.h"
#include "store/store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *devnull;

static void die(const char *what, chr_status st, const chr_store *store)
{
	fprintf(stderr, "fuzz_ingest: %s: %s: %s\n", what, chr_strerror(st), chr_store_message(store));
	abort();
}

/* Each line of a --json answer is one object. */
static void check_json_lines(const char *text, size_t len, chr_query_kind kind)
{
	const char *p = text, *end = text + len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl) {
			fprintf(stderr, "fuzz_ingest: query %d: last line without a newline\n", (int)kind);
			abort();
		}
		json_error_t err;
		json_t *v = json_loadb(p, (size_t)(nl - p), 0, &err);
		if (!v || !json_is_object(v)) {
			fprintf(stderr, "fuzz_ingest: query %d: not a JSON object (%s): %.*s\n", (int)kind,
				v ? "not an object" : err.text, (int)(nl - p > 300 ? 300 : nl - p), p);
			abort();
		}
		json_decref(v);
		p = nl + 1;
	}
}

/* Whatever went in, SQLite finds its file sound. */
static void check_integrity(chr_store *store)
{
	sqlite3_stmt *stmt = NULL;
	if (sqlite3_prepare_v2(store->db, "PRAGMA integrity_check", -1, &stmt, NULL) != SQLITE_OK)
		abort();
	int rc = sqlite3_step(stmt);
	const unsigned char *res = rc == SQLITE_ROW ? sqlite3_column_text(stmt, 0) : NULL;
	if (rc == SQLITE_ROW && (!res || strcmp((const char *)res, "ok") != 0)) {
		fprintf(stderr, "fuzz_ingest: integrity_check: %s\n", res ? (const char *)res : "(null)");
		abort();
	}
	sqlite3_finalize(stmt);
}

static void run_queries(chr_store *store, const chr_query *base)
{
	static const chr_query_kind kinds[] = { CHR_QUERY_TIMELINE, CHR_QUERY_EVENTS, CHR_QUERY_ENTITIES,
						CHR_QUERY_QUOTES, CHR_QUERY_CONFLICTS, CHR_QUERY_STORIES,
						CHR_QUERY_SOURCES };
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
		chr_query q = *base;
		q.kind = kinds[k];
		q.json = 0;
		chr_status st = chr_query_run(store, &q, devnull);
		if (st != CHR_OK && st != CHR_ENOMEM)
			die("a table query", st, store);
		char *mem = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&mem, &len);
		if (!f)
			abort();
		q.json = 1;
		st = chr_query_run(store, &q, f);
		if (fclose(f) != 0)
			abort();
		if (st != CHR_OK && st != CHR_ENOMEM)
			die("a JSON query", st, store);
		if (st == CHR_OK)
			check_json_lines(mem, len, q.kind);
		free(mem);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	if (!devnull && !(devnull = fopen("/dev/null", "w")))
		abort();
	const uint8_t opt = data[0];
	/* Low thresholds make near-duplicates and syndication groups of
	 * unrelated fuzz texts, which exercises the merging paths. */
	const chr_near_opts near = { opt & 0x80 ? 0.10 : 0.70, opt & 0x80 ? 0.10 : 0.50 };
	static const char *const actors[] = { "Lida Varga", "kalmora", "X" };
	chr_query query = { 0 };
	if (opt & 0x03)
		query.actor = actors[(opt & 0x03) - 1];
	if (opt & 0x04)
		query.from = "2026-04";
	if (opt & 0x08)
		query.to = "2026-04-30";
	if (opt & 0x10)
		query.type = opt & 0x01 ? "04" : "meet";
	if (opt & 0x20)
		query.story = 1;
	if (opt & 0x40)
		query.limit = 3;

	char msg[256];
	chr_store *store = NULL;
	chr_status st = chr_store_open(":memory:", 0, &store, msg, sizeof msg);
	if (st == CHR_ENOMEM)
		return 0;
	if (st != CHR_OK) {
		fprintf(stderr, "fuzz_ingest: cannot open the in-memory store: %s\n", msg);
		abort();
	}
	const char *p = (const char *)data + 1, *end = (const char *)data + size;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		chr_docrec rec;
		memset(&rec, 0, sizeof rec);
		st = chr_docrec_parse(&rec, p, len);
		if (st == CHR_OK && rec.state == CHR_DOCREC_NEW) {
			chr_write_outcome outcome;
			if ((st = chr_write_batch_begin(store)) == CHR_OK &&
			    (st = chr_write_doc(store, &rec, &near, &outcome)) == CHR_OK)
				st = chr_write_batch_commit(store);
			if (st != CHR_OK) {
				chr_store_rollback(store);
				if (st != CHR_ENOMEM)
					die("storing a parsed line", st, store);
			}
		}
		chr_docrec_clear(&rec);
		p += len + 1;
	}
	check_integrity(store);
	run_queries(store, &query);
	chr_store_close(store);
	return 0;
}
