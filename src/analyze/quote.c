/*
 * quote.c - analyze stage, quotes: who said the quoted words (see quote.h).
 *
 * After quote_spans.c has found the turns and the quotation marks, every
 * quote gets its speaker from the first of these that applies:
 *  1. a speech cue next to it in its sentence: after the closing mark
 *     ("...," Lavrov said / said Lavrov / he added / according to X /
 *     "...," Trump barked / "..." - Jane Doe) or before the opening mark
 *     (X said: "..." / X described it as "..." / According to X, ...
 *     "..." / Pollster Jane Doe: "..."), the side nearer the quote's
 *     start first;
 *  2. the quote carried over: another quoted piece of the same sentence,
 *     a quote sentence right after a quote or a cue sentence ("...," he
 *     continued. "..."), a quote paragraph after a quote paragraph, a
 *     paragraph that goes on an unclosed quote: the speaker before it;
 *  3. a partial quote with no cue at all: the sentence's subject (the first
 *     person named in it outside quotes), if named before the quote.
 * Marks with none of these are titles or scare quotes and are dropped
 * (quote_emit.c).
 * A cue's speaker is the nearest named person of its clause (else an
 * organisation or country; a name known elsewhere by its surname counts);
 * a participle cue (", saying") takes the clause subject; a pronoun ("he")
 * stands for the last quoted person or the subject of the sentences
 * before; a role ("the minister", "Russia's top diplomat") for the last
 * person whose title fits it.
 * Every token is looked at a bounded number of times: cues by token key,
 * mentions through a per-token map, roles through a table of title words.
 */
#include "analyze/quote_int.h"

#include <string.h>

/* How far a cue may stand from its quote, in tokens. */
#define CUE_AFTER_MAX 14
#define CUE_BEFORE_MAX 45
#define PHRASE_AFTER_MAX 10
#define CUE_NEXT_MAX 5
/* A cue this close after a partial quote ending in a comma wins. */
#define CUE_NEAR_MAX 4
/* How far after the closing mark an after-only verb ("continued") may stand. */
#define AFTER_ONLY_MAX 5
/* How many sentences back a pronoun looks for its person. */
#define PRONOUN_SENTENCES 4

const char *chr_quote_kind_name(chr_quote_kind kind)
{
	static const char *const names[] = { "quote", "turn", "question" };
	return (unsigned)kind < 3 ? names[kind] : "quote";
}

/* The state of the attribution sweep, in text order. */
typedef struct q_attr {
	q_ctx *c;
	uint64_t key_to;
	int32_t *subj;          /* per sentence: first person mentioned outside quotes, -1 */
	uint32_t *subj_tok;     /* its token */
	/* role words -> the last person titled with them */
	uint64_t *rkey;
	int32_t *rent;
	uint32_t *rmen;
	size_t rcap;
	size_t next_men;        /* mentions before this one are in the role table */
	int32_t last_speaker;   /* the last quote's person, -1 */
	uint32_t last_para, last_sent;
	int32_t cue_tok;        /* the cue token the last resolve used, -1 */
} q_attr;

static int punct_is(const chr_tokens *t, size_t i, char ch)
{
	const chr_token *k = &t->tok[i];
	return k->kind == CHR_TOK_PUNCT && k->end - k->start == 1 && t->text[k->start] == ch;
}

/* A token that ends a phrase: , ; : . ! ? ( ) or a quotation mark. */
static int is_boundary(const chr_tokens *t, size_t i)
{
	const chr_token *k = &t->tok[i];
	if (k->kind == CHR_TOK_QUOTE)
		return 1;
	if (k->kind != CHR_TOK_PUNCT)
		return 0;
	char ch = t->text[k->start];
	return ch == ',' || ch == ';' || ch == ':' || ch == '.' || ch == '!' || ch == '?' || ch == '(' ||
	       ch == ')' || ch == '[' || ch == ']';
}

/* Whether the cue word at token i is a noun here: after an article or a
 * possessive ("in a tweet", "his statement", "Trump's remarks"). */
static int used_as_noun(const q_ctx *c, size_t i)
{
	return i > 0 && ((c->cls[i - 1] & (QW_DET | QW_INDEF)) || (c->t->tok[i - 1].flags & CHR_TF_POSSESSIVE));
}

