/*
 * events.c - fusion: event frames from many documents become one event.
 *
 * A frame joins a fused event when
 * - their type families match (meet/consult/negotiate/visit/host/mediate
 *   are one "meeting"; other types only match themselves), or they are one
 *   occasion: two shared actors, the same named place, overlapping dates
 *   without the day's slack,
 * - they share core actors: at least min(2, actors of either) of them (all
 *   of the frame's when either side has no date),
 * - their dates are compatible: the day ranges overlap, with a day's slack
 *   on each side (a meeting that ran late on Dec 2 is reported for Dec 3);
 *   when either side has no date, they must be of one story and at one
 *   named place,
 * - and their places are compatible: equal, one of them unknown, or one the
 *   country of the other.
 * Among several matches the one sharing most actors wins, then the one at
 * the same place, then the newest; an undated frame that two fit equally
 * joins neither.  Other fused events the frame links to its match (see
 * find_match) merge into it.  Candidates come from the fused_actor
 * index by actor and day (see SQL_CAND_DATED), so the search is bounded
 * whatever the corpus size.  The fused event's type, date, place and duration are
 * the values most of its frames give (fused_value holds the votes; a tie
 * goes to the more precise date, else to the value reported first); frames
 * that disagree are its conflicts, computed when queried.
 *
 * An undated frame waits for the end of its batch (chr_fuse_deferred), so
 * that it is matched against every dated report of the batch whatever the
 * order the documents came in.  An undated event of undated articles that
 * an earlier batch left on its own is linked by a later dated report to
 * the event that report joins, as the same batch would have done.
 *
 * A future frame ("will meet in Vienna on Thursday") is an announcement:
 * it joins the event it announces as a source (see announce_fits) but
 * never votes, and alone puts nothing on the timeline.  One that comes
 * before the event waits in a fused row of its own with no reports
 * (nevents 0), indexed by actor and day like any other, and the first
 * report that fits it takes its frames in (absorb_pending).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/event.h"
#include "fuse/fuse.h"
#include "util/grow.h"

#define CANDIDATES 64
#define DATE_SLACK_DAYS 1

typedef struct cand {
	int64_t id;
	int shared;
	int64_t lo, hi, place, story;
	int dated;
	int same_family;
	int via_country;   /* shared actors counted through a person's country */
	int last_actor;    /* the frame actor that last counted it */
	unsigned counted;  /* the frame actors (bit a) that counted it */
	int nmatched;      /* its actors counted so far, each once */
	int64_t matched[8];
	int pending;       /* announcements only (nevents 0): see announce_fits */
	int in_window;     /* dated, and the undated frame's article could tell of it */
	char family[24];
} cand;

/* Candidates: fused events of one actor whose first day lies in the frame's
 * window (widened by LOOKBACK_DAYS, the longest span still matched: a
 * month), the actor's undated ones, or for an undated frame the actor's
 * newest.  Each is one index range, so the cost per frame is bounded by
 * what happened around that date, not by the actor's whole history. */
#define LOOKBACK_DAYS 31
/* Each candidate comes with what the rules read of it: one statement per
 * actor rather than one more per candidate. */
#define CAND_COLUMNS \
	"SELECT a.fused, a.lo, a.hi, a.place, a.story, a.family=?9, a.family, a.pending FROM fused_actor a"
/* The actor rows carry what the rules read of their fused event (its days,
 * place, story, family and whether it only waits for its reports) in the
 * indexes the searches read (schema version 4), so a candidate costs no
 * read of the fused row: a busy actor's day gives dozens, each a read at a
 * random place of the fused table.  They follow the fused row: copied when
 * the actor is added, brought up to date after every change to it. */
/* Dated candidates in two ranges of one order (first day, newest first):
 * those starting within the frame's days, which all reach them, then those
 * starting up to a month before that still reach them.  Only events of
 * more than a day can do that, and a partial index holds just those: with
 * one index a busy actor's whole month was read row by row to find the
 * few long ones (it made ingest slow down as the corpus grew). */
static const char SQL_CAND_DATED[] =
	CAND_COLUMNS " WHERE a.entity=?1 AND a.lo BETWEEN ?2 AND ?3 ORDER BY a.lo DESC LIMIT 64";
static const char SQL_CAND_LONG[] =
	CAND_COLUMNS " WHERE a.entity=?1 AND a.hi - a.lo >= 1 AND a.lo BETWEEN ?2 AND ?3 AND a.hi>=?4"
	" ORDER BY a.lo DESC LIMIT 64";
/* An undated event is a dated frame's match only in one story at one named
 * place (see find_match): only those are read, not a busy actor's sixteen
 * newest undated events.  Left to itself SQLite reads the actor's rows in
 * the table's order (by fused event, as the ORDER BY asks) and all of a
 * busy actor's dated ones with them. */
static const char SQL_CAND_UNDATED[] =
	CAND_COLUMNS " INDEXED BY fused_actor_day WHERE a.entity=?1 AND a.lo IS NULL AND coalesce(a.story, 0)=?10 AND a.place=?11"
	" ORDER BY a.fused DESC LIMIT 16";
static const char SQL_CAND_ANY[] =
	CAND_COLUMNS " WHERE a.entity=?1 ORDER BY a.fused DESC LIMIT 64";
static const char SQL_ACTORS_OF[] = "SELECT entity FROM fused_actor WHERE fused=?1 LIMIT 5";   /* ACTORS_READ */
static const char SQL_HAS_ACTOR[] = "SELECT 1 FROM fused_actor WHERE fused=?1 AND entity=?2";
static const char SQL_ACTOR_DAYS[] =
	"UPDATE OR FAIL fused_actor SET lo=f.lo, hi=f.hi, place=f.place, story=f.story, family=f.family, pending=f.nevents=0"
	" FROM fused f WHERE f.id=?1 AND fused_actor.fused=?1 AND (fused_actor.lo IS NOT f.lo OR fused_actor.hi IS NOT f.hi"
	" OR fused_actor.place IS NOT f.place OR fused_actor.story IS NOT f.story OR fused_actor.family IS NOT f.family"
	" OR fused_actor.pending IS NOT (f.nevents=0))";
/* Counting stops at two: that is all the matching rule asks. */
static const char SQL_NACTORS[] = "SELECT count(*) FROM (SELECT 1 FROM fused_actor WHERE fused=?1 LIMIT 2)";
static const char SQL_COUNTRY[] = "SELECT slug, country FROM entity WHERE id=?1";

/* The fused event's actors, counted up to two; -1 on error. */
static int actors_up_to_two(chr_store *store, int64_t fused)
{
	return (int)chr_sql_int2(store, SQL_NACTORS, fused, 0);
}
/* An actor's type and, when the corpus has it as an entity, its country
 * (a person's, or a demonym's). */
