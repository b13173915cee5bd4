/*
 * query_int.h - shared pieces of the corpus queries (SPEC "Corpus queries").
 *
 * Each query streams rows from SQLite and writes them as it goes: JSON
 * Lines with --json, else an aligned table whose columns have fixed widths
 * (so a million rows need no pass to measure them).
 */
#ifndef CHR_QUERY_INT_H
#define CHR_QUERY_INT_H

#include <stdio.h>

#include "store/store.h"
#include "util/buf.h"
#include "util/json.h"

/* The filters, resolved: actor ids, day bounds. */
typedef struct chr_qfilter {
	const chr_query *q;
	int64_t actors[64];
	int nactors;
	int has_actor;          /* --actor given (maybe matching nothing) */
	int64_t from_day, to_day;
	int has_from, has_to;
} chr_qfilter;

chr_status chr_qfilter_init(chr_store *store, const chr_query *q, chr_qfilter *f);
int chr_qfilter_actor(const chr_qfilter *f, int64_t id);
/* Whether `sql` (?1 = id, ?2 = an actor) finds a row for any filter actor. */
int chr_qfilter_any(chr_store *store, const chr_qfilter *f, const char *sql, int64_t id);

chr_status chr_query_events(chr_store *store, const chr_qfilter *f, FILE *out);
chr_status chr_query_entities(chr_store *store, const chr_qfilter *f, FILE *out);
chr_status chr_query_quotes(chr_store *store, const chr_qfilter *f, FILE *out);
chr_status chr_query_stories(chr_store *store, const chr_qfilter *f, FILE *out);
chr_status chr_query_sources(chr_store *store, const chr_qfilter *f, FILE *out);
chr_status chr_query_conflicts(chr_store *store, const chr_qfilter *f, FILE *out);

/* The "conflicts" array of one fused event; *count gets its length. */
chr_status chr_event_conflicts_json(chr_store *store, int64_t fused, chr_buf *b, int *count);

/* Writes `s` in a table cell `width` display columns wide (cut with "…"
 * when longer, padded when shorter), then two spaces. */
void chr_cell(FILE *out, const char *s, int width);
/* Writes the buffer as one line and clears it. */
chr_status chr_emit_line(chr_buf *b, FILE *out);
/* A claim value: integral values without a fraction. */
chr_status chr_json_number(chr_buf *b, double v);

#endif
