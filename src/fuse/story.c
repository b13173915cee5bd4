/*
 * story.c - stories: documents about one developing story, clustered
 * incrementally as they arrive.
 *
 * A document joins the story with which it shares the most weight of its
 * leading entities (people and organisations 1, places and others 0.5),
 * among stories active within STORY_WINDOW_DAYS of its date, when that
 * weight reaches JOIN_WEIGHT; a near-duplicate of a stored document joins
 * that document's story outright.  Candidate stories come from the
 * story_entity index, newest CANDIDATES_PER_ENTITY per entity, so a common
 * entity ("United States") never makes the search scan the corpus.
 */
#include <stdlib.h>
#include <string.h>

#include "fuse/fuse.h"
#include "ingest/docrec.h"

#define LEADING_ENTITIES 12
#define CANDIDATES_PER_ENTITY 32
#define STORY_WINDOW_DAYS 30
#define JOIN_WEIGHT 2.0

typedef struct lead { int64_t id; double weight; long mentions; } lead;
typedef struct cand { int64_t story; double score; } cand;

static int by_mentions(const void *a, const void *b)
{
	const lead *x = a, *y = b;
	if (x->mentions != y->mentions)
		return x->mentions > y->mentions ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

static const char SQL_CANDIDATES[] =
	"SELECT story FROM story_entity WHERE entity=?1 ORDER BY story DESC LIMIT " "32";
static const char SQL_STORY[] = "SELECT lo, hi FROM story WHERE id=?1";
static const char SQL_NEAR_STORY[] = "SELECT story FROM doc WHERE id=?1";
static const char SQL_NEW[] = "INSERT INTO story(title, first, last, lo, hi, docs) VALUES(?1,?2,?2,?3,?3,0)";
static const char SQL_UPDATE[] =
	"UPDATE story SET docs=docs+1,"
	" lo=CASE WHEN ?2 IS NULL THEN lo WHEN lo IS NULL OR ?2<lo THEN ?2 ELSE lo END,"
	" first=CASE WHEN ?2 IS NULL THEN first WHEN lo IS NULL OR ?2<lo THEN ?3 ELSE first END,"
	" hi=CASE WHEN ?2 IS NULL THEN hi WHEN hi IS NULL OR ?2>hi THEN ?2 ELSE hi END,"
	" last=CASE WHEN ?2 IS NULL THEN last WHEN hi IS NULL OR ?2>hi THEN ?3 ELSE last END,"
	" title=COALESCE(title, ?4) WHERE id=?1";
static const char SQL_ENTITY[] =
	"INSERT INTO story_entity(entity, story, n) VALUES(?,?,1)"
	" ON CONFLICT(entity, story) DO UPDATE SET n=n+1";
static const char SQL_ENTITY8[] =
	"INSERT INTO story_entity(entity, story, n) VALUES" CHR_ROWS8("(?,?,1)")
	" ON CONFLICT(entity, story) DO UPDATE SET n=n+1";

static void bind_story_entity(sqlite3_stmt *st, int first, const void *row, const void *story)
{
	sqlite3_bind_int64(st, first, ((const lead *)row)->id);
	sqlite3_bind_int64(st, first + 1, *(const int64_t *)story);
}
static const char SQL_SET_DOC[] = "UPDATE doc SET story=?2 WHERE id=?1";

chr_status chr_fuse_story(chr_store *store, int64_t doc, const chr_jv *root, const chr_entity_map *map,
			  const char *title, const char *date, int64_t near_doc, int64_t *story)
{
	_Static_assert(CANDIDATES_PER_ENTITY == 32, "SQL_CANDIDATES spells the limit out");
	lead leads[LEADING_ENTITIES * 4];
	size_t nleads = 0;
	const chr_jv *ents = chr_js_array(root, "entities");
	size_t i;
	const chr_jv *e;
	for (i = 0; i < chr_jv_len(ents); i++) {
		e = chr_jv_at(ents, i);
		const chr_entity_ref *ref = chr_entity_map_ref(map, chr_js_str(e, "id"));
		if (!ref || !ref->id)
			continue;
		int64_t id = ref->id;
		char t = ref->type;
		const chr_jv *m = chr_js_array(e, "mentions");
		lead l = { id, t == 'P' || t == 'O' ? 1.0 : 0.5, m ? (long)chr_jv_len(m) : 0 };
		if (nleads < sizeof leads / sizeof leads[0]) {
			leads[nleads++] = l;
		} else {
			/* Keep the most mentioned: replace the weakest. */
			size_t w = 0;
			for (size_t k = 1; k < nleads; k++)
				if (leads[k].mentions < leads[w].mentions)
					w = k;
			if (l.mentions > leads[w].mentions)
				leads[w] = l;
		}
	}
	qsort(leads, nleads, sizeof *leads, by_mentions);
	/* One corpus entity can stand for two document entities (spellings). */
	size_t kept = 0;
	for (size_t k = 0; k < nleads && kept < LEADING_ENTITIES; k++) {
		int dup = 0;
		for (size_t j = 0; j < kept; j++)
			dup |= leads[j].id == leads[k].id;
		if (!dup)
			leads[kept++] = leads[k];
	}
	nleads = kept;

	int64_t day_lo = 0, day_hi = 0;
	int dated = chr_date_span(date, &day_lo, &day_hi);
	int64_t best = 0;
	chr_status s = CHR_OK;
	sqlite3_stmt *st;
	if (near_doc) {
		if (!(st = chr_sql(store, SQL_NEAR_STORY)))
			return CHR_EIO;
		sqlite3_bind_int64(st, 1, near_doc);
		if (sqlite3_step(st) == SQLITE_ROW)
			best = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
	}
	if (!best && nleads) {
		cand cands[LEADING_ENTITIES * CANDIDATES_PER_ENTITY];
		size_t ncands = 0;
		for (size_t k = 0; k < nleads; k++) {
			if (!(st = chr_sql(store, SQL_CANDIDATES)))
				return CHR_EIO;
			sqlite3_bind_int64(st, 1, leads[k].id);
			while (sqlite3_step(st) == SQLITE_ROW) {
				int64_t sid = sqlite3_column_int64(st, 0);
				size_t c = 0;
				while (c < ncands && cands[c].story != sid)
					c++;
				if (c == ncands)
					cands[ncands++] = (cand){ sid, 0 };
				cands[c].score += leads[k].weight;
			}
			sqlite3_reset(st);
		}
		double best_score = JOIN_WEIGHT - 1e-9;
		for (size_t c = 0; c < ncands; c++) {
			if (cands[c].score < best_score || (cands[c].score == best_score && cands[c].story < best))
				continue;
			if (dated) {
				if (!(st = chr_sql(store, SQL_STORY)))
					return CHR_EIO;
				sqlite3_bind_int64(st, 1, cands[c].story);
				int ok = 1;
				if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
					int64_t lo = sqlite3_column_int64(st, 0), hi = sqlite3_column_int64(st, 1);
					ok = day_hi >= lo - STORY_WINDOW_DAYS && day_lo <= hi + STORY_WINDOW_DAYS;
				}
				sqlite3_reset(st);
				if (!ok)
					continue;
			}
			best = cands[c].story;
			best_score = cands[c].score;
		}
	}
	if (!best) {
		if (!(st = chr_sql(store, SQL_NEW)))
			return CHR_EIO;
		chr_bind_text(st, 1, title);
		chr_bind_text(st, 2, dated ? date : NULL);
		if (dated)
			sqlite3_bind_int64(st, 3, day_lo);
		if ((s = chr_store_done(store, st, "starting a story")) != CHR_OK)
			return s;
		best = sqlite3_last_insert_rowid(store->db);
	}
	if (!(st = chr_sql(store, SQL_UPDATE)))
		return CHR_EIO;
	sqlite3_bind_int64(st, 1, best);
	if (dated) {
		sqlite3_bind_int64(st, 2, day_lo);
		chr_bind_text(st, 3, date);
	}
	chr_bind_text(st, 4, title);
	if ((s = chr_store_done(store, st, "updating a story")) != CHR_OK)
		return s;
	if ((s = chr_store_rows(store, SQL_ENTITY, SQL_ENTITY8, 2, leads, sizeof *leads, nleads, bind_story_entity,
				&best, "indexing a story")) != CHR_OK)
		return s;
	if ((s = chr_sql_run2(store, SQL_SET_DOC, doc, best, "setting a story")) != CHR_OK)
		return s;
	*story = best;
	return CHR_OK;
}
