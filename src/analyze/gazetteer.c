/*
 * gazetteer.c - analyze stage: the entity lists of data/gazetteer/, built
 * into hash tables of token n-grams once per process.
 *
 * Each list file is tokenised in one chr_tokenize call, so a listed name
 * is split exactly as the same words in an article are; the names of a
 * line are then the tokens inside each tab- or bar-separated field.  A
 * name of n tokens is stored under the chr_key_combine of its keys, and
 * each of its shorter prefixes is marked, so matching stops at the first
 * token that no listed name continues with.
 *
 * Memory: open-addressing tables (16 bytes a slot, at most half full), the
 * entry array and one string pool, all from plain malloc (not chr_malloc:
 * a default gazetteer that failed under injected faults would otherwise
 * stay failed for the rest of the process; see chr_gaz_default).
 */
#include "analyze/gazetteer.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "util/data.h"

#define MAX_NAME_TOKENS 16
#define PREFIX_BIT 0x80000000u

enum { W_FIRST = 1, W_STOP = 2, W_DEMONYM = 4 };

/* Key 0 marks an empty slot; a real key 0 is stored as 1. */
typedef struct slot {
	uint64_t key;
	uint32_t a, b;
} slot;

typedef struct table {
	slot *s;
	size_t cap, n;   /* cap is a power of two, n <= cap / 2 */
} table;

typedef struct pool_chunk {
	struct pool_chunk *next;
	size_t used, cap;
	char data[];
} pool_chunk;

typedef struct demonym {
	const char *slug;
	const char *country_id;
} demonym;

/* A bit per hashed first-token key of every name and title: most tokens of
 * a text start neither, and this 8 KB table (L1-resident) says so without
 * a probe into the large tables. */
#define FIRST_FILTER_BITS (1u << 16)

struct chr_gazetteer {
	uint64_t name_first[FIRST_FILTER_BITS / 64];       /* names written capitalised */
	uint64_t name_first_lower[FIRST_FILTER_BITS / 64]; /* names opening in lowercase (al-, de) */
	uint64_t title_first[FIRST_FILTER_BITS / 64];
	table names;    /* a: entry + 1 (0: prefix only) | PREFIX_BIT; b: capmask | rank << 16 */
	table titles;   /* a: 1 for a whole title | PREFIX_BIT */
	table words;    /* a: W_* flags; b: demonym + 1 */
	table ids;      /* key: id hash; a: entry + 1 */
	chr_gaz_entry *ent;
	size_t nent, ent_alloc;
	demonym *dem;
	size_t ndem, dem_alloc;
	pool_chunk *pool;
	chr_gaz_stats stats;
};

static uint64_t fix_key(uint64_t k)
{
	return k ? k : 1;
}

static void first_filter_add(uint64_t *filter, uint64_t key)
{
	uint32_t bit = (uint32_t)(key >> 48) & (FIRST_FILTER_BITS - 1);
	filter[bit >> 6] |= 1ull << (bit & 63);
}

static int first_filter_has(const uint64_t *filter, uint64_t key)
{
	uint32_t bit = (uint32_t)(key >> 48) & (FIRST_FILTER_BITS - 1);
	return (filter[bit >> 6] >> (bit & 63)) & 1;
}

static slot *table_find(const table *t, uint64_t key)
{
	if (!t->cap)
		return NULL;
	key = fix_key(key);
	size_t mask = t->cap - 1;
	size_t i = (size_t)(key ^ (key >> 29)) & mask;
	while (t->s[i].key) {
		if (t->s[i].key == key)
			return &t->s[i];
		i = (i + 1) & mask;
	}
	return NULL;
}

static int table_grow(table *t)
{
	size_t ncap = t->cap ? t->cap * 2 : 1024;
	slot *ns = calloc(ncap, sizeof *ns);
	if (!ns)
		return -1;
	for (size_t i = 0; i < t->cap; i++) {
		if (!t->s[i].key)
			continue;
		size_t j = (size_t)(t->s[i].key ^ (t->s[i].key >> 29)) & (ncap - 1);
		while (ns[j].key)
			j = (j + 1) & (ncap - 1);
		ns[j] = t->s[i];
	}
	free(t->s);
	t->s = ns;
	t->cap = ncap;
	return 0;
}

