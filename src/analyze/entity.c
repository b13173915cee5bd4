/*
 * entity.c - analyze stage: named entities of a tokenised document.
 *
 * Sources of names, taken in this order so that the surer one owns the
 * tokens first (a token belongs to at most one mention):
 *   1. title patterns (entity_rules.c): "Russian Foreign Minister Sergey
 *      Lavrov" reserves the role tokens and takes the name after them;
 *   2. capitalised runs with an organisation's head word ("Sydney Morning
 *      Herald", "Medical Journal of Australia") or a compass word before a
 *      listed place ("Western Australia");
 *   3. the gazetteer: the longest listed name, capitalised as listed,
 *      unless it sits inside a longer capitalised name or the tagger read
 *      a longer name around it ("Bank of England" around "England");
 *   4. the tagger (tagger.h), run only on sentences that may hold a name:
 *      names no list holds, trimmed to the name (titles, articles,
 *      possessives, sentence-initial common words off);
 *   5. capitalised sequences with other evidence (a given name, an
 *      honorific, a place head word) and demonyms (MISC).
 * entity_alias.c then settles one type per name, links the mentions to
 * entities and finds later mentions of the same names.
 *
 * Every pass is linear in the number of tokens (each looks at a bounded
 * window per token), and all memory comes from the document's arena.
 */
#include "analyze/entity_internal.h"

#include <pthread.h>
#include <string.h>

/* ---------------------------------------------------------- token tests -- */

int ent_is_word(const ent_ctx *c, size_t i)
{
	return i < c->t->n && c->t->tok[i].kind == CHR_TOK_WORD;
}

int ent_is_cap(const ent_ctx *c, size_t i)
{
	return ent_is_word(c, i) && (c->t->tok[i].flags & CHR_TF_UPPER);
}

static size_t lower_slot(uint64_t key, size_t cap)
{
	return (size_t)(key ^ (key >> 31)) & (cap - 1);
}

int ent_seen_lower(const ent_ctx *c, uint64_t key)
{
	if (!c->lower_cap)
		return 0;
	key = key ? key : 1;
	for (size_t i = lower_slot(key, c->lower_cap);; i = (i + 1) & (c->lower_cap - 1)) {
		if (c->lower[i] == key)
			return 1;
		if (!c->lower[i])
			return 0;
	}
}

/* First word of its sentence, perhaps after opening quotes or brackets. */
int ent_sentence_start(const ent_ctx *c, size_t i)
{
	const chr_token *tok = c->t->tok;
	size_t b = c->t->sent[tok[i].sentence].tok_begin;
	if (tok[i].flags & (CHR_TF_SENT_START | CHR_TF_PARA_START))
		return 1;
	for (size_t j = i; j > b && i - j < 4; j--) {
		const chr_token *p = &tok[j - 1];
		if (p->kind == CHR_TOK_QUOTE || (p->flags & CHR_TF_OPEN) ||
		    (p->kind == CHR_TOK_PUNCT && c->t->text[p->start] == ':'))
			continue;
		return 0;
	}
	return i - b < 4;
}

int ent_is_honorific(const ent_ctx *c, size_t i)
{
	return (c->wc[i] & EW_HONORIFIC) != 0;
}

int ent_is_former(const ent_ctx *c, size_t i)
{
	return (c->wc[i] & EW_FORMER) != 0;
}

/* ----------------------------------------------------------- ownership -- */

int ent_free_range(const ent_ctx *c, size_t tb, size_t te)
{
	for (size_t i = tb; i < te; i++)
		if (c->own[i] != OWN_FREE)
			return 0;
	return tb < te;
}

long ent_accept(ent_ctx *c, uint32_t tb, uint32_t te, chr_ent_type type, int src, const chr_gaz_entry *entry)
{
	if (!ent_free_range(c, tb, te) || c->nsp >= c->spcap)
		return -1;
	ent_span *s = &c->sp[c->nsp];
	memset(s, 0, sizeof *s);
	s->tb = tb;
	s->te = te;
	s->rb = s->re = tb;
	s->type = (uint8_t)type;
	s->src = (uint8_t)src;
	s->entry = entry;
	for (uint32_t i = tb; i < te; i++)
		c->own[i] = (int32_t)c->nsp;
	return (long)c->nsp++;
}

/* ------------------------------------------------------------- passes -- */

