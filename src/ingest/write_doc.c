/*
 * write_doc.c - storing one analysed document and joining it to the corpus.
 *
 * Order matters: the document row first (its id is every other row's
 * reference), then paragraphs and the full-text index, near-duplicates
 * (the story follows a near-duplicate), entities, the story, event frames
 * and their fusion, claims (linked to the event of their sentence), quotes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "fuse/fuse.h"
#include "ingest/write_doc.h"
#include "util/fault.h"
#include "util/utf8.h"

#define MAX_EVENTS 4096

static const char SQL_HAS[] = "SELECT id FROM doc WHERE hash=?1";
static const char SQL_NAME[] = "INSERT OR IGNORE INTO doc_name(name, doc, source, outlet) VALUES(?1,?2,?3,?4)";
/* The id is chosen here (the batch holds the write lock, so the next one is
 * known) so that the document is its own syndication group from the first
 * write; the identity's unique index tells a text already stored. */
static const char SQL_DOC[] =
	"INSERT INTO doc(id, hash, name, source, outlet, date, date_basis, title, lang, bytes, grp, sig, shingles)"
	" VALUES(?12,?1,?2,?3,?4,?5,?6,?7,?8,?9,?12,?10,?11) ON CONFLICT(hash) DO NOTHING";
static const char SQL_NEXT_DOC[] = "SELECT coalesce(max(id), 0) + 1 FROM doc";
/* A paragraph of 80 characters or more knows the document that had it
 * first: para_first holds the committed ones, store->batch_paras the open
 * batch's until its commit writes them there (chr_write_batch_commit). */
#define PARA_MIN_CHARS 80
static const char SQL_PARA_FIRST[] = "SELECT doc FROM para_first WHERE hash=?1";
static const char SQL_ADD_PARA_FIRST[] = "INSERT OR IGNORE INTO para_first(hash, doc) VALUES(?1,?2)";
static const char SQL_ADD_PARA_FIRST16[] = "INSERT OR IGNORE INTO para_first(hash, doc) VALUES" CHR_KEY_ROWS16;
static const char SQL_PARA[] = "INSERT INTO para(doc, idx, label, hash, first_doc, text) VALUES(?,?,?,?,?,?)";
static const char SQL_PARA8[] =
	"INSERT OR FAIL INTO para(doc, idx, label, hash, first_doc, text) VALUES" CHR_ROWS8("(?,?,?,?,?,?)");
/* The full-text index is filled many documents at a time, in one
 * statement: FTS5 writes its pending terms out as a new segment at the end
 * of every statement that adds to it, and a segment costs about as much
 * for its distinct terms as for its postings, so indexing 256 documents a
 * statement took 2.2 times as long as 10,000 (BENCHMARKS.md).  The writer
 * fills it when it would otherwise wait for the workers (chr_write_fts_idle), at
 * FTS_CHUNK_DOCS documents when they never keep it waiting, and at commit
 * time. */
#define FTS_CHUNK_DOCS 4096
#define FTS_IDLE_DOCS 512
static const char SQL_FTS_BATCH[] =
	"INSERT INTO para_fts(rowid, text) SELECT id, text FROM para"
	" WHERE id>?1 AND label IN ('body', 'title') ORDER BY id";
static const char SQL_LAST_PARA[] = "SELECT coalesce(max(id), 0) FROM para";
static const char SQL_EVENT[] =
	"INSERT INTO event(doc, type, cameo, modality, place, date, duration, reported_by,"
	" sent_start, sent_end, sentence, fused) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)";
static const char SQL_EVENT_ACTOR[] = "INSERT OR IGNORE INTO event_actor(event, entity) VALUES(?1,?2)";
static const char SQL_CLAIM[] =
	"INSERT INTO claim(doc, subject, attribute, value, event, text) VALUES(?1,?2,?3,?4,?5,?6)";
static const char SQL_QUOTE[] = "INSERT INTO quote(doc, speaker, hash, text) VALUES(?,?,?,?)";
static const char SQL_QUOTE8[] = "INSERT OR FAIL INTO quote(doc, speaker, hash, text) VALUES" CHR_ROWS8("(?,?,?,?)");