/* The slot for key, inserted zeroed if new; NULL on ENOMEM. */
static slot *table_put(table *t, uint64_t key)
{
	slot *s = table_find(t, key);
	if (s)
		return s;
	if ((t->n + 1) * 2 > t->cap && table_grow(t) < 0)
		return NULL;
	key = fix_key(key);
	size_t mask = t->cap - 1;
	size_t i = (size_t)(key ^ (key >> 29)) & mask;
	while (t->s[i].key)
		i = (i + 1) & mask;
	t->s[i].key = key;
	t->s[i].a = t->s[i].b = 0;
	t->n++;
	return &t->s[i];
}

static char *pool_dup(chr_gazetteer *g, const char *s, size_t len)
{
	pool_chunk *c = g->pool;
	if (!c || c->cap - c->used < len + 1) {
		size_t cap = len + 1 > 65536 ? len + 1 : 65536;
		c = malloc(sizeof *c + cap);
		if (!c)
			return NULL;
		c->next = g->pool;
		c->used = 0;
		c->cap = cap;
		g->pool = c;
		g->stats.bytes += sizeof *c + cap;
	}
	char *out = c->data + c->used;
	memcpy(out, s, len);
	out[len] = '\0';
	c->used += len + 1;
	return out;
}

/* A pooled slug of s[0..len), or NULL on ENOMEM. */
static const char *pool_slug(chr_gazetteer *g, const char *s, size_t len)
{
	char buf[512];
	size_t n = chr_entity_slug(s, len, buf, sizeof buf);
	return pool_dup(g, buf, n);
}

static uint64_t id_hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
	return h;
}

chr_gazetteer *chr_gaz_new(void)
{
	chr_gazetteer *g = calloc(1, sizeof *g);
	if (g)
		g->stats.bytes = sizeof *g;
	return g;
}

void chr_gaz_free(chr_gazetteer *g)
{
	if (!g)
		return;
	free(g->names.s);
	free(g->titles.s);
	free(g->words.s);
	free(g->ids.s);
	free(g->ent);
	free(g->dem);
	while (g->pool) {
		pool_chunk *next = g->pool->next;
		free(g->pool);
		g->pool = next;
	}
	free(g);
}

/* ------------------------------------------------------------ parsing -- */

/* The tokens of one list file and a cursor over them. */
typedef struct file_toks {
	const chr_tokens *t;
	size_t next;   /* first token not yet passed */
} file_toks;

/* Tokens [*b, *e) lying inside bytes [s, e) of the file; -1 when a token
 * straddles the range (the name is skipped), else their count. */
static long tokens_in(file_toks *ft, size_t s, size_t e, size_t *tb, size_t *te)
{
	const chr_tokens *t = ft->t;
	size_t i = ft->next;
	while (i < t->n && t->tok[i].end <= s)
		i++;
	if (i < t->n && t->tok[i].start < s)
		return -1;
	size_t j = i;
	while (j < t->n && t->tok[j].end <= e)
		j++;
	if (j < t->n && t->tok[j].start < e)
		return -1;
	ft->next = j;
	*tb = i;
	*te = j;
	return (long)(j - i);
}

static const char *trim(const char *s, const char *e, const char **end)
{
	while (s < e && (*s == ' ' || *s == '\t' || *s == '\r'))
		s++;
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		e--;
	*end = e;
	return s;
}

static uint32_t type_rank(const chr_gaz_entry *e)
{
	switch (e->kind) {
	case CHR_GK_COUNTRY: return 6;
	case CHR_GK_REGION: return 4;
	case CHR_GK_CITY: return e->pop >= 1000000 ? 4 : e->pop >= 100000 ? 3 : 2;
	default: break;
	}
	return e->type == CHR_ENT_MISC ? 1 : 5;
}

/* Stores the name made of tokens [tb, te) for entry idx.  A name already
 * listed keeps the entry of higher rank (countries over towns of the same
 * name, a canonical name over another entry's alias). */
