/*
 * conflicts.c - where sources disagree.
 *
 * - Within one fused event: its frames' dates (values of which neither
 *   contains the other: "2025-12-02" vs "2025-12-03", not "2025-12" vs
 *   "2025-12-03"), durations, and the claims made in its sentences ("a
 *   three-hour meeting" vs "five hours", "a 12-point framework" vs "the
 *   14-point framework").
 * - Within one story: claims about the same subject and attribute with
 *   different values (a 27-point plan vs a 28-point plan).  Claims about a
 *   meeting are only compared inside their fused event: two meetings of one
 *   story may well have lasted three and five hours.
 * - Roles: a person called "former X" in one document of a story while
 *   other documents of that story call them "X".
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "query/query_int.h"

#define MAX_VALUES 16
/* Table columns: an event's own claims name their subject too
 * ("framework points"). */
#define SUBJECT_WIDTH 28
#define ATTRIBUTE_WIDTH 18
#define MAX_DOCS_PER_VALUE 64

typedef struct vgroup {
	char value[128];
	int numeric;
	double number;
	char *docs[MAX_DOCS_PER_VALUE];
	int ndocs;
} vgroup;

typedef struct vset {
	vgroup g[MAX_VALUES];
	int n;
} vset;

static void vset_clear(vset *v)
{
	for (int i = 0; i < v->n; i++)
		for (int k = 0; k < v->g[i].ndocs; k++)
			free(v->g[i].docs[k]);
	v->n = 0;
}

static void vset_add(vset *v, const char *value, int numeric, double number, const char *doc)
{
	if (!value || !value[0])
		return;
	int i = 0;
	while (i < v->n && strcmp(v->g[i].value, value) != 0)
		i++;
	if (i == v->n) {
		if (v->n == MAX_VALUES)
			return;
		vgroup *g = &v->g[v->n++];
		snprintf(g->value, sizeof g->value, "%s", value);
		g->numeric = numeric;
		g->number = number;
		g->ndocs = 0;
	}
	vgroup *g = &v->g[i];
	for (int k = 0; k < g->ndocs; k++)
		if (strcmp(g->docs[k], doc) == 0)
			return;
	if (g->ndocs < MAX_DOCS_PER_VALUE) {
		char *copy = strdup(doc);
		if (copy)
			g->docs[g->ndocs++] = copy;
	}
}

/* Dates conflict only when neither value contains the other. */
static int dates_disagree(const vset *v)
{
	for (int i = 0; i < v->n; i++)
		for (int k = i + 1; k < v->n; k++) {
			const char *a = v->g[i].value, *b = v->g[k].value;
			size_t la = strlen(a), lb = strlen(b);
			if (strncmp(a, b, la < lb ? la : lb) != 0)
				return 1;
		}
	return 0;
}

static chr_status vset_json(chr_buf *b, const vset *v)
{
	chr_status s = chr_buf_puts(b, "\"values\":[");
	for (int i = 0; i < v->n && s == CHR_OK; i++) {
		s = chr_buf_puts(b, i ? ",{\"value\":" : "{\"value\":");
		if (s == CHR_OK)
			s = v->g[i].numeric ? chr_json_number(b, v->g[i].number) : chr_json_cstr(b, v->g[i].value);
		if (s == CHR_OK)
			s = chr_buf_puts(b, ",\"docs\":[");
		for (int k = 0; k < v->g[i].ndocs && s == CHR_OK; k++) {
			if (k)
				s = chr_buf_putc(b, ',');
			if (s == CHR_OK)
				s = chr_json_cstr(b, v->g[i].docs[k]);
		}
		if (s == CHR_OK)
			s = chr_buf_puts(b, "]}");
	}
	return s == CHR_OK ? chr_buf_putc(b, ']') : s;
}

static const char SQL_EVENT_VALUES[] =
	"SELECT ev.date, ev.duration, d.name FROM event ev JOIN doc d ON d.id=ev.doc WHERE ev.fused=?1"
	" AND ev.modality='asserted' ORDER BY d.id";
