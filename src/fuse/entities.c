/*
 * entities.c - corpus entities: one row per real-world entity across all
 * documents, found again under other spellings.
 *
 * A document entity (its analysis id, name, type) resolves to:
 *   1. the corpus entity with the same id (slug);
 *   2. else, for a name of two or more words, an entity of the same type
 *      whose spelling key matches (chr_entity_key: Yury/Yuri Ushakov);
 *   3. else, for a one-word person name, the one multi-word person with that
 *      surname, when there is exactly one (Ushakov -> Yury Ushakov);
 *   4. else, in 2 and 3, the same under the name's English-press spelling
 *      when a German or French document gives it in its own romanisation
 *      (chr_entity_respellings: Arkadij Schelnin, Arkadi Jelnine -> Arkady
 *      Zhelnin), and the other way round: an entity such a document created
 *      keeps those respellings in entity_spelling, where the English spelling
 *      finds it;
 *   5. else a new corpus entity.  A new multi-word person also absorbs an
 *      earlier one-word entity with its surname when it is now the only
 *      full name carrying it (the corpus met "Ushakov" first).
 * Every surface form of a mention is kept as an alias.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "fuse/fuse.h"
#include "ingest/docrec.h"
#include "util/fault.h"
#include "util/utf8.h"

/*
 * The writer meets the same entities and aliases again and again; a cache
 * of what is already stored spares most lookups and INSERT OR IGNOREs.
 * Two open-addressing tables of 64-bit keys (xxh3 of the slug, of the id
 * and alias): fixed size, emptied when 3/4 full, when another process has
 * written to the file (store->epoch), and after an absorb.  A hash
 * collision between two slugs (odds about 1e-8 at a million entities)
 * would at worst merge them.
 */
#define CACHE_BITS 20
#define CACHE_SLOTS (1u << CACHE_BITS)

typedef struct slot { uint64_t key; int64_t id; } slot;

struct chr_fuse_cache {
	unsigned epoch;
	size_t nslugs, naliases;
	slot slugs[CACHE_SLOTS];
	uint64_t aliases[CACHE_SLOTS];
};

void chr_fuse_cache_free(struct chr_fuse_cache *cache) { free(cache); }

static struct chr_fuse_cache *cache_of(chr_store *store)
{
	struct chr_fuse_cache *c = store->fuse_cache;
	if (!c) {
		c = store->fuse_cache = chr_calloc(1, sizeof *c);
		if (!c)
			return NULL;
		c->epoch = store->epoch;
	}
	if (c->epoch != store->epoch || c->nslugs > CACHE_SLOTS / 4 * 3 || c->naliases > CACHE_SLOTS / 4 * 3) {
		memset(c, 0, sizeof *c);
		c->epoch = store->epoch;
	}
	return c;
}

static int64_t cached_slug(struct chr_fuse_cache *c, uint64_t key)
{
	for (size_t i = key & (CACHE_SLOTS - 1);; i = (i + 1) & (CACHE_SLOTS - 1)) {
		if (!c->slugs[i].key)
			return 0;
		if (c->slugs[i].key == key)
			return c->slugs[i].id;
	}
}

static void remember_slug(struct chr_fuse_cache *c, uint64_t key, int64_t id)
{
	size_t i = key & (CACHE_SLOTS - 1);
	while (c->slugs[i].key && c->slugs[i].key != key)
		i = (i + 1) & (CACHE_SLOTS - 1);
	if (!c->slugs[i].key)
		c->nslugs++;
	c->slugs[i] = (slot){ key, id };
}

/* 1 if the key was already there; else adds it. */
static int seen_alias(struct chr_fuse_cache *c, uint64_t key)
{
	size_t i = key & (CACHE_SLOTS - 1);
	while (c->aliases[i]) {
		if (c->aliases[i] == key)
			return 1;
		i = (i + 1) & (CACHE_SLOTS - 1);
	}
	c->aliases[i] = key;
	c->naliases++;
	return 0;
}

static uint64_t key_of(const char *s, size_t len, uint64_t seed)
{
	uint64_t k = XXH3_64bits_withSeed(s, len, seed);
	return k ? k : 1;
}

