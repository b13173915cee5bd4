/*
 * corpus.c - the entities, quotes, stories and sources queries.
 */
#include <stdlib.h>
#include <string.h>

#include "query/query_int.h"

static const char SQL_ENTITIES[] =
	"SELECT id, slug, name, type, docs, mentions FROM entity ORDER BY docs DESC, mentions DESC, slug";
static const char SQL_ALIASES[] = "SELECT name FROM alias WHERE entity=?1 ORDER BY name LIMIT 64";

chr_status chr_query_entities(chr_store *store, const chr_qfilter *f, FILE *out)
{
	if (f->has_actor && !f->nactors)
		return CHR_OK;
	sqlite3_stmt *st = chr_sql(store, SQL_ENTITIES);
	if (!st)
		return CHR_EIO;
	chr_buf b;
	chr_buf_init(&b, 0);
	chr_status s = CHR_OK;
	size_t emitted = 0;
	if (!f->q->json) {
		chr_cell(out, "ID", 28);
		chr_cell(out, "TYPE", 6);
		chr_cell(out, "DOCS", 5);
		chr_cell(out, "MENTIONS", 8);
		fputs("ALIASES\n", out);
	}
	while (s == CHR_OK && sqlite3_step(st) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		if (f->has_actor && !chr_qfilter_actor(f, id))
			continue;
		if (f->q->limit && emitted++ >= f->q->limit)
			break;
		sqlite3_stmt *a = chr_sql(store, SQL_ALIASES);
		if (!a) {
			s = CHR_EIO;
			break;
		}
		sqlite3_bind_int64(a, 1, id);
		if (f->q->json) {
			s = chr_buf_puts(&b, "{\"id\":");
			if (s == CHR_OK)
				s = chr_json_cstr(&b, chr_col_text(st, 1));
			if (s == CHR_OK)
				s = chr_buf_puts(&b, ",\"name\":");
			if (s == CHR_OK)
				s = chr_json_cstr(&b, chr_col_text(st, 2));
			if (s == CHR_OK)
				s = chr_buf_puts(&b, ",\"type\":");
			if (s == CHR_OK)
				s = chr_json_cstr(&b, chr_col_text(st, 3));
			if (s == CHR_OK)
				s = chr_buf_puts(&b, ",\"aliases\":[");
			int n = 0;
			while (s == CHR_OK && sqlite3_step(a) == SQLITE_ROW) {
				if (n++)
					s = chr_buf_putc(&b, ',');
				if (s == CHR_OK)
					s = chr_json_cstr(&b, chr_col_text(a, 0));
			}
			if (s == CHR_OK)
				s = chr_buf_printf(&b, "],\"docs\":%lld,\"mentions\":%lld}",
						   (long long)sqlite3_column_int64(st, 4), (long long)sqlite3_column_int64(st, 5));
			if (s == CHR_OK)
				s = chr_emit_line(&b, out);
		} else {
			char aliases[512] = "";
			size_t at = 0;
			int n = 0;
			while (sqlite3_step(a) == SQLITE_ROW && at < sizeof aliases - 1)
				at += (size_t)snprintf(aliases + at, sizeof aliases - at, "%s%s", n++ ? "; " : "",
						       chr_col_text(a, 0));
			char docs[24], mentions[24];
			snprintf(docs, sizeof docs, "%lld", (long long)sqlite3_column_int64(st, 4));
			snprintf(mentions, sizeof mentions, "%lld", (long long)sqlite3_column_int64(st, 5));
			chr_cell(out, chr_col_text(st, 1), 28);
			chr_cell(out, chr_col_text(st, 3), 6);
			chr_cell(out, docs, 5);
			chr_cell(out, mentions, 8);
			fprintf(out, "%s\n", aliases);
		}
		sqlite3_reset(a);
	}
	sqlite3_reset(st);
	chr_buf_free(&b);
	return s;
}

/* Quotes: one line per distinct (speaker, words), with every document that
 * carries it; the first document (in date order) names it. */
static const char SQL_QUOTES[] =
	"SELECT q.hash, q.text, e.name, d.name, d.date, q.speaker, q.id FROM quote q JOIN doc d ON d.id=q.doc"
	" LEFT JOIN entity e ON e.id=q.speaker"
	" WHERE (?1 IS NULL OR d.date>=?1) AND (?2 IS NULL OR substr(d.date,1,length(?2))<=?2)"
	" AND (?3 IS NULL OR d.story=?3)"
	" ORDER BY d.date IS NULL, d.date, d.id, q.id";
