/*
 * event_args.c - analyze stage, events: fills a frame's arguments from its
 * sentence (actors, place, date, duration, the reporting speaker) and
 * completes the frames of a document from each other (see event.h).
 *
 * Without a parser, roles come from positions: the subject is the group
 * of names just before a verb trigger (or before the light verb of a noun
 * trigger: "held talks", "had a phone call"), the others follow it ("with
 * X", "between X and Y", "of X").  A name after "in", "at", "near" is a
 * place, a possessor that only qualifies another noun ("Trump's envoy
 * Witkoff") is no actor, and the reporting speaker is kept apart.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "analyze/event_int.h"
#include "analyze/gazetteer.h"
#include "analyze/timex_int.h"

#define LOOKBACK 8       /* tokens between a noun trigger and its light verb */
#define GROUP_GAP 8      /* non-name tokens allowed between two names of one group */
#define PLACE_LOOKBACK 4 /* tokens between a locative preposition and its place */
#define MERGE_WINDOW 32  /* earlier frames a frame may merge into */
#define MERGE_PARAGRAPHS 12

static uint64_t key_of(const char *w)
{
	return chr_fold_hash(w, strlen(w));
}

/* Word classes the argument rules test, as folded keys built once. */
enum {
	W_LOCATIVE = 1, W_LIGHT = 2, W_CLAUSE = 4, W_JOIN = 8, W_FIRST_PERSON = 16, W_LEADER = 32,
	W_DET = 64, W_AUX = 128, W_JUST = 256, W_OF = 512, W_OPEN = 1024, W_SPAN_OFF = 2048,
	W_BODY = 4096, W_HAVE = 8192, W_PAIR = 16384
};

typedef struct word_class {
	const char *word;
	unsigned cls;
} word_class;

static const word_class word_classes[] = {
	{"in", W_LOCATIVE}, {"at", W_LOCATIVE}, {"near", W_LOCATIVE}, {"outside", W_LOCATIVE},
	{"inside", W_LOCATIVE}, {"to", W_LOCATIVE}, {"into", W_LOCATIVE},
	{"held", W_LIGHT}, {"hold", W_LIGHT}, {"holds", W_LIGHT}, {"holding", W_LIGHT}, {"had", W_LIGHT},
	{"has", W_LIGHT | W_AUX | W_HAVE}, {"have", W_LIGHT | W_AUX | W_HAVE},
	{"completed", W_LIGHT}, {"conducted", W_LIGHT},
	{"began", W_LIGHT}, {"begun", W_LIGHT}, {"started", W_LIGHT}, {"resumed", W_LIGHT},
	{"concluded", W_LIGHT}, {"wrapped", W_LIGHT}, {"attended", W_LIGHT}, {"joined", W_LIGHT},
	{"made", W_LIGHT}, {"paid", W_LIGHT}, {"led", W_LIGHT}, {"opening", W_LIGHT}, {"opened", W_LIGHT},
	{"open", W_LIGHT}, {"continued", W_LIGHT}, {"closed", W_LIGHT},
	{"which", W_CLAUSE}, {"where", W_CLAUSE}, {"while", W_CLAUSE}, {"whereas", W_CLAUSE},
	{"but", W_CLAUSE}, {"because", W_CLAUSE}, {"although", W_CLAUSE}, {"after", W_CLAUSE},
	{"before", W_CLAUSE}, {"when", W_CLAUSE}, {"since", W_CLAUSE}, {"until", W_CLAUSE},
	{"that", W_CLAUSE}, {"if", W_CLAUSE}, {"as", W_CLAUSE},
	{"and", W_JOIN}, {"or", W_JOIN}, {"&", W_JOIN}, {"with", W_JOIN | W_OPEN}, {"between", W_JOIN | W_OPEN},
	{"of", W_JOIN | W_OF | W_OPEN}, {"nor", W_JOIN},
	{"we", W_FIRST_PERSON}, {"i", W_FIRST_PERSON}, {"our", W_FIRST_PERSON}, {"my", W_FIRST_PERSON},
	{"us", W_FIRST_PERSON},
	{"leader", W_LEADER}, {"president", W_LEADER}, {"head", W_LEADER}, {"leaders", W_LEADER},
	{"the", W_DET}, {"a", W_DET}, {"an", W_DET}, {"current", W_DET}, {"incumbent", W_DET},
	{"new", W_DET}, {"then", W_DET}, {"country's", W_DET},
	{"is", W_AUX}, {"are", W_AUX}, {"was", W_AUX}, {"were", W_AUX}, {"been", W_AUX},
	{"just", W_JUST},
	/* "in more than six years", "a year later": a span that dates, not a length */
	{"within", W_SPAN_OFF}, {"over", W_SPAN_OFF}, {"than", W_SPAN_OFF}, {"ago", W_SPAN_OFF},
	{"later", W_SPAN_OFF}, {"earlier", W_SPAN_OFF}, {"past", W_SPAN_OFF}, {"last", W_SPAN_OFF},
	/* the German and French words the rules above need (data/events/de.txt, fr.txt) */
	{"im", W_LOCATIVE}, {"bei", W_LOCATIVE}, {"dans", W_LOCATIVE}, {"au", W_LOCATIVE},
	{"aux", W_LOCATIVE}, {"en", W_LOCATIVE},
	{"und", W_JOIN}, {"mit", W_JOIN | W_OPEN}, {"zwischen", W_JOIN | W_OPEN},
	{"et", W_JOIN}, {"avec", W_JOIN | W_OPEN}, {"entre", W_JOIN | W_OPEN},
	{"dass", W_CLAUSE}, {"weil", W_CLAUSE}, {"que", W_CLAUSE}, {"qui", W_CLAUSE},
	{"der", W_DET}, {"die", W_DET}, {"das", W_DET}, {"dem", W_DET}, {"den", W_DET},
	{"le", W_DET}, {"la", W_DET}, {"les", W_DET}, {"une", W_DET}, {"du", W_DET},
	/* a country's body acts for the country: "the Norwegian delegation",
	 * "Norway's parliament" */
	{"delegation", W_BODY}, {"delegations", W_BODY}, {"parliament", W_BODY}, {"government", W_BODY},
	{"cabinet", W_BODY}, {"negotiators", W_BODY}, {"side", W_BODY}, {"authorities", W_BODY},
	{"ministry", W_BODY}, {"legislature", W_BODY}, {"senate", W_BODY}, {"assembly", W_BODY},
	{"army", W_BODY}, {"navy", W_BODY}, {"forces", W_BODY}, {"police", W_BODY}, {"guard", W_BODY},
	{"envoys", W_BODY}, {"leadership", W_BODY}, {"sides", W_BODY}, {"governments", W_BODY},
	{"countries", W_BODY}, {"capitals", W_BODY},
	/* "the two sides", "both governments" */
	{"two", W_PAIR}, {"both", W_PAIR},
};

