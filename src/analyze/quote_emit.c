/*
 * quote_emit.c - analyze stage, quotes: the attributed spans as chr_quote
 * records.  A quote split by its cue in one sentence ("Q1," he said, "Q2")
 * is one quote, as a reader (and the annotated corpora) count it; a new
 * sentence after the cue starts a new quote.
 */
#include "analyze/quote_int.h"

#include <string.h>

chr_status chr_q_emit(q_ctx *c, chr_quotes *out)
{
	const chr_tokens *t = c->t;
	out->q = NULL;
	out->n = 0;
	if (!c->nsp)
		return CHR_OK;
	chr_quote *q = chr_arena_alloc(c->arena, c->nsp * sizeof *q);
	if (!q)
		return CHR_ENOMEM;
	size_t n = 0;
	for (size_t k = 0; k < c->nsp; k++) {
		const q_span *s = &c->sp[k];
		size_t first = s->kind == CHR_QUOTE_DIRECT ? s->open + 1 : s->open;
		size_t last = s->close;   /* exclusive: the closing mark, or the paragraph's end */
		if (first >= last)
			continue;
		int32_t speaker = s->speaker;
		int how = s->how;
		uint32_t cue = s->cue;
		while (s->kind == CHR_QUOTE_DIRECT && k + 1 < c->nsp) {
			const q_span *nx = &c->sp[k + 1];
			/* a quote left open at a paragraph's end goes on in the
			 * next paragraph that opens with a mark (news convention) */
			int goes_on = !s->closed && nx->cont;
			int same = goes_on || (s->closed && t->tok[s->close].sentence == t->tok[nx->open].sentence &&
						(nx->joined || (s->cue && nx->cue == s->cue)));
			if (nx->kind != CHR_QUOTE_DIRECT || !same)
				break;
			if (speaker < 0 || (nx->how == 1 && how != 1)) {
				/* a cue at the end of a long quote names its speaker */
				speaker = nx->speaker;
				how = nx->how;
				cue = nx->cue;
			}
			k++;
			s = nx;
			last = s->close;
		}
		/* words in marks with no cue and no speaker carried over are
		 * titles, names and scare quotes ("the so-called "reset""),
		 * not quotes */
		if (s->kind == CHR_QUOTE_DIRECT && how == 0)
			continue;
		chr_quote *o = &q[n++];
		memset(o, 0, sizeof *o);
		o->tok_begin = (uint32_t)first;
		o->tok_end = (uint32_t)last;
		o->start = t->tok[first].start;
		o->end = t->tok[last - 1].end;
		o->speaker = speaker;
		o->kind = s->kind;
		if (cue) {
			o->cue_start = t->tok[cue - 1].start;
			o->cue_end = t->tok[cue - 1].end;
		}
	}
	out->q = q;
	out->n = n;
	return CHR_OK;
}
