/*
 * entity_alias.c - analyze stage: mentions to entities within one
 * document, and later mentions of names already found.
 *
 * Linking, in passes over the accepted spans:
 *   A. listed names: one entity per gazetteer entry (aliases and
 *      transliterations are one entry: "Kyiv" and "Kiev", "Zelenskyy"); a
 *      one-word listed place that is a person's given name or surname here
 *      is that person ("[Vladimir] Putin", "Valeska Paris ... Paris said");
 *   B. one type per unlisted name, by vote over its readings;
 *   C. unlisted names of several words: a person joins an earlier person
 *      with the same folded key (chr_entity_key: "Yuri"/"Yury") or with the
 *      same surname and given name; other names join by their words;
 *   D. an acronym in brackets after a name it spells joins that name;
 *   E. one-word names: a person's surname or (when only one person has
 *      it) given name links to that person, whatever type the tagger gave
 *      it ("Eastman" -> "Cres Eastman", "Jared" -> "Jared Kushner").
 * An unlisted entity is named by its longest mention and its id is that
 * name's slug.  Then every free capitalised word sequence equal to a
 * found name (or a person's surname) becomes one more mention, unless it
 * sits inside a longer capitalised name.
 *
 * Tables are open-addressing maps in the arena, sized from the number of
 * spans; every pass is linear.
 */
#include "analyze/entity_internal.h"

#include <string.h>
#include <strings.h>

#define AMBIG 0xFFFFFFFFu
#define SCAN_CAP 256   /* entities looked at to settle an ambiguous surname */

enum { K_ENTRY = 1, K_SEQ, K_FULL, K_SUR, K_FIRST, K_PROP, K_ID, K_VOTE, K_PSUR, K_ACR };

typedef struct lent {
	const chr_gaz_entry *entry;
	const char *id, *name;
	uint8_t type;
	uint32_t best_tb, best_te;   /* the longest unlisted mention */
	uint64_t first_key, last_key;/* persons of two words or more */
	const char *first_text;      /* given name as written, for key compare */
	size_t first_len;
	uint32_t first_pos;          /* first mention's first token */
	uint32_t target;             /* merged into (itself if not) */
	uint32_t out;                /* index in the output */
} lent;

typedef struct map {
	uint64_t *key;
	uint32_t *val;
	size_t cap, n;   /* inserts stop at half full: a lookup always ends */
} map;

typedef struct link_ctx {
	ent_ctx *c;
	lent *ent;
	size_t nent, entcap;
	map m;
} link_ctx;

static uint64_t mk(int kind, uint64_t k)
{
	uint64_t h = chr_key_combine((uint64_t)kind * 0x9E3779B97F4A7C15ull, k);
	return h ? h : 1;
}

static uint64_t str_hash(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ull;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3ull;
	return h;
}

static uint32_t *map_slot(map *m, uint64_t key, int insert)
{
	size_t i = (size_t)(key ^ (key >> 29)) & (m->cap - 1);
	while (m->key[i]) {
		if (m->key[i] == key)
			return &m->val[i];
		i = (i + 1) & (m->cap - 1);
	}
	if (!insert)
		return NULL;
	if ((m->n + 1) * 2 > m->cap)
		return NULL;   /* full: the key is not linked, nothing breaks */
	m->n++;
	m->key[i] = key;
	m->val[i] = 0;
	return &m->val[i];
}

static uint32_t map_get(map *m, uint64_t key)
{
	uint32_t *v = map_slot(m, key, 0);
	return v ? *v : 0;
}

/* Stores entity e under key; a second, different entity makes it AMBIG. */
static void map_put(map *m, uint64_t key, uint32_t e)
{
	uint32_t *v = map_slot(m, key, 1);
	if (!v)
		return;
	if (!*v)
		*v = e + 1;
	else if (*v != e + 1)
		*v = AMBIG;
}

static uint32_t find(link_ctx *l, uint32_t e)
{
	while (l->ent[e].target != e)
		e = l->ent[e].target = l->ent[l->ent[e].target].target;
	return e;
}

