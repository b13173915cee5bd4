/*
 * entity_internal.h - what the parts of entity recognition share: the
 * per-document working state.  entity.c decides which spans are names,
 * entity_rules.c holds the patterns (titles and roles, honorifics,
 * capitalised sequences), entity_alias.c links mentions to entities.
 */
#ifndef CHR_ANALYZE_ENTITY_INTERNAL_H
#define CHR_ANALYZE_ENTITY_INTERNAL_H

#include <stdint.h>

#include "analyze/entity.h"
#include "analyze/gazetteer.h"
#include "analyze/tagger.h"

enum { SRC_GAZ = 1, SRC_TITLE, SRC_TAGGER, SRC_RULE, SRC_ALIAS, SRC_DEMONYM };

#define OWN_FREE (-1)
#define OWN_ROLE (-2)

/* Longest name accepted from a capitalised run or a tagger span: a longer
 * run is a title-case heading or a list, not one name. */
#define MAX_SPAN_TOKENS 10

/* A name found in the text: tokens [tb, te), its role [rb, re). */
typedef struct ent_span {
	uint32_t tb, te;
	uint32_t rb, re;
	uint32_t entity;
	uint8_t type;     /* chr_ent_type */
	uint8_t src;      /* SRC_* */
	uint8_t former;
	uint8_t dead;     /* dropped after acceptance */
	uint8_t linked;   /* its entity is decided */
	const chr_gaz_entry *entry;
} ent_span;

typedef struct ent_ctx {
	chr_arena *arena;
	const chr_tokens *t;
	const chr_gazetteer *g;
	chr_gaz_bits *bits;
	uint8_t *tags;            /* tagger output, NULL without a model */
	int32_t *own;             /* token -> accepted span, OWN_FREE, OWN_ROLE */
	uint8_t *title;           /* token -> length of the title starting there (capped 255) */
	ent_span *sp;
	size_t nsp, spcap;
	/* Tagger spans, trimmed and checked: tid[token] indexes tsp or -1. */
	struct ent_tspan { uint32_t b, e; uint8_t type; } *tsp;
	size_t ntsp;
	int32_t *tid;
	uint32_t *wc;             /* token -> EW_* word classes (entity_words.c) */
	uint8_t *gm_n;            /* token -> tokens of the longest listed name there */
	const chr_gaz_entry **gm_e;
	/* Keys of words seen in lowercase somewhere in the document. */
	uint64_t *lower;
	size_t lower_cap;
} ent_ctx;

/* Closed word classes (entity_words.c). */
enum {
	EW_HONORIFIC = 1 << 0,      /* Mr, Dr, Prof (capitalised) */
	EW_FORMER = 1 << 1,         /* former, ex, then, late */
	EW_CONNECTOR = 1 << 2,      /* lowercase words a name may hold: of, and, de */
	EW_RUN_CONNECTOR = 1 << 3,  /* of, for, de: join a capitalised run */
	EW_PARTICLE = 1 << 4,       /* bin, van, von, al (lowercase, in people's names) */
	EW_ORG_HEAD = 1 << 5,       /* University, Ministry, Herald (capitalised) */
	EW_PLACE_HEAD = 1 << 6,     /* River, Island, Province */
	EW_EVENT_HEAD = 1 << 7,     /* Summit, Games, Cup */
	EW_COMPASS = 1 << 8,        /* North, Western, New */
	EW_CALENDAR = 1 << 9,       /* weekdays and months */
	EW_OF = 1 << 10,            /* of, for */
	EW_THE = 1 << 11,           /* the */
	EW_POSTNOMINAL = 1 << 12,   /* QC, Jr, PhD */
	EW_EX_TITLE = 1 << 13,      /* one word "ex-President": a former title */
	EW_SPEECH = 1 << 14,        /* said, told, added: verbs of saying */
	EW_CARDINAL = 1 << 15       /* Eleven, Twelve: a count, which opens no person's name */
};
uint32_t ent_word_class(uint64_t key);
/* Fills c->wc for every token. */
chr_status ent_words_fill(ent_ctx *c);

/* The longest listed name at token i (chr_gaz_match, looked up once per
 * document): its length in tokens, 0 if none. */
static inline size_t ent_gaz(const ent_ctx *c, size_t i, const chr_gaz_entry **e)
{
	*e = c->gm_e[i];
	return c->gm_n[i];
}

/* Token tests. */
int ent_is_word(const ent_ctx *c, size_t i);
int ent_is_cap(const ent_ctx *c, size_t i);
int ent_seen_lower(const ent_ctx *c, uint64_t key);
int ent_sentence_start(const ent_ctx *c, size_t i);
int ent_is_honorific(const ent_ctx *c, size_t i);
int ent_is_former(const ent_ctx *c, size_t i);
int ent_is_name_connector(const ent_ctx *c, size_t i);

/* Adds an accepted span owning tokens [tb, te); returns its index or -1. */
long ent_accept(ent_ctx *c, uint32_t tb, uint32_t te, chr_ent_type type, int src, const chr_gaz_entry *entry);
int ent_free_range(const ent_ctx *c, size_t tb, size_t te);

/* entity_rules.c */
/* The start of a role ending just before token i ("former Russian
 * Foreign Minister" before "Sergey"): returns the first role token (== i
 * when none) and sets *former and *rs_end (the role without "former"). */
size_t ent_role_before(const ent_ctx *c, size_t i, int *former);
/* Title patterns: reserves roles, accepts the names after them. */
chr_status ent_rules_titles(ent_ctx *c);
/* Capitalised runs with an organisation's head word ("... Centre for
 * ...", "Sydney Morning Herald"): surer than the tagger and the lists. */
chr_status ent_rules_orgs(ent_ctx *c);
/* CHR_ENT_ORG, CHR_ENT_PLACE or CHR_ENT_MISC (an event) when the name's
 * words say so ("... Centre", "... River", "... Summit"), else -1. */
int ent_head_type(const ent_ctx *c, size_t b, size_t e);
/* "Summit", "Games", "Cup": the last word of an event's name (MISC). */
int ent_is_event_head(const ent_ctx *c, size_t i);
/* Capitalised sequences no list or tagger took (first names, org and
 * place head words). */
chr_status ent_rules_caps(ent_ctx *c);

/* entity_alias.c */
chr_status ent_link(ent_ctx *c, chr_entities *out);

#endif