static chr_status build_lower_set(ent_ctx *c)
{
	size_t nl = 0;
	for (size_t i = 0; i < c->t->n; i++)
		if (c->t->tok[i].kind == CHR_TOK_WORD && !(c->t->tok[i].flags & CHR_TF_UPPER))
			nl++;
	size_t cap = 16;
	while (cap < nl * 2)
		cap *= 2;
	c->lower = chr_arena_calloc(c->arena, cap, sizeof *c->lower);
	if (!c->lower)
		return CHR_ENOMEM;
	c->lower_cap = cap;
	for (size_t i = 0; i < c->t->n; i++) {
		const chr_token *t = &c->t->tok[i];
		if (t->kind != CHR_TOK_WORD || (t->flags & CHR_TF_UPPER))
			continue;
		uint64_t key = t->key ? t->key : 1;
		size_t j = lower_slot(key, cap);
		while (c->lower[j] && c->lower[j] != key)
			j = (j + 1) & (cap - 1);
		c->lower[j] = key;
	}
	return CHR_OK;
}

/* The checked tagger span holding token i: [*b, *e) and its type. */
static int tagger_span_at(const ent_ctx *c, size_t i, size_t *b, size_t *e, int *type)
{
	if (!c->tid || c->tid[i] < 0)
		return 0;
	const struct ent_tspan *s = &c->tsp[c->tid[i]];
	*b = s->b;
	*e = s->e;
	*type = s->type;
	return 1;
}

/* A single capitalised word that is probably not a name here: a stop
 * word, or a word the document also writes in lowercase, at the start of
 * a sentence (or anywhere, for words written lowercase elsewhere, unless
 * a list says it is a person or a country). */
static int common_word_at(const ent_ctx *c, size_t i, const chr_gaz_entry *e)
{
	uint64_t key = c->t->tok[i].key;
	const chr_token *tok = c->t->tok;
	/* An acronym in running text ("WHO say"), not a shouted heading. */
	if ((tok[i].flags & CHR_TF_ALL_UPPER) && !(i > 0 && (tok[i - 1].flags & CHR_TF_ALL_UPPER)) &&
	    !(i + 1 < c->t->n && (tok[i + 1].flags & CHR_TF_ALL_UPPER)))
		return 0;
	if (e && (e->type == CHR_ENT_PERSON || e->kind == CHR_GK_COUNTRY))
		return ent_sentence_start(c, i) && chr_gaz_stop(c->g, key);
	if (chr_gaz_stop(c->g, key))
		return 1;
	return ent_seen_lower(c, key) && !(c->t->tok[i].flags & CHR_TF_ALL_UPPER);
}

/* An unlisted capitalised word that may belong to the same name. */
static int extra_name_word(const ent_ctx *c, size_t j)
{
	const chr_gaz_entry *e;
	if (!ent_is_cap(c, j) || c->own[j] != OWN_FREE || c->title[j] || ent_is_honorific(c, j) ||
	    ent_is_event_head(c, j))
		return 0;
	if (chr_gaz_demonym(c->g, c->t->tok[j].key, NULL) || common_word_at(c, j, NULL))
		return 0;
	/* "Later Kushner left": a sentence's first word says nothing
	 * unless it is a given name */
	if (ent_sentence_start(c, j) && !((c->bits[j] & CHR_GAZ_FIRST_NAME) != 0))
		return 0;
	return !ent_gaz(c, j, &e) || e->type == CHR_ENT_MISC;
}

static int is_of(const ent_ctx *c, size_t j)
{
	return (c->wc[j] & EW_OF) != 0;
}

/* A listed name inside a longer capitalised one ("Sydney Morning Herald",
 * "Western Australia", "Medical Journal of Australia"): the list does not
 * decide; the tagger or the capitalised-sequence rules do. */
static int in_longer_name(const ent_ctx *c, size_t i, size_t n)
{
	const chr_tokens *t = c->t;
	size_t sb = t->sent[t->tok[i].sentence].tok_begin, se = t->sent[t->tok[i].sentence].tok_end;
	/* through adjacent capitalised words, listed or not ("Food Standards
	 * Australia New Zealand" for "New Zealand"), a bounded look */
	for (size_t j = i; j > sb && i - j < MAX_SPAN_TOKENS && ent_is_cap(c, j - 1); j--)
		if (extra_name_word(c, j - 1))
			return 1;
	if (i >= sb + 2 && is_of(c, i - 1) && extra_name_word(c, i - 2))
		return 1;
	for (size_t j = i + n; j < se && j - i < MAX_SPAN_TOKENS && ent_is_cap(c, j); j++)
		if (extra_name_word(c, j))
			return 1;
	return 0;
}

/* "US$ 10 billion": a country code on a currency is no place. */
static int currency_prefix(const ent_ctx *c, size_t i, size_t n)
{
	const chr_token *nx = i + n < c->t->n ? &c->t->tok[i + n] : NULL;
	return nx && nx->kind == CHR_TOK_SYMBOL && !(nx->flags & CHR_TF_SPACE_BEFORE) &&
	       (c->t->text[nx->start] == '$' || (unsigned char)c->t->text[nx->start] == 0xE2);
}

