/*
 * emit.c - read stage, last step for every format: repairs a found
 * document (UTF-8, control characters), strips the scrapers' header, and
 * publishes it as the reader's chr_raw_doc.  Also names documents after
 * their file (chr_read_stem).
 */
#include "read/read.h"

#include <stdlib.h>
#include <string.h>

#include "read/header.h"
#include "util/fault.h"
#include "util/utf8.h"

static int all_space(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n')
			return 0;
	return 1;
}

/* How many U+FFFD the text holds; the repair adds one per bad sequence. */
static size_t count_replacements(const char *s, size_t len)
{
	size_t n = 0;
	const char *p = s, *end = s + len;
	while ((p = memchr(p, 0xEF, (size_t)(end - p))) != NULL) {
		if (end - p >= 3 && (unsigned char)p[1] == 0xBF && (unsigned char)p[2] == 0xBD)
			n++;
		p++;
	}
	return n;
}

/* Reports a repaired document once, at its place in the input. */
static void report_repair(chr_reader *r, size_t count)
{
	static const char msg[] = "invalid UTF-8 replaced by U+FFFD (count %zu)";
	if (r->in.kind == CHR_KIND_JSONL)
		chr_read_report_line(r, r->in.line, msg, count);
	else if (r->in.kind == CHR_KIND_WARC)
		chr_read_report_record(r, r->in.record, msg, count);
	else
		chr_read_report(r, NULL, msg, count);
}

/* Appends a repaired copy of s and a NUL to meta; *off gets where it starts. */
static chr_status add_meta(chr_buf *meta, const char *s, size_t len, size_t *off)
{
	*off = meta->len;
	chr_status st = chr_utf8_sanitize(s, len, meta);
	if (st == CHR_OK)
		st = chr_buf_putc(meta, '\0');
	return st;
}

chr_status chr_read_emit(chr_reader *r, const chr_found_doc *d)
{
	chr_status st;
	chr_raw_doc *raw = &r->raw;
	chr_buf_clear(&r->body);
	chr_buf_clear(&r->meta);
	memset(raw, 0, sizeof *raw);
	if ((st = chr_utf8_sanitize(d->body, d->body_len, &r->body)) != CHR_OK ||
	    (st = chr_buf_putc(&r->body, '\0')) != CHR_OK)
		goto done;
	r->body.len--;   /* keep the NUL out of the length */
	size_t after = count_replacements(r->body.data, r->body.len);
	if (after) {
		size_t before = count_replacements(d->body, d->body_len);
		if (after > before)
			report_repair(r, after - before);
	}
	const char *body = r->body.data;
	size_t len = r->body.len;
	int status = d->http_status;
	r->date[0] = '\0';
	if (d->date && chr_read_date_prefix(d->date, d->date_len, r->date))
		raw->date_basis = d->date_basis ? d->date_basis : CHR_DATE_INPUT;
	if (d->parse_header) {
		chr_text_header hdr;
		if (chr_text_header_parse(body, len, &hdr)) {
			body += hdr.body_offset;
			len -= hdr.body_offset;
			if (!r->date[0]) {
				memcpy(r->date, hdr.date, sizeof r->date);
				raw->date_basis = CHR_DATE_HEADER;
			}
			if (!status)
				status = hdr.http_status;
		}
	}
	if (all_space(body, len)) {
		st = CHR_EFORMAT;
		goto done;
	}
	size_t id_off, src_off, title_off = 0;
	const char *id = d->id ? d->id : r->in.stem;
	size_t id_len = d->id ? d->id_len : strlen(r->in.stem);
	const char *src = d->source ? d->source : r->in.name;
	size_t src_len = d->source ? d->source_len : strlen(r->in.name);
	if ((st = add_meta(&r->meta, id, id_len, &id_off)) != CHR_OK ||
	    (st = add_meta(&r->meta, src, src_len, &src_off)) != CHR_OK)
		goto done;
	if (d->title && d->title_len &&
	    (st = add_meta(&r->meta, d->title, d->title_len, &title_off)) != CHR_OK)
		goto done;
	raw->id = r->meta.data + id_off;
	raw->source = r->meta.data + src_off;
	raw->title = d->title && d->title_len && r->meta.data[title_off] ? r->meta.data + title_off : NULL;
	raw->date = r->date[0] ? r->date : NULL;
	if (raw->date && d->date_is_fallback && raw->date_basis == CHR_DATE_INPUT) {
		raw->fallback_date = raw->date;
		raw->date = NULL;
	}
	if (!raw->date)
		raw->date_basis = CHR_DATE_NONE;
	raw->body = body;
	raw->body_len = len;
	raw->format = d->format;
	raw->http_status = status;
done:
	return st;
}

/* True for the extensions that say how a file is compressed. */
static int is_codec_ext(const char *ext)
{
	return !strcmp(ext, ".gz") || !strcmp(ext, ".zst") || !strcmp(ext, ".zstd") ||
	       !strcmp(ext, ".GZ");
}

/* A tail of 1-6 letters or digits after the last dot is an extension
 * ("x.html", "x.txt"); a longer or odd tail ("Mr. Smith speaks") is part of
 * the name. */
static int is_ext(const char *dot)
{
	size_t n = strlen(dot + 1);
	if (n == 0 || n > 6)
		return 0;
	for (const char *p = dot + 1; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')))
			return 0;
	return 1;
}

char *chr_read_stem(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	char *stem = strdup(*base ? base : path);
	if (!stem)
		return NULL;
	char *dot = strrchr(stem, '.');
	if (dot && dot > stem && is_codec_ext(dot)) {
		*dot = '\0';
		dot = strrchr(stem, '.');
	}
	if (dot && dot > stem && is_ext(dot))
		*dot = '\0';
	return stem;
}