static chr_status add_name(chr_gazetteer *g, const chr_tokens *t, size_t tb, size_t te, size_t idx, int canonical)
{
	size_t n = te - tb;
	if (n == 0 || n > MAX_NAME_TOKENS)
		return CHR_OK;
	uint32_t capmask = 0;
	for (size_t j = 0; j < n; j++)
		if (t->tok[tb + j].flags & CHR_TF_UPPER)
			capmask |= 1u << j;
	if (!capmask)
		return CHR_OK;   /* an all-lowercase name never matches */
	uint64_t key = 0;
	for (size_t j = 0; j < n; j++) {
		key = chr_key_combine(key, t->tok[tb + j].key);
		if (j == 0)
			first_filter_add((capmask & 1) ? g->name_first : g->name_first_lower, key);
		slot *s = table_put(&g->names, key);
		if (!s)
			return CHR_ENOMEM;
		if (j + 1 < n) {
			s->a |= PREFIX_BIT;
			continue;
		}
		uint32_t rank = type_rank(&g->ent[idx]) * 2 + (canonical ? 1 : 0);
		uint32_t old = s->a & ~PREFIX_BIT;
		if (old && (s->b >> 16) >= rank)
			continue;
		s->a = (s->a & PREFIX_BIT) | (uint32_t)(idx + 1);
		s->b = capmask | rank << 16;
		g->stats.names++;
	}
	return CHR_OK;
}

static chr_gaz_kind parse_kind(const char *v, size_t n)
{
	static const struct { const char *s; chr_gaz_kind k; } kinds[] = {
		{"country", CHR_GK_COUNTRY}, {"city", CHR_GK_CITY}, {"region", CHR_GK_REGION},
		{"agency", CHR_GK_AGENCY}, {"outlet", CHR_GK_OUTLET}, {"intl", CHR_GK_INTL},
		{"gov", CHR_GK_GOV}, {"party", CHR_GK_PARTY}, {"company", CHR_GK_COMPANY},
	};
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strlen(kinds[i].s) == n && !memcmp(kinds[i].s, v, n))
			return kinds[i].k;
	return CHR_GK_NONE;
}

/* key=value;key=value into the entry; unknown keys are ignored. */
static chr_status parse_attrs(chr_gazetteer *g, chr_gaz_entry *e, const char *s, const char *end)
{
	while (s < end) {
		const char *semi = memchr(s, ';', (size_t)(end - s));
		const char *ie = semi ? semi : end;
		const char *eq = memchr(s, '=', (size_t)(ie - s));
		if (eq) {
			const char *ke, *ve;
			const char *k = trim(s, eq, &ke);
			const char *v = trim(eq + 1, ie, &ve);
			size_t kn = (size_t)(ke - k), vn = (size_t)(ve - v);
			if (kn == 7 && !memcmp(k, "country", 7) && vn) {
				if (!(e->country_id = pool_slug(g, v, vn)))
					return CHR_ENOMEM;
			} else if (kn == 5 && !memcmp(k, "place", 5) && vn) {
				if (!(e->place_id = pool_slug(g, v, vn)))
					return CHR_ENOMEM;
			} else if (kn == 4 && !memcmp(k, "role", 4) && vn) {
				if (!(e->role = pool_dup(g, v, vn)))
					return CHR_ENOMEM;
			} else if (kn == 4 && !memcmp(k, "kind", 4)) {
				e->kind = parse_kind(v, vn);
			} else if (kn == 3 && !memcmp(k, "pop", 3)) {
				uint64_t p = 0;
				for (size_t i = 0; i < vn && v[i] >= '0' && v[i] <= '9'; i++)
					p = p * 10 + (uint64_t)(v[i] - '0') > UINT32_MAX ? UINT32_MAX : p * 10 + (uint64_t)(v[i] - '0');
				e->pop = (uint32_t)p;
			}
		}
		s = semi ? semi + 1 : end;
	}
	return CHR_OK;
}

static int parse_type(const char *s, size_t n, chr_ent_type *out)
{
	static const char *const names[] = {"PERSON", "ORG", "PLACE", "MISC"};
	for (int i = 0; i < 4; i++)
		if (strlen(names[i]) == n && !memcmp(names[i], s, n)) {
			*out = (chr_ent_type)i;
			return 1;
		}
	return 0;
}