static void pass_gazetteer(ent_ctx *c)
{
	const chr_tokens *t = c->t;
	for (size_t i = 0; i < t->n;) {
		const chr_gaz_entry *e;
		size_t n = c->own[i] == OWN_FREE ? ent_gaz(c, i, &e) : 0;
		if (!n) {
			i++;
			continue;
		}
		if (e->type == CHR_ENT_MISC || !ent_free_range(c, i, i + n)) {
			i += n;
			continue;
		}
		if (n == 1 && common_word_at(c, i, e)) {
			i++;
			continue;
		}
		if (in_longer_name(c, i, n) || currency_prefix(c, i, n)) {
			i += n;
			continue;
		}
		size_t b, f;
		int ty;
		if (tagger_span_at(c, i, &b, &f, &ty) && b <= i && f >= i + n && f - b > n) {
			/* The tagger read a longer name around the listed one: it
			 * decides, unless what it added is only titles or punctuation. */
			int extra = 0;
			for (size_t j = b; j < f && !extra; j++)
				if ((j < i || j >= i + n) && ent_is_cap(c, j) && !c->title[j] && !ent_is_honorific(c, j) &&
				    !chr_gaz_demonym(c->g, t->tok[j].key, NULL) &&
				    !(ty == (int)e->type && ent_sentence_start(c, j) && !(c->bits[j] & CHR_GAZ_FIRST_NAME)))
					extra = 1;   /* "Later Kushner" is Kushner; "Valeska Paris" is no town */
			if (extra && ty != CHR_ENT_MISC) {
				i += n;
				continue;
			}
		}
		ent_accept(c, (uint32_t)i, (uint32_t)(i + n), e->type, SRC_GAZ, e);
		i += n;
	}
}

/* Trims a tagger span to its name: no leading titles, honorifics,
 * "former", or sentence-initial common word; no trailing possessive,
 * punctuation or quote. */
static int trim_span(const ent_ctx *c, size_t *pb, size_t *pe, int type)
{
	size_t b = *pb, e = *pe;
	const chr_token *tok = c->t->tok;
	while (b < e && tok[b].kind != CHR_TOK_WORD && tok[b].kind != CHR_TOK_NUMBER)
		b++;
	while (e > b && (tok[e - 1].kind == CHR_TOK_PUNCT || tok[e - 1].kind == CHR_TOK_QUOTE ||
			 (tok[e - 1].flags & CHR_TF_POSSESSIVE) || tok[e - 1].kind == CHR_TOK_SYMBOL))
		e--;
	for (int guard = 0; b < e && guard < MAX_SPAN_TOKENS; guard++) {
		if (c->own[b] == OWN_ROLE) {
			b++;
		} else if (type == CHR_ENT_PERSON && (ent_is_honorific(c, b) || ent_is_former(c, b)) && b + 1 < e) {
			b++;
		} else if (type == CHR_ENT_PERSON && c->title[b] && b + c->title[b] < e) {
			b += c->title[b];
		} else if (type == CHR_ENT_PERSON && b + 1 < e && c->title[b + 1] &&
			   chr_gaz_demonym(c->g, tok[b].key, NULL)) {
			b++;
		} else if (e - b > 1 && ((c->bits[b] & CHR_GAZ_STOP) != 0) && !(tok[b].flags & CHR_TF_ALL_UPPER)) {
			/* "Our President", "The Guardian": the scorer and the id
			 * both do without the article or possessive */
			b++;
		} else if (e - b >= 1 && ent_sentence_start(c, b) && ((c->bits[b] & CHR_GAZ_STOP) != 0) &&
			   !(tok[b].flags & CHR_TF_ALL_UPPER)) {
			b++;
		} else {
			break;
		}
	}
	while (e > b && c->own[e - 1] == OWN_ROLE)
		e--;
	*pb = b;
	*pe = e;
	if (b >= e || e - b > MAX_SPAN_TOKENS)
		return 0;
	/* "Eleven Norwegian fishermen": no person's name opens with a count */
	if (type == CHR_ENT_PERSON && (c->wc[b] & EW_CARDINAL) && !(tok[b].flags & CHR_TF_ALL_UPPER))
		return 0;
	/* A name has a capitalised word or a number in it. */
	for (size_t i = b; i < e; i++)
		if ((tok[i].flags & CHR_TF_UPPER) || tok[i].kind == CHR_TOK_NUMBER)
			return 1;
	return 0;
}