#define NCLASS (sizeof word_classes / sizeof word_classes[0])
#define CLASS_SLOTS 256   /* power of two, over twice NCLASS */

static struct { uint64_t key; unsigned cls; } class_table[CLASS_SLOTS];
static uint64_t key_their, key_since;
static pthread_once_t class_once = PTHREAD_ONCE_INIT;

static void class_table_init(void)
{
	for (size_t c = 0; c < NCLASS; c++) {
		uint64_t k = key_of(word_classes[c].word);
		size_t i = (size_t)(k ^ (k >> 32)) & (CLASS_SLOTS - 1);
		while (class_table[i].key && class_table[i].key != k)
			i = (i + 1) & (CLASS_SLOTS - 1);
		if (!class_table[i].key) {
			class_table[i].key = k;
			class_table[i].cls = word_classes[c].cls;
		}
	}
	key_their = key_of("their");
	key_since = key_of("since");
}

static unsigned lookup_word_class(const chr_tokens *t, uint32_t i)
{
	if (t->tok[i].kind != CHR_TOK_WORD && t->tok[i].kind != CHR_TOK_SYMBOL)
		return 0;
	uint64_t k = t->tok[i].key;
	for (size_t s = (size_t)(k ^ (k >> 32)) & (CLASS_SLOTS - 1); class_table[s].key; s = (s + 1) & (CLASS_SLOTS - 1))
		if (class_table[s].key == k)
			return class_table[s].cls;
	return 0;
}

/* The rules ask a token's class a dozen times over: looked up once per
 * token in chr_event_ctx_init. */
static unsigned word_class_of(const chr_event_ctx *cx, uint32_t i)
{
	return cx->tok_class[i];
}

/* French "à": folded it is the English article "a". */
static int grave_a(const chr_tokens *t, uint32_t i)
{
	const chr_token *tk = &t->tok[i];
	return tk->end - tk->start == 2 && memcmp(t->text + tk->start, "\xc3\xa0", 2) == 0;
}

static int is_punct(const chr_tokens *t, uint32_t i, char c)
{
	const chr_token *tk = &t->tok[i];
	return tk->kind == CHR_TOK_PUNCT && tk->end - tk->start == 1 && t->text[tk->start] == c;
}

static chr_status sentence_dates(chr_arena *arena, chr_event_ctx *cx);

chr_status chr_event_ctx_init(chr_arena *arena, const chr_tokens *toks, const chr_timexes *times,
			      const chr_entities *ents, const chr_quotes *quotes, const char *anchor,
			      int lang, chr_event_ctx *cx)
{
	pthread_once(&class_once, class_table_init);
	memset(cx, 0, sizeof *cx);
	cx->lang = lang;
	cx->toks = toks;
	cx->times = times;
	cx->ents = ents;
	cx->quotes = quotes;
	cx->anchor = anchor;
	size_t n = toks->n ? toks->n : 1;
	cx->tok_mention = chr_arena_alloc(arena, n * sizeof *cx->tok_mention);
	cx->tok_timex = chr_arena_alloc(arena, n * sizeof *cx->tok_timex);
	cx->tok_quote = chr_arena_alloc(arena, n * sizeof *cx->tok_quote);
	cx->tok_flags = chr_arena_calloc(arena, n, sizeof *cx->tok_flags);
	cx->tok_class = chr_arena_alloc(arena, n * sizeof *cx->tok_class);
	if (!cx->tok_mention || !cx->tok_timex || !cx->tok_quote || !cx->tok_flags || !cx->tok_class)
		return CHR_ENOMEM;
	for (size_t i = 0; i < toks->n; i++) {
		cx->tok_mention[i] = cx->tok_timex[i] = cx->tok_quote[i] = -1;
		cx->tok_class[i] = (uint16_t)lookup_word_class(toks, (uint32_t)i);
	}
	for (size_t m = 0; m < ents->nmen; m++) {
		const chr_mention *mm = &ents->men[m];
		for (uint32_t i = mm->tok_begin; i < mm->tok_end && i < toks->n; i++)
			cx->tok_mention[i] = (int32_t)m;
		if (mm->role_end > mm->role_start)
			for (uint32_t i = mm->tok_begin; i-- > 0 && toks->tok[i].start >= mm->role_start;)
				cx->tok_flags[i] |= CHR_EVT_ROLE;
	}
	for (size_t k = 0; k < times->n; k++)
		for (uint32_t i = times->t[k].tok_begin; i < times->t[k].tok_end && i < toks->n; i++)
			cx->tok_timex[i] = (int32_t)k;
	for (size_t k = 0; quotes && k < quotes->n; k++)
		for (uint32_t i = quotes->q[k].tok_begin; i < quotes->q[k].tok_end && i < toks->n; i++)
			cx->tok_quote[i] = (int32_t)k;
	for (size_t i = 0; i < toks->n; i++) {
		if (toks->tok[i].kind != CHR_TOK_WORD)
			continue;
		const int32_t *list = chr_ev_first(lang, toks->tok[i].key);
		if (list)
			cx->tok_flags[i] |= CHR_EVT_HEAD;
		for (; list && *list >= 0; list++)
			if (chr_ev_pattern(*list)->kind == EV_REPORT)
				cx->tok_flags[i] |= CHR_EVT_REPORT;
	}
	return sentence_dates(arena, cx);
}

int chr_event_set_date(chr_event *ev, const char *value)
{
	size_t n = 0;
	while (value[n] && value[n] != 'T' && n < sizeof ev->date - 1)
		n++;
	/* only YYYY, YYYY-MM or YYYY-MM-DD name a day, month or year */
	if (n != 4 && n != 7 && n != 10)
		return 0;
	for (size_t i = 0; i < n; i++) {
		int dash = i == 4 || i == 7;
		if (dash ? value[i] != '-' : (value[i] < '0' || value[i] > '9'))
			return 0;
	}
	memcpy(ev->date, value, n);
	ev->date[n] = '\0';
	return 1;
}

static const chr_entity *entity_of_mention(const chr_event_ctx *cx, int32_t m)
{
	return &cx->ents->ent[cx->ents->men[m].entity];
}

static int is_place_entity(const chr_entity *e)
{
	return e->type == CHR_ENT_PLACE || (e->type == CHR_ENT_ORG && e->place_id);
}

/* A name right before "'s" + a noun other than the trigger only qualifies
 * that noun ("Trump's envoy"). */
