/*
 * entity.h - named entities of a document and their mentions.
 *
 * Every mention links to one entity; every entity has a canonical id (the
 * slug of its canonical full name: "vladimir-putin"), so "Putin",
 * "President Putin" and "Russian President Vladimir Putin" in one document
 * are one entity with three mentions.  The corpus stage merges entities
 * across documents with chr_entity_key.
 */
#ifndef CHR_ANALYZE_ENTITY_H
#define CHR_ANALYZE_ENTITY_H

#include <stddef.h>
#include <stdint.h>

#include "analyze/token.h"

typedef enum chr_ent_type {
	CHR_ENT_PERSON = 0,
	CHR_ENT_ORG,
	CHR_ENT_PLACE,
	CHR_ENT_MISC
} chr_ent_type;

typedef struct chr_mention {
	uint32_t start, end;          /* bytes of the name itself (no title, no 's) */
	uint32_t tok_begin, tok_end;  /* its tokens */
	uint32_t entity;              /* index into chr_entities.ent */
	uint32_t role_start, role_end;/* bytes of a title/role before it ("Foreign Minister"), or 0,0 */
	uint8_t former;               /* the role was qualified "former" / "ex-" */
} chr_mention;

typedef struct chr_entity {
	const char *id;        /* canonical slug: "vladimir-putin" */
	const char *name;      /* canonical name: "Vladimir Putin" */
	chr_ent_type type;
	const char *place_id;  /* where an ORG stands for a place (the Kremlin -> "moscow"), else NULL */
	const char *country_id;/* country it belongs to when known ("russia"), else NULL */
	uint32_t first_mention;/* index into chr_entities.men */
	uint32_t nmentions;
} chr_entity;

typedef struct chr_entities {
	chr_entity *ent;
	size_t n;
	chr_mention *men;     /* in text order */
	size_t nmen;
} chr_entities;

/* Finds the named entities of a tokenised text; arena-owned results. */
chr_status chr_entities_find(chr_arena *arena, const chr_tokens *toks, chr_entities *out);

/* The same for a text in language lang ("en", "de", ...; NULL or "und":
 * English).  Outside English the tagger and the English organisation
 * patterns are left out: the lists, titles and given names remain. */
chr_status chr_entities_find_lang(chr_arena *arena, const chr_tokens *toks, const char *lang,
				  chr_entities *out);

/* "PERSON", "ORG", "PLACE", "MISC". */
const char *chr_ent_type_name(chr_ent_type type);

#endif
