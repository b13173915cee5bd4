/*
 * warc.c - read stage: WARC 1.0/1.1 files (CC-NEWS and crawler archives).
 *
 * Records are read one at a time: the header block, then exactly
 * Content-Length bytes of content, so a file of any size streams through
 * one record's worth of memory.  `response` and `resource` records with an
 * HTML payload become documents; other payloads are counted as skipped
 * records; `request`, `warcinfo`, `metadata`, `revisit` and `conversion`
 * records are passed over silently.
 *
 * A document's id is the record's WARC-Record-ID without its "<urn:uuid:"
 * wrapper (unique across files and stable when an archive is re-read in
 * pieces); a record without one is "<file stem>:<record number>".  Its
 * source is WARC-Target-URI, its date WARC-Date (basis "input").
 *
 * Lying lengths: after the content, the next bytes must be the record's
 * blank lines and then another "WARC/" line or the end.  If not, or if the
 * content runs into the end of the file, the record is reported once
 * ("path: record N: ...") and skipped, and reading resumes at the next
 * "WARC/1." line start: first inside the content just read (a length too
 * long swallowed the records after it), else further on (too short).
 */
#include "read/read.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

/* A WARC header block longer than this is broken, not big. */
#define WARC_HEADER_MAX (256u * 1024u)
/* Only the start of a version line matters. */
#define WARC_LINE_MAX 64u
/* How much of an oversized record is looked at to see whether it is HTML. */
#define PAYLOAD_SNIFF (64u * 1024u)

typedef struct span {
	size_t off, len;   /* into r->line; len 0 = absent */
} span;

typedef struct warc_head {
	span type, uri, date, id, ctype, ptype;
	unsigned long long length;
	int has_length;
} warc_head;

typedef struct payload {
	const char *body;
	size_t len;
	const char *ctype;   /* the payload's Content-Type, for its charset */
	size_t ctype_len;
	int status;
	int html;
} payload;

static int is_version(const char *p, size_t n)
{
	return n >= 6 && memcmp(p, "WARC/", 5) == 0 && p[5] >= '0' && p[5] <= '9';
}

static int span_is(const chr_reader *r, span s, const char *want)
{
	return s.len == strlen(want) && strncasecmp(r->line.data + s.off, want, s.len) == 0;
}

/* Reads lines until one starts with a version line (consumed): CHR_OK,
 * CHR_DONE at the end, or CHR_ENOMEM. */
static chr_status resync(chr_reader *r)
{
	for (;;) {
		int over, nl;
		chr_buf_clear(&r->line);
		chr_status st = chr_stream_read_line(r->in.stream, &r->line, WARC_LINE_MAX, &over, &nl);
		if (st != CHR_OK)
			return st;
		if (is_version(r->line.data, r->line.len)) {
			r->in.warc_have_version = 1;
			return CHR_OK;
		}
	}
}

/* After a lying record: resumes at a version line inside its content (put
 * back into the stream), else at the next one further on. */
static chr_status recover(chr_reader *r)
{
	const char *p = r->rec.data;
	size_t n = r->rec.len, i = 0;
	while (p && i + 6 <= n) {
		if ((i == 0 || p[i - 1] == '\n') && i + 7 <= n && memcmp(p + i, "WARC/1.", 7) == 0)
			return chr_stream_unread(r->in.stream, p + i, n - i);
		const char *nl = memchr(p + i, '\n', n - i);
		if (!nl)
			break;
		i = (size_t)(nl - p) + 1;
	}
	return resync(r);
}

/* Are the next bytes the end of a record: blank lines, then "WARC/" or the end? */
static int trailer_ok(chr_reader *r)
{
	const char *p;
	size_t n = chr_stream_peek(r->in.stream, 24, &p);
	size_t i = 0;
	while (i < n && i < 8 && (p[i] == '\r' || p[i] == '\n'))
		i++;
	if ((i == n && n < 24) || (n - i >= 6 && is_version(p + i, n - i))) {
		chr_stream_skip(r->in.stream, i);
		return 1;
	}
	return 0;
}

