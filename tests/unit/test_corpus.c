/*
 * test_corpus.c - unit tests for the corpus stage: the store's layout
 * checks, near-duplicates and syndication, entity merging and event
 * fusion, driven with hand-made analysis lines (invented names).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "helpers.h"

#include "ingest/docrec.h"
#include "ingest/write_doc.h"
#include "store/store.h"

static chr_store *open_memory(void)
{
	chr_store *s = NULL;
	char msg[256];
	assert_int_equal(chr_store_open(":memory:", 0, &s, msg, sizeof msg), CHR_OK);
	return s;
}

/* Analysis lines written in one batch, in the order given; the outcome of
 * the last. */
static chr_write_outcome add_batch(chr_store *s, const char *const *lines, size_t n)
{
	chr_near_opts near = { 0.7, 0.5 };
	chr_write_outcome out = CHR_WRITE_KNOWN;
	assert_int_equal(chr_write_batch_begin(s), CHR_OK);
	for (size_t i = 0; i < n; i++) {
		chr_docrec rec = { 0 };
		assert_int_equal(chr_docrec_parse(&rec, lines[i], strlen(lines[i])), CHR_OK);
		assert_int_equal(rec.state, CHR_DOCREC_NEW);
		assert_int_equal(chr_write_doc(s, &rec, &near, &out), CHR_OK);
		chr_docrec_clear(&rec);
	}
	assert_int_equal(chr_write_batch_commit(s), CHR_OK);
	return out;
}

/* One analysis line in a batch of its own. */
static chr_write_outcome add(chr_store *s, const char *json)
{
	return add_batch(s, &json, 1);
}