static long new_entity(link_ctx *l, chr_ent_type type, uint32_t pos)
{
	if (l->nent >= l->entcap)
		return -1;
	lent *e = &l->ent[l->nent];
	memset(e, 0, sizeof *e);
	e->type = (uint8_t)type;
	e->first_pos = pos;
	e->target = (uint32_t)l->nent;
	return (long)l->nent++;
}

/* Word tokens of a span, without a leading "the". */
static void span_words(const ent_ctx *c, const ent_span *s, size_t *b, size_t *e)
{
	size_t tb = s->tb;
	size_t len;
	const char *txt = chr_token_text(c->t, tb, &len);
	if (s->te - tb > 1 && len == 3 && (txt[0] == 't' || txt[0] == 'T') && (txt[1] == 'h' || txt[1] == 'H') &&
	    (txt[2] == 'e' || txt[2] == 'E'))
		tb++;
	*b = tb;
	*e = s->te;
}

/* A span no list holds and nothing has linked yet: its words in [*b, *e). */
static int unlinked_words(const ent_ctx *c, const ent_span *s, size_t *b, size_t *e)
{
	if (s->dead || s->entry || s->linked)
		return 0;
	span_words(c, s, b, e);
	return 1;
}

static uint64_t seq_key(const ent_ctx *c, size_t b, size_t e)
{
	uint64_t k = 0;
	for (size_t i = b; i < e; i++)
		k = chr_key_combine(k, c->t->tok[i].key);
	return k;
}

static int nwords(const ent_ctx *c, size_t b, size_t e)
{
	int n = 0;
	for (size_t i = b; i < e; i++)
		if (c->t->tok[i].kind == CHR_TOK_WORD)
			n++;
	return n;
}

static size_t first_word(const ent_ctx *c, size_t b, size_t e)
{
	while (b < e && c->t->tok[b].kind != CHR_TOK_WORD)
		b++;
	return b;
}

static size_t last_word(const ent_ctx *c, size_t b, size_t e)
{
	while (e > b && c->t->tok[e - 1].kind != CHR_TOK_WORD)
		e--;
	return e ? e - 1 : 0;
}

/* The key of a word (or name) as chr_entity_key writes it, hashed. */
static uint64_t loose_hash(const char *s, size_t n)
{
	char buf[256];
	size_t k = chr_entity_key(s, n > 200 ? 200 : n, buf, sizeof buf);
	return str_hash(buf, k);
}

static void register_person(link_ctx *l, uint32_t ei, const char *first, size_t flen, uint64_t first_key,
			    uint64_t last_key, const char *full, size_t full_len)
{
	lent *e = &l->ent[ei];
	if (!e->first_text) {
		e->first_text = first;
		e->first_len = flen;
		e->first_key = first_key;
		e->last_key = last_key;
	}
	map_put(&l->m, mk(K_SUR, last_key), ei);
	map_put(&l->m, mk(K_FIRST, first_key), ei);
	map_put(&l->m, mk(K_FULL, loose_hash(full, full_len)), ei);
}

/* Words of an entry's canonical name: first and last, for its surname key. */
static void register_entry_person(link_ctx *l, uint32_t ei, const chr_gaz_entry *ge)
{
	const char *name = ge->name;
	size_t n = strlen(name);
	const char *sp1 = memchr(name, ' ', n);
	const char *spl = strrchr(name, ' ');
	if (!sp1 || !spl)
		return;
	const char *last = spl + 1;
	register_person(l, ei, name, (size_t)(sp1 - name), chr_fold_hash(name, (size_t)(sp1 - name)),
			chr_fold_hash(last, n - (size_t)(last - name)), name, n);
}

/* The person among those sharing a surname whose first mention comes
 * last before token pos (or the first one at all). */
