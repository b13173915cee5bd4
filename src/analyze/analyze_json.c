/*
 * analyze_json.c - writes the language layer's findings in the SPEC's
 * per-document JSON: entities with every mention, times with TIMEX3 values.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/analyze.h"
#include "util/fault.h"
#include "util/json.h"

#define TRY(x) do { if ((st = (x)) != CHR_OK) goto done; } while (0)

const char *chr_ent_type_name(chr_ent_type type)
{
	static const char *const names[] = { "PERSON", "ORG", "PLACE", "MISC" };
	return (unsigned)type < 4 ? names[type] : "MISC";
}

const char *chr_timex_type_name(chr_timex_type type)
{
	static const char *const names[] = { "DATE", "TIME", "DURATION", "SET" };
	return (unsigned)type < 4 ? names[type] : "DATE";
}

static chr_status put_span(chr_buf *b, uint32_t start, uint32_t end, int first)
{
	chr_status st = first ? CHR_OK : chr_buf_putc(b, ',');
	return st == CHR_OK ? chr_json_span(b, start, end) : st;
}

/* Distinct roles of one entity's mentions ("former US President"). */
static chr_status put_roles(chr_buf *b, const chr_analysis *an, const char *text,
			    const uint32_t *men, size_t n)
{
	chr_status st = CHR_OK;
	int first = 1;
	TRY(chr_json_key(b, "roles", 0));
	TRY(chr_buf_putc(b, '['));
	for (size_t i = 0; i < n; i++) {
		const chr_mention *m = &an->ents.men[men[i]];
		if (m->role_end <= m->role_start)
			continue;
		size_t len = m->role_end - m->role_start;
		int seen = 0;
		for (size_t k = 0; k < i && !seen; k++) {
			const chr_mention *o = &an->ents.men[men[k]];
			seen = o->role_end - o->role_start == len && o->former == m->former &&
			       memcmp(text + o->role_start, text + m->role_start, len) == 0;
		}
		if (seen)
			continue;
		char *role = chr_malloc(len + 8);
		if (!role)
			return CHR_ENOMEM;
		int k = snprintf(role, len + 8, "%s%.*s", m->former ? "former " : "", (int)len,
				 text + m->role_start);
		st = chr_buf_puts(b, first ? "" : ",");
		if (st == CHR_OK)
			st = chr_json_string(b, role, (size_t)k);
		free(role);
		if (st != CHR_OK)
			goto done;
		first = 0;
	}
	TRY(chr_buf_putc(b, ']'));
done:
	return st;
}

static chr_status write_entities(const chr_analysis *an, const char *text, chr_buf *b)
{
	const chr_entities *e = &an->ents;
	chr_status st = CHR_OK;
	/* group mention indexes by entity with one counting pass */
	uint32_t *offset = chr_calloc(e->n + 1, sizeof *offset);
	uint32_t *order = chr_malloc((e->nmen ? e->nmen : 1) * sizeof *order);
	if (!offset || !order) {
		st = CHR_ENOMEM;
		goto done;
	}
	for (size_t i = 0; i < e->nmen; i++)
		if (e->men[i].entity < e->n)
			offset[e->men[i].entity + 1]++;
	for (size_t i = 0; i < e->n; i++)
		offset[i + 1] += offset[i];
	{
		uint32_t *fill = chr_malloc((e->n ? e->n : 1) * sizeof *fill);
		if (!fill) {
			st = CHR_ENOMEM;
			goto done;
		}
		memcpy(fill, offset, e->n * sizeof *fill);
		for (size_t i = 0; i < e->nmen; i++)
			if (e->men[i].entity < e->n)
				order[fill[e->men[i].entity]++] = (uint32_t)i;
		free(fill);
	}
	TRY(chr_json_key(b, "entities", 0));
	TRY(chr_buf_putc(b, '['));
	for (size_t i = 0; i < e->n; i++) {
		const chr_entity *ent = &e->ent[i];
		TRY(chr_buf_puts(b, i ? ",{" : "{"));
		TRY(chr_json_key(b, "id", 1));
		TRY(chr_json_cstr(b, ent->id));
		TRY(chr_json_key(b, "name", 0));
		TRY(chr_json_cstr(b, ent->name));
		TRY(chr_json_key(b, "type", 0));
		TRY(chr_json_cstr(b, chr_ent_type_name(ent->type)));
		TRY(chr_json_key(b, "mentions", 0));
		TRY(chr_buf_putc(b, '['));
		for (uint32_t k = offset[i]; k < offset[i + 1]; k++)
			TRY(put_span(b, e->men[order[k]].start, e->men[order[k]].end, k == offset[i]));
		TRY(chr_buf_putc(b, ']'));
		TRY(put_roles(b, an, text, order + offset[i], offset[i + 1] - offset[i]));
		if (ent->place_id) {
			TRY(chr_json_key(b, "place", 0));
			TRY(chr_json_cstr(b, ent->place_id));
		}
		if (ent->country_id) {
			TRY(chr_json_key(b, "country", 0));
			TRY(chr_json_cstr(b, ent->country_id));
		}
		TRY(chr_buf_putc(b, '}'));
	}
	TRY(chr_buf_putc(b, ']'));
done:
	free(offset);
	free(order);
	return st;
}

static chr_status write_times(const chr_analysis *an, const char *text, chr_buf *b)
{
	chr_status st = CHR_OK;
	TRY(chr_json_key(b, "times", 0));
	TRY(chr_buf_putc(b, '['));
	for (size_t i = 0; i < an->times.n; i++) {
		const chr_timex *t = &an->times.t[i];
		TRY(chr_buf_puts(b, i ? ",{" : "{"));
		TRY(chr_json_key(b, "text", 1));
		TRY(chr_json_string(b, text + t->start, t->end - t->start));
		TRY(chr_json_key_uint(b, "start", t->start, 0));
		TRY(chr_json_key_uint(b, "end", t->end, 0));
		TRY(chr_json_key(b, "type", 0));
		TRY(chr_json_cstr(b, chr_timex_type_name(t->type)));
		TRY(chr_json_key(b, "value", 0));
		TRY(chr_json_cstr(b, t->value));
		TRY(chr_json_key(b, "mod", 0));
		TRY(t->mod[0] ? chr_json_cstr(b, t->mod) : chr_buf_puts(b, "null"));
		TRY(chr_buf_putc(b, '}'));
	}
	TRY(chr_buf_putc(b, ']'));
done:
	return st;
}

chr_status chr_analysis_write_json(const chr_analysis *an, const char *text, chr_buf *b)
{
	chr_status st = write_entities(an, text, b);
	if (st == CHR_OK)
		st = write_times(an, text, b);
	if (st == CHR_OK)
		st = chr_frames_write_json(an, text, b);
	return st;
}
