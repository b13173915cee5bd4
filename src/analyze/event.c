/*
 * event.c - analyze stage, events: finds the triggers of each sentence in
 * the event lexicon and builds one frame per reported event (see event.h).
 *
 * Per sentence: the longest lexicon match at each token is a trigger;
 * reporting verbs ("said", "according to") name the speaker of what the
 * sentence reports, who is kept apart from its actors; several triggers of
 * one family in a sentence ("held talks ... the meeting") are one event.
 * event_args.c fills actors, place, date and duration, and completes the
 * frames across sentences.
 */
#include <pthread.h>
#include <string.h>

#include "analyze/event_int.h"
#include "analyze/gazetteer.h"

#define EV_MAX_TRIGGERS 16   /* per sentence: a bound for pathological text */
#define EV_MODALITY_WINDOW 5

typedef struct trigger {
	const ev_pattern *p;
	uint32_t begin, end;
	uint8_t noun;
} trigger;

const char *chr_modality_name(chr_modality m)
{
	static const char *const names[] = { "asserted", "negated", "future", "hypothetical" };
	return (unsigned)m < 4 ? names[m] : "asserted";
}

/* Word lists as folded keys, hashed once per process. */
enum {
	WL_NEGATION, WL_FUTURE, WL_HYPOTHETICAL, WL_BEFORE_NOUN, WL_ARTICLE, WL_THE, WL_BE_HAVE, WL_AGENT,
	WL_SINCE, WL_DET_DE_FR, WL_BE, NLISTS
};
#define WL_MAX 32

static const char *const word_lists[NLISTS][WL_MAX] = {
	/* English, then the German and French words of the lexicons in
	 * data/events/ (none of them an English word) */
	[WL_NEGATION] = { "not", "n't", "never", "no", "neither", "nor", "without", "failed", "cannot",
			  "delayed", "postponed", "cancelled", "canceled",
			  "nicht", "kein", "keine", "keinen", "nie", "ohne", "pas", "jamais", "aucun", "aucune",
			  NULL },
	[WL_FUTURE] = { "will", "'ll", "shall", "plans", "plan", "planned", "planning", "intends", "intend",
			"about", "going", "scheduled", "expected", "upcoming", "forthcoming", "future", "next",
			"set", "due", "wird", "werden", "soll", "sollen", "vont", "doit", "doivent", "devrait",
			"devraient", NULL },
	[WL_HYPOTHETICAL] = { "would", "could", "might", "may", "if", "unless", "whether", "possible",
			      "potential", "possibility", "hypothetical", "proposed", "würde", "würden",
			      "könnte", "könnten", "falls", "pourrait", "pourraient", NULL },
	[WL_BEFORE_NOUN] = { "the", "a", "an", "their", "his", "her", "its", "our", "my", "your", "this",
			     "that", "recent", "next", "first", "last", "previous", "further", "another",
			     "any", "no", "every", NULL },
	[WL_ARTICLE] = { "a", "an", "the", NULL },
	[WL_THE] = { "the", NULL },
	[WL_BE_HAVE] = { "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "having", "'s",
			 "'re", "'ve", "'d", NULL },
	/* what follows a participle that only describes a noun: "the men
	 * detained by the coast guard", "detained since November" */
	[WL_AGENT] = { "by", "since", NULL },
	[WL_SINCE] = { "since", NULL },
	[WL_BE] = { "is", "are", "was", "were", "be", "been", "being", NULL },
	/* before a German or French noun; "a" is the French "has" ("a rencontré") */
	[WL_DET_DE_FR] = { "der", "die", "das", "dem", "den", "des", "ein", "eine", "einen", "einem", "einer",
			   "le", "la", "les", "l'", "un", "une", "du", "sa", "son", "ses", "leur", "leurs",
			   "cette", "ce", NULL },
};
static pthread_once_t lists_once = PTHREAD_ONCE_INIT;


/* One bit per list for each key, in a small open-addressed table. */
#define WL_SLOTS 256
static struct { uint64_t key; unsigned lists; } list_table[WL_SLOTS];