static uint32_t settle_ambiguous(link_ctx *l, int kind, uint64_t key, uint32_t pos)
{
	uint32_t best = AMBIG, best_pos = 0, any = AMBIG;
	size_t scanned = 0;
	for (size_t i = 0; i < l->nent && scanned < SCAN_CAP; i++) {
		lent *e = &l->ent[i];
		if (e->type != CHR_ENT_PERSON || !e->first_text || e->target != i)
			continue;
		scanned++;
		if ((kind == K_SUR ? e->last_key : e->first_key) != key)
			continue;
		if (any == AMBIG)
			any = (uint32_t)i;
		if (e->first_pos <= pos && (best == AMBIG || e->first_pos >= best_pos)) {
			best = (uint32_t)i;
			best_pos = e->first_pos;
		}
	}
	return best != AMBIG ? best : any;
}

static void link_span(link_ctx *l, ent_span *s, uint32_t ei)
{
	s->entity = ei;
	s->linked = 1;
	lent *e = &l->ent[ei];
	if (s->tb < e->first_pos)
		e->first_pos = s->tb;
	if (!e->entry) {
		const chr_token *tok = l->c->t->tok;
		uint32_t cur = e->best_te > e->best_tb ? tok[e->best_te - 1].end - tok[e->best_tb].start : 0;
		size_t b, f;
		span_words(l->c, s, &b, &f);
		uint32_t len = tok[f - 1].end - tok[b].start;
		if (len > cur) {
			e->best_tb = (uint32_t)b;
			e->best_te = (uint32_t)f;
		}
	}
}

/* A one-word listed place or organisation that is the given name or
 * surname of a listed person in this document ("[Vladimir] Putin", the
 * Russian city; "Jordan" beside "Michael Jordan"): the person. */
static long person_for_word(link_ctx *l, const ent_span *s)
{
	if (s->te - s->tb != 1 || s->entry->type == CHR_ENT_PERSON || s->entry->kind == CHR_GK_COUNTRY)
		return -1;
	uint64_t key = l->c->t->tok[s->tb].key;
	uint32_t v = map_get(&l->m, mk(K_FIRST, key));
	if (!v || v == AMBIG)
		v = map_get(&l->m, mk(K_SUR, key));
	return v && v != AMBIG ? (long)(v - 1) : -1;
}

/* Surnames of the unlisted people of several words, before any linking. */
static void note_unlisted_surnames(link_ctx *l)
{
	ent_ctx *c = l->c;
	for (size_t i = 0; i < c->nsp; i++) {
		ent_span *s = &c->sp[i];
		size_t b, e;
		if (s->dead || s->entry || s->type != CHR_ENT_PERSON)
			continue;
		span_words(c, s, &b, &e);
		if (nwords(c, b, e) >= 2)
			map_put(&l->m, mk(K_PSUR, c->t->tok[last_word(c, b, e)].key), 0);
	}
}

/* "Valeska Paris ... Paris claims": a one-word listed town that is the
 * surname of an unlisted person here, where the tagger reads a person. */
static int unlisted_person_here(link_ctx *l, const ent_span *s)
{
	ent_ctx *c = l->c;
	if (s->te - s->tb != 1 || s->entry->type == CHR_ENT_PERSON || s->entry->kind == CHR_GK_COUNTRY || !c->tags)
		return 0;
	if (!map_slot(&l->m, mk(K_PSUR, c->t->tok[s->tb].key), 0))
		return 0;
	return CHR_TAG_POS(c->tags[s->tb]) != CHR_BIO_O && CHR_TAG_TYPE(c->tags[s->tb]) == CHR_ENT_PERSON;
}

static chr_status pass_listed(link_ctx *l)
{
	ent_ctx *c = l->c;
	for (size_t i = 0; c->nsp && i < 2 * c->nsp; i++) {
		ent_span *s = &c->sp[i % c->nsp];
		/* people first, so that places can be checked against them */
		if (s->dead || !s->entry || (i < c->nsp) != (s->entry->type == CHR_ENT_PERSON))
			continue;
		if (unlisted_person_here(l, s)) {
			s->entry = NULL;   /* linked with the unlisted people */
			s->type = CHR_ENT_PERSON;
			continue;
		}
		long pe = person_for_word(l, s);
		if (pe >= 0) {
			s->entry = NULL;
			s->type = CHR_ENT_PERSON;
			link_span(l, s, (uint32_t)pe);
			continue;
		}
		uint64_t k = mk(K_ENTRY, (uint64_t)(uintptr_t)s->entry);
		uint32_t v = map_get(&l->m, k);
		long ei = v ? (long)(v - 1) : new_entity(l, s->entry->type, s->tb);
		if (ei < 0)
			return CHR_ENOMEM;
		if (!v) {
			lent *e = &l->ent[ei];
			e->entry = s->entry;
			map_put(&l->m, k, (uint32_t)ei);
			if (s->entry->type == CHR_ENT_PERSON)
				register_entry_person(l, (uint32_t)ei, s->entry);
		}
		s->type = (uint8_t)s->entry->type;
		link_span(l, s, (uint32_t)ei);
	}
	return CHR_OK;
}