static int qualifying_possessor(const chr_event_ctx *cx, int32_t m, uint32_t trig_begin)
{
	const chr_mention *mm = &cx->ents->men[m];
	uint32_t after = mm->tok_end;
	if (after >= cx->toks->n || !(cx->toks->tok[after].flags & CHR_TF_POSSESSIVE))
		return 0;
	return after + 1 != trig_begin;
}

/* "Kestria's new mayor left for ...": an office of a country or body that
 * no name follows stands for that country or body. */
static int unnamed_office(const chr_event_ctx *cx, int32_t m)
{
	const chr_tokens *t = cx->toks;
	uint32_t i = cx->ents->men[m].tok_end + 1;   /* past the 's */
	uint32_t end = t->sent[t->tok[cx->ents->men[m].tok_begin].sentence].tok_end;
	int title = 0;
	for (; i < end && i < cx->ents->men[m].tok_end + 6; i++) {
		if (cx->tok_mention[i] >= 0)
			return 0;
		if (chr_gaz_title_word(chr_gaz_default(), t->tok[i].key) || (word_class_of(cx, i) & W_BODY))
			title = 1;
		else if (title || t->tok[i].kind != CHR_TOK_WORD)
			break;
	}
	return title && (i >= end || cx->tok_mention[i] < 0);
}

/* A locative preposition within a few words before mention m, with no
 * punctuation or other name between. */
static int after_locative(const chr_event_ctx *cx, int32_t m)
{
	const chr_tokens *t = cx->toks;
	uint32_t b = cx->ents->men[m].tok_begin;
	uint32_t s0 = t->sent[t->tok[b].sentence].tok_begin;
	for (uint32_t i = b, k = 0; i-- > s0 && k < PLACE_LOOKBACK; k++) {
		if (t->tok[i].kind == CHR_TOK_PUNCT && !is_punct(t, i, '['))
			return 0;
		if (cx->tok_mention[i] >= 0)
			return 0;
		if ((word_class_of(cx, i) & W_LOCATIVE) || grave_a(t, i))
			return 1;
	}
	return 0;
}

static void add_actor(chr_event *ev, uint32_t entity)
{
	for (unsigned k = 0; k < ev->nactors; k++)
		if (ev->actor[k] == entity)
			return;
	if (ev->nactors < CHR_EVENT_ACTORS)
		ev->actor[ev->nactors++] = entity;
}

/* Takes mention m as an actor unless it is a place, a qualifying
 * possessor or the reporting speaker. */
static void consider(const chr_event_ctx *cx, chr_event *ev, int32_t m)
{
	const chr_entity *e = entity_of_mention(cx, m);
	uint32_t id = cx->ents->men[m].entity;
	if ((int32_t)id == ev->speaker || e->type == CHR_ENT_MISC)
		return;
	if (after_locative(cx, m)) {
		if (is_place_entity(e) && ev->place < 0)
			ev->place = (int32_t)id;
		return;
	}
	if (qualifying_possessor(cx, m, ev->trig_begin) && !(e->type != CHR_ENT_PERSON && unnamed_office(cx, m)))
		return;
	add_actor(ev, id);
}

/* "mayor of Lyon": a name after a title and "of" names
 * an office, not a party to the event. */
static int office_of(const chr_event_ctx *cx, uint32_t b, uint32_t begin)
{
	const chr_tokens *t = cx->toks;
	uint32_t i = b;
	while (i > begin && (word_class_of(cx, i - 1) & W_DET))
		i--;
	if (i < begin + 2 || !(word_class_of(cx, i - 1) & W_OF))
		return 0;
	/* one person holds an office; "activists of X" act for X */
	const chr_token *title = &t->tok[i - 2];
	if (title->end > title->start && t->text[title->end - 1] == 's')
		return 0;
	return chr_gaz_title_word(chr_gaz_default(), title->key);
}

/*
 * The country of the document a demonym at token i names: the gazetteer's
 * ("French" -> france), else a place of the document the word continues
 * with an "n" ("Kenyan" -> Kenya, "Norvian" -> Norvia), so the
 * countries a gazetteer does not list still have their people.  -1 when none.
 */
static int32_t demonym_country(const chr_event_ctx *cx, uint32_t i)
{
	const chr_tokens *t = cx->toks;
	const chr_token *tk = &t->tok[i];
	if (tk->kind != CHR_TOK_WORD || !(tk->flags & CHR_TF_UPPER))
		return -1;
	const char *slug = NULL;
	int32_t m = cx->tok_mention[i];
	if (m >= 0) {
		/* the entity layer keeps a listed demonym as a MISC name of its country */
		const chr_entity *me = entity_of_mention(cx, m);
		if (me->type != CHR_ENT_MISC || !me->country_id)
			return -1;
		slug = me->country_id;
	} else {
		slug = chr_gaz_demonym(chr_gaz_default(), tk->key, NULL);
	}
	const char *w = t->text + tk->start;
	size_t len = tk->end - tk->start;
	if (!slug && (len < 5 || w[len - 1] != 'n'))
		return -1;
	for (size_t e = 0; e < cx->ents->n; e++) {
		const chr_entity *ent = &cx->ents->ent[e];
		/* the entity layer may take a country before "'s" for a person */
		if (ent->type == CHR_ENT_MISC || ent->country_id)
			continue;
		if (slug ? strcmp(ent->id, slug) == 0
			 : strlen(ent->name) == len - 1 && strncasecmp(ent->name, w, len - 1) == 0)
			return (int32_t)e;
	}
	/* A country no list holds and this document does not name ("the
	 * Dravonian parliament" alone): the demonym stands for it; the corpus
	 * knows its country (see fuse/events.c). */
	if (m >= 0 && !chr_gaz_demonym(chr_gaz_default(), tk->key, NULL))
		return (int32_t)cx->ents->men[m].entity;
	return -1;
}

/* Does a body of the country follow the demonym at i ("Norwegian
 * parliament", "Swedish coast guard", "Norwegian and Swedish
 * delegations")?  A demonym alone qualifies anything ("Swedish water"). */
static int body_follows(const chr_event_ctx *cx, uint32_t i, uint32_t end)
{
	const chr_tokens *t = cx->toks;
	unsigned other = 0;
	for (uint32_t j = i + 1; j < end && j < i + 6; j++) {
		unsigned cls = word_class_of(cx, j);
		if (cls & W_BODY)
			return 1;
		if ((cls & W_JOIN) || is_punct(t, j, ',') || demonym_country(cx, j) >= 0)
			continue;
		if (cx->tok_mention[j] >= 0)
			return 0;
		if (t->tok[j].kind != CHR_TOK_WORD || ++other > 1)
			return 0;
	}
	return 0;
}

