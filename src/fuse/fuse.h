/*
 * fuse.h - the corpus stage: one document's frames joined to what the
 * store already knows.  Called by the writer, inside its transaction, once
 * per new document, in input order (so the result is deterministic).
 *
 * - entities.c: document entities -> corpus entities (same slug; another
 *   spelling of a full name with the same key; a bare surname that one full
 *   name in the corpus carries), with aliases, roles and counts.
 * - story.c: the document joins the story it shares most entities with
 *   inside a date window, or starts one.
 * - events.c: each asserted frame with actors joins the fused event it
 *   matches (type family, shared actors, compatible date and place), or
 *   starts one; a dated future frame joins the event it announces as an
 *   unvoting source, or waits for it.
 * - dates.c: TIMEX values as day ranges.
 */
#ifndef CHR_FUSE_FUSE_H
#define CHR_FUSE_FUSE_H

#include "util/jdom.h"
#include <stdint.h>

#include "store/store.h"

/* A document entity id and the corpus entity it resolved to. */
typedef struct chr_entity_ref {
	const char *slug;     /* borrowed from the analysis JSON */
	int64_t id;
	char type;            /* 'P'erson, 'O'rg, 'L' place, 'M'isc */
	int64_t stands_for;   /* a demonym's country in the corpus, else 0 */
} chr_entity_ref;

typedef struct chr_entity_map {
	chr_entity_ref *refs;
	size_t n;
} chr_entity_map;

/* Resolves every entity of the analysis (and stores doc_entity, alias and
 * counts); lang is the document's, for names it spells its own way.  The
 * map is malloc'ed; free map->refs. */
chr_status chr_fuse_entities(chr_store *store, int64_t doc, const chr_jv *root, const char *lang,
			     const char *text, size_t text_len, chr_entity_map *map);
/* Writes the entity counts summed in the open transaction; the writer
 * calls it before each commit. */
chr_status chr_fuse_flush(chr_store *store);

/* An entity type's one-letter code, as in chr_entity_ref.type ('M' for
 * anything unknown). */
char chr_entity_type_code(const char *type);
/* The corpus id of a document entity id, 0 if unknown. */
int64_t chr_entity_map_get(const chr_entity_map *map, const char *slug);
/* The map's entry for a document entity, or NULL. */
const chr_entity_ref *chr_entity_map_ref(const chr_entity_map *map, const char *slug);
/* The corpus entity that acts in an event for the document entity: a
 * demonym ("the Kestrian delegation") acts as its country, so reports
 * that name the country and reports that only use its adjective index one
 * actor. */
int64_t chr_entity_map_actor(const chr_entity_map *map, const char *slug);

/* The story the document joins (or starts): returns its id in *story. */
chr_status chr_fuse_story(chr_store *store, int64_t doc, const chr_jv *root, const chr_entity_map *map,
			  const char *title, const char *date, int64_t near_doc, int64_t *story);

/* One event frame as the fusion sees it. */
typedef struct chr_frame {
	int64_t event;         /* its event row, once written */
	int64_t doc, story;
	const char *type, *cameo, *modality, *date, *duration;
	int64_t place;         /* corpus entity, 0 = none */
	int64_t doc_day;       /* the document's publication day, 0 = unknown */
	int64_t actors[8];
	int nactors;
} chr_frame;

/* Joins the frame to a fused event or starts one: *fused gets its id, or 0
 * for a frame that stays off the timeline (negated, hypothetical, an
 * undated future one, no actors). */
chr_status chr_fuse_event(chr_store *store, const chr_frame *frame, int64_t *fused);

/* An undated report could be of any event of its actors: it is fused at
 * the end of its batch (chr_fuse_deferred), against every dated report the
 * batch brought, not just those that happened to come before it. */
int chr_fuse_defers(const chr_frame *frame);
/* The day a document's date names (see chr_frame.doc_day), 0 when it
 * names no single day. */
int64_t chr_publication_day(const char *date);
/* Fuses the deferred frames of the documents from first_doc on and sets
 * their events' fused id. */
chr_status chr_fuse_deferred(chr_store *store, int64_t first_doc);

/* The days [lo, hi] (since 1970-01-01) a TIMEX3 date value covers; 0 when
 * it names no resolvable span ("XXXX-12-03", "PRESENT_REF"). */
int chr_date_span(const char *value, int64_t *lo, int64_t *hi);

#endif
