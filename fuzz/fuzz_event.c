/*
 * fuzz_event.c - libFuzzer harness for event frames and claims: the whole
 * analysis (tokens, times, entities, quotes, events, claims) over arbitrary
 * bytes.  The first byte picks whether there is an article date.  Every
 * frame must name entities that exist, keep its trigger inside its
 * sentence and hold a date and duration of TIMEX3 shape; every claim must
 * lie inside the text with a subject and an attribute.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/analyze.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_event(const chr_analysis *an, const chr_event *ev)
{
	const chr_tokens *t = &an->toks;
	if (!ev->type || !ev->cameo || ev->nactors > CHR_EVENT_ACTORS || ev->modality > CHR_MOD_HYPOTHETICAL ||
	    ev->sentence >= t->nsent)
		abort();
	const chr_sentence *s = &t->sent[ev->sentence];
	if (ev->trig_begin < s->tok_begin || ev->trig_end > s->tok_end || ev->trig_begin >= ev->trig_end)
		abort();
	for (unsigned k = 0; k < ev->nactors; k++)
		if (ev->actor[k] >= an->ents.n || (int32_t)ev->actor[k] == ev->place)
			abort();
	if ((ev->place != -1 && (ev->place < 0 || (size_t)ev->place >= an->ents.n)) ||
	    (ev->speaker != -1 && (ev->speaker < 0 || (size_t)ev->speaker >= an->ents.n)))
		abort();
	size_t dl = strnlen(ev->date, sizeof ev->date);
	if (dl == sizeof ev->date || (dl && dl != 4 && dl != 7 && dl != 10))
		abort();
	if (strnlen(ev->duration, sizeof ev->duration) == sizeof ev->duration ||
	    (ev->duration[0] && ev->duration[0] != 'P'))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	const char *anchor = data[0] & 1 ? "2025-12-11" : NULL;
	const char *text = (const char *)data + 1;
	size_t len = size - 1;
	chr_arena arena;
	chr_analysis an;
	memset(&an, 0, sizeof an);
	chr_arena_init(&arena);
	if (chr_analysis_run(&arena, text, len, anchor, "en", &an) == CHR_OK) {
		for (size_t i = 0; i < an.events.n; i++)
			check_event(&an, &an.events.ev[i]);
		for (size_t i = 0; i < an.claims.n; i++) {
			const chr_claim *c = &an.claims.c[i];
			if (!c->subject || !c->attribute || c->end <= c->start || c->end > len ||
			    c->sentence >= an.toks.nsent || c->value < 0)
				abort();
		}
	}
	chr_arena_free(&arena);
	return 0;
}
