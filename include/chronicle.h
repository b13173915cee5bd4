/*
 * chronicle.h - the public interface of libchronicle.
 *
 * chronicle turns raw scraped news (text, HTML, JSON Lines, WARC, optionally
 * gzip- or zstd-compressed) into clean, labelled articles and, in later
 * stages, into a sourced timeline.  The pipeline runs in one direction:
 *
 *     read -> clean -> dedup -> analyze -> events -> fuse -> store -> query
 *
 * This header is the whole manual for programs built on the library
 * (cli/ uses nothing else).
 *
 * Conventions
 * - Every call that can fail returns chr_status; CHR_OK is 0.
 * - Bad input is data, not an error: invalid UTF-8 becomes U+FFFD, a broken
 *   document is reported through the reader's report callback and skipped.
 *   Errors are returned only for out-of-memory, I/O failures and misuse.
 * - Strings are UTF-8 and NUL-terminated unless a length is given.
 * - Ownership: objects made by chr_X_new/open are released by chr_X_free/
 *   close, which accept NULL.  Strings and arrays returned by accessors
 *   belong to the object they came from and live as long as it does.
 * - Threads: distinct objects may be used from distinct threads; one object
 *   must not be used by two threads at once.
 */
#ifndef CHRONICLE_H
#define CHRONICLE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) || defined(__clang__)
#define CHR_API __attribute__((visibility("default")))
#else
#define CHR_API
#endif

#define CHR_VERSION "0.1.0"

typedef enum chr_status {
	CHR_OK = 0,
	CHR_DONE,     /* a stream has no more items (not an error) */
	CHR_ENOMEM,   /* out of memory */
	CHR_EIO,      /* reading or writing failed */
	CHR_EINVAL,   /* a bad argument: the caller's bug or a usage error */
	CHR_EFORMAT,  /* input that cannot be understood at all */
	CHR_ELIMIT    /* a size limit was exceeded */
} chr_status;

/* A short English name for a status; never NULL, never to be freed. */
CHR_API const char *chr_strerror(chr_status status);

/* The library version, CHR_VERSION at build time. */
CHR_API const char *chr_version(void);

/* ---------------------------------------------------------------- read -- */

/* Where a document's date came from (SPEC "date_basis"). */
typedef enum chr_date_basis {
	CHR_DATE_NONE = 0,
	CHR_DATE_HEADER,    /* the scraper's " date YYYY-MM-DD" header line */
	CHR_DATE_DATELINE,  /* "MOSCOW, December 11. /TASS/." or similar */
	CHR_DATE_TEXT,      /* inferred from the text or HTML metadata */
	CHR_DATE_INPUT      /* given with the input: JSON field, WARC-Date, --date */
} chr_date_basis;

/* The name used in JSON for a basis: "none", "header", ... */
CHR_API const char *chr_date_basis_name(chr_date_basis basis);

typedef enum chr_format {
	CHR_FORMAT_TEXT = 0,
	CHR_FORMAT_HTML
} chr_format;

/*
 * Problems with the input (a document skipped, a record truncated) are
 * reported through this callback, once each.  `where` names the place:
 * "path", "path:LINE" or "path: record N"; `message` says what was wrong.
 * Both strings are valid only during the call.
 */
typedef void (*chr_report_fn)(void *ctx, const char *where, const char *message);

typedef struct chr_read_opts {
	size_t max_doc_bytes;   /* documents larger than this are skipped; 0 = default (64 MiB) */
	chr_report_fn report;   /* NULL: problems are only counted */
	void *report_ctx;
} chr_read_opts;

/*
 * One document as read, before cleaning.  Every string is valid UTF-8
 * without NUL or control characters other than '\n' and '\t'.  It belongs to
 * the reader and is valid until the next chr_reader_next or chr_reader_free.
 */
typedef struct chr_raw_doc {
	const char *id;          /* file name without extension, JSON "id", WARC record */
	const char *source;      /* path, or URL when the input names one */
	const char *date;        /* "YYYY-MM-DD" or NULL */
	chr_date_basis date_basis; /* CHR_DATE_HEADER or CHR_DATE_INPUT when date is set */
	/* "YYYY-MM-DD" when the container dates the capture, not the article
	 * (WARC-Date): used only if the document states no date of its own. */
	const char *fallback_date;
	const char *title;       /* given with the input (JSON "title"), or NULL */
	const char *body;        /* the text or HTML, NUL-terminated */
	size_t body_len;
	chr_format format;
	int http_status;         /* from the header or the WARC record, 0 if none */
} chr_raw_doc;