chr_status chr_write_batch_begin(chr_store *store)
{
	chr_status s = chr_store_begin(store);
	if (s != CHR_OK)
		return s;
	sqlite3_stmt *st = chr_sql(store, SQL_LAST_PARA);
	if (!st)
		return CHR_EIO;
	store->fts_from = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (!(st = chr_sql(store, SQL_NEXT_DOC)))
		return CHR_EIO;
	store->next_doc = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	store->batch_doc = store->next_doc;
	store->deferred = 0;
	store->fts_docs = 0;
	return store->next_doc > 0 ? CHR_OK : chr_store_fail(store, "reading the last document id");
}

/* Indexes the paragraphs stored since the last call. */
static chr_status index_paragraphs(chr_store *store)
{
	sqlite3_stmt *st = chr_sql(store, SQL_FTS_BATCH);
	if (!st)
		return CHR_EIO;
	sqlite3_bind_int64(st, 1, store->fts_from);
	chr_status s = chr_store_done(store, st, "indexing paragraphs");
	if (s != CHR_OK)
		return s;
	store->fts_docs = 0;
	store->fts_from = chr_sql_int2(store, SQL_LAST_PARA, 0, 0);
	return store->fts_from < 0 ? chr_store_fail(store, "reading the last paragraph id") : CHR_OK;
}

chr_status chr_write_fts_idle(chr_store *store)
{
	return store->in_txn && store->fts_docs >= FTS_IDLE_DOCS ? index_paragraphs(store) : CHR_OK;
}

chr_status chr_write_batch_commit(chr_store *store)
{
	if (!store->in_txn)
		return CHR_OK;
	chr_status s = store->deferred ? chr_fuse_deferred(store, store->batch_doc) : CHR_OK;
	if (s == CHR_OK)
		s = chr_near_flush(store);
	if (s == CHR_OK)
		s = chr_store_keys(store, &store->batch_paras, SQL_ADD_PARA_FIRST, SQL_ADD_PARA_FIRST16,
				   "indexing paragraphs");
	store->deferred = 0;
	if (s == CHR_OK)
		s = chr_fuse_flush(store);
	if (s == CHR_OK)
		s = index_paragraphs(store);
	if (s != CHR_OK) {
		chr_store_rollback(store);
		return s;
	}
	if ((s = chr_store_commit(store)) == CHR_OK)
		chr_store_checkpoint(store);
	return s;
}

int chr_store_has_identity(chr_store *store, const unsigned char identity[16])
{
	sqlite3_stmt *st = chr_sql(store, SQL_HAS);
	if (!st)
		return 0;
	sqlite3_bind_blob(st, 1, identity, 16, SQLITE_STATIC);
	int has = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return has;
}

static chr_status add_name(chr_store *store, int64_t doc, const char *name, const char *source,
			   const char *outlet)
{
	sqlite3_stmt *st = chr_sql(store, SQL_NAME);
	if (!st)
		return CHR_EIO;
	chr_bind_text(st, 1, name);
	sqlite3_bind_int64(st, 2, doc);
	chr_bind_text(st, 3, source);
	chr_bind_text(st, 4, outlet);
	return chr_store_done(store, st, "storing a document name");
}

/* A span [start, end) of text, checked; 0 when it is not one. */
static int span(const chr_jv *a, const chr_jv *b, const char *text, size_t text_len, size_t *start, size_t *end)
{
	int64_t s, e;
	if (!chr_jv_int(a, &s) || !chr_jv_int(b, &e))
		return 0;
	if (s < 0 || e < s || (size_t)e > text_len)
		return 0;
	/* Offsets must fall between characters, or a slice is not UTF-8. */
	if (!chr_utf8_boundary(text, text_len, (size_t)s) || !chr_utf8_boundary(text, text_len, (size_t)e))
		return 0;
	*start = (size_t)s;
	*end = (size_t)e;
	return 1;
}