static chr_ent_type ent_type(const q_ctx *c, int32_t ent)
{
	return c->e->ent[ent].type;
}

static void role_put(q_attr *a, uint64_t key, int32_t ent, uint32_t men)
{
	key = key ? key : 1;
	size_t h = (size_t)(key ^ (key >> 29)) & (a->rcap - 1);
	while (a->rkey[h] && a->rkey[h] != key)
		h = (h + 1) & (a->rcap - 1);
	a->rkey[h] = key;
	a->rent[h] = ent;
	a->rmen[h] = men;
}

static int role_get(const q_attr *a, uint64_t key, int32_t *ent, uint32_t *men)
{
	key = key ? key : 1;
	for (size_t h = (size_t)(key ^ (key >> 29)) & (a->rcap - 1); a->rkey[h]; h = (h + 1) & (a->rcap - 1))
		if (a->rkey[h] == key) {
			*ent = a->rent[h];
			*men = a->rmen[h];
			return 1;
		}
	return 0;
}

/* The first token of mention m's role, or m's first token when it has none. */
static size_t role_begin(const q_ctx *c, const chr_mention *m)
{
	size_t b = m->tok_begin;
	if (m->role_end <= m->role_start)
		return b;
	for (size_t n = 0; b > 0 && n < 8 && c->t->tok[b - 1].start >= m->role_start; n++)
		b--;
	return b;
}

/* Puts the titles of the people mentioned before token `upto` in the role table. */
static void roles_upto(q_attr *a, size_t upto)
{
	const q_ctx *c = a->c;
	for (; a->next_men < c->e->nmen && c->e->men[a->next_men].tok_begin < upto; a->next_men++) {
		const chr_mention *m = &c->e->men[a->next_men];
		if (c->e->ent[m->entity].type != CHR_ENT_PERSON || c->inq[m->tok_begin])
			continue;   /* titles inside quotes are the speaker's words */
		for (size_t k = role_begin(c, m); k < m->tok_begin; k++)
			if (c->t->tok[k].kind == CHR_TOK_WORD)
				role_put(a, c->t->tok[k].key, (int32_t)m->entity, (uint32_t)a->next_men);
		/* the name itself answers for its role word too: "Sen. Smith" */
		role_put(a, c->t->tok[m->tok_begin].key, (int32_t)m->entity, (uint32_t)a->next_men);
	}
}

/* The person a role noun (entry r, at token i) refers back to, or -1:
 * the last one titled with the noun itself, else with the first of its
 * titles that anyone holds ("diplomat": a minister before an envoy). */
static int32_t resolve_role(q_attr *a, const qw_entry *r, size_t i)
{
	roles_upto(a, i);
	int32_t ent;
	uint32_t men;
	if (role_get(a, r->key, &ent, &men))
		return ent;
	for (size_t k = 0; k < r->nalias; k++)
		if (role_get(a, r->alias[k], &ent, &men))
			return ent;
	return -1;
}

/* The person a pronoun at token i stands for, or -1. */
static int32_t resolve_pronoun(q_attr *a, const qw_entry *p, size_t i)
{
	const q_ctx *c = a->c;
	const chr_tokens *t = c->t;
	if (p->gender == 'p')
		return -1;
	uint32_t s = t->tok[i].sentence, para = t->sent[s].paragraph;
	/* the subject of this sentence before the pronoun, or of the nearest
	 * sentence before with a person outside quotes */
	int32_t subj = -1;
	uint32_t subj_sent = 0;
	for (uint32_t k = 0; k < PRONOUN_SENTENCES && k <= s; k++) {
		uint32_t ss = s - k;
		if (t->sent[ss].paragraph + 1 < para)
			break;
		if (a->subj[ss] >= 0 && a->subj_tok[ss] < i) {
			subj = a->subj[ss];
			subj_sent = ss;
			break;
		}
	}
	if (a->last_speaker >= 0 && a->last_para + 2 >= para && (subj < 0 || subj_sent <= a->last_sent))
		return a->last_speaker;
	return subj;
}

/*
 * The speaker a phrase [b, e) names: its nearest person (else
 * organisation, else place) not possessive, else a pronoun, else a role.
 * *found says whether the phrase named anyone, even someone unknown ("a
 * spokesman").
 */
