/*
 * store.c - opening the SQLite file, the statement cache and transactions.
 *
 * Settings and why:
 * - WAL: readers (queries, the duplicate check of ingest workers) never
 *   block the writer, and a crash loses at most the open transaction.
 * - synchronous=NORMAL: in WAL mode a power cut can lose the last commits
 *   but never corrupts the file; ingest is re-runnable, so that is the
 *   right trade for throughput.
 * - busy_timeout: a second ingest process waits for the lock instead of
 *   failing with SQLITE_BUSY; one that means to write (store->patient)
 *   waits as long as the other's batch lasts, which can be minutes.
 * - foreign_keys=OFF: every reference the writer stores is the id of a row
 *   it has just written or read in the same transaction, and checking
 *   each one again cost 6% of the writer's instructions (a parent lookup
 *   per reference).  The tests run PRAGMA foreign_key_check on what
 *   ingest leaves behind, kill -9 included.
 * - temporary storage stays in files (SQLite's default): the full-text
 *   index's merges, in the one statement that indexes a batch, can save
 *   hundreds of megabytes of old pages in a statement journal, which in
 *   memory made the RSS grow with the corpus (797 MB at 300,000 documents).
 * - the write-ahead log: automatic checkpoints copy it into the file every
 *   64 MB but cannot start it over while readers come and go (the ingest
 *   workers read all the time), so it grew to 644 MB at 800,000 documents
 *   and every page lookup searched all of it.  chr_store_checkpoint
 *   restarts it after each batch, and journal_size_limit gives the space
 *   back.
 * - writer statements that change more than one row say OR FAIL, not the
 *   default OR ABORT: in a transaction of many statements, one that may
 *   abort halfway has SQLite copy each page it changes that predates the
 *   transaction into a statement journal, so that it alone can be undone,
 *   and once one journal outgrows 64 KB it is a file for the rest of the
 *   batch.  At 300,000 documents that file took 820 MB of writes per
 *   10,000 documents, more than the log.  Any failure rolls the whole batch
 *   back, so undoing one statement is never needed (tests/unit/test_journal.c).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>

#include "store/store.h"
#include "util/fault.h"

#define BUSY_TIMEOUT_MS 60000

/*
 * CHRONICLE_SQL_PROFILE=1 in the environment: time spent in each statement,
 * summed by SQL text and printed to stderr when the store closes, for
 * finding the statement that makes a writer slow on a big database.
 */
#define PROFILE_SLOTS 256
typedef struct profile_slot { const char *sql; char text[112]; double ns; long calls; } profile_slot;
static profile_slot profile[PROFILE_SLOTS];

static int profile_trace(unsigned type, void *ctx, void *p, void *x)
{
	(void)ctx;
	if (type != SQLITE_TRACE_PROFILE)
		return 0;
	const char *sql = sqlite3_sql((sqlite3_stmt *)p);
	if (!sql)
		return 0;
	for (int i = 0; i < PROFILE_SLOTS; i++) {
		/* Keyed by text, copied: FTS5's own statements come and go. */
		if (!profile[i].sql) {
			profile[i].sql = profile[i].text;
			snprintf(profile[i].text, sizeof profile[i].text, "%s", sql);
		}
		if (strncmp(profile[i].text, sql, sizeof profile[i].text - 1) == 0) {
			profile[i].ns += (double)*(sqlite3_int64 *)x;
			profile[i].calls++;
			return 0;
		}
	}
	return 0;
}

static int by_time(const void *a, const void *b)
{
	const profile_slot *x = a, *y = b;
	return x->ns < y->ns ? 1 : x->ns > y->ns ? -1 : 0;
}

static void profile_print(void)
{
	qsort(profile, PROFILE_SLOTS, sizeof profile[0], by_time);
	for (int i = 0; i < 20 && profile[i].sql; i++)
		fprintf(stderr, "sql: %9.1f ms %8ld calls  %.110s\n", profile[i].ns / 1e6, profile[i].calls, profile[i].text);
}

chr_status chr_store_fail(chr_store *store, const char *what)
{
	int code = sqlite3_errcode(store->db);
	snprintf(store->msg, sizeof store->msg, "%s: %s", what, sqlite3_errmsg(store->db));
	return code == SQLITE_NOMEM ? CHR_ENOMEM : CHR_EIO;
}