static const char SQL_ACTOR_COUNTRY[] =
	"SELECT p.type, c.id FROM entity p LEFT JOIN entity c ON c.slug=p.country WHERE p.id=?1";
/* The people of a country (?2) the frame's document (?1) names: the
 * country's actor in its frame may be one of them in another report. */
static const char SQL_DOC_PEOPLE_OF[] =
	"SELECT p.id FROM doc_entity de JOIN entity p ON p.id=de.entity WHERE de.doc=?1 AND p.type='PERSON'"
	" AND p.country=(SELECT slug FROM entity WHERE id=?2) LIMIT 4";
/* How many of a fused event's (?1) actors the document (?2) names. */
static const char SQL_ACTORS_NAMED[] =
	"SELECT count(*) FROM fused_actor a JOIN doc_entity de ON de.doc=?2 AND de.entity=a.entity WHERE a.fused=?1";
/* What one frame actor is looked up as: itself, its country or the four
 * people above. */
#define LOOKUPS_PER_ACTOR 5
static const char SQL_NEW[] =
	"INSERT INTO fused(type, cameo, family, date, lo, hi, place, duration, story, nevents)"
	" VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)";
static const char SQL_ACTOR[] =
	"INSERT INTO fused_actor(entity, fused, n, lo, hi, place, story, family, pending)"
	" SELECT ?1, ?2, 1, lo, hi, place, story, family, nevents=0 FROM fused WHERE id=?2 AND true"
	" ON CONFLICT(entity, fused) DO UPDATE SET n=n+1";
/* A value's seq is the number of values its attribute had before it: the
 * order in which they were first reported.  The writer knows it: a first
 * vote is 0, a join's comes from its read of the votes (add_vote). */
static const char SQL_VOTE[] =
	"INSERT INTO fused_value(fused, attr, value, n, seq) VALUES(?1,?2,?3,1,?4)"
	" ON CONFLICT(fused, attr, value) DO UPDATE SET n=n+1";
static const char SQL_REFRESH[] =
	"UPDATE fused SET nevents=nevents+1, type=COALESCE(?2, type), cameo=COALESCE(?3, cameo),"
	" date=?4, lo=?5, hi=?6, place=COALESCE(?7, place), duration=?8 WHERE id=?1";
static const char SQL_DATE_TIES[] =
	"SELECT value FROM fused_value WHERE fused=?1 AND attr='date' AND value<>?2"
	" AND n=(SELECT n FROM fused_value WHERE fused=?1 AND attr='date' AND value=?2)";
static const char SQL_FIRST_VALUES[] = "SELECT type, date, place, duration, nevents, lo, hi FROM fused WHERE id=?1";
static const char SQL_CAMEO_OF[] =
	"SELECT cameo FROM event WHERE fused=?1 AND type=?2 LIMIT 1";

/* Of the fused event's actors, how many the document names; -1 on error. */
static int actors_named_in(chr_store *store, int64_t fused, int64_t doc)
{
	return (int)chr_sql_int2(store, SQL_ACTORS_NAMED, fused, doc);
}

/* The publication dates of an undated event's reports. */
static const char SQL_REPORT_DATES[] =
	"SELECT d.date FROM event e JOIN doc d ON d.id=e.doc WHERE e.fused=?1 AND d.date IS NOT NULL LIMIT 8";
/* Could one of the undated event's articles tell of days [lo, hi]: are
 * they from a month before its publication day to the day after?  1 yes,
 * 0 no, UNDATED_ARTICLES when none of them has a date (nothing says when
 * it happened), -1 on error. */
#define UNDATED_ARTICLES 2
static int reported_around(chr_store *store, int64_t fused, int64_t lo, int64_t hi)
{
	sqlite3_stmt *st = chr_sql(store, SQL_REPORT_DATES);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, fused);
	int fits = 0, dated = 0;
	while (!fits && sqlite3_step(st) == SQLITE_ROW) {
		int64_t day = chr_publication_day(chr_col_text(st, 0));
		dated |= day != 0;
		fits = day && lo <= day + DATE_SLACK_DAYS && hi >= day - LOOKBACK_DAYS;
	}
	sqlite3_reset(st);
	return fits ? 1 : dated ? 0 : UNDATED_ARTICLES;
}

/* The corpus entity of actor id's country (0: none, -1: error); *type
 * gets the actor's type: 'P'erson, p'L'ace, 'O'rg or 'M'isc. */