static int parse_length(const char *p, size_t n, unsigned long long *out)
{
	unsigned long long v = 0;
	if (n == 0)
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9' || v > (1ull << 60))
			return 0;
		v = v * 10 + (unsigned)(p[i] - '0');
	}
	*out = v;
	return 1;
}

/* Reads the named fields up to the blank line.  CHR_OK; CHR_DONE at the end
 * of the input; CHR_EFORMAT for a broken header (reported); CHR_ENOMEM. */
static chr_status read_head(chr_reader *r, size_t rec, warc_head *h)
{
	chr_stream *s = r->in.stream;
	memset(h, 0, sizeof *h);
	chr_buf_clear(&r->line);
	for (;;) {
		size_t start = r->line.len;
		int over, nl;
		chr_status st = chr_stream_read_line(s, &r->line, WARC_HEADER_MAX, &over, &nl);
		if (st == CHR_ENOMEM)
			return st;
		if (over) {
			chr_read_report_record(r, rec, "WARC header longer than %u bytes, skipped",
					       WARC_HEADER_MAX);
			return CHR_EFORMAT;
		}
		if (st == CHR_DONE || !nl) {
			if (!chr_stream_error(s))
				chr_read_report_record(r, rec, "header cut off by the end of the file");
			return CHR_DONE;
		}
		size_t end = r->line.len;
		if (end > start && r->line.data[end - 1] == '\r')
			end--;
		r->line.len = end;
		if (end == start)
			break;
		const char *l = r->line.data + start;
		const char *colon = memchr(l, ':', end - start);
		if (!colon)
			continue;
		size_t nlen = (size_t)(colon - l);
		size_t v = (size_t)(colon - r->line.data) + 1, ve = end;
		while (v < ve && (r->line.data[v] == ' ' || r->line.data[v] == '\t'))
			v++;
		while (ve > v && (r->line.data[ve - 1] == ' ' || r->line.data[ve - 1] == '\t'))
			ve--;
		span sp = {v, ve - v};
		span name = {start, nlen};
		if (span_is(r, name, "WARC-Type"))
			h->type = sp;
		else if (span_is(r, name, "WARC-Target-URI"))
			h->uri = sp;
		else if (span_is(r, name, "WARC-Date"))
			h->date = sp;
		else if (span_is(r, name, "WARC-Record-ID"))
			h->id = sp;
		else if (span_is(r, name, "Content-Type"))
			h->ctype = sp;
		else if (span_is(r, name, "WARC-Identified-Payload-Type"))
			h->ptype = sp;
		else if (span_is(r, name, "Content-Length"))
			h->has_length = parse_length(r->line.data + v, ve - v, &h->length);
	}
	if (!h->has_length) {
		chr_read_report_record(r, rec, "no valid Content-Length, skipped");
		return CHR_EFORMAT;
	}
	return CHR_OK;
}

/* Finds the payload of content p[0..n) and whether it is HTML.  With
 * `decode`, chunking and compression are undone (into r->tmp / r->dec) and
 * problems reported; without, only the type is looked at.  CHR_OK;
 * CHR_DONE when the record was reported and is to be skipped; CHR_ENOMEM. */
