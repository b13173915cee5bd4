/*
 * schema.c - the database layout and its forward migrations.
 *
 * The file says what it is with PRAGMA application_id (so a foreign SQLite
 * file is refused, not written into) and which layout it has with PRAGMA
 * user_version.  Opening an older chronicle file runs the migrations from
 * its version up, in one transaction; a newer one is refused, because an
 * old program cannot know what a newer one keeps.
 *
 * Why the tables look the way they do:
 * - doc.hash is the identity (xxh3-128 of the normalised text), so a second
 *   ingest of the same text finds it and changes nothing; doc_name keeps
 *   every name and source the same text arrived under (exact copies).
 * - para.first_doc: the first document that had the paragraph, exactly
 *   (para_hash) or nearly (SimHash, checked against a near-duplicate's
 *   original when it arrives).
 * - para_first knows paragraphs of 80 characters or more only: shorter
 *   lines (menus, datelines, bylines) repeat everywhere and say nothing
 *   about copying (version 3; until then the partial index para_hash).
 * - lsh holds MinHash band keys (WITHOUT ROWID: the key is the whole row),
 *   the on-disk index that keeps near-duplicate search in bounded memory.
 * - event rows are the per-document frames; fused rows are the events of
 *   the timeline, fused_actor their actor index for candidate search, and
 *   fused_value the votes for date, place and duration across sources.
 *   nevents counts a fused row's reported (asserted) frames; a row with
 *   none holds announcements ("will meet on Thursday") waiting for their
 *   event, found by the actor index and kept off the timeline.
 * - grp is a document's syndication group, story its story; both are
 *   representative ids (the smallest member), kept current on merge.
 */
#include <stdio.h>
#include <string.h>

#include "store/store.h"

#define APPLICATION_ID 0x4348524e   /* "CHRN" */

