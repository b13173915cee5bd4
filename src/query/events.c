/*
 * events.c - the timeline and events queries: fused events with their
 * actors, place, every source sentence, the number of independent sources
 * and their disagreements.
 *
 * Independent sources: the documents behind an event, where documents of
 * one syndication group (copies of one text) and documents of one outlet
 * count once.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "query/query_int.h"

#define MAX_SOURCES 4096

static const char SQL_FUSED[] =
	"SELECT f.id, f.type, f.cameo, f.date, f.duration, f.place, f.story FROM fused f"
	" WHERE f.nevents > 0 AND (?1 = 0 OR f.date IS NOT NULL)"
	" AND (?2 IS NULL OR f.hi >= ?2) AND (?3 IS NULL OR f.lo <= ?3)"
	" AND (?4 IS NULL OR f.type=?4 OR f.family=?4 OR f.cameo LIKE ?4 || '%')"
	" AND (?5 IS NULL OR f.story=?5)"
	" ORDER BY f.date IS NULL, f.date, f.id";
static const char SQL_FUSED_ACTOR[] =
	"SELECT 1 FROM fused_actor WHERE fused=?1 AND entity=?2";
static const char SQL_ACTORS[] =
	"SELECT e.name FROM fused_actor a JOIN entity e ON e.id=a.entity WHERE a.fused=?1 ORDER BY a.n DESC, e.id";
static const char SQL_PLACE[] = "SELECT name FROM entity WHERE id=?1";
static const char SQL_SOURCES[] =
	"SELECT d.name, d.outlet, ev.sentence, d.grp, max(ev.modality='asserted') FROM event ev JOIN doc d ON d.id=ev.doc"
	" WHERE ev.fused=?1 GROUP BY ev.doc, ev.sentence ORDER BY min(ev.id)";
/* One sentence may hold two frames of one event ("met ... and agreed"):
 * it is one source. */
/* Asserted frames report the event; future ones announced it beforehand
 * ("will meet on Thursday"): they are listed as sources, marked
 * "announced", and confirm nothing, so they are not counted independent.
 * (An event with no nevents has announcements only and is not shown.) */

typedef struct src {
	int64_t grp;
	char outlet[96];
	int root;
} src;

static int find(src *s, int i)
{
	while (s[i].root != i)
		i = s[i].root = s[s[i].root].root;
	return i;
}

/* Documents linked by group or outlet form one source. */
static int independent(src *s, int n)
{
	for (int i = 0; i < n; i++)
		s[i].root = i;
	for (int i = 0; i < n; i++)
		for (int k = i + 1; k < n && k < i + 512; k++)
			if (s[i].grp == s[k].grp || (s[i].outlet[0] && strcasecmp(s[i].outlet, s[k].outlet) == 0)) {
				int a = find(s, i), b = find(s, k);
				if (a != b)
					s[b].root = a;
			}
	int count = 0;
	for (int i = 0; i < n; i++)
		count += find(s, i) == i;
	return count;
}

typedef struct ev_row {
	int64_t id, place, story;
	const char *type, *cameo, *date, *duration;
} ev_row;

