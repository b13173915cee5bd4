/*
 * docrec.h - one document on its way into the store: its analysis (the
 * SPEC's analyze object, parsed) and the fingerprints computed beside it.
 *
 * Workers make docrecs (from a cleaned and analysed chr_doc, or from a line
 * of `chronicle analyze` output); the single writer stores them in input
 * order.  A docrec owns everything it points to; chr_docrec_clear frees it.
 */
#ifndef CHR_INGEST_DOCREC_H
#define CHR_INGEST_DOCREC_H

#include <stdint.h>

#include "chronicle.h"
#include "dedup/fingerprint.h"
#include "util/arena.h"
#include "util/jdom.h"

typedef enum chr_docrec_state {
	CHR_DOCREC_NEW = 0,   /* to be stored */
	CHR_DOCREC_KNOWN,     /* its identity is stored already */
	CHR_DOCREC_EMPTY,     /* no article text */
	CHR_DOCREC_FAILED     /* reported; skipped */
} chr_docrec_state;

typedef struct chr_docrec {
	chr_docrec_state state;
	chr_arena arena;              /* the parsed tree and its strings */
	const chr_jv *root;           /* the analysis object */
	/* Borrowed from root, validated: strings or NULL. */
	const char *name, *source, *outlet, *date, *date_basis, *title, *lang;
	const char *text;             /* never NULL once parsed */
	size_t text_len;
	unsigned char identity[16];
	int identity_known;           /* set before parsing: identity is the text's */
	chr_signature sig;
	size_t shingles;
	uint64_t *para_keys;          /* one per element of "paragraphs" */
	/* What a worker found among the committed documents (chr_write_lookup):
	 * good while the writer's transaction is still lookup_seq (0: none). */
	int64_t lookup_seq;
	struct chr_near_found *near_found;   /* NULL for a text without shingles */
	int64_t *para_first;          /* per paragraph: the first document with it, or 0 */
	uint64_t bytes;               /* input size, for throughput */
	char *known_name;             /* KNOWN: the name it came under */
	char *known_source;
	char *known_outlet;
	char error[160];              /* FAILED: why */
} chr_docrec;

/* Parses one analysis object (a JSON text of `len` bytes) and computes the
 * fingerprints.  Bad JSON or a missing "doc"/"text" leaves state FAILED
 * with the reason in error; only CHR_ENOMEM is returned as an error. */
chr_status chr_docrec_parse(chr_docrec *rec, const char *json, size_t len);

/* The same for a document analysed in this process. */
chr_status chr_docrec_from_doc(chr_docrec *rec, const chr_doc *doc);

void chr_docrec_clear(chr_docrec *rec);

/* A member that is a string / an array; NULL when missing or of another type. */
const char *chr_js_str(const chr_jv *obj, const char *key);
const chr_jv *chr_js_array(const chr_jv *obj, const char *key);

#endif
