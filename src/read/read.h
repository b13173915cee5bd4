/*
 * read.h - internals of the read stage, shared by the files of src/read only.
 *
 * The reader (reader.c) walks its queue of inputs, opens each as a stream
 * (stream.c), picks a format (detect.c) and pulls documents from the format's
 * reader: plain.c (one document per file), jsonl.c, warc.c (with http.c for
 * the HTTP payload).  Every document leaves through chr_read_emit, which
 * repairs UTF-8, strips the scrapers' header and fills the chr_raw_doc.
 *
 * Ownership: the reader owns every buffer; a format reader borrows them for
 * one call.  Strings of the current document live until the next call.
 */
#ifndef CHR_READ_READ_H
#define CHR_READ_READ_H

#include <stddef.h>

#include "chronicle.h"
#include "read/stream.h"
#include "util/buf.h"

#define CHR_READ_DEFAULT_MAX ((size_t)64 << 20)

/* Reports about one file beyond this many are counted, not printed. */
#define CHR_READ_MAX_REPORTS_PER_FILE 50

typedef enum chr_kind {
	CHR_KIND_TEXT = 0,
	CHR_KIND_HTML,
	CHR_KIND_JSONL,
	CHR_KIND_WARC
} chr_kind;

/* A queued input: a path, or a memory block (tests and fuzzing). */
typedef struct chr_input_spec {
	char *path;               /* owned; "-" is standard input */
	const void *mem;          /* not owned; used when is_mem */
	size_t mem_len;
	int is_mem;
	int from_walk;            /* found in a directory: a regular file or a directory */
	int is_file;              /* from the walk, and known to be a regular file */
} chr_input_spec;

/* The input being read. */
typedef struct chr_input {
	char *name;               /* owned; the path as reported ("<stdin>" for "-") */
	char *stem;               /* owned; the file name without extensions */
	chr_stream *stream;
	chr_kind kind;
	size_t line;              /* JSON Lines: the current line number */
	size_t record;            /* WARC: the current record number */
	int warc_have_version;    /* WARC: the next record's "WARC/1.x" line was consumed */
	int finished;             /* plain: the one document was handled */
	size_t reports;           /* reports about this input so far */
} chr_input;

struct chr_reader {
	chr_read_opts opts;
	size_t max_doc;

	/* Inputs given by the caller, in order, then directory entries: the
	 * walk pushes a directory's entries (reverse-sorted) on `stack`, which
	 * is drained before the next caller input. */
	chr_input_spec *queue;
	size_t nqueue, aqueue, qnext;
	chr_input_spec *stack;
	size_t nstack, astack;

	chr_input in;
	int in_open;
	chr_stream *spare;   /* the last file's stream, kept for its buffers */

	size_t docs, problems, skipped;

	chr_buf line;     /* one line of JSON Lines or of a WARC header */
	chr_buf rec;      /* a plain document, or a WARC record's content block */
	chr_buf tmp;      /* de-chunked HTTP payload, repaired JSON line */
	chr_buf dec;      /* decompressed HTTP payload */
	chr_buf conv;     /* a page converted from a legacy charset */
	chr_buf body;     /* the repaired body handed out */
	chr_buf meta;     /* the repaired id, source and title, NUL-separated */
	char date[11];
	chr_raw_doc raw;
};

/* What a format reader returns: a document (CHR_OK), the end of its input
 * (CHR_DONE), or CHR_ENOMEM. */
chr_status chr_read_plain_next(chr_reader *r);
chr_status chr_read_jsonl_next(chr_reader *r);
chr_status chr_read_warc_next(chr_reader *r);

/* A document found by a format reader, before repair. */
typedef struct chr_found_doc {
	const char *id;           /* NULL: the input's stem */
	size_t id_len;
	const char *source;       /* NULL: the input's name */
	size_t source_len;
	const char *date;         /* any string starting "YYYY-MM-DD", or NULL */
	size_t date_len;
	chr_date_basis date_basis;
	int date_is_fallback;     /* a capture date (WARC-Date), not the article's */
	const char *title;
	size_t title_len;
	const char *body;
	size_t body_len;
	chr_format format;
	int http_status;
	int parse_header;         /* look for the " date YYYY-MM-DD" header */
} chr_found_doc;

