/*
 * quote_cue.c - analyze stage, quotes: the speech cues around a quote.
 * After the closing mark: "...," Lavrov said / said Lavrov / he added /
 * according to X / "...," Trump barked / "..." - Jane Doe.  Before the
 * opening mark: X said: "..." / X described it as "..." / According to X,
 * ... "..." / Pollster Jane Doe: "..." / Trump's claim that "...".  Each
 * search looks at a bounded window of tokens and tests words by their
 * lexicon class, never by their bytes (participles excepted: "-ing").
 */
#include "analyze/quote_int.h"

#include <string.h>

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
		if (q_ent_type(c, (int32_t)mm->entity) == CHR_ENT_PERSON && mm->tok_end <= i &&
		    !(mm->tok_end < t->n && (t->tok[mm->tok_end].flags & CHR_TF_POSSESSIVE))) {
			*found = 1;
			return (int32_t)mm->entity;
		}
		k = mm->tok_end - 1;
	}
	return chr_q_resolve_phrase(a, bound, i, found);
}

/* A cue after the closing mark at cl, before token limit. */
int32_t chr_q_cue_after(q_attr *a, size_t cl, size_t limit, size_t max, int *found)
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
	    q_ent_type(c, (int32_t)c->e->men[c->men[i]].entity) == CHR_ENT_PERSON) {
		/* "..." - Jane Doe: a name signing the quote */
		*found = 1;
		a->cue_tok = (int32_t)i;
		return (int32_t)c->e->men[c->men[i]].entity;
	}
	size_t b = i;
	if (b < limit && (c->cls[b] & QW_CONJ))
		return -1;   /* "...," while Jane Doe said: another clause, not the quote's cue */
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
		    q_ent_type(c, (int32_t)c->e->men[c->men[m0]].entity) == CHR_ENT_PERSON) {
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
			return who >= 0 ? who : w ? chr_q_resolve_pronoun(a, w, b) : -1;
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
			return chr_q_resolve_phrase(a, i + 2, phrase_end(t, i + 2, limit, PHRASE_AFTER_MAX), &f);
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
			s = chr_q_resolve_phrase(a, i + 1, phrase_end(t, i + 1, limit, PHRASE_AFTER_MAX), &f);
			if (f || i == b)
				return s;
		}
		s = verb_subject(a, b, i, &f);
		if (f)
			return s;
		return chr_q_resolve_phrase(a, i + 1, phrase_end(t, i + 1, limit, PHRASE_AFTER_MAX), &f);
	}
	return -1;
}

/* Whether the tokens [b, e) hold nothing but punctuation. */
int chr_q_only_punct(const chr_tokens *t, size_t b, size_t e)
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
	return chr_q_resolve_phrase(a, bound, i, found);
}

/* A cue before the opening mark at op, after token bound. */
int32_t chr_q_cue_before(q_attr *a, size_t bound, size_t op, int *found)
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
			return chr_q_resolve_phrase(a, i + 2, phrase_end(t, i + 2, op, PHRASE_AFTER_MAX), &f);
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
		return chr_q_resolve_phrase(a, i + 1, phrase_end(t, i + 1, op, PHRASE_AFTER_MAX), &f);
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
		int32_t s = chr_q_resolve_phrase(a, bound, op - 1, &f);
		if (f) {
			*found = 1;
			a->cue_tok = (int32_t)(op - 1);
			return s;
		}
	}
	return -1;
}


/* The speaker of a cue sentence s outside quotes ("Lavrov said:"), or -1. */
int32_t chr_q_sentence_cue(q_attr *a, uint32_t s, int *found)
{
	const chr_sentence *se = &a->c->t->sent[s];
	return chr_q_cue_before(a, se->tok_begin, se->tok_end, found);
}