static int32_t resolve_phrase(q_attr *a, size_t b, size_t e, int *found)
{
	const q_ctx *c = a->c;
	const chr_tokens *t = c->t;
	int32_t best = -1;
	int best_rank = 0;
	*found = 0;
	for (size_t i = e; i-- > b;) {
		int32_t m = c->men[i];
		if (c->inq[i])
			continue;
		if (punct_is(t, i, ')')) {
			/* "(D-Wis.)": a bracket says who someone is, it is not the speaker */
			size_t k = i;
			while (k > b && i - k < PHRASE_AFTER_MAX && !punct_is(t, k, '('))
				k--;
			if (punct_is(t, k, '('))
				i = k;
			continue;
		}
		if (m < 0) {
			/* "Cruz said", where the name was not found here but a
			 * person of that surname is named elsewhere */
			int32_t p = (t->tok[i].flags & CHR_TF_UPPER) && t->tok[i].kind == CHR_TOK_WORD ?
					    chr_q_surname(c, i) : -1;
			if (p >= 0 && !(i + 1 < e && (t->tok[i + 1].flags & CHR_TF_POSSESSIVE))) {
				best = p;
				best_rank = 3;
				break;
			}
			continue;
		}
		const chr_mention *mm = &c->e->men[m];
		if (mm->tok_end < t->n && mm->tok_end <= e && (t->tok[mm->tok_end].flags & CHR_TF_POSSESSIVE))
			continue;   /* "Russia's top diplomat": Russia is not the one speaking */
		chr_ent_type ty = ent_type(c, (int32_t)mm->entity);
		int rank = ty == CHR_ENT_PERSON ? 3 : ty == CHR_ENT_ORG ? 2 : ty == CHR_ENT_PLACE ? 1 : 0;
		int32_t who = (int32_t)mm->entity;
		if (rank < 3 && mm->tok_end == mm->tok_begin + 1) {
			/* "Hoover said" where Hoover is also a person's surname */
			int32_t p = chr_q_surname(c, mm->tok_begin);
			if (p >= 0) {
				who = p;
				rank = 3;
			}
		}
		if (rank > best_rank) {
			best = who;
			best_rank = rank;
			if (rank == 3)
				break;
		}
		i = mm->tok_begin < b ? b : mm->tok_begin;   /* one look per mention */
		if (i == b)
			break;
	}
	if (best >= 0) {
		*found = 1;
		return best;
	}
	for (size_t i = e; i-- > b;) {
		if (c->inq[i] || !(c->cls[i] & (QW_PRON | QW_ROLE | QW_INDEF)))
			continue;
		const qw_entry *w = chr_qw_lookup(t->tok[i].key);
		if (!w)
			continue;
		if (c->cls[i] & QW_PRON) {
			*found = 1;
			return resolve_pronoun(a, w, i);
		}
		if (c->cls[i] & QW_ROLE) {
			*found = 1;
			/* "a spokesman" names no one we know */
			for (size_t k = i; k-- > b && k + 4 > i;)
				if (c->cls[k] & QW_INDEF)
					return -1;
			return resolve_role(a, w, i);
		}
	}
	return -1;
}

/* The end of a phrase starting at b: the next boundary, at most max tokens. */
static size_t phrase_end(const chr_tokens *t, size_t b, size_t limit, size_t max)
{
	size_t e = b;
	while (e < limit && e < b + max && !is_boundary(t, e))
		e++;
	return e;
}

/* The subject of a finite cue verb at token i: the first person of the
 * clause before it ("Kasich says he'd sit Putin down and tell him"), else
 * the nearest speaker-like phrase back to bound. */
static int32_t verb_subject(q_attr *a, size_t bound, size_t i, int *found)
{
	const q_ctx *c = a->c;
	const chr_tokens *t = c->t;
	size_t cb = i;
	while (cb > bound && !is_boundary(t, cb - 1) && i - cb < CUE_BEFORE_MAX)
		cb--;
	for (size_t k = cb; k < i; k++) {
		int32_t m = c->men[k];
		if (m < 0 || c->inq[k])
			continue;
		const chr_mention *mm = &c->e->men[m];
		if (ent_type(c, (int32_t)mm->entity) == CHR_ENT_PERSON && mm->tok_end <= i &&
		    !(mm->tok_end < t->n && (t->tok[mm->tok_end].flags & CHR_TF_POSSESSIVE))) {
			*found = 1;
			return (int32_t)mm->entity;
		}
		k = mm->tok_end - 1;
	}
	return resolve_phrase(a, bound, i, found);
}