static void list_table_add(uint64_t key, int list)
{
	size_t i = (size_t)(key ^ (key >> 32)) & (WL_SLOTS - 1);
	while (list_table[i].key && list_table[i].key != key)
		i = (i + 1) & (WL_SLOTS - 1);
	list_table[i].key = key;
	list_table[i].lists |= 1u << list;
}

static int in_list(const chr_tokens *t, uint32_t i, int list)
{
	uint64_t key = t->tok[i].key;
	for (size_t s = (size_t)(key ^ (key >> 32)) & (WL_SLOTS - 1); list_table[s].key; s = (s + 1) & (WL_SLOTS - 1))
		if (list_table[s].key == key)
			return (list_table[s].lists >> list) & 1;
	return 0;
}

static void lists_init(void)
{
	for (int l = 0; l < NLISTS; l++)
		for (int k = 0; k < WL_MAX && word_lists[l][k]; k++)
			list_table_add(chr_fold_hash(word_lists[l][k], strlen(word_lists[l][k])), l);
}

/*
 * Modality from the words just before the trigger, within its clause, and
 * from the sentence itself: a question reports nothing as fact.
 */
static chr_modality modality_of(const chr_tokens *t, const chr_sentence *s, uint32_t begin)
{
	chr_modality m = CHR_MOD_ASSERTED;
	uint32_t stop = begin > s->tok_begin + EV_MODALITY_WINDOW ? begin - EV_MODALITY_WINDOW : s->tok_begin;
	for (uint32_t i = begin; i-- > stop;) {
		const chr_token *tk = &t->tok[i];
		if (tk->kind == CHR_TOK_PUNCT && !(tk->flags & CHR_TF_HYPHEN))
			break;
		if (tk->kind != CHR_TOK_WORD)
			continue;
		if (in_list(t, i, WL_NEGATION))
			return CHR_MOD_NEGATED;
		if (m == CHR_MOD_ASSERTED && in_list(t, i, WL_HYPOTHETICAL))
			m = CHR_MOD_HYPOTHETICAL;
		else if (m == CHR_MOD_ASSERTED && in_list(t, i, WL_FUTURE))
			m = CHR_MOD_FUTURE;
	}
	if (s->tok_end > s->tok_begin) {
		const chr_token *last = &t->tok[s->tok_end - 1];
		if (last->kind == CHR_TOK_QUOTE && s->tok_end - 1 > s->tok_begin)
			last--;
		if (last->end - last->start == 1 && t->text[last->start] == '?')
			m = CHR_MOD_HYPOTHETICAL;
	}
	return m;
}

/* After an article, a possessive or an adjective-like word a trigger that
 * is both noun and verb ("meeting", "visit", "talks") is the noun. */
static int noun_position(const chr_tokens *t, uint32_t i, uint32_t sentence_begin)
{
	if (i == sentence_begin)
		return 0;
	const chr_token *p = &t->tok[i - 1];
	if (p->flags & CHR_TF_POSSESSIVE || p->kind == CHR_TOK_NUMBER || (p->flags & CHR_TF_HYPHEN))
		return 1;
	return in_list(t, i - 1, WL_BEFORE_NOUN) || (p->kind == CHR_TOK_WORD && p->end - p->start > 3 &&
		(memcmp(t->text + p->end - 2, "ly", 2) != 0) && (p->flags & CHR_TF_UPPER) == 0 &&
		(memcmp(t->text + p->end - 2, "al", 2) == 0 || memcmp(t->text + p->end - 3, "ful", 3) == 0));
}

/*
 * "Eleven fishermen detained by the coast guard in November crossed the
 * bridge": a participle right after a noun, with its agent or its start
 * after it and no auxiliary before it, describes the noun; the sentence
 * reports something else.
 */
