/*
 * clean.c - stage 2: from a raw document to labelled paragraphs and metadata.
 */
#include "clean/clean.h"

chr_status chr_doc_clean(const chr_raw_doc *raw, const chr_clean_opts *opts, chr_doc **out)
{
	static const chr_clean_opts defaults;
	chr_status st = CHR_OK;
	chr_doc *doc = NULL;
	if (!raw || !out)
		return CHR_EINVAL;
	*out = NULL;
	if (!opts)
		opts = &defaults;
	doc = chr_doc_new_from_raw(raw);
	if (!doc)
		return CHR_ENOMEM;
	/* --raw input is clean text whatever it looks like. */
	if (raw->format == CHR_FORMAT_HTML && !opts->raw)
		st = chr_html_to_blocks(doc, raw->body, raw->body_len);
	else
		st = chr_text_to_blocks(doc, raw->body, raw->body_len);
	if (st == CHR_OK && !opts->raw)
		st = chr_label_blocks(doc);
	if (st == CHR_OK)
		st = chr_meta_detect(doc, opts);
	if (st == CHR_OK)
		st = chr_doc_join_text(doc);
	if (st != CHR_OK) {
		chr_doc_free(doc);
		return st;
	}
	*out = doc;
	return CHR_OK;
}