/* A cue after the closing mark at cl, before token limit. */
static int32_t cue_after(q_attr *a, size_t cl, size_t limit, size_t max, int *found)
{
	const q_ctx *c = a->c;
	const chr_tokens *t = c->t;
	size_t i = cl + 1;
	int dash = 0;
	*found = 0;
	while (i < limit && t->tok[i].kind == CHR_TOK_PUNCT && !punct_is(t, i, '.')) {
		dash |= !is_boundary(t, i);   /* a dash, not , ; : */
		i++;
	}
	if (dash && i < limit && c->men[i] >= 0 && c->e->men[c->men[i]].tok_begin == i &&
	    ent_type(c, (int32_t)c->e->men[c->men[i]].entity) == CHR_ENT_PERSON) {
		/* "..." - Jane Doe: a name signing the quote */
		*found = 1;
		a->cue_tok = (int32_t)i;
		return (int32_t)c->e->men[c->men[i]].entity;
	}
	size_t b = i;
	if (b < limit && cl > 0 && (punct_is(t, cl - 1, ',') || punct_is(t, cl - 1, '?') || punct_is(t, cl - 1, '!'))) {
		/* "...," Trump barked: a person or pronoun and any verb right
		 * after a quote that ends with a comma is an attribution */
		size_t e = b;
		int32_t who = -1;
		size_t m0 = b;
		while (m0 < b + 2 && m0 + 1 < limit && c->men[m0] < 0 && t->tok[m0].kind == CHR_TOK_WORD &&
		       !(t->tok[m0].flags & CHR_TF_UPPER) && !(c->cls[m0] & (QW_PRON | QW_VERB | QW_AFTER)))
			m0++;   /* "an angry Hollande retorted" */
		if (c->men[m0] >= 0 && c->e->men[c->men[m0]].tok_begin == m0 &&
		    ent_type(c, (int32_t)c->e->men[c->men[m0]].entity) == CHR_ENT_PERSON) {
			e = c->e->men[c->men[m0]].tok_end;
			who = (int32_t)c->e->men[c->men[m0]].entity;
		} else if ((c->cls[b] & QW_PRON) && !(c->cls[b + 0] & QW_ROLE)) {
			e = b + 1;
		}
		if (e > b && e < limit && t->tok[e].kind == CHR_TOK_WORD && !(t->tok[e].flags & CHR_TF_UPPER) &&
		    !(c->cls[e] & (QW_VERB | QW_AFTER | QW_CONJ))) {
			const qw_entry *w = who < 0 ? chr_qw_lookup(t->tok[b].key) : NULL;
			*found = 1;
			a->cue_tok = (int32_t)e;
			return who >= 0 ? who : w ? resolve_pronoun(a, w, b) : -1;
		}
	}
	for (; i < limit && i < b + max; i++) {
		if (c->inq[i] || punct_is(t, i, ';') || punct_is(t, i, ':'))
			break;
		if (punct_is(t, i, ',') && i + 1 < limit && (c->cls[i + 1] & QW_CONJ))
			break;   /* ", and lawmakers have called for ...": another clause */
		if ((c->cls[i] & QW_ACCORDING) && i + 1 < limit && t->tok[i + 1].key == a->key_to) {
			a->cue_tok = (int32_t)i;
			*found = 1;
			int f;
			return resolve_phrase(a, i + 2, phrase_end(t, i + 2, limit, PHRASE_AFTER_MAX), &f);
		}
		if (!(c->cls[i] & (QW_VERB | QW_AFTER)) || (t->tok[i].flags & CHR_TF_UPPER && i != b) ||
		    used_as_noun(c, i))
			continue;
		if (!(c->cls[i] & QW_VERB) && i > b + AFTER_ONLY_MAX)
			continue;
		a->cue_tok = (int32_t)i;
		*found = 1;
		int f = 0;
		int32_t s;
		if (i == b) {
			/* inverted: "said Lavrov", "..." for Clinton, said Kunin */
			s = resolve_phrase(a, i + 1, phrase_end(t, i + 1, limit, PHRASE_AFTER_MAX), &f);
			if (f || i == b)
				return s;
		}
		s = verb_subject(a, b, i, &f);
		if (f)
			return s;
		return resolve_phrase(a, i + 1, phrase_end(t, i + 1, limit, PHRASE_AFTER_MAX), &f);
	}
	return -1;
}