/* Whether a paragraph is long enough to say anything about copying. */
static int long_paragraph(const char *text)
{
	size_t chars = 0;
	for (const unsigned char *c = (const unsigned char *)text; *c && chars < PARA_MIN_CHARS; c++)
		chars += (*c & 0xc0) != 0x80;
	return chars >= PARA_MIN_CHARS;
}

void chr_write_lookup(chr_store *reader, int64_t writer_seq, chr_docrec *rec)
{
	if (!(writer_seq & 1) || rec->state != CHR_DOCREC_NEW)
		return;
	const chr_jv *paras = chr_js_array(rec->root, "paragraphs");
	size_t n = chr_jv_len(paras);
	if (n && rec->para_keys && !(rec->para_first = chr_calloc(n, sizeof *rec->para_first)))
		return;
	for (size_t i = 0; i < n && rec->para_keys; i++) {
		const char *text = chr_js_str(chr_jv_at(paras, i), "text");
		if (text && long_paragraph(text) &&
		    (rec->para_first[i] = chr_sql_int2(reader, SQL_PARA_FIRST, (int64_t)rec->para_keys[i], 0)) < 0)
			goto fail;
	}
	if (rec->shingles) {
		if (!(rec->near_found = chr_malloc(sizeof *rec->near_found)) ||
		    chr_near_lookup(reader, &rec->sig, rec->near_found) != CHR_OK)
			goto fail;
	}
	rec->lookup_seq = writer_seq;
	return;
fail:
	free(rec->para_first);
	free(rec->near_found);
	rec->para_first = NULL;
	rec->near_found = NULL;
}

/* Stores the paragraphs; sharing gets the documents that had one of them
 * (of some length) first: the candidates for a partial copy (a wire story
 * under a new lead), which MinHash of the whole text can miss. */
typedef struct para_row {
	int64_t idx, key, first;
	const char *label, *text;
} para_row;

static void bind_para(sqlite3_stmt *st, int first, const void *row, const void *doc)
{
	const para_row *r = row;
	sqlite3_bind_int64(st, first, *(const int64_t *)doc);
	sqlite3_bind_int64(st, first + 1, r->idx);
	chr_bind_text(st, first + 2, r->label);
	sqlite3_bind_int64(st, first + 3, r->key);
	if (r->first)
		sqlite3_bind_int64(st, first + 4, r->first);
	chr_bind_text(st, first + 5, r->text);
}

static chr_status store_paragraphs(chr_store *store, int64_t doc, const chr_docrec *rec, int64_t *sharing,
				   size_t *nsharing)
{
	*nsharing = 0;
	int looked_up = rec->lookup_seq == store->txn_seq && rec->para_first;
	const chr_jv *paras = chr_js_array(rec->root, "paragraphs");
	size_t np = chr_jv_len(paras), nrows = 0;
	if (!np)
		return CHR_OK;
	para_row *rows = chr_malloc(np * sizeof *rows);
	if (!rows)
		return CHR_ENOMEM;
	chr_status s = CHR_OK;
	for (size_t i = 0; i < np && s == CHR_OK; i++) {
		const chr_jv *p = chr_jv_at(paras, i);
		const char *text = chr_js_str(p, "text"), *label = chr_js_str(p, "label");
		if (!text)
			continue;
		int64_t key = rec->para_keys ? (int64_t)rec->para_keys[i] : 0, first = 0;
		int is_long = long_paragraph(text);
		/* A committed document had it first, else one of this batch. */
		if (is_long) {
			first = looked_up ? rec->para_first[i] : chr_sql_int2(store, SQL_PARA_FIRST, key, 0);
			if (first < 0) {
				s = chr_store_fail(store, "looking up a paragraph");
				break;
			}
			if (!first)
				chr_batch_keys_get(&store->batch_paras, (uint64_t)key, &first, 1);
		}
		rows[nrows++] = (para_row){ (int64_t)i, key, first, label ? label : "body", text };
		if (is_long && !first && (s = chr_batch_keys_add(&store->batch_paras, (uint64_t)key, doc)) != CHR_OK)
			break;
		int seen = !first || first == doc;
		for (size_t k = 0; k < *nsharing && !seen; k++)
			seen = sharing[k] == first;
		if (!seen && *nsharing < CHR_NEAR_EXTRA)
			sharing[(*nsharing)++] = first;
	}
	if (s == CHR_OK)
		s = chr_store_rows(store, SQL_PARA, SQL_PARA8, 6, rows, sizeof *rows, nrows, bind_para, &doc,
				   "storing paragraphs");
	free(rows);
	return s;
}