/* A demonym that names a country's body as an actor. */
static int body_actor(const chr_event_ctx *cx, chr_event *ev, uint32_t i, uint32_t end)
{
	int32_t c = demonym_country(cx, i);
	if (c < 0 || !body_follows(cx, i, end))
		return 0;
	if (c != ev->speaker)
		add_actor(ev, (uint32_t)c);
	return 1;
}

static void subject_names(const chr_event_ctx *cx, chr_event *ev, uint32_t begin, uint32_t end);

/*
 * The group of names that ends just before token `end`: the subject.
 * Walks back over auxiliaries to the first name, then over names joined by
 * "and", commas, titles and the like; a clause word or a long stretch
 * without names ends it.
 */
static void subject_group(const chr_event_ctx *cx, chr_event *ev, uint32_t begin, uint32_t end)
{
	unsigned first_new = ev->nactors;
	subject_names(cx, ev, begin, end);
	/* found right to left; the text's order reads better */
	for (unsigned a = first_new, b = ev->nactors; a + 1 < b; a++, b--) {
		uint32_t x = ev->actor[a];
		ev->actor[a] = ev->actor[b - 1];
		ev->actor[b - 1] = x;
	}
}

static void subject_names(const chr_event_ctx *cx, chr_event *ev, uint32_t begin, uint32_t end)
{
	const chr_tokens *t = cx->toks;
	int found = 0;
	unsigned gap = 0;
	for (uint32_t i = end; i-- > begin;) {
		int32_t m = cx->tok_mention[i];
		if (body_actor(cx, ev, i, end)) {
			found = 1;
			gap = 0;
			continue;
		}
		if (m >= 0) {
			uint32_t b = cx->ents->men[m].tok_begin;
			if (!office_of(cx, b, begin))
				consider(cx, ev, m);
			i = b;
			found = 1;
			gap = 0;
			continue;
		}
		unsigned cls = word_class_of(cx, i);
		if ((cx->tok_flags[i] & CHR_EVT_REPORT) || is_punct(t, i, ';') || is_punct(t, i, ':'))
			break;
		if (found && (cls & (W_CLAUSE | W_AUX)))
			break;
		/* ", and Russia welcomes": the comma closes an earlier clause */
		if (!found && is_punct(t, i, ',') && i + 1 < end && (word_class_of(cx, i + 1) & W_JOIN))
			break;
		if (!found && (cls & W_CLAUSE) && !(cls & W_JOIN))
			break;
		if ((cls & W_FIRST_PERSON) && !found) {
			/* "we" in someone's quote is that someone */
			int32_t q = cx->tok_quote[i];
			if (q >= 0 && cx->quotes->q[q].speaker >= 0) {
				add_actor(ev, (uint32_t)cx->quotes->q[q].speaker);
				found = 1;
			}
			break;
		}
		if (++gap > GROUP_GAP)
			break;
	}
}

/* The clause after the trigger ends at a semicolon, a clause word, a
 * comma that opens a reporting clause ("..., Lavrov said") or the next
 * trigger's reporting verb. */
static uint32_t clause_end(const chr_event_ctx *cx, uint32_t from, uint32_t end)
{
	const chr_tokens *t = cx->toks;
	for (uint32_t i = from; i < end; i++) {
		if (is_punct(t, i, ';') || (cx->tok_flags[i] & CHR_EVT_REPORT))
			return i;
		if (word_class_of(cx, i) & W_CLAUSE && !(word_class_of(cx, i) & W_JOIN) && i > from)
			return i;
		if (is_punct(t, i, ',')) {
			for (uint32_t j = i + 1; j < end && j < i + 7; j++)
				if ((cx->tok_flags[j] & CHR_EVT_REPORT))
					return i;
		}
	}
	return end;
}

/* Does entity e hold a leader's role ("US President", "President")? */
static int leader_role(const chr_event_ctx *cx, uint32_t e)
{
	const chr_entities *ents = cx->ents;
	const chr_tokens *t = cx->toks;
	for (size_t m = ents->ent[e].first_mention, seen = 0; m < ents->nmen && seen < ents->ent[e].nmentions; m++) {
		const chr_mention *mm = &ents->men[m];
		if (mm->entity != e)
			continue;
		seen++;
		if (mm->role_end <= mm->role_start || mm->former)
			continue;
		for (uint32_t i = mm->tok_begin; i-- > 0 && t->tok[i].start >= mm->role_start;)
			if (word_class_of(cx, i) & W_LEADER)
				return 1;
	}
	return 0;
}

/* The country a word names: a demonym ("American") or a country ("US"). */
static const char *country_at(const chr_event_ctx *cx, uint32_t i)
{
	const chr_gazetteer *gaz = chr_gaz_default();
	const char *c = chr_gaz_demonym(gaz, cx->toks->tok[i].key, NULL);
	if (c)
		return c;
	int32_t m = cx->tok_mention[i];
	if (m >= 0) {
		const chr_entity *e = entity_of_mention(cx, m);
		if (e->type == CHR_ENT_PLACE && !e->country_id)
			return e->id;
	}
	return NULL;
}

/*
 * "the current French leader", "the President": the person of the
 * document who holds a leader's role for that country (for a bare "the
 * President", the country of whoever is speaking).  -1 when none or when
 * two persons fit equally.
 */
static int32_t leader_reference(const chr_event_ctx *cx, uint32_t i, uint32_t end, int32_t voice)
{
	const char *country = NULL;
	while (i < end && (word_class_of(cx, i) & W_DET))
		i++;
	if (i < end && (country = country_at(cx, i)) != NULL)
		i++;
	if (i >= end || !(word_class_of(cx, i) & W_LEADER) || cx->tok_mention[i] >= 0)
		return -1;
	if (!country && voice >= 0)
		country = cx->ents->ent[voice].country_id;
	if (!country)
		return -1;
	int32_t best = -1;
	uint32_t best_mentions = 0;
	int tie = 0;
	for (size_t e = 0; e < cx->ents->n; e++) {
		const chr_entity *ent = &cx->ents->ent[e];
		if ((int32_t)e == voice || ent->type != CHR_ENT_PERSON || !ent->country_id ||
		    strcmp(ent->country_id, country) != 0 || !leader_role(cx, (uint32_t)e))
			continue;
		if (ent->nmentions > best_mentions) {
			best = (int32_t)e;
			best_mentions = ent->nmentions;
			tie = 0;
		} else if (ent->nmentions == best_mentions) {
			tie = 1;
		}
	}
	return tie ? -1 : best;
}

/* Who is speaking at token i: the speaker of the quote it is in. */
static int32_t voice_at(const chr_event_ctx *cx, uint32_t i)
{
	int32_t q = cx->tok_quote[i];
	return q >= 0 ? cx->quotes->q[q].speaker : -1;
}