/* Whether the tokens [b, e) hold nothing but punctuation. */
static int only_punct(const chr_tokens *t, size_t b, size_t e)
{
	for (size_t i = b; i < e; i++)
		if (t->tok[i].kind != CHR_TOK_PUNCT)
			return 0;
	return 1;
}

/* Whether cue token i is a participle ("saying", "calling"): its
 * speaker is the subject of the clause it hangs on, not the nearest name. */
static int is_participle(const chr_tokens *t, size_t i)
{
	size_t n;
	const char *s = chr_token_text(t, i, &n);
	return n > 4 && memcmp(s + n - 3, "ing", 3) == 0;
}

/* The speaker of a participle cue at token i in a sentence: its first
 * person outside quotes before the cue, else the nearest one before it. */
static int32_t clause_subject(q_attr *a, size_t bound, size_t i, int *found)
{
	const chr_tokens *t = a->c->t;
	uint32_t s = t->tok[i].sentence;
	if (a->subj[s] >= 0 && a->subj_tok[s] < i) {
		*found = 1;
		return a->subj[s];
	}
	return resolve_phrase(a, bound, i, found);
}

/* A cue before the opening mark at op, after token bound. */
static int32_t cue_before(q_attr *a, size_t bound, size_t op, int *found)
{
	const q_ctx *c = a->c;
	const chr_tokens *t = c->t;
	*found = 0;
	size_t lo = op > bound + CUE_BEFORE_MAX ? op - CUE_BEFORE_MAX : bound;
	long noun = -1;
	for (size_t i = op; i-- > lo;) {
		if (c->inq[i])
			continue;
		if ((c->cls[i] & QW_ACCORDING) && i + 1 < op && t->tok[i + 1].key == a->key_to) {
			a->cue_tok = (int32_t)i;
			*found = 1;
			int f;
			return resolve_phrase(a, i + 2, phrase_end(t, i + 2, op, PHRASE_AFTER_MAX), &f);
		}
		if ((c->cls[i] & QW_NOUN) && noun < 0 && i >= lo + 2 && (t->tok[i - 1].flags & CHR_TF_POSSESSIVE) &&
		    c->men[i - 2] >= 0 && !c->inq[i - 2]) {
			/* "Trump's claim that "..."", unless a verb before it
			 * reports the claim */
			noun = (long)i;
			continue;
		}
		if (!(c->cls[i] & QW_VERB) || (t->tok[i].flags & CHR_TF_UPPER && i != bound) || used_as_noun(c, i))
			continue;
		a->cue_tok = (int32_t)i;
		*found = 1;
		int f = 0;
		int32_t s = is_participle(t, i) ? clause_subject(a, bound, i, &f) : verb_subject(a, bound, i, &f);
		if (f)
			return s;
		/* inverted: "Said the minister: "..."" */
		return resolve_phrase(a, i + 1, phrase_end(t, i + 1, op, PHRASE_AFTER_MAX), &f);
	}
	if (noun >= 0) {
		a->cue_tok = (int32_t)noun;
		*found = 1;
		return (int32_t)c->e->men[c->men[noun - 2]].entity;
	}
	if (op > bound && punct_is(t, op - 1, ':')) {
		/* "Republican pollster Jane Doe: "..."" - a colon introduces the
		 * words of whoever the clause before it names */
		int f = 0;
		int32_t s = resolve_phrase(a, bound, op - 1, &f);
		if (f) {
			*found = 1;
			a->cue_tok = (int32_t)(op - 1);
			return s;
		}
	}
	return -1;
}


/* The speaker of a cue sentence s outside quotes ("Lavrov said:"), or -1. */
static int32_t sentence_cue(q_attr *a, uint32_t s, int *found)
{
	const chr_sentence *se = &a->c->t->sent[s];
	return cue_before(a, se->tok_begin, se->tok_end, found);
}

