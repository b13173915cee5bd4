/*
 * plain.c - read stage: a text or HTML file is one document.  The file is
 * read up to the size limit and no further, so an oversized file costs at
 * most max_doc_bytes of memory before it is reported and skipped.
 */
#include "read/read.h"

chr_status chr_read_plain_next(chr_reader *r)
{
	chr_status st = CHR_DONE;
	if (r->in.finished)
		goto done;
	r->in.finished = 1;
	chr_buf_clear(&r->rec);
	size_t got = 0;
	st = chr_stream_read(r->in.stream, &r->rec, r->max_doc + 1, &got);
	if (st == CHR_ENOMEM)
		goto done;
	st = CHR_DONE;
	if (got > r->max_doc) {
		chr_read_report(r, NULL, "document larger than %zu bytes, skipped", r->max_doc);
		goto done;
	}
	/* A stream cut short (truncated gzip, read error) leaves half a
	 * document: the stream's error is reported when the input closes. */
	if (chr_stream_error(r->in.stream))
		goto done;
	chr_found_doc doc = {0};
	doc.body = r->rec.data ? r->rec.data : "";
	doc.body_len = got;
	doc.format = r->in.kind == CHR_KIND_HTML ? CHR_FORMAT_HTML : CHR_FORMAT_TEXT;
	doc.parse_header = 1;
	if (doc.format == CHR_FORMAT_HTML) {
		/* A saved page names its charset in a meta tag, if anywhere. */
		int converted = 0;
		chr_buf_clear(&r->conv);
		if ((st = chr_charset_to_utf8(NULL, 0, doc.body, doc.body_len, &r->conv, &converted)) != CHR_OK)
			goto done;
		if (converted) {
			doc.body = r->conv.data;
			doc.body_len = r->conv.len;
		}
	}
	st = chr_read_emit(r, &doc);
	if (st == CHR_EFORMAT) {
		chr_read_report(r, NULL, "no text, skipped");
		st = CHR_DONE;
	}
done:
	return st;
}
