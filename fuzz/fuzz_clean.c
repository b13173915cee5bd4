/*
 * fuzz_clean.c - libFuzzer harness for the clean stage (chr_doc_clean).
 *
 * The first byte picks the mode: bit 0 raw (--raw), bit 1 HTML, bit 2 a
 * fallback --date, bit 3 an input title.  The rest is the document body,
 * passed as the reader would (NUL-terminated) but without the reader's
 * UTF-8 repair, so the cleaner also meets invalid bytes.  Every output is
 * read back (text, paragraphs, JSON) so bad offsets show up under ASan.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chronicle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	uint8_t mode = data[0];
	char *body = malloc(size);
	if (!body)
		return 0;
	memcpy(body, data + 1, size - 1);
	body[size - 1] = '\0';
	chr_raw_doc raw = {0};
	raw.id = "fuzz";
	raw.source = "fuzz";
	raw.body = body;
	/* NULs inside the input would end the string for readers of it;
	 * the reader drops them, so the body ends at the first one. */
	raw.body_len = strlen(body);
	raw.format = (mode & 2) ? CHR_FORMAT_HTML : CHR_FORMAT_TEXT;
	raw.title = (mode & 8) ? "Fuzzed title" : NULL;
	chr_clean_opts opts = {.raw = mode & 1, .date = (mode & 4) ? "2024-02-29" : NULL};
	chr_doc *doc = NULL;
	if (chr_doc_clean(&raw, &opts, &doc) == CHR_OK) {
		size_t len = 0, sum = 0;
		const char *text = chr_doc_text(doc, &len);
		for (size_t i = 0; i < len; i++)
			sum += (unsigned char)text[i];
		for (size_t i = 0; i < chr_doc_paragraph_count(doc); i++) {
			const chr_paragraph *p = chr_doc_paragraph(doc, i);
			if (strlen(p->text) != p->len || (unsigned)p->label >= CHR_LABEL_COUNT)
				abort();
		}
		const char *d = chr_doc_date(doc);
		if (d && strlen(d) != 10)
			abort();
		FILE *null = fopen("/dev/null", "w");
		if (null) {
			chr_doc_write_json(doc, null);
			fclose(null);
		}
		(void)sum;
		chr_doc_free(doc);
	}
	free(body);
	return 0;
}