static const char schema_v1[] =
	"CREATE TABLE doc("
	" id INTEGER PRIMARY KEY,"
	" hash BLOB NOT NULL UNIQUE,"
	" name TEXT NOT NULL,"
	" source TEXT, outlet TEXT, date TEXT, date_basis TEXT, title TEXT, lang TEXT,"
	" bytes INTEGER NOT NULL,"
	" grp INTEGER NOT NULL,"
	" story INTEGER,"
	" shingles INTEGER NOT NULL,"
	" sig BLOB NOT NULL);"
	"CREATE INDEX doc_grp ON doc(grp);"
	"CREATE INDEX doc_story ON doc(story);"
	"CREATE INDEX doc_name_idx ON doc(name);"
	"CREATE TABLE doc_name("
	" name TEXT NOT NULL, doc INTEGER NOT NULL REFERENCES doc(id), source TEXT, outlet TEXT,"
	" PRIMARY KEY(name, doc)) WITHOUT ROWID;"
	"CREATE INDEX doc_name_doc ON doc_name(doc);"
	"CREATE TABLE para("
	" id INTEGER PRIMARY KEY,"
	" doc INTEGER NOT NULL REFERENCES doc(id),"
	" idx INTEGER NOT NULL, label TEXT NOT NULL, hash INTEGER NOT NULL,"
	" first_doc INTEGER,"
	" text TEXT NOT NULL);"
	"CREATE INDEX para_doc ON para(doc, idx);"
	"CREATE INDEX para_hash ON para(hash) WHERE length(text)>=80;"
	"CREATE VIRTUAL TABLE para_fts USING fts5(text, content='para', content_rowid='id');"
	"INSERT INTO para_fts(para_fts, rank) VALUES('automerge', 16);"
	"CREATE TABLE lsh(key INTEGER NOT NULL, doc INTEGER NOT NULL,"
	" PRIMARY KEY(key, doc)) WITHOUT ROWID;"
	"CREATE TABLE entity("
	" id INTEGER PRIMARY KEY,"
	" slug TEXT NOT NULL UNIQUE, name TEXT NOT NULL, type TEXT NOT NULL,"
	" key TEXT NOT NULL, surname TEXT, tokens INTEGER NOT NULL, country TEXT,"
	" docs INTEGER NOT NULL DEFAULT 0, mentions INTEGER NOT NULL DEFAULT 0);"
	"CREATE INDEX entity_key ON entity(key, type);"
	"CREATE INDEX entity_surname ON entity(surname, type);"
	"CREATE TABLE alias(entity INTEGER NOT NULL REFERENCES entity(id), name TEXT NOT NULL,"
	" PRIMARY KEY(entity, name)) WITHOUT ROWID;"
	"CREATE INDEX alias_name ON alias(name COLLATE NOCASE);"
	"CREATE TABLE doc_entity("
	" doc INTEGER NOT NULL REFERENCES doc(id), entity INTEGER NOT NULL REFERENCES entity(id),"
	" mentions INTEGER NOT NULL, roles TEXT,"
	" PRIMARY KEY(doc, entity)) WITHOUT ROWID;"
	"CREATE INDEX doc_entity_entity ON doc_entity(entity, doc);"
	"CREATE TABLE story("
	" id INTEGER PRIMARY KEY, title TEXT, first TEXT, last TEXT, lo INTEGER, hi INTEGER,"
	" docs INTEGER NOT NULL DEFAULT 0);"
	"CREATE TABLE story_entity(entity INTEGER NOT NULL, story INTEGER NOT NULL, n INTEGER NOT NULL,"
	" PRIMARY KEY(entity, story)) WITHOUT ROWID;"
	"CREATE TABLE fused("
	" id INTEGER PRIMARY KEY, type TEXT NOT NULL, cameo TEXT NOT NULL, family TEXT NOT NULL,"
	" date TEXT, lo INTEGER, hi INTEGER, place INTEGER, duration TEXT,"
	" story INTEGER, nevents INTEGER NOT NULL DEFAULT 0);"
	"CREATE INDEX fused_date ON fused(date);"
	"CREATE TABLE fused_actor(entity INTEGER NOT NULL, fused INTEGER NOT NULL REFERENCES fused(id),"
	" n INTEGER NOT NULL, lo INTEGER, hi INTEGER, PRIMARY KEY(entity, fused)) WITHOUT ROWID;"
	"CREATE INDEX fused_actor_day ON fused_actor(entity, lo);"
	"CREATE INDEX fused_actor_fused ON fused_actor(fused);"
	"CREATE TABLE fused_value(fused INTEGER NOT NULL REFERENCES fused(id), attr TEXT NOT NULL,"
	" value TEXT NOT NULL, n INTEGER NOT NULL, seq INTEGER NOT NULL,"
	" PRIMARY KEY(fused, attr, value)) WITHOUT ROWID;"
	"CREATE TABLE event("
	" id INTEGER PRIMARY KEY,"
	" doc INTEGER NOT NULL REFERENCES doc(id), fused INTEGER REFERENCES fused(id),"
	" type TEXT NOT NULL, cameo TEXT NOT NULL, modality TEXT NOT NULL,"
	" place INTEGER, date TEXT, duration TEXT, reported_by INTEGER,"
	" sent_start INTEGER, sent_end INTEGER, sentence TEXT);"
	"CREATE INDEX event_doc ON event(doc);"
	"CREATE INDEX event_fused ON event(fused);"
	"CREATE TABLE event_actor(event INTEGER NOT NULL REFERENCES event(id), entity INTEGER NOT NULL,"
	" PRIMARY KEY(event, entity)) WITHOUT ROWID;"
	"CREATE INDEX event_actor_entity ON event_actor(entity);"
	"CREATE TABLE claim("
	" id INTEGER PRIMARY KEY, doc INTEGER NOT NULL REFERENCES doc(id),"
	" subject TEXT NOT NULL, attribute TEXT NOT NULL, value REAL NOT NULL,"
	" event INTEGER, text TEXT);"
	"CREATE INDEX claim_subject ON claim(subject, attribute);"
	"CREATE INDEX claim_doc ON claim(doc);"
	"CREATE TABLE quote("
	" id INTEGER PRIMARY KEY, doc INTEGER NOT NULL REFERENCES doc(id),"
	" speaker INTEGER, hash INTEGER NOT NULL, text TEXT NOT NULL);"
	"CREATE INDEX quote_doc ON quote(doc);"
	"CREATE INDEX quote_speaker ON quote(speaker);"
	"CREATE INDEX quote_hash ON quote(hash);";