int ent_is_name_connector(const ent_ctx *c, size_t i)
{
	return (c->wc[i] & EW_CONNECTOR) != 0;
}

/* A single capital, with or without its period: "R", "J.". */
static int is_initial_letter(const ent_ctx *c, size_t i)
{
	const chr_token *t = &c->t->tok[i];
	size_t len = t->end - t->start;
	return ent_is_cap(c, i) && (len == 1 || (len == 2 && c->t->text[t->start + 1] == '.'));
}

/*
 * The tagger's spans (BILOU, decoded leniently: a stray I or L opens a
 * span, a type change closes one), each trimmed to its name, cut at a
 * possessive ("University of NSW's school" -> "University of NSW") and
 * dropped if a lowercase word other than a connector is left inside.  A
 * name opening with an initial is a person's ("R Saravanan").
 */
/* A span in a run of all-capital words: a heading, where the tagger's
 * features (shape above all) say nothing. */
static int shouted(const ent_ctx *c, size_t b, size_t e)
{
	const chr_token *tok = c->t->tok;
	size_t n = c->t->n;
	for (size_t i = b; i < e; i++)
		if (tok[i].kind == CHR_TOK_WORD && !(tok[i].flags & CHR_TF_ALL_UPPER))
			return 0;
	return (b > 0 && tok[b - 1].kind == CHR_TOK_WORD && (tok[b - 1].flags & CHR_TF_ALL_UPPER)) ||
	       (e < n && tok[e].kind == CHR_TOK_WORD && (tok[e].flags & CHR_TF_ALL_UPPER)) || e - b >= 2;
}

static chr_status decode_tagger(ent_ctx *c)
{
	const chr_tokens *t = c->t;
	size_t n = t->n;
	c->tid = chr_arena_alloc(c->arena, n * sizeof *c->tid);
	c->tsp = chr_arena_alloc(c->arena, (n + 1) * sizeof *c->tsp);
	if (!c->tid || !c->tsp)
		return CHR_ENOMEM;
	for (size_t i = 0; i < n; i++)
		c->tid[i] = -1;
	for (size_t i = 0; i < n;) {
		int pos = CHR_TAG_POS(c->tags[i]);
		if (pos == CHR_BIO_O) {
			i++;
			continue;
		}
		int ty = CHR_TAG_TYPE(c->tags[i]);
		size_t b = i, e = i + 1;
		if (pos != CHR_BIO_U && pos != CHR_BIO_L) {
			while (e < n && t->tok[e].sentence == t->tok[b].sentence && CHR_TAG_TYPE(c->tags[e]) == ty &&
			       (CHR_TAG_POS(c->tags[e]) == CHR_BIO_I || CHR_TAG_POS(c->tags[e]) == CHR_BIO_L)) {
				e++;
				if (CHR_TAG_POS(c->tags[e - 1]) == CHR_BIO_L)
					break;
			}
		}
		i = e;
		if (ty == CHR_ENT_MISC)
			continue;
		for (size_t j = b; j < e; j++)
			if ((t->tok[j].flags & CHR_TF_POSSESSIVE) && !(j + 1 < e && (c->wc[j + 1] & EW_ORG_HEAD))) {
				e = j;
				break;
			}
		if (!trim_span(c, &b, &e, ty))
			continue;
		int ok = 1;
		for (size_t j = b; j < e && ok; j++)
			if (t->tok[j].kind == CHR_TOK_WORD && !(t->tok[j].flags & CHR_TF_UPPER) &&
			    !ent_is_name_connector(c, j))
				ok = 0;
		if (!ok)
			continue;
		/* trailing capitalised stop words: "Regina Ip In the ..." */
		while (e - b > 1 && ((c->bits[e - 1] & CHR_GAZ_STOP) != 0))
			e--;
		if (ty == CHR_ENT_PERSON && c->title[b] >= e - b)
			continue;   /* "President" alone names nobody */
		if (shouted(c, b, e))
			continue;   /* "LEGAL WARNING:" */
		int head = ent_head_type(c, b, e);
		if (head == CHR_ENT_MISC)
			continue;   /* "Alaska Summit", "Paralympic Games": events */
		if (head >= 0)
			ty = head;
		else if (e - b >= 2 && is_initial_letter(c, b) && ent_is_cap(c, b + 1))
			ty = CHR_ENT_PERSON;
		else if (e - b == 1 && ty == CHR_ENT_PERSON && (t->tok[b].flags & CHR_TF_ALL_UPPER))
			ty = CHR_ENT_ORG;   /* "DAB", "FTU": acronyms are no people */
		struct ent_tspan *s = &c->tsp[c->ntsp];
		s->b = (uint32_t)b;
		s->e = (uint32_t)e;
		s->type = (uint8_t)ty;
		for (size_t j = b; j < e; j++)
			c->tid[j] = (int32_t)c->ntsp;
		c->ntsp++;
	}
	return CHR_OK;
}