/* Splits line [s, e) at tabs into at most 4 fields. */
static int split_tabs(const char *s, const char *e, const char *fs[4], const char *fe[4])
{
	int n = 0;
	while (n < 4) {
		const char *tab = memchr(s, '\t', (size_t)(e - s));
		fs[n] = s;
		fe[n] = tab && n < 3 ? tab : e;
		n++;
		if (!tab || n == 4)
			break;
		s = tab + 1;
	}
	return n;
}

/* Room for one more element in a vector of the lists: chr_grow's doubling,
 * but on plain realloc (see the top of this file), counting the bytes. */
static chr_status grow_plain(void *items_ptr, size_t *alloc, size_t used, size_t elem, size_t first,
			     size_t *bytes)
{
	void *items;
	if (used < *alloc)
		return CHR_OK;
	size_t na = *alloc ? *alloc * 2 : first;
	memcpy(&items, items_ptr, sizeof items);
	items = realloc(items, na * elem);
	if (!items)
		return CHR_ENOMEM;
	memcpy(items_ptr, &items, sizeof items);
	*bytes += (na - *alloc) * elem;
	*alloc = na;
	return CHR_OK;
}

/* Room for one more entry. */
static chr_status grow_entries(chr_gazetteer *g)
{
	return grow_plain(&g->ent, &g->ent_alloc, g->nent, sizeof *g->ent, 1024, &g->stats.bytes);
}

static chr_status add_entity_line(chr_gazetteer *g, file_toks *ft, const char *base, const char *s, const char *e)
{
	const char *fs[4], *fe[4];
	int nf = split_tabs(s, e, fs, fe);
	chr_ent_type type;
	const char *ne;
	const char *name = nf >= 2 ? trim(fs[1], fe[1], &ne) : NULL;
	if (nf < 2 || !parse_type(fs[0], (size_t)(fe[0] - fs[0]), &type) || name == ne) {
		g->stats.bad_lines++;
		return CHR_OK;
	}
	if (grow_entries(g) != CHR_OK)
		return CHR_ENOMEM;
	size_t idx = g->nent;
	chr_gaz_entry *ent = &g->ent[idx];
	memset(ent, 0, sizeof *ent);
	ent->type = type;
	if (!(ent->name = pool_dup(g, name, (size_t)(ne - name))) || !(ent->id = pool_slug(g, name, (size_t)(ne - name))))
		return CHR_ENOMEM;
	if (nf >= 4 && parse_attrs(g, ent, fs[3], fe[3]) != CHR_OK)
		return CHR_ENOMEM;
	if (ent->kind == CHR_GK_NONE && type == CHR_ENT_PLACE) {
		if (!strcmp(base, "countries.txt"))
			ent->kind = CHR_GK_COUNTRY;
		else if (!strcmp(base, "cities.txt"))
			ent->kind = CHR_GK_CITY;
	}
	if (!ent->id[0]) {
		g->stats.bad_lines++;
		return CHR_OK;
	}
	g->nent++;
	g->stats.entries++;
	slot *ids = table_put(&g->ids, id_hash(ent->id));
	if (!ids)
		return CHR_ENOMEM;
	if (!ids->a)
		ids->a = (uint32_t)(idx + 1);

	size_t tb, te;
	if (tokens_in(ft, (size_t)(name - ft->t->text), (size_t)(ne - ft->t->text), &tb, &te) > 0 &&
	    add_name(g, ft->t, tb, te, idx, 1) != CHR_OK)
		return CHR_ENOMEM;
	if (nf < 3)
		return CHR_OK;
	const char *a = fs[2];
	while (a < fe[2]) {
		const char *bar = memchr(a, '|', (size_t)(fe[2] - a));
		const char *ae0 = bar ? bar : fe[2], *ae;
		const char *as = trim(a, ae0, &ae);
		if (as < ae && tokens_in(ft, (size_t)(as - ft->t->text), (size_t)(ae - ft->t->text), &tb, &te) > 0 &&
		    add_name(g, ft->t, tb, te, idx, 0) != CHR_OK)
			return CHR_ENOMEM;
		a = bar ? bar + 1 : fe[2];
	}
	return CHR_OK;
}