static int reduced_relative(const chr_tokens *t, const chr_sentence *s, uint32_t begin, uint32_t end)
{
	const chr_token *tk = &t->tok[begin];
	if (end != begin + 1 || end >= s->tok_end || begin == s->tok_begin || !in_list(t, end, WL_AGENT))
		return 0;
	if (tk->end - tk->start < 4 || memcmp(t->text + tk->end - 2, "ed", 2) != 0)
		return 0;
	const chr_token *prev = &t->tok[begin - 1];
	if (prev->kind != CHR_TOK_WORD || (prev->flags & CHR_TF_POSSESSIVE))
		return 0;
	/* "was later detained by": an auxiliary a word or two back makes it a verb */
	for (uint32_t i = begin, k = 0; i-- > s->tok_begin && k < 3; k++) {
		if (t->tok[i].kind != CHR_TOK_WORD)
			break;
		if (in_list(t, i, WL_BE_HAVE) || in_list(t, i, WL_NEGATION))
			return 0;
	}
	return 1;
}

/* "The fishermen were met by their families": a meeting in the passive
 * whose agent names no one is people greeted on arrival, no meeting of
 * parties ("was met by Foreign Minister Lind at the airport" is one). */
static int met_by_unnamed(const chr_event_ctx *cx, const chr_sentence *s, uint32_t begin, uint32_t end)
{
	const chr_tokens *t = cx->toks;
	if (begin == s->tok_begin || !in_list(t, begin - 1, WL_BE) || end >= s->tok_end || !in_list(t, end, WL_AGENT) ||
	    in_list(t, end, WL_SINCE))
		return 0;
	for (uint32_t i = end + 1, k = 0; i < s->tok_end && k < 6; i++, k++) {
		if (t->tok[i].kind == CHR_TOK_PUNCT && !(t->tok[i].flags & CHR_TF_HYPHEN))
			break;
		int32_t m = cx->tok_mention[i];
		if (m >= 0 && cx->ents->ent[cx->ents->men[m].entity].type != CHR_ENT_MISC)
			return 0;
	}
	return 1;
}

/* "the first contact since the crossing was closed": a clause opened by
 * "since" names an earlier event only to date the one the sentence reports. */
static int since_clause(const chr_tokens *t, const chr_sentence *s, uint32_t begin)
{
	for (uint32_t i = begin, k = 0; i-- > s->tok_begin && k < 8; k++) {
		if (t->tok[i].kind == CHR_TOK_PUNCT && !(t->tok[i].flags & CHR_TF_HYPHEN))
			return 0;
		if (in_list(t, i, WL_SINCE))
			return 1;
	}
	return 0;
}

/* Longest lexicon match at each token, left to right, never overlapping.
 * Words inside a person, place or organisation name are no triggers. */
static size_t find_triggers(const chr_event_ctx *cx, const chr_sentence *s, trigger *out)
{
	const chr_tokens *t = cx->toks;
	size_t n = 0;
	for (uint32_t i = s->tok_begin; i < s->tok_end && n < EV_MAX_TRIGGERS;) {
		const int32_t *list = (cx->tok_flags[i] & CHR_EVT_HEAD) ? chr_ev_first(cx->lang, t->tok[i].key) : NULL;
		int32_t m = cx->tok_mention[i];
		if (list && m >= 0 && cx->ents->ent[cx->ents->men[m].entity].type != CHR_ENT_MISC)
			list = NULL;
		uint32_t best_end = 0;
		const ev_pattern *best = NULL;
		int want_noun = !list ? 0 : cx->lang == 0 ? noun_position(t, i, s->tok_begin)
					: i > s->tok_begin && in_list(t, i - 1, WL_DET_DE_FR);
		for (; list && *list >= 0; list++) {
			const ev_pattern *p = chr_ev_pattern(*list);
			uint32_t e = p ? chr_ev_match(t, p, i, s->tok_end) : 0;
			if (e > best_end || (e && e == best_end && want_noun && p->kind == EV_NOUN &&
					     best->kind != EV_NOUN)) {
				best_end = e;
				best = p;
			}
		}
		/* "an attack": after an article a verb-only trigger is a noun we do
		 * not code; "the bridge was closed" opens with its object */
		if (best && best->kind != EV_NOUN && best->kind != EV_PASSIVE && i > s->tok_begin && cx->lang == 0 &&
		    in_list(t, i - 1, WL_ARTICLE))
			best = NULL;
		if (best && best->kind == EV_VERB && cx->lang == 0 && reduced_relative(t, s, i, best_end))
			best = NULL;
		if (best && (best->kind == EV_VERB || best->kind == EV_PASSIVE) && cx->lang == 0 &&
		    since_clause(t, s, i))
			best = NULL;
		if (best && best->kind == EV_VERB && cx->lang == 0 && chr_ev_family(best->type) &&
		    met_by_unnamed(cx, s, i, best_end))
			best = NULL;
		if (best) {
			out[n].p = best;
			out[n].begin = i;
			out[n].end = best_end;
			out[n].noun = best->kind == EV_NOUN;
			n++;
			i = best_end;
		} else {
			i++;
		}
	}
	return n;
}