static void pass_tagger(ent_ctx *c)
{
	for (size_t k = 0; k < c->ntsp; k++) {
		const struct ent_tspan *s = &c->tsp[k];
		size_t b = s->b, e = s->e;
		if (e - b == 1 && s->type != CHR_ENT_PERSON && common_word_at(c, b, NULL) && ent_sentence_start(c, b))
			continue;   /* "Following the talks, ..." */
		if (e - b == 1 && (c->wc[b] & EW_POSTNOMINAL))
			continue;   /* "Mark Tedeschi, QC" */
		const chr_gaz_entry *ge;
		size_t gn = ent_gaz(c, b, &ge);
		if (gn == e - b && ge->type == CHR_ENT_MISC)
			continue;   /* "Americans": a listed demonym, not a name */
		if (s->type != CHR_ENT_PERSON && gn == e - b && ge->type != CHR_ENT_PERSON && currency_prefix(c, b, e - b))
			continue;
		ent_accept(c, (uint32_t)b, (uint32_t)e, (chr_ent_type)s->type, SRC_TAGGER, NULL);
	}
}

static void pass_demonyms(ent_ctx *c)
{
	for (size_t i = 0; i < c->t->n;) {
		const chr_gaz_entry *e;
		size_t n = c->own[i] == OWN_FREE ? ent_gaz(c, i, &e) : 0;
		if (n && e->type == CHR_ENT_MISC && ent_free_range(c, i, i + n)) {
			ent_accept(c, (uint32_t)i, (uint32_t)(i + n), CHR_ENT_MISC, SRC_DEMONYM, e);
			i += n;
		} else {
			i++;
		}
	}
}

/*
 * "Kestria will release ...": a sentence's first word alone is no evidence
 * of a name (see extra_name_word), but the document may give it: the same
 * word taken as a place or organisation elsewhere, the word with an "n"
 * ("Kestrian", a demonym of an unlisted country) capitalised inside a
 * sentence, or a body of a state that it owns ("Kestria's parliament").
 * One table of the capitalised words inside sentences, each with the type
 * of the one-word name that owns it (or none), keeps the pass linear.
 */
typedef struct cap_slot { uint64_t key; int8_t type; } cap_slot;

#define CAP_UNOWNED (-1)
#define CAP_OTHER (-2)   /* inside a longer name, or owned twice differently */

static cap_slot *cap_find(cap_slot *tab, size_t cap, uint64_t key)
{
	key = key ? key : 1;
	size_t j = lower_slot(key, cap);
	while (tab[j].key && tab[j].key != key)
		j = (j + 1) & (cap - 1);
	return &tab[j];
}

/* The bodies of a state, as folded keys hashed once (they are tested for
 * many words of every document).  The first STATE_ONLY are bodies only a
 * state has: a person has a government or a cabinet too. */
static const char *const body_names[] = {
	"parliament", "legislature", "army", "navy", "embassy", "coast",
	"delegation", "delegations", "government", "governments", "cabinet", "negotiators",
	"authorities", "ministry", "senate", "envoys",
};
#define STATE_ONLY 6
#define NBODIES (sizeof body_names / sizeof body_names[0])
static uint64_t body_keys[NBODIES];
static pthread_once_t body_once = PTHREAD_ONCE_INIT;

static void make_body_keys(void)
{
	for (size_t k = 0; k < NBODIES; k++)
		body_keys[k] = chr_fold_hash(body_names[k], strlen(body_names[k]));
}

/* Whether key is one of the first n bodies. */
static int is_body_key(uint64_t key, size_t n)
{
	pthread_once(&body_once, make_body_keys);
	for (size_t k = 0; k < n; k++)
		if (key == body_keys[k])
			return 1;
	return 0;
}

/* "Kestria's parliament". */
static int state_body_after(const ent_ctx *c, size_t i)
{
	const chr_tokens *t = c->t;
	if (i + 2 >= t->n || !(t->tok[i + 1].flags & CHR_TF_POSSESSIVE) || t->tok[i + 2].kind != CHR_TOK_WORD)
		return 0;
	return is_body_key(t->tok[i + 2].key, STATE_ONLY);
}