/* One lowercase title; its plural ("presidents") is stored too. */
static chr_status add_title(chr_gazetteer *g, file_toks *ft, const char *s, const char *e)
{
	size_t tb, te;
	long n = tokens_in(ft, (size_t)(s - ft->t->text), (size_t)(e - ft->t->text), &tb, &te);
	if (n <= 0 || n > MAX_NAME_TOKENS) {
		g->stats.bad_lines++;
		return CHR_OK;
	}
	uint64_t key = 0, prev = 0;
	for (size_t j = tb; j < te; j++) {
		prev = key;
		key = chr_key_combine(key, ft->t->tok[j].key);
		if (j == tb)
			first_filter_add(g->title_first, key);
		slot *sl = table_put(&g->titles, key);
		if (!sl)
			return CHR_ENOMEM;
		if (j + 1 < te)
			sl->a |= PREFIX_BIT;
		else
			sl->a |= 1;
	}
	size_t wl;
	const char *w = chr_token_text(ft->t, te - 1, &wl);
	char plural[128];
	if (wl + 2 < sizeof plural && ft->t->tok[te - 1].kind == CHR_TOK_WORD && w[wl - 1] != 's') {
		memcpy(plural, w, wl);
		plural[wl] = 's';
		uint64_t pkey = chr_key_combine(prev, chr_fold_hash(plural, wl + 1));
		if (te - tb == 1)
			first_filter_add(g->title_first, pkey);
		slot *sl = table_put(&g->titles, pkey);
		if (!sl)
			return CHR_ENOMEM;
		sl->a |= 1;
	}
	g->stats.titles++;
	return CHR_OK;
}

static chr_status add_word(chr_gazetteer *g, file_toks *ft, const char *s, const char *e, uint32_t flag)
{
	size_t tb, te;
	if (tokens_in(ft, (size_t)(s - ft->t->text), (size_t)(e - ft->t->text), &tb, &te) != 1) {
		g->stats.bad_lines++;
		return CHR_OK;
	}
	slot *sl = table_put(&g->words, ft->t->tok[tb].key);
	if (!sl)
		return CHR_ENOMEM;
	sl->a |= flag;
	if (flag == W_FIRST)
		g->stats.first_names++;
	else
		g->stats.stop_words++;
	return CHR_OK;
}

/* "Russian<TAB>Russia": a MISC entry for the adjective (so "Russian" is
 * matched and linked to its country) and, for one-word demonyms, a word
 * flag for the title patterns and the tagger. */
static chr_status add_demonym(chr_gazetteer *g, file_toks *ft, const char *s, const char *e)
{
	const char *tab = memchr(s, '\t', (size_t)(e - s));
	const char *de, *ce;
	if (!tab) {
		g->stats.bad_lines++;
		return CHR_OK;
	}
	const char *d = trim(s, tab, &de);
	const char *c = trim(tab + 1, e, &ce);
	if (d == de || c == ce) {
		g->stats.bad_lines++;
		return CHR_OK;
	}
	size_t before = g->nent;
	size_t tb, te;
	long nt = tokens_in(ft, (size_t)(d - ft->t->text), (size_t)(de - ft->t->text), &tb, &te);
	if (nt <= 0)
		return CHR_OK;
	if (grow_entries(g) != CHR_OK)
		return CHR_ENOMEM;
	chr_gaz_entry *ent = &g->ent[before];
	memset(ent, 0, sizeof *ent);
	ent->type = CHR_ENT_MISC;
	if (!(ent->name = pool_dup(g, d, (size_t)(de - d))) || !(ent->id = pool_slug(g, d, (size_t)(de - d))) ||
	    !(ent->country_id = pool_slug(g, c, (size_t)(ce - c))))
		return CHR_ENOMEM;
	g->nent++;
	if (add_name(g, ft->t, tb, te, before, 1) != CHR_OK)
		return CHR_ENOMEM;
	if (nt == 1) {
		if (grow_plain(&g->dem, &g->dem_alloc, g->ndem, sizeof *g->dem, 256, &g->stats.bytes) != CHR_OK)
			return CHR_ENOMEM;
		g->dem[g->ndem].slug = ent->id;
		g->dem[g->ndem].country_id = ent->country_id;
		slot *sl = table_put(&g->words, ft->t->tok[tb].key);
		if (!sl)
			return CHR_ENOMEM;
		sl->a |= W_DEMONYM;
		if (!sl->b)   /* a demonym listed twice keeps its first country */
			sl->b = (uint32_t)(++g->ndem);
	}
	g->stats.demonyms++;
	return CHR_OK;
}