static chr_status find_payload(chr_reader *r, size_t rec, const warc_head *h, const char *p,
			       size_t n, int decode, payload *out)
{
	const char *ctype = NULL;
	size_t ctlen = 0;
	chr_status st = CHR_OK;
	memset(out, 0, sizeof *out);
	out->body = p;
	out->len = n;
	if (span_is(r, h->type, "response")) {
		chr_http http;
		if (!chr_http_parse(p, n, &http))
			return CHR_OK;   /* not HTTP (dns:, ftp:): not HTML either */
		out->status = http.status;
		ctype = p + http.content_type;
		ctlen = http.content_type_len;
		out->body = p + http.body_offset;
		out->len = n - http.body_offset;
		if (decode && http.chunked) {
			chr_buf_clear(&r->tmp);
			st = chr_http_dechunk(out->body, out->len, &r->tmp);
			if (st == CHR_ENOMEM)
				return st;
			if (st == CHR_OK) {
				out->body = r->tmp.data ? r->tmp.data : "";
				out->len = r->tmp.len;
			}
			st = CHR_OK;
		}
		if (http.encoding == CHR_HTTP_OTHER) {
			if (decode)
				chr_read_report_record(r, rec, "Content-Encoding %.*s not supported, skipped",
					       (int)(http.encoding_name_len > 40 ? 40 : http.encoding_name_len),
					       p + http.encoding_name);
			return CHR_DONE;
		}
		if (decode && http.encoding != CHR_HTTP_IDENTITY && out->len) {
			chr_buf_clear(&r->dec);
			st = chr_http_inflate(out->body, out->len, &r->dec, r->max_doc);
			if (st == CHR_ENOMEM)
				return st;
			if (st == CHR_ELIMIT) {
				chr_read_report_record(r, rec, "document larger than %zu bytes, skipped",
						       r->max_doc);
				return CHR_DONE;
			}
			if (st == CHR_EFORMAT) {
				chr_read_report_record(r, rec, "corrupt compressed content, skipped");
				return CHR_DONE;
			}
			out->body = r->dec.data ? r->dec.data : "";
			out->len = r->dec.len;
		}
	} else if (h->ctype.len) {
		ctype = r->line.data + h->ctype.off;
		ctlen = h->ctype.len;
	}
	const char *ptype = h->ptype.len ? r->line.data + h->ptype.off : NULL;
	out->ctype = ctlen ? ctype : NULL;
	out->ctype_len = ctlen;
	if (ctlen)
		out->html = chr_http_type_is_html(ctype, ctlen) ||
			    (ptype && chr_http_type_is_html(ptype, h->ptype.len));
	else if (ptype)
		out->html = chr_http_type_is_html(ptype, h->ptype.len);
	else
		out->html = chr_detect_html(out->body, out->len < PAYLOAD_SNIFF ? out->len : PAYLOAD_SNIFF);
	return st;
}

/* The record id: WARC-Record-ID without "<urn:uuid:" and ">". */
static void record_id(const chr_reader *r, const warc_head *h, size_t rec, char *buf, size_t cap,
		      const char **id, size_t *len)
{
	const char *p = r->line.data + h->id.off;
	size_t n = h->id.len;
	if (n && p[0] == '<' && p[n - 1] == '>') {
		p++;
		n -= 2;
	}
	if (n >= 9 && strncasecmp(p, "urn:uuid:", 9) == 0) {
		p += 9;
		n -= 9;
	}
	if (n) {
		*id = p;
		*len = n;
	} else {
		snprintf(buf, cap, "%.200s:%zu", r->in.stem, rec);
		*id = buf;
		*len = strlen(buf);
	}
}

static chr_status emit_record(chr_reader *r, size_t rec, const warc_head *h)
{
	payload pl;
	chr_status st = find_payload(r, rec, h, r->rec.data ? r->rec.data : "", r->rec.len, 1, &pl);
	if (st != CHR_OK)
		return st;
	if (!pl.html) {
		r->skipped++;
		return CHR_DONE;
	}
	char idbuf[256];
	chr_found_doc doc = {0};
	record_id(r, h, rec, idbuf, sizeof idbuf, &doc.id, &doc.id_len);
	if (h->uri.len) {
		doc.source = r->line.data + h->uri.off;
		doc.source_len = h->uri.len;
		if (doc.source_len >= 2 && doc.source[0] == '<' && doc.source[doc.source_len - 1] == '>') {
			doc.source++;
			doc.source_len -= 2;
		}
	}
	if (h->date.len) {
		doc.date = r->line.data + h->date.off;
		doc.date_len = h->date.len;
		doc.date_basis = CHR_DATE_INPUT;
		doc.date_is_fallback = 1;
	}
	int converted = 0;
	chr_buf_clear(&r->conv);
	if ((st = chr_charset_to_utf8(pl.ctype, pl.ctype_len, pl.body, pl.len, &r->conv, &converted)) != CHR_OK)
		return st;
	doc.body = converted ? r->conv.data : pl.body;
	doc.body_len = converted ? r->conv.len : pl.len;
	doc.format = CHR_FORMAT_HTML;
	doc.http_status = pl.status;
	st = chr_read_emit(r, &doc);
	if (st == CHR_EFORMAT) {
		r->skipped++;   /* an empty page (a redirect) */
		st = CHR_DONE;
	}
	return st;
}