sqlite3_stmt *chr_sql(chr_store *store, const char *sql)
{
	for (int i = 0; i < store->nstmt; i++) {
		if (store->sql_key[i] == sql) {
			sqlite3_reset(store->stmt[i]);
			sqlite3_clear_bindings(store->stmt[i]);
			return store->stmt[i];
		}
	}
	if (store->nstmt == CHR_STORE_STMTS) {
		snprintf(store->msg, sizeof store->msg, "statement cache full (raise CHR_STORE_STMTS)");
		return NULL;
	}
	sqlite3_stmt *stmt = NULL;
	if (sqlite3_prepare_v3(store->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK) {
		chr_store_fail(store, "preparing a statement");
		return NULL;
	}
	store->sql_key[store->nstmt] = sql;
	store->stmt[store->nstmt++] = stmt;
	return stmt;
}

chr_status chr_store_done(chr_store *store, sqlite3_stmt *stmt, const char *what)
{
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_DONE || rc == SQLITE_ROW) {
		sqlite3_reset(stmt);
		return CHR_OK;
	}
	chr_status st = chr_store_fail(store, what);
	sqlite3_reset(stmt);
	return st;
}

chr_status chr_sql_run2(chr_store *store, const char *sql, int64_t a, int64_t b, const char *what)
{
	sqlite3_stmt *stmt = chr_sql(store, sql);
	if (!stmt)
		return CHR_EIO;
	sqlite3_bind_int64(stmt, 1, a);
	sqlite3_bind_int64(stmt, 2, b);
	return chr_store_done(store, stmt, what);
}

int chr_sql_exists2(chr_store *store, const char *sql, int64_t a, int64_t b)
{
	sqlite3_stmt *stmt = chr_sql(store, sql);
	if (!stmt)
		return 0;
	sqlite3_bind_int64(stmt, 1, a);
	sqlite3_bind_int64(stmt, 2, b);
	int found = sqlite3_step(stmt) == SQLITE_ROW;
	sqlite3_reset(stmt);
	return found;
}

int64_t chr_sql_int2(chr_store *store, const char *sql, int64_t a, int64_t b)
{
	sqlite3_stmt *stmt = chr_sql(store, sql);
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, a);
	sqlite3_bind_int64(stmt, 2, b);
	int rc = sqlite3_step(stmt);
	int64_t v = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
	sqlite3_reset(stmt);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? v : -1;
}

chr_status chr_store_keys(chr_store *store, chr_batch_keys *keys, const char *sql, const char *sql16,
			  const char *what)
{
	chr_status s = chr_batch_keys_sort(keys);
	size_t i = 0;
	/* Sixteen rows a statement: per statement, SQLite's start and reset
	 * cost about as much as one row's insert. */
	for (; s == CHR_OK && i + 16 <= keys->used; i += 16) {
		sqlite3_stmt *st = chr_sql(store, sql16);
		if (!st)
			return CHR_EIO;
		for (int k = 0; k < 16; k++) {
			sqlite3_bind_int64(st, 2 * k + 1, (int64_t)keys->keys[i + (size_t)k]);
			sqlite3_bind_int64(st, 2 * k + 2, keys->docs[i + (size_t)k]);
		}
		s = chr_store_done(store, st, what);
	}
	for (; s == CHR_OK && i < keys->used; i++)
		s = chr_sql_run2(store, sql, (int64_t)keys->keys[i], keys->docs[i], what);
	chr_batch_keys_clear(keys);
	return s;
}

chr_status chr_store_rows(chr_store *store, const char *sql, const char *sql8, int params_per_row,
			  const void *rows, size_t row_size, size_t n, chr_row_binder *bind, const void *ctx,
			  const char *what)
{
	const char *row = rows;
	size_t i = 0;
	chr_status s = CHR_OK;
	for (; s == CHR_OK && i + 8 <= n; i += 8) {
		sqlite3_stmt *st = chr_sql(store, sql8);
		if (!st)
			return CHR_EIO;
		for (int k = 0; k < 8; k++)
			bind(st, params_per_row * k + 1, row + (i + (size_t)k) * row_size, ctx);
		s = chr_store_done(store, st, what);
	}
	for (; s == CHR_OK && i < n; i++) {
		sqlite3_stmt *st = chr_sql(store, sql);
		if (!st)
			return CHR_EIO;
		bind(st, 1, row + i * row_size, ctx);
		s = chr_store_done(store, st, what);
	}
	return s;
}

