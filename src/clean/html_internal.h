/*
 * html_internal.h - the HTML cleaner's private model, shared by html*.c.
 *
 * html.c parses with gumbo and drives the parts:
 *   html_dom.c   : one iterative walk turns the gumbo tree into a flat table
 *                  of block-level elements (chr_hnode, pre-order) and of text
 *                  blocks (chr_hblock) with their features;
 *   html_meta.c  : <title>, <meta>, <link>, JSON-LD and <time> become hints;
 *   html_words.c : word and stop-word counts of a block's text;
 *   html_score.c : Readability-style container scores pick the main content,
 *                  jusText-style block tests trim it, and every block gets
 *                  its label.
 * Everything here lives in one chr_hpage, released by chr_hpage_free; the
 * strings that become hints are copied into the document's arena.
 */
#ifndef CHR_CLEAN_HTML_INTERNAL_H
#define CHR_CLEAN_HTML_INTERNAL_H

#include <gumbo.h>
#include <stdint.h>

#include "doc.h"
#include "util/buf.h"

/* Node flags. */
enum {
	HN_BOILER = 1 << 0,      /* nav, aside, footer, header, or a role saying so */
	HN_UNLIKELY = 1 << 1,    /* class/id names chrome (menu, comment, share...) */
	HN_ARTICLE = 1 << 2,     /* <article> */
	HN_BODYPROP = 1 << 3,    /* itemprop=articleBody or similar class */
	HN_MAIN = 1 << 4,        /* <main> or role=main */
	HN_TEASER = 1 << 5,      /* class/id names related or recommended stories */
	HN_LEGAL = 1 << 6,       /* class/id names copyright or disclaimer */
	HN_CAPTION = 1 << 7,     /* class/id names a caption or credit */
	HN_AD = 1 << 8,          /* class/id names an advertisement */
	HN_COMMENTS = 1 << 9,    /* class/id names reader comments */
};

/* One block-level element, in document (pre-)order: parents come first. */
typedef struct chr_hnode {
	int32_t parent;          /* index, -1 for the root */
	uint16_t tag;            /* GumboTag */
	uint16_t flags;          /* HN_* of this element alone */
	int16_t class_weight;    /* Readability's +-25 from class/id words */
	uint16_t depth;
	uint32_t class_hash;     /* of the class attribute, 0 if none */
	/* Totals over the subtree (html_score.c fills them bottom-up). */
	uint32_t chars;
	uint32_t link_chars;
	uint32_t good;           /* characters in prose-like blocks */
	float score;             /* content score, < 0 when not scored */
} chr_hnode;

/* Block flags. */
enum {
	HB_END_PUNCT = 1 << 0,   /* ends with . ! ? ... or a closing quote */
	HB_IN_LINK = 1 << 1,     /* the whole block is one link */
	HB_AFTER_IMG = 1 << 2,   /* the first text after an image */
};

/* One run of text between block boundaries. */
typedef struct chr_hblock {
	uint32_t start, len;     /* in chr_hpage.text */
	int32_t node;            /* innermost block-level element holding it */
	uint32_t chars;          /* non-space bytes */
	uint32_t link_chars;     /* non-space bytes inside <a> */
	uint16_t commas;
	uint16_t flags;          /* HB_* */
	uint32_t words;
	uint32_t stops[5];       /* stop words per language (html_words.c order) */
	chr_block_kind kind;
	uint8_t level;           /* heading level */
	uint8_t label_final;
	chr_label label;
} chr_hblock;

typedef struct chr_hmeta {
	/* Candidates in order of trust; NULL when absent.  Malloc'd. */
	char *og_title, *ld_headline, *html_title, *h1;
	char *og_site, *ld_publisher, *app_name;
	char *meta_date, *ld_date, *prop_date, *time_date;
	char *lang, *canonical, *og_url;
	char *ld_body;           /* JSON-LD articleBody, the longest seen */
	size_t ld_body_len;
} chr_hmeta;

typedef struct chr_hpage {
	chr_hnode *nodes;
	size_t nnodes, nodes_alloc;
	chr_hblock *blocks;
	size_t nblocks, blocks_alloc;
	chr_buf text;            /* every block's text, back to back */
	chr_hmeta meta;
	int lang;                /* html_words.c language index, -1 unknown */
} chr_hpage;

void chr_hpage_free(chr_hpage *page);

/* html_dom.c: walks the tree without recursion (any depth), filling page. */
chr_status chr_html_walk(chr_hpage *page, const GumboNode *root);

/* html_meta.c: called by the walk for elements it meets. */
chr_status chr_html_meta_element(chr_hpage *page, const GumboNode *node);
chr_status chr_html_meta_jsonld(chr_hpage *page, const char *json, size_t len);
/* Copies the chosen hints into doc->hints (doc arena). */
chr_status chr_html_meta_finish(chr_hpage *page, chr_doc *doc);
/* The page title with a " | Site" style suffix removed; NULL if none.
 * Points into page->meta (valid until chr_hpage_free). */
const char *chr_html_meta_title(const chr_hpage *page);

/* html_words.c */
enum { CHR_HLANG_COUNT = 5 };
/* Counts words and stop words (per language) of s[0..len) into b. */
void chr_html_count_words(const char *s, size_t len, chr_hblock *b);
/* The next word of s[0..len) from *pos as a case-folded (ASCII) hash;
 * 0 at the end.  Same word boundaries as chr_html_count_words. */
int chr_html_next_word(const char *s, size_t len, size_t *pos, uint64_t *hash);
/* Language index of a BCP 47 tag ("en-US"), -1 if not one we know. */
int chr_html_lang_index(const char *tag);

/* html_guide.c: how much of each block's text is in the JSON-LD
 * articleBody, by word trigrams.  body_grams is 0 when the page has none
 * (or too short a one to trust); arrays are malloc'd, NULL then. */
typedef struct chr_hguide {
	uint32_t *hits;          /* per block: trigrams found in the articleBody */
	uint32_t *grams;         /* per block: trigrams */
	uint32_t body_grams;     /* distinct trigrams of the articleBody */
} chr_hguide;
chr_status chr_html_guide_build(const chr_hpage *page, chr_hguide *guide);
void chr_html_guide_free(chr_hguide *guide);

/* html_score.c: labels every block of the page. */
void chr_html_score(chr_hpage *page);

#endif