typedef struct chr_reader chr_reader;

/* A reader with no inputs yet.  Free with chr_reader_free. */
CHR_API chr_status chr_reader_new(chr_reader **out, const chr_read_opts *opts);

/*
 * Queues an input: a file (text, HTML, .jsonl, .warc, and .gz/.zst of
 * these), a directory (its files recursively, in byte order of their
 * paths; hidden entries, whose names start with '.', and symbolic links to
 * directories are skipped), or "-" for standard input.  Nothing is opened
 * until chr_reader_next reaches it; a missing path is reported then and
 * skipped.
 */
CHR_API chr_status chr_reader_add(chr_reader *reader, const char *path);

/*
 * The next document: CHR_OK with *out set, CHR_DONE at the end, or an error
 * (out of memory).  Input problems are reported and skipped, never
 * returned.  Inputs are streamed: memory is bounded by the largest single
 * document, whatever the size of the file holding it.
 */
CHR_API chr_status chr_reader_next(chr_reader *reader, const chr_raw_doc **out);

/* Counts so far: documents returned, problems reported, non-HTML WARC records skipped. */
CHR_API size_t chr_reader_docs(const chr_reader *reader);
CHR_API size_t chr_reader_problems(const chr_reader *reader);
CHR_API size_t chr_reader_skipped_records(const chr_reader *reader);

CHR_API void chr_reader_free(chr_reader *reader);

/* --------------------------------------------------------------- clean -- */

/* Paragraph labels (SPEC stage 2). */
typedef enum chr_label {
	CHR_LABEL_BODY = 0,
	CHR_LABEL_TITLE,
	CHR_LABEL_DATELINE,
	CHR_LABEL_CHROME,   /* navigation, settings, app promos */
	CHR_LABEL_ERROR,    /* error-page text */
	CHR_LABEL_LEGAL,    /* rights notices, disclaimers */
	CHR_LABEL_TEASER,   /* unrelated stories after the article */
	CHR_LABEL_REPEAT,   /* a paragraph already seen in the same document */
	CHR_LABEL_COUNT
} chr_label;

/* "body", "title", ... */
CHR_API const char *chr_label_name(chr_label label);

typedef struct chr_clean_opts {
	int raw;                  /* input is clean text: one paragraph per block, all body */
	const char *date;         /* "YYYY-MM-DD" used when the document has none (--date) */
} chr_clean_opts;

typedef struct chr_doc chr_doc;

/*
 * Cleans one document: splits it into paragraphs, labels each one, and
 * finds the title, outlet, language and date.  The result owns copies of
 * everything it needs from `raw`; free it with chr_doc_free.
 */
CHR_API chr_status chr_doc_clean(const chr_raw_doc *raw, const chr_clean_opts *opts, chr_doc **out);

typedef struct chr_paragraph {
	const char *text;   /* NUL-terminated, whitespace normalised */
	size_t len;
	chr_label label;
} chr_paragraph;

CHR_API const char *chr_doc_id(const chr_doc *doc);
CHR_API const char *chr_doc_source(const chr_doc *doc);
CHR_API const char *chr_doc_outlet(const chr_doc *doc);   /* NULL if unknown */
CHR_API const char *chr_doc_title(const chr_doc *doc);    /* NULL if unknown */
CHR_API const char *chr_doc_date(const chr_doc *doc);     /* "YYYY-MM-DD" or NULL */
CHR_API chr_date_basis chr_doc_date_basis(const chr_doc *doc);
CHR_API const char *chr_doc_lang(const chr_doc *doc);     /* "en", "ru", "de", "fr", ... or "und" */
/* The kept (body) paragraphs joined by "\n\n"; *len gets its length if not NULL. */
CHR_API const char *chr_doc_text(const chr_doc *doc, size_t *len);
CHR_API size_t chr_doc_paragraph_count(const chr_doc *doc);
CHR_API const chr_paragraph *chr_doc_paragraph(const chr_doc *doc, size_t index);

/*
 * Runs the language layer over a cleaned document: tokens, sentences, time
 * expressions (resolved against the document's date) and named entities.
 * Idempotent; chr_doc_write_json includes the results once it has run.
 */
CHR_API chr_status chr_doc_analyze(chr_doc *doc);

/* Writes the SPEC's per-document analyze object as one JSON line. */
CHR_API chr_status chr_doc_write_json(const chr_doc *doc, FILE *out);

CHR_API void chr_doc_free(chr_doc *doc);

#ifdef __cplusplus
}
#endif
#endif
