/*
 * read.c - stage 1 (placeholder): whole plain files, one document each.
 */
#include "chronicle.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/fault.h"
#include "util/utf8.h"
#include "read/header.h"

struct chr_reader {
	chr_read_opts opts;
	char **paths;
	size_t npaths, next;
	size_t docs, problems, skipped;
	chr_buf body;
	char *id;
	char date[11];
	chr_raw_doc raw;
};

chr_status chr_reader_new(chr_reader **out, const chr_read_opts *opts)
{
	chr_reader *r = chr_calloc(1, sizeof *r);
	if (!r)
		return CHR_ENOMEM;
	if (opts)
		r->opts = *opts;
	chr_buf_init(&r->body, 0);
	*out = r;
	return CHR_OK;
}

chr_status chr_reader_add(chr_reader *r, const char *path)
{
	char **p = chr_realloc(r->paths, (r->npaths + 1) * sizeof *p);
	if (!p)
		return CHR_ENOMEM;
	r->paths = p;
	r->paths[r->npaths] = strdup(path);
	if (!r->paths[r->npaths])
		return CHR_ENOMEM;
	r->npaths++;
	return CHR_OK;
}

static void report(chr_reader *r, const char *where, const char *msg)
{
	r->problems++;
	if (r->opts.report)
		r->opts.report(r->opts.report_ctx, where, msg);
}

chr_status chr_reader_next(chr_reader *r, const chr_raw_doc **out)
{
	while (r->next < r->npaths) {
		const char *path = r->paths[r->next++];
		FILE *f = fopen(path, "rb");
		if (!f) {
			report(r, path, strerror(errno));
			continue;
		}
		chr_buf raw;
		chr_buf_init(&raw, 0);
		char tmp[65536];
		size_t n;
		while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
			if (chr_buf_append(&raw, tmp, n) != CHR_OK)
				break;
		fclose(f);
		chr_buf_clear(&r->body);
		chr_utf8_sanitize(raw.data ? raw.data : "", raw.len, &r->body);
		chr_buf_free(&raw);
		free(r->id);
		const char *base = strrchr(path, '/');
		base = base ? base + 1 : path;
		r->id = strdup(base);
		char *dot = strchr(r->id, '.');
		if (dot)
			*dot = '\0';
		memset(&r->raw, 0, sizeof r->raw);
		r->raw.id = r->id;
		r->raw.source = path;
		r->raw.body = r->body.data ? r->body.data : "";
		r->raw.body_len = r->body.len;
		chr_text_header hdr;
		if (chr_text_header_parse(r->raw.body, r->raw.body_len, &hdr)) {
			memcpy(r->date, hdr.date, sizeof r->date);
			r->raw.date = r->date;
			r->raw.date_basis = CHR_DATE_HEADER;
			r->raw.http_status = hdr.http_status;
			r->raw.body += hdr.body_offset;
			r->raw.body_len -= hdr.body_offset;
		}
		const char *ext = strrchr(base, '.');
		r->raw.format = ext && (!strcmp(ext, ".html") || !strcmp(ext, ".htm")) ? CHR_FORMAT_HTML : CHR_FORMAT_TEXT;
		r->docs++;
		*out = &r->raw;
		return CHR_OK;
	}
	return CHR_DONE;
}

size_t chr_reader_docs(const chr_reader *r) { return r->docs; }
size_t chr_reader_problems(const chr_reader *r) { return r->problems; }
size_t chr_reader_skipped_records(const chr_reader *r) { return r->skipped; }

void chr_reader_free(chr_reader *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->npaths; i++)
		free(r->paths[i]);
	free(r->paths);
	free(r->id);
	chr_buf_free(&r->body);
	free(r);
}
