/*
 * html.c - HTML to blocks with gumbo (placeholder: every text node's parent block).
 */
#include "clean/clean.h"

#include <gumbo.h>
#include <string.h>

#include "util/buf.h"

static chr_status collect(chr_doc *doc, const GumboNode *node, chr_buf *acc)
{
	if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE) {
		return chr_buf_append(acc, node->v.text.text, strlen(node->v.text.text));
	}
	if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_DOCUMENT)
		return CHR_OK;
	const GumboVector *children = node->type == GUMBO_NODE_ELEMENT ?
		&node->v.element.children : &node->v.document.children;
	if (node->type == GUMBO_NODE_ELEMENT) {
		GumboTag t = node->v.element.tag;
		if (t == GUMBO_TAG_SCRIPT || t == GUMBO_TAG_STYLE || t == GUMBO_TAG_NOSCRIPT)
			return CHR_OK;
	}
	int block = node->type == GUMBO_NODE_ELEMENT && node->v.element.tag == GUMBO_TAG_P;
	if (block) {
		chr_status st = chr_doc_add_block(doc, acc->data ? acc->data : "", acc->len, CHR_BLOCK_OTHER, CHR_LABEL_BODY, NULL);
		chr_buf_clear(acc);
		if (st != CHR_OK)
			return st;
	}
	for (unsigned i = 0; i < children->length; i++) {
		chr_status st = collect(doc, children->data[i], acc);
		if (st != CHR_OK)
			return st;
	}
	if (block) {
		chr_status st = chr_doc_add_block(doc, acc->data ? acc->data : "", acc->len, CHR_BLOCK_PARAGRAPH, CHR_LABEL_BODY, NULL);
		chr_buf_clear(acc);
		return st;
	}
	return CHR_OK;
}

chr_status chr_html_to_blocks(chr_doc *doc, const char *html, size_t len)
{
	GumboOutput *out = gumbo_parse_with_options(&kGumboDefaultOptions, html, len);
	if (!out)
		return CHR_ENOMEM;
	chr_buf acc;
	chr_buf_init(&acc, 0);
	chr_status st = collect(doc, out->document, &acc);
	if (st == CHR_OK && acc.len)
		st = chr_doc_add_block(doc, acc.data, acc.len, CHR_BLOCK_OTHER, CHR_LABEL_CHROME, NULL);
	chr_buf_free(&acc);
	gumbo_destroy_output(&kGumboDefaultOptions, out);
	return st;
}
