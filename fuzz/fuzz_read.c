/*
 * fuzz_read.c - libFuzzer harness for the reader (src/read), every format.
 *
 * Leading bytes pick the options:
 *   data[0] % 8   0 text, 1 HTML, 2 JSON Lines, 3 WARC, 4 no name (sniffed),
 *                 5 the rest gzip-compressed, 6 the rest zstd-compressed,
 *                 7 the rest as raw bytes named .gz or .zst (decoder errors)
 *   data[1]       the inner format for 5-7 (% 4: text, HTML, JSON Lines, WARC);
 *                 bit 7 set: a small document limit (64 + 4 * (data[1] & 0x7f))
 * Every document is pulled, and each one is checked for the reader's promise:
 * valid length, no NUL or control characters except '\n' and '\t'.
 * For JSON Lines, each line is also checked differentially: whatever the
 * fast scanner (jsonscan.c) accepts, jansson must accept too, with the same
 * "text" value.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <zlib.h>
#include <zstd.h>

#include "chronicle.h"
#include "read/read.h"

static const char *const names[] = {"f.txt", "f.html", "f.jsonl", "f.warc", "f"};

static void check_string(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
			abort();
	}
	if (s[len] != '\0')
		abort();
}

static void ignore_report(void *ctx, const char *where, const char *message)
{
	(void)ctx;
	if (!where || !message)
		abort();
}

static void check_scanner(const char *line, size_t len)
{
	chr_jsonl_fields f;
	if (!chr_jsonl_scan(line, len, &f))
		return;
	json_error_t err;
	json_t *v = json_loadb(line, len, JSON_ALLOW_NUL, &err);
	if (!v) {
		/* jansson also rejects invalid UTF-8 and lone surrogates (which
		 * the reader repairs), numbers it cannot hold and deep nesting
		 * (which the reader ignores unless it is the id). */
		static const char *const tolerated[] = {"nicode", "UTF-8", "nvalid \\u", "overflow",
							"too big", "depth", "decode byte"};
		for (size_t i = 0; i < sizeof tolerated / sizeof *tolerated; i++)
			if (strstr(err.text, tolerated[i]))
				return;
		fprintf(stderr, "scanner accepted what jansson rejects: %s\n", err.text);
		abort();
	}
	if (!json_is_object(v))
		abort();
	json_t *t = json_object_get(v, "text");
	if (json_is_string(t) != (f.text.type == CHR_JSON_STRING))
		abort();
	if (json_is_string(t)) {
		chr_buf b;
		chr_buf_init(&b, 0);
		if (chr_json_unescape(line + f.text.off, f.text.len, &b) == CHR_OK &&
		    (b.len != json_string_length(t) || (b.len && memcmp(b.data, json_string_value(t), b.len))))
			abort();
		chr_buf_free(&b);
	}
	json_decref(v);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	unsigned sel = data[0] % 8, opt = data[1];
	const uint8_t *body = data + 2;
	size_t len = size - 2;
	char name[32];
	unsigned char *packed = NULL;
	size_t packed_len = 0;
	const char *inner = names[opt % 4];
	if (sel <= 4) {
		strcpy(name, names[sel]);
		if (sel == 2) {
			const char *p = (const char *)body, *end = p + len;
			while (p < end) {
				const char *nl = memchr(p, '\n', (size_t)(end - p));
				size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
				check_scanner(p, n);
				p += n + 1;
			}
		}
	} else if (sel == 5) {
		uLongf bound = compressBound((uLong)len) + 32;
		packed = malloc(bound);
		z_stream z;
		memset(&z, 0, sizeof z);
		if (!packed || deflateInit2(&z, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
			goto done;
		z.next_in = (unsigned char *)body;
		z.avail_in = (uInt)len;
		z.next_out = packed;
		z.avail_out = (uInt)bound;
		deflate(&z, Z_FINISH);
		packed_len = bound - z.avail_out;
		deflateEnd(&z);
		snprintf(name, sizeof name, "%s.gz", inner);
	} else if (sel == 6) {
		size_t bound = ZSTD_compressBound(len);
		packed = malloc(bound);
		if (!packed)
			goto done;
		packed_len = ZSTD_compress(packed, bound, body, len, 1);
		if (ZSTD_isError(packed_len))
			goto done;
		snprintf(name, sizeof name, "%s.zst", inner);
	} else {
		snprintf(name, sizeof name, "%s.%s", inner, opt & 0x40 ? "zst" : "gz");
	}
	chr_read_opts opts = {.report = ignore_report};
	if (opt & 0x80)
		opts.max_doc_bytes = 64 + 4 * (size_t)(opt & 0x7f);
	chr_reader *r = NULL;
	if (chr_reader_new(&r, &opts) != CHR_OK)
		goto done;
	if (chr_reader_add_memory(r, name, packed ? (const void *)packed : (const void *)body,
				  packed ? packed_len : len) == CHR_OK) {
		const chr_raw_doc *d;
		while (chr_reader_next(r, &d) == CHR_OK) {
			check_string(d->body, d->body_len);
			check_string(d->id, strlen(d->id));
			check_string(d->source, strlen(d->source));
			if (d->title)
				check_string(d->title, strlen(d->title));
			if (d->date && strlen(d->date) != 10)
				abort();
			if (opts.max_doc_bytes && d->body_len > 3 * opts.max_doc_bytes)
				abort();
		}
	}
	chr_reader_free(r);
done:
	free(packed);
	return 0;
}