/*
 * Names after the trigger that take part: while "open" (right after a
 * verb, after "with", "between", "of", or after a taken name and "and" or
 * a comma), a name is taken; titles, articles and adjectives of a name
 * keep the state, any other word closes it.  With reopen 0 only the first
 * group counts (a clause's subject).
 */
static void object_names(const chr_event_ctx *cx, chr_event *ev, uint32_t from, uint32_t end, int open,
			 int reopen)
{
	int stop_at_comma = !open;
	const chr_tokens *t = cx->toks;
	const chr_gazetteer *gaz = chr_gaz_default();
	unsigned skipped = 0;
	for (uint32_t i = from; i < end; i++) {
		int32_t m = cx->tok_mention[i];
		if (open && body_actor(cx, ev, i, end)) {
			skipped = 0;
			continue;
		}
		if (m >= 0) {
			if (open)
				consider(cx, ev, m);
			i = cx->ents->men[m].tok_end - 1;
			/* "Washington's positions": a possessor closes the group */
			if (i + 1 < end && (t->tok[i + 1].flags & CHR_TF_POSSESSIVE) &&
			    !(i + 2 < end && chr_gaz_title_word(gaz, t->tok[i + 2].key)))
				open = 0;
			skipped = 0;
			continue;
		}
		unsigned cls = word_class_of(cx, i);
		if ((cls & W_OPEN) && reopen) {
			open = 1;
			skipped = 0;
			continue;
		}
		if (cls & W_JOIN) {
			skipped = 0;
			continue;
		}
		/* a noun's phrase ends at a comma unless a list is going on */
		if (stop_at_comma && !open && is_punct(t, i, ','))
			break;
		if (t->tok[i].kind == CHR_TOK_PUNCT && (is_punct(t, i, ',') || t->tok[i].flags & CHR_TF_HYPHEN ||
							 t->text[t->tok[i].start] == '[' || t->text[t->tok[i].start] == ']'))
			continue;
		if (t->tok[i].kind == CHR_TOK_PUNCT && t->tok[i].end - t->tok[i].start > 1)
			continue;   /* dashes around an apposition */
		if ((cx->tok_flags[i] & CHR_EVT_ROLE) || (cls & W_DET) || (cls & W_LOCATIVE) ||
		    chr_gaz_title_word(gaz, t->tok[i].key) ||
		    chr_gaz_demonym(gaz, t->tok[i].key, NULL) || (t->tok[i].flags & CHR_TF_POSSESSIVE) ||
		    t->tok[i].kind == CHR_TOK_NUMBER || cx->tok_timex[i] >= 0 || ++skipped <= 1)
			continue;
		open = 0;
	}
}

static int participle(const chr_tokens *t, uint32_t i)
{
	const chr_token *tk = &t->tok[i];
	return tk->kind == CHR_TOK_WORD && tk->end - tk->start > 5 && memcmp(t->text + tk->end - 3, "ing", 3) == 0;
}

static int their_before(const chr_tokens *t, const chr_sentence *s, uint32_t tb)
{
	for (uint32_t i = tb, k = 0; i-- > s->tok_begin && k < 4; k++)
		if (t->tok[i].key == key_their)
			return 1;
	return 0;
}

static void find_actors(const chr_event_ctx *cx, chr_event *ev, const chr_sentence *s, int noun)
{
	const chr_tokens *t = cx->toks;
	uint32_t tb = ev->trig_begin, te = ev->trig_end;
	int32_t voice = voice_at(cx, tb);
	if (ev->speaker < 0)
		ev->speaker = voice;
	/* the subject: before a verb, or before the light verb of a noun */
	if (!noun) {
		subject_group(cx, ev, s->tok_begin, tb);
	} else {
		uint32_t stop = tb > s->tok_begin + LOOKBACK ? tb - LOOKBACK : s->tok_begin;
		for (uint32_t i = tb; i-- > stop;) {
			if (cx->tok_mention[i] >= 0 || is_punct(t, i, ',') || is_punct(t, i, ';'))
				break;
			if (word_class_of(cx, i) & W_LIGHT) {
				subject_group(cx, ev, s->tok_begin, i);
				break;
			}
			/* "X and Y signed ..., ending a negotiating session": a
			 * participle after a comma has the sentence's subject */
			if (i > s->tok_begin && is_punct(t, i - 1, ',') && participle(t, i)) {
				object_names(cx, ev, s->tok_begin, i - 1, 1, 0);
				break;
			}
		}
		/* a possessor: "Putin's meeting", "the President's meeting" */
		if (tb > s->tok_begin + 1 && (t->tok[tb - 1].flags & CHR_TF_POSSESSIVE)) {
			int32_t m = cx->tok_mention[tb - 2];
			if (m >= 0) {
				consider(cx, ev, m);
			} else {
				uint32_t b = tb - 2;
				while (b > s->tok_begin && (word_class_of(cx, b - 1) & W_DET))
					b--;
				int32_t who = leader_reference(cx, b, tb - 1, voice);
				if (who >= 0 && who != ev->speaker)
					add_actor(ev, (uint32_t)who);
			}
		}
	}
	/* the others: a verb's object, names after "with", "between", "of" */
	uint32_t end = clause_end(cx, te, s->tok_end);
	int before = ev->nactors;
	object_names(cx, ev, te, end, !noun, 1);
	if (ev->nactors == before) {
		/* "praised the new French leader" */
		for (uint32_t i = te; i < end && i < te + 3; i++) {
			int32_t who = leader_reference(cx, i, end, voice);
			if (who >= 0 && who != ev->speaker) {
				add_actor(ev, (uint32_t)who);
				break;
			}
		}
	}
	/* "During their meeting, X and Y cleared up ...": the pronoun's
	 * owners are the subject of the clause after the comma */
	if (noun && !ev->nactors && their_before(t, s, tb)) {
		for (uint32_t i = te; i < s->tok_end; i++)
			if (is_punct(t, i, ',')) {
				object_names(cx, ev, i + 1, clause_end(cx, i + 1, s->tok_end), 1, 0);
				break;
			}
	}
}

/* Is entity e a country: listed as one, or a place whose people the
 * document names ("Kestrian" for Kestria)? */
static int is_country(const chr_event_ctx *cx, uint32_t e)
{
	const chr_entity *ent = &cx->ents->ent[e];
	if (ent->type != CHR_ENT_PLACE || ent->country_id)
		return 0;
	const chr_gaz_entry *g = chr_gaz_by_id(chr_gaz_default(), ent->id);
	if (g)
		return g->kind == CHR_GK_COUNTRY;
	for (uint32_t j = 0; j < cx->toks->n; j++)
		if (cx->tok_mention[j] < 0 || entity_of_mention(cx, cx->tok_mention[j])->type == CHR_ENT_MISC)
			if (demonym_country(cx, j) == (int32_t)e)
				return 1;
	return 0;
}

