/*
 * frame_json.c - writes what the frame builders found in the SPEC's
 * per-document JSON: quotes with speakers, event frames, numeric claims.
 * Entities are named by their ids, so every frame links back to the
 * "entities" list of the same object.
 */
#include <stdio.h>
#include <string.h>

#include "analyze/analyze.h"
#include "util/jwrite.h"

/* The id of entity i, or null when i is -1 or out of range. */
static void put_entity(chr_jw *w, const chr_entities *e, int64_t i)
{
	chr_jw_cstr(w, i < 0 || (size_t)i >= e->n ? NULL : e->ent[i].id);
}

/* A place is named by the place it stands for: the Kremlin -> moscow. */
static void put_place(chr_jw *w, const chr_entities *e, int32_t i)
{
	if (i >= 0 && (size_t)i < e->n && e->ent[i].place_id)
		chr_jw_cstr(w, e->ent[i].place_id);
	else
		put_entity(w, e, i);
}

static void write_quotes(const chr_analysis *an, const char *text, chr_jw *w)
{
	chr_jw_key(w, "quotes");
	chr_jw_array(w);
	for (size_t i = 0; i < an->quotes.n; i++) {
		const chr_quote *q = &an->quotes.q[i];
		chr_jw_object(w);
		chr_jw_key(w, "speaker");
		put_entity(w, &an->ents, q->speaker);
		chr_jw_member_span(w, text, q->start, q->end);
		chr_jw_member_cstr(w, "kind", chr_quote_kind_name((chr_quote_kind)q->kind));
		chr_jw_end(w);
	}
	chr_jw_end(w);
}

static void write_events(const chr_analysis *an, const char *text, chr_jw *w)
{
	const chr_tokens *t = &an->toks;
	chr_jw_key(w, "events");
	chr_jw_array(w);
	for (size_t i = 0; i < an->events.n; i++) {
		const chr_event *ev = &an->events.ev[i];
		chr_jw_object(w);
		chr_jw_member_cstr(w, "type", ev->type);
		chr_jw_member_cstr(w, "cameo", ev->cameo);
		chr_jw_key(w, "actors");
		chr_jw_array(w);
		for (unsigned k = 0; k < ev->nactors; k++)
			put_entity(w, &an->ents, ev->actor[k]);
		chr_jw_end(w);
		chr_jw_key(w, "place");
		put_place(w, &an->ents, ev->place);
		chr_jw_member_cstr(w, "date", ev->date[0] ? ev->date : NULL);
		chr_jw_member_cstr(w, "duration", ev->duration[0] ? ev->duration : NULL);
		chr_jw_member_cstr(w, "modality", chr_modality_name((chr_modality)ev->modality));
		if (ev->speaker >= 0) {
			chr_jw_key(w, "reported_by");
			put_entity(w, &an->ents, ev->speaker);
		}
		if (ev->trig_end > ev->trig_begin && ev->trig_end <= t->n) {
			uint32_t s = t->tok[ev->trig_begin].start, e = t->tok[ev->trig_end - 1].end;
			chr_jw_key(w, "trigger");
			chr_jw_string(w, text + s, e - s);
		}
		if (ev->sentence < t->nsent) {
			chr_jw_key(w, "sentence");
			chr_jw_span(w, t->sent[ev->sentence].start, t->sent[ev->sentence].end);
		}
		chr_jw_end(w);
	}
	chr_jw_end(w);
}

static void write_claims(const chr_analysis *an, const char *text, chr_jw *w)
{
	chr_jw_key(w, "claims");
	chr_jw_array(w);
	for (size_t i = 0; i < an->claims.n; i++) {
		const chr_claim *c = &an->claims.c[i];
		chr_jw_object(w);
		chr_jw_member_cstr(w, "subject", c->subject);
		chr_jw_member_cstr(w, "attribute", c->attribute);
		chr_jw_key(w, "value");
		chr_jw_number(w, c->value);
		chr_jw_member_span(w, text, c->start, c->end);
		chr_jw_end(w);
	}
	chr_jw_end(w);
}

void chr_frames_emit(const chr_analysis *an, const char *text, chr_jw *w)
{
	write_quotes(an, text, w);
	write_events(an, text, w);
	write_claims(an, text, w);
}