static chr_status pass_initial_names(ent_ctx *c)
{
	const chr_tokens *t = c->t;
	size_t nc = 0;
	for (size_t i = 0; i < t->n; i++)
		if (ent_is_cap(c, i) && !ent_sentence_start(c, i))
			nc++;
	size_t cap = 16;
	while (cap < nc * 2)
		cap *= 2;
	cap_slot *tab = chr_arena_calloc(c->arena, cap, sizeof *tab);
	if (!tab)
		return CHR_ENOMEM;
	for (size_t i = 0; i < t->n; i++) {
		if (!ent_is_cap(c, i) || ent_sentence_start(c, i))
			continue;
		int32_t o = c->own[i];
		int type = o < 0 ? CAP_UNOWNED
			   : (c->sp[o].dead || c->sp[o].te - c->sp[o].tb != 1) ? CAP_OTHER : c->sp[o].type;
		cap_slot *s = cap_find(tab, cap, t->tok[i].key);
		if (!s->key) {
			s->key = t->tok[i].key ? t->tok[i].key : 1;
			s->type = (int8_t)type;
		} else if (s->type != type) {
			s->type = CAP_OTHER;
		}
	}
	for (size_t i = 0; i < t->n; i++) {
		const chr_token *tk = &t->tok[i];
		if (!ent_is_cap(c, i) || !ent_sentence_start(c, i) || c->own[i] != OWN_FREE ||
		    (tk->flags & CHR_TF_ALL_UPPER) || c->gm_n[i] || c->title[i] || c->wc[i] ||
		    chr_gaz_stop(c->g, tk->key) || ent_seen_lower(c, tk->key) ||
		    chr_gaz_demonym(c->g, tk->key, NULL))
			continue;
		/* one word: "Kestria Public Radio" is another name */
		if (ent_is_cap(c, i + 1) && t->tok[i + 1].sentence == tk->sentence)
			continue;
		const cap_slot *same = cap_find(tab, cap, tk->key);
		int type = -1;
		if (same->key && (same->type == CHR_ENT_PLACE || same->type == CHR_ENT_ORG)) {
			type = same->type;
		} else if (state_body_after(c, i)) {
			type = CHR_ENT_PLACE;
		} else {
			size_t len;
			const char *w = chr_token_text(t, i, &len);
			char buf[64];
			if (len < 4 || len + 1 >= sizeof buf || w[len - 1] != 'a')
				continue;
			memcpy(buf, w, len);
			buf[len] = 'n';
			const cap_slot *dem = cap_find(tab, cap, chr_fold_hash(buf, len + 1));
			if (dem->key && (dem->type == CAP_UNOWNED || dem->type == CHR_ENT_MISC))
				type = CHR_ENT_PLACE;
		}
		if (type >= 0)
			ent_accept(c, (uint32_t)i, (uint32_t)i + 1, (chr_ent_type)type, SRC_RULE, NULL);
	}
	return CHR_OK;
}

/* A state's body: "the Kestrian delegation", "Kestrian and Dravonian
 * negotiators". */
static int body_word(const ent_ctx *c, size_t i)
{
	if (!ent_is_word(c, i) || (c->t->tok[i].flags & CHR_TF_UPPER))
		return 0;
	return is_body_key(c->t->tok[i].key, NBODIES);
}

/* A capitalised word no list holds that reads as a demonym ("Kestrian"):
 * inside a sentence, ending in "ian" as those of countries in "-ia" do
 * (the country is guessed from it; "European" has none), never written in
 * lowercase here. */
static int unlisted_demonym_word(const ent_ctx *c, size_t i)
{
	size_t len;
	const char *w = chr_token_text(c->t, i, &len);
	return ent_is_cap(c, i) && !(c->t->tok[i].flags & CHR_TF_ALL_UPPER) && len >= 6 && len < 48 &&
	       w[len - 3] == 'i' && w[len - 2] == 'a' && w[len - 1] == 'n' && c->own[i] == OWN_FREE && !c->gm_n[i] && !c->title[i] &&
	       !c->wc[i] && !ent_sentence_start(c, i) && !chr_gaz_stop(c->g, c->t->tok[i].key) &&
	       !ent_seen_lower(c, c->t->tok[i].key) && !chr_gaz_demonym(c->g, c->t->tok[i].key, NULL);
}

/*
 * "The Dravonian parliament agreed": the demonym of a country no list
 * holds, before a state's body (perhaps after more demonyms: "Kestrian and
 * Dravonian delegations"), is kept as a listed demonym is, a MISC name
 * whose country is the word without its "n" ("dravonia"): the country's
 * id wherever the country itself is named.
 */