static void attribute_direct(q_attr *a, size_t k)
{
	q_ctx *c = a->c;
	const chr_tokens *t = c->t;
	q_span *q = &c->sp[k];
	size_t op = q->open;
	uint32_t so = t->tok[op].sentence;
	size_t bound = t->sent[so].tok_begin;
	if (k > 0) {
		/* a quote before in the same sentence: its cue is not ours */
		const q_span *pv = &c->sp[k - 1];
		size_t pv_end = pv->closed ? pv->close + 1u : pv->close;
		if (pv_end <= op && pv_end > bound)
			bound = pv_end;
	}
	int found = 0;
	int32_t spk = -1;
	a->cue_tok = -1;
	int at_start = only_punct(t, bound, op);
	size_t limit = op, max = CUE_AFTER_MAX;
	if (q->closed) {
		uint32_t sc = t->tok[q->close].sentence;
		limit = t->sent[sc].tok_end;
		if (limit == q->close + 1 && sc + 1 < t->nsent && t->sent[sc + 1].paragraph == t->sent[sc].paragraph) {
			/* "...?" Graham asked. - the mark closed a sentence, and a
			 * short cue sentence follows */
			limit = t->sent[sc + 1].tok_end;
			max = CUE_NEXT_MAX;
		}
		if (k + 1 < c->nsp && c->sp[k + 1].open < limit)
			limit = c->sp[k + 1].open;
	}
	if (at_start) {
		if (q->closed)
			spk = cue_after(a, q->close, limit, max, &found);
		if (!found)
			spk = cue_before(a, bound, op, &found);
	} else {
		if (q->closed && punct_is(t, q->close - 1, ',')) {
			/* ... less likely to be "overrun," Hoover said: a comma
			 * inside the mark hands the quote to the cue right after */
			spk = cue_after(a, q->close, limit, CUE_NEAR_MAX, &found);
			if (spk < 0) {
				found = 0;
				a->cue_tok = -1;
			}
		}
		if (!found)
			spk = cue_before(a, bound, op, &found);
		if (!found && q->closed)
			spk = cue_after(a, q->close, limit, max, &found);
	}
	if (!found && k > 0 && bound > t->sent[so].tok_begin && c->sp[k - 1].how) {
		/* another quoted piece of the same sentence with no cue of its
		 * own: a "liar" who is "amoral" - the same speaker, the same quote */
		spk = c->sp[k - 1].speaker;
		found = 1;
		a->cue_tok = c->sp[k - 1].cue ? (int32_t)c->sp[k - 1].cue - 1 : -1;
		q->how = c->sp[k - 1].how;
		q->joined = 1;
	}
	if (!found && q->cont && k > 0) {
		spk = c->sp[k - 1].speaker;
		found = 1;
	}
	if (!found && at_start && so > 0 && t->sent[so - 1].paragraph + 1 >= t->sent[so].paragraph &&
	    punct_is(t, t->sent[so - 1].tok_end - 1, ':')) {
		/* "Jane Doe released a statement:" and then the quote */
		spk = sentence_cue(a, so - 1, &found);
	}
	if (!found && at_start) {
		uint32_t para = t->sent[so].paragraph;
		if (a->last_speaker >= 0 && (a->last_sent + 1 == so || (t->tok[op].flags & CHR_TF_PARA_START &&
									  a->last_para + 1 >= para))) {
			spk = a->last_speaker;
			found = 1;
		} else if (so > 0 && t->sent[so - 1].paragraph + 1 >= para) {
			spk = sentence_cue(a, so - 1, &found);
		}
	}
	if (!found && !at_start && a->subj[so] >= 0 && a->subj_tok[so] < op) {
		/* a partial quote with no speech verb ("X admires Y as a
		 * "strong leader""): the words are the sentence subject's */
		spk = a->subj[so];
		found = 1;
		a->cue_tok = -1;
		q->how = 3;
	}
	q->speaker = spk;
	if (a->cue_tok >= 0) {
		q->cue = (uint32_t)a->cue_tok + 1;
	}
	if (q->how != 3)
		q->how = (uint8_t)(found ? (a->cue_tok >= 0 ? 1 : 2) : 0);
	if (spk >= 0 && ent_type(c, spk) == CHR_ENT_PERSON) {
		/* the quote's last sentence, or the cue sentence after it */
		uint32_t ls = t->tok[q->closed ? q->close : q->close - 1].sentence;
		if (a->cue_tok >= 0 && t->tok[a->cue_tok].sentence > ls)
			ls = t->tok[a->cue_tok].sentence;
		a->last_speaker = spk;
		a->last_sent = ls;
		a->last_para = t->sent[ls].paragraph;
	}
}