/*
 * Entity counters (documents, mentions) change with nearly every document:
 * they are summed here for the open transaction and written once, by
 * chr_fuse_flush before the commit, instead of an UPDATE per document
 * entity.  Sums left over from a transaction that was rolled back belong
 * to nothing and are dropped (store->txn_seq tells).  Reads of the counters
 * inside a batch may lag by the batch; the one that decides something
 * (MAX_ABSORB_DOCS) adds the pending sum.
 */
#define TALLY_SLOTS (1u << 16)

typedef struct tally_slot { int64_t id, docs, mentions; } tally_slot;

struct chr_entity_tally {
	int64_t txn_seq;
	size_t n;
	tally_slot slots[TALLY_SLOTS];
};

void chr_entity_tally_free(struct chr_entity_tally *tally) { free(tally); }

static struct chr_entity_tally *tally_of(chr_store *store)
{
	struct chr_entity_tally *t = store->entity_tally;
	if (!t && !(t = store->entity_tally = chr_calloc(1, sizeof *t)))
		return NULL;
	if (t->txn_seq != store->txn_seq) {
		memset(t, 0, sizeof *t);
		t->txn_seq = store->txn_seq;
	}
	return t;
}

/* The entity's slot; with `add`, made when missing (the table has room:
 * callers flush it at 3/4). */
static tally_slot *tally_find(struct chr_entity_tally *t, int64_t id, int add)
{
	size_t i = (size_t)(((uint64_t)id * 0x9e3779b97f4a7c15u) >> 48) & (TALLY_SLOTS - 1);
	for (;; i = (i + 1) & (TALLY_SLOTS - 1)) {
		if (t->slots[i].id == id)
			return &t->slots[i];
		if (!t->slots[i].id) {
			if (!add)
				return NULL;
			t->n++;
			t->slots[i].id = id;
			return &t->slots[i];
		}
	}
}

/* The sums of the open transaction, if any (none left from another). */
static struct chr_entity_tally *open_tally(chr_store *store)
{
	struct chr_entity_tally *t = store->entity_tally;
	return t && t->txn_seq == store->txn_seq ? t : NULL;
}

static const char SQL_ADD_COUNTS[] = "UPDATE entity SET docs=docs+?2, mentions=mentions+?3 WHERE id=?1";

chr_status chr_fuse_flush(chr_store *store)
{
	struct chr_entity_tally *t = open_tally(store);
	if (!t || !t->n)
		return CHR_OK;
	for (size_t i = 0; i < TALLY_SLOTS; i++) {
		const tally_slot *s = &t->slots[i];
		if (!s->id || (!s->docs && !s->mentions))
			continue;
		sqlite3_stmt *st = chr_sql(store, SQL_ADD_COUNTS);
		if (!st)
			return CHR_EIO;
		sqlite3_bind_int64(st, 1, s->id);
		sqlite3_bind_int64(st, 2, s->docs);
		sqlite3_bind_int64(st, 3, s->mentions);
		chr_status r = chr_store_done(store, st, "counting entities");
		if (r != CHR_OK)
			return r;
	}
	memset(t->slots, 0, sizeof t->slots);
	t->n = 0;
	return CHR_OK;
}

static chr_status tally_add(chr_store *store, int64_t id, int64_t docs, int64_t mentions)
{
	struct chr_entity_tally *t = tally_of(store);
	if (!t)
		return CHR_ENOMEM;
	if (t->n >= TALLY_SLOTS / 4 * 3) {
		chr_status s = chr_fuse_flush(store);
		if (s != CHR_OK)
			return s;
	}
	tally_slot *s = tally_find(t, id, 1);
	s->docs += docs;
	s->mentions += mentions;
	return CHR_OK;
}

/* The documents counted for the entity in this transaction, not yet stored. */
static int64_t tally_docs(chr_store *store, int64_t id)
{
	struct chr_entity_tally *t = open_tally(store);
	const tally_slot *s = t ? tally_find(t, id, 0) : NULL;
	return s ? s->docs : 0;
}