/* A claim about the meeting is keyed by its attribute ("hours"), another
 * by its subject too ("framework points"); a bare count ("two officials",
 * subject and attribute alike) says nothing about the event. */
static const char SQL_EVENT_CLAIMS[] =
	"SELECT CASE WHEN c.subject='meeting' THEN c.attribute ELSE c.subject || ' ' || c.attribute END AS k,"
	" c.value, d.name FROM claim c JOIN event ev ON ev.id=c.event JOIN doc d ON d.id=c.doc"
	" WHERE ev.fused=?1 AND ev.modality='asserted' AND (c.subject='meeting' OR c.subject<>c.attribute)"
	" ORDER BY k, c.value, d.id";

/* Called once per disagreement with its group key (an attribute, or a
 * story's subject and attribute) and its values. */
typedef chr_status (*conflict_fn)(void *ctx, const char *key, const vset *v);

static chr_status claim_groups(sqlite3_stmt *st, int attr_col, int value_col, int doc_col, conflict_fn fn,
			       void *ctx)
{
	vset v = { .n = 0 };
	char attr[160] = "";
	chr_status s = CHR_OK;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && s == CHR_OK) {
		const char *a = chr_col_text(st, attr_col);
		if (strcmp(a, attr) != 0) {
			if (v.n > 1)
				s = fn(ctx, attr, &v);
			vset_clear(&v);
			snprintf(attr, sizeof attr, "%s", a);
		}
		double num = sqlite3_column_double(st, value_col);
		char text[48];
		snprintf(text, sizeof text, "%.6g", num);
		vset_add(&v, text, 1, num, chr_col_text(st, doc_col));
	}
	if (s == CHR_OK && v.n > 1)
		s = fn(ctx, attr, &v);
	vset_clear(&v);
	sqlite3_reset(st);
	return s;
}

/* Calls fn for each disagreement inside one fused event. */
static chr_status event_conflicts(chr_store *store, int64_t fused, conflict_fn fn, void *ctx)
{
	sqlite3_stmt *st = chr_sql(store, SQL_EVENT_VALUES);
	if (!st)
		return CHR_EIO;
	sqlite3_bind_int64(st, 1, fused);
	vset dates = { .n = 0 }, durations = { .n = 0 };
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *doc = chr_col_text(st, 2);
		vset_add(&dates, chr_col_text(st, 0), 0, 0, doc);
		vset_add(&durations, chr_col_text(st, 1), 0, 0, doc);
	}
	sqlite3_reset(st);
	chr_status s = CHR_OK;
	if (dates.n > 1 && dates_disagree(&dates))
		s = fn(ctx, "date", &dates);
	if (s == CHR_OK && durations.n > 1)
		s = fn(ctx, "duration", &durations);
	vset_clear(&dates);
	vset_clear(&durations);
	if (s != CHR_OK)
		return s;
	if (!(st = chr_sql(store, SQL_EVENT_CLAIMS)))
		return CHR_EIO;
	sqlite3_bind_int64(st, 1, fused);
	return claim_groups(st, 0, 1, 2, fn, ctx);
}

typedef struct json_ctx {
	chr_buf *b;
	int count;
} json_ctx;

static chr_status add_event_conflict(void *vctx, const char *attribute, const vset *v)
{
	json_ctx *c = vctx;
	chr_status s = chr_buf_puts(c->b, c->count++ ? ",{\"attribute\":" : "{\"attribute\":");
	if (s == CHR_OK)
		s = chr_json_cstr(c->b, attribute);
	if (s == CHR_OK)
		s = chr_buf_putc(c->b, ',');
	if (s == CHR_OK)
		s = vset_json(c->b, v);
	return s == CHR_OK ? chr_buf_putc(c->b, '}') : s;
}

chr_status chr_event_conflicts_json(chr_store *store, int64_t fused, chr_buf *b, int *count)
{
	json_ctx c = { b, 0 };
	chr_status s = chr_buf_putc(b, '[');
	if (s == CHR_OK)
		s = event_conflicts(store, fused, add_event_conflict, &c);
	*count = c.count;
	return s == CHR_OK ? chr_buf_putc(b, ']') : s;
}

