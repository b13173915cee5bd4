/*
 * helpers.h - what several unit tests need: a raw document as a reader
 * would hand it over, a cleaned document's JSON line, and temporary
 * database files.  Include after <cmocka.h>.
 */
#ifndef CHR_TEST_HELPERS_H
#define CHR_TEST_HELPERS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "chronicle.h"

/* body (NUL-terminated) as one document of the given format. */
static inline chr_raw_doc test_raw(const char *body, chr_format format)
{
	chr_raw_doc raw;
	memset(&raw, 0, sizeof raw);
	raw.id = "test";
	raw.source = "test";
	raw.body = body;
	raw.body_len = strlen(body);
	raw.format = format;
	return raw;
}

/* chr_doc_write_json's line for doc, malloc'd. */
static inline char *test_json_of(const chr_doc *doc)
{
	char *data = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&data, &len);
	assert_non_null(f);
	assert_int_equal(chr_doc_write_json(doc, f), CHR_OK);
	fclose(f);
	return data;
}

/* Makes an empty file from a mkstemp template (path is rewritten). */
static inline void test_temp_file(char *path)
{
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
}

/* Removes a database file and its write-ahead log and index. */
static inline void test_remove_db(const char *path)
{
	char side[256];
	unlink(path);
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
}

#endif