/*
 * Repairs and publishes a document as r->raw.  Returns CHR_OK, CHR_ENOMEM,
 * or CHR_DONE when the body turned out empty (then it has been reported).
 */
chr_status chr_read_emit(chr_reader *r, const chr_found_doc *doc);

/* Reports a problem at `where` (NULL: the current input's name). */
void chr_read_report(chr_reader *r, const char *where, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Reports a problem at "name:LINE" or "name: record N" of the current input. */
void chr_read_report_line(chr_reader *r, size_t line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void chr_read_report_record(chr_reader *r, size_t record, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* JSON Lines fast path (jsonscan.c). */
typedef enum chr_json_type { CHR_JSON_STRING = 1, CHR_JSON_NUMBER, CHR_JSON_OTHER } chr_json_type;

typedef struct chr_json_value {
	int present;
	chr_json_type type;
	size_t off, len;   /* the raw string between its quotes, or the number's text */
	int escaped;       /* the string holds backslash escapes */
} chr_json_value;

typedef struct chr_jsonl_fields {
	chr_json_value id, url, date, title, text, html;
} chr_jsonl_fields;

/* Finds the wanted fields of a line holding one JSON object.  Returns 1 on
 * success, 0 when the line is not plain well-formed JSON (then jansson is
 * to parse it and say what is wrong). */
int chr_jsonl_scan(const char *line, size_t len, chr_jsonl_fields *out);

/* Appends the decoded form of a raw JSON string (checked by the scanner). */
chr_status chr_json_unescape(const char *s, size_t len, chr_buf *out);

/* An HTTP response at the start of a WARC response record (http.c). */
typedef enum chr_http_encoding {
	CHR_HTTP_IDENTITY = 0,
	CHR_HTTP_GZIP,
	CHR_HTTP_DEFLATE,
	CHR_HTTP_OTHER
} chr_http_encoding;

typedef struct chr_http {
	int status;
	size_t content_type, content_type_len;  /* offsets into the message; len 0 = none */
	size_t encoding_name, encoding_name_len;
	chr_http_encoding encoding;
	int chunked;
	size_t body_offset;
} chr_http;

/* Parses the status line and headers of p[0..n); 0 if it is not HTTP. */
int chr_http_parse(const char *p, size_t n, chr_http *out);

/* Appends the de-chunked body to out.  A body cut short keeps what came;
 * CHR_EFORMAT when the chunking is broken from the start. */
chr_status chr_http_dechunk(const char *p, size_t n, chr_buf *out);

/* Appends the gzip/zlib/raw-deflate-decoded body to out, at most max bytes
 * (CHR_ELIMIT beyond).  Corrupt data keeps what decoded (CHR_EFORMAT if
 * nothing did). */
chr_status chr_http_inflate(const char *p, size_t n, chr_buf *out, size_t max);

/* True for a media type that is HTML: text/html, application/xhtml+xml. */
int chr_http_type_is_html(const char *type, size_t len);

/*
 * Converts a page in a legacy charset to UTF-8, appending to out: the
 * charset comes from the Content-Type `ctype` (may be NULL) or the page's
 * meta tag.  *converted is 0 when nothing was to be done (no charset, UTF-8,
 * already valid UTF-8, unknown label).  CHR_OK or CHR_ENOMEM.
 */
chr_status chr_charset_to_utf8(const char *ctype, size_t ctlen, const char *body, size_t len,
			       chr_buf *out, int *converted);

/* Format detection (detect.c). */
chr_kind chr_detect_by_name(const char *name, int *known);
chr_kind chr_detect_by_content(const char *p, size_t n);
int chr_detect_html(const char *p, size_t n);
int chr_detect_binary(const char *p, size_t n);

/* The file name without directories and extensions: "a/b.html.gz" -> "b".
 * Returns a malloc'd string (caller frees) or NULL when out of memory. */
char *chr_read_stem(const char *path);

/*
 * Queues a memory block as an input called `name` (its extension picks the
 * format like a file's would).  `data` is not copied and must outlive the
 * reader.  For tests and fuzzing.
 */
chr_status chr_reader_add_memory(chr_reader *r, const char *name, const void *data, size_t len);

#endif