/* An absorbed entity's pending counts go to the one that absorbs it. */
static chr_status tally_move(chr_store *store, int64_t from, int64_t to)
{
	struct chr_entity_tally *t = open_tally(store);
	tally_slot *s = t ? tally_find(t, from, 0) : NULL;
	if (!s)
		return CHR_OK;
	int64_t docs = s->docs, mentions = s->mentions;
	s->docs = s->mentions = 0;
	return tally_add(store, to, docs, mentions);
}

#define MAX_ALIASES_PER_DOC 8
#define MAX_ALIAS_BYTES 96
/* Absorbing a surname entity rewrites its references; above this many
 * documents it is left alone, so one merge never costs a long pause. */
#define MAX_ABSORB_DOCS 2000

char chr_entity_type_code(const char *type)
{
	if (!type)
		return 'M';
	switch (type[0]) {
	case 'P': return type[1] == 'L' ? 'L' : 'P';
	case 'O': return 'O';
	default: return 'M';
	}
}

static size_t word_count(const char *name)
{
	size_t n = 0;
	int in = 0;
	for (const char *p = name; *p; p++) {
		int sp = *p == ' ' || *p == '-';
		if (!sp && !in)
			n++;
		in = !sp;
	}
	return n;
}

/* The last word of a name. */
static const char *last_word(const char *name)
{
	const char *last = strrchr(name, ' ');
	return last ? last + 1 : name;
}

/* The key of the name's last word. */
static void surname_key(const char *name, char *out, size_t cap)
{
	const char *last = last_word(name);
	chr_entity_key(last, strlen(last), out, cap);
}

static int64_t lookup_one(chr_store *store, const char *sql, const char *a, const char *b, int want_unique)
{
	sqlite3_stmt *st = chr_sql(store, sql);
	if (!st)
		return -1;
	chr_bind_text(st, 1, a);
	if (b)
		chr_bind_text(st, 2, b);
	int64_t id = 0;
	if (sqlite3_step(st) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		if (want_unique && sqlite3_step(st) == SQLITE_ROW)
			id = 0;
	}
	sqlite3_reset(st);
	return id;
}

static const char SQL_BY_SLUG[] = "SELECT id FROM entity WHERE slug=?1";
static const char SQL_BY_KEY[] =
	"SELECT id FROM entity WHERE key=?1 AND type=?2 AND tokens>=2 ORDER BY docs DESC, id LIMIT 1";
static const char SQL_BY_SURNAME[] =
	"SELECT id FROM entity WHERE surname=?1 AND type='PERSON' AND tokens>=2 LIMIT 2";
static const char SQL_BARE[] =
	"SELECT id, docs FROM entity WHERE slug=?1 AND type='PERSON' AND tokens=1";
static const char SQL_BY_RESPELLED[] =
	"SELECT k.entity FROM entity_spelling k JOIN entity e ON e.id=k.entity"
	" WHERE k.key=?1 AND k.surname=0 AND e.type=?2 ORDER BY e.docs DESC, e.id LIMIT 1";
static const char SQL_BY_RESPELLED_SURNAME[] =
	"SELECT DISTINCT k.entity FROM entity_spelling k JOIN entity e ON e.id=k.entity"
	" WHERE k.key=?1 AND k.surname=1 AND e.type='PERSON' LIMIT 2";
/* An entity first named the German or French way takes the English
 * press's spelling when a document gives it. */
static const char SQL_RENAME[] = "UPDATE entity SET name=?2, key=?3, surname=?4 WHERE id=?1";
static const char SQL_ADD_RESPELLED[] =
	"INSERT OR IGNORE INTO entity_spelling(key, surname, entity) VALUES(?1,?2,?3)";
static const char SQL_INSERT[] =
	"INSERT INTO entity(slug, name, type, key, surname, tokens, country) VALUES(?1,?2,?3,?4,?5,?6,?7)";
/* A person's country comes with a role ("Kestrian envoy") that not every
 * report gives: the first report that names one fills it. */
