/*
 * docrec.c - turning analysis JSON into a checked docrec.
 *
 * One path for both ways in: an in-process document is written as its
 * analyze line and parsed back, so `ingest` and `ingest --from-analysis`
 * store exactly the same thing and the JSON contract is the only interface
 * between analysis and the corpus.  The cost (writing and parsing about
 * three times the text) is paid in the worker threads, not the writer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/docrec.h"
#include "util/fault.h"

const char *chr_js_str(const json_t *obj, const char *key)
{
	const json_t *v = json_object_get(obj, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

long long chr_js_int(const json_t *obj, const char *key, long long dflt)
{
	const json_t *v = json_object_get(obj, key);
	if (json_is_integer(v))
		return json_integer_value(v);
	if (json_is_real(v))
		return (long long)json_real_value(v);
	return dflt;
}

json_t *chr_js_array(const json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);
	return json_is_array(v) ? v : NULL;
}

static void fail(chr_docrec *rec, const char *why)
{
	rec->state = CHR_DOCREC_FAILED;
	snprintf(rec->error, sizeof rec->error, "%s", why);
}

chr_status chr_docrec_parse(chr_docrec *rec, const char *json, size_t len)
{
	json_error_t err;
	rec->root = json_loadb(json, len, 0, &err);
	if (!rec->root) {
		rec->state = CHR_DOCREC_FAILED;
		snprintf(rec->error, sizeof rec->error, "not analysis JSON: %.120s", err.text);
		return CHR_OK;
	}
	if (!json_is_object(rec->root)) {
		fail(rec, "not analysis JSON: a line must hold one object");
		return CHR_OK;
	}
	rec->name = chr_js_str(rec->root, "doc");
	const json_t *text = json_object_get(rec->root, "text");
	if (!rec->name || !rec->name[0] || !json_is_string(text)) {
		fail(rec, "not analysis JSON: \"doc\" and \"text\" strings are required");
		return CHR_OK;
	}
	rec->text = json_string_value(text);
	rec->text_len = json_string_length(text);
	if (strlen(rec->text) != rec->text_len) {
		fail(rec, "\"text\" holds a NUL character");
		return CHR_OK;
	}
	rec->source = chr_js_str(rec->root, "source");
	rec->outlet = chr_js_str(rec->root, "outlet");
	rec->date = chr_js_str(rec->root, "date");
	rec->date_basis = chr_js_str(rec->root, "date_basis");
	rec->title = chr_js_str(rec->root, "title");
	rec->lang = chr_js_str(rec->root, "lang");
	if (rec->date && (strlen(rec->date) < 4 || strlen(rec->date) > 10))
		rec->date = NULL;
	if (!rec->bytes)
		rec->bytes = len;
	size_t words = 0;
	for (size_t i = 0; i < rec->text_len && !words; i++) {
		unsigned char c = (unsigned char)rec->text[i];
		words = c > ' ';
	}
	if (!words) {
		rec->state = CHR_DOCREC_EMPTY;
		return CHR_OK;
	}
	chr_text_identity(rec->text, rec->text_len, rec->identity);
	rec->shingles = chr_minhash(rec->text, rec->text_len, &rec->sig);
	json_t *paras = chr_js_array(rec->root, "paragraphs");
	size_t np = paras ? json_array_size(paras) : 0;
	if (np) {
		rec->para_keys = chr_calloc(np, sizeof *rec->para_keys);
		if (!rec->para_keys)
			return CHR_ENOMEM;
		for (size_t i = 0; i < np; i++) {
			const char *pt = chr_js_str(json_array_get(paras, i), "text");
			rec->para_keys[i] = pt ? chr_paragraph_key(pt, strlen(pt)) : 0;
		}
	}
	rec->state = CHR_DOCREC_NEW;
	return CHR_OK;
}

chr_status chr_docrec_from_doc(chr_docrec *rec, const chr_doc *doc)
{
	char *mem = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&mem, &len);
	if (!f)
		return CHR_ENOMEM;
	chr_status st = chr_doc_write_json(doc, f);
	if (fclose(f) != 0 && st == CHR_OK)
		st = CHR_ENOMEM;
	if (st == CHR_OK)
		st = chr_docrec_parse(rec, mem, len);
	free(mem);
	return st;
}

void chr_docrec_clear(chr_docrec *rec)
{
	json_decref(rec->root);
	free(rec->para_keys);
	free(rec->known_name);
	free(rec->known_source);
	free(rec->known_outlet);
	memset(rec, 0, sizeof *rec);
}
