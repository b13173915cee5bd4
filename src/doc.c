/*
 * doc.c - the cleaned document: construction, accessors, JSON output.
 */
#include "doc.h"
#include "analyze/analyze.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/fault.h"
#include "util/grow.h"
#include "util/json.h"
#include "util/jwrite.h"
#include "util/utf8.h"

static const char *const label_names[CHR_LABEL_COUNT] = {
	"body", "title", "dateline", "chrome", "error", "legal", "teaser", "repeat",
};

const char *chr_label_name(chr_label label)
{
	return (unsigned)label < CHR_LABEL_COUNT ? label_names[label] : "body";
}

const char *chr_date_basis_name(chr_date_basis basis)
{
	switch (basis) {
	case CHR_DATE_HEADER: return "header";
	case CHR_DATE_DATELINE: return "dateline";
	case CHR_DATE_TEXT: return "text";
	case CHR_DATE_INPUT: return "input";
	case CHR_DATE_NONE: break;
	}
	return "none";
}

int chr_label_is_kept(chr_label label)
{
	return label == CHR_LABEL_BODY;
}

chr_doc *chr_doc_new_from_raw(const chr_raw_doc *raw)
{
	chr_doc *doc = chr_calloc(1, sizeof *doc);
	if (!doc)
		return NULL;
	chr_arena_init(&doc->arena);
	doc->id = chr_arena_strdup(&doc->arena, raw->id ? raw->id : "");
	doc->source = chr_arena_strdup(&doc->arena, raw->source ? raw->source : "");
	doc->format = raw->format;
	doc->http_status = raw->http_status;
	if (raw->date) {
		doc->date = chr_arena_strdup(&doc->arena, raw->date);
		doc->date_basis = raw->date_basis;
	}
	if (raw->title)
		doc->input_title = chr_arena_strdup(&doc->arena, raw->title);
	if (raw->fallback_date)
		doc->fallback_date = chr_arena_strdup(&doc->arena, raw->fallback_date);
	if (!doc->id || !doc->source || (raw->date && !doc->date) ||
	    (raw->title && !doc->input_title) || (raw->fallback_date && !doc->fallback_date)) {
		chr_doc_free(doc);
		return NULL;
	}
	return doc;
}

chr_status chr_doc_add_block(chr_doc *doc, const char *s, size_t len, chr_block_kind kind,
			     chr_label label, chr_block **out)
{
	chr_status st = CHR_OK;
	if (out)
		*out = NULL;
	/* Collapse straight into the arena: the result is never longer than
	 * the input, and a temporary buffer per paragraph cost a malloc. */
	char *text = len < SIZE_MAX ? chr_arena_alloc(&doc->arena, len + 1) : NULL;
	if (!text)
		return CHR_ENOMEM;
	size_t n = chr_collapse_space_into(s, len, text);
	text[n] = '\0';
	if (n == 0)
		goto done;
	if ((st = chr_grow(&doc->blocks, &doc->blocks_alloc, doc->nblocks, sizeof *doc->blocks, 32)) != CHR_OK)
		goto done;
	chr_block *b = &doc->blocks[doc->nblocks++];
	memset(b, 0, sizeof *b);
	b->p.text = text;
	b->p.len = n;
	b->p.label = label;
	b->kind = kind;
	if (out)
		*out = b;
done:
	return st;
}

chr_status chr_doc_join_text(chr_doc *doc)
{
	size_t total = 0;
	for (size_t i = 0; i < doc->nblocks; i++)
		if (chr_label_is_kept(doc->blocks[i].p.label))
			total += doc->blocks[i].p.len + 2;
	char *text = chr_arena_alloc(&doc->arena, total + 1);
	if (!text)
		return CHR_ENOMEM;
	size_t n = 0;
	for (size_t i = 0; i < doc->nblocks; i++) {
		const chr_paragraph *p = &doc->blocks[i].p;
		if (!chr_label_is_kept(p->label))
			continue;
		if (n) {
			text[n++] = '\n';
			text[n++] = '\n';
		}
		memcpy(text + n, p->text, p->len);
		n += p->len;
	}
	text[n] = '\0';
	doc->text = text;
	doc->text_len = n;
	return CHR_OK;
}