static const char SQL_PERSON_COUNTRY[] =
	"UPDATE entity SET country=?2 WHERE id=?1 AND country IS NULL AND type='PERSON'";
static const char SQL_ALIAS[] = "INSERT OR IGNORE INTO alias(entity, name) VALUES(?1, ?2)";
static const char SQL_DOC_ENTITY[] =
	"INSERT OR IGNORE INTO doc_entity(doc, entity, mentions, roles) VALUES(?,?,?,?)";
static const char SQL_DOC_ENTITY8[] =
	"INSERT OR IGNORE INTO doc_entity(doc, entity, mentions, roles) VALUES" CHR_ROWS8("(?,?,?,?)");

/* What absorbing `from` into `to` rewrites: every reference to an entity. */
static const char *const absorb_sql[] = {
	"UPDATE OR IGNORE doc_entity SET entity=?2 WHERE entity=?1",
	"DELETE FROM doc_entity WHERE entity=?1",
	"UPDATE OR IGNORE event_actor SET entity=?2 WHERE entity=?1",
	"DELETE FROM event_actor WHERE entity=?1",
	"UPDATE OR IGNORE fused_actor SET entity=?2 WHERE entity=?1",
	"DELETE FROM fused_actor WHERE entity=?1",
	"UPDATE OR IGNORE story_entity SET entity=?2 WHERE entity=?1",
	"DELETE FROM story_entity WHERE entity=?1",
	"UPDATE OR FAIL quote SET speaker=?2 WHERE speaker=?1",
	"INSERT OR IGNORE INTO alias(entity, name) SELECT ?2, name FROM alias WHERE entity=?1",
	"UPDATE OR IGNORE entity_spelling SET entity=?2 WHERE entity=?1",
	"DELETE FROM entity_spelling WHERE entity=?1",
	"DELETE FROM alias WHERE entity=?1",
	("UPDATE entity SET docs=docs+(SELECT docs FROM entity WHERE id=?1),"
	 " mentions=mentions+(SELECT mentions FROM entity WHERE id=?1) WHERE id=?2"),
	"DELETE FROM entity WHERE id=?1",
};

static chr_status absorb(chr_store *store, int64_t from, int64_t to)
{
	chr_status m = tally_move(store, from, to);
	if (m != CHR_OK)
		return m;
	for (size_t i = 0; i < sizeof absorb_sql / sizeof absorb_sql[0]; i++) {
		chr_status s = chr_sql_run2(store, absorb_sql[i], from, to, "merging entities");
		if (s != CHR_OK)
			return s;
	}
	return CHR_OK;
}

/* Step 4 of the list on top: a name whose own key found nothing, looked
 * up by the other languages' spellings (whole names of two or more words
 * when `surname` is 0, else a one-word person's surname).  A whole name
 * whose own key is one of an entity's respellings is spelled the English
 * press's way, and the entity takes it as its name.  Returns the entity,
 * 0 or -1. */
static int64_t find_respelled(chr_store *store, const char *name, const char *own_key, const char *lang,
			      const char *type, int surname)
{
	const char *by_respelled = surname ? SQL_BY_RESPELLED_SURNAME : SQL_BY_RESPELLED;
	int64_t id = lookup_one(store, by_respelled, own_key, surname ? NULL : type, surname);
	if (id > 0 && !surname) {
		char last[128];
		surname_key(name, last, sizeof last);
		sqlite3_stmt *st = chr_sql(store, SQL_RENAME);
		if (!st)
			return -1;
		sqlite3_bind_int64(st, 1, id);
		chr_bind_text(st, 2, name);
		chr_bind_text(st, 3, own_key);
		chr_bind_text(st, 4, last);
		if (chr_store_done(store, st, "renaming an entity") != CHR_OK)
			return -1;
	}
	if (id)
		return id;
	char keys[CHR_RESPELLINGS][CHR_KEY_MAX];
	size_t n = chr_entity_respellings(name, strlen(name), lang, keys, CHR_RESPELLINGS);
	for (size_t k = 0; k < n && !id; k++)
		if (!(id = surname ? lookup_one(store, SQL_BY_SURNAME, keys[k], NULL, 1)
				   : lookup_one(store, SQL_BY_KEY, keys[k], type, 0)))
			id = lookup_one(store, by_respelled, keys[k], surname ? NULL : type, surname);
	return id;
}