static chr_status pass_unlisted_long(link_ctx *l)
{
	ent_ctx *c = l->c;
	const chr_tokens *t = c->t;
	for (size_t i = 0; i < c->nsp; i++) {
		ent_span *s = &c->sp[i];
		size_t b, e;
		if (!unlinked_words(c, s, &b, &e) || nwords(c, b, e) < 2)
			continue;
		long ei = -1;
		const char *txt = t->text + t->tok[b].start;
		size_t tlen = t->tok[e - 1].end - t->tok[b].start;
		if (s->type == CHR_ENT_PERSON) {
			size_t fw = first_word(c, b, e), lw = last_word(c, b, e);
			size_t flen;
			const char *ftxt = chr_token_text(t, fw, &flen);
			uint32_t v = map_get(&l->m, mk(K_FULL, loose_hash(txt, tlen)));
			if (v && v != AMBIG && l->ent[v - 1].type == CHR_ENT_PERSON)
				ei = (long)(v - 1);
			if (ei < 0) {
				v = map_get(&l->m, mk(K_SUR, t->tok[lw].key));
				uint32_t cand = v == AMBIG ? settle_ambiguous(l, K_SUR, t->tok[lw].key, s->tb) : v ? v - 1 : AMBIG;
				if (cand != AMBIG && l->ent[cand].first_text &&
				    (l->ent[cand].first_key == t->tok[fw].key ||
				     loose_hash(l->ent[cand].first_text, l->ent[cand].first_len) == loose_hash(ftxt, flen)))
					ei = (long)cand;
			}
			if (ei < 0 && (ei = new_entity(l, CHR_ENT_PERSON, s->tb)) < 0)
				return CHR_ENOMEM;
			register_person(l, (uint32_t)ei, ftxt, flen, t->tok[fw].key, t->tok[lw].key, txt, tlen);
		} else {
			uint64_t k = mk(K_SEQ, seq_key(c, b, e) ^ s->type);
			uint32_t v = map_get(&l->m, k);
			ei = v ? (long)(v - 1) : new_entity(l, (chr_ent_type)s->type, s->tb);
			if (ei < 0)
				return CHR_ENOMEM;
			map_put(&l->m, k, (uint32_t)ei);
		}
		link_span(l, s, (uint32_t)ei);
		map_put(&l->m, mk(K_PROP, seq_key(c, b, e)), (uint32_t)ei);
	}
	return CHR_OK;
}

/* The capitals of a name's capitalised words ("Korean Central News
 * Agency" -> "KCNA") against an acronym's letters (dots skipped). */
static int initials_match(const ent_ctx *c, const ent_span *name, size_t acr)
{
	size_t len;
	const char *a = chr_token_text(c->t, acr, &len);
	size_t k = 0;
	for (uint32_t i = name->tb; i < name->te; i++) {
		const chr_token *t = &c->t->tok[i];
		if (t->kind != CHR_TOK_WORD || !(t->flags & CHR_TF_UPPER))
			continue;
		while (k < len && a[k] == '.')
			k++;
		char first = c->t->text[t->start];
		if (k >= len || a[k] != first)
			return 0;
		k++;
	}
	while (k < len && a[k] == '.')
		k++;
	return k == len;
}

/* "Korean Central News Agency (KCNA)": the acronym is the name's, here
 * and wherever else the document uses it. */