static int64_t actor_country(chr_store *store, int64_t id, char *type)
{
	sqlite3_stmt *st = chr_sql(store, SQL_ACTOR_COUNTRY);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	int64_t country = 0;
	*type = 0;
	if (sqlite3_step(st) == SQLITE_ROW) {
		*type = chr_entity_type_code(chr_col_text(st, 0));
		country = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	return country;
}

/* Whether two places can be one: the same, or one the other's country. */
static int places_compatible(chr_store *store, int64_t a, int64_t b)
{
	if (!a || !b || a == b)
		return 1;
	char slug[2][128] = { "", "" }, country[2][128] = { "", "" };
	int64_t ids[2] = { a, b };
	for (int k = 0; k < 2; k++) {
		sqlite3_stmt *st = chr_sql(store, SQL_COUNTRY);
		if (!st)
			return 0;
		sqlite3_bind_int64(st, 1, ids[k]);
		if (sqlite3_step(st) == SQLITE_ROW) {
			snprintf(slug[k], sizeof slug[k], "%s", chr_col_text(st, 0));
			snprintf(country[k], sizeof country[k], "%s", chr_col_text(st, 1));
		}
		sqlite3_reset(st);
	}
	return (country[0][0] && strcmp(country[0], slug[1]) == 0) ||
	       (country[1][0] && strcmp(country[1], slug[0]) == 0);
}

static chr_status vote(chr_store *store, int64_t fused, const char *attr, const char *value, int seq)
{
	if (!value || !value[0])
		return CHR_OK;
	sqlite3_stmt *st = chr_sql(store, SQL_VOTE);
	if (!st)
		return CHR_EIO;
	sqlite3_bind_int64(st, 1, fused);
	chr_bind_text(st, 2, attr);
	chr_bind_text(st, 3, value);
	sqlite3_bind_int(st, 4, seq);
	return chr_store_done(store, st, "voting on an event attribute");
}

/* A fused event's leading values, from one read of its votes: per
 * attribute the value with most votes; of tied dates the more precise
 * (longer) one; else the one reported first (lowest seq); of values tied
 * on all three, the first in the table's order.  The dates tied with the
 * leading one are kept for agreed_days.  One statement instead of one per
 * attribute and one for the ties: on a busy corpus most frames join an
 * event that already has reports, and those sorted reads took 8.5% of the
 * writer's instructions at 300,000 documents.  The same read says how
 * many values each attribute has and what the joining frame's own values
 * already hold, so that its votes are counted in C (add_vote) instead of
 * read back. */
#define TIED_DATES 16
enum { VOTE_TYPE, VOTE_DATE, VOTE_PLACE, VOTE_DURATION, VOTE_ATTRS };
static const char *const vote_attrs[VOTE_ATTRS] = { "type", "date", "place", "duration" };
typedef struct vote_rank { int n, len, seq; } vote_rank;
typedef struct leading {
	char value[VOTE_ATTRS][64];             /* per attribute, the leading value ("" none) */
	vote_rank best[VOTE_ATTRS];             /* its rank */
	int nvalues[VOTE_ATTRS];                /* distinct values voted for */
	vote_rank mine[VOTE_ATTRS];             /* the frame's value's (n 0: none yet) */
	int ndates;                             /* date votes kept below */
	int dates_lost;                         /* more than TIED_DATES dates: read the ties */
	struct { char value[32]; int n; } dates[TIED_DATES];
} leading;

static const char SQL_VOTES[] = "SELECT attr, value, n, seq FROM fused_value WHERE fused=?1";

/* length() in SQL counts characters; only dates are ranked by it. */
static int vote_len(int a, const char *value)
{
	int len = 0;
	for (const unsigned char *c = (const unsigned char *)value; a == VOTE_DATE && *c; c++)
		len += (*c & 0xc0) != 0x80;
	return len;
}

/* Whether value (ranked r) leads over attribute a's leader so far.  Rows
 * come in the table's order, by value, so a full tie goes to the smaller. */
static int leads_over(const leading *l, int a, vote_rank r, const char *value)
{
	const vote_rank *b = &l->best[a];
	if (b->n < 0 || r.n != b->n)
		return r.n > b->n;
	if (r.len != b->len)
		return r.len > b->len;
	if (r.seq != b->seq)
		return r.seq < b->seq;
	return strcmp(value, l->value[a]) < 0;
}

static void keep_date(leading *l, const char *value, int n)
{
	for (int k = 0; k < l->ndates; k++)
		if (strcmp(l->dates[k].value, value) == 0) {
			l->dates[k].n = n;
			return;
		}
	if (l->ndates == TIED_DATES) {
		l->dates_lost = 1;
		return;
	}
	snprintf(l->dates[l->ndates].value, sizeof l->dates[0].value, "%s", value);
	l->dates[l->ndates++].n = n;
}

static chr_status read_leading(chr_store *store, int64_t fused, const char *const frame_values[VOTE_ATTRS],
			       leading *out)
{
	for (int a = 0; a < VOTE_ATTRS; a++) {
		out->value[a][0] = '\0';
		out->best[a].n = -1;
		out->nvalues[a] = 0;
		out->mine[a] = (vote_rank){ 0, 0, 0 };
	}
	out->ndates = out->dates_lost = 0;
	sqlite3_stmt *st = chr_sql(store, SQL_VOTES);
	if (!st)
		return CHR_EIO;
	sqlite3_bind_int64(st, 1, fused);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *attr = chr_col_text(st, 0), *value = chr_col_text(st, 1);
		int a = 0;
		while (a < VOTE_ATTRS && strcmp(attr, vote_attrs[a]) != 0)
			a++;
		if (a == VOTE_ATTRS)
			continue;
		vote_rank r = { sqlite3_column_int(st, 2), vote_len(a, value), sqlite3_column_int(st, 3) };
		out->nvalues[a]++;
		if (frame_values[a] && strcmp(value, frame_values[a]) == 0)
			out->mine[a] = r;
		if (a == VOTE_DATE)
			keep_date(out, value, r.n);
		if (leads_over(out, a, r, value)) {
			out->best[a] = r;
			snprintf(out->value[a], sizeof out->value[a], "%s", value);
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? CHR_OK : chr_store_fail(store, "reading an event's votes");
}

/* The joining frame's vote for attribute a, written and counted into the
 * leading values read just before: its value gains one vote, or enters
 * with one, reported after all the attribute's others. */
static chr_status add_vote(chr_store *store, int64_t fused, int a, const char *value, leading *l)
{
	if (!value || !value[0])
		return CHR_OK;
	vote_rank r = l->mine[a];
	if (!r.n)
		r = (vote_rank){ 0, vote_len(a, value), l->nvalues[a]++ };
	r.n++;
	l->mine[a] = r;
	chr_status s = vote(store, fused, vote_attrs[a], value, r.seq);
	if (s != CHR_OK)
		return s;
	if (a == VOTE_DATE)
		keep_date(l, value, r.n);
	if (strcmp(value, l->value[a]) == 0 || leads_over(l, a, r, value)) {
		l->best[a] = r;
		snprintf(l->value[a], sizeof l->value[a], "%s", value);
	}
	return CHR_OK;
}

/* Up to ACTORS_READ actors of fused event id into actors; their number,
 * or -1 on error. */
#define ACTORS_READ 5
static int read_actors(chr_store *store, int64_t id, int64_t actors[ACTORS_READ])
{
	sqlite3_stmt *st = chr_sql(store, SQL_ACTORS_OF);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	int n = 0;
	while (n < ACTORS_READ && sqlite3_step(st) == SQLITE_ROW)
		actors[n++] = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return n;
}

/* 1 when every actor of fused event `id` (at most four) is an actor of
 * fused event `into` or of frame f, 0 when not, -1 on error. */
static int actors_within(chr_store *store, int64_t id, int64_t into, const chr_frame *f)
{
	int64_t actors[ACTORS_READ];
	int n = read_actors(store, id, actors);
	if (n < 0)
		return -1;
	if (n == 0 || n > 4)
		return 0;
	for (int i = 0; i < n; i++) {
		int found = 0;
		for (int a = 0; a < f->nactors && !found; a++)
			found = f->actors[a] == actors[i];
		if (found)
			continue;
		int64_t has = chr_sql_int2(store, SQL_HAS_ACTOR, into, actors[i]);
		if (has <= 0)
			return (int)has;
	}
	return 1;
}

/* Up to MAX_MERGE other fused events the frame also matches: they were one
 * event all along, kept apart only because the frame that links them had
 * not arrived (fusion is incremental). */
#define MAX_MERGE 8

/* Whether an announcement and an event are one occasion, either being the
 * frame f (1 yes, 0 no, -1 error).  "Will meet on Thursday in Vienna" says
 * less than a report: only a dated frame of the same family, on the same
 * days (with the day's slack: "Thursday" for talks that ran into Friday),
 * at a compatible place, naming two of the event's actors as themselves,
 * or all of them when one side names a single actor and both name the
 * same place.  As for reports, a person's country stands in for them only
 * beside a second shared actor ("the delegations will exchange proposals"
 * and Holst and Zhelnin). */
static int announce_fits(chr_store *store, const cand *c, const chr_frame *f, int dated, int64_t lo, int64_t hi)
{
	if (!c->same_family || !dated || !c->dated || c->lo > hi + DATE_SLACK_DAYS || c->hi < lo - DATE_SLACK_DAYS)
		return 0;
	int shared = c->shared >= 2 ? c->shared : c->shared - c->via_country;
	if (shared < 1 || !places_compatible(store, f->place, c->place))
		return 0;
	if (shared >= 2)
		return 1;
	if (!f->place || f->place != c->place)
		return 0;
	if (f->nactors > 1) {
		int nact = actors_up_to_two(store, c->id);
		return nact < 0 ? -1 : nact == 1;
	}
	return 1;
}

/* The other way round from the lookups in find_match: a frame naming
 * countries ("the Kestrian and Dravonian delegations agreed") and an event
 * of their people ("Holst and Zhelnin agreed", stored first) are one as
 * much as when the people's frame comes second, and then the frame's
 * document need not name the people.  A dated candidate (a report, or an
 * announcement waiting for one) that one frame actor found is read for its
 * own actors; a person among them counts for a country the frame names,
 * through the person's country, once each, under the rules that already
 * bound a country standing in for its people.  Returns -1 on error. */
static int count_people_as_countries(chr_store *store, const chr_frame *f, int na, const char *type, cand *cands,
				     size_t n)
{
	unsigned countries = 0;
	for (int a = 0; a < na; a++)
		if (type[a] == 'L')
			countries |= 1u << a;
	for (size_t c = 0; c < n && countries; c++) {
		if (!cands[c].dated || !cands[c].shared || !(countries & ~cands[c].counted))
			continue;
		int64_t actors[ACTORS_READ];
		int nact = read_actors(store, cands[c].id, actors);
		if (nact < 0)
			return -1;
		for (int i = 0; i < nact && cands[c].nmatched < 8; i++) {
			int again = 0;
			for (int m = 0; m < cands[c].nmatched && !again; m++)
				again = cands[c].matched[m] == actors[i];
			if (again)
				continue;
			char its_type;
			int64_t country = actor_country(store, actors[i], &its_type);
			if (country < 0)
				return -1;
			if (its_type != 'P' || !country)
				continue;
			for (int a = 0; a < na; a++) {
				if (!(countries & ~cands[c].counted & 1u << a) || f->actors[a] != country)
					continue;
				cands[c].matched[cands[c].nmatched++] = actors[i];
				cands[c].counted |= 1u << a;
				cands[c].shared++;
				cands[c].via_country++;
				break;
			}
		}
	}
	return 0;
}

static int64_t find_match(chr_store *store, const chr_frame *f, const char *family, int dated, int64_t lo,
			  int64_t hi, int64_t *others, size_t *nothers, int64_t *pend, size_t *npend)
{
	*nothers = 0;
	*npend = 0;
	int ok[CANDIDATES] = { 0 }, near[CANDIDATES] = { 0 }, link_only[CANDIDATES] = { 0 }, scores[CANDIDATES];
	cand cands[CANDIDATES];
	size_t n = 0;
	/* Each frame actor is looked up, and a person also under the country
	 * of their role: "the Kestrian and Dravonian delegations agreed" and
	 * "Holst and Zhelnin agreed" that day are one agreement; a country
	 * also under its people that the same document names.  A demonym
	 * ("the Dravonian parliament", where the document never names
	 * Dravonia) is looked up as its country too, and counts as fully. */
	int64_t look[8 * LOOKUPS_PER_ACTOR];
	int look_actor[8 * LOOKUPS_PER_ACTOR], look_via[8 * LOOKUPS_PER_ACTOR], nlook = 0;
	int na = f->nactors < 8 ? f->nactors : 8;
	char type[8];
	int64_t country[8];
	for (int a = 0; a < na; a++) {
		if ((country[a] = actor_country(store, f->actors[a], &type[a])) < 0)
			return -1;
		/* a country the frame names itself counts once, as itself */
		for (int b = 0; b < na && country[a]; b++)
			if (f->actors[b] == country[a])
				country[a] = 0;
	}
	/* Standing in for each other needs two countries among the frame's
	 * actors: in "Clinton called on the US", or Trump beside Sanders,
	 * everyone is of one country and a country says nothing of who. */
	int64_t seen[8];
	int ncountries = 0;
	for (int a = 0; a < na; a++) {
		int64_t ck = type[a] == 'L' ? f->actors[a] : country[a];
		int dup = !ck;
		for (int b = 0; b < ncountries && !dup; b++)
			dup = seen[b] == ck;
		if (!dup)
			seen[ncountries++] = ck;
	}
	for (int a = 0; a < na; a++) {
		look[nlook] = f->actors[a];
		look_actor[nlook] = a;
		look_via[nlook++] = 0;
		int person = type[a] == 'P';
		if (country[a] && (!person || ncountries >= 2)) {
			look[nlook] = country[a];
			look_actor[nlook] = a;
			look_via[nlook++] = person;
			continue;
		}
		if (type[a] != 'L' || ncountries < 2)
			continue;
		sqlite3_stmt *st = chr_sql(store, SQL_DOC_PEOPLE_OF);
		if (!st)
			return -1;
		sqlite3_bind_int64(st, 1, f->doc);
		sqlite3_bind_int64(st, 2, f->actors[a]);
		while (sqlite3_step(st) == SQLITE_ROW) {
			int64_t p = sqlite3_column_int64(st, 0);
			int own = 0;
			for (int b = 0; b < f->nactors; b++)
				own |= f->actors[b] == p;
			if (own)
				continue;   /* the frame's own actor counts as itself */
			look[nlook] = p;
			look_actor[nlook] = a;
			look_via[nlook++] = 1;
		}
		sqlite3_reset(st);
	}
	for (int k = 0; k < nlook; k++) {
		const char *const queries[3] = { dated ? SQL_CAND_DATED : SQL_CAND_ANY, dated ? SQL_CAND_LONG : NULL,
						  dated && f->place ? SQL_CAND_UNDATED : NULL };
		for (int q = 0; q < 3 && queries[q]; q++) {
			sqlite3_stmt *st = chr_sql(store, queries[q]);
			if (!st)
				return -1;
			sqlite3_bind_int64(st, 1, look[k]);
			chr_bind_text(st, 9, family);
			if (queries[q] == SQL_CAND_DATED) {
				sqlite3_bind_int64(st, 2, lo - DATE_SLACK_DAYS);
				sqlite3_bind_int64(st, 3, hi + DATE_SLACK_DAYS);
			} else if (queries[q] == SQL_CAND_UNDATED) {
				sqlite3_bind_int64(st, 10, f->story);
				sqlite3_bind_int64(st, 11, f->place);
			} else if (queries[q] == SQL_CAND_LONG) {
				sqlite3_bind_int64(st, 2, lo - DATE_SLACK_DAYS - LOOKBACK_DAYS);
				sqlite3_bind_int64(st, 3, lo - DATE_SLACK_DAYS - 1);
				sqlite3_bind_int64(st, 4, lo - DATE_SLACK_DAYS);
			}
			while (sqlite3_step(st) == SQLITE_ROW) {
				int64_t id = sqlite3_column_int64(st, 0);
				size_t c = 0;
				while (c < n && cands[c].id != id)
					c++;
				if (c == n) {
					if (n == CANDIDATES)
						continue;
					cands[n++] = (cand){
						.id = id,
						.dated = sqlite3_column_type(st, 1) != SQLITE_NULL,
						.lo = sqlite3_column_int64(st, 1),
						.hi = sqlite3_column_int64(st, 2),
						.place = sqlite3_column_int64(st, 3),
						.story = sqlite3_column_int64(st, 4),
						.same_family = sqlite3_column_int(st, 5),
						.pending = sqlite3_column_int(st, 7),
						.last_actor = -1,
					};
					snprintf(cands[c].family, sizeof cands[c].family, "%s", chr_col_text(st, 6));
				}
				/* one frame actor counts once, directly or through its
				 * country, and so does each of the event's actors */
				int again = cands[c].last_actor == look_actor[k];
				for (int m = 0; m < cands[c].nmatched && !again; m++)
					again = cands[c].matched[m] == look[k];
				if (!again && cands[c].nmatched < 8) {
					cands[c].matched[cands[c].nmatched++] = look[k];
					cands[c].last_actor = look_actor[k];
					cands[c].counted |= 1u << look_actor[k];
					cands[c].shared++;
					cands[c].via_country += look_via[k];
				}
			}
			sqlite3_reset(st);
		}
	}
	if (dated && ncountries >= 2 && count_people_as_countries(store, f, na, type, cands, n) < 0)
		return -1;
	/* Those whose span misses the frame's days drop out.  An undated
	 * report in a dated article tells of something shortly before it
	 * ("the two sides announced after talks in Vienna"): no later than the
	 * day after, no earlier than a month before.  A dated event in that
	 * window counts as dated for the rules below. */
	size_t kept = 0;
	int window = !dated && f->doc_day > 0;
	for (size_t c = 0; c < n; c++) {
		if (window && cands[c].dated &&
		    (cands[c].lo > f->doc_day + DATE_SLACK_DAYS || cands[c].hi < f->doc_day - LOOKBACK_DAYS))
			continue;
		cands[c].in_window = window && cands[c].dated;
		if (!dated || !cands[c].dated ||
		    (cands[c].lo <= hi + DATE_SLACK_DAYS && cands[c].hi >= lo - DATE_SLACK_DAYS))
			cands[kept++] = cands[c];
	}
	n = kept;
	int64_t best = 0;
	int best_score = -1, tie = 0;
	int announce = strcmp(f->modality, "future") == 0;
	for (size_t c = 0; c < n; c++) {
		/* An announcement joins the event it fits that has been reported,
		 * else the announcements of it, by shared actors, then place. */
		if (announce) {
			int fits = announce_fits(store, &cands[c], f, dated, lo, hi);
			if (fits < 0)
				return -1;
			int score = !cands[c].pending * 64 + cands[c].shared * 4 +
				    (f->place && f->place == cands[c].place ? 2 : 0);
			if (fits && (score > best_score || (score == best_score && cands[c].id > best))) {
				best = cands[c].id;
				best_score = score;
			}
			continue;
		}
		/* An announcement waiting for its event is never the match itself:
		 * it joins whatever this frame joins or starts. */
		if (cands[c].pending) {
			int fits = pend && *npend < MAX_MERGE ? announce_fits(store, &cands[c], f, dated, lo, hi) : 0;
			if (fits < 0)
				return -1;
			if (fits)
				pend[(*npend)++] = cands[c].id;
			continue;
		}
		int need = f->nactors < 2 ? f->nactors : 2;
		/* A country stands for its people only beside a second shared
		 * actor ("Kestria protested" is no report of what one Kestrian
		 * official did that day), and only with a date on both sides:
		 * the same story and place alone are too little for it.  Else
		 * the actors shared as themselves decide. */
		int both_dated = (dated || cands[c].in_window) && cands[c].dated;
		if (cands[c].via_country && (cands[c].shared < 2 || !both_dated)) {
			cands[c].shared -= cands[c].via_country;
			cands[c].via_country = 0;
			if (!cands[c].shared)
				continue;
		}
		if (cands[c].shared < need) {
			/* Without a date on one side, nothing else says a second actor
			 * joined the same event: all of them must be shared. */
			if (!dated || !cands[c].dated)
				continue;
			/* One shared actor is enough when the fused event has only one. */
			int nact = actors_up_to_two(store, cands[c].id);
			if (nact < 0)
				return -1;
			if (cands[c].shared < nact || nact == 0)
				continue;
		}
		/* Without a date on one side, only the same story and the same
		 * named place say it is the same event: an undated background
		 * mention ("the 2023 agreement") must not absorb dated reports. */
		if ((!dated || !cands[c].dated) &&
		    (cands[c].story != f->story || !f->place || f->place != cands[c].place))
			continue;
		/* An undated event takes a dated report only when one of its
		 * articles could tell of that day (the window above, seen from the
		 * other side): a dated report would otherwise fix the date of an
		 * undated column it merely happened to come after.  When none of
		 * its articles has a date, the frame may still link it to the
		 * dated event it joins, never take it as its match: had the
		 * column come in the same batch, its frame would have joined that
		 * event (chr_fuse_deferred), and arriving first must not keep it
		 * apart. */
		if (dated && !cands[c].dated) {
			int fits = reported_around(store, cands[c].id, lo, hi);
			if (fits < 0)
				return -1;
			if (!fits)
				continue;
			link_only[c] = fits == UNDATED_ARTICLES;
		}
		if (!places_compatible(store, f->place, cands[c].place))
			continue;
		/* Another kind of event matches only as the same occasion: two of
		 * the same people, at the same named place, on the same days
		 * ("met in Vienna" and "agreed in Vienna" that day), without the
		 * day's slack: talks open on Monday and agree an agenda on Tuesday. */
		if (!cands[c].same_family &&
		    !(cands[c].shared >= 2 && f->place && f->place == cands[c].place && dated && cands[c].dated &&
		      cands[c].lo <= hi && cands[c].hi >= lo)) {
			near[c] = dated && cands[c].dated;
			continue;
		}
		int score = cands[c].shared * 4 + cands[c].same_family * 3 + (f->place && f->place == cands[c].place ? 2 : 0) +
			    (dated && cands[c].dated && cands[c].lo <= lo && cands[c].hi >= hi ? 1 : 0);
		ok[c] = 1;
		scores[c] = score;
		if (link_only[c])
			continue;
		tie = score == best_score ? 1 : score > best_score ? 0 : tie;
		if (score > best_score || (score == best_score && cands[c].id > best)) {
			best = cands[c].id;
			best_score = score;
		}
	}
	if (announce)
		return best;
	/* An undated frame that two events of its story fit equally well
	 * goes to the one whose other actors its document names too (a column
	 * on "the framework put to both delegations" that also names the
	 * mediator who put it); when that says nothing either, it could be
	 * either and starts its own. */
	if (!dated && tie) {
		int best_named = -1;
		tie = 0;
		for (size_t c = 0; c < n; c++) {
			if (!ok[c] || scores[c] != best_score)
				continue;
			int named = actors_named_in(store, cands[c].id, f->doc);
			if (named < 0)
				return -1;
			tie = named == best_named ? 1 : named > best_named ? 0 : tie;
			if (named > best_named) {
				best_named = named;
				best = cands[c].id;
			}
		}
		if (tie)
			return 0;
	}
	/* An undated frame says nothing of when the events it fits happened:
	 * it links none of them to its match. */
	if (!dated)
		return best;
	int64_t best_place = 0;
	for (size_t c = 0; c < n; c++)
		if (cands[c].id == best)
			best_place = cands[c].place;
	/* A frame links another event it fits to its match when it shares two
	 * actors with it, or when that event has no actor but the match's and
	 * the frame's.  "Lind met officials on Tuesday" fits Lind's talks with
	 * Novak and with Petrov that day and proves neither one meeting: one
	 * person meets several on a day, and merging on one shared actor
	 * chained a day's meetings of a busy person into one event of
	 * hundreds of reports. */
	for (size_t c = 0; c < n && *nothers < MAX_MERGE; c++) {
		if (!ok[c] || cands[c].id == best || !cands[c].same_family ||
		    !places_compatible(store, best_place, cands[c].place))
			continue;
		int links = cands[c].shared >= 2 ? 1 : actors_within(store, cands[c].id, best, f);
		if (links < 0)
			return -1;
		if (links)
			others[(*nothers)++] = cands[c].id;
	}
	/* "talks with Norvia open in Tarn" and "Velt and Lind met in Tarn":
	 * one meeting once "agreed that Norvia will ..." from that meeting
	 * names Norvia too.  An event of the best match's family that this
	 * frame fits but for its kind joins it when all its actors are the
	 * match's or the frame's: it had only come first. */
	const char *best_family = NULL;
	for (size_t c = 0; c < n; c++)
		if (cands[c].id == best)
			best_family = cands[c].family;
	for (size_t c = 0; best_family && c < n && *nothers < MAX_MERGE; c++) {
		if (!near[c] || strcmp(cands[c].family, best_family) != 0 ||
		    !places_compatible(store, best_place, cands[c].place))
			continue;
		int within = actors_within(store, cands[c].id, best, f);
		if (within < 0)
			return -1;
		if (within)
			others[(*nothers)++] = cands[c].id;
	}
	return best;
}

static const char *const merge_sql[] = {
	"UPDATE OR FAIL event SET fused=?1 WHERE fused=?2",
	/* the moved rows take their days and the rest when the merge is done */
	("INSERT INTO fused_actor(entity, fused, n) SELECT entity, ?1, n FROM fused_actor WHERE fused=?2 AND true"
	 " ON CONFLICT(entity, fused) DO UPDATE SET n=n+excluded.n"),
	"DELETE FROM fused_actor WHERE fused=?2",
	("INSERT INTO fused_value(fused, attr, value, n, seq) SELECT ?1, attr, value, n, seq+1000 FROM fused_value"
	 " WHERE fused=?2 AND true ON CONFLICT(fused, attr, value) DO UPDATE SET n=n+excluded.n"),
	"DELETE FROM fused_value WHERE fused=?2",
	"UPDATE fused SET nevents=nevents+(SELECT nevents FROM fused WHERE id=?2) WHERE id=?1",
	"DELETE FROM fused WHERE id=?2",
};

/* What the actor rows copy of a fused event (besides its story and
 * family, which a report joining it leaves as they are). */
typedef struct indexed_state {
	int dated;
	int64_t lo, hi, place;
	int nevents;
} indexed_state;

static chr_status seed_votes(chr_store *store, int64_t fused, indexed_state *before);

/* The days searched for later frames: the agreed date's, and when reports
 * split evenly between it and a day next to it ("Friday" for the session,
 * "Saturday" for the deal signed after midnight), that day too.  Only
 * single days a day's slack apart widen it, so it cannot creep. */
static void widen_to_tie(const char *tied, int64_t day, int64_t *lo, int64_t *hi)
{
	int64_t a, b;
	if (chr_date_span(tied, &a, &b) && a == b && a >= day - DATE_SLACK_DAYS && a <= day + DATE_SLACK_DAYS) {
		*lo = a < *lo ? a : *lo;
		*hi = a > *hi ? a : *hi;
	}
}

static int agreed_days(chr_store *store, int64_t fused, const leading *votes, int64_t *lo, int64_t *hi)
{
	const char *date = votes->value[VOTE_DATE];
	if (!chr_date_span(date, lo, hi))
		return 0;
	if (*lo != *hi)
		return 1;
	int64_t day = *lo;
	if (!votes->dates_lost) {
		for (int k = 0; k < votes->ndates; k++)
			if (votes->dates[k].n == votes->best[VOTE_DATE].n && strcmp(votes->dates[k].value, date) != 0)
				widen_to_tie(votes->dates[k].value, day, lo, hi);
		return 1;
	}
	sqlite3_stmt *st = chr_sql(store, SQL_DATE_TIES);
	if (!st)
		return 1;
	sqlite3_bind_int64(st, 1, fused);
	chr_bind_text(st, 2, date);
	while (sqlite3_step(st) == SQLITE_ROW)
		widen_to_tie(chr_col_text(st, 0), day, lo, hi);
	sqlite3_reset(st);
	return 1;
}

/* Moves everything of fused event `from` into `into`. */
static chr_status merge_fused(chr_store *store, int64_t into, int64_t from)
{
	chr_status s;
	if ((s = seed_votes(store, into, NULL)) != CHR_OK || (s = seed_votes(store, from, NULL)) != CHR_OK)
		return s;
	for (size_t i = 0; i < sizeof merge_sql / sizeof merge_sql[0]; i++)
		if ((s = chr_sql_run2(store, merge_sql[i], into, from, "merging fused events")) != CHR_OK)
			return s;
	return CHR_OK;
}

static chr_status add_actors(chr_store *store, const chr_frame *f, int64_t fused)
{
	for (int a = 0; a < f->nactors; a++) {
		chr_status s = chr_sql_run2(store, SQL_ACTOR, f->actors[a], fused, "storing a fused actor");
		if (s != CHR_OK)
			return s;
	}
	return CHR_OK;
}

/* A fused event of one frame has no votes yet (see below): write its
 * values as the first votes before another frame's are counted. */
static chr_status seed_votes(chr_store *store, int64_t fused, indexed_state *before)
{
	sqlite3_stmt *st = chr_sql(store, SQL_FIRST_VALUES);
	if (!st)
		return CHR_EIO;
	sqlite3_bind_int64(st, 1, fused);
	chr_status s = CHR_OK;
	int row = sqlite3_step(st) == SQLITE_ROW;
	if (before) {
		/* No row reads as an announcement's: the actor rows get updated. */
		*before = (indexed_state){ 0, 0, 0, 0, 0 };
		if (row)
			*before = (indexed_state){ sqlite3_column_type(st, 5) != SQLITE_NULL, sqlite3_column_int64(st, 5),
						   sqlite3_column_int64(st, 6), sqlite3_column_int64(st, 2),
						   sqlite3_column_int(st, 4) };
	}
	if (row && sqlite3_column_int(st, 4) == 1) {
		/* Copied: voting reuses the statement cache.  Its columns come
		 * in vote_attrs' order; with no votes yet, each is its
		 * attribute's first (seq 0). */
		char v[VOTE_ATTRS][64];
		for (int k = 0; k < VOTE_ATTRS; k++)
			snprintf(v[k], sizeof v[k], "%s", chr_col_text(st, k));
		sqlite3_reset(st);
		for (int a = 0; a < VOTE_ATTRS && s == CHR_OK; a++)
			s = vote(store, fused, vote_attrs[a], v[a], 0);
	}
	sqlite3_reset(st);
	return s;
}

/* An announcement that waited for its event joins it: its frames move, its
 * actors (they only made it findable) and its row go. */
static const char *const absorb_sql[] = {
	"UPDATE OR FAIL event SET fused=?1 WHERE fused=?2",
	"DELETE FROM fused_actor WHERE fused=?2",
	"DELETE FROM fused WHERE id=?2 AND nevents=0",
};

static chr_status absorb_pending(chr_store *store, int64_t into, const int64_t *pend, size_t npend)
{
	for (size_t k = 0; k < npend; k++)
		for (size_t i = 0; i < sizeof absorb_sql / sizeof absorb_sql[0]; i++) {
			chr_status s = chr_sql_run2(store, absorb_sql[i], into, pend[k], "joining an announcement");
			if (s != CHR_OK)
				return s;
		}
	return CHR_OK;
}

chr_status chr_fuse_event(chr_store *store, const chr_frame *f, int64_t *fused_out)
{
	*fused_out = 0;
	/* A future frame ("will meet in Vienna on Thursday") is an
	 * announcement: a source of the event it announces, but no report of
	 * it, so it neither votes nor puts anything on the timeline itself. */
	int announce = strcmp(f->modality, "future") == 0;
	if (!f->nactors || (!announce && strcmp(f->modality, "asserted") != 0))
		return CHR_OK;
	const char *family = chr_event_family(f->type);
	int64_t lo = 0, hi = 0;
	int dated = chr_date_span(f->date, &lo, &hi);
	if (announce && !dated)
		return CHR_OK;
	int64_t others[MAX_MERGE], pend[MAX_MERGE];
	size_t nothers = 0, npend = 0;
	int64_t fused = find_match(store, f, family, dated, lo, hi, others, &nothers, announce ? NULL : pend, &npend);
	if (fused < 0)
		return CHR_EIO;
	chr_status s;
	sqlite3_stmt *st;
	if (announce && fused) {
		*fused_out = fused;
		return CHR_OK;
	}
	if (!fused) {
		if (!(st = chr_sql(store, SQL_NEW)))
			return CHR_EIO;
		chr_bind_text(st, 1, f->type);
		chr_bind_text(st, 2, f->cameo);
		chr_bind_text(st, 3, family);
		chr_bind_text(st, 4, dated ? f->date : NULL);
		if (dated) {
			sqlite3_bind_int64(st, 5, lo);
			sqlite3_bind_int64(st, 6, hi);
		}
		if (f->place)
			sqlite3_bind_int64(st, 7, f->place);
		chr_bind_text(st, 8, f->duration);
		sqlite3_bind_int64(st, 9, f->story);
		/* An announcement's row counts no report: it stays off the
		 * timeline, found only by the frames that come to join it. */
		sqlite3_bind_int(st, 10, !announce);
		if ((s = chr_store_done(store, st, "storing a fused event")) != CHR_OK)
			return s;
		fused = sqlite3_last_insert_rowid(store->db);
		/* Most events are reported once: their votes are written only when
		 * a second frame joins (below), which halves the cost of a new one. */
		*fused_out = fused;
		if ((s = add_actors(store, f, fused)) != CHR_OK)
			return s;
		return absorb_pending(store, fused, pend, npend);
	}
	indexed_state before;
	if ((s = seed_votes(store, fused, &before)) != CHR_OK)
		return s;
	for (size_t k = 0; k < nothers; k++)
		if ((s = merge_fused(store, fused, others[k])) != CHR_OK)
			return s;
	if ((s = add_actors(store, f, fused)) != CHR_OK || (s = absorb_pending(store, fused, pend, npend)) != CHR_OK)
		return s;
	char place[24] = "";
	if (f->place)
		snprintf(place, sizeof place, "%lld", (long long)f->place);
	const char *mine[VOTE_ATTRS] = { f->type, dated ? f->date : NULL, place, f->duration };
	leading votes;
	if ((s = read_leading(store, fused, mine, &votes)) != CHR_OK)
		return s;
	for (int a = 0; a < VOTE_ATTRS; a++)
		if ((s = add_vote(store, fused, a, mine[a], &votes)) != CHR_OK)
			return s;
	const char *type = votes.value[VOTE_TYPE], *date = votes.value[VOTE_DATE], *best_place = votes.value[VOTE_PLACE],
		   *duration = votes.value[VOTE_DURATION];
	char cameo[8] = "";
	if (strcmp(type, f->type) == 0) {
		snprintf(cameo, sizeof cameo, "%s", f->cameo);
	} else if ((st = chr_sql(store, SQL_CAMEO_OF)) != NULL) {
		sqlite3_bind_int64(st, 1, fused);
		chr_bind_text(st, 2, type);
		if (sqlite3_step(st) == SQLITE_ROW)
			snprintf(cameo, sizeof cameo, "%s", chr_col_text(st, 0));
		sqlite3_reset(st);
	}
	int64_t best_lo, best_hi;
	int days = agreed_days(store, fused, &votes, &best_lo, &best_hi);
	if (!(st = chr_sql(store, SQL_REFRESH)))
		return CHR_EIO;
	sqlite3_bind_int64(st, 1, fused);
	chr_bind_text(st, 2, type[0] ? type : NULL);
	chr_bind_text(st, 3, cameo[0] ? cameo : NULL);
	chr_bind_text(st, 4, date[0] ? date : NULL);
	/* The span searched for later frames is the agreed date's, not the
	 * union of every frame's: a union would creep a day at a time and
	 * chain a month of one person's statements into one event. */
	if (days) {
		sqlite3_bind_int64(st, 5, best_lo);
		sqlite3_bind_int64(st, 6, best_hi);
	}
	if (best_place[0])
		sqlite3_bind_int64(st, 7, strtoll(best_place, NULL, 10));
	chr_bind_text(st, 8, duration[0] ? duration : NULL);
	if ((s = chr_store_done(store, st, "updating a fused event")) != CHR_OK)
		return s;
	/* The actor index follows the agreed date (and the rest it carries).
	 * Most reports join without changing any of it: their rows, and the
	 * new actors' (copied from the fused row), are then as they should
	 * be, unless a merge brought rows in (they carry none of it). */
	indexed_state after = { days, days ? best_lo : 0, days ? best_hi : 0,
				best_place[0] ? strtoll(best_place, NULL, 10) : before.place, before.nevents + 1 };
	int unchanged = nothers == 0 && before.nevents >= 1 && after.dated == before.dated && after.lo == before.lo &&
			after.hi == before.hi && after.place == before.place;
	if (!unchanged &&
	    (s = chr_sql_run2(store, SQL_ACTOR_DAYS, fused, 0, "indexing a fused event's day")) != CHR_OK)
		return s;
	*fused_out = fused;
	return CHR_OK;
}

int64_t chr_publication_day(const char *date)
{
	int64_t lo, hi;
	return date && chr_date_span(date, &lo, &hi) && lo == hi ? lo : 0;
}

int chr_fuse_defers(const chr_frame *f)
{
	int64_t lo, hi;
	return f->nactors && strcmp(f->modality, "asserted") == 0 && !chr_date_span(f->date, &lo, &hi);
}

/* The deferred frames are those the batch's documents stored without a
 * fused event that would have had one: asserted, with actors, undated. */
/* The batch's documents' events, by the index on doc: left to itself
 * SQLite read the one on fused, which holds every unfused frame of the
 * corpus (millions, at each commit).  Event ids grow with their documents,
 * so (doc, id) is id order. */
static const char SQL_DEFERRED[] =
	"SELECT e.id FROM event e INDEXED BY event_doc WHERE e.doc>=?1 AND e.fused IS NULL AND e.modality='asserted'"
	" AND EXISTS(SELECT 1 FROM event_actor WHERE event=e.id) ORDER BY e.doc, e.id";
static const char SQL_DEFERRED_FRAME[] =
	"SELECT e.doc, d.story, e.type, e.cameo, e.place, e.date, e.duration, d.date FROM event e JOIN doc d ON d.id=e.doc"
	" WHERE e.id=?1";
static const char SQL_EVENT_ACTORS[] = "SELECT entity FROM event_actor WHERE event=?1 LIMIT 8";
static const char SQL_SET_FUSED[] = "UPDATE event SET fused=?2 WHERE id=?1";

static chr_status fuse_stored(chr_store *store, int64_t event)
{
	sqlite3_stmt *st = chr_sql(store, SQL_DEFERRED_FRAME);
	if (!st)
		return CHR_EIO;
	sqlite3_bind_int64(st, 1, event);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return CHR_OK;
	}
	char type[64], cameo[8], date[32], duration[32];
	snprintf(type, sizeof type, "%s", chr_col_text(st, 2));
	snprintf(cameo, sizeof cameo, "%s", chr_col_text(st, 3));
	snprintf(date, sizeof date, "%s", chr_col_text(st, 5));
	snprintf(duration, sizeof duration, "%s", chr_col_text(st, 6));
	chr_frame f = { .event = event, .doc = sqlite3_column_int64(st, 0), .story = sqlite3_column_int64(st, 1),
			.type = type, .cameo = cameo, .modality = "asserted",
			.date = sqlite3_column_type(st, 5) == SQLITE_NULL ? NULL : date,
			.duration = sqlite3_column_type(st, 6) == SQLITE_NULL ? NULL : duration,
			.place = sqlite3_column_int64(st, 4),
			.doc_day = chr_publication_day(chr_col_text(st, 7)) };
	sqlite3_reset(st);
	if (!(st = chr_sql(store, SQL_EVENT_ACTORS)))
		return CHR_EIO;
	sqlite3_bind_int64(st, 1, event);
	while (f.nactors < 8 && sqlite3_step(st) == SQLITE_ROW)
		f.actors[f.nactors++] = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	int64_t fused = 0;
	chr_status s = chr_fuse_event(store, &f, &fused);
	if (s != CHR_OK || !fused)
		return s;
	return chr_sql_run2(store, SQL_SET_FUSED, event, fused, "joining an undated report to its event");
}

chr_status chr_fuse_deferred(chr_store *store, int64_t first_doc)
{
	sqlite3_stmt *st = chr_sql(store, SQL_DEFERRED);
	if (!st)
		return CHR_EIO;
	sqlite3_bind_int64(st, 1, first_doc);
	size_t n = 0, cap = 0;
	int64_t *ids = NULL;
	chr_status s = CHR_OK;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((s = chr_grow(&ids, &cap, n, sizeof *ids, 64)) != CHR_OK)
			break;
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	if (s == CHR_OK && rc != SQLITE_ROW && rc != SQLITE_DONE)
		s = chr_store_fail(store, "reading the undated reports of the batch");
	/* Read first, fused after: fusing writes the rows the read walks. */
	for (size_t i = 0; i < n && s == CHR_OK; i++)
		s = fuse_stored(store, ids[i]);
	free(ids);
	return s;
}