static chr_status pass_unlisted_demonyms(ent_ctx *c)
{
	const chr_tokens *t = c->t;
	chr_gaz_entry *made[16];
	size_t nmade = 0;
	for (size_t i = 0; i < t->n; i++) {
		if (!unlisted_demonym_word(c, i))
			continue;
		size_t j = i + 1;
		while (j < t->n && j < i + 6 && t->tok[j].sentence == t->tok[i].sentence &&
		       (unlisted_demonym_word(c, j) || (c->wc[j] & EW_CONNECTOR) ||
			(t->tok[j].kind == CHR_TOK_PUNCT && t->text[t->tok[j].start] == ',')))
			j++;
		if (j >= t->n || t->tok[j].sentence != t->tok[i].sentence || !body_word(c, j))
			continue;
		chr_gaz_entry *e = NULL;
		for (size_t k = 0; k < nmade && !e; k++)
			if (chr_fold_hash(made[k]->name, strlen(made[k]->name)) == t->tok[i].key)
				e = made[k];
		if (!e) {
			size_t len;
			const char *w = chr_token_text(t, i, &len);
			char slug[160];
			e = chr_arena_calloc(c->arena, 1, sizeof *e);
			char *name = chr_arena_strndup(c->arena, w, len);
			if (!e || !name)
				return CHR_ENOMEM;
			e->name = name;
			e->type = CHR_ENT_MISC;
			chr_entity_slug(w, len, slug, sizeof slug);
			if (!(e->id = chr_arena_strndup(c->arena, slug, strlen(slug))))
				return CHR_ENOMEM;
			chr_entity_slug(w, len - 1, slug, sizeof slug);
			if (!(e->country_id = chr_arena_strndup(c->arena, slug, strlen(slug))))
				return CHR_ENOMEM;
			if (nmade < sizeof made / sizeof made[0])
				made[nmade++] = e;
		}
		ent_accept(c, (uint32_t)i, (uint32_t)i + 1, CHR_ENT_MISC, SRC_DEMONYM, e);
	}
	return CHR_OK;
}

/* "ex-President", "Ex-minister": one hyphenated word, a former title. */
static int ex_title(const ent_ctx *c, size_t i)
{
	size_t len;
	const char *s = chr_token_text(c->t, i, &len);
	if (!(c->t->tok[i].flags & CHR_TF_HYPHEN) || len < 5 || (s[0] != 'e' && s[0] != 'E') || s[1] != 'x' ||
	    s[2] != '-')
		return 0;
	return chr_gaz_title_word(c->g, chr_fold_hash(s + 3, len - 3));
}

/* A sentence that may hold a name: a capitalised word after its first,
 * or a first word that is no stop word ("The talks went on." holds none). */
static int may_hold_name(const ent_ctx *c, const chr_sentence *s)
{
	for (uint32_t i = s->tok_begin; i < s->tok_end; i++) {
		const chr_token *t = &c->t->tok[i];
		if (t->kind != CHR_TOK_WORD || !(t->flags & CHR_TF_UPPER))
			continue;
		if (i != s->tok_begin || !(c->bits[i] & CHR_GAZ_STOP))
			return 1;
	}
	return 0;
}

/*
 * Tags the sentences that may hold a name; the others are all O.  The
 * tagger sees them as one shorter document (tokens copied, sentence
 * numbers renumbered): a quarter of news prose has no capitalised word
 * past its first, and the tagger is most of this stage's time.
 */
static chr_status run_tagger(ent_ctx *c, const chr_tagger *model)
{
	const chr_tokens *t = c->t;
	size_t n = t->n, kept = 0, nsent = 0;
	c->tags = chr_arena_calloc(c->arena, n, 1);
	if (!c->tags)
		return CHR_ENOMEM;
	for (size_t k = 0; k < t->nsent; k++)
		if (may_hold_name(c, &t->sent[k])) {
			kept += t->sent[k].tok_end - t->sent[k].tok_begin;
			nsent++;
		}
	if (kept == n)
		return chr_tagger_tag(model, t, c->bits, c->tags);
	if (!kept)
		return CHR_OK;
	chr_tokens sub = *t;
	chr_token *tok = chr_arena_alloc(c->arena, kept * sizeof *tok);
	chr_sentence *sent = chr_arena_alloc(c->arena, nsent * sizeof *sent);
	chr_gaz_bits *bits = chr_arena_alloc(c->arena, kept * sizeof *bits);
	uint8_t *tags = chr_arena_alloc(c->arena, kept);
	if (!tok || !sent || !bits || !tags)
		return CHR_ENOMEM;
	size_t m = 0, ns = 0;
	for (size_t k = 0; k < t->nsent; k++) {
		const chr_sentence *s = &t->sent[k];
		if (!may_hold_name(c, s))
			continue;
		sent[ns] = *s;
		sent[ns].tok_begin = (uint32_t)m;
		for (uint32_t i = s->tok_begin; i < s->tok_end; i++, m++) {
			tok[m] = t->tok[i];
			tok[m].sentence = (uint32_t)ns;
			bits[m] = c->bits[i];
		}
		sent[ns].tok_end = (uint32_t)m;
		ns++;
	}
	sub.tok = tok;
	sub.n = kept;
	sub.sent = sent;
	sub.nsent = ns;
	chr_status st = chr_tagger_tag(model, &sub, bits, tags);
	if (st != CHR_OK)
		return st;
	m = 0;
	for (size_t k = 0; k < t->nsent; k++) {
		const chr_sentence *s = &t->sent[k];
		if (!may_hold_name(c, s))
			continue;
		memcpy(c->tags + s->tok_begin, tags + m, s->tok_end - s->tok_begin);
		m += s->tok_end - s->tok_begin;
	}
	return CHR_OK;
}