static void link_acronyms(link_ctx *l)
{
	ent_ctx *c = l->c;
	const chr_tokens *t = c->t;
	for (size_t i = 0; i < c->nsp; i++) {
		ent_span *s = &c->sp[i];
		size_t j = s->tb;
		if (s->dead || s->entry || s->linked || s->te - s->tb != 1 || j < 2 ||
		    !(t->tok[j].flags & CHR_TF_ALL_UPPER) || t->tok[j].end - t->tok[j].start > 12)
			continue;
		if (!(t->tok[j - 1].flags & CHR_TF_OPEN) || t->text[t->tok[j - 1].start] != '(' || c->own[j - 2] < 0)
			continue;
		const ent_span *name = &c->sp[c->own[j - 2]];
		if (!name->linked || name->te != j - 1 || name->te - name->tb < 2 || !initials_match(c, name, j))
			continue;
		uint32_t ei = find(l, name->entity);
		s->type = l->ent[ei].type;
		link_span(l, s, ei);
		map_put(&l->m, mk(K_ACR, t->tok[j].key), ei);
	}
}

static chr_status pass_unlisted_short(link_ctx *l)
{
	ent_ctx *c = l->c;
	const chr_tokens *t = c->t;
	for (size_t i = 0; i < c->nsp; i++) {
		ent_span *s = &c->sp[i];
		size_t b, e;
		if (!unlinked_words(c, s, &b, &e) || nwords(c, b, e) >= 2)
			continue;
		size_t w = first_word(c, b, e);
		uint64_t key = w < e ? t->tok[w].key : seq_key(c, b, e);
		long ei = -1;
		uint32_t acr = map_get(&l->m, mk(K_ACR, key));
		if (acr && acr != AMBIG) {
			ei = (long)find(l, acr - 1);
			s->type = l->ent[ei].type;
			link_span(l, s, (uint32_t)ei);
			continue;
		}
		if (s->type != CHR_ENT_MISC && w < e) {
			uint32_t v = map_get(&l->m, mk(K_SUR, key));
			uint32_t cand = v == AMBIG ? settle_ambiguous(l, K_SUR, key, s->tb) : v ? v - 1 : AMBIG;
			if (cand == AMBIG && s->type == CHR_ENT_PERSON) {
				v = map_get(&l->m, mk(K_FIRST, key));
				cand = v && v != AMBIG ? v - 1 : AMBIG;
			}
			if (cand != AMBIG && l->ent[cand].type == CHR_ENT_PERSON) {
				ei = (long)cand;
				s->type = CHR_ENT_PERSON;
			}
		}
		if (ei < 0) {
			uint64_t k = mk(K_SEQ, seq_key(c, b, e) ^ s->type);
			uint32_t v = map_get(&l->m, k);
			ei = v ? (long)(v - 1) : new_entity(l, (chr_ent_type)s->type, s->tb);
			if (ei < 0)
				return CHR_ENOMEM;
			map_put(&l->m, k, (uint32_t)ei);
		}
		link_span(l, s, (uint32_t)ei);
		if (s->type != CHR_ENT_MISC)
			map_put(&l->m, mk(K_PROP, seq_key(c, b, e)), (uint32_t)ei);
	}
	return CHR_OK;
}

/*
 * One type per unlisted name in a document: the same words read as a
 * person in one sentence and an organisation in the next are the majority
 * type of all their readings (a listed given name counts once more for a
 * person).  Ratinov & Roth's non-local consistency, in its plainest form.
 */
