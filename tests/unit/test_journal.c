/*
 * test_journal.c - the writer's statements keep no statement journal.
 *
 * A statement that may stop halfway with OR ABORT (SQLite's default) and
 * changes more than one row, in a transaction of many, makes SQLite copy
 * every page it changes that was there before the transaction into a
 * statement journal, so that it alone can be undone; once one such journal
 * outgrows 64 KB it is a file for the rest of the transaction.  A failing
 * statement ends the writer's whole batch anyway, so those statements say
 * OR FAIL (store.c).  Upserts still journal, since SQLite runs every DO
 * UPDATE as OR ABORT; theirs are a few pages and stay in memory.
 *
 * With the spill threshold at zero every statement journal is a file,
 * opened by the first statement of a transaction that needs one: the test
 * writes reports a batch each, onto the pages of earlier ones, and names
 * the statement that opened one.
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

static sqlite3_vfs counting_vfs;
static sqlite3_vfs *real_vfs;
static char current_sql[512];
static char journaled_by[512];

static int note_statement(unsigned type, void *ctx, void *stmt, void *unused)
{
	(void)type;
	(void)ctx;
	(void)unused;
	const char *sql = sqlite3_sql(stmt);
	snprintf(current_sql, sizeof current_sql, "%s", sql ? sql : "");
	return 0;
}

static int counting_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *out_flags)
{
	(void)vfs;
	if ((flags & SQLITE_OPEN_SUBJOURNAL) && !journaled_by[0])
		snprintf(journaled_by, sizeof journaled_by, "%s", current_sql);
	return real_vfs->xOpen(real_vfs, name, file, flags, out_flags);
}

/* Report `doc` as an analysis line: nine paragraphs and nine quotes, so
 * that both go in rows of eight, of which the first four paragraphs are
 * shared with every report (and so already stored). */
static char *report(char *buf, size_t cap, int doc)
{
	char text[2048] = "", paras[4096] = "", quotes[4096] = "";
	for (int i = 0; i < 9; i++) {
		char para[160];
		if (i < 4)
			snprintf(para, sizeof para, "Mara Velt told Oskar Lind that harbour dues rise in step %d of the plan.", i);
		else
			snprintf(para, sizeof para, "Report %d, paragraph %d: the talks on the harbour went on.", doc, i);
		snprintf(text + strlen(text), sizeof text - strlen(text), "%s%s", i ? "\\n\\n" : "", para);
		snprintf(paras + strlen(paras), sizeof paras - strlen(paras),
			 "%s{\"text\":\"%s\",\"label\":\"body\"}", i ? "," : "", para);
		snprintf(quotes + strlen(quotes), sizeof quotes - strlen(quotes),
			 "%s{\"text\":\"We said so in report %d, quote %d.\",\"speaker\":\"mara-velt\"}", i ? "," : "",
			 doc, i);
	}
	snprintf(buf, cap,
		 "{\"doc\":\"r%d\",\"outlet\":\"Outlet %d\",\"date\":\"2025-03-0%d\",\"text\":\"%s\","
		 "\"paragraphs\":[%s],"
		 "\"entities\":[{\"id\":\"mara-velt\",\"name\":\"Mara Velt\",\"type\":\"PERSON\",\"mentions\":[[0,9]]},"
		 "{\"id\":\"oskar-lind\",\"name\":\"Oskar Lind\",\"type\":\"PERSON\",\"mentions\":[[15,25]]}],"
		 "\"events\":[],\"claims\":[],\"quotes\":[%s]}",
		 doc, doc, 1 + doc % 9, text, paras, quotes);
	return buf;
}

static void writes_onto_earlier_rows_keep_no_statement_journal(void **state)
{
	(void)state;
	char path[] = "/tmp/chronicle-journal-XXXXXX";
	test_temp_file(path);
	chr_store *s = NULL;
	char msg[256];
	assert_int_equal(chr_store_open(path, 0, &s, msg, sizeof msg), CHR_OK);
	sqlite3_trace_v2(s->db, SQLITE_TRACE_STMT, note_statement, NULL);
	chr_near_opts near = { 0.7, 0.5 };
	/* A batch per report, each onto the pages of those before it. */
	for (int doc = 0; doc < 40; doc++) {
		char line[16384];
		report(line, sizeof line, doc);
		chr_docrec rec = { 0 };
		assert_int_equal(chr_docrec_parse(&rec, line, strlen(line)), CHR_OK);
		assert_int_equal(rec.state, CHR_DOCREC_NEW);
		journaled_by[0] = '\0';
		assert_int_equal(chr_write_batch_begin(s), CHR_OK);
		chr_write_outcome out;
		assert_int_equal(chr_write_doc(s, &rec, &near, &out), CHR_OK);
		chr_docrec_clear(&rec);
		if (journaled_by[0])
			fail_msg("report %d: a statement journal for: %s", doc, journaled_by);
		/* The commit fills the full-text index, whose statements journal. */
		assert_int_equal(chr_write_batch_commit(s), CHR_OK);
	}
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(s->db, "SELECT (SELECT count(*) FROM para), (SELECT count(*) FROM quote)",
					     -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 40 * 9);
	assert_int_equal(sqlite3_column_int(st, 1), 40 * 9);
	sqlite3_finalize(st);
	chr_store_close(s);
	test_remove_db(path);
}

int main(void)
{
	/* Before SQLite starts: every statement journal becomes a file. */
	if (sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, 0) != SQLITE_OK)
		return 1;
	real_vfs = sqlite3_vfs_find(NULL);
	if (!real_vfs)
		return 1;
	counting_vfs = *real_vfs;
	counting_vfs.zName = "chronicle-counting";
	counting_vfs.xOpen = counting_open;
	if (sqlite3_vfs_register(&counting_vfs, 1) != SQLITE_OK)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(writes_onto_earlier_rows_keep_no_statement_journal),
	};
	return cmocka_run_group_tests_name("journal", tests, NULL, NULL);
}
