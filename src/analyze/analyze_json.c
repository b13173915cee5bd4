/*
 * analyze_json.c - writes the language layer's findings in the SPEC's
 * per-document JSON: entities with every mention, times with TIMEX3 values.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/analyze.h"
#include "util/fault.h"
#include "util/jwrite.h"

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

/* Distinct roles of one entity's mentions ("former US President"). */
static void put_roles(chr_jw *w, const chr_analysis *an, const char *text, const uint32_t *men, size_t n)
{
	chr_jw_key(w, "roles");
	chr_jw_array(w);
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
		if (!role) {
			chr_jw_fail(w, CHR_ENOMEM);
			return;
		}
		int k = snprintf(role, len + 8, "%s%.*s", m->former ? "former " : "", (int)len, text + m->role_start);
		chr_jw_string(w, role, (size_t)k);
		free(role);
	}
	chr_jw_end(w);
}

static void write_entities(const chr_analysis *an, const char *text, chr_jw *w)
{
	const chr_entities *e = &an->ents;
	/* group mention indexes by entity with one counting pass */
	uint32_t *offset = chr_calloc(e->n + 1, sizeof *offset);
	uint32_t *order = chr_malloc((e->nmen ? e->nmen : 1) * sizeof *order);
	uint32_t *fill = chr_malloc((e->n ? e->n : 1) * sizeof *fill);
	if (!offset || !order || !fill) {
		chr_jw_fail(w, CHR_ENOMEM);
		goto done;
	}
	for (size_t i = 0; i < e->nmen; i++)
		if (e->men[i].entity < e->n)
			offset[e->men[i].entity + 1]++;
	for (size_t i = 0; i < e->n; i++)
		offset[i + 1] += offset[i];
	memcpy(fill, offset, e->n * sizeof *fill);
	for (size_t i = 0; i < e->nmen; i++)
		if (e->men[i].entity < e->n)
			order[fill[e->men[i].entity]++] = (uint32_t)i;
	chr_jw_key(w, "entities");
	chr_jw_array(w);
	for (size_t i = 0; i < e->n; i++) {
		const chr_entity *ent = &e->ent[i];
		chr_jw_object(w);
		chr_jw_member_cstr(w, "id", ent->id);
		chr_jw_member_cstr(w, "name", ent->name);
		chr_jw_member_cstr(w, "type", chr_ent_type_name(ent->type));
		chr_jw_key(w, "mentions");
		chr_jw_array(w);
		for (uint32_t k = offset[i]; k < offset[i + 1]; k++)
			chr_jw_span(w, e->men[order[k]].start, e->men[order[k]].end);
		chr_jw_end(w);
		put_roles(w, an, text, order + offset[i], offset[i + 1] - offset[i]);
		if (ent->place_id) {
			chr_jw_member_cstr(w, "place", ent->place_id);
		}
		if (ent->country_id) {
			chr_jw_member_cstr(w, "country", ent->country_id);
		}
		chr_jw_end(w);
	}
	chr_jw_end(w);
done:
	free(offset);
	free(order);
	free(fill);
}

static void write_times(const chr_analysis *an, const char *text, chr_jw *w)
{
	chr_jw_key(w, "times");
	chr_jw_array(w);
	for (size_t i = 0; i < an->times.n; i++) {
		const chr_timex *t = &an->times.t[i];
		chr_jw_object(w);
		chr_jw_member_span(w, text, t->start, t->end);
		chr_jw_member_cstr(w, "type", chr_timex_type_name(t->type));
		chr_jw_member_cstr(w, "value", t->value);
		chr_jw_member_cstr(w, "mod", t->mod[0] ? t->mod : NULL);
		chr_jw_end(w);
	}
	chr_jw_end(w);
}

void chr_analysis_emit(const chr_analysis *an, const char *text, chr_jw *w)
{
	write_entities(an, text, w);
	write_times(an, text, w);
	chr_frames_emit(an, text, w);
}