/* The entity a reporting trigger names as speaker: the name just before
 * it ("Lavrov said"), just after it ("said Lavrov", "according to X"). */
static int32_t reporting_speaker(const chr_event_ctx *cx, const chr_sentence *s, const trigger *tr)
{
	const chr_entities *e = cx->ents;
	int32_t m = -1;
	if (tr->begin > s->tok_begin && cx->tok_mention[tr->begin - 1] >= 0)
		m = cx->tok_mention[tr->begin - 1];
	else if (tr->end < s->tok_end && cx->tok_mention[tr->end] >= 0)
		m = cx->tok_mention[tr->end];
	else if (tr->end + 1 < s->tok_end && cx->tok_mention[tr->end + 1] >= 0 &&
		 in_list(cx->toks, tr->end, WL_THE))
		m = cx->tok_mention[tr->end + 1];
	if (m < 0)
		return -1;
	chr_ent_type type = e->ent[e->men[m].entity].type;
	return type == CHR_ENT_PERSON || type == CHR_ENT_ORG ? (int32_t)e->men[m].entity : -1;
}

/* A date said of the statement itself: "said on Thursday". */
static int32_t statement_date(const chr_event_ctx *cx, const chr_sentence *s, const trigger *tr)
{
	for (uint32_t i = tr->end; i < s->tok_end && i < tr->end + 3; i++) {
		int32_t k = cx->tok_timex[i];
		if (k >= 0 && cx->times->t[k].type == CHR_TIMEX_DATE)
			return k;
	}
	return -1;
}

static chr_status push(chr_arena *arena, chr_events *out, size_t *cap, const chr_event *ev)
{
	if (out->n == *cap) {
		size_t ncap = *cap ? 2 * *cap : 16;
		chr_event *grown = chr_arena_alloc(arena, ncap * sizeof *grown);
		if (!grown)
			return CHR_ENOMEM;
		if (out->n)
			memcpy(grown, out->ev, out->n * sizeof *grown);
		out->ev = grown;
		*cap = ncap;
	}
	out->ev[out->n++] = *ev;
	return CHR_OK;
}

static void frame_init(chr_event *ev, const trigger *tr, uint32_t sentence)
{
	memset(ev, 0, sizeof *ev);
	ev->type = tr->p->type;
	ev->cameo = tr->p->cameo;
	ev->sentence = sentence;
	ev->trig_begin = tr->begin;
	ev->trig_end = tr->end;
	ev->noun = tr->noun;
	ev->place = -1;
	ev->speaker = -1;
}