/* Version 2: doc_name is kept in document order.  Keyed by name, each new
 * document inserted at a random place of a large tree (news names are URLs),
 * and nothing looks names up; the index on doc(name) served no query
 * either.  fused_actor_long indexes the fused events of more than one day,
 * the only ones an event search must look back a month for
 * (fuse/events.c). */
static const char schema_v2[] =
	"DROP INDEX doc_name_idx;"
	"CREATE TABLE doc_name_v2("
	" name TEXT NOT NULL, doc INTEGER NOT NULL REFERENCES doc(id), source TEXT, outlet TEXT,"
	" PRIMARY KEY(doc, name)) WITHOUT ROWID;"
	"INSERT INTO doc_name_v2(name, doc, source, outlet) SELECT name, doc, source, outlet FROM doc_name;"
	"DROP TABLE doc_name;"
	"ALTER TABLE doc_name_v2 RENAME TO doc_name;"
	"CREATE INDEX fused_actor_long ON fused_actor(entity, lo) WHERE hi - lo >= 1;";

/* Version 3: the first document of each long paragraph in a table of its
 * own, keyed by the paragraph's hash, instead of an index over all long
 * paragraphs.  It is all that was ever looked up, it answers without a
 * read of the paragraph row, and the writer fills it once per batch in
 * key order (ingest/write_doc.c), where each paragraph insert had been a
 * write at a random place of the index. */
static const char schema_v3[] =
	"CREATE TABLE para_first(hash INTEGER PRIMARY KEY, doc INTEGER NOT NULL);"
	"INSERT OR IGNORE INTO para_first(hash, doc) SELECT hash, doc FROM para WHERE length(text)>=80 ORDER BY id;"
	"DROP INDEX para_hash;";

/* Version 4: an actor row carries what event search reads of its fused
 * event, and the two indexes that search reads hold all of it, so that
 * search never reads the fused row (fuse/events.c). */
static const char schema_v4[] =
	"ALTER TABLE fused_actor ADD COLUMN place INTEGER;"
	"ALTER TABLE fused_actor ADD COLUMN story INTEGER;"
	"ALTER TABLE fused_actor ADD COLUMN family TEXT;"
	"ALTER TABLE fused_actor ADD COLUMN pending INTEGER;"
	"UPDATE fused_actor SET lo=f.lo, hi=f.hi, place=f.place, story=f.story, family=f.family, pending=f.nevents=0"
	" FROM fused f WHERE f.id=fused_actor.fused;"
	"DROP INDEX fused_actor_day;"
	"DROP INDEX fused_actor_long;"
	"CREATE INDEX fused_actor_day ON fused_actor(entity, lo, hi, place, story, family, pending);"
	"CREATE INDEX fused_actor_long ON fused_actor(entity, lo, hi, place, story, family, pending) WHERE hi - lo >= 1;";

/* Version 5: stories merge when a document ties two of them together
 * (fuse/story.c), which reads a story's entities by story. */
static const char schema_v5[] = "CREATE INDEX story_entity_story ON story_entity(story);";

/* Version 6: the English-press spellings of an entity that a German or
 * French document named first (fuse/entities.c), whole names (surname 0)
 * and surnames (1).  Entities stored before it are found under their own
 * spelling only. */
static const char schema_v6[] =
	"CREATE TABLE entity_spelling(key TEXT NOT NULL, surname INTEGER NOT NULL,"
	" entity INTEGER NOT NULL REFERENCES entity(id), PRIMARY KEY(key, surname, entity)) WITHOUT ROWID;"
	"CREATE INDEX entity_spelling_entity ON entity_spelling(entity);";