static chr_status vote_types(link_ctx *l)
{
	ent_ctx *c = l->c;
	uint16_t (*votes)[3] = chr_arena_calloc(c->arena, c->nsp + 1, sizeof *votes);
	uint32_t *first_tb = chr_arena_alloc(c->arena, (c->nsp + 1) * sizeof *first_tb);
	uint8_t *first_ty = chr_arena_alloc(c->arena, c->nsp + 1);
	uint32_t nv = 0;
	if (!votes || !first_tb || !first_ty)
		return CHR_ENOMEM;
	for (int round = 0; round < 2; round++) {
		for (size_t i = 0; i < c->nsp; i++) {
			ent_span *s = &c->sp[i];
			size_t b, e;
			if (s->type > CHR_ENT_PLACE || !unlinked_words(c, s, &b, &e))
				continue;
			uint32_t *v = map_slot(&l->m, mk(K_VOTE, seq_key(c, b, e)), 1);
			if (!v)
				continue;
			if (!*v) {
				*v = ++nv;
				first_tb[nv - 1] = UINT32_MAX;
			}
			uint16_t *cnt = votes[*v - 1];
			if (round == 0) {
				if (s->tb < first_tb[*v - 1]) {
					first_tb[*v - 1] = s->tb;
					first_ty[*v - 1] = s->type;
				}
				if (cnt[s->type] < UINT16_MAX)
					cnt[s->type]++;
				if (s->src != SRC_TAGGER && cnt[s->type] < UINT16_MAX - 2)
					cnt[s->type] += 2;   /* a title, honorific or head word said so */
				if (e - b <= 2 && chr_gaz_first_name(c->g, c->t->tok[b].key) && cnt[0] < UINT16_MAX)
					cnt[0]++;      /* "Gloria": a listed given name */
				continue;
			}
			int best = first_ty[*v - 1];   /* a tie goes to the first reading */
			for (int ty = 0; ty < 3; ty++)
				if (cnt[ty] > cnt[best] ||
				    (cnt[ty] == cnt[best] && ty == CHR_ENT_PERSON && chr_gaz_first_name(c->g, c->t->tok[b].key)))
					best = ty;
			s->type = (uint8_t)best;
		}
	}
	return CHR_OK;
}

/* Names and ids; entities with the same id and type become one. */
static chr_status name_entities(link_ctx *l)
{
	ent_ctx *c = l->c;
	const chr_tokens *t = c->t;
	for (size_t i = 0; i < l->nent; i++) {
		lent *e = &l->ent[i];
		if (e->entry) {
			e->id = e->entry->id;
			e->name = e->entry->name;
		} else {
			size_t len = t->tok[e->best_te - 1].end - t->tok[e->best_tb].start;
			const char *s = t->text + t->tok[e->best_tb].start;
			char *name = chr_arena_strndup(c->arena, s, len);
			char *id = chr_arena_alloc(c->arena, len * 4 + 8);
			if (!name || !id)
				return CHR_ENOMEM;
			chr_entity_slug(s, len, id, len * 4 + 8);
			if (!id[0])
				memcpy(id, "entity", 7);
			e->name = name;
			e->id = id;
		}
		uint64_t k = mk(K_ID, str_hash(e->id, strlen(e->id)) ^ e->type);
		uint32_t *v = map_slot(&l->m, k, 1);
		if (!v)
			continue;
		if (!*v)
			*v = (uint32_t)i + 1;
		else
			e->target = find(l, *v - 1);
	}
	return CHR_OK;
}

/* A capitalised word before token i that could be part of one name with
 * it: not a stop word, not a contraction ("I'm Isabel Ruiz"). */
static int name_word_before(const ent_ctx *c, size_t i)
{
	const chr_token *p = &c->t->tok[i - 1];
	size_t len;
	const char *s = chr_token_text(c->t, i - 1, &len);
	if (!ent_is_cap(c, i - 1) || ent_sentence_start(c, i) || p->sentence != c->t->tok[i].sentence)
		return 0;
	if (chr_gaz_stop(c->g, p->key) || memchr(s, '\'', len) || c->own[i - 1] != OWN_FREE)
		return 0;
	/* "Later Kushner left": a sentence's first word is a name's only
	 * if it is a given name */
	if (ent_sentence_start(c, i - 1) && !chr_gaz_first_name(c->g, p->key))
		return 0;
	return 1;
}