const char *chr_doc_id(const chr_doc *doc) { return doc->id; }
const char *chr_doc_source(const chr_doc *doc) { return doc->source; }
const char *chr_doc_outlet(const chr_doc *doc) { return doc->outlet; }
const char *chr_doc_title(const chr_doc *doc) { return doc->title; }
const char *chr_doc_date(const chr_doc *doc) { return doc->date; }
chr_date_basis chr_doc_date_basis(const chr_doc *doc) { return doc->date ? doc->date_basis : CHR_DATE_NONE; }
const char *chr_doc_lang(const chr_doc *doc) { return doc->lang ? doc->lang : "und"; }
size_t chr_doc_paragraph_count(const chr_doc *doc) { return doc->nblocks; }

const char *chr_doc_text(const chr_doc *doc, size_t *len)
{
	if (len)
		*len = doc->text ? doc->text_len : 0;
	return doc->text ? doc->text : "";
}

const chr_paragraph *chr_doc_paragraph(const chr_doc *doc, size_t index)
{
	return index < doc->nblocks ? &doc->blocks[index].p : NULL;
}

void chr_doc_emit(const chr_doc *doc, chr_jw *w)
{
	chr_jw_object(w);
	chr_jw_member_cstr(w, "doc", doc->id);
	chr_jw_member_cstr(w, "source", doc->source);
	chr_jw_member_cstr(w, "outlet", doc->outlet);
	chr_jw_member_cstr(w, "date", doc->date);
	chr_jw_member_cstr(w, "date_basis", chr_date_basis_name(chr_doc_date_basis(doc)));
	chr_jw_member_cstr(w, "title", doc->title);
	chr_jw_member_cstr(w, "lang", chr_doc_lang(doc));
	chr_jw_key(w, "text");
	chr_jw_string(w, chr_doc_text(doc, NULL), doc->text ? doc->text_len : 0);
	chr_jw_key(w, "paragraphs");
	chr_jw_array(w);
	for (size_t i = 0; i < doc->nblocks; i++) {
		const chr_paragraph *p = &doc->blocks[i].p;
		chr_jw_object(w);
		chr_jw_key(w, "text");
		chr_jw_string(w, p->text, p->len);
		chr_jw_member_cstr(w, "label", chr_label_name(p->label));
		chr_jw_end(w);
	}
	chr_jw_end(w);
	if (doc->analysis) {
		chr_analysis_emit(doc->analysis, chr_doc_text(doc, NULL), w);
	} else {
		static const char *const none[] = { "entities", "times", "quotes", "events", "claims" };
		for (size_t i = 0; i < sizeof none / sizeof none[0]; i++) {
			chr_jw_key(w, none[i]);
			chr_jw_array(w);
			chr_jw_end(w);
		}
	}
	chr_jw_end(w);
}

/* The document's JSON line, appended to b. */
static chr_status doc_json(const chr_doc *doc, chr_buf *b)
{
	/* text and paragraphs each hold the text once, analysis adds about as
	 * much again: one allocation instead of a doubling series */
	chr_status st = chr_buf_reserve(b, 3 * doc->text_len + 4096);
	if (st != CHR_OK)
		return st;
	chr_jw w;
	chr_jw_text(&w, b);
	chr_doc_emit(doc, &w);
	st = chr_jw_status(&w);
	return st == CHR_OK ? chr_buf_putc(b, '\n') : st;
}

chr_status chr_doc_write_json(const chr_doc *doc, FILE *out)
{
	chr_buf b;
	chr_buf_init(&b, 0);
	chr_status st = doc_json(doc, &b);
	if (st == CHR_OK && fwrite(b.data, 1, b.len, out) != b.len)
		st = CHR_EIO;
	chr_buf_free(&b);
	return st;
}

void chr_doc_free(chr_doc *doc)
{
	if (!doc)
		return;
	free(doc->blocks);
	chr_arena_free(&doc->arena);
	free(doc);
}