static const char SQL_QUOTE_DOCS[] =
	"SELECT DISTINCT d.name FROM quote q JOIN doc d ON d.id=q.doc WHERE q.hash=?1"
	" ORDER BY d.date IS NULL, d.date, d.id LIMIT 64";
static const char SQL_QUOTE_FIRST[] =
	"SELECT q.id FROM quote q JOIN doc d ON d.id=q.doc WHERE q.hash=?1"
	" ORDER BY d.date IS NULL, d.date, d.id, q.id LIMIT 1";

chr_status chr_query_quotes(chr_store *store, const chr_qfilter *f, FILE *out)
{
	if (f->has_actor && !f->nactors)
		return CHR_OK;
	sqlite3_stmt *st = chr_sql(store, SQL_QUOTES);
	if (!st)
		return CHR_EIO;
	chr_bind_text(st, 1, f->q->from);
	chr_bind_text(st, 2, f->q->to);
	if (f->q->story)
		sqlite3_bind_int64(st, 3, f->q->story);
	chr_buf b;
	chr_buf_init(&b, 0);
	chr_status s = CHR_OK;
	size_t emitted = 0;
	if (!f->q->json) {
		chr_cell(out, "DATE", 10);
		chr_cell(out, "SPEAKER", 22);
		fputs("QUOTE\n", out);
	}
	while (s == CHR_OK && sqlite3_step(st) == SQLITE_ROW) {
		if (f->has_actor && !chr_qfilter_actor(f, sqlite3_column_int64(st, 5)))
			continue;
		/* Only the first occurrence of a repeated quote. */
		int64_t hash = sqlite3_column_int64(st, 0);
		sqlite3_stmt *first = chr_sql(store, SQL_QUOTE_FIRST);
		if (!first) {
			s = CHR_EIO;
			break;
		}
		sqlite3_bind_int64(first, 1, hash);
		int64_t first_id = sqlite3_step(first) == SQLITE_ROW ? sqlite3_column_int64(first, 0) : 0;
		sqlite3_reset(first);
		if (first_id != sqlite3_column_int64(st, 6))
			continue;
		if (f->q->limit && emitted >= f->q->limit)
			break;
		sqlite3_stmt *docs = chr_sql(store, SQL_QUOTE_DOCS);
		if (!docs) {
			s = CHR_EIO;
			break;
		}
		sqlite3_bind_int64(docs, 1, hash);
		int n = 0;
		chr_buf list;
		chr_buf_init(&list, 0);
		const char *doc = chr_col_text(st, 3);
		while (sqlite3_step(docs) == SQLITE_ROW && s == CHR_OK) {
			const char *name = chr_col_text(docs, 0);
			if (n++)
				s = chr_buf_putc(&list, ',');
			if (s == CHR_OK)
				s = chr_json_cstr(&list, name);
		}
		sqlite3_reset(docs);
		if (s != CHR_OK) {
			chr_buf_free(&list);
			continue;
		}
		emitted++;
		if (f->q->json) {
			s = chr_buf_puts(&b, "{\"speaker\":");
			if (s == CHR_OK)
				s = chr_json_cstr(&b, (const char *)sqlite3_column_text(st, 2));
			if (s == CHR_OK)
				s = chr_buf_puts(&b, ",\"text\":");
			if (s == CHR_OK)
				s = chr_json_cstr(&b, chr_col_text(st, 1));
			if (s == CHR_OK)
				s = chr_buf_puts(&b, ",\"doc\":");
			if (s == CHR_OK)
				s = chr_json_cstr(&b, doc);
			if (s == CHR_OK)
				s = chr_buf_puts(&b, ",\"date\":");
			if (s == CHR_OK)
				s = chr_json_cstr(&b, (const char *)sqlite3_column_text(st, 4));
			if (s == CHR_OK)
				s = chr_buf_puts(&b, ",\"docs\":[");
			if (s == CHR_OK && list.len)
				s = chr_buf_append(&b, list.data, list.len);
			if (s == CHR_OK)
				s = chr_buf_puts(&b, "]}");
			if (s == CHR_OK)
				s = chr_emit_line(&b, out);
		} else {
			const unsigned char *d = sqlite3_column_text(st, 4);
			const unsigned char *who = sqlite3_column_text(st, 2);
			chr_cell(out, d ? (const char *)d : "-", 10);
			chr_cell(out, who ? (const char *)who : "(unattributed)", 22);
			fprintf(out, "%s\n", chr_col_text(st, 1));
		}
		chr_buf_free(&list);
	}
	sqlite3_reset(st);
	chr_buf_free(&b);
	return s;
}