typedef struct stored_event {
	int64_t id;
	size_t start, end;
} stored_event;

static chr_status store_events(chr_store *store, int64_t doc, int64_t story, const chr_docrec *rec,
			       const chr_entity_map *map, stored_event *out, size_t *nout)
{
	const chr_jv *events = chr_js_array(rec->root, "events");
	size_t i;
	const chr_jv *e;
	chr_status s = CHR_OK;
	*nout = 0;
	char outlet_slug[128] = "";
	if (rec->outlet)
		chr_entity_slug(rec->outlet, strlen(rec->outlet), outlet_slug, sizeof outlet_slug);
	int64_t doc_day = chr_publication_day(rec->date);
	for (i = 0; i < chr_jv_len(events); i++) {
		e = chr_jv_at(events, i);
		if (*nout == MAX_EVENTS)
			break;
		const char *type = chr_js_str(e, "type"), *cameo = chr_js_str(e, "cameo");
		const char *modality = chr_js_str(e, "modality");
		if (!type || !type[0] || strlen(type) > 48 || !cameo)
			continue;
		if (!modality)
			modality = "asserted";
		chr_frame f = { .doc = doc, .story = story, .type = type, .cameo = cameo, .modality = modality,
				.date = chr_js_str(e, "date"), .duration = chr_js_str(e, "duration"),
				.place = chr_entity_map_get(map, chr_js_str(e, "place")), .doc_day = doc_day };
		size_t start = 0, end = 0;
		const chr_jv *sent = chr_js_array(e, "sentence");
		int has_span = span(chr_jv_at(sent, 0), chr_jv_at(sent, 1), rec->text, rec->text_len, &start, &end);
		const chr_jv *actors = chr_js_array(e, "actors");
		for (size_t k = 0; k < chr_jv_len(actors); k++) {
			const char *slug = chr_jv_str(chr_jv_at(actors, k));
			int64_t id = chr_entity_map_actor(map, slug);
			/* The outlet that reports the event is not one of its actors
			 * (a credit line read as a subject). */
			if (!id || (outlet_slug[0] && slug && strcmp(slug, outlet_slug) == 0))
				continue;
			int dup = 0;
			for (int j = 0; j < f.nactors; j++)
				dup |= f.actors[j] == id;
			if (!dup && f.nactors < 8)
				f.actors[f.nactors++] = id;
		}
		/* Fusion first, so the event row is written once, with its fused
		 * event (an UPDATE afterwards cost a statement journal each); an
		 * undated frame waits for the batch's end (see chr_fuse_defers). */
		int64_t fused = 0;
		if (chr_fuse_defers(&f))
			store->deferred++;
		else if ((s = chr_fuse_event(store, &f, &fused)) != CHR_OK)
			return s;
		sqlite3_stmt *st = chr_sql(store, SQL_EVENT);
		if (!st)
			return CHR_EIO;
		sqlite3_bind_int64(st, 1, doc);
		chr_bind_text(st, 2, type);
		chr_bind_text(st, 3, cameo);
		chr_bind_text(st, 4, modality);
		if (f.place)
			sqlite3_bind_int64(st, 5, f.place);
		chr_bind_text(st, 6, f.date);
		chr_bind_text(st, 7, f.duration);
		int64_t by = chr_entity_map_get(map, chr_js_str(e, "reported_by"));
		if (by)
			sqlite3_bind_int64(st, 8, by);
		if (has_span) {
			sqlite3_bind_int64(st, 9, (sqlite3_int64)start);
			sqlite3_bind_int64(st, 10, (sqlite3_int64)end);
			chr_bind_textn(st, 11, rec->text + start, end - start);
		}
		if (fused)
			sqlite3_bind_int64(st, 12, fused);
		if ((s = chr_store_done(store, st, "storing an event")) != CHR_OK)
			return s;
		f.event = sqlite3_last_insert_rowid(store->db);
		for (int j = 0; j < f.nactors; j++)
			if ((s = chr_sql_run2(store, SQL_EVENT_ACTOR, f.event, f.actors[j], "storing an event actor")) !=
			    CHR_OK)
				return s;
		out[*nout] = (stored_event){ f.event, has_span ? start : 0, has_span ? end : 0 };
		(*nout)++;
	}
	return s;
}