static chr_status write_event(chr_store *store, const chr_qfilter *f, const ev_row *r, chr_buf *b, FILE *out,
			      src *srcs)
{
	chr_status s = CHR_OK;
	char place[128] = "";
	if (r->place) {
		sqlite3_stmt *st = chr_sql(store, SQL_PLACE);
		if (!st)
			return CHR_EIO;
		sqlite3_bind_int64(st, 1, r->place);
		if (sqlite3_step(st) == SQLITE_ROW)
			snprintf(place, sizeof place, "%s", chr_col_text(st, 0));
		sqlite3_reset(st);
	}
	/* Actors. */
	chr_buf actors;
	chr_buf_init(&actors, 0);
	char actors_text[512] = "";
	size_t at = 0;
	sqlite3_stmt *st = chr_sql(store, SQL_ACTORS);
	if (!st)
		return CHR_EIO;
	sqlite3_bind_int64(st, 1, r->id);
	int na = 0;
	while (sqlite3_step(st) == SQLITE_ROW && s == CHR_OK) {
		const char *name = chr_col_text(st, 0);
		s = na ? chr_buf_putc(&actors, ',') : CHR_OK;
		if (s == CHR_OK)
			s = chr_json_cstr(&actors, name);
		if (at < sizeof actors_text - 1)
			at += (size_t)snprintf(actors_text + at, sizeof actors_text - at, "%s%s", na ? ", " : "", name);
		na++;
	}
	sqlite3_reset(st);
	/* Sources. */
	chr_buf sources;
	chr_buf_init(&sources, 0);
	int ns = 0, nrep = 0;
	if (s == CHR_OK && !(st = chr_sql(store, SQL_SOURCES)))
		s = CHR_EIO;
	if (s == CHR_OK) {
		sqlite3_bind_int64(st, 1, r->id);
		while (sqlite3_step(st) == SQLITE_ROW && s == CHR_OK) {
			int reported = sqlite3_column_int(st, 4);
			if (reported && nrep < MAX_SOURCES) {
				srcs[nrep].grp = sqlite3_column_int64(st, 3);
				snprintf(srcs[nrep].outlet, sizeof srcs[nrep].outlet, "%s", chr_col_text(st, 1));
			}
			nrep += reported;
			s = chr_buf_puts(&sources, ns ? ",{\"doc\":" : "{\"doc\":");
			if (s == CHR_OK)
				s = chr_json_cstr(&sources, chr_col_text(st, 0));
			if (s == CHR_OK)
				s = chr_buf_puts(&sources, ",\"outlet\":");
			if (s == CHR_OK)
				s = chr_json_cstr(&sources, (const char *)sqlite3_column_text(st, 1));
			if (s == CHR_OK)
				s = chr_buf_puts(&sources, ",\"sentence\":");
			if (s == CHR_OK)
				s = chr_json_cstr(&sources, (const char *)sqlite3_column_text(st, 2));
			if (s == CHR_OK && !reported)
				s = chr_buf_puts(&sources, ",\"announced\":true");
			if (s == CHR_OK)
				s = chr_buf_putc(&sources, '}');
			ns++;
		}
		sqlite3_reset(st);
	}
	int indep = independent(srcs, nrep < MAX_SOURCES ? nrep : MAX_SOURCES);
	chr_buf conflicts;
	chr_buf_init(&conflicts, 0);
	int nconf = 0;
	if (s == CHR_OK)
		s = chr_event_conflicts_json(store, r->id, &conflicts, &nconf);
	if (s == CHR_OK && f->q->json) {
		s = chr_buf_printf(b, "{\"event\":%lld,\"type\":", (long long)r->id);
		if (s == CHR_OK)
			s = chr_json_cstr(b, r->type);
		if (s == CHR_OK)
			s = chr_buf_puts(b, ",\"cameo\":");
		if (s == CHR_OK)
			s = chr_json_cstr(b, r->cameo);
		if (s == CHR_OK)
			s = chr_buf_puts(b, ",\"actors\":[");
		if (s == CHR_OK && actors.len)
			s = chr_buf_append(b, actors.data, actors.len);
		if (s == CHR_OK)
			s = chr_buf_puts(b, "],\"place\":");
		if (s == CHR_OK)
			s = chr_json_cstr(b, place[0] ? place : NULL);
		if (s == CHR_OK)
			s = chr_buf_puts(b, ",\"date\":");
		if (s == CHR_OK)
			s = chr_json_cstr(b, r->date);
		if (s == CHR_OK)
			s = chr_buf_puts(b, ",\"duration\":");
		if (s == CHR_OK)
			s = chr_json_cstr(b, r->duration);
		if (s == CHR_OK)
			s = chr_buf_puts(b, ",\"sources\":[");
		if (s == CHR_OK && sources.len)
			s = chr_buf_append(b, sources.data, sources.len);
		if (s == CHR_OK)
			s = chr_buf_printf(b, "],\"independent_sources\":%d,\"conflicts\":", indep);
		if (s == CHR_OK)
			s = chr_buf_append(b, conflicts.data, conflicts.len);
		if (s == CHR_OK)
			s = chr_buf_printf(b, ",\"story\":%lld}", (long long)r->story);
		if (s == CHR_OK)
			s = chr_emit_line(b, out);
	} else if (s == CHR_OK) {
		char id[24], n[24];
		snprintf(id, sizeof id, "%lld", (long long)r->id);
		snprintf(n, sizeof n, "%d", indep);
		chr_cell(out, r->date ? r->date : "-", 10);
		chr_cell(out, r->type, 18);
		chr_cell(out, actors_text, 44);
		chr_cell(out, place[0] ? place : "-", 14);
		chr_cell(out, n, 3);
		fprintf(out, "%s%s\n", nconf ? "!" : " ", id);
	}
	chr_buf_free(&actors);
	chr_buf_free(&sources);
	chr_buf_free(&conflicts);
	return s;
}

chr_status chr_query_events(chr_store *store, const chr_qfilter *f, FILE *out)
{
	sqlite3_stmt *st = chr_sql(store, SQL_FUSED);
	if (!st)
		return CHR_EIO;
	sqlite3_bind_int(st, 1, f->q->kind == CHR_QUERY_TIMELINE);
	if (f->has_from)
		sqlite3_bind_int64(st, 2, f->from_day);
	if (f->has_to)
		sqlite3_bind_int64(st, 3, f->to_day);
	chr_bind_text(st, 4, f->q->type);
	if (f->q->story)
		sqlite3_bind_int64(st, 5, f->q->story);
	src *srcs = calloc(MAX_SOURCES, sizeof *srcs);
	if (!srcs)
		return CHR_ENOMEM;
	chr_buf b;
	chr_buf_init(&b, 0);
	if (!f->q->json) {
		chr_cell(out, "DATE", 10);
		chr_cell(out, "EVENT", 18);
		chr_cell(out, "ACTORS", 44);
		chr_cell(out, "PLACE", 14);
		chr_cell(out, "SRC", 3);
		fputs(" ID (! = sources disagree)\n", out);
	}
	chr_status s = CHR_OK;
	size_t emitted = 0;
	/* An actor no entity answers to: nothing to scan for. */
	int none = f->has_actor && !f->nactors;
	while (s == CHR_OK && !none && sqlite3_step(st) == SQLITE_ROW) {
		if (f->q->limit && emitted >= f->q->limit)
			break;
		ev_row r = { .id = sqlite3_column_int64(st, 0),
			     .type = chr_col_text(st, 1),
			     .cameo = chr_col_text(st, 2),
			     .date = (const char *)sqlite3_column_text(st, 3),
			     .duration = (const char *)sqlite3_column_text(st, 4),
			     .place = sqlite3_column_int64(st, 5),
			     .story = sqlite3_column_int64(st, 6) };
		if (f->has_actor && !chr_qfilter_any(store, f, SQL_FUSED_ACTOR, r.id))
			continue;
		s = write_event(store, f, &r, &b, out, srcs);
		emitted++;
	}
	sqlite3_reset(st);
	/* A table with a header and nothing under it reads like a failure. */
	if (s == CHR_OK && !emitted && !f->q->json)
		fputs("(no events match)\n", out);
	chr_buf_free(&b);
	free(srcs);
	return s;
}
