/*
 * doc.h - the cleaned document, shared by the clean stage and its callers.
 *
 * A chr_doc owns one arena; every string and block below lives in it (the
 * block array itself is a malloc'd vector, freed by chr_doc_free).
 * Stages after clean read it through the public accessors or these fields.
 */
#ifndef CHR_DOC_H
#define CHR_DOC_H

#include <stdint.h>

#include "chronicle.h"
#include "util/arena.h"

/* What markup a block came from; plain text blocks are CHR_BLOCK_TEXT. */
typedef enum chr_block_kind {
	CHR_BLOCK_TEXT = 0,
	CHR_BLOCK_PARAGRAPH,
	CHR_BLOCK_HEADING,
	CHR_BLOCK_LIST_ITEM,
	CHR_BLOCK_QUOTE,
	CHR_BLOCK_CAPTION,
	CHR_BLOCK_PRE,
	CHR_BLOCK_CELL,
	CHR_BLOCK_OTHER
} chr_block_kind;

typedef struct chr_block {
	chr_paragraph p;          /* first, so &block->p is the public view */
	chr_block_kind kind;
	uint8_t heading_level;    /* 1..6 for headings, else 0 */
	uint8_t label_final;      /* set by a stage that is sure: later rules keep it */
	float link_density;       /* share of characters inside links (HTML), else 0 */
} chr_block;

/* Hints gathered from HTML metadata, before the labeller decides. */
typedef struct chr_html_hints {
	const char *title;        /* og:title, <title>, JSON-LD headline */
	const char *site_name;    /* og:site_name, JSON-LD publisher name */
	const char *date;         /* "YYYY-MM-DD" from meta, JSON-LD, <time> */
	const char *lang;         /* <html lang> primary subtag, lowercase */
	const char *url;          /* canonical / og:url */
} chr_html_hints;

struct chr_doc {
	chr_arena arena;
	const char *id;
	const char *source;
	const char *outlet;
	const char *title;
	const char *date;
	const char *lang;
	chr_date_basis date_basis;
	chr_format format;
	int http_status;
	const char *input_title;  /* title given with the input (JSON) */
	const char *fallback_date; /* capture date (WARC-Date), used last */
	chr_html_hints hints;
	chr_block *blocks;
	size_t nblocks;
	size_t blocks_alloc;
	char *text;               /* kept paragraphs joined by "\n\n" */
	size_t text_len;
	struct chr_analysis *analysis; /* set by chr_doc_analyze, arena-owned */
};

/* A document with metadata copied from raw and no blocks; NULL on ENOMEM. */
chr_doc *chr_doc_new_from_raw(const chr_raw_doc *raw);

/*
 * Appends a block whose text is s[0..len) with white space collapsed; an
 * empty result is not added (returns CHR_OK and sets *out to NULL).
 * `out` may be NULL.  The pointer stays valid until the next append.
 */
chr_status chr_doc_add_block(chr_doc *doc, const char *s, size_t len, chr_block_kind kind,
			     chr_label label, chr_block **out);

/* Joins the blocks labelled body into doc->text. */
chr_status chr_doc_join_text(chr_doc *doc);

/* True for labels whose paragraphs are kept in doc->text. */
int chr_label_is_kept(chr_label label);

struct chr_jw;
/* The document's analysis object (what chr_doc_write_json prints) written
 * to w, as text or as a tree (util/jwrite.h). */
void chr_doc_emit(const chr_doc *doc, struct chr_jw *w);

#endif