/* "..., the two sides announced after a second round of talks": a pair of
 * parties ("the two sides", "both governments") in a sentence that names
 * exactly two countries is those two. */
static int names_pair(const chr_event_ctx *cx, const chr_sentence *s)
{
	const chr_tokens *t = cx->toks;
	for (uint32_t i = s->tok_begin; i + 1 < s->tok_end; i++)
		if ((word_class_of(cx, i) & W_PAIR) && (word_class_of(cx, i + 1) & W_BODY) &&
		    t->text[t->tok[i + 1].end - 1] == 's')
			return 1;
	return 0;
}

static void pair_of_countries(const chr_event_ctx *cx, chr_event *ev, const chr_sentence *s)
{
	if (!names_pair(cx, s))
		return;
	uint32_t found[2];
	unsigned n = 0;
	for (uint32_t i = s->tok_begin; i < s->tok_end; i++) {
		int32_t m = cx->tok_mention[i];
		if (m < 0)
			continue;
		uint32_t e = cx->ents->men[m].entity;
		i = cx->ents->men[m].tok_end - 1;
		if ((int32_t)e == ev->place || (n && found[0] == e) || (n > 1 && found[1] == e) || !is_country(cx, e))
			continue;
		if (n == 2)
			return;   /* three countries: which two is not said */
		found[n++] = e;
	}
	for (unsigned k = 0; n == 2 && k < n; k++)
		add_actor(ev, found[k]);
}

/* The place nearest the trigger that follows a locative preposition. */
static void find_place(const chr_event_ctx *cx, chr_event *ev, const chr_sentence *s)
{
	if (ev->place >= 0)
		return;
	const chr_tokens *t = cx->toks;
	uint32_t begin = ev->trig_begin, end = clause_end(cx, ev->trig_end, s->tok_end);
	while (begin > s->tok_begin && !is_punct(t, begin - 1, ':') && !is_punct(t, begin - 1, ';') &&
	       !(cx->tok_flags[begin - 1] & CHR_EVT_REPORT))
		begin--;
	/* "visited the Kremlin": a visit's object is its place */
	if (strcmp(ev->type, "visit") == 0 || strcmp(ev->type, "host") == 0) {
		uint32_t i = ev->trig_end;
		while (i < end && (word_class_of(cx, i) & W_DET))
			i++;
		if (i < end && cx->tok_mention[i] >= 0 && is_place_entity(entity_of_mention(cx, cx->tok_mention[i]))) {
			ev->place = (int32_t)cx->ents->men[cx->tok_mention[i]].entity;
			return;
		}
	}
	uint32_t best_dist = UINT32_MAX;
	for (uint32_t i = begin; i < end; i++) {
		int32_t m = cx->tok_mention[i];
		if (m < 0)
			continue;
		const chr_mention *mm = &cx->ents->men[m];
		i = mm->tok_end - 1;
		if (!is_place_entity(entity_of_mention(cx, m)) || !after_locative(cx, m))
			continue;
		/* "in the US president's limo": the country qualifies a noun */
		if (mm->tok_end < s->tok_end && ((t->tok[mm->tok_end].flags & CHR_TF_POSSESSIVE) ||
						 chr_gaz_title_word(chr_gaz_default(), t->tok[mm->tok_end].key)))
			continue;
		uint32_t d = mm->tok_begin >= ev->trig_end ? mm->tok_begin - ev->trig_end
							   : 2 * (ev->trig_begin - mm->tok_end) + 1;
		if (d < best_dist) {
			best_dist = d;
			ev->place = (int32_t)mm->entity;
		}
	}
}

/* Is time expression k the date of a reporting clause ("said on Thursday")? */
static int statement_time(const chr_event_ctx *cx, uint32_t k)
{
	uint32_t b = cx->times->t[k].tok_begin;
	for (uint32_t i = b, n = 0; i-- > 0 && n < 3; n++)
		if ((cx->tok_flags[i] & CHR_EVT_REPORT))
			return 1;
	return 0;
}

/* A dateline ("MOSCOW, December 11.") dates the report, not the events. */
static int dateline_like(const chr_tokens *t, const chr_sentence *s)
{
	unsigned words = 0;
	for (uint32_t i = s->tok_begin; i < s->tok_end; i++)
		words += t->tok[i].kind == CHR_TOK_WORD;
	return words < 6;
}

/* The next time expression starting in tokens [*i, end): its index, with
 * *i moved past it; -1 when there is none. */
static int32_t next_timex(const chr_event_ctx *cx, uint32_t *i, uint32_t end)
{
	for (; *i < end; (*i)++) {
		int32_t k = cx->tok_timex[*i];
		if (k >= 0) {
			*i = cx->times->t[k].tok_end;
			return k;
		}
	}
	return -1;
}

/* The DATE expression of sentence s nearest the trigger, -1 if none. */
static int32_t sentence_date(const chr_event_ctx *cx, const chr_sentence *s, uint32_t near)
{
	int32_t best = -1, k;
	uint32_t best_dist = UINT32_MAX;
	chr_event probe;
	for (uint32_t i = s->tok_begin; (k = next_timex(cx, &i, s->tok_end)) >= 0;) {
		const chr_timex *tx = &cx->times->t[k];
		if ((tx->type != CHR_TIMEX_DATE && tx->type != CHR_TIMEX_TIME) || statement_time(cx, (uint32_t)k) ||
		    !chr_event_set_date(&probe, tx->value))
			continue;
		/* "detained since November": where a state began, not a day of
		 * what the sentence reports */
		if (tx->tok_begin > s->tok_begin && cx->toks->tok[tx->tok_begin - 1].key == key_since)
			continue;
		uint32_t d = tx->tok_begin > near ? tx->tok_begin - near : near - tx->tok_begin;
		if (d < best_dist) {
			best_dist = d;
			best = k;
		}
	}
	return best;
}

/* "has just ended": what happened just now happened on the article's date. */
static int just_now(const chr_event_ctx *cx, const chr_sentence *s)
{
	for (uint32_t i = s->tok_begin; i < s->tok_end; i++)
		if (word_class_of(cx, i) & W_JUST)
			return 1;
	return 0;
}