static const char *base_name(const char *name)
{
	const char *slash = strrchr(name, '/');
	return slash ? slash + 1 : name;
}

chr_status chr_gaz_add_file(chr_gazetteer *g, const char *name, const char *text, size_t len)
{
	chr_status st = CHR_OK;
	chr_arena arena;
	chr_tokens toks;
	const char *base = base_name(name);
	enum { F_ENT, F_TITLE, F_FIRST, F_STOP, F_DEM } what = F_ENT;
	if (!strcmp(base, "titles.txt"))
		what = F_TITLE;
	else if (!strcmp(base, "firstnames.txt"))
		what = F_FIRST;
	else if (!strcmp(base, "demonyms.txt"))
		what = F_DEM;
	else if (!strncmp(name, "stopwords/", 10))
		what = F_STOP;

	chr_arena_init(&arena);
	st = chr_tokenize(&arena, text, len, &toks);
	if (st != CHR_OK)
		goto done;
	file_toks ft = {&toks, 0};
	const char *p = text, *end = text + len;
	while (p < end && st == CHR_OK) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end, *te;
		const char *ls = trim(p, le, &te);
		if (ls < te && *ls != '#') {
			switch (what) {
			case F_ENT: st = add_entity_line(g, &ft, base, p, le); break;
			case F_TITLE: st = add_title(g, &ft, ls, te); break;
			case F_FIRST: st = add_word(g, &ft, ls, te, W_FIRST); break;
			case F_STOP: st = add_word(g, &ft, ls, te, W_STOP); break;
			case F_DEM: st = add_demonym(g, &ft, ls, te); break;
			}
		}
		p = nl ? nl + 1 : end;
	}
done:
	chr_arena_free(&arena);
	return st;
}

/* ------------------------------------------------------------ default -- */

typedef struct load_ctx {
	chr_gazetteer *g;
	chr_status st;
} load_ctx;

static void load_one(void *ctx, const char *name, const char *text, size_t len)
{
	load_ctx *lc = ctx;
	if (lc->st == CHR_OK)
		lc->st = chr_gaz_add_file(lc->g, name, text, len);
}

static chr_gazetteer *build_default(void)
{
	load_ctx lc = {chr_gaz_new(), CHR_OK};
	size_t len;
	if (!lc.g)
		return NULL;
	chr_data_each("gazetteer/", load_one, &lc);
	const char *stop = chr_data_get("stopwords/en.txt", &len);
	if (stop && lc.st == CHR_OK)
		lc.st = chr_gaz_add_file(lc.g, "stopwords/en.txt", stop, len);
	if (lc.st != CHR_OK) {
		chr_gaz_free(lc.g);
		return NULL;
	}
	return lc.g;
}

static _Atomic(chr_gazetteer *) the_default;
static pthread_mutex_t default_lock = PTHREAD_MUTEX_INITIALIZER;

/* A mutex rather than pthread_once: a build that ran out of memory is
 * tried again on the next call instead of failing for good. */
const chr_gazetteer *chr_gaz_default(void)
{
	chr_gazetteer *g = atomic_load_explicit(&the_default, memory_order_acquire);
	if (g)
		return g;
	pthread_mutex_lock(&default_lock);
	g = atomic_load_explicit(&the_default, memory_order_relaxed);
	if (!g) {
		g = build_default();
		if (g) {
			size_t tb = (g->names.cap + g->titles.cap + g->words.cap + g->ids.cap) * sizeof(slot);
			g->stats.bytes += tb;
			atomic_store_explicit(&the_default, g, memory_order_release);
		}
	}
	pthread_mutex_unlock(&default_lock);
	return g;
}

