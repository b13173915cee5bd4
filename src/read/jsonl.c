/*
 * jsonl.c - read stage: JSON Lines, one document per line
 * {"id","url","date","title","text"|"html"}.  Only the current line is in
 * memory; a bad line is reported as "path:LINE" and skipped, and the rest
 * of the file goes on.
 *
 * Lines are scanned by jsonscan.c for the wanted fields; a line it does
 * not take is parsed by jansson, which also words the error.
 *
 * Field rules: "id" (string or number) else "<file stem>:<line>"; "url" is
 * the source, else the path; "date" may be a date or an ISO datetime; when
 * both "html" and "text" are given the HTML wins, because our cleaner gets
 * more (title, metadata, structure) out of it than a scraper's own text.
 */
#include "read/read.h"

#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "util/utf8.h"

static int is_blank_line(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

static const char *str_field(json_t *obj, const char *key, size_t *len)
{
	json_t *v = json_object_get(obj, key);
	if (!json_is_string(v)) {
		*len = 0;
		return NULL;
	}
	*len = json_string_length(v);
	return json_string_value(v);
}

/* Parses the line; a line with invalid UTF-8 is repaired and tried again.
 * Returns NULL with *err filled when it is not JSON, *nomem when memory ran out. */
static json_t *parse_line(chr_reader *r, json_error_t *err, int *nomem)
{
	json_t *v = json_loadb(r->line.data, r->line.len, JSON_ALLOW_NUL, err);
	if (v || json_error_code(err) == json_error_out_of_memory)
		goto done;
	chr_buf_clear(&r->tmp);
	if (chr_utf8_sanitize(r->line.data, r->line.len, &r->tmp) != CHR_OK) {
		*nomem = 1;
		goto done;
	}
	json_error_t err2;
	v = json_loadb(r->tmp.data ? r->tmp.data : "", r->tmp.len, JSON_ALLOW_NUL, &err2);
	if (!v)
		*err = err2;
	else
		chr_read_report_line(r, r->in.line, "invalid UTF-8 replaced by U+FFFD");
done:
	if (!v && json_error_code(err) == json_error_out_of_memory)
		*nomem = 1;
	return v;
}

/* Where a field's decoded text is: in the line itself or in a buffer. */
typedef struct field {
	const chr_buf *buf;
	size_t off, len;
} field;

static const char *field_ptr(const field *f) { return f->buf->data ? f->buf->data + f->off : ""; }

/* A string field, unescaped into `into` when it has escapes. */
static chr_status take_string(chr_reader *r, const chr_json_value *v, chr_buf *into, field *f)
{
	chr_status st = CHR_OK;
	if (!v->escaped) {
		f->buf = &r->line;
		f->off = v->off;
		f->len = v->len;
	} else {
		f->buf = into;
		f->off = into->len;
		st = chr_json_unescape(r->line.data + v->off, v->len, into);
		f->len = into->len - f->off;
	}
	return st;
}

/* Builds the document from scanned fields.  CHR_OK, CHR_EFORMAT (reported,
 * skip the line) or CHR_ENOMEM. */
static chr_status emit_scanned(chr_reader *r, const chr_jsonl_fields *jf)
{
	chr_status st = CHR_OK;
	field id = {0}, url = {0}, date = {0}, title = {0}, body = {0};
	chr_found_doc doc = {0};
	char idbuf[64];
	chr_buf_clear(&r->dec);
	chr_buf_clear(&r->tmp);
	const chr_json_value *bv = NULL;
	if (jf->html.type == CHR_JSON_STRING && (jf->html.len || jf->text.type != CHR_JSON_STRING)) {
		bv = &jf->html;
		doc.format = CHR_FORMAT_HTML;
	} else if (jf->text.type == CHR_JSON_STRING) {
		bv = &jf->text;
		doc.format = CHR_FORMAT_TEXT;
		doc.parse_header = 1;
	} else {
		chr_read_report_line(r, r->in.line, "no \"text\" or \"html\" field, skipped");
		return CHR_EFORMAT;
	}
	if ((st = take_string(r, bv, &r->tmp, &body)) != CHR_OK)
		return st;
	if (jf->id.type == CHR_JSON_STRING && jf->id.len) {
		if ((st = take_string(r, &jf->id, &r->dec, &id)) != CHR_OK)
			return st;
	} else if (jf->id.type == CHR_JSON_NUMBER) {
		id.buf = &r->line;
		id.off = jf->id.off;
		id.len = jf->id.len;
	}
	if (jf->url.type == CHR_JSON_STRING && (st = take_string(r, &jf->url, &r->dec, &url)) != CHR_OK)
		return st;
	if (jf->date.type == CHR_JSON_STRING && (st = take_string(r, &jf->date, &r->dec, &date)) != CHR_OK)
		return st;
	if (jf->title.type == CHR_JSON_STRING && (st = take_string(r, &jf->title, &r->dec, &title)) != CHR_OK)
		return st;
	/* Pointers only now: the buffers no longer move. */
	if (id.buf) {
		doc.id = field_ptr(&id);
		doc.id_len = id.len;
	} else {
		snprintf(idbuf, sizeof idbuf, "%.40s:%zu", r->in.stem, r->in.line);
		doc.id = idbuf;
		doc.id_len = strlen(idbuf);
	}
	if (url.buf && url.len) {
		doc.source = field_ptr(&url);
		doc.source_len = url.len;
	}
	if (date.buf) {
		doc.date = field_ptr(&date);
		doc.date_len = date.len;
		doc.date_basis = CHR_DATE_INPUT;
	}
	if (title.buf) {
		doc.title = field_ptr(&title);
		doc.title_len = title.len;
	}
	doc.body = field_ptr(&body);
	doc.body_len = body.len;
	st = chr_read_emit(r, &doc);
	if (st == CHR_EFORMAT)
		chr_read_report_line(r, r->in.line, "empty text, skipped");
	return st;
}

chr_status chr_read_jsonl_next(chr_reader *r)
{
	chr_status st = CHR_DONE;
	json_t *v = NULL;
	for (;;) {
		int over = 0, newline = 0, nomem = 0;
		chr_buf_clear(&r->line);
		st = chr_stream_read_line(r->in.stream, &r->line, r->max_doc, &over, &newline);
		if (st != CHR_OK)
			goto done;
		r->in.line++;
		/* A last line cut off by a truncated stream is not a bad line: the
		 * stream's error is reported once when the input closes. */
		if (!newline && chr_stream_error(r->in.stream)) {
			st = CHR_DONE;
			goto done;
		}
		if (over) {
			chr_read_report_line(r, r->in.line, "document larger than %zu bytes, skipped",
					     r->max_doc);
			size_t cap = r->line.cap;
			chr_buf_free(&r->line);   /* do not keep max_doc_bytes for the next lines */
			chr_buf_init(&r->line, cap);
			continue;
		}
		if (is_blank_line(r->line.data ? r->line.data : "", r->line.len))
			continue;
		chr_jsonl_fields jf;
		if (chr_jsonl_scan(r->line.data, r->line.len, &jf)) {
			st = emit_scanned(r, &jf);
			if (st == CHR_EFORMAT)
				continue;
			goto done;
		}
		json_error_t err;
		v = parse_line(r, &err, &nomem);
		if (nomem) {
			st = CHR_ENOMEM;
			goto done;
		}
		if (!v) {
			chr_read_report_line(r, r->in.line, "not JSON (%s), skipped", err.text);
			continue;
		}
		if (!json_is_object(v)) {
			chr_read_report_line(r, r->in.line, "not a JSON object, skipped");
			json_decref(v);
			v = NULL;
			continue;
		}
		chr_found_doc doc = {0};
		char idbuf[64];
		json_t *id = json_object_get(v, "id");
		if (json_is_string(id) && json_string_length(id)) {
			doc.id = json_string_value(id);
			doc.id_len = json_string_length(id);
		} else {
			if (json_is_integer(id))
				snprintf(idbuf, sizeof idbuf, "%lld", (long long)json_integer_value(id));
			else if (json_is_real(id))
				snprintf(idbuf, sizeof idbuf, "%.17g", json_real_value(id));
			else
				snprintf(idbuf, sizeof idbuf, "%.40s:%zu", r->in.stem, r->in.line);
			doc.id = idbuf;
			doc.id_len = strlen(idbuf);
		}
		doc.source = str_field(v, "url", &doc.source_len);
		if (doc.source && !doc.source_len)
			doc.source = NULL;
		doc.date = str_field(v, "date", &doc.date_len);
		doc.date_basis = CHR_DATE_INPUT;
		doc.title = str_field(v, "title", &doc.title_len);
		size_t hlen, tlen;
		const char *html = str_field(v, "html", &hlen);
		const char *text = str_field(v, "text", &tlen);
		if (html && (hlen || !text)) {
			doc.body = html;
			doc.body_len = hlen;
			doc.format = CHR_FORMAT_HTML;
		} else if (text) {
			doc.body = text;
			doc.body_len = tlen;
			doc.format = CHR_FORMAT_TEXT;
			doc.parse_header = 1;
		} else {
			chr_read_report_line(r, r->in.line, "no \"text\" or \"html\" field, skipped");
			json_decref(v);
			v = NULL;
			continue;
		}
		st = chr_read_emit(r, &doc);
		json_decref(v);
		v = NULL;
		if (st == CHR_EFORMAT) {
			chr_read_report_line(r, r->in.line, "empty text, skipped");
			continue;
		}
		goto done;
	}
done:
	json_decref(v);
	return st;
}