/* ---- the conflicts query ---- */

typedef struct line_ctx {
	chr_store *store;
	const chr_qfilter *f;
	FILE *out;
	chr_buf *b;
	const char *subject;
	int64_t story, event;
	size_t emitted;
} line_ctx;

static chr_status emit_conflict(void *vctx, const char *attribute, const vset *v)
{
	line_ctx *c = vctx;
	if (c->f->q->limit && c->emitted >= c->f->q->limit)
		return CHR_OK;
	c->emitted++;
	chr_buf *b = c->b;
	if (!c->f->q->json) {
		char values[256] = "";
		size_t n = 0;
		for (int i = 0; i < v->n && n < sizeof values - 1; i++)
			n += (size_t)snprintf(values + n, sizeof values - n, "%s%s (%d)", i ? " vs " : "",
					      v->g[i].value, v->g[i].ndocs);
		chr_cell(c->out, c->subject, SUBJECT_WIDTH);
		chr_cell(c->out, attribute, ATTRIBUTE_WIDTH);
		fprintf(c->out, "%s\n", values);
		return ferror(c->out) ? CHR_EIO : CHR_OK;
	}
	chr_status s = chr_buf_puts(b, "{\"subject\":");
	if (s == CHR_OK)
		s = chr_json_cstr(b, c->subject);
	if (s == CHR_OK)
		s = chr_buf_puts(b, ",\"attribute\":");
	if (s == CHR_OK)
		s = chr_json_cstr(b, attribute);
	if (s == CHR_OK)
		s = chr_buf_putc(b, ',');
	if (s == CHR_OK)
		s = vset_json(b, v);
	if (s == CHR_OK && c->event)
		s = chr_buf_printf(b, ",\"event\":%lld", (long long)c->event);
	if (s == CHR_OK && c->story)
		s = chr_buf_printf(b, ",\"story\":%lld", (long long)c->story);
	if (s == CHR_OK)
		s = chr_buf_putc(b, '}');
	return s == CHR_OK ? chr_emit_line(b, c->out) : s;
}

static const char SQL_STORY_CLAIMS[] =
	"SELECT d.story || char(31) || c.subject || char(31) || c.attribute, c.value, d.name FROM claim c"
	" JOIN doc d ON d.id=c.doc WHERE c.subject<>'meeting' AND (?1 IS NULL OR d.story=?1)"
	" ORDER BY d.story, c.subject, c.attribute, c.value, d.id";
static const char SQL_FUSED_WITH_EVIDENCE[] =
	"SELECT f.id, f.type, f.date, f.story FROM fused f WHERE (?1 IS NULL OR f.story=?1)"
	" AND (f.nevents>1) ORDER BY f.date, f.id";
static const char SQL_FORMER[] =
	"SELECT DISTINCT de.entity, d.story FROM doc_entity de JOIN doc d ON d.id=de.doc"
	" WHERE de.roles LIKE '%former %' AND (?1 IS NULL OR d.story=?1) ORDER BY d.story, de.entity";
static const char SQL_ROLES[] =
	"SELECT de.roles, d.name FROM doc_entity de JOIN doc d ON d.id=de.doc"
	" WHERE de.entity=?1 AND d.story=?2 AND de.roles IS NOT NULL ORDER BY d.id";
static const char SQL_ENTITY_NAME[] = "SELECT name FROM entity WHERE id=?1";

/* A story-level group's key is "story<US>subject<US>attribute". */
static chr_status emit_story_conflict(void *vctx, const char *key, const vset *v)
{
	line_ctx *c = vctx;
	char subject[160];
	snprintf(subject, sizeof subject, "%s", key);
	char *us1 = strchr(subject, 31), *us2 = us1 ? strchr(us1 + 1, 31) : NULL;
	if (!us2)
		return CHR_OK;
	*us1 = *us2 = '\0';
	c->story = strtoll(subject, NULL, 10);
	c->subject = us1 + 1;
	c->event = 0;
	return emit_conflict(c, us2 + 1, v);
}