chr_status chr_entities_find(chr_arena *arena, const chr_tokens *toks, chr_entities *out)
{
	return chr_entities_find_lang(arena, toks, NULL, out);
}

/* The tagger and the organisation head words learned English, where a
 * capital inside a sentence marks a name; German capitalises every noun.
 * Elsewhere the lists, the title patterns and given-name evidence speak. */
static int reads_like_english(const char *lang)
{
	return !lang || !*lang || strcmp(lang, "en") == 0 || strcmp(lang, "und") == 0;
}

chr_status chr_entities_find_lang(chr_arena *arena, const chr_tokens *toks, const char *lang,
				  chr_entities *out)
{
	chr_status st = CHR_OK;
	int english = reads_like_english(lang);
	ent_ctx c;
	memset(&c, 0, sizeof c);
	memset(out, 0, sizeof *out);
	if (!arena || !toks)
		return CHR_EINVAL;
	if (!toks->n)
		return CHR_OK;
	c.arena = arena;
	c.t = toks;
	c.g = chr_gaz_default();
	if (!c.g)
		return CHR_ENOMEM;
	size_t n = toks->n;
	c.bits = chr_arena_alloc(arena, n * sizeof *c.bits);
	c.own = chr_arena_alloc(arena, n * sizeof *c.own);
	c.title = chr_arena_alloc(arena, n);
	c.spcap = n + 1;   /* spans own disjoint tokens */
	c.sp = chr_arena_alloc(arena, c.spcap * sizeof *c.sp);
	if (!c.bits || !c.own || !c.title || !c.sp)
		goto nomem;
	for (size_t i = 0; i < n; i++)
		c.own[i] = OWN_FREE;
	if ((st = build_lower_set(&c)) != CHR_OK || (st = ent_words_fill(&c)) != CHR_OK)
		goto done;
	c.gm_n = chr_arena_alloc(arena, n);
	c.gm_e = chr_arena_alloc(arena, n * sizeof *c.gm_e);
	if (!c.gm_n || !c.gm_e)
		goto nomem;
	for (size_t i = 0; i < n; i++) {
		size_t tl = toks->tok[i].kind == CHR_TOK_WORD ? chr_gaz_title(c.g, toks, i) : 0;
		if (!tl && ex_title(&c, i)) {
			tl = 1;
			c.wc[i] |= EW_EX_TITLE;
		}
		c.title[i] = (uint8_t)(tl > 255 ? 255 : tl);
		c.gm_n[i] = (uint8_t)chr_gaz_match(c.g, toks, i, &c.gm_e[i]);
	}
	chr_gaz_bits_from(c.g, toks, c.gm_n, c.gm_e, c.title, c.bits);

	const chr_tagger *model = english ? chr_tagger_default() : NULL;
	if (model) {
		st = run_tagger(&c, model);
		if (st == CHR_ENOMEM)
			goto done;
		if (st != CHR_OK) {
			c.tags = NULL;   /* no tagger opinion; rules and lists still work */
			st = CHR_OK;
		}
	}

	if ((st = ent_rules_titles(&c)) != CHR_OK)
		goto done;
	if (c.tags && (st = decode_tagger(&c)) != CHR_OK)
		goto done;
	if (english && (st = ent_rules_orgs(&c)) != CHR_OK)
		goto done;
	pass_gazetteer(&c);
	pass_tagger(&c);
	if ((st = ent_rules_caps(&c)) != CHR_OK)
		goto done;
	pass_demonyms(&c);
	if ((st = pass_initial_names(&c)) != CHR_OK || (english && (st = pass_unlisted_demonyms(&c)) != CHR_OK))
		goto done;
	st = ent_link(&c, out);
	goto done;
nomem:
	st = CHR_ENOMEM;
done:
	if (st != CHR_OK)
		memset(out, 0, sizeof *out);
	return st;
}