/* A paragraph that heads a section: one short sentence without a final stop. */
static int heading_paragraph(const chr_tokens *t, uint32_t first_sentence)
{
	const chr_sentence *s = &t->sent[first_sentence];
	if (first_sentence + 1 < t->nsent && t->sent[first_sentence + 1].paragraph == s->paragraph)
		return 0;
	if (s->tok_end - s->tok_begin > 6)
		return 0;
	const chr_token *last = &t->tok[s->tok_end - 1];
	return last->kind != CHR_TOK_PUNCT;
}

/* Each sentence's first and last usable date, once per document, so the
 * context of every frame is a walk over sentences, not tokens. */
static chr_status sentence_dates(chr_arena *arena, chr_event_ctx *cx)
{
	const chr_tokens *t = cx->toks;
	size_t n = t->nsent ? t->nsent : 1;
	cx->sent_date_first = chr_arena_alloc(arena, n * sizeof *cx->sent_date_first);
	cx->sent_date_last = chr_arena_alloc(arena, n * sizeof *cx->sent_date_last);
	if (!cx->sent_date_first || !cx->sent_date_last)
		return CHR_ENOMEM;
	for (size_t si = 0; si < t->nsent; si++) {
		const chr_sentence *s = &t->sent[si];
		int dateline = dateline_like(t, s);
		cx->sent_date_first[si] = dateline ? -1 : sentence_date(cx, s, s->tok_begin);
		cx->sent_date_last[si] = dateline ? -1 : sentence_date(cx, s, s->tok_end);
	}
	return CHR_OK;
}

/* Date from the context: the paragraph's other sentences, nearest first,
 * then the earlier paragraphs of the same section. */
static int32_t context_date(const chr_event_ctx *cx, uint32_t si)
{
	const chr_tokens *t = cx->toks;
	uint32_t para = t->sent[si].paragraph;
	for (uint32_t d = 1; d < 16; d++) {
		int any = 0;
		if (si >= d && t->sent[si - d].paragraph == para) {
			any = 1;
			int32_t k = cx->sent_date_last[si - d];
			if (k >= 0)
				return k;
		}
		if (si + d < t->nsent && t->sent[si + d].paragraph == para) {
			any = 1;
			int32_t k = cx->sent_date_first[si + d];
			if (k >= 0)
				return k;
		}
		if (!any)
			break;
	}
	/* earlier paragraphs, back to the section's heading */
	uint32_t i = si;
	while (i > 0 && t->sent[i].paragraph == para)
		i--;
	for (uint32_t seen = 0; i > 0 && seen < 32; i--, seen++) {
		if (t->sent[i].paragraph == para)
			continue;
		int head = t->sent[i - 1].paragraph != t->sent[i].paragraph && heading_paragraph(t, i);
		int32_t k = cx->sent_date_last[i];
		if (k >= 0)
			return k;
		if (head)
			break;
	}
	return -1;
}

/* Is a duration the length of something, not a distance in time ("in six
 * years", "a year later", "over the past week")? */
static int event_length(const chr_event_ctx *cx, const chr_timex *x, const chr_sentence *s)
{
	if (x->tok_begin > s->tok_begin) {
		unsigned before = word_class_of(cx, x->tok_begin - 1);
		if ((before & W_SPAN_OFF) || (before & W_LOCATIVE))
			return 0;
	}
	for (uint32_t i = x->tok_begin; i < x->tok_end; i++)
		if (word_class_of(cx, i) & W_SPAN_OFF)
			return 0;
	return !(x->tok_end < s->tok_end && (word_class_of(cx, x->tok_end) & W_SPAN_OFF));
}

/* "have agreed" right before the trigger: done by the time it is told. */
static int perfect_before(const chr_event_ctx *cx, const chr_sentence *s, uint32_t tb)
{
	for (uint32_t i = tb, k = 0; i-- > s->tok_begin && k < 2; k++) {
		if (cx->toks->tok[i].kind != CHR_TOK_WORD)
			return 0;
		if (word_class_of(cx, i) & W_HAVE)
			return 1;
	}
	return 0;
}

/* The date of the sentence's reporting clause ("..., Lind said on Tuesday"). */
static int32_t statement_date_of(const chr_event_ctx *cx, const chr_sentence *s)
{
	chr_event probe;
	int32_t k;
	for (uint32_t i = s->tok_begin; (k = next_timex(cx, &i, s->tok_end)) >= 0;) {
		const chr_timex *tx = &cx->times->t[k];
		if (tx->type == CHR_TIMEX_DATE && statement_time(cx, (uint32_t)k) && chr_event_set_date(&probe, tx->value))
			return k;
	}
	return -1;
}

static void find_time(const chr_event_ctx *cx, chr_event *ev, const chr_sentence *s)
{
	int32_t k = sentence_date(cx, s, ev->trig_begin);
	/* "the delegations have agreed on an agenda, Lind said on Tuesday":
	 * what the statement reports as just done is of the statement's day */
	if (k < 0 && !ev->noun && perfect_before(cx, s, ev->trig_begin))
		k = statement_date_of(cx, s);
	if (k < 0 && just_now(cx, s) && cx->anchor)
		chr_event_set_date(ev, cx->anchor);
	else if (k < 0)
		k = context_date(cx, ev->sentence);
	if (k >= 0)
		chr_event_set_date(ev, cx->times->t[k].value);
	for (uint32_t i = s->tok_begin; i < s->tok_end; i++) {
		int32_t d = cx->tok_timex[i];
		if (d >= 0 && cx->times->t[d].type == CHR_TIMEX_DURATION && cx->times->t[d].value[0] == 'P' &&
		    !strchr(cx->times->t[d].value, 'X') && event_length(cx, &cx->times->t[d], s)) {
			size_t n = strlen(cx->times->t[d].value);
			if (n < sizeof ev->duration) {
				memcpy(ev->duration, cx->times->t[d].value, n + 1);
				break;
			}
		}
	}
}

void chr_event_fill_args(const chr_event_ctx *cx, chr_event *ev)
{
	const chr_sentence *s = &cx->toks->sent[ev->sentence];
	find_actors(cx, ev, s, ev->noun);
	find_place(cx, ev, s);
	if (!ev->nactors)
		pair_of_countries(cx, ev, s);
	find_time(cx, ev, s);
	/* where it happened is not who took part ("visited the Kremlin") */
	unsigned kept = 0;
	for (unsigned k = 0; k < ev->nactors; k++)
		if ((int32_t)ev->actor[k] != ev->place)
			ev->actor[kept++] = ev->actor[k];
	ev->nactors = (uint8_t)kept;
}

/* ---- completing frames from each other ---- */

static int dates_compatible(const char *a, const char *b)
{
	if (!a[0] || !b[0])
		return 1;
	size_t na = strlen(a), nb = strlen(b);
	return strncmp(a, b, na < nb ? na : nb) == 0;
}

