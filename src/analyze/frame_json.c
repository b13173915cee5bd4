/*
 * frame_json.c - writes what the frame builders found in the SPEC's
 * per-document JSON: quotes with speakers, event frames, numeric claims.
 * Entities are named by their ids, so every frame links back to the
 * "entities" list of the same object.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "analyze/analyze.h"
#include "util/json.h"

#define TRY(x) do { if ((st = (x)) != CHR_OK) goto done; } while (0)

static chr_status put_number(chr_buf *b, const char *key, double v)
{
	char num[40];
	if (v >= 0 && v < 4e9 && v == floor(v))
		return chr_json_key_uint(b, key, (uint32_t)v, 0);
	chr_status st = chr_json_key(b, key, 0);
	if (st != CHR_OK)
		return st;
	int n = snprintf(num, sizeof num, "%.6g", v);
	return chr_buf_append(b, num, (size_t)n);
}

static chr_status put_span_key(chr_buf *b, const char *key, uint32_t start, uint32_t end)
{
	chr_status st = chr_json_key(b, key, 0);
	return st == CHR_OK ? chr_json_span(b, start, end) : st;
}

/* The id of entity i, or null when i is -1 or out of range. */
static chr_status put_entity(chr_buf *b, const chr_entities *e, int64_t i)
{
	if (i < 0 || (size_t)i >= e->n)
		return chr_buf_puts(b, "null");
	return chr_json_cstr(b, e->ent[i].id);
}

/* A place is named by the place it stands for: the Kremlin -> moscow. */
static chr_status put_place(chr_buf *b, const chr_entities *e, int32_t i)
{
	if (i >= 0 && (size_t)i < e->n && e->ent[i].place_id)
		return chr_json_cstr(b, e->ent[i].place_id);
	return put_entity(b, e, i);
}

static chr_status write_quotes(const chr_analysis *an, const char *text, chr_buf *b)
{
	chr_status st = CHR_OK;
	TRY(chr_json_key(b, "quotes", 0));
	TRY(chr_buf_putc(b, '['));
	for (size_t i = 0; i < an->quotes.n; i++) {
		const chr_quote *q = &an->quotes.q[i];
		TRY(chr_buf_puts(b, i ? ",{" : "{"));
		TRY(chr_json_key(b, "speaker", 1));
		TRY(put_entity(b, &an->ents, q->speaker));
		TRY(chr_json_key(b, "text", 0));
		TRY(chr_json_string(b, text + q->start, q->end - q->start));
		TRY(chr_json_key_uint(b, "start", q->start, 0));
		TRY(chr_json_key_uint(b, "end", q->end, 0));
		TRY(chr_json_key(b, "kind", 0));
		TRY(chr_json_cstr(b, chr_quote_kind_name((chr_quote_kind)q->kind)));
		TRY(chr_buf_putc(b, '}'));
	}
	TRY(chr_buf_putc(b, ']'));
done:
	return st;
}

static chr_status write_events(const chr_analysis *an, const char *text, chr_buf *b)
{
	chr_status st = CHR_OK;
	const chr_tokens *t = &an->toks;
	TRY(chr_json_key(b, "events", 0));
	TRY(chr_buf_putc(b, '['));
	for (size_t i = 0; i < an->events.n; i++) {
		const chr_event *ev = &an->events.ev[i];
		TRY(chr_buf_puts(b, i ? ",{" : "{"));
		TRY(chr_json_key(b, "type", 1));
		TRY(chr_json_cstr(b, ev->type));
		TRY(chr_json_key(b, "cameo", 0));
		TRY(chr_json_cstr(b, ev->cameo));
		TRY(chr_json_key(b, "actors", 0));
		TRY(chr_buf_putc(b, '['));
		for (unsigned k = 0; k < ev->nactors; k++) {
			if (k)
				TRY(chr_buf_putc(b, ','));
			TRY(put_entity(b, &an->ents, ev->actor[k]));
		}
		TRY(chr_buf_putc(b, ']'));
		TRY(chr_json_key(b, "place", 0));
		TRY(put_place(b, &an->ents, ev->place));
		TRY(chr_json_key(b, "date", 0));
		TRY(chr_json_cstr(b, ev->date[0] ? ev->date : NULL));
		TRY(chr_json_key(b, "duration", 0));
		TRY(chr_json_cstr(b, ev->duration[0] ? ev->duration : NULL));
		TRY(chr_json_key(b, "modality", 0));
		TRY(chr_json_cstr(b, chr_modality_name((chr_modality)ev->modality)));
		if (ev->speaker >= 0) {
			TRY(chr_json_key(b, "reported_by", 0));
			TRY(put_entity(b, &an->ents, ev->speaker));
		}
		if (ev->trig_end > ev->trig_begin && ev->trig_end <= t->n) {
			uint32_t s = t->tok[ev->trig_begin].start, e = t->tok[ev->trig_end - 1].end;
			TRY(chr_json_key(b, "trigger", 0));
			TRY(chr_json_string(b, text + s, e - s));
		}
		if (ev->sentence < t->nsent)
			TRY(put_span_key(b, "sentence", t->sent[ev->sentence].start,
					 t->sent[ev->sentence].end));
		TRY(chr_buf_putc(b, '}'));
	}
	TRY(chr_buf_putc(b, ']'));
done:
	return st;
}

static chr_status write_claims(const chr_analysis *an, const char *text, chr_buf *b)
{
	chr_status st = CHR_OK;
	TRY(chr_json_key(b, "claims", 0));
	TRY(chr_buf_putc(b, '['));
	for (size_t i = 0; i < an->claims.n; i++) {
		const chr_claim *c = &an->claims.c[i];
		TRY(chr_buf_puts(b, i ? ",{" : "{"));
		TRY(chr_json_key(b, "subject", 1));
		TRY(chr_json_cstr(b, c->subject));
		TRY(chr_json_key(b, "attribute", 0));
		TRY(chr_json_cstr(b, c->attribute));
		TRY(put_number(b, "value", c->value));
		TRY(chr_json_key(b, "text", 0));
		TRY(chr_json_string(b, text + c->start, c->end - c->start));
		TRY(chr_json_key_uint(b, "start", c->start, 0));
		TRY(chr_json_key_uint(b, "end", c->end, 0));
		TRY(chr_buf_putc(b, '}'));
	}
	TRY(chr_buf_putc(b, ']'));
done:
	return st;
}

chr_status chr_frames_write_json(const chr_analysis *an, const char *text, chr_buf *b)
{
	chr_status st = write_quotes(an, text, b);
	if (st == CHR_OK)
		st = write_events(an, text, b);
	if (st == CHR_OK)
		st = write_claims(an, text, b);
	return st;
}