/* A new entity from a German or French document keeps its English-press
 * spellings, whole and (for a person) of the surname, for step 4. */
static chr_status add_respellings(chr_store *store, int64_t id, const char *name, const char *lang,
				  const char *type, size_t words)
{
	char keys[CHR_RESPELLINGS][CHR_KEY_MAX];
	for (int surname = 0; surname <= 1; surname++) {
		if (words < 2 || (surname && strcmp(type, "PERSON") != 0))
			continue;
		const char *part = surname ? last_word(name) : name;
		size_t n = chr_entity_respellings(part, strlen(part), lang, keys, CHR_RESPELLINGS);
		for (size_t k = 0; k < n; k++) {
			sqlite3_stmt *st = chr_sql(store, SQL_ADD_RESPELLED);
			if (!st)
				return CHR_EIO;
			chr_bind_text(st, 1, keys[k]);
			sqlite3_bind_int(st, 2, surname);
			sqlite3_bind_int64(st, 3, id);
			chr_status s = chr_store_done(store, st, "storing an entity's spelling");
			if (s != CHR_OK)
				return s;
		}
	}
	return CHR_OK;
}

static chr_status resolve(chr_store *store, const char *slug, const char *name, const char *type,
			  const char *country, const char *lang, int64_t *out, int64_t *absorbed)
{
	char key[256], surname[128];
	struct chr_fuse_cache *cache = cache_of(store);
	uint64_t slug_key = key_of(slug, strlen(slug), 0);
	int64_t id = cache ? cached_slug(cache, slug_key) : 0;
	if (id) {
		*out = id;
		return CHR_OK;
	}
	id = lookup_one(store, SQL_BY_SLUG, slug, NULL, 0);
	if (id)
		goto done;
	size_t words = word_count(name);
	chr_entity_key(name, strlen(name), key, sizeof key);
	surname_key(name, surname, sizeof surname);
	if (words >= 2 && (id = lookup_one(store, SQL_BY_KEY, key, type, 0)) != 0)
		goto done;
	if (words == 1 && strcmp(type, "PERSON") == 0 &&
	    (id = lookup_one(store, SQL_BY_SURNAME, surname, NULL, 1)) != 0)
		goto done;
	if (words >= 2 && (id = find_respelled(store, name, key, lang, type, 0)) != 0)
		goto done;
	if (words == 1 && strcmp(type, "PERSON") == 0 && (id = find_respelled(store, name, surname, lang, type, 1)) != 0)
		goto done;
	sqlite3_stmt *st = chr_sql(store, SQL_INSERT);
	if (!st)
		return CHR_EIO;
	chr_bind_text(st, 1, slug);
	chr_bind_text(st, 2, name);
	chr_bind_text(st, 3, type);
	chr_bind_text(st, 4, key);
	chr_bind_text(st, 5, surname);
	sqlite3_bind_int(st, 6, (int)words);
	chr_bind_text(st, 7, country);
	chr_status s = chr_store_done(store, st, "storing an entity");
	if (s != CHR_OK)
		return s;
	id = sqlite3_last_insert_rowid(store->db);
	if ((s = add_respellings(store, id, name, lang, type, words)) != CHR_OK)
		return s;
	if (words >= 2 && strcmp(type, "PERSON") == 0 &&
	    lookup_one(store, SQL_BY_SURNAME, surname, NULL, 1) == id) {
		char bare[128];
		const char *last = last_word(name);
		chr_entity_slug(last, strlen(last), bare, sizeof bare);
		sqlite3_stmt *b = chr_sql(store, SQL_BARE);
		if (!b)
			return CHR_EIO;
		chr_bind_text(b, 1, bare);
		int64_t from = 0, docs = 0;
		if (sqlite3_step(b) == SQLITE_ROW) {
			from = sqlite3_column_int64(b, 0);
			docs = sqlite3_column_int64(b, 1) + tally_docs(store, from);
		}
		sqlite3_reset(b);
		if (from && docs <= MAX_ABSORB_DOCS) {
			if ((s = absorb(store, from, id)) != CHR_OK)
				return s;
			*absorbed = from;
			store->epoch++;   /* the cache may hold the absorbed id */
			cache = cache_of(store);
		}
	}
done:
	if (id < 0)
		return CHR_EIO;
	if (cache)
		remember_slug(cache, slug_key, id);
	*out = id;
	return CHR_OK;
}