static const char *place_key(const chr_event_ctx *cx, int32_t p)
{
	if (p < 0)
		return NULL;
	const chr_entity *e = &cx->ents->ent[p];
	return e->place_id ? e->place_id : e->id;
}

static unsigned shared_actors(const chr_event *a, const chr_event *b)
{
	unsigned n = 0;
	for (unsigned i = 0; i < a->nactors; i++)
		for (unsigned j = 0; j < b->nactors; j++)
			n += a->actor[i] == b->actor[j];
	return n;
}

/* Are a's actors all countries whose people act in b ("the leaders of
 * France and Germany" for Macron and Scholz)? */
static int countries_for_people(const chr_event_ctx *cx, const chr_event *a, const chr_event *b)
{
	if (!a->nactors)
		return 0;
	for (unsigned i = 0; i < a->nactors; i++) {
		const chr_entity *c = &cx->ents->ent[a->actor[i]];
		if (c->type != CHR_ENT_PLACE || c->country_id)
			return 0;
		int found = 0;
		for (unsigned j = 0; j < b->nactors && !found; j++) {
			const chr_entity *p = &cx->ents->ent[b->actor[j]];
			found = p->type == CHR_ENT_PERSON && p->country_id && strcmp(p->country_id, c->id) == 0;
		}
		if (!found)
			return 0;
	}
	return 1;
}

/* How well frame `later` continues frame `early`; 0 when it does not. */
static int continuation_score(const chr_event_ctx *cx, const chr_event *early, const chr_event *later)
{
	const chr_tokens *t = cx->toks;
	if (early->modality != CHR_MOD_ASSERTED || later->modality != CHR_MOD_ASSERTED)
		return 0;
	if (early->type != later->type && !(chr_ev_family(early->type) && chr_ev_family(later->type)))
		return 0;
	uint32_t pe = t->sent[early->sentence].paragraph, pl = t->sent[later->sentence].paragraph;
	if (pl - pe > MERGE_PARAGRAPHS || !dates_compatible(early->date, later->date))
		return 0;
	const char *ka = place_key(cx, early->place), *kb = place_key(cx, later->place);
	if (ka && kb && strcmp(ka, kb) != 0)
		return 0;
	int both_dated = early->date[0] && later->date[0];
	int score;
	if (!later->nactors) {
		/* "the meeting", "the conversation": a reference to what came just before */
		if (!(both_dated || (pl - pe <= 1 && !kb)))
			return 0;
		score = 1;
	} else if (!early->nactors) {
		return 0;
	} else {
		unsigned shared = shared_actors(early, later);
		unsigned least = early->nactors < later->nactors ? early->nactors : later->nactors;
		if (shared >= 2 || (shared == 1 && least == 1))
			score = 1;
		else if (both_dated && (countries_for_people(cx, later, early) || countries_for_people(cx, early, later)))
			score = 1;
		else
			return 0;
	}
	score += 2 * both_dated + (early->nactors >= 2);
	return score;
}

static void merge_into(const chr_event_ctx *cx, chr_event *keep, const chr_event *from)
{
	if (countries_for_people(cx, keep, from)) {
		/* people stand in for the countries that named them */
		keep->nactors = 0;
	}
	if (!countries_for_people(cx, from, keep))
		for (unsigned i = 0; i < from->nactors; i++)
			add_actor(keep, from->actor[i]);
	if (strlen(from->date) > strlen(keep->date))
		memcpy(keep->date, from->date, sizeof keep->date);
	if (keep->place < 0)
		keep->place = from->place;
	if (!keep->duration[0])
		memcpy(keep->duration, from->duration, sizeof keep->duration);
}

/* "Holst and Zhelnin agreed on an agenda. ... Both delegations will
 * exchange proposals": a pair of parties ("both delegations", "the two
 * sides") as the subject of a verb, that the sentence does not name
 * (pair_of_countries found none), is the last pair an earlier sentence
 * named as a frame's two actors, a few paragraphs back at most, when both
 * are dated to the day and at most a week apart: the same parties in the
 * same days.  Inside one sentence ("six weeks after the two envoys
 * signed") the clause is often of another time, and "business groups on
 * both sides" are no pair of parties. */
#define PAIR_DAYS 7

static int64_t day_of(const char *date)
{
	int y, m, d;
	if (strlen(date) != 10 || sscanf(date, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return INT64_MIN;
	return chr_tx_days(y, m, d);
}

static void pair_from_before(const chr_event_ctx *cx, chr_event *ev, const chr_event *before, size_t nbefore)
{
	const chr_tokens *t = cx->toks;
	const chr_sentence *s = &t->sent[ev->sentence];
	if (ev->nactors || ev->noun)
		return;
	int pair = 0;
	for (uint32_t i = ev->trig_begin, k = 0; i-- > s->tok_begin + 1 && k < 4 && !pair; k++) {
		if (t->tok[i].kind == CHR_TOK_PUNCT)
			return;
		pair = (word_class_of(cx, i - 1) & W_PAIR) && (word_class_of(cx, i) & W_BODY) &&
		       t->text[t->tok[i].end - 1] == 's' &&
		       (i - 1 == s->tok_begin || t->tok[i - 2].kind != CHR_TOK_WORD ||
			(word_class_of(cx, i - 2) & (W_DET | W_CLAUSE)));
	}
	int64_t day = day_of(ev->date);
	if (!pair || day == INT64_MIN)
		return;
	uint32_t p = s->paragraph;
	for (size_t j = nbefore; j-- > 0;) {
		if (p - t->sent[before[j].sentence].paragraph > MERGE_PARAGRAPHS)
			return;
		int64_t d = day_of(before[j].date);
		if (before[j].sentence < ev->sentence && before[j].nactors == 2 && d != INT64_MIN &&
		    d - day <= PAIR_DAYS && day - d <= PAIR_DAYS) {
			add_actor(ev, before[j].actor[0]);
			add_actor(ev, before[j].actor[1]);
			return;
		}
	}
}

void chr_events_complete(const chr_event_ctx *cx, chr_event *ev, size_t *n)
{
	size_t kept = 0;
	for (size_t i = 0; i < *n; i++) {
		pair_from_before(cx, &ev[i], ev, kept);
		int best = 0;
		size_t into = 0;
		size_t stop = kept > MERGE_WINDOW ? kept - MERGE_WINDOW : 0;
		for (size_t j = kept; j-- > stop;) {
			int sc = continuation_score(cx, &ev[j], &ev[i]);
			if (sc > best) {
				best = sc;
				into = j;
			}
		}
		if (best) {
			merge_into(cx, &ev[into], &ev[i]);
			continue;
		}
		ev[kept++] = ev[i];
	}
	*n = kept;
}