chr_status chr_store_exec(chr_store *store, const char *sql)
{
	if (sqlite3_exec(store->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return chr_store_fail(store, "updating the database");
	return CHR_OK;
}

chr_status chr_store_begin(chr_store *store)
{
	if (store->in_txn)
		return CHR_OK;
	/* A patient writer asks once without waiting, so that it can say at
	 * once why it stands still; then each try waits the busy timeout. */
	if (store->patient)
		sqlite3_busy_timeout(store->db, 0);
	for (int tries = 0;; tries++) {
		int rc = sqlite3_exec(store->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
		if (tries == 0 && store->patient)
			sqlite3_busy_timeout(store->db, BUSY_TIMEOUT_MS);
		if (rc == SQLITE_OK)
			break;
		if ((rc & 0xff) != SQLITE_BUSY || !store->patient)
			return chr_store_fail(store, "starting a transaction");
		if (tries == 0)
			fprintf(stderr, "chronicle: another process is writing to the database; waiting for it\n");
	}
	store->in_txn = 1;
	__atomic_store_n(&store->txn_seq, store->txn_seq + 1, __ATOMIC_RELEASE);
	static const char SQL_DATA_VERSION[] = "PRAGMA data_version";
	sqlite3_stmt *v = chr_sql(store, SQL_DATA_VERSION);
	if (v && sqlite3_step(v) == SQLITE_ROW) {
		int64_t version = sqlite3_column_int64(v, 0);
		if (version != store->data_version)
			store->epoch++;
		store->data_version = version;
	}
	if (v)
		sqlite3_reset(v);
	return CHR_OK;
}

/* What only the open transaction knew is either stored or gone. */
static void txn_ended(chr_store *store)
{
	if (store->txn_seq & 1)
		__atomic_store_n(&store->txn_seq, store->txn_seq + 1, __ATOMIC_RELEASE);
	chr_batch_keys_clear(&store->batch_bands);
	chr_batch_keys_clear(&store->batch_paras);
}

chr_status chr_store_commit(chr_store *store)
{
	if (!store->in_txn)
		return CHR_OK;
	chr_status st = chr_store_exec(store, "COMMIT");
	if (st != CHR_OK)
		chr_store_rollback(store);
	store->in_txn = 0;
	txn_ended(store);
	return st;
}

/* How long a restart of the log may wait for readers: a long query in
 * another process must not stall the ingest (the next batch tries again). */
#define CHECKPOINT_WAIT_MS 200

void chr_store_checkpoint(chr_store *store)
{
	if (store->in_txn)
		return;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	sqlite3_busy_timeout(store->db, CHECKPOINT_WAIT_MS);
	sqlite3_wal_checkpoint_v2(store->db, NULL, SQLITE_CHECKPOINT_RESTART, NULL, NULL);
	sqlite3_busy_timeout(store->db, BUSY_TIMEOUT_MS);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (store->profile)
		fprintf(stderr, "sql: checkpoint %.1f ms\n",
			(double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);
}

void chr_store_rollback(chr_store *store)
{
	if (!sqlite3_get_autocommit(store->db))
		sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
	store->in_txn = 0;
	txn_ended(store);
	store->epoch++;   /* what the caches learnt in the transaction is gone */
}

void chr_bind_text(sqlite3_stmt *stmt, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(stmt, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(stmt, i);
}

void chr_bind_textn(sqlite3_stmt *stmt, int i, const char *s, size_t len)
{
	if (s)
		sqlite3_bind_text(stmt, i, s, (int)len, SQLITE_STATIC);
	else
		sqlite3_bind_null(stmt, i);
}

const char *chr_col_text(sqlite3_stmt *stmt, int i)
{
	const unsigned char *s = sqlite3_column_text(stmt, i);
	return s ? (const char *)s : "";
}

/* The message for a file SQLite cannot read as a database. */
static chr_status not_a_database(chr_store *store, const char *path)
{
	int code = sqlite3_errcode(store->db) & 0xff;
	if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT) {
		snprintf(store->msg, sizeof store->msg, "%s is not a chronicle database (not SQLite, or damaged)", path);
		return CHR_EFORMAT;
	}
	return chr_store_fail(store, path);
}

/*
 * WAL mode, retried while busy: changing the journal mode takes the file's
 * exclusive lock, and SQLite gives up at once (no busy handler, to avoid a
 * deadlock) when another process is creating the schema of a new file.
 */
static chr_status switch_to_wal(chr_store *store, const char *path)
{
	for (int waited = 0;; waited += 10) {
		int rc = sqlite3_exec(store->db, "PRAGMA journal_mode=WAL", NULL, NULL, NULL);
		if (rc == SQLITE_OK)
			return CHR_OK;
		if ((rc & 0xff) != SQLITE_BUSY || waited >= BUSY_TIMEOUT_MS)
			return not_a_database(store, path);
		sqlite3_sleep(10);
	}
}

/* CHRONICLE_CACHE_MB overrides the page cache (256 MB): a bigger one keeps
 * more of a large corpus's indexes in memory, at that cost in RSS. */
#define DEFAULT_CACHE_MB 256L
static chr_status cache_megabytes(chr_store *store, long *mb)
{
	*mb = 0;
	const char *v = getenv("CHRONICLE_CACHE_MB");
	if (!v || !*v)
		return CHR_OK;
	char *end = NULL;
	*mb = strtol(v, &end, 10);
	if (*end || *mb < 1 || *mb > 1048576) {
		snprintf(store->msg, sizeof store->msg, "CHRONICLE_CACHE_MB must be a number of megabytes, not '%s'", v);
		return CHR_EINVAL;
	}
	return CHR_OK;
}

/* SQLite's memory statistics take a global mutex on every allocation
 * (about 1,400 per stored document); nothing here reads them.  This must
 * run before SQLite initialises, hence once, before the first open. */
static pthread_once_t config_once = PTHREAD_ONCE_INIT;
static void configure_sqlite(void) { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }

chr_status chr_store_open(const char *path, int flags, chr_store **out, char *msg, size_t msgcap)
{
	pthread_once(&config_once, configure_sqlite);
	*out = NULL;
	if (msg && msgcap)
		msg[0] = '\0';
	chr_store *store = chr_calloc(1, sizeof *store);
	if (!store)
		return CHR_ENOMEM;
	chr_status st = CHR_OK;
	long cache_mb = 0;
	if ((st = cache_megabytes(store, &cache_mb)) != CHR_OK)   /* before a file is made */
		goto fail;
	int readonly = flags & CHR_STORE_READONLY;
	int existing = flags & (CHR_STORE_READONLY | CHR_STORE_EXISTING);
	struct stat sb;
	if (existing && stat(path, &sb) != 0) {
		snprintf(store->msg, sizeof store->msg, "no database at %s (run 'chronicle ingest' first)", path);
		st = CHR_EIO;
		goto fail;
	}
	int oflags = (readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
		     SQLITE_OPEN_NOMUTEX;
	if (sqlite3_open_v2(path, &store->db, oflags, NULL) != SQLITE_OK) {
		st = store->db ? chr_store_fail(store, path) : CHR_ENOMEM;
		goto fail;
	}
	sqlite3_busy_timeout(store->db, BUSY_TIMEOUT_MS);
	sqlite3_extended_result_codes(store->db, 1);
	store->profile = getenv("CHRONICLE_SQL_PROFILE") != NULL;
	if (store->profile)
		sqlite3_trace_v2(store->db, SQLITE_TRACE_PROFILE, profile_trace, NULL);
	/* Look before touching anything: switching a file to WAL rewrites its
	 * header, and another program's database must be left exactly as it
	 * was.  The first read also fails on bytes that are not SQLite. */
	if ((st = chr_schema_check(store, path, existing)) != CHR_OK)
		goto fail;
	if (!readonly && (st = switch_to_wal(store, path)) != CHR_OK)
		goto fail;
	char pragmas[256];
	snprintf(pragmas, sizeof pragmas,
		 "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=OFF; PRAGMA cache_size=-%ld;"
		 " PRAGMA wal_autocheckpoint=16384; PRAGMA journal_size_limit=67108864",
		 (cache_mb ? cache_mb : DEFAULT_CACHE_MB) * 1024);
	if ((st = chr_store_exec(store, pragmas)) != CHR_OK)
		goto fail;
	if (!readonly && (st = chr_schema_ensure(store)) != CHR_OK)
		goto fail;
	*out = store;
	return CHR_OK;
fail:
	if (msg && msgcap)
		snprintf(msg, msgcap, "%s", store->msg[0] ? store->msg : chr_strerror(st));
	chr_store_close(store);
	return st;
}

const char *chr_store_message(const chr_store *store)
{
	return store && store->msg[0] ? store->msg : "";
}

void chr_store_close(chr_store *store)
{
	if (!store)
		return;
	if (store->db)
		chr_store_rollback(store);
	chr_fuse_cache_free(store->fuse_cache);
	chr_entity_tally_free(store->entity_tally);
	if (store->profile)
		profile_print();
	for (int i = 0; i < store->nstmt; i++)
		sqlite3_finalize(store->stmt[i]);
	sqlite3_close(store->db);
	free(store);
}