static const char SQL_STORIES[] =
	"SELECT id, title, first, last, docs FROM story WHERE (?1 IS NULL OR id=?1)"
	" AND (?2 IS NULL OR hi IS NULL OR hi>=?2) AND (?3 IS NULL OR lo IS NULL OR lo<=?3)"
	" ORDER BY lo IS NULL, lo, id";
static const char SQL_STORY_DOCS[] = "SELECT name FROM doc WHERE story=?1 ORDER BY id";
static const char SQL_STORY_ACTOR[] = "SELECT 1 FROM story_entity WHERE story=?1 AND entity=?2";

chr_status chr_query_stories(chr_store *store, const chr_qfilter *f, FILE *out)
{
	if (f->has_actor && !f->nactors)
		return CHR_OK;
	sqlite3_stmt *st = chr_sql(store, SQL_STORIES);
	if (!st)
		return CHR_EIO;
	if (f->q->story)
		sqlite3_bind_int64(st, 1, f->q->story);
	if (f->has_from)
		sqlite3_bind_int64(st, 2, f->from_day);
	if (f->has_to)
		sqlite3_bind_int64(st, 3, f->to_day);
	chr_buf b;
	chr_buf_init(&b, 0);
	chr_status s = CHR_OK;
	size_t emitted = 0;
	if (!f->q->json) {
		chr_cell(out, "STORY", 6);
		chr_cell(out, "FROM", 10);
		chr_cell(out, "TO", 10);
		chr_cell(out, "DOCS", 5);
		fputs("TITLE\n", out);
	}
	while (s == CHR_OK && sqlite3_step(st) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		if (f->has_actor && !chr_qfilter_any(store, f, SQL_STORY_ACTOR, id))
			continue;
		if (f->q->limit && emitted++ >= f->q->limit)
			break;
		const unsigned char *from = sqlite3_column_text(st, 2), *to = sqlite3_column_text(st, 3);
		if (f->q->json) {
			s = chr_buf_printf(&b, "{\"story\":%lld,\"title\":", (long long)id);
			if (s == CHR_OK)
				s = chr_json_cstr(&b, (const char *)sqlite3_column_text(st, 1));
			if (s == CHR_OK)
				s = chr_buf_puts(&b, ",\"docs\":[");
			sqlite3_stmt *d = chr_sql(store, SQL_STORY_DOCS);
			if (!d)
				return CHR_EIO;
			sqlite3_bind_int64(d, 1, id);
			int n = 0;
			while (s == CHR_OK && sqlite3_step(d) == SQLITE_ROW) {
				if (n++)
					s = chr_buf_putc(&b, ',');
				if (s == CHR_OK)
					s = chr_json_cstr(&b, chr_col_text(d, 0));
			}
			sqlite3_reset(d);
			if (s == CHR_OK)
				s = chr_buf_puts(&b, "],\"from\":");
			if (s == CHR_OK)
				s = chr_json_cstr(&b, (const char *)from);
			if (s == CHR_OK)
				s = chr_buf_puts(&b, ",\"to\":");
			if (s == CHR_OK)
				s = chr_json_cstr(&b, (const char *)to);
			if (s == CHR_OK)
				s = chr_buf_putc(&b, '}');
			if (s == CHR_OK)
				s = chr_emit_line(&b, out);
		} else {
			char sid[24], docs[24];
			snprintf(sid, sizeof sid, "%lld", (long long)id);
			snprintf(docs, sizeof docs, "%lld", (long long)sqlite3_column_int64(st, 4));
			chr_cell(out, sid, 6);
			chr_cell(out, from ? (const char *)from : "-", 10);
			chr_cell(out, to ? (const char *)to : "-", 10);
			chr_cell(out, docs, 5);
			fprintf(out, "%s\n", sqlite3_column_text(st, 1) ? chr_col_text(st, 1) : "(untitled)");
		}
	}
	sqlite3_reset(st);
	chr_buf_free(&b);
	return s;
}