/* Per sentence, the first person mentioned outside quotes. */
static void fill_subjects(q_attr *a)
{
	const q_ctx *c = a->c;
	for (size_t s = 0; s < c->t->nsent; s++)
		a->subj[s] = -1;
	for (size_t m = 0; m < c->e->nmen; m++) {
		const chr_mention *mm = &c->e->men[m];
		uint32_t s = c->t->tok[mm->tok_begin].sentence;
		if (a->subj[s] >= 0 || c->inq[mm->tok_begin] || ent_type(c, (int32_t)mm->entity) != CHR_ENT_PERSON)
			continue;
		a->subj[s] = (int32_t)mm->entity;
		a->subj_tok[s] = mm->tok_begin;
	}
}

static chr_status attribute(q_ctx *c)
{
	q_attr a;
	memset(&a, 0, sizeof a);
	a.c = c;
	a.key_to = chr_fold_hash("to", 2);
	a.last_speaker = -1;
	size_t nsent = c->t->nsent ? c->t->nsent : 1;
	a.subj = chr_arena_alloc(c->arena, nsent * sizeof *a.subj);
	a.subj_tok = chr_arena_alloc(c->arena, nsent * sizeof *a.subj_tok);
	size_t nrole = 16;
	for (size_t m = 0; m < c->e->nmen; m++)
		nrole += 1 + (role_begin(c, &c->e->men[m]) < c->e->men[m].tok_begin ? 8 : 0);
	a.rcap = 16;
	while (a.rcap < 2 * nrole)
		a.rcap *= 2;
	a.rkey = chr_arena_calloc(c->arena, a.rcap, sizeof *a.rkey);
	a.rent = chr_arena_alloc(c->arena, a.rcap * sizeof *a.rent);
	a.rmen = chr_arena_alloc(c->arena, a.rcap * sizeof *a.rmen);
	if (!a.subj || !a.subj_tok || !a.rkey || !a.rent || !a.rmen)
		return CHR_ENOMEM;
	fill_subjects(&a);
	for (size_t k = 0; k < c->nsp; k++) {
		q_span *q = &c->sp[k];
		if (q->kind != CHR_QUOTE_DIRECT) {
			/* a transcript turn: its person is the one quoted last */
			if (q->speaker >= 0) {
				a.last_speaker = q->speaker;
				a.last_sent = c->t->tok[q->open].sentence;
				a.last_para = c->t->sent[a.last_sent].paragraph;
			}
			continue;
		}
		attribute_direct(&a, k);
	}
	return CHR_OK;
}

chr_status chr_quotes_find(chr_arena *arena, const chr_tokens *toks, const chr_entities *ents,
			   chr_quotes *out)
{
	chr_status st = CHR_OK;
	out->q = NULL;
	out->n = 0;
	if (!toks->n)
		return CHR_OK;
	q_ctx c;
	memset(&c, 0, sizeof c);
	c.arena = arena;
	c.t = toks;
	c.e = ents;
	c.cls = chr_arena_alloc(arena, toks->n * sizeof *c.cls);
	c.inq = chr_arena_calloc(arena, toks->n, 1);
	c.men = chr_arena_alloc(arena, toks->n * sizeof *c.men);
	if (!c.cls || !c.inq || !c.men)
		return CHR_ENOMEM;
	chr_qw_classify(toks, c.cls);
	memset(c.men, 0xFF, toks->n * sizeof *c.men);   /* -1: no mention */
	for (size_t m = 0; m < ents->nmen; m++)
		for (size_t i = ents->men[m].tok_begin; i < ents->men[m].tok_end && i < toks->n; i++)
			c.men[i] = (int32_t)m;
	st = chr_q_surnames(&c);
	if (st != CHR_OK)
		return st;
	st = chr_q_spans(&c);
	if (st != CHR_OK)
		return st;
	st = attribute(&c);
	if (st != CHR_OK)
		return st;
	return chr_q_emit(&c, out);
}