/* Later mentions of found names that no pass took. */
static void propagate(link_ctx *l)
{
	ent_ctx *c = l->c;
	const chr_tokens *t = c->t;
	for (size_t i = 0; i < l->nent; i++) {
		lent *e = &l->ent[i];
		if (e->type != CHR_ENT_PERSON || !e->first_text || e->target != i)
			continue;
		map_put(&l->m, mk(K_PROP, chr_key_combine(0, e->last_key)), (uint32_t)i);
		/* "Jared" alone: only when one person here has that given name */
		uint32_t v = map_get(&l->m, mk(K_FIRST, e->first_key));
		if (v && v != AMBIG)
			map_put(&l->m, mk(K_PROP, chr_key_combine(0, e->first_key)), find(l, v - 1));
	}
	for (size_t i = 0; i < t->n; i++) {
		if (c->own[i] != OWN_FREE || !ent_is_cap(c, i))
			continue;
		size_t send = t->sent[t->tok[i].sentence].tok_end;
		uint64_t k = 0;
		size_t best = 0;
		uint32_t best_e = 0;
		for (size_t j = i; j < send && j - i < 6 && c->own[j] == OWN_FREE; j++) {
			k = chr_key_combine(k, t->tok[j].key);
			uint32_t v = map_get(&l->m, mk(K_PROP, k));
			if (v && v != AMBIG && ent_is_cap(c, j)) {
				best = j - i + 1;
				best_e = v - 1;
			}
		}
		if (!best)
			continue;
		if (best == 1) {
			uint64_t key = t->tok[i].key;
			if (chr_gaz_stop(c->g, key) || c->title[i] || (ent_sentence_start(c, i) && ent_seen_lower(c, key)))
				continue;
		}
		/* "Eastman Kodak", "Australian National Iodine ...": a longer
		 * capitalised name goes on around the known one. */
		if (i + best < t->n && ent_is_cap(c, i + best) && c->own[i + best] == OWN_FREE &&
		    t->tok[i + best].sentence == t->tok[i].sentence)
			continue;
		if (i > 0 && name_word_before(c, i))
			continue;
		uint32_t ei = find(l, best_e);
		long si = ent_accept(c, (uint32_t)i, (uint32_t)(i + best), (chr_ent_type)l->ent[ei].type, SRC_ALIAS,
				     l->ent[ei].entry);
		if (si >= 0)
			c->sp[si].entity = ei;
		i += best - 1;
	}
}

/*
 * The country a person's role names: "Kestria's Deputy Foreign Minister",
 * "Kestrian envoy", "US President".  Looked for among the role's words and
 * the two before it: a listed demonym or country, a place of the document
 * no list holds before "'s", or a capitalised word that is such a place
 * with an "n" ("Kestrian" for Kestria).  A city names no country here
 * ("Geneva's mayor").  NULL when none.
 */
static const char *role_country(link_ctx *l, size_t rb, size_t tb)
{
	const ent_ctx *c = l->c;
	const chr_tokens *t = c->t;
	size_t s0 = t->sent[t->tok[tb].sentence].tok_begin;
	for (size_t j = rb >= s0 + 2 ? rb - 2 : s0; j < tb; j++) {
		if (!ent_is_cap(c, j))
			continue;
		const char *d = chr_gaz_demonym(c->g, t->tok[j].key, NULL);
		if (d)
			return d;
		int32_t o = c->own[j];
		if (o >= 0) {
			const ent_span *sp = &c->sp[o];
			const lent *e = &l->ent[find(l, sp->entity)];
			if (!sp->dead && e->type == CHR_ENT_MISC && e->entry && e->entry->country_id)
				return e->entry->country_id;   /* a demonym the entity layer kept */
			if (sp->dead || e->type != CHR_ENT_PLACE)
				continue;
			if (e->entry) {
				if (e->entry->kind == CHR_GK_COUNTRY)
					return e->entry->id;
			} else if (sp->te < t->n && (t->tok[sp->te].flags & CHR_TF_POSSESSIVE) && sp->te + 1 == rb) {
				return e->id;
			}
			j = sp->te - 1;
			continue;
		}
		size_t len;
		const char *w = chr_token_text(t, j, &len);
		if (len < 5 || w[len - 1] != 'n')
			continue;
		for (size_t k = 0; k < l->nent; k++) {
			const lent *e = &l->ent[k];
			if (e->target == k && e->type == CHR_ENT_PLACE && !e->entry && e->name &&
			    strlen(e->name) == len - 1 && strncasecmp(e->name, w, len - 1) == 0)
				return e->id;
		}
	}
	return NULL;
}