static chr_status add_alias(chr_store *store, int64_t id, const char *s, size_t len)
{
	if (!len || len > MAX_ALIAS_BYTES)
		return CHR_OK;
	struct chr_fuse_cache *cache = cache_of(store);
	if (cache && seen_alias(cache, key_of(s, len, (uint64_t)id)))
		return CHR_OK;
	sqlite3_stmt *st = chr_sql(store, SQL_ALIAS);
	if (!st)
		return CHR_EIO;
	sqlite3_bind_int64(st, 1, id);
	chr_bind_textn(st, 2, s, len);
	return chr_store_done(store, st, "storing an alias");
}

/* The entity's roles as one "|"-separated string (bounded). */
static void join_roles(const chr_jv *roles, char *out, size_t cap)
{
	size_t n = 0;
	out[0] = '\0';
	size_t i;
	const chr_jv *r;
	for (i = 0; i < chr_jv_len(roles); i++) {
		r = chr_jv_at(roles, i);
		const char *s = chr_jv_str(r);
		if (!s)
			continue;
		size_t len = strlen(s);
		if (n + len + 2 >= cap)
			break;
		if (n)
			out[n++] = '|';
		memcpy(out + n, s, len);
		n += len;
		out[n] = '\0';
	}
}

/* A document's entity rows wait until all its entities are resolved, and
 * go in eight a statement (chr_store_rows). */
typedef struct doc_entity_row {
	int64_t id, mentions;
	char roles[512];
} doc_entity_row;

static int row_seen(const doc_entity_row *rows, size_t n, int64_t id)
{
	for (size_t k = 0; k < n; k++)
		if (rows[k].id == id)
			return 1;
	return 0;
}

static void bind_doc_entity(sqlite3_stmt *st, int first, const void *row, const void *doc)
{
	const doc_entity_row *r = row;
	sqlite3_bind_int64(st, first, *(const int64_t *)doc);
	sqlite3_bind_int64(st, first + 1, r->id);
	sqlite3_bind_int64(st, first + 2, r->mentions);
	chr_bind_text(st, first + 3, r->roles[0] ? r->roles : NULL);
}

/* Stores the rows, the first of each entity (an absorbed entity's rows
 * now carry the id that absorbed it). */
static chr_status store_doc_entities(chr_store *store, int64_t doc, doc_entity_row *rows, size_t n)
{
	size_t kept = 0;
	for (size_t i = 0; i < n; i++)
		if (!row_seen(rows, kept, rows[i].id))
			rows[kept++] = rows[i];
	return chr_store_rows(store, SQL_DOC_ENTITY, SQL_DOC_ENTITY8, 4, rows, sizeof *rows, kept, bind_doc_entity,
			      &doc, "storing document entities");
}