static chr_status sentence_events(chr_arena *arena, const chr_event_ctx *cx, uint32_t si,
				  chr_events *out, size_t *cap)
{
	const chr_sentence *s = &cx->toks->sent[si];
	trigger tr[EV_MAX_TRIGGERS];
	size_t n = find_triggers(cx, s, tr);
	int32_t speaker = -1;
	chr_status st = CHR_OK;
	for (size_t k = 0; k < n && speaker < 0; k++)
		if (tr[k].p->kind == EV_REPORT)
			speaker = reporting_speaker(cx, s, &tr[k]);
	for (size_t k = 0; k < n; k++) {
		if (tr[k].p->kind == EV_REPORT)
			continue;
		int dup = 0;
		for (size_t j = 0; j < k && !dup; j++)
			dup = tr[j].p->kind != EV_REPORT &&
			      (tr[j].p->type == tr[k].p->type ||
			       (chr_ev_family(tr[j].p->type) && chr_ev_family(tr[k].p->type)));
		if (dup)
			continue;
		chr_event ev;
		frame_init(&ev, &tr[k], si);
		ev.modality = (uint8_t)modality_of(cx->toks, s, tr[k].begin);
		if (ev.modality == CHR_MOD_ASSERTED && tr[k].p->future)
			ev.modality = CHR_MOD_FUTURE;
		ev.speaker = speaker;
		chr_event_fill_args(cx, &ev);
		if ((st = push(arena, out, cap, &ev)) != CHR_OK)
			return st;
	}
	/* A named person's dated statement is an event of its own. */
	for (size_t k = 0; k < n; k++) {
		if (tr[k].p->kind != EV_REPORT)
			continue;
		int32_t who = reporting_speaker(cx, s, &tr[k]);
		int32_t when = who >= 0 && cx->ents->ent[who].type == CHR_ENT_PERSON ? statement_date(cx, s, &tr[k]) : -1;
		if (when < 0)
			continue;
		chr_event ev;
		frame_init(&ev, &tr[k], si);
		ev.modality = (uint8_t)modality_of(cx->toks, s, tr[k].begin);
		ev.actor[0] = (uint32_t)who;
		ev.nactors = 1;
		chr_event_set_date(&ev, cx->times->t[when].value);
		if ((st = push(arena, out, cap, &ev)) != CHR_OK)
			return st;
		break;
	}
	return st;
}

/* A capitalised word the entity layer did not take, in the few words
 * before a verb trigger: a subject we cannot name ("Kestria is about to
 * restore ties").  An infinitive with nothing of the kind ("a place to
 * visit") reports no event. */
static int unnamed_subject(const chr_event_ctx *cx, const chr_event *ev)
{
	const chr_tokens *t = cx->toks;
	const chr_sentence *s = &t->sent[ev->sentence];
	const chr_gazetteer *gaz = chr_gaz_default();
	for (uint32_t i = ev->trig_begin, k = 0; i-- > s->tok_begin && k < 8; k++) {
		const chr_token *tk = &t->tok[i];
		if (tk->kind == CHR_TOK_PUNCT && !(tk->flags & CHR_TF_HYPHEN))
			return 0;
		if (tk->kind == CHR_TOK_WORD && (tk->flags & CHR_TF_UPPER) && !chr_gaz_stop(gaz, tk->key) &&
		    cx->tok_timex[i] < 0 && cx->tok_mention[i] < 0)
			return 1;
	}
	return 0;
}

chr_status chr_events_find(chr_arena *arena, const chr_event_ctx *cx, chr_events *out)
{
	pthread_once(&lists_once, lists_init);
	out->ev = NULL;
	out->n = 0;
	size_t cap = 0;
	for (uint32_t si = 0; si < cx->toks->nsent; si++) {
		chr_status st = sentence_events(arena, cx, si, out, &cap);
		if (st != CHR_OK)
			return st;
	}
	chr_events_complete(cx, out->ev, &out->n);
	/* A noun that found no actor, even from its neighbours, is a
	 * reference ("the talks") to nothing this document reports; a verb
	 * without named actors still says what happened, when and where. */
	size_t kept = 0;
	for (size_t i = 0; i < out->n; i++)
		if (out->ev[i].nactors || (!out->ev[i].noun && unnamed_subject(cx, &out->ev[i])))
			out->ev[kept++] = out->ev[i];
	out->n = kept;
	return CHR_OK;
}