/* The stories' claims: one conflict per (subject, attribute) with two values. */
static chr_status story_claims(chr_store *store, line_ctx *c)
{
	sqlite3_stmt *st = chr_sql(store, SQL_STORY_CLAIMS);
	if (!st)
		return CHR_EIO;
	if (c->f->q->story)
		sqlite3_bind_int64(st, 1, c->f->q->story);
	return claim_groups(st, 0, 1, 2, emit_story_conflict, c);
}

static chr_status event_level(chr_store *store, line_ctx *c)
{
	sqlite3_stmt *st = chr_sql(store, SQL_FUSED_WITH_EVIDENCE);
	if (!st)
		return CHR_EIO;
	if (c->f->q->story)
		sqlite3_bind_int64(st, 1, c->f->q->story);
	/* The inner queries are other statements: SQLite runs them nested. */
	chr_status s = CHR_OK;
	while (sqlite3_step(st) == SQLITE_ROW && s == CHR_OK) {
		char subject[128];
		snprintf(subject, sizeof subject, "event %lld (%s %s)", (long long)sqlite3_column_int64(st, 0),
			 chr_col_text(st, 1), sqlite3_column_type(st, 2) == SQLITE_NULL ? "undated" : chr_col_text(st, 2));
		c->subject = subject;
		c->event = sqlite3_column_int64(st, 0);
		c->story = sqlite3_column_int64(st, 3);
		s = event_conflicts(store, c->event, emit_conflict, c);
	}
	sqlite3_reset(st);
	return s;
}

/* Splits "a|b|c" roles in place; returns the count. */
static int split_roles(char *s, char **out, int cap)
{
	int n = 0;
	for (char *p = s; p && *p && n < cap;) {
		out[n++] = p;
		p = strchr(p, '|');
		if (p)
			*p++ = '\0';
	}
	return n;
}

/* One role one document gave the entity (both point into the rows). */
typedef struct role_of_doc {
	const char *role, *doc;
} role_of_doc;

typedef struct role_row {
	char roles[512];
	char doc[128];
} role_row;

#define MAX_ROLE_ROWS 4096
#define ROLES_PER_ROW 16
#define FORMER_PER_ENTITY 8

static int is_former(const char *role) { return strncasecmp(role, "former ", 7) == 0; }

/* "former X" against "X" for one X: the documents on each side; emitted
 * when both sides have some. */
static chr_status former_conflict(chr_store *store, line_ctx *c, int64_t entity, int64_t story,
				  const role_of_doc *pairs, size_t npairs, const char *former)
{
	const char *base = former + 7;
	vset v = { .n = 0 }, current = { .n = 0 };
	for (size_t j = 0; j < npairs; j++) {
		if (is_former(pairs[j].role) && strcasecmp(pairs[j].role + 7, base) == 0)
			vset_add(&v, former, 0, 0, pairs[j].doc);
		else if (strcasecmp(pairs[j].role, base) == 0)
			vset_add(&current, pairs[j].role, 0, 0, pairs[j].doc);
	}
	chr_status s = CHR_OK;
	if (current.n) {
		/* One value for "X" whatever its capitalisation, in the first
		 * document's wording. */
		for (int h = 0; h < current.n; h++)
			for (int g = 0; g < current.g[h].ndocs; g++)
				vset_add(&v, current.g[0].value, 0, 0, current.g[h].docs[g]);
		char name[128] = "";
		sqlite3_stmt *ns = chr_sql(store, SQL_ENTITY_NAME);
		if (!ns) {
			s = CHR_EIO;
		} else {
			sqlite3_bind_int64(ns, 1, entity);
			if (sqlite3_step(ns) == SQLITE_ROW)
				snprintf(name, sizeof name, "%s", chr_col_text(ns, 0));
			sqlite3_reset(ns);
			c->subject = name;
			c->story = story;
			c->event = 0;
			s = emit_conflict(c, "role", &v);
		}
	}
	vset_clear(&v);
	vset_clear(&current);
	return s;
}