/* ------------------------------------------------------------- lookup -- */

/*
 * Walks the token n-grams that start at token i through a table of names
 * or titles stored with all their prefixes: calls found(ctx, slot, length)
 * for each n-gram in the table, and stops at the first n-gram that is not
 * (or is no prefix of a longer entry).  A sentence end or MAX_NAME_TOKENS
 * ends the walk too.  The first token's key has passed its filter already.
 */
static void walk_ngrams(const table *tab, const chr_tokens *toks, size_t i,
			void (*found)(void *ctx, const slot *s, size_t len), void *ctx)
{
	size_t end = toks->sent[toks->tok[i].sentence].tok_end;
	if (end > i + MAX_NAME_TOKENS)
		end = i + MAX_NAME_TOKENS;
	uint64_t key = 0;
	for (size_t j = i; j < end; j++) {
		key = chr_key_combine(key, toks->tok[j].key);
		const slot *s = table_find(tab, key);
		if (!s)
			break;
		found(ctx, s, j - i + 1);
		if (!(s->a & PREFIX_BIT))
			break;
	}
}

typedef struct name_match {
	const chr_gazetteer *g;
	const chr_token *first;
	size_t best;
	const chr_gaz_entry *entry;
} name_match;

/* A listed name matches where the text capitalises what the list does. */
static void name_found(void *ctx, const slot *s, size_t len)
{
	name_match *m = ctx;
	uint32_t idx = s->a & ~PREFIX_BIT;
	if (!idx)
		return;
	uint32_t capmask = s->b & 0xFFFF;
	for (size_t b = 0; b < len; b++)
		if ((capmask >> b & 1) && !(m->first[b].flags & CHR_TF_UPPER))
			return;
	m->best = len;
	m->entry = &m->g->ent[idx - 1];
}

size_t chr_gaz_match(const chr_gazetteer *g, const chr_tokens *toks, size_t i, const chr_gaz_entry **entry)
{
	*entry = NULL;
	if (!g || i >= toks->n)
		return 0;
	uint64_t first = chr_key_combine(0, toks->tok[i].key);
	if (!first_filter_has(g->name_first_lower, first) &&
	    (!(toks->tok[i].flags & CHR_TF_UPPER) || !first_filter_has(g->name_first, first)))
		return 0;
	name_match m = { g, &toks->tok[i], 0, NULL };
	walk_ngrams(&g->names, toks, i, name_found, &m);
	*entry = m.entry;
	return m.best;
}

static void title_found(void *ctx, const slot *s, size_t len)
{
	if (s->a & 1)
		*(size_t *)ctx = len;
}

size_t chr_gaz_title(const chr_gazetteer *g, const chr_tokens *toks, size_t i)
{
	size_t best = 0;
	if (!g || i >= toks->n || !first_filter_has(g->title_first, chr_key_combine(0, toks->tok[i].key)))
		return 0;
	walk_ngrams(&g->titles, toks, i, title_found, &best);
	return best;
}

int chr_gaz_title_word(const chr_gazetteer *g, uint64_t key)
{
	const slot *s = g ? table_find(&g->titles, chr_key_combine(0, key)) : NULL;
	return s && (s->a & 1);
}

static uint32_t word_flags(const chr_gazetteer *g, uint64_t key, uint32_t *b)
{
	const slot *s = g ? table_find(&g->words, key) : NULL;
	if (b)
		*b = s ? s->b : 0;
	return s ? s->a : 0;
}

int chr_gaz_first_name(const chr_gazetteer *g, uint64_t key)
{
	return (word_flags(g, key, NULL) & W_FIRST) != 0;
}

int chr_gaz_stop(const chr_gazetteer *g, uint64_t key)
{
	return (word_flags(g, key, NULL) & W_STOP) != 0;
}

