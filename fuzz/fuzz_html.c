/*
 * fuzz_html.c - libFuzzer harness for the HTML cleaner (src/clean/html*.c).
 *
 * The first byte picks the path: bit 0 set runs the whole clean stage
 * through the public chr_doc_clean (after the reader's UTF-8 repair, as the
 * contract promises clean input there); clear calls chr_html_to_blocks on
 * the raw bytes, invalid UTF-8 and NULs included.  The rest is the page.
 * Checks: no crash, every block non-empty with a valid label and kind.
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "clean/clean.h"
#include "doc.h"
#include "util/buf.h"
#include "util/utf8.h"

static void check_doc(const chr_doc *doc)
{
	for (size_t i = 0; i < doc->nblocks; i++) {
		const chr_block *b = &doc->blocks[i];
		assert(b->p.len > 0 && b->p.len == strlen(b->p.text));
		assert((unsigned)b->p.label < CHR_LABEL_COUNT);
		assert(b->kind <= CHR_BLOCK_OTHER);
		assert(b->link_density >= 0.0f && b->link_density <= 1.0f);
	}
	if (doc->hints.date)
		assert(strlen(doc->hints.date) == 10);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	unsigned opts = data[0];
	const char *html = (const char *)data + 1;
	size_t len = size - 1;
	chr_raw_doc raw;
	memset(&raw, 0, sizeof raw);
	raw.id = "fuzz";
	raw.source = "fuzz.html";
	raw.format = CHR_FORMAT_HTML;
	if (opts & 1) {
		chr_buf clean;
		chr_buf_init(&clean, 0);
		if (chr_utf8_sanitize(html, len, &clean) == CHR_OK) {
			raw.body = clean.data ? clean.data : "";
			raw.body_len = clean.len;
			chr_doc *doc = NULL;
			if (chr_doc_clean(&raw, NULL, &doc) == CHR_OK) {
				check_doc(doc);
				size_t tl = 0;
				const char *text = chr_doc_text(doc, &tl);
				assert(strlen(text) == tl);
				chr_doc_free(doc);
			}
		}
		chr_buf_free(&clean);
	} else {
		raw.body = "";
		chr_doc *doc = chr_doc_new_from_raw(&raw);
		if (doc) {
			if (chr_html_to_blocks(doc, html, len) == CHR_OK)
				check_doc(doc);
			chr_doc_free(doc);
		}
	}
	return 0;
}