/* Streams past a record larger than the limit without holding it.  CHR_OK
 * to go on with the next record, CHR_DONE at the end, CHR_ENOMEM. */
static chr_status skip_oversize(chr_reader *r, size_t rec, const warc_head *h, int wanted)
{
	int html = 0;
	if (wanted) {
		const char *p;
		size_t want = h->length < PAYLOAD_SNIFF ? (size_t)h->length : PAYLOAD_SNIFF;
		size_t n = chr_stream_peek(r->in.stream, want, &p);
		payload pl;
		/* Only the front is here: the type is all it can tell. */
		chr_status st = find_payload(r, rec, h, p, n, 0, &pl);
		if (st == CHR_ENOMEM)
			return st;
		html = st == CHR_OK && pl.html;
	}
	size_t got = chr_stream_skip(r->in.stream, (size_t)h->length);
	if (got < h->length) {
		if (!chr_stream_error(r->in.stream))
			chr_read_report_record(r, rec, "Content-Length %llu runs past the end of the file",
					       h->length);
		return CHR_DONE;
	}
	if (!trailer_ok(r)) {
		chr_read_report_record(r, rec,
				       "Content-Length %llu does not match the record; skipped to the next record",
				       h->length);
		return resync(r);
	}
	if (html)
		chr_read_report_record(r, rec, "document larger than %zu bytes, skipped", r->max_doc);
	else if (wanted)
		r->skipped++;
	return CHR_OK;
}

chr_status chr_read_warc_next(chr_reader *r)
{
	chr_stream *s = r->in.stream;
	chr_status st = CHR_DONE;
	for (;;) {
		int over = 0, nl = 0;
		if (!r->in.warc_have_version) {
			do {
				chr_buf_clear(&r->line);
				st = chr_stream_read_line(s, &r->line, WARC_LINE_MAX, &over, &nl);
				if (st != CHR_OK)
					goto done;
				if (r->line.len && r->line.data[r->line.len - 1] == '\r')
					r->line.len--;
			} while (r->line.len == 0 && !over);
			if (!is_version(r->line.data, r->line.len)) {
				if (!nl && chr_stream_error(s)) {
					st = CHR_DONE;
					goto done;
				}
				chr_read_report_record(r, r->in.record + 1,
						       "no WARC header where a record should start; skipped to the next record");
				if ((st = resync(r)) != CHR_OK)
					goto done;
			}
		}
		r->in.warc_have_version = 0;
		size_t rec = ++r->in.record;
		warc_head h;
		st = read_head(r, rec, &h);
		if (st == CHR_EFORMAT) {
			if ((st = resync(r)) != CHR_OK)
				goto done;
			continue;
		}
		if (st != CHR_OK)
			goto done;
		int wanted = span_is(r, h.type, "response") || span_is(r, h.type, "resource");
		if (h.length > r->max_doc) {
			st = skip_oversize(r, rec, &h, wanted);
			if (st != CHR_OK)
				goto done;
			continue;
		}
		chr_buf_clear(&r->rec);
		size_t got = 0;
		st = chr_stream_read(s, &r->rec, (size_t)h.length, &got);
		if (st != CHR_OK)
			goto done;
		if (got < h.length) {
			st = CHR_DONE;
			if (chr_stream_error(s))
				goto done;
			chr_read_report_record(r, rec,
					       "Content-Length %llu runs past the end of the file; skipped to the next record",
					       h.length);
			if ((st = recover(r)) != CHR_OK)
				goto done;
			continue;
		}
		if (!trailer_ok(r)) {
			chr_read_report_record(r, rec,
					       "Content-Length %llu does not match the record; skipped to the next record",
					       h.length);
			if ((st = recover(r)) != CHR_OK)
				goto done;
			continue;
		}
		if (!wanted)
			continue;
		st = emit_record(r, rec, &h);
		if (st != CHR_DONE)
			goto done;
	}
done:
	return st;
}