const char *chr_gaz_demonym(const chr_gazetteer *g, uint64_t key, const char **slug)
{
	uint32_t b;
	uint32_t f = word_flags(g, key, &b);
	if (!(f & W_DEMONYM) || !b || b > g->ndem) {
		if (slug)
			*slug = NULL;
		return NULL;
	}
	if (slug)
		*slug = g->dem[b - 1].slug;
	return g->dem[b - 1].country_id;
}

const chr_gaz_entry *chr_gaz_by_id(const chr_gazetteer *g, const char *id)
{
	const slot *s = g && id ? table_find(&g->ids, id_hash(id)) : NULL;
	if (!s || !s->a || strcmp(g->ent[s->a - 1].id, id))
		return NULL;
	return &g->ent[s->a - 1];
}

void chr_gaz_stats_get(const chr_gazetteer *g, chr_gaz_stats *out)
{
	memset(out, 0, sizeof *out);
	if (g)
		*out = g->stats;
}

void chr_gaz_bits_from(const chr_gazetteer *g, const chr_tokens *toks, const uint8_t *gm_n,
		       const chr_gaz_entry *const *gm_e, const uint8_t *title, chr_gaz_bits *bits)
{
	static const chr_gaz_bits type_bit[4] = {CHR_GAZ_PERSON, CHR_GAZ_ORG, CHR_GAZ_PLACE, 0};
	memset(bits, 0, toks->n * sizeof *bits);
	size_t title_end = 0;
	for (size_t i = 0; i < toks->n; i++) {
		uint32_t f = word_flags(g, toks->tok[i].key, NULL);
		if (f & W_FIRST)
			bits[i] |= CHR_GAZ_FIRST_NAME;
		if (f & W_DEMONYM)
			bits[i] |= CHR_GAZ_DEMONYM;
		if (f & W_STOP)
			bits[i] |= CHR_GAZ_STOP;
		if (i >= title_end)
			title_end = i + title[i];
		if (i < title_end)
			bits[i] |= CHR_GAZ_TITLE;
	}
	/* Listed spans: greedy from the left, longest first. */
	for (size_t i = 0; i < toks->n;) {
		size_t n = gm_n[i];
		if (!n) {
			i++;
			continue;
		}
		const chr_gaz_entry *e = gm_e[i];
		chr_gaz_bits tb = type_bit[e->type];
		if (e->type == CHR_ENT_MISC && e->country_id)
			tb = CHR_GAZ_DEMONYM;
		for (size_t j = i; j < i + n; j++)
			bits[j] |= tb;
		bits[i] |= CHR_GAZ_BEGIN;
		bits[i + n - 1] |= CHR_GAZ_END;
		i += n;
	}
}

chr_status chr_gaz_bits_fill_with(const chr_gazetteer *g, const chr_tokens *toks, chr_gaz_bits *bits)
{
	chr_status st = CHR_OK;
	uint8_t *gm_n = NULL, *title = NULL;
	const chr_gaz_entry **gm_e = NULL;
	if (!toks || (toks->n && !bits))
		return CHR_EINVAL;
	if (!g || !toks->n) {
		memset(bits, 0, toks->n * sizeof *bits);
		return CHR_OK;
	}
	gm_n = malloc(toks->n);
	title = malloc(toks->n);
	gm_e = malloc(toks->n * sizeof *gm_e);
	if (!gm_n || !title || !gm_e) {
		st = CHR_ENOMEM;
		goto done;
	}
	for (size_t i = 0; i < toks->n; i++) {
		size_t tl = chr_gaz_title(g, toks, i);
		title[i] = (uint8_t)(tl > 255 ? 255 : tl);
		gm_n[i] = (uint8_t)chr_gaz_match(g, toks, i, &gm_e[i]);
	}
	chr_gaz_bits_from(g, toks, gm_n, gm_e, title, bits);
done:
	free(gm_n);
	free(title);
	free(gm_e);
	return st;
}

chr_status chr_gaz_bits_fill(const chr_tokens *toks, chr_gaz_bits *gaz)
{
	const chr_gazetteer *g = chr_gaz_default();
	if (!g)
		return CHR_ENOMEM;
	return chr_gaz_bits_fill_with(g, toks, gaz);
}
