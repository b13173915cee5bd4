/*
 * fuzz_entity.c - libFuzzer harness for the entity matcher: tokens, list
 * matches, title patterns, the tagger and alias linking over arbitrary
 * bytes.  Every mention must lie inside the text, in order, its role
 * before it, and point at an entity whose counts agree.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/entity.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	chr_arena arena;
	chr_tokens toks;
	chr_entities ents;
	chr_arena_init(&arena);
	if (chr_tokenize(&arena, (const char *)data, size, &toks) == CHR_OK &&
	    chr_entities_find(&arena, &toks, &ents) == CHR_OK) {
		uint32_t prev_end = 0;
		size_t total = 0;
		for (size_t i = 0; i < ents.nmen; i++) {
			const chr_mention *m = &ents.men[i];
			if (m->start < prev_end || m->end <= m->start || m->end > size || m->entity >= ents.n ||
			    m->role_end < m->role_start || m->role_end > m->start || m->tok_end > toks.n)
				abort();
			prev_end = m->end;
		}
		for (size_t i = 0; i < ents.n; i++) {
			const chr_entity *e = &ents.ent[i];
			if (!e->id || !e->id[0] || !e->name || e->first_mention >= ents.nmen ||
			    ents.men[e->first_mention].entity != i)
				abort();
			total += e->nmentions;
			(void)strlen(e->id);
		}
		if (total != ents.nmen)
			abort();
	}
	chr_arena_free(&arena);
	return 0;
}