static chr_status store_claims(chr_store *store, int64_t doc, const chr_docrec *rec, const stored_event *events,
			       size_t nevents)
{
	const chr_jv *claims = chr_js_array(rec->root, "claims");
	size_t i;
	const chr_jv *c;
	chr_status s = CHR_OK;
	for (i = 0; i < chr_jv_len(claims); i++) {
		c = chr_jv_at(claims, i);
		const char *subject = chr_js_str(c, "subject"), *attribute = chr_js_str(c, "attribute");
		double value = 0;
		if (!subject || !attribute || !chr_jv_number(chr_jv_get(c, "value"), &value))
			continue;
		size_t start = 0, end = 0;
		int has_span = span(chr_jv_get(c, "start"), chr_jv_get(c, "end"), rec->text, rec->text_len, &start, &end);
		/* The claim belongs to the event reported in its sentence. */
		int64_t event = 0;
		for (size_t k = 0; has_span && k < nevents && !event; k++)
			if (events[k].start <= start && start < events[k].end)
				event = events[k].id;
		sqlite3_stmt *st = chr_sql(store, SQL_CLAIM);
		if (!st)
			return CHR_EIO;
		sqlite3_bind_int64(st, 1, doc);
		chr_bind_text(st, 2, subject);
		chr_bind_text(st, 3, attribute);
		sqlite3_bind_double(st, 4, value);
		if (event)
			sqlite3_bind_int64(st, 5, event);
		if (has_span)
			chr_bind_textn(st, 6, rec->text + start, end - start);
		if ((s = chr_store_done(store, st, "storing a claim")) != CHR_OK)
			return s;
	}
	return s;
}

typedef struct quote_row {
	int64_t speaker, hash;
	const char *text;
	size_t len;
} quote_row;

static void bind_quote(sqlite3_stmt *st, int first, const void *row, const void *doc)
{
	const quote_row *r = row;
	sqlite3_bind_int64(st, first, *(const int64_t *)doc);
	if (r->speaker)
		sqlite3_bind_int64(st, first + 1, r->speaker);
	sqlite3_bind_int64(st, first + 2, r->hash);
	chr_bind_textn(st, first + 3, r->text, r->len);
}

static chr_status store_quotes(chr_store *store, int64_t doc, const chr_docrec *rec, const chr_entity_map *map)
{
	const chr_jv *quotes = chr_js_array(rec->root, "quotes");
	size_t nq = chr_jv_len(quotes), nrows = 0;
	if (!nq)
		return CHR_OK;
	quote_row *rows = chr_malloc(nq * sizeof *rows);
	if (!rows)
		return CHR_ENOMEM;
	for (size_t i = 0; i < nq; i++) {
		const chr_jv *q = chr_jv_at(quotes, i);
		size_t start = 0, end = 0;
		const char *text = chr_js_str(q, "text");
		size_t len = text ? strlen(text) : 0;
		if (!text && span(chr_jv_get(q, "start"), chr_jv_get(q, "end"), rec->text, rec->text_len, &start, &end)) {
			text = rec->text + start;
			len = end - start;
		}
		if (!text || !len)
			continue;
		int64_t speaker = chr_entity_map_get(map, chr_js_str(q, "speaker"));
		rows[nrows++] = (quote_row){ speaker, (int64_t)(chr_paragraph_key(text, len) ^ (uint64_t)speaker), text, len };
	}
	chr_status s = chr_store_rows(store, SQL_QUOTE, SQL_QUOTE8, 4, rows, sizeof *rows, nrows, bind_quote, &doc,
				      "storing quotes");
	free(rows);
	return s;
}

