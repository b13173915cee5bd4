/*
 * gazetteer.h - the lists behind entity recognition: names of people,
 * organisations and places with their aliases, office titles, given names,
 * demonyms and English stop words, looked up by token keys.
 *
 * Every listed name is tokenised with chr_tokenize and stored under the
 * chr_key_combine of its token keys (folded: "Erdoğan" and "ERDOGAN" share
 * a key), so matching a span of text costs one hash probe per token and
 * never touches the bytes.  A listed name matches only where the text is
 * capitalised as the list writes it: "china" and "turkey" in lowercase are
 * not places, and a list entry written all in lowercase never matches.
 *
 * The default gazetteer (data/gazetteer/) is built once per process, on
 * first use, and never changes: lookups need no lock.  chr_gaz_new and
 * chr_gaz_add_file build private ones (tests, tools).
 */
#ifndef CHR_ANALYZE_GAZETTEER_H
#define CHR_ANALYZE_GAZETTEER_H

#include <stddef.h>
#include <stdint.h>

#include "analyze/entity.h"
#include "analyze/tagger.h"
#include "analyze/token.h"

typedef enum chr_gaz_kind {
	CHR_GK_NONE = 0,
	CHR_GK_COUNTRY,
	CHR_GK_CITY,
	CHR_GK_REGION,
	CHR_GK_AGENCY,
	CHR_GK_OUTLET,
	CHR_GK_INTL,
	CHR_GK_GOV,
	CHR_GK_PARTY,
	CHR_GK_COMPANY
} chr_gaz_kind;

/* One listed entity.  Strings belong to the gazetteer. */
typedef struct chr_gaz_entry {
	const char *id;          /* slug of name: "vladimir-putin" */
	const char *name;        /* canonical name: "Vladimir Putin" */
	const char *place_id;    /* place= as a slug ("moscow"), or NULL */
	const char *country_id;  /* country= as a slug ("russia"), or NULL */
	const char *role;        /* role= as written, or NULL */
	chr_ent_type type;
	chr_gaz_kind kind;
	uint32_t pop;            /* pop=, 0 if not given */
} chr_gaz_entry;

typedef struct chr_gazetteer chr_gazetteer;

/* The gazetteer of data/gazetteer/, built on first call (thread-safe);
 * NULL only when memory ran out while building it. */
const chr_gazetteer *chr_gaz_default(void);

/* An empty gazetteer; free with chr_gaz_free.  NULL on ENOMEM. */
chr_gazetteer *chr_gaz_new(void);
void chr_gaz_free(chr_gazetteer *gaz);

/*
 * Adds the lines of one list to gaz.  `name` is the file's name
 * ("gazetteer/people.txt"); its base name says what the lines are:
 * titles.txt, firstnames.txt, demonyms.txt, stopwords (any file under
 * "stopwords/"), or else entity lines `TYPE<TAB>Name<TAB>a|b<TAB>k=v;k=v`.
 * Malformed lines are skipped and counted (chr_gaz_stats).
 */
chr_status chr_gaz_add_file(chr_gazetteer *gaz, const char *name, const char *text, size_t len);

/*
 * The longest listed name starting at token i of toks, inside its sentence,
 * capitalised as listed.  Returns its length in tokens (0: none) and sets
 * *entry.
 */
size_t chr_gaz_match(const chr_gazetteer *gaz, const chr_tokens *toks, size_t i,
		     const chr_gaz_entry **entry /* OUT */);

/* The longest office title starting at token i (any case): its length in
 * tokens, 0 if none.  "Foreign Minister", "special presidential envoy". */
size_t chr_gaz_title(const chr_gazetteer *gaz, const chr_tokens *toks, size_t i);

/* True for a one-word office title (the key of one folded word). */
int chr_gaz_title_word(const chr_gazetteer *gaz, uint64_t key);

/* True for a listed given name (the key of one token). */
int chr_gaz_first_name(const chr_gazetteer *gaz, uint64_t key);

/* True for an English stop word (the key of one token). */
int chr_gaz_stop(const chr_gazetteer *gaz, uint64_t key);

/*
 * A demonym or adjective of a country ("Russian", "American"): returns the
 * country's id ("russia") and sets *slug to the demonym's own id
 * ("russian"), or NULL if key is none.
 */
const char *chr_gaz_demonym(const chr_gazetteer *gaz, uint64_t key, const char **slug /* OUT */);

/* The entry listed under this exact id, or NULL. */
const chr_gaz_entry *chr_gaz_by_id(const chr_gazetteer *gaz, const char *id);

/* chr_gaz_bits_fill (tagger.h) against a given gazetteer. */
chr_status chr_gaz_bits_fill_with(const chr_gazetteer *gaz, const chr_tokens *toks, chr_gaz_bits *bits);

/* The same bits from lookups already made for every token: gm_n/gm_e from
 * chr_gaz_match, title from chr_gaz_title (the entity stage has them). */
void chr_gaz_bits_from(const chr_gazetteer *gaz, const chr_tokens *toks, const uint8_t *gm_n,
		       const chr_gaz_entry *const *gm_e, const uint8_t *title, chr_gaz_bits *bits);

typedef struct chr_gaz_stats {
	size_t entries;      /* listed entities */
	size_t names;        /* names and aliases stored */
	size_t titles, first_names, demonyms, stop_words;
	size_t bad_lines;    /* skipped as malformed */
	size_t bytes;        /* memory held */
} chr_gaz_stats;

void chr_gaz_stats_get(const chr_gazetteer *gaz, chr_gaz_stats *out);

#endif