/* Migration i brings a file from version i to i + 1. */
static const char *const migrations[] = { schema_v1, schema_v2, schema_v3, schema_v4, schema_v5, schema_v6 };
#define SCHEMA_VERSION ((int)(sizeof migrations / sizeof migrations[0]))

int chr_schema_version(void) { return SCHEMA_VERSION; }

static chr_status read_int(chr_store *store, const char *sql, int *out)
{
	sqlite3_stmt *stmt = NULL;
	if (sqlite3_prepare_v2(store->db, sql, -1, &stmt, NULL) != SQLITE_OK)
		return chr_store_fail(store, "reading the file header");
	int rc = sqlite3_step(stmt);
	*out = rc == SQLITE_ROW ? sqlite3_column_int(stmt, 0) : 0;
	sqlite3_finalize(stmt);
	return rc == SQLITE_ROW ? CHR_OK : chr_store_fail(store, "reading the file header");
}

chr_status chr_schema_check(chr_store *store, const char *path, int existing)
{
	/* One statement, one snapshot: read apart, the three could straddle
	 * another process's creation of the schema and look foreign. */
	int app = 0, version = 0, tables = 0;
	sqlite3_stmt *stmt = NULL;
	int ok = sqlite3_prepare_v2(store->db,
				    "SELECT (SELECT application_id FROM pragma_application_id),"
				    " (SELECT user_version FROM pragma_user_version),"
				    " (SELECT count(*) FROM sqlite_master)", -1, &stmt, NULL) == SQLITE_OK &&
		 sqlite3_step(stmt) == SQLITE_ROW;
	if (ok) {
		app = sqlite3_column_int(stmt, 0);
		version = sqlite3_column_int(stmt, 1);
		tables = sqlite3_column_int(stmt, 2);
	}
	sqlite3_finalize(stmt);
	if (!ok) {
		int code = sqlite3_errcode(store->db) & 0xff;
		if (code != SQLITE_NOTADB && code != SQLITE_CORRUPT)
			return chr_store_fail(store, "reading the file header");
		snprintf(store->msg, sizeof store->msg, "%s is not a chronicle database (not SQLite, or damaged)",
			 path);
		return CHR_EFORMAT;
	}
	if (app != APPLICATION_ID && (app != 0 || tables != 0)) {
		snprintf(store->msg, sizeof store->msg,
			 "%s is not a chronicle database (another program's SQLite file); left unchanged", path);
		return CHR_EFORMAT;
	}
	if (version > SCHEMA_VERSION) {
		snprintf(store->msg, sizeof store->msg,
			 "%s has database layout version %d, newer than this chronicle understands (%d)", path,
			 version, SCHEMA_VERSION);
		return CHR_EFORMAT;
	}
	if (existing && tables == 0) {
		snprintf(store->msg, sizeof store->msg,
			 "%s is not a chronicle database (empty); run 'chronicle ingest' first", path);
		return CHR_EFORMAT;
	}
	return CHR_OK;
}

chr_status chr_schema_ensure(chr_store *store)
{
	/* chr_schema_check has vetted the file: only its version is read. */
	int version = 0;
	chr_status st = read_int(store, "PRAGMA user_version", &version);
	if (st != CHR_OK)
		return st;
	if (version == SCHEMA_VERSION)
		return CHR_OK;
	if ((st = chr_store_begin(store)) != CHR_OK)
		return st;
	/* Re-read under the write lock: another process may have created the
	 * schema while we waited. */
	if ((st = read_int(store, "PRAGMA user_version", &version)) != CHR_OK)
		goto fail;
	for (int v = version; v < SCHEMA_VERSION; v++)
		if ((st = chr_store_exec(store, migrations[v])) != CHR_OK)
			goto fail;
	char pragma[96];
	snprintf(pragma, sizeof pragma, "PRAGMA application_id=%d; PRAGMA user_version=%d",
		 APPLICATION_ID, SCHEMA_VERSION);
	if ((st = chr_store_exec(store, pragma)) != CHR_OK)
		goto fail;
	return chr_store_commit(store);
fail:
	chr_store_rollback(store);
	return st;
}