/* Syndication groups: near-duplicate documents (and exact copies, which are
 * one stored document under several names), two names or more. */
static const char SQL_SOURCES[] =
	"SELECT d.grp, n.name, COALESCE(d.outlet, n.outlet) FROM doc d JOIN doc_name n ON n.doc=d.id"
	" WHERE d.grp IN (SELECT grp FROM doc GROUP BY grp HAVING count(*)>1)"
	" OR d.id IN (SELECT doc FROM doc_name GROUP BY doc HAVING count(*)>1)"
	" ORDER BY d.grp, d.id, n.name";

static chr_status flush_group(chr_buf *b, FILE *out, const chr_qfilter *f, int64_t grp, const char *outlet,
			      chr_buf *docs, int ndocs, char *text_docs)
{
	chr_status s = CHR_OK;
	if (ndocs < 2)
		return CHR_OK;
	if (f->q->json) {
		s = chr_buf_printf(b, "{\"group\":%lld,\"outlet\":", (long long)grp);
		if (s == CHR_OK)
			s = chr_json_cstr(b, outlet[0] ? outlet : NULL);
		if (s == CHR_OK)
			s = chr_buf_printf(b, ",\"docs\":[");
		if (s == CHR_OK)
			s = chr_buf_append(b, docs->data, docs->len);
		if (s == CHR_OK)
			s = chr_buf_puts(b, "]}");
		return s == CHR_OK ? chr_emit_line(b, out) : s;
	}
	char g[24], n[24];
	snprintf(g, sizeof g, "%lld", (long long)grp);
	snprintf(n, sizeof n, "%d", ndocs);
	chr_cell(out, g, 7);
	chr_cell(out, outlet[0] ? outlet : "-", 18);
	chr_cell(out, n, 4);
	fprintf(out, "%s\n", text_docs);
	return ferror(out) ? CHR_EIO : CHR_OK;
}

chr_status chr_query_sources(chr_store *store, const chr_qfilter *f, FILE *out)
{
	sqlite3_stmt *st = chr_sql(store, SQL_SOURCES);
	if (!st)
		return CHR_EIO;
	chr_buf b, docs;
	chr_buf_init(&b, 0);
	chr_buf_init(&docs, 0);
	char outlet[96] = "", text_docs[512] = "";
	size_t at = 0;
	int64_t grp = -1;
	int ndocs = 0;
	chr_status s = CHR_OK;
	size_t emitted = 0;
	if (!f->q->json) {
		chr_cell(out, "GROUP", 7);
		chr_cell(out, "OUTLET", 18);
		chr_cell(out, "DOCS", 4);
		fputs("DOCUMENTS\n", out);
	}
	while (s == CHR_OK && sqlite3_step(st) == SQLITE_ROW) {
		int64_t g = sqlite3_column_int64(st, 0);
		if (g != grp) {
			if (ndocs >= 2 && !(f->q->limit && emitted >= f->q->limit)) {
				s = flush_group(&b, out, f, grp, outlet, &docs, ndocs, text_docs);
				emitted++;
			}
			grp = g;
			ndocs = 0;
			at = 0;
			text_docs[0] = '\0';
			outlet[0] = '\0';
			chr_buf_clear(&docs);
		}
		const char *name = chr_col_text(st, 1);
		if (!outlet[0])
			snprintf(outlet, sizeof outlet, "%s", chr_col_text(st, 2));
		if (ndocs && s == CHR_OK)
			s = chr_buf_putc(&docs, ',');
		if (s == CHR_OK)
			s = chr_json_cstr(&docs, name);
		if (at < sizeof text_docs - 1)
			at += (size_t)snprintf(text_docs + at, sizeof text_docs - at, "%s%s", ndocs ? ", " : "", name);
		ndocs++;
	}
	if (s == CHR_OK && ndocs >= 2 && !(f->q->limit && emitted >= f->q->limit))
		s = flush_group(&b, out, f, grp, outlet, &docs, ndocs, text_docs);
	sqlite3_reset(st);
	chr_buf_free(&b);
	chr_buf_free(&docs);
	return s;
}