/*
 * Near-duplicate paragraphs: in a document that copies another with edits,
 * a paragraph whose SimHash is within NEAR_PARA_BITS of one of the
 * original's is a copy of it (its first_doc names the original), as exact
 * copies already are.  Only long paragraphs of the pair are compared, so
 * the cost is a few hundred popcounts per near-duplicate document.
 */
#define NEAR_PARA_BITS 12   /* unrelated paragraphs differ in about 32 of 64 (sd 4) */
#define NEAR_PARA_MAX 64

static const char SQL_LONG_PARAS[] =
	"SELECT id, text, first_doc FROM para WHERE doc=?1 AND length(text)>=80 ORDER BY idx LIMIT 64";
static const char SQL_SET_FIRST[] = "UPDATE para SET first_doc=?2 WHERE id=?1";

static size_t long_paragraphs(chr_store *store, int64_t doc, int64_t *ids, uint64_t *hashes, int *known)
{
	sqlite3_stmt *st = chr_sql(store, SQL_LONG_PARAS);
	if (!st)
		return 0;
	sqlite3_bind_int64(st, 1, doc);
	size_t n = 0;
	while (n < NEAR_PARA_MAX && sqlite3_step(st) == SQLITE_ROW) {
		ids[n] = sqlite3_column_int64(st, 0);
		hashes[n] = chr_simhash((const char *)sqlite3_column_text(st, 1), (size_t)sqlite3_column_bytes(st, 1));
		known[n] = sqlite3_column_type(st, 2) != SQLITE_NULL;
		n++;
	}
	sqlite3_reset(st);
	return n;
}

static chr_status mark_near_paragraphs(chr_store *store, int64_t doc, int64_t original)
{
	int64_t ours[NEAR_PARA_MAX], theirs[NEAR_PARA_MAX];
	uint64_t our_hash[NEAR_PARA_MAX], their_hash[NEAR_PARA_MAX];
	int our_known[NEAR_PARA_MAX], their_known[NEAR_PARA_MAX];
	size_t n = long_paragraphs(store, doc, ours, our_hash, our_known);
	size_t m = n ? long_paragraphs(store, original, theirs, their_hash, their_known) : 0;
	for (size_t i = 0; i < n; i++) {
		if (our_known[i])
			continue;
		for (size_t k = 0; k < m; k++) {
			if (chr_simhash_distance(our_hash[i], their_hash[k]) > NEAR_PARA_BITS)
				continue;
			chr_status s = chr_sql_run2(store, SQL_SET_FIRST, ours[i], original, "marking a copied paragraph");
			if (s != CHR_OK)
				return s;
			break;
		}
	}
	return CHR_OK;
}

/* The text's first words, cut at a word boundary with "…", at most cap-1 bytes. */
static const char *story_title(const char *text, size_t len, char *out, size_t cap)
{
	size_t end = 0;
	while (end < len && text[end] != '\n')
		end++;
	if (end + 1 <= cap) {
		memcpy(out, text, end);
		out[end] = '\0';
		return out;
	}
	size_t cut = cap - 4;   /* room for "…" (3 bytes) and the NUL */
	while (cut > 0 && text[cut] != ' ')
		cut--;
	if (cut == 0)
		cut = cap - 4;
	while (cut > 0 && ((unsigned char)text[cut] & 0xc0) == 0x80)
		cut--;   /* never split a character */
	memcpy(out, text, cut);
	memcpy(out + cut, "\xe2\x80\xa6", 4);
	return out;
}