chr_status chr_fuse_entities(chr_store *store, int64_t doc, const chr_jv *root, const char *lang,
			     const char *text, size_t text_len, chr_entity_map *map)
{
	map->refs = NULL;
	map->n = 0;
	const chr_jv *ents = chr_js_array(root, "entities");
	size_t count = ents ? chr_jv_len(ents) : 0;
	if (!count)
		return CHR_OK;
	map->refs = chr_calloc(count, sizeof *map->refs);
	doc_entity_row *rows = chr_malloc(count * sizeof *rows);
	size_t nrows = 0;
	if (!map->refs || !rows) {
		free(rows);
		return CHR_ENOMEM;
	}
	chr_status s = CHR_OK;
	for (size_t i = 0; i < count && s == CHR_OK; i++) {
		const chr_jv *e = chr_jv_at(ents, i);
		const char *slug = chr_js_str(e, "id"), *name = chr_js_str(e, "name"), *type = chr_js_str(e, "type");
		if (!slug || !slug[0] || !name || !name[0] || strlen(slug) > 200 || strlen(name) > 200)
			continue;
		if (!type)
			type = "MISC";
		int64_t id = 0, absorbed = 0;
		const char *country = chr_js_str(e, "country");
		if ((s = resolve(store, slug, name, type, country, lang, &id, &absorbed)) != CHR_OK)
			break;
		if (country && country[0] && strcmp(type, "PERSON") == 0) {
			sqlite3_stmt *st = chr_sql(store, SQL_PERSON_COUNTRY);
			if (!st) {
				s = CHR_EIO;
				break;
			}
			sqlite3_bind_int64(st, 1, id);
			chr_bind_text(st, 2, country);
			if ((s = chr_store_done(store, st, "storing a person's country")) != CHR_OK)
				break;
		}
		/* A surname this document resolved earlier now lives in the new entity. */
		for (size_t k = 0; absorbed && k < map->n; k++)
			if (map->refs[k].id == absorbed)
				map->refs[k].id = id;
		for (size_t k = 0; absorbed && k < nrows; k++)
			if (rows[k].id == absorbed)
				rows[k].id = id;
		map->refs[map->n].slug = slug;
		map->refs[map->n].id = id;
		map->refs[map->n].type = chr_entity_type_code(type);
		map->refs[map->n].stands_for = 0;
		if (country && country[0] && map->refs[map->n].type == 'M' &&
		    (map->refs[map->n].stands_for = lookup_one(store, SQL_BY_SLUG, country, NULL, 0)) < 0) {
			s = CHR_EIO;
			break;
		}
		map->n++;
		/* Aliases: the name and the distinct surface forms of mentions. */
		if ((s = add_alias(store, id, name, strlen(name))) != CHR_OK)
			break;
		const chr_jv *mentions = chr_js_array(e, "mentions");
		size_t nm = mentions ? chr_jv_len(mentions) : 0, kept = 0;
		for (size_t k = 0; k < nm && kept < MAX_ALIASES_PER_DOC && s == CHR_OK; k++) {
			const chr_jv *m = chr_jv_at(mentions, k);
			int64_t a = 0, b = 0;
			if (!chr_jv_int(chr_jv_at(m, 0), &a) || !chr_jv_int(chr_jv_at(m, 1), &b) || a < 0 || b <= a ||
			    (size_t)b > text_len || !chr_utf8_boundary(text, text_len, (size_t)a) ||
			    !chr_utf8_boundary(text, text_len, (size_t)b))
				continue;
			s = add_alias(store, id, text + a, (size_t)(b - a));
			kept++;
		}
		if (s != CHR_OK)
			break;
		doc_entity_row *r = &rows[nrows];
		r->id = id;
		r->mentions = (int64_t)nm;
		join_roles(chr_js_array(e, "roles"), r->roles, sizeof r->roles);
		/* counted now, as the entities after it are resolved with it */
		if (!row_seen(rows, nrows++, id))
			s = tally_add(store, id, 1, (int64_t)nm);
	}
	if (s == CHR_OK)
		s = store_doc_entities(store, doc, rows, nrows);
	free(rows);
	return s;
}

const chr_entity_ref *chr_entity_map_ref(const chr_entity_map *map, const char *slug)
{
	for (size_t i = 0; slug && i < map->n; i++)
		if (strcmp(map->refs[i].slug, slug) == 0)
			return &map->refs[i];
	return NULL;
}

int64_t chr_entity_map_get(const chr_entity_map *map, const char *slug)
{
	const chr_entity_ref *r = chr_entity_map_ref(map, slug);
	return r ? r->id : 0;
}

int64_t chr_entity_map_actor(const chr_entity_map *map, const char *slug)
{
	const chr_entity_ref *r = chr_entity_map_ref(map, slug);
	return !r ? 0 : r->stands_for ? r->stands_for : r->id;
}

