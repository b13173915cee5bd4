/*
 * store.h - the SQLite store shared by ingest, fusion and the queries.
 *
 * One database file holds everything the corpus stages know (schema in
 * schema.c).  A chr_store is one connection; it is used by one thread at a
 * time.  Statements are prepared once per connection and cached by the
 * address of their SQL text, so callers write `chr_sql(store, SQL_X)` with
 * a static string and never finalize anything themselves.
 */
#ifndef CHR_STORE_STORE_H
#define CHR_STORE_STORE_H

#include <sqlite3.h>
#include <stdint.h>

#include "chronicle.h"
#include "dedup/batch_keys.h"

/* Statement cache size: every SQL text the program uses, with room. */
#define CHR_STORE_STMTS 160

struct chr_store {
	sqlite3 *db;
	const char *sql_key[CHR_STORE_STMTS];
	sqlite3_stmt *stmt[CHR_STORE_STMTS];
	int nstmt;
	int in_txn;
	int profile;            /* CHRONICLE_SQL_PROFILE set: time per statement */
	int patient;            /* a writer: wait for another writer's lock for good */
	/* Bumped when another connection has committed since our last
	 * transaction (PRAGMA data_version): caches of what is stored are
	 * then stale and must be dropped. */
	unsigned epoch;
	int64_t data_version;
	struct chr_fuse_cache *fuse_cache;   /* fuse/entities.c; freed on close */
	struct chr_entity_tally *entity_tally; /* fuse/entities.c; freed on close */
	int64_t fts_from;       /* paragraphs after this id are not yet in para_fts */
	size_t fts_docs;        /* documents stored since para_fts was last filled */
	int64_t next_doc;       /* the id the next stored document gets (write lock held) */
	int64_t batch_doc;      /* the first document id of the open batch */
	size_t deferred;        /* undated frames of the open batch waiting to be fused */
	/* Bumped at every BEGIN and at its end, so odd while a transaction is
	 * open and different in each: what was gathered for one transaction
	 * (the entity sums) is told apart by it, and workers read it
	 * (atomically) to tell whether what they looked up on their own
	 * connections is still what was committed. */
	int64_t txn_seq;
	/* The open transaction's band keys and long paragraphs' hashes, which
	 * other connections cannot see yet (dedup/batch_keys.h). */
	chr_batch_keys batch_bands, batch_paras;
	char msg[512];          /* the last error, for chr_store_message */
};

void chr_fuse_cache_free(struct chr_fuse_cache *cache);
void chr_entity_tally_free(struct chr_entity_tally *tally);

/* The prepared statement for `sql` (a string with static storage), reset
 * and with its bindings cleared; NULL on error (message in store->msg). */
sqlite3_stmt *chr_sql(chr_store *store, const char *sql);

/* Records SQLite's message for a failed call and returns CHR_EIO (or
 * CHR_ENOMEM when SQLite ran out of memory). */
chr_status chr_store_fail(chr_store *store, const char *what);

/* Runs a statement that returns no rows: bindings already made. */
chr_status chr_store_done(chr_store *store, sqlite3_stmt *stmt, const char *what);

/* The cached statement `sql` run with two integer parameters ?1 and ?2:
 * chr_sql_run2 for a statement without rows (what names it in errors),
 * chr_sql_exists2 for "is there a row" (0 on error too), chr_sql_int2 for
 * the first column of the first row (0 without a row, -1 on error; a
 * statement with one parameter ignores b). */
chr_status chr_sql_run2(chr_store *store, const char *sql, int64_t a, int64_t b, const char *what);
int chr_sql_exists2(chr_store *store, const char *sql, int64_t a, int64_t b);
int64_t chr_sql_int2(chr_store *store, const char *sql, int64_t a, int64_t b);

/* Writes the entries of keys in key order and empties it: `sql` inserts
 * one (?1 a key, ?2 a document), `sql16` sixteen (the same statement with
 * CHR_KEY_ROWS16 for its VALUES). */
chr_status chr_store_keys(chr_store *store, chr_batch_keys *keys, const char *sql, const char *sql16,
			  const char *what);
/* Inserts n rows (each row_size bytes, rows[0] first): eight a statement
 * with sql8 (the VALUES of sql one after another eight times), the rest
 * one by one with sql.  bind(st, p, row, ctx) binds one row's values from
 * parameter p on.  A statement's start and reset cost about as much as
 * its row's insert; this halves that. */
typedef void chr_row_binder(sqlite3_stmt *st, int first_param, const void *row, const void *ctx);
chr_status chr_store_rows(chr_store *store, const char *sql, const char *sql8, int params_per_row,
			  const void *rows, size_t row_size, size_t n, chr_row_binder *bind, const void *ctx,
			  const char *what);
#define CHR_ROWS8(row) row "," row "," row "," row "," row "," row "," row "," row

#define CHR_KEY_ROWS4 "(?,?),(?,?),(?,?),(?,?)"
#define CHR_KEY_ROWS16 CHR_KEY_ROWS4 "," CHR_KEY_ROWS4 "," CHR_KEY_ROWS4 "," CHR_KEY_ROWS4

/* Runs SQL text with no parameters (schema, pragmas, BEGIN/COMMIT). */
chr_status chr_store_exec(chr_store *store, const char *sql);

/* Transactions: writers take the lock at BEGIN (IMMEDIATE), so two
 * processes ingesting into one file queue (a patient store for as long as
 * the other's batch lasts) instead of failing on a read-to-write upgrade. */
chr_status chr_store_begin(chr_store *store);
chr_status chr_store_commit(chr_store *store);
void chr_store_rollback(chr_store *store);

/* Between transactions: copies the write-ahead log into the file and has
 * the next writer start it over, unless readers hold it for long (then it
 * is left for the next call).  Errors are not reported: a checkpoint that
 * does not happen loses nothing. */
void chr_store_checkpoint(chr_store *store);

/* Bind helpers: NULL strings bind SQL NULL. */
void chr_bind_text(sqlite3_stmt *stmt, int i, const char *s);
void chr_bind_textn(sqlite3_stmt *stmt, int i, const char *s, size_t len);
/* The column as a C string, "" for NULL. */
const char *chr_col_text(sqlite3_stmt *stmt, int i);

/*
 * Reads the file's header without changing it.  CHR_EFORMAT (message in
 * store->msg) for bytes that are not SQLite, another program's database, a
 * newer layout, or, when `existing` (queries), a file with no chronicle
 * tables yet; CHR_EIO when it cannot be read.
 */
chr_status chr_schema_check(chr_store *store, const char *path, int existing);

/* Creates or migrates the schema to the current version (schema.c). */
chr_status chr_schema_ensure(chr_store *store);
int chr_schema_version(void);

#endif