chr_status chr_write_doc(chr_store *store, const chr_docrec *rec, const chr_near_opts *near,
			 chr_write_outcome *outcome)
{
	chr_status s;
	sqlite3_stmt *st;
	if (!store->in_txn || store->next_doc <= 0)
		return chr_store_fail(store, "storing a document outside a batch");
	int64_t doc = 0;
	if (rec->state != CHR_DOCREC_KNOWN) {
		if (!(st = chr_sql(store, SQL_DOC)))
			return CHR_EIO;
		sqlite3_bind_blob(st, 1, rec->identity, 16, SQLITE_STATIC);
		chr_bind_text(st, 2, rec->name);
		chr_bind_text(st, 3, rec->source);
		chr_bind_text(st, 4, rec->outlet);
		chr_bind_text(st, 5, rec->date);
		chr_bind_text(st, 6, rec->date_basis);
		chr_bind_text(st, 7, rec->title);
		chr_bind_text(st, 8, rec->lang);
		sqlite3_bind_int64(st, 9, (sqlite3_int64)rec->text_len);
		sqlite3_bind_blob(st, 10, &rec->sig, sizeof rec->sig, SQLITE_STATIC);
		sqlite3_bind_int64(st, 11, (sqlite3_int64)rec->shingles);
		sqlite3_bind_int64(st, 12, store->next_doc);
		if ((s = chr_store_done(store, st, "storing a document")) != CHR_OK)
			return s;
		if (sqlite3_changes(store->db) == 1)
			doc = store->next_doc++;
	}
	if (!doc) {
		/* The text is stored already (by this run or an earlier one):
		 * only the name it came under now is new. */
		*outcome = CHR_WRITE_KNOWN;
		if (!(st = chr_sql(store, SQL_HAS)))
			return CHR_EIO;
		sqlite3_bind_blob(st, 1, rec->identity, 16, SQLITE_STATIC);
		int64_t known = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
		sqlite3_reset(st);
		const char *name = rec->known_name ? rec->known_name : rec->name;
		const char *source = rec->known_name ? rec->known_source : rec->source;
		const char *outlet = rec->known_name ? rec->known_outlet : rec->outlet;
		return known ? add_name(store, known, name, source, outlet) : CHR_OK;
	}
	*outcome = CHR_WRITE_ADDED;
	int64_t near_doc = 0, story = 0;
	int64_t sharing[CHR_NEAR_EXTRA];
	size_t nsharing = 0;
	if ((s = add_name(store, doc, rec->name, rec->source, rec->outlet)) != CHR_OK ||
	    (s = store_paragraphs(store, doc, rec, sharing, &nsharing)) != CHR_OK)
		return s;
	const chr_near_found *found = rec->lookup_seq == store->txn_seq ? rec->near_found : NULL;
	if ((s = chr_near_place(store, doc, &rec->sig, rec->shingles, rec->outlet, sharing, nsharing, near, found,
				&near_doc)) != CHR_OK)
		return s;
	if (near_doc) {
		*outcome = CHR_WRITE_NEAR;
		if ((s = mark_near_paragraphs(store, doc, near_doc)) != CHR_OK)
			return s;
	}
	chr_entity_map map = { 0 };
	stored_event *events = NULL;
	size_t nevents = 0;
	if ((s = chr_fuse_entities(store, doc, rec->root, rec->lang, rec->text, rec->text_len, &map)) != CHR_OK)
		goto done;
	/* An untitled document names its story by its opening words. */
	char opening[96];
	const char *title = rec->title ? rec->title : story_title(rec->text, rec->text_len, opening, sizeof opening);
	if ((s = chr_fuse_story(store, doc, rec->root, &map, title, rec->date, near_doc, &story)) != CHR_OK)
		goto done;
	const chr_jv *ev = chr_js_array(rec->root, "events");
	size_t nev = ev ? chr_jv_len(ev) : 0;
	if (nev) {
		events = chr_calloc(nev < MAX_EVENTS ? nev : MAX_EVENTS, sizeof *events);
		if (!events) {
			s = CHR_ENOMEM;
			goto done;
		}
	}
	if ((s = store_events(store, doc, story, rec, &map, events, &nevents)) != CHR_OK ||
	    (s = store_claims(store, doc, rec, events, nevents)) != CHR_OK)
		goto done;
	if ((s = store_quotes(store, doc, rec, &map)) == CHR_OK && ++store->fts_docs == FTS_CHUNK_DOCS)
		s = index_paragraphs(store);
done:
	free(events);
	free(map.refs);
	return s;
}
