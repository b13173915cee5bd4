/*
 * quote_speaker.c - analyze stage, quotes: who a phrase next to a speech
 * cue names.  A named mention (a person before an organisation before a
 * country; a capitalised surname of a person named elsewhere), else a
 * pronoun resolved to the last quoted person or the subject of the
 * sentences before, else a role noun resolved through a table of the
 * title words of the people mentioned so far ("the minister" -> the last
 * "Foreign Minister"), filled as the sweep moves on, so every lookup is
 * one probe.
 */
#include "analyze/quote_int.h"

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
size_t chr_q_role_begin(const q_ctx *c, const chr_mention *m)
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
		for (size_t k = chr_q_role_begin(c, m); k < m->tok_begin; k++)
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
int32_t chr_q_resolve_pronoun(q_attr *a, const qw_entry *p, size_t i)
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
int32_t chr_q_resolve_phrase(q_attr *a, size_t b, size_t e, int *found)
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
			continue;   /* "Kestria's top diplomat": Kestria is not the one speaking */
		chr_ent_type ty = q_ent_type(c, (int32_t)mm->entity);
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
			return chr_q_resolve_pronoun(a, w, i);
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