static long long count(chr_store *s, const char *sql)
{
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(s->db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	long long n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* One analysis line: a meeting of the listed actors on `date` in `place`. */
static char *meeting(const char *doc, const char *outlet, const char *date, const char *text,
		     const char *actors_json, const char *place)
{
	static char buf[8][4096];
	static int k;
	char *b = buf[k++ % 8];
	snprintf(b, sizeof buf[0],
		 "{\"doc\":\"%s\",\"outlet\":\"%s\",\"date\":\"%s\",\"text\":\"%s\","
		 "\"paragraphs\":[{\"text\":\"%s\",\"label\":\"body\"}],"
		 "\"entities\":[{\"id\":\"mara-velt\",\"name\":\"Mara Velt\",\"type\":\"PERSON\",\"mentions\":[[0,9]]},"
		 "{\"id\":\"oskar-lind\",\"name\":\"Oskar Lind\",\"type\":\"PERSON\",\"mentions\":[[14,24]]},"
		 "{\"id\":\"%s\",\"name\":\"%s\",\"type\":\"PLACE\",\"mentions\":[]}],"
		 "\"events\":[{\"type\":\"meet\",\"cameo\":\"040\",\"actors\":%s,\"place\":\"%s\",\"date\":\"%s\","
		 "\"duration\":null,\"modality\":\"asserted\",\"sentence\":[0,20]}],"
		 "\"claims\":[],\"quotes\":[]}",
		 doc, outlet, date, text, text, place, place, actors_json, place, date);
	return b;
}

static long long fused_of(chr_store *s, const char *doc)
{
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT ev.fused FROM event ev JOIN doc d ON d.id=ev.doc WHERE d.name='%s'", doc);
	return count(s, sql);
}

/* The same line with another modality ("future": an announcement). */
/* Replaces the `cut` bytes at `at` (inside a line of the 4096-byte
 * buffers above) with `with`. */
static void splice(char *at, size_t cut, const char *with)
{
	char rest[4096];
	snprintf(rest, sizeof rest, "%s", at + cut);
	sprintf(at, "%s%s", with, rest);
}

static char *with_modality(char *json, const char *modality)
{
	static const char asserted[] = "\"modality\":\"asserted\"";
	char *m = strstr(json, asserted);
	assert_non_null(m);
	char field[64];
	snprintf(field, sizeof field, "\"modality\":\"%s\"", modality);
	splice(m, strlen(asserted), field);
	return json;
}

static void refuses_foreign_and_newer_files(void **state)
{
	(void)state;
	char path[] = "/tmp/chronicle-test-XXXXXX";
	test_temp_file(path);
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE theirs(x); INSERT INTO theirs VALUES(1)", 0, 0, 0), SQLITE_OK);
	sqlite3_close(db);
	chr_store *s = NULL;
	char msg[256];
	assert_int_equal(chr_store_open(path, 0, &s, msg, sizeof msg), CHR_EFORMAT);
	assert_null(s);
	assert_non_null(strstr(msg, "not a chronicle database"));
	/* Bytes that are not SQLite at all. */
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	for (int i = 0; i < 4096; i++)
		fputc((i * 7) & 0xff, f);
	fclose(f);
	assert_int_not_equal(chr_store_open(path, 0, &s, msg, sizeof msg), CHR_OK);
	assert_null(s);
	/* A chronicle file from a newer version. */
	unlink(path);
	assert_int_equal(chr_store_open(path, 0, &s, msg, sizeof msg), CHR_OK);
	assert_int_equal(chr_store_exec(s, "PRAGMA user_version=99"), CHR_OK);
	chr_store_close(s);
	assert_int_equal(chr_store_open(path, 0, &s, msg, sizeof msg), CHR_EFORMAT);
	assert_non_null(strstr(msg, "newer"));
	test_remove_db(path);
}

static void same_text_is_stored_once(void **state)
{
	(void)state;
	chr_store *s = open_memory();
	const char *a = meeting("a", "Wire", "2025-12-03", "Mara Velt and Oskar Lind met in Tarn.",
				"[\"mara-velt\",\"oskar-lind\"]", "tarn");
	assert_int_equal(add(s, a), CHR_WRITE_ADDED);
	assert_int_equal(add(s, a), CHR_WRITE_KNOWN);
	assert_int_equal(count(s, "SELECT count(*) FROM doc"), 1);
	assert_int_equal(count(s, "SELECT count(*) FROM event"), 1);
	chr_store_close(s);
}

/* A file of layout 1 (doc_name keyed by name, an index on doc(name)) is
 * brought to the current layout on open, its names kept. */
static void version_1_file_is_migrated(void **state)
{
	(void)state;
	char path[] = "/tmp/chronicle-test-XXXXXX";
	test_temp_file(path);
	unlink(path);
	chr_store *s = NULL;
	char msg[256];
	assert_int_equal(chr_store_open(path, 0, &s, msg, sizeof msg), CHR_OK);
	add(s, meeting("first-name", "Wire", "2025-12-03",
		       "Mara Velt and Oskar Lind met in Tarn on Wednesday to talk about the water treaty and the border.",
		       "[\"mara-velt\",\"oskar-lind\"]", "tarn"));
	/* Back to layout 1, as version 1 of the program left files. */
	assert_int_equal(chr_store_exec(s,
					"CREATE TABLE old_names(name TEXT NOT NULL, doc INTEGER NOT NULL REFERENCES doc(id),"
					" source TEXT, outlet TEXT, PRIMARY KEY(name, doc)) WITHOUT ROWID;"
					"INSERT INTO old_names SELECT name, doc, source, outlet FROM doc_name;"
					"INSERT INTO old_names VALUES('second-name', 1, 'b.txt', 'Wire');"
					"DROP TABLE doc_name; ALTER TABLE old_names RENAME TO doc_name;"
					"CREATE INDEX doc_name_doc ON doc_name(doc); CREATE INDEX doc_name_idx ON doc(name);"
					"DROP INDEX fused_actor_long; DROP INDEX fused_actor_day;"
					"ALTER TABLE fused_actor DROP COLUMN place; ALTER TABLE fused_actor DROP COLUMN story;"
					"ALTER TABLE fused_actor DROP COLUMN family; ALTER TABLE fused_actor DROP COLUMN pending;"
					"CREATE INDEX fused_actor_day ON fused_actor(entity, lo);"
					"DROP TABLE para_first; CREATE INDEX para_hash ON para(hash) WHERE length(text)>=80;"
					"DROP INDEX story_entity_story; DROP TABLE entity_spelling;"
					"PRAGMA user_version=1"),
			 CHR_OK);
	chr_store_close(s);
	assert_int_equal(chr_store_open(path, CHR_STORE_EXISTING, &s, msg, sizeof msg), CHR_OK);
	assert_int_equal(count(s, "PRAGMA user_version"), chr_schema_version());
	assert_int_equal(count(s, "SELECT count(*) FROM doc_name WHERE doc=1"), 2);
	assert_int_equal(count(s, "SELECT count(*) FROM sqlite_master WHERE name='doc_name_idx'"), 0);
	assert_int_equal(count(s, "SELECT count(*) FROM sqlite_master WHERE name='fused_actor_long'"), 1);
	/* The actor rows carry what event search reads of their fused event. */
	assert_int_equal(count(s, "SELECT count(*) FROM fused_actor a JOIN fused f ON f.id=a.fused"
				  " WHERE a.place IS f.place AND a.story IS f.story AND a.family=f.family AND a.pending=0"),
			 2);
	/* The long paragraph's first document, from the paragraphs. */
	assert_int_equal(count(s, "SELECT count(*) FROM sqlite_master WHERE name='para_hash'"), 0);
	assert_int_equal(count(s, "SELECT doc FROM para_first"), 1);
	/* Stories are read by story when they merge. */
	assert_int_equal(count(s, "SELECT count(*) FROM sqlite_master WHERE name='story_entity_story'"), 1);
	/* Other languages' spellings of an entity have a table. */
	assert_int_equal(count(s, "SELECT count(*) FROM sqlite_master WHERE name='entity_spelling'"), 1);
	/* Still writable: a new document and its name. */
	assert_int_equal(add(s, meeting("third-name", "Post", "2025-12-04", "Oskar Lind spoke to Mara Velt in Tarn.",
				     "[\"mara-velt\",\"oskar-lind\"]", "tarn")),
			 CHR_WRITE_ADDED);
	assert_int_equal(count(s, "SELECT count(*) FROM doc_name"), 3);
	chr_store_close(s);
	test_remove_db(path);
}

/* Entity counts are summed per batch: they must add up across batches and
 * vanish with a batch that is rolled back. */
static void entity_counts_survive_batches_and_rollback(void **state)
{
	(void)state;
	chr_store *s = open_memory();
	add(s, meeting("a", "Wire", "2025-12-03", "Mara Velt and Oskar Lind met in Tarn.",
		       "[\"mara-velt\",\"oskar-lind\"]", "tarn"));
	add(s, meeting("b", "Post", "2025-12-03", "Oskar Lind and Mara Velt met in Tarn.",
		       "[\"mara-velt\",\"oskar-lind\"]", "tarn"));
	assert_int_equal(count(s, "SELECT docs FROM entity WHERE slug='mara-velt'"), 2);
	/* A third document in a batch that is then abandoned. */
	const char *c = meeting("c", "Daily", "2025-12-05", "Mara Velt met Oskar Lind again in Tarn.",
				"[\"mara-velt\",\"oskar-lind\"]", "tarn");
	chr_docrec rec = { 0 };
	assert_int_equal(chr_docrec_parse(&rec, c, strlen(c)), CHR_OK);
	chr_near_opts near = { 0.7, 0.5 };
	chr_write_outcome out;
	assert_int_equal(chr_write_batch_begin(s), CHR_OK);
	assert_int_equal(chr_write_doc(s, &rec, &near, &out), CHR_OK);
	chr_store_rollback(s);
	chr_docrec_clear(&rec);
	add(s, meeting("d", "Daily", "2025-12-06", "Oskar Lind saw Mara Velt in Tarn.",
		       "[\"mara-velt\",\"oskar-lind\"]", "tarn"));
	assert_int_equal(count(s, "SELECT docs FROM entity WHERE slug='mara-velt'"), 3);
	assert_int_equal(count(s, "SELECT count(*) FROM doc"), 3);
	chr_store_close(s);
}

/* A line's text and paragraphs are the sender's: fingerprints follow the
 * text whether or not it is its paragraphs joined by blank lines. */
static void fingerprints_follow_the_text(void **state)
{
	(void)state;
	static const char *const lines[] = {
		"{\"doc\":\"j\",\"text\":\"Talks in Tarn went on.\\n\\nBoth sides met again.\","
		"\"paragraphs\":[{\"text\":\"Menu Home\",\"label\":\"chrome\"},"
		"{\"text\":\"Talks in Tarn went on.\",\"label\":\"body\"},"
		"{\"text\":\"Both sides met again.\",\"label\":\"body\"}]}",
		"{\"doc\":\"k\",\"text\":\"Talks in Tarn went on. Both sides met again.\","
		"\"paragraphs\":[{\"text\":\"Talks in Tarn went on.\",\"label\":\"body\"},"
		"{\"text\":\"Something else entirely\",\"label\":\"body\"}]}",
	};
	for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
		chr_docrec rec = { 0 };
		assert_int_equal(chr_docrec_parse(&rec, lines[i], strlen(lines[i])), CHR_OK);
		assert_int_equal(rec.state, CHR_DOCREC_NEW);
		chr_signature want;
		assert_int_equal(rec.shingles, chr_minhash(rec.text, rec.text_len, &want));
		assert_memory_equal(rec.sig.v, want.v, sizeof want.v);
		const chr_jv *paras = chr_js_array(rec.root, "paragraphs");
		for (size_t k = 0; k < chr_jv_len(paras); k++) {
			const char *pt = chr_js_str(chr_jv_at(paras, k), "text");
			assert_int_equal(rec.para_keys[k], chr_paragraph_key(pt, strlen(pt)));
		}
		chr_docrec_clear(&rec);
	}
}

static void meetings_fuse_across_a_day_and_stay_apart_across_months(void **state)
{
	(void)state;
	chr_store *s = open_memory();
	add(s, meeting("a", "Wire", "2025-12-03", "Mara Velt and Oskar Lind met in Tarn on Wednesday.",
		       "[\"mara-velt\",\"oskar-lind\"]", "tarn"));
	/* Late on Tuesday by another outlet's count: the same meeting. */
	add(s, meeting("b", "Herald", "2025-12-02", "Oskar Lind held talks with Mara Velt in Tarn late on Tuesday.",
		       "[\"oskar-lind\",\"mara-velt\"]", "tarn"));
	/* The same two people in May: another meeting. */
	add(s, meeting("c", "Post", "2025-05-09", "In May Mara Velt had met Oskar Lind in Tarn for three hours.",
		       "[\"mara-velt\",\"oskar-lind\"]", "tarn"));
	/* The same day elsewhere: another meeting. */
	add(s, meeting("d", "Courier", "2025-12-03", "Mara Velt and Oskar Lind also met in Brask that day.",
		       "[\"mara-velt\",\"oskar-lind\"]", "brask"));
	assert_int_equal(count(s, "SELECT count(*) FROM fused"), 3);
	assert_int_equal(count(s, "SELECT count(DISTINCT fused) FROM event ev JOIN doc d ON d.id=ev.doc"
				  " WHERE d.name IN ('a','b')"), 1);
	assert_int_equal(count(s, "SELECT count(DISTINCT date) FROM event WHERE fused="
				  "(SELECT fused FROM event ev JOIN doc d ON d.id=ev.doc WHERE d.name='a')"), 2);
	chr_store_close(s);
}

/* "Velt and Lind will meet in Tarn on Thursday": an announcement joins the
 * event it announces as a source, before or after the event's reports
 * come, but is no event by itself and does not vote on its date. */
static void announcements_join_the_event_they_announce(void **state)
{
	(void)state;
	chr_store *s = open_memory();
	add(s, with_modality(meeting("ann", "Wire", "2025-12-04", "Mara Velt and Oskar Lind will meet in Tarn on "
				     "Thursday.", "[\"mara-velt\",\"oskar-lind\"]", "tarn"), "future"));
	assert_int_equal(count(s, "SELECT count(*) FROM fused WHERE nevents>0"), 0);
	/* another place: not the same meeting */
	add(s, with_modality(meeting("elsewhere", "Post", "2025-12-04", "Mara Velt and Oskar Lind will meet in "
				     "Brask.", "[\"mara-velt\",\"oskar-lind\"]", "brask"), "future"));
	add(s, meeting("a", "Herald", "2025-12-04", "Mara Velt and Oskar Lind met in Tarn on Thursday.",
		       "[\"mara-velt\",\"oskar-lind\"]", "tarn"));
	assert_int_equal(fused_of(s, "ann"), fused_of(s, "a"));
	assert_int_not_equal(fused_of(s, "elsewhere"), fused_of(s, "a"));
	assert_int_equal(count(s, "SELECT count(*) FROM fused WHERE nevents>0"), 1);
	/* announced for Friday after the report: joins, without a vote */
	add(s, with_modality(meeting("late", "Courier", "2025-12-05", "Mara Velt and Oskar Lind will meet in Tarn "
				     "on Friday.", "[\"mara-velt\",\"oskar-lind\"]", "tarn"), "future"));
	assert_int_equal(fused_of(s, "late"), fused_of(s, "a"));
	assert_int_equal(count(s, "SELECT nevents FROM fused f JOIN event ev ON ev.fused=f.id JOIN doc d ON "
				  "d.id=ev.doc WHERE d.name='a'"), 1);
	assert_int_equal(count(s, "SELECT count(*) FROM fused_value WHERE value='2025-12-05'"), 0);
	/* a month later: another meeting, still to come */
	add(s, with_modality(meeting("next", "Wire", "2026-01-08", "Mara Velt and Oskar Lind will meet in Tarn.",
				     "[\"mara-velt\",\"oskar-lind\"]", "tarn"), "future"));
	assert_int_not_equal(fused_of(s, "next"), fused_of(s, "a"));
	assert_int_equal(count(s, "SELECT count(*) FROM fused WHERE nevents>0"), 1);
	chr_store_close(s);
}

/* Reports split evenly between two days next to each other (a session on
 * Friday, its deal signed after midnight): the event is searched on both,
 * so a report of the second day's night joins; a day beyond does not. */
static void an_even_split_between_two_days_keeps_both(void **state)
{
	(void)state;
	chr_store *s = open_memory();
	add(s, meeting("a", "Wire", "2025-12-04", "Mara Velt and Oskar Lind met in Tarn on Thursday.",
		       "[\"mara-velt\",\"oskar-lind\"]", "tarn"));
	add(s, meeting("b", "Herald", "2025-12-05", "Mara Velt and Oskar Lind met in Tarn on Friday.",
		       "[\"mara-velt\",\"oskar-lind\"]", "tarn"));
	add(s, meeting("c", "Post", "2025-12-06", "Mara Velt and Oskar Lind met in Tarn until Saturday.",
		       "[\"mara-velt\",\"oskar-lind\"]", "tarn"));
	assert_int_equal(count(s, "SELECT count(DISTINCT fused) FROM event"), 1);
	add(s, meeting("d", "Daily", "2025-12-08", "Mara Velt and Oskar Lind met in Tarn on Monday.",
		       "[\"mara-velt\",\"oskar-lind\"]", "tarn"));
	assert_int_equal(count(s, "SELECT count(DISTINCT fused) FROM event"), 2);
	chr_store_close(s);
}

/* A fused event's date is the one most of its reports give; of dates
 * tied on reports the more precise, else the one reported first; and a
 * single day tied with the next one widens the days searched ("Friday"
 * for the session, "Saturday" for the deal signed after midnight). */
static void the_reports_vote_on_the_date(void **state)
{
	(void)state;
	chr_store *s = open_memory();
	const char *both = "[\"mara-velt\",\"oskar-lind\"]";
	add(s, meeting("a", "Wire", "2025-12-04", "Mara Velt and Oskar Lind met in Tarn on Thursday.", both, "tarn"));
	add(s, meeting("b", "Herald", "2025-12-05", "Mara Velt and Oskar Lind met in Tarn on Friday.", both, "tarn"));
	assert_int_equal(fused_of(s, "a"), fused_of(s, "b"));
	assert_int_equal(count(s, "SELECT count(*) FROM fused WHERE date='2025-12-04' AND hi-lo=1"), 1);
	add(s, meeting("c", "Post", "2025-12-05", "Mara Velt and Oskar Lind met in Tarn, the Post said.", both, "tarn"));
	assert_int_equal(fused_of(s, "a"), fused_of(s, "c"));
	assert_int_equal(count(s, "SELECT count(*) FROM fused WHERE date='2025-12-05' AND hi=lo"), 1);
	/* the month came first, the day wins the tie */
	add(s, meeting("d", "Wire", "2026-01", "Mara Velt and Oskar Lind met in Tarn in January.", both, "tarn"));
	add(s, meeting("e", "Herald", "2026-01-14", "Mara Velt and Oskar Lind met in Tarn on Wednesday.", both,
		       "tarn"));
	assert_int_equal(fused_of(s, "d"), fused_of(s, "e"));
	assert_int_equal(count(s, "SELECT count(*) FROM fused WHERE date='2026-01-14' AND hi=lo"), 1);
	/* two days, one report each: the first reported leads, though the
	 * other comes first in the table */
	add(s, meeting("f", "Wire", "2026-03-11", "Mara Velt and Oskar Lind met again in Tarn on Wednesday.", both, "tarn"));
	add(s, meeting("g", "Herald", "2026-03-10", "Mara Velt and Oskar Lind met again in Tarn on Tuesday.", both, "tarn"));
	assert_int_equal(fused_of(s, "f"), fused_of(s, "g"));
	assert_int_equal(count(s, "SELECT count(*) FROM fused WHERE date='2026-03-11'"), 1);
	/* a second report of the other day turns it */
	add(s, meeting("h", "Post", "2026-03-10", "Mara Velt and Oskar Lind met again in Tarn, the Post said.", both,
		       "tarn"));
	assert_int_equal(fused_of(s, "f"), fused_of(s, "h"));
	assert_int_equal(count(s, "SELECT count(*) FROM fused WHERE date='2026-03-10'"), 1);
	/* the actor rows, which event search reads, follow every change */
	assert_int_equal(count(s, "SELECT count(*) FROM fused_actor a JOIN fused f ON f.id=a.fused"
				  " WHERE a.lo IS NOT f.lo OR a.hi IS NOT f.hi OR a.place IS NOT f.place"),
			 0);
	chr_store_close(s);
}

/* One analysis line with one event of any type; Norvia is a country. */
static char *event_line(const char *doc, const char *date, const char *text, const char *type, const char *cameo,
			const char *actors_json, const char *place)
{
	static char buf[8][4096];
	static int k;
	char *b = buf[k++ % 8];
	snprintf(b, sizeof buf[0],
		 "{\"doc\":\"%s\",\"outlet\":\"%s wire\",\"date\":\"%s\",\"text\":\"%s\","
		 "\"paragraphs\":[{\"text\":\"%s\",\"label\":\"body\"}],"
		 "\"entities\":[{\"id\":\"mara-velt\",\"name\":\"Mara Velt\",\"type\":\"PERSON\",\"mentions\":[[0,9]]},"
		 "{\"id\":\"oskar-lind\",\"name\":\"Oskar Lind\",\"type\":\"PERSON\",\"mentions\":[[14,24]]},"
		 "{\"id\":\"norvia\",\"name\":\"Norvia\",\"type\":\"PLACE\",\"mentions\":[]},"
		 "{\"id\":\"%s\",\"name\":\"%s\",\"type\":\"PLACE\",\"mentions\":[]}],"
		 "\"events\":[{\"type\":\"%s\",\"cameo\":\"%s\",\"actors\":%s,\"place\":\"%s\",\"date\":\"%s\","
		 "\"duration\":null,\"modality\":\"asserted\",\"sentence\":[0,20]}],"
		 "\"claims\":[],\"quotes\":[]}",
		 doc, doc, date, text, text, place, place, type, cameo, actors_json, place, date);
	return b;
}

/* Another kind of event joins a meeting only on its very day: the talks
 * open on Monday and agree an agenda on Tuesday. */
static void another_kind_joins_only_on_the_day(void **state)
{
	(void)state;
	chr_store *s = open_memory();
	add(s, event_line("a", "2025-12-01", "Mara Velt and Oskar Lind met in Tarn on Monday.", "meet", "040",
			  "[\"mara-velt\",\"oskar-lind\"]", "tarn"));
	add(s, event_line("b", "2025-12-02", "Mara Velt and Oskar Lind agreed on an agenda in Tarn on Tuesday.",
			  "agree", "057", "[\"mara-velt\",\"oskar-lind\"]", "tarn"));
	add(s, event_line("c", "2025-12-01", "Mara Velt and Oskar Lind agreed in Tarn on Monday to meet again.",
			  "intent_to_cooperate", "030", "[\"mara-velt\",\"oskar-lind\"]", "tarn"));
	assert_int_not_equal(fused_of(s, "a"), fused_of(s, "b"));
	assert_int_equal(fused_of(s, "a"), fused_of(s, "c"));
	chr_store_close(s);
}

/* "Talks with Norvia open in Tarn" came first; the meeting of Velt and Lind
 * there the next day is one event once a frame of that meeting names
 * Norvia too. */
static void an_earlier_report_joins_when_linked(void **state)
{
	(void)state;
	chr_store *s = open_memory();
	add(s, event_line("a", "2025-12-01", "The talks with Norvia open in Tarn on Monday.", "negotiate", "046",
			  "[\"norvia\"]", "tarn"));
	add(s, event_line("b", "2025-12-02", "Mara Velt and Oskar Lind met in Tarn on Tuesday.", "meet", "040",
			  "[\"mara-velt\",\"oskar-lind\"]", "tarn"));
	assert_int_not_equal(fused_of(s, "a"), fused_of(s, "b"));
	add(s, event_line("c", "2025-12-02", "Mara Velt and Oskar Lind agreed in Tarn that Norvia will help.",
			  "intent_to_cooperate", "030", "[\"mara-velt\",\"oskar-lind\",\"norvia\"]", "tarn"));
	assert_int_equal(fused_of(s, "a"), fused_of(s, "b"));
	assert_int_equal(fused_of(s, "b"), fused_of(s, "c"));
	chr_store_close(s);
}

/* An analysis line with the given entities and one asserted event. */
static char *line(const char *doc, const char *date, const char *text, const char *entities_json,
		  const char *type, const char *actors_json, const char *place)
{
	static char buf[8][4096];
	static int k;
	char *b = buf[k++ % 8];
	snprintf(b, sizeof buf[0],
		 "{\"doc\":\"%s\",\"outlet\":\"%s wire\",\"date\":\"%s\",\"text\":\"%s\","
		 "\"paragraphs\":[{\"text\":\"%s\",\"label\":\"body\"}],\"entities\":%s,"
		 "\"events\":[{\"type\":\"%s\",\"cameo\":\"057\",\"actors\":%s,\"place\":%s,\"date\":\"%s\","
		 "\"duration\":null,\"modality\":\"asserted\",\"sentence\":[0,20]}],"
		 "\"claims\":[],\"quotes\":[]}",
		 doc, doc, date, text, text, entities_json, type, actors_json, place, date);
	return b;
}

#define VELT "{\"id\":\"mara-velt\",\"name\":\"Mara Velt\",\"type\":\"PERSON\",\"mentions\":[[0,9]]"
#define LIND "{\"id\":\"oskar-lind\",\"name\":\"Oskar Lind\",\"type\":\"PERSON\",\"mentions\":[[14,24]]"
#define NORVIA "{\"id\":\"norvia\",\"name\":\"Norvia\",\"type\":\"PLACE\",\"mentions\":[]}"
#define BRASKIA "{\"id\":\"braskia\",\"name\":\"Braskia\",\"type\":\"PLACE\",\"mentions\":[]}"

#define PETROV "{\"id\":\"ivo-petrov\",\"name\":\"Ivo Petrov\",\"type\":\"PERSON\",\"mentions\":[]}"

/* "Lind met officials on Tuesday" fits both of Lind's meetings that day
 * and joins one; it proves neither one meeting, so they stay two (merged,
 * a day's meetings of a busy person chained into one event). */
static void one_shared_actor_links_no_two_meetings(void **state)
{
	(void)state;
	chr_store *s = open_memory();
	add(s, line("a", "2025-12-02", "Mara Velt and Oskar Lind met in Tarn on Tuesday.", "[" VELT "}," LIND "}]",
		    "meet", "[\"mara-velt\",\"oskar-lind\"]", "null"));
	add(s, line("b", "2025-12-02", "Ivo Petrov met Oskar Lind in Tarn on Tuesday.", "[" PETROV "," LIND "}]", "meet",
		    "[\"ivo-petrov\",\"oskar-lind\"]", "null"));
	add(s, line("c", "2025-12-02", "Oskar Lind met officials in Tarn on Tuesday.", "[" LIND "}]", "meet",
		    "[\"oskar-lind\"]", "null"));
	assert_int_not_equal(fused_of(s, "a"), fused_of(s, "b"));
	assert_true(fused_of(s, "c") == fused_of(s, "a") || fused_of(s, "c") == fused_of(s, "b"));
	assert_int_equal(count(s, "SELECT count(*) FROM fused"), 2);
	chr_store_close(s);
}

/* A report that gives Velt and Lind their countries by their roles
 * ("Norvian envoy Mara Velt"). */
static void add_envoys(chr_store *s)
{
	add(s, line("roles", "2025-11-02", "Norvian envoy Mara Velt and Braskian envoy Oskar Lind arrived.",
		    "[" VELT ",\"country\":\"norvia\"}," LIND ",\"country\":\"braskia\"}," NORVIA "," BRASKIA "]",
		    "statement", "[]", "null"));
}

/* "The Norvian and Braskian delegations agreed" and "Velt and Lind agreed"
 * that day are one agreement once some report gave Velt and Lind their
 * countries (a role: "Norvian envoy Mara Velt"); the other way round too,
 * when the countries' report names their people, or one of them.  One person is not their
 * country: "Velt agreed" stays apart from "Norvia agreed". */
static void countries_stand_for_their_people(void **state)
{
	(void)state;
	chr_store *s = open_memory();
	add_envoys(s);
	assert_int_equal(count(s, "SELECT count(*) FROM entity WHERE slug='mara-velt' AND country='norvia'"), 1);
	/* a later report without the role keeps the country */
	add(s, line("a", "2025-12-02", "The Norvian and Braskian delegations agreed on an agenda.",
		    "[" NORVIA "," BRASKIA "]", "agree", "[\"norvia\",\"braskia\"]", "null"));
	add(s, line("b", "2025-12-02", "Mara Velt and Oskar Lind agreed on an agenda.",
		    "[" VELT "}," LIND "}]", "agree", "[\"mara-velt\",\"oskar-lind\"]", "null"));
	assert_int_equal(fused_of(s, "a"), fused_of(s, "b"));
	add(s, line("d", "2025-12-09", "Norvia agreed to pay.", "[" NORVIA "]", "agree", "[\"norvia\"]", "null"));
	add(s, line("c", "2025-12-09", "Mara Velt agreed to stay.", "[" VELT "}]", "agree", "[\"mara-velt\"]",
		    "null"));
	assert_int_not_equal(fused_of(s, "c"), fused_of(s, "d"));
	/* people first, then their countries in a report that names them */
	add(s, line("e", "2025-12-16", "Mara Velt and Oskar Lind signed a protocol.", "[" VELT "}," LIND "}]",
		    "agree", "[\"mara-velt\",\"oskar-lind\"]", "null"));
	add(s, line("f", "2025-12-16", "Norvia and Braskia signed, said Mara Velt and Oskar Lind.",
		    "[" NORVIA "," BRASKIA "," VELT "}," LIND "}]", "agree", "[\"norvia\",\"braskia\"]", "null"));
	assert_int_equal(fused_of(s, "e"), fused_of(s, "f"));
	/* people first, then their countries in a report that names only one
	 * of them: the other counts through the country of their role, as it
	 * would had the people's report come second */
	add(s, line("g", "2025-12-23", "Mara Velt and Oskar Lind initialled a text.", "[" VELT "}," LIND "}]",
		    "agree", "[\"mara-velt\",\"oskar-lind\"]", "null"));
	add(s, line("h", "2025-12-23", "Norvia and Braskia initialled it, said Mara Velt.",
		    "[" NORVIA "," BRASKIA "," VELT "}]", "agree", "[\"norvia\",\"braskia\"]", "null"));
	assert_int_equal(fused_of(s, "g"), fused_of(s, "h"));
	/* a person of neither country counts for neither */
	add(s, line("i", "2025-12-30", "Mara Velt and Ivo Petrov initialled a text.", "[" VELT "}," PETROV "]",
		    "agree", "[\"mara-velt\",\"ivo-petrov\"]", "null"));
	add(s, line("j", "2025-12-30", "Norvia and Braskia initialled the text, Mara Velt said.",
		    "[" NORVIA "," BRASKIA "," VELT "}]", "agree", "[\"norvia\",\"braskia\"]", "null"));
	assert_int_not_equal(fused_of(s, "i"), fused_of(s, "j"));
	chr_store_close(s);
}

/* "The Norvian parliament approved" where the report never names Norvia:
 * the demonym (MISC, with its country) is Norvia's actor, in the fused
 * event too: one actor, listed once, whichever word a report used. */
static void a_demonym_stands_for_its_country(void **state)
{
	(void)state;
	chr_store *s = open_memory();
	add(s, line("a", "2025-12-02", "Norvia's parliament approved a resolution.", "[" NORVIA "]", "agree",
		    "[\"norvia\"]", "null"));
	add(s, line("b", "2025-12-02", "The Norvian parliament approved a resolution.",
		    "[{\"id\":\"norvian\",\"name\":\"Norvian\",\"type\":\"MISC\",\"mentions\":[[4,11]],"
		    "\"country\":\"norvia\"}]",
		    "agree", "[\"norvian\"]", "null"));
	assert_int_equal(fused_of(s, "a"), fused_of(s, "b"));
	add(s, line("c", "2025-12-09", "Norvia and the Norvian parliament approved a budget.",
		    "[" NORVIA ",{\"id\":\"norvian\",\"name\":\"Norvian\",\"type\":\"MISC\",\"mentions\":[[15,22]],"
		    "\"country\":\"norvia\"}]",
		    "agree", "[\"norvia\",\"norvian\"]", "null"));
	assert_int_equal(count(s, "SELECT count(*) FROM fused_actor fa JOIN entity e ON e.id=fa.entity"
				  " WHERE e.slug='norvian'"), 0);
	assert_int_equal(count(s, "SELECT count(*) FROM event_actor ea JOIN event ev ON ev.id=ea.event"
				  " JOIN doc d ON d.id=ev.doc WHERE d.name='c'"), 1);
	chr_store_close(s);
}

/* The line with its event undated ("date":null), and with the article
 * undated too when `article` is set. */
static char *undated(char *json, int article)
{
	char *ev = strstr(json, "\"events\"");
	assert_non_null(ev);
	char *d = strstr(ev, "\"date\":\"");
	assert_non_null(d);
	char *end = strchr(d + 8, '"');
	splice(d, (size_t)(end + 1 - d), "\"date\":null");
	if (article) {
		d = strstr(json, "\"date\":\"");
		assert_true(d && d < strstr(json, "\"events\""));
		end = strchr(d + 8, '"');
		splice(d, (size_t)(end + 2 - d), "");   /* and its comma */
	}
	return json;
}

#define TARN "{\"id\":\"tarn\",\"name\":\"Tarn\",\"type\":\"PLACE\",\"mentions\":[]}"

/* An undated column on "the plan put to both delegations in Tarn" that came
 * before the dated reports of its batch: it is fused at the batch's end,
 * and of the two proposals in Tarn it joins the one whose mediator it also
 * names; it links neither to the other.  An undated column in an undated
 * article is then no reason for a later dated report to take its date. */
static void undated_reports_wait_for_the_dated_ones_of_their_batch(void **state)
{
	(void)state;
	chr_store *s = open_memory();
	char col[4096], early[4096], plan[4096];
	snprintf(col, sizeof col, "%s",
		 undated(line("column", "2025-12-10", "The plan put to the delegations in Tarn, said Mara Velt.",
			      "[" NORVIA "," BRASKIA "," TARN "," VELT "}]", "propose", "[\"norvia\",\"braskia\"]",
			      "\"tarn\""), 1));
	snprintf(early, sizeof early, "%s",
		 line("early", "2025-12-03", "Norvia and Braskia exchanged proposals in Tarn.",
		      "[" NORVIA "," BRASKIA "," TARN "]", "propose", "[\"norvia\",\"braskia\"]", "\"tarn\""));
	snprintf(plan, sizeof plan, "%s",
		 line("plan", "2025-12-05", "Mara Velt put a plan to Norvia and Braskia in Tarn.",
		      "[" NORVIA "," BRASKIA "," TARN "," VELT "}]", "propose",
		      "[\"mara-velt\",\"norvia\",\"braskia\"]", "\"tarn\""));
	const char *batch[] = { col, early, plan };
	add_batch(s, batch, 3);
	assert_int_equal(fused_of(s, "column"), fused_of(s, "plan"));
	assert_int_not_equal(fused_of(s, "early"), fused_of(s, "plan"));
	/* another undated column, alone in its batch, starts its own event;
	 * a dated report of the same actors does not join it */
	char col2[4096];
	snprintf(col2, sizeof col2, "%s",
		 undated(line("column2", "2025-12-10", "Norvia and Braskia have traded plans in Tarn.",
			      "[" NORVIA "," BRASKIA "," TARN "]", "propose", "[\"norvia\",\"braskia\"]", "\"tarn\""),
			 1));
	add(s, col2);
	add(s, line("late", "2026-02-11", "Norvia and Braskia exchanged new proposals in Tarn.",
		    "[" NORVIA "," BRASKIA "," TARN "]", "propose", "[\"norvia\",\"braskia\"]", "\"tarn\""));
	assert_int_not_equal(fused_of(s, "late"), fused_of(s, "column2"));
	chr_store_close(s);
}

/* The same column, ingested on its own after the first report of the
 * plan (which named only the mediator) and before the one that names the
 * delegations and the place: that report joins the plan and links the
 * column to it, as one batch of all three would have (the column's frame
 * then waits for the batch's dated reports).  A dated report that fits
 * only the column does not take it. */
static void an_undated_column_joins_when_a_later_report_links_it(void **state)
{
	(void)state;
	chr_store *s = open_memory();
	add(s, line("first", "2025-12-05", "Mara Velt put a plan to the delegations on Friday.",
		    "[" NORVIA "," BRASKIA "," TARN "," VELT "}]", "propose", "[\"mara-velt\"]", "null"));
	add(s, undated(line("column", "2025-12-10", "The plan put to the delegations in Tarn, said Mara Velt.",
			    "[" NORVIA "," BRASKIA "," TARN "," VELT "}]", "propose", "[\"norvia\",\"braskia\"]",
			    "\"tarn\""),
		       1));
	assert_int_not_equal(fused_of(s, "column"), fused_of(s, "first"));
	/* a dated report that fits nothing else still does not date it */
	add(s, line("traded", "2025-12-08", "Norvia and Braskia traded proposals in Tarn, Mara Velt said.",
		    "[" NORVIA "," BRASKIA "," TARN "," VELT "}]", "propose", "[\"norvia\",\"braskia\"]", "\"tarn\""));
	assert_int_not_equal(fused_of(s, "traded"), fused_of(s, "column"));
	add(s, line("second", "2025-12-05", "Mara Velt put a plan to Norvia and Braskia in Tarn on Friday.",
		    "[" NORVIA "," BRASKIA "," TARN "," VELT "}]", "propose",
		    "[\"mara-velt\",\"norvia\",\"braskia\"]", "\"tarn\""));
	assert_int_equal(fused_of(s, "second"), fused_of(s, "first"));
	assert_int_equal(fused_of(s, "column"), fused_of(s, "first"));
	assert_int_equal(count(s, "SELECT count(*) FROM fused WHERE date='2025-12-05' AND nevents=3"), 1);
	chr_store_close(s);
}

/* An undated report in a dated article tells of the month before it: its
 * countries stand for Velt and Lind, whom it names, in their meeting of
 * that month, but not in one long before the article. */
static void an_undated_report_tells_of_the_month_before_its_article(void **state)
{
	(void)state;
	chr_store *s = open_memory();
	add_envoys(s);
	add(s, line("met", "2025-12-02", "Mara Velt and Oskar Lind met in Tarn.", "[" VELT "}," LIND "}," TARN "]",
		    "meet", "[\"mara-velt\",\"oskar-lind\"]", "\"tarn\""));
	add(s, undated(line("after", "2025-12-03", "Norvia and Braskia held talks in Tarn, Velt and Lind said.",
			    "[" NORVIA "," BRASKIA "," TARN "," VELT "}," LIND "}]", "meet", "[\"norvia\",\"braskia\"]", "\"tarn\""),
		       0));
	assert_int_equal(fused_of(s, "after"), fused_of(s, "met"));
	add(s, undated(line("months", "2026-03-20", "Norvia and Braskia held talks in Tarn, Velt and Lind said in March.",
			    "[" NORVIA "," BRASKIA "," TARN "," VELT "}," LIND "}]", "meet", "[\"norvia\",\"braskia\"]", "\"tarn\""),
		       0));
	assert_int_not_equal(fused_of(s, "months"), fused_of(s, "met"));
	chr_store_close(s);
}

static void bare_surname_joins_the_full_name(void **state)
{
	(void)state;
	chr_store *s = open_memory();
	add(s, "{\"doc\":\"x\",\"text\":\"Velt spoke.\",\"entities\":[{\"id\":\"velt\",\"name\":\"Velt\","
	       "\"type\":\"PERSON\",\"mentions\":[[0,4]]}]}");
	add(s, "{\"doc\":\"y\",\"text\":\"Mara Velt spoke again.\",\"entities\":[{\"id\":\"mara-velt\","
	       "\"name\":\"Mara Velt\",\"type\":\"PERSON\",\"mentions\":[[0,9]]}]}");
	add(s, "{\"doc\":\"z\",\"text\":\"Marah Velt spoke a third time.\",\"entities\":[{\"id\":\"marah-velt\","
	       "\"name\":\"Marah Velt\",\"type\":\"PERSON\",\"mentions\":[[0,10]]}]}");
	assert_int_equal(count(s, "SELECT count(*) FROM entity"), 2);
	assert_int_equal(count(s, "SELECT count(*) FROM alias a JOIN entity e ON e.id=a.entity"
				  " WHERE e.slug='mara-velt' AND a.name='Velt'"), 1);
	assert_int_equal(count(s, "SELECT docs FROM entity WHERE slug='mara-velt'"), 2);
	chr_store_close(s);
}

/* A person document in language lang names, as JSON. */
static char *person_doc(char *buf, size_t cap, const char *doc, const char *lang, const char *text, const char *slug,
			const char *name)
{
	snprintf(buf, cap,
		 "{\"doc\":\"%s\",\"lang\":\"%s\",\"text\":\"%s\",\"entities\":[{\"id\":\"%s\",\"name\":\"%s\","
		 "\"type\":\"PERSON\",\"mentions\":[[0,%zu]]}]}",
		 doc, lang, text, slug, name, strlen(name));
	return buf;
}

/* German and French news spell a Slavic name their own way: each finds the
 * English press's spelling and is found by it, in either order, and a
 * German bare surname finds the full name.  The respelling is the
 * document's language's: an English report writing the German way is
 * another spelling. */
static void other_romanisations_join_the_english_spelling(void **state)
{
	(void)state;
	chr_store *s = open_memory();
	char b[1024];
	add(s, person_doc(b, sizeof b, "de", "de", "Arkadij Schelnin sprach.", "arkadij-schelnin", "Arkadij Schelnin"));
	add(s, person_doc(b, sizeof b, "en", "en", "Arkady Zhelnin spoke.", "arkady-zhelnin", "Arkady Zhelnin"));
	add(s, person_doc(b, sizeof b, "fr", "fr", "Arkadi Jelnine a parle.", "arkadi-jelnine", "Arkadi Jelnine"));
	add(s, person_doc(b, sizeof b, "de-bare", "de", "Schelnin sagte.", "schelnin", "Schelnin"));
	assert_int_equal(count(s, "SELECT count(*) FROM entity"), 1);
	assert_int_equal(count(s, "SELECT docs FROM entity WHERE slug='arkadij-schelnin'"), 4);
	/* named first the German way, it takes the English press's spelling */
	assert_int_equal(count(s, "SELECT count(*) FROM entity WHERE name='Arkady Zhelnin'"), 1);
	add(s, person_doc(b, sizeof b, "fr2", "fr", "Iouri Ouchakov a dit.", "iouri-ouchakov", "Iouri Ouchakov"));
	add(s, person_doc(b, sizeof b, "de2", "de", "Juri Uschakow sagte.", "juri-uschakow", "Juri Uschakow"));
	add(s, person_doc(b, sizeof b, "en2", "en", "Yury Ushakov said.", "yury-ushakov", "Yury Ushakov"));
	assert_int_equal(count(s, "SELECT docs FROM entity WHERE slug='iouri-ouchakov'"), 3);
	assert_int_equal(count(s, "SELECT count(*) FROM entity WHERE name='Yury Ushakov'"), 1);
	add(s, person_doc(b, sizeof b, "en3", "en", "Juri Uschakow said.", "juri-uschakow-2", "Juri Uschakow"));
	assert_int_equal(count(s, "SELECT count(*) FROM entity"), 3);
	chr_store_close(s);
}

static void near_copies_form_a_syndication_group(void **state)
{
	(void)state;
	chr_store *s = open_memory();
	const char *body = "The water commission of the two states met for the fourth time this spring and agreed "
			   "on a schedule for the dams on the upper river, the ministry said in a statement, adding "
			   "that experts would meet again in June to settle the remaining questions of measurement";
	char a[2048], b[2048], c[2048];
	snprintf(a, sizeof a, "{\"doc\":\"a\",\"outlet\":\"Wire\",\"text\":\"%s.\"}", body);
	snprintf(b, sizeof b, "{\"doc\":\"b\",\"outlet\":\"Herald\",\"text\":\"%s, officials said.\"}", body);
	snprintf(c, sizeof c, "{\"doc\":\"c\",\"outlet\":\"Post\",\"text\":\"Farmers along the lower river "
		 "asked for compensation after a dry summer left their fields without water for weeks.\"}");
	assert_int_equal(add(s, a), CHR_WRITE_ADDED);
	assert_int_equal(add(s, b), CHR_WRITE_NEAR);
	assert_int_equal(add(s, c), CHR_WRITE_ADDED);
	assert_int_equal(count(s, "SELECT count(DISTINCT grp) FROM doc"), 2);
	chr_store_close(s);
}

static long long story_of(chr_store *s, const char *doc)
{
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT story FROM doc WHERE name='%s'", doc);
	return count(s, sql);
}

#define ANSEL "{\"id\":\"ada-ansel\",\"name\":\"Ada Ansel\",\"type\":\"PERSON\",\"mentions\":[]}"
#define FOUR "[" VELT "}," LIND "}," PETROV "," ANSEL "]"

/* Velt and Lind's talks of December and of January began two stories
 * (40 days apart); an article of late December, ingested after both,
 * reaches both and makes them one, as it would have kept them one had it
 * come before the January one.  An undated article ties nothing, and an
 * article naming two people of each of two stories about different
 * people does not make those one. */
static void an_article_that_ties_two_stories_merges_them(void **state)
{
	(void)state;
	chr_store *s = open_memory();
	add(s, line("dec", "2025-12-01", "Mara Velt and Oskar Lind met in Tarn.", "[" VELT "}," LIND "}," TARN "]", "meet",
		    "[\"mara-velt\",\"oskar-lind\"]", "\"tarn\""));
	add(s, line("jan", "2026-01-10", "Mara Velt and Oskar Lind met again in Tarn.", "[" VELT "}," LIND "}," TARN "]",
		    "meet", "[\"mara-velt\",\"oskar-lind\"]", "\"tarn\""));
	assert_int_not_equal(story_of(s, "dec"), story_of(s, "jan"));
	add(s, undated(line("undated", "2025-12-20", "Velt and Lind keep talking, as they do.", "[" VELT "}," LIND "}]",
			    "statement", "[\"mara-velt\"]", "null"),
		       1));
	assert_int_not_equal(story_of(s, "dec"), story_of(s, "jan"));
	add(s, line("mid", "2025-12-20", "Mara Velt and Oskar Lind spoke by phone.", "[" VELT "}," LIND "}]", "statement",
		    "[\"oskar-lind\"]", "null"));
	assert_int_equal(story_of(s, "dec"), story_of(s, "jan"));
	assert_int_equal(story_of(s, "mid"), story_of(s, "dec"));
	assert_int_equal(count(s, "SELECT count(*) FROM story"), 1);
	assert_int_equal(count(s, "SELECT docs FROM story"), 4);
	assert_int_equal(count(s, "SELECT count(*) FROM story WHERE first='2025-12-01' AND last='2026-01-10'"), 1);
	/* what carries a story id follows it */
	assert_int_equal(count(s, "SELECT count(*) FROM fused WHERE story NOT IN (SELECT id FROM story)"), 0);
	assert_int_equal(count(s, "SELECT count(*) FROM fused_actor WHERE story NOT IN (SELECT id FROM story)"), 0);
	assert_int_equal(count(s, "SELECT count(DISTINCT story) FROM story_entity"), 1);
	assert_int_equal(count(s, "SELECT n FROM story_entity WHERE entity=(SELECT id FROM entity WHERE slug='oskar-lind')"),
			 4);
	/* other people's story, and an article naming both pairs */
	add(s, line("other", "2025-12-21", "Ivo Petrov and Ada Ansel met in Oslo.", "[" PETROV "," ANSEL "]", "meet",
		    "[\"ivo-petrov\",\"ada-ansel\"]", "null"));
	assert_int_not_equal(story_of(s, "other"), story_of(s, "dec"));
	add(s, line("both", "2025-12-22", "Velt and Lind spoke to Petrov and Ansel.", FOUR, "statement",
		    "[\"ivo-petrov\"]", "null"));
	assert_int_not_equal(story_of(s, "other"), story_of(s, "dec"));
	assert_int_equal(count(s, "SELECT count(*) FROM story"), 2);
	chr_store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(refuses_foreign_and_newer_files),
		cmocka_unit_test(same_text_is_stored_once),
		cmocka_unit_test(fingerprints_follow_the_text),
		cmocka_unit_test(version_1_file_is_migrated),
		cmocka_unit_test(entity_counts_survive_batches_and_rollback),
		cmocka_unit_test(meetings_fuse_across_a_day_and_stay_apart_across_months),
		cmocka_unit_test(an_even_split_between_two_days_keeps_both),
		cmocka_unit_test(announcements_join_the_event_they_announce),
		cmocka_unit_test(the_reports_vote_on_the_date),
		cmocka_unit_test(another_kind_joins_only_on_the_day),
		cmocka_unit_test(an_earlier_report_joins_when_linked),
		cmocka_unit_test(one_shared_actor_links_no_two_meetings),
		cmocka_unit_test(countries_stand_for_their_people),
		cmocka_unit_test(a_demonym_stands_for_its_country),
		cmocka_unit_test(undated_reports_wait_for_the_dated_ones_of_their_batch),
		cmocka_unit_test(an_undated_column_joins_when_a_later_report_links_it),
		cmocka_unit_test(an_undated_report_tells_of_the_month_before_its_article),
		cmocka_unit_test(bare_surname_joins_the_full_name),
		cmocka_unit_test(other_romanisations_join_the_english_spelling),
		cmocka_unit_test(near_copies_form_a_syndication_group),
		cmocka_unit_test(an_article_that_ties_two_stories_merges_them),
	};
	return cmocka_run_group_tests_name("corpus", tests, NULL, NULL);
}
