/*
 * fuzz_entity.c - libFuzzer harness for the entity matcher: tokens, list
 * matches, title patterns, the tagger and alias linking over arbitrary
 * bytes.  Every mention must lie inside the text, in order, its role
 * before it, and point at an entity whose counts agree.  The bytes are
 * also a name to key and respell (German and French rules), whose keys must
 * be terminated inside their buffers.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/entity.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char keys[CHR_RESPELLINGS][CHR_KEY_MAX];
	static const char *const langs[] = { "de", "fr" };
	for (size_t l = 0; l < 2; l++) {
		size_t n = chr_entity_respellings((const char *)data, size, langs[l], keys, CHR_RESPELLINGS);
		if (n > CHR_RESPELLINGS)
			abort();
		for (size_t k = 0; k < n; k++)
			if (!memchr(keys[k], '\0', CHR_KEY_MAX))
				abort();
	}
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
