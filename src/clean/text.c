/*
 * text.c - plain text to blocks: one paragraph per non-empty line.
 */
#include "clean/clean.h"

#include <string.h>

chr_status chr_text_to_blocks(chr_doc *doc, const char *text, size_t len)
{
	size_t i = 0;
	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - text) : len;
		/* Empty lines (half of them: paragraphs are separated by one)
		 * would make no block anyway. */
		if (end > i) {
			chr_status st = chr_doc_add_block(doc, text + i, end - i, CHR_BLOCK_TEXT, CHR_LABEL_BODY,
							  NULL);
			if (st != CHR_OK)
				return st;
		}
		i = end + 1;
	}
	return CHR_OK;
}