chr_status ent_link(ent_ctx *c, chr_entities *out)
{
	link_ctx l;
	memset(&l, 0, sizeof l);
	l.c = c;
	l.entcap = c->nsp + 1;
	l.ent = chr_arena_alloc(c->arena, l.entcap * sizeof *l.ent);
	l.m.cap = 64;
	/* about ten keys a span at most (the K_* users); a full map only
	 * links less */
	while (l.m.cap < (c->nsp * 16 + 64))
		l.m.cap *= 2;
	l.m.key = chr_arena_calloc(c->arena, l.m.cap, sizeof *l.m.key);
	l.m.val = chr_arena_alloc(c->arena, l.m.cap * sizeof *l.m.val);
	if (!l.ent || !l.m.key || !l.m.val)
		return CHR_ENOMEM;
	chr_status st;
	note_unlisted_surnames(&l);
	if ((st = pass_listed(&l)) != CHR_OK || (st = vote_types(&l)) != CHR_OK || (st = pass_unlisted_long(&l)) != CHR_OK ||
	    (link_acronyms(&l), (st = pass_unlisted_short(&l)) != CHR_OK) || (st = name_entities(&l)) != CHR_OK)
		return st;
	propagate(&l);

	const chr_tokens *t = c->t;
	size_t nmen = 0;
	for (size_t i = 0; i < c->nsp; i++)
		if (!c->sp[i].dead)
			nmen++;
	chr_mention *men = chr_arena_alloc(c->arena, (nmen + 1) * sizeof *men);
	chr_entity *ents = chr_arena_alloc(c->arena, (l.nent + 1) * sizeof *ents);
	if (!men || !ents)
		return CHR_ENOMEM;
	for (size_t i = 0; i < l.nent; i++)
		l.ent[i].out = UINT32_MAX;
	size_t m = 0, ne = 0;
	for (size_t i = 0; i < t->n; i++) {
		int32_t o = c->own[i];
		if (o < 0 || c->sp[o].tb != i || c->sp[o].dead)
			continue;
		ent_span *s = &c->sp[o];
		uint32_t ei = find(&l, s->entity);
		lent *e = &l.ent[ei];
		if (e->out == UINT32_MAX) {
			chr_entity *oe = &ents[ne];
			memset(oe, 0, sizeof *oe);
			oe->id = e->id;
			oe->name = e->name;
			oe->type = (chr_ent_type)e->type;
			oe->place_id = e->entry ? e->entry->place_id : NULL;
			oe->country_id = e->entry ? e->entry->country_id : NULL;
			oe->first_mention = (uint32_t)m;
			e->out = (uint32_t)ne++;
		}
		chr_mention *mm = &men[m++];
		memset(mm, 0, sizeof *mm);
		mm->start = t->tok[s->tb].start;
		mm->end = t->tok[s->te - 1].end;
		mm->tok_begin = s->tb;
		mm->tok_end = s->te;
		mm->entity = e->out;
		ents[e->out].nmentions++;
		if (e->type == CHR_ENT_PERSON) {
			int former;
			size_t rb = ent_role_before(c, s->tb, &former);
			while (rb < s->tb && ent_is_honorific(c, rb))
				rb++;
			if (rb < s->tb) {
				/* "ex-President": the role is "President", former */
				mm->role_start = t->tok[rb].start + ((c->wc[rb] & EW_EX_TITLE) ? 3 : 0);
				mm->role_end = t->tok[s->tb - 1].end;
				mm->former = (uint8_t)former;
				if (!ents[e->out].country_id)
					ents[e->out].country_id = role_country(&l, rb, s->tb);
			}
		}
		i = s->te - 1;
	}
	out->ent = ents;
	out->n = ne;
	out->men = men;
	out->nmen = m;
	return CHR_OK;
}
