/*
 * docrec.c - turning an analysis object into a checked docrec.
 *
 * One path for both ways in: the JSON contract is the only interface
 * between analysis and the corpus.  An analysis line is parsed into a
 * jdom tree (util/jdom.c: an arena tree, not a malloc per value); an
 * in-process document's analysis is written straight into the same kind
 * of tree by the code that prints it (util/jwrite.h), the tree its line
 * would parse to, so `ingest` and `ingest --from-analysis` store exactly
 * the same thing.  Everything after the tree is shared.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "ingest/docrec.h"
#include "util/jwrite.h"
#include "util/fault.h"

const char *chr_js_str(const chr_jv *obj, const char *key)
{
	return chr_jv_str(chr_jv_get(obj, key));
}

const chr_jv *chr_js_array(const chr_jv *obj, const char *key)
{
	const chr_jv *v = chr_jv_get(obj, key);
	return v && v->type == CHR_JV_ARRAY ? v : NULL;
}

static void fail(chr_docrec *rec, const char *why)
{
	rec->state = CHR_DOCREC_FAILED;
	snprintf(rec->error, sizeof rec->error, "%s", why);
}

/*
 * The signature of the text and the keys of the paragraphs, in one pass
 * over the words where it can be: the text is its kept paragraphs joined
 * by blank lines, so a paragraph found where the text goes on adds its
 * words to the signature as it is keyed.  A text that is not its
 * paragraphs so joined (an analysis line is anybody's) gets a pass of
 * its own.
 */
static chr_status fingerprint(chr_docrec *rec)
{
	const chr_jv *paras = chr_js_array(rec->root, "paragraphs");
	size_t np = chr_jv_len(paras), at = 0;
	chr_shingler sh;
	chr_shingler_init(&sh);
	if (np && !(rec->para_keys = chr_calloc(np, sizeof *rec->para_keys)))
		return CHR_ENOMEM;
	for (size_t i = 0; i < np; i++) {
		const chr_jv *pt = chr_jv_get(chr_jv_at(paras, i), "text");
		if (!chr_jv_str(pt))
			continue;
		size_t n = pt->n, next = at + n + (at + n < rec->text_len ? 2 : 0);
		if (at + n <= rec->text_len && memcmp(rec->text + at, pt->u.str, n) == 0 &&
		    (at + n == rec->text_len || (next <= rec->text_len && memcmp(rec->text + at + n, "\n\n", 2) == 0))) {
			rec->para_keys[i] = chr_shingler_add(&sh, pt->u.str, n);
			at = next;
		} else {
			rec->para_keys[i] = chr_paragraph_key(pt->u.str, n);
		}
	}
	if (at != rec->text_len) {
		chr_shingler_init(&sh);
		chr_shingler_add(&sh, rec->text, rec->text_len);
	}
	rec->shingles = chr_shingler_finish(&sh, &rec->sig);
	return CHR_OK;
}

/* The checks and fingerprints after the tree: st is how getting the tree
 * went (err why it failed), len the size of its input. */
static chr_status load(chr_docrec *rec, chr_status st, const char *err, size_t len)
{
	if (st == CHR_ENOMEM)
		return st;
	if (st != CHR_OK) {
		rec->state = CHR_DOCREC_FAILED;
		snprintf(rec->error, sizeof rec->error, "not analysis JSON: %s", err);
		return CHR_OK;
	}
	if (rec->root->type != CHR_JV_OBJECT) {
		fail(rec, "not analysis JSON: a line must hold one object");
		return CHR_OK;
	}
	rec->name = chr_js_str(rec->root, "doc");
	const chr_jv *text = chr_jv_get(rec->root, "text");
	if (!rec->name || !rec->name[0] || !chr_jv_str(text)) {
		fail(rec, "not analysis JSON: \"doc\" and \"text\" strings are required");
		return CHR_OK;
	}
	rec->text = text->u.str;
	rec->text_len = text->n;
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
	if (!rec->identity_known)
		chr_text_identity(rec->text, rec->text_len, rec->identity);
	if (fingerprint(rec) != CHR_OK)
		return CHR_ENOMEM;
	rec->state = CHR_DOCREC_NEW;
	return CHR_OK;
}

chr_status chr_docrec_parse(chr_docrec *rec, const char *json, size_t len)
{
	char err[96] = "";
	chr_arena_init(&rec->arena);
	chr_status st = chr_jdom_parse(&rec->arena, json, len, &rec->root, err, sizeof err);
	return load(rec, st, err, len);
}

chr_status chr_docrec_from_doc(chr_docrec *rec, const chr_doc *doc)
{
	char err[96] = "";
	chr_arena_init(&rec->arena);
	chr_jbuild tree;
	chr_jbuild_init(&tree, &rec->arena);
	chr_jw w;
	chr_jw_tree(&w, &tree);
	chr_doc_emit(doc, &w);
	chr_status st = chr_jw_status(&w);
	if (st == CHR_OK)
		st = chr_jbuild_finish(&tree, &rec->root, err, sizeof err);
	else
		chr_jbuild_finish(&tree, &rec->root, NULL, 0);   /* frees its scratch */
	/* The size of the line it would have been, near enough: for MB/s. */
	return load(rec, st, err, rec->bytes ? rec->bytes : doc->text_len);
}

void chr_docrec_clear(chr_docrec *rec)
{
	chr_arena_free(&rec->arena);
	free(rec->para_keys);
	free(rec->near_found);
	free(rec->para_first);
	free(rec->known_name);
	free(rec->known_source);
	free(rec->known_outlet);
	memset(rec, 0, sizeof *rec);
}
