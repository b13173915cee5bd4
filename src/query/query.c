/*
 * query.c - chr_query_run: the filters and the dispatch to each query.
 */
#include <stdlib.h>
#include <string.h>

#include "fuse/fuse.h"
#include "query/query_int.h"

static const char SQL_ACTOR[] =
	"SELECT id FROM entity WHERE slug=?1 UNION SELECT entity FROM alias WHERE name=?2 COLLATE NOCASE"
	" UNION SELECT id FROM entity WHERE name=?2 COLLATE NOCASE LIMIT 64";

chr_status chr_qfilter_init(chr_store *store, const chr_query *q, chr_qfilter *f)
{
	memset(f, 0, sizeof *f);
	f->q = q;
	if (q->actor) {
		f->has_actor = 1;
		char slug[256];
		chr_entity_slug(q->actor, strlen(q->actor), slug, sizeof slug);
		sqlite3_stmt *st = chr_sql(store, SQL_ACTOR);
		if (!st)
			return CHR_EIO;
		chr_bind_text(st, 1, slug);
		chr_bind_text(st, 2, q->actor);
		while (sqlite3_step(st) == SQLITE_ROW && f->nactors < 64)
			f->actors[f->nactors++] = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
	}
	int64_t lo, hi;
	if (q->from) {
		if (!chr_date_span(q->from, &lo, &hi)) {
			snprintf(store->msg, sizeof store->msg, "--from needs a date YYYY, YYYY-MM or YYYY-MM-DD, not %s", q->from);
			return CHR_EINVAL;
		}
		f->has_from = 1;
		f->from_day = lo;
	}
	if (q->to) {
		if (!chr_date_span(q->to, &lo, &hi)) {
			snprintf(store->msg, sizeof store->msg, "--to needs a date YYYY, YYYY-MM or YYYY-MM-DD, not %s", q->to);
			return CHR_EINVAL;
		}
		f->has_to = 1;
		f->to_day = hi;
	}
	return CHR_OK;
}

int chr_qfilter_any(chr_store *store, const chr_qfilter *f, const char *sql, int64_t id)
{
	for (int a = 0; a < f->nactors; a++)
		if (chr_sql_exists2(store, sql, id, f->actors[a]))
			return 1;
	return 0;
}

int chr_qfilter_actor(const chr_qfilter *f, int64_t id)
{
	for (int i = 0; i < f->nactors; i++)
		if (f->actors[i] == id)
			return 1;
	return 0;
}

void chr_cell(FILE *out, const char *s, int width)
{
	int cols = 0;
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	/* Count code points; cut one early for the ellipsis when too long. */
	size_t total = 0;
	for (const unsigned char *r = p; *r; r++)
		total += (*r & 0xc0) != 0x80;
	int cut = total > (size_t)width;
	while (*p) {
		if ((*p & 0xc0) != 0x80) {
			if (cols == width - cut)
				break;
			cols++;
		}
		fputc(*p++, out);
	}
	/* Finish a character cut in the middle (cannot happen: we stop on a lead byte). */
	if (cut) {
		fputs("…", out);
		cols++;
	}
	for (; cols < width; cols++)
		fputc(' ', out);
	fputs("  ", out);
}

chr_status chr_emit_line(chr_buf *b, FILE *out)
{
	if (chr_buf_putc(b, '\n') != CHR_OK)
		return CHR_ENOMEM;
	fwrite(b->data, 1, b->len, out);
	chr_buf_clear(b);
	return ferror(out) ? CHR_EIO : CHR_OK;
}

chr_status chr_json_number(chr_buf *b, double v)
{
	if (v == (double)(long long)v && v > -1e15 && v < 1e15)
		return chr_buf_printf(b, "%lld", (long long)v);
	return chr_buf_printf(b, "%.6g", v);
}

chr_status chr_query_run(chr_store *store, const chr_query *q, FILE *out)
{
	chr_qfilter f;
	chr_status s = chr_qfilter_init(store, q, &f);
	if (s != CHR_OK)
		return s;
	/* One read transaction: a concurrent ingest's commits do not show up
	 * half-way through the answer. */
	if ((s = chr_store_exec(store, "BEGIN")) != CHR_OK)
		return s;
	switch (q->kind) {
	case CHR_QUERY_TIMELINE:
	case CHR_QUERY_EVENTS: s = chr_query_events(store, &f, out); break;
	case CHR_QUERY_ENTITIES: s = chr_query_entities(store, &f, out); break;
	case CHR_QUERY_QUOTES: s = chr_query_quotes(store, &f, out); break;
	case CHR_QUERY_CONFLICTS: s = chr_query_conflicts(store, &f, out); break;
	case CHR_QUERY_STORIES: s = chr_query_stories(store, &f, out); break;
	case CHR_QUERY_SOURCES: s = chr_query_sources(store, &f, out); break;
	default: s = CHR_EINVAL; break;
	}
	sqlite3_exec(store->db, "COMMIT", NULL, NULL, NULL);
	return s;
}
