/*
 * clean.h - the clean stage's internal parts (SPEC stage 2).
 *
 * chr_doc_clean (clean.c) runs them in this order:
 *   1. html.c  or text.c : the raw body becomes blocks (paragraphs);
 *      HTML also yields metadata hints and DOM-based labels;
 *   2. label.c           : every block gets its label;
 *   3. meta.c            : title, dateline, outlet, language and date.
 */
#ifndef CHR_CLEAN_CLEAN_H
#define CHR_CLEAN_CLEAN_H

#include "doc.h"

/*
 * Parses HTML with gumbo and appends one block per paragraph-like element
 * (headings, paragraphs, list items, quotes, captions, cells) in document
 * order.  Blocks outside the main content are labelled (chrome, teaser,
 * legal, title) with label_final set; main content is body.  Fills
 * doc->hints from <title>, <meta>, JSON-LD and <html lang>.
 */
chr_status chr_html_to_blocks(chr_doc *doc, const char *html, size_t len);

/* Splits plain text into blocks: each non-empty line is one paragraph
 * (blank lines and single newlines both separate). */
chr_status chr_text_to_blocks(chr_doc *doc, const char *text, size_t len);

/* Labels every block not already final: body, title, dateline, chrome,
 * error, legal, teaser, repeat. */
chr_status chr_label_blocks(chr_doc *doc);

/* Sets doc->title, outlet, lang and date (with basis) from the blocks and
 * hints; opts->date is the fallback date (basis input). */
chr_status chr_meta_detect(chr_doc *doc, const chr_clean_opts *opts);

#endif
