/*
 * quote.c - analyze stage, quotes: who said the quoted words (see quote.h).
 *
 * After quote_spans.c has found the turns and the quotation marks, every
 * quote gets its speaker from the first of these that applies:
 *  1. a speech cue next to it in its sentence: after the closing mark
 *     ("...," Lavrov said / said Lavrov / he added / according to X /
 *     "...," Trump barked / "..." - Jane Doe) or before the opening mark
 *     (X said: "..." / X described it as "..." / According to X, ...
 *     "..." / Pollster Jane Doe: "..." / Trump's claim that "..."), the
 *     side nearer the quote's start first (quote_cue.c), except that a
 *     partial quote ending in a comma goes to a cue right after it;
 *  2. the quote carried over: another quoted piece of the same sentence,
 *     a quote sentence right after a quote or a cue sentence ("...," he
 *     continued. "..."), a quote paragraph after a quote paragraph, a
 *     paragraph that goes on an unclosed quote: the speaker before it;
 *  3. a partial quote with no cue at all: the sentence's subject (the first
 *     person named in it outside quotes), if named before the quote.
 * Marks with none of these are titles or scare quotes and are dropped
 * (quote_emit.c).
 * A cue's speaker is the first named person of its clause, else the
 * nearest person, organisation or country (a name known elsewhere by its
 * surname counts); a participle cue (", saying") takes the sentence
 * subject; a pronoun ("he") stands for the last quoted person or the
 * subject of the sentences before; a role ("the minister", "Russia's top
 * diplomat") for the last person whose title fits it (quote_speaker.c).
 * Every token is looked at a bounded number of times: cues by token key,
 * mentions through a per-token map, roles through a table of title words.
 */
#include "analyze/quote_int.h"

#include <string.h>

const char *chr_quote_kind_name(chr_quote_kind kind)
{
	static const char *const names[] = { "quote", "turn", "question" };
	return (unsigned)kind < 3 ? names[kind] : "quote";
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
	int at_start = chr_q_only_punct(t, bound, op);
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
			spk = chr_q_cue_after(a, q->close, limit, max, &found);
		if (!found)
			spk = chr_q_cue_before(a, bound, op, &found);
	} else {
		if (q->closed && punct_is(t, q->close - 1, ',')) {
			/* ... less likely to be "overrun," Hoover said: a comma
			 * inside the mark hands the quote to the cue right after */
			spk = chr_q_cue_after(a, q->close, limit, CUE_NEAR_MAX, &found);
			if (spk < 0) {
				found = 0;
				a->cue_tok = -1;
			}
		}
		if (!found)
			spk = chr_q_cue_before(a, bound, op, &found);
		if (!found && q->closed)
			spk = chr_q_cue_after(a, q->close, limit, max, &found);
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
	if (!found && q->cont && k > 0 && c->sp[k - 1].how) {
		spk = c->sp[k - 1].speaker;
		found = 1;
	}
	if (!found && at_start && so > 0 && t->sent[so - 1].paragraph + 1 >= t->sent[so].paragraph &&
	    punct_is(t, t->sent[so - 1].tok_end - 1, ':')) {
		/* "Jane Doe released a statement:" and then the quote */
		spk = chr_q_sentence_cue(a, so - 1, &found);
	}
	if (!found && at_start) {
		uint32_t para = t->sent[so].paragraph;
		if (a->last_speaker >= 0 && (a->last_sent + 1 == so || (t->tok[op].flags & CHR_TF_PARA_START &&
									  a->last_para + 1 >= para))) {
			spk = a->last_speaker;
			found = 1;
		} else if (so > 0 && t->sent[so - 1].paragraph + 1 >= para) {
			spk = chr_q_sentence_cue(a, so - 1, &found);
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
	if (spk >= 0 && q_ent_type(c, spk) == CHR_ENT_PERSON) {
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
		if (a->subj[s] >= 0 || c->inq[mm->tok_begin] || q_ent_type(c, (int32_t)mm->entity) != CHR_ENT_PERSON ||
		    (mm->tok_end < c->t->n && (c->t->tok[mm->tok_end].flags & CHR_TF_POSSESSIVE)))
			continue;   /* "Putin's aide": the aide is the subject, not Putin */
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
		nrole += 1 + (chr_q_role_begin(c, &c->e->men[m]) < c->e->men[m].tok_begin ? 8 : 0);
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