/* One entity in one story: every document's roles are split once into
 * (role, document) pairs, then each distinct "former X" costs one pass. */
static chr_status entity_role_conflicts(chr_store *store, line_ctx *c, int64_t entity, int64_t story)
{
	role_row *rows = NULL;
	role_of_doc *pairs = NULL;
	size_t nrows = 0, cap = 0, npairs = 0;
	chr_status s = CHR_OK;
	sqlite3_stmt *r = chr_sql(store, SQL_ROLES);
	if (!r)
		return CHR_EIO;
	sqlite3_bind_int64(r, 1, entity);
	sqlite3_bind_int64(r, 2, story);
	while (sqlite3_step(r) == SQLITE_ROW && nrows < MAX_ROLE_ROWS) {
		if (nrows == cap) {
			cap = cap ? cap * 2 : 16;
			role_row *grown = realloc(rows, cap * sizeof *rows);
			if (!grown) {
				s = CHR_ENOMEM;
				break;
			}
			rows = grown;
		}
		snprintf(rows[nrows].roles, sizeof rows[nrows].roles, "%s", chr_col_text(r, 0));
		snprintf(rows[nrows].doc, sizeof rows[nrows].doc, "%s", chr_col_text(r, 1));
		nrows++;
	}
	sqlite3_reset(r);
	if (s == CHR_OK && nrows && !(pairs = malloc(nrows * ROLES_PER_ROW * sizeof *pairs)))
		s = CHR_ENOMEM;
	for (size_t i = 0; s == CHR_OK && i < nrows; i++) {
		char *roles[ROLES_PER_ROW];
		int nr = split_roles(rows[i].roles, roles, ROLES_PER_ROW);
		for (int k = 0; k < nr; k++)
			pairs[npairs++] = (role_of_doc){ roles[k], rows[i].doc };
	}
	const char *done[FORMER_PER_ENTITY];
	int ndone = 0;
	for (size_t i = 0; s == CHR_OK && i < npairs && ndone < FORMER_PER_ENTITY; i++) {
		if (!is_former(pairs[i].role))
			continue;
		int seen = 0;
		for (int d = 0; d < ndone && !seen; d++)
			seen = strcasecmp(done[d], pairs[i].role) == 0;
		if (seen)
			continue;
		done[ndone++] = pairs[i].role;
		s = former_conflict(store, c, entity, story, pairs, npairs, pairs[i].role);
	}
	free(pairs);
	free(rows);
	return s;
}

static chr_status role_conflicts(chr_store *store, line_ctx *c)
{
	sqlite3_stmt *st = chr_sql(store, SQL_FORMER);
	if (!st)
		return CHR_EIO;
	if (c->f->q->story)
		sqlite3_bind_int64(st, 1, c->f->q->story);
	chr_status s = CHR_OK;
	while (s == CHR_OK && sqlite3_step(st) == SQLITE_ROW) {
		int64_t entity = sqlite3_column_int64(st, 0), story = sqlite3_column_int64(st, 1);
		if (c->f->has_actor && !chr_qfilter_actor(c->f, entity))
			continue;
		s = entity_role_conflicts(store, c, entity, story);
	}
	sqlite3_reset(st);
	return s;
}

chr_status chr_query_conflicts(chr_store *store, const chr_qfilter *f, FILE *out)
{
	chr_buf b;
	chr_buf_init(&b, 0);
	line_ctx c = { .store = store, .f = f, .out = out, .b = &b };
	if (!f->q->json) {
		chr_cell(out, "SUBJECT", SUBJECT_WIDTH);
		chr_cell(out, "ATTRIBUTE", ATTRIBUTE_WIDTH);
		fputs("VALUES (documents)\n", out);
	}
	chr_status s = CHR_OK;
	if (!f->has_actor)
		s = story_claims(store, &c);
	if (s == CHR_OK && !f->has_actor)
		s = event_level(store, &c);
	if (s == CHR_OK)
		s = role_conflicts(store, &c);
	chr_buf_free(&b);
	return s;
}
