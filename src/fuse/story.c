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
 *
 * A dated document that reaches JOIN_WEIGHT with several stories ties
 * those about the same people together: the larger takes in a smaller
 * one whose leading entities would let it join the larger as a document
 * would.  Without it the stories depended on arrival order: the same
 * articles, ingested last first, began two stories where one ingest made
 * one, because the article that links them came after both had started.
 * Two stories of different people that one article happens to span stay
 * apart (single-link merging would chain a president's every story into
 * one).  Moving the smaller story's rows costs in proportion to its size,
 * so a document is moved O(log n) times at most.
 */
#include <stdlib.h>
#include <string.h>

#include "fuse/fuse.h"
#include "ingest/docrec.h"

#define LEADING_ENTITIES 12
#define CANDIDATES_PER_ENTITY 32
#define STORY_WINDOW_DAYS 30
#define JOIN_WEIGHT 2.0
#define MAX_MERGES 4   /* stories one document ties together besides its own */

typedef struct lead { int64_t id; double weight; long mentions; } lead;
typedef struct cand { int64_t story; double score; } cand;

static int by_mentions(const void *a, const void *b)
{
	const lead *x = a, *y = b;
	if (x->mentions != y->mentions)
		return x->mentions > y->mentions ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

static int by_score(const void *a, const void *b)
{
	const cand *x = a, *y = b;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return x->story > y->story ? -1 : x->story < y->story;
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
static const char SQL_DOCS[] = "SELECT docs FROM story WHERE id=?1";

/* Story ?2 into story ?1.  Its fused events (those its documents started,
 * read before the documents move) and their actor rows carry the story
 * for event search; its entities add their counts. */
static const char *const merge_sql[] = {
	("UPDATE OR FAIL fused_actor SET story=?1 WHERE story=?2 AND fused IN"
	 " (SELECT e.fused FROM doc d JOIN event e ON e.doc=d.id WHERE d.story=?2 AND e.fused IS NOT NULL)"),
	("UPDATE OR FAIL fused SET story=?1 WHERE story=?2 AND id IN"
	 " (SELECT e.fused FROM doc d JOIN event e ON e.doc=d.id WHERE d.story=?2 AND e.fused IS NOT NULL)"),
	"UPDATE OR FAIL doc SET story=?1 WHERE story=?2",
	("INSERT INTO story_entity(entity, story, n) SELECT entity, ?1, n FROM story_entity WHERE story=?2 AND true"
	 " ON CONFLICT(entity, story) DO UPDATE SET n=n+excluded.n"),
	"DELETE FROM story_entity WHERE story=?2",
	("UPDATE story SET docs=story.docs+o.docs,"
	 " first=CASE WHEN o.lo IS NOT NULL AND (story.lo IS NULL OR o.lo<story.lo) THEN o.first ELSE story.first END,"
	 " lo=CASE WHEN o.lo IS NOT NULL AND (story.lo IS NULL OR o.lo<story.lo) THEN o.lo ELSE story.lo END,"
	 " last=CASE WHEN o.hi IS NOT NULL AND (story.hi IS NULL OR o.hi>story.hi) THEN o.last ELSE story.last END,"
	 " hi=CASE WHEN o.hi IS NOT NULL AND (story.hi IS NULL OR o.hi>story.hi) THEN o.hi ELSE story.hi END,"
	 " title=COALESCE(story.title, o.title) FROM story o WHERE o.id=?2 AND story.id=?1"),
	"DELETE FROM story WHERE id=?2",
};

static chr_status merge_story(chr_store *store, int64_t into, int64_t from)
{
	for (size_t i = 0; i < sizeof merge_sql / sizeof merge_sql[0]; i++) {
		chr_status s = chr_sql_run2(store, merge_sql[i], into, from, "merging stories");
		if (s != CHR_OK)
			return s;
	}
	return CHR_OK;
}

/* The weight that story ?1's leading entities (its most reported) have
 * in story ?2, weighed as a document's are. */
static const char SQL_ALIKE[] =
	"SELECT coalesce(sum(CASE WHEN e.type IN ('PERSON','ORG') THEN 2 ELSE 1 END), 0)"
	" FROM (SELECT entity FROM story_entity WHERE story=?1 ORDER BY n DESC, entity LIMIT 12) t"
	" JOIN entity e ON e.id=t.entity WHERE EXISTS(SELECT 1 FROM story_entity WHERE entity=t.entity AND story=?2)";

/* Of the stories in ties (the best match first), the one with most
 * documents takes in the others that are about the same people: one
 * article that names two people of each of two stories does not make
 * them one (a summit story and a trade story of one president), but two
 * stories whose leading entities would let one join the other as a
 * document do.  Returns the story the document joins, or -1 on error. */
static int64_t merge_stories(chr_store *store, const int64_t *ties, size_t n)
{
	int64_t into = ties[0], most = chr_sql_int2(store, SQL_DOCS, ties[0], 0);
	for (size_t k = 1; k < n && most >= 0; k++) {
		int64_t docs = chr_sql_int2(store, SQL_DOCS, ties[k], 0);
		if (docs < 0)
			return -1;
		if (docs > most) {
			most = docs;
			into = ties[k];
		}
	}
	if (most < 0)
		return -1;
	int64_t joins = ties[0];   /* the document's: its best match, wherever that goes */
	for (size_t k = 0; k < n; k++) {
		if (ties[k] == into)
			continue;
		/* weights doubled: integers in SQL */
		int64_t alike = chr_sql_int2(store, SQL_ALIKE, ties[k], into);
		if (alike < 0)
			return -1;
		if (alike < (int64_t)(2 * JOIN_WEIGHT))
			continue;
		if (merge_story(store, into, ties[k]) != CHR_OK)
			return -1;
		if (joins == ties[k])
			joins = into;
	}
	return joins;
}

chr_status chr_fuse_story(chr_store *store, int64_t doc, const chr_jv *root, const chr_entity_map *map,
			  const char *title, const char *date, int64_t near_doc, int64_t *story)
{
	_Static_assert(CANDIDATES_PER_ENTITY == 32, "SQL_CANDIDATES spells the limit out");
	_Static_assert(LEADING_ENTITIES == 12, "SQL_ALIKE spells the limit out");
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
		size_t nfit = 0;   /* the candidates that reach the weight in the window, moved to the front */
		for (size_t c = 0; c < ncands; c++) {
			if (cands[c].score < JOIN_WEIGHT - 1e-9)
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
			cands[nfit++] = cands[c];
			if (cands[c].score < best_score || (cands[c].score == best_score && cands[c].story < best))
				continue;
			best = cands[c].story;
			best_score = cands[c].score;
		}
		/* An undated document would tie stories of any months together. */
		if (nfit > 1 && dated) {
			/* the best match first (of equal sizes it takes in the
			 * others), then the others by weight */
			qsort(cands, nfit, sizeof *cands, by_score);
			int64_t ties[1 + MAX_MERGES] = { best };
			size_t nties = 1;
			for (size_t c = 0; c < nfit && nties < sizeof ties / sizeof ties[0]; c++)
				if (cands[c].story != best)
					ties[nties++] = cands[c].story;
			if ((best = merge_stories(store, ties, nties)) < 0)
				return CHR_EIO;
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
