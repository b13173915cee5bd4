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

/* ------------------------------------------------------------ entities -- */

/*
 * Canonical ids of entity names, shared by the analyze stage (one document)
 * and the corpus stage (many).  Both write a NUL-terminated result of at
 * most cap - 1 bytes to out and return its length.
 *
 * chr_entity_slug: lowercase ASCII, diacritics removed, Cyrillic
 * transliterated, other runs of non-letters as one '-', apostrophes
 * dropped: "Vladimir Putin" -> "vladimir-putin", "Erdoğan" -> "erdogan",
 * "Сергей Лавров" -> "sergey-lavrov", "O'Brien" -> "obrien".
 *
 * chr_entity_key: a looser key for comparing spellings of one name: the
 * slug with y read as i, a j that ends a word after a vowel too, and
 * doubled letters collapsed, so "Yury Ushakov" and "Yuri Ushakov",
 * "Sergey", "Sergei" and "Sergej", "Arkady" and "Arkadij", "Zelenskyy" and
 * "Zelensky" share a key.  Different people can share one too; compare keys only of
 * names whose surnames already match.
 */
CHR_API size_t chr_entity_slug(const char *name, size_t len, char *out, size_t cap);
CHR_API size_t chr_entity_key(const char *name, size_t len, char *out, size_t cap);

/*
 * chr_entity_respellings: the keys a name from a document in language lang
 * ("de" or "fr", also with a region: "de-AT") would have as the
 * English-language press spells it, when that language romanises Slavic
 * names its own way: "Arkadij Schelnin" (de)
 * gives "arkadi-shelnin" and "arkadi-zhelnin" (German sch is both ш and
 * ж), "Arkadi Jelnine" (fr) gives "arkadi-zhelnin".  Writes up to max keys
 * other than chr_entity_key's, each NUL-terminated, and returns how many;
 * none for other languages.  The rules fit Slavic names only: look the
 * respellings up beside the name's own key, never instead of it.
 */
#define CHR_KEY_MAX 256
#define CHR_RESPELLINGS 2
CHR_API size_t chr_entity_respellings(const char *name, size_t len, const char *lang, char out[][CHR_KEY_MAX],
				      size_t max);

/* --------------------------------------------------------------- store -- */

/*
 * The corpus database (SPEC stages 3, 6-8): one SQLite file holding every
 * ingested document's paragraphs and frames, near-duplicate and syndication
 * groups, stories, corpus-wide entities and the fused events.
 */
typedef struct chr_store chr_store;

enum {
	CHR_STORE_EXISTING = 1,   /* fail if the file does not exist (queries) */
	CHR_STORE_READONLY = 2    /* open read-only (implies EXISTING) */
};

/*
 * Opens (creating it unless a flag forbids) and, when it has an older
 * layout, migrates the database at `path`.  On failure *out is NULL and msg
 * (if not NULL) gets a one-line explanation: a missing file, a file that is
 * not SQLite, another program's SQLite file, a newer layout.
 */
CHR_API chr_status chr_store_open(const char *path, int flags, chr_store **out, char *msg, size_t msgcap);

/* The last error's explanation, "" if none. */
CHR_API const char *chr_store_message(const chr_store *store);

CHR_API void chr_store_close(chr_store *store);

/* -------------------------------------------------------------- ingest -- */

typedef struct chr_ingest_stats {
	size_t read;        /* documents read (or analysis lines) */
	size_t added;       /* new documents stored */
	size_t known;       /* already stored (same normalised text): nothing changed */
	size_t empty;       /* no article text after cleaning: not stored */
	size_t failed;      /* reported and skipped */
	size_t near_dups;   /* new documents that are near-duplicates of stored ones */
	uint64_t bytes;     /* input bytes of the documents read */
	double seconds;     /* wall time so far */
} chr_ingest_stats;

typedef void (*chr_progress_fn)(void *ctx, const chr_ingest_stats *stats, int final);

/* Documents per transaction by default.  Larger batches write each index
 * page touched by many documents once instead of many times (65,536
 * against 4,096: a third less time at 100,000 documents, the same RSS); a
 * kill loses the open batch and the next run stores it again. */
#define CHR_INGEST_BATCH 65536

typedef struct chr_ingest_opts {
	int raw;                   /* as chr_clean_opts.raw */
	const char *date;          /* as chr_clean_opts.date */
	int from_analysis;         /* inputs are `chronicle analyze` JSON Lines */
	unsigned jobs;             /* worker threads; 0 = the number of cores */
	double near_threshold;     /* MinHash Jaccard for near-duplicates; 0 = 0.70 */
	double syndication_threshold; /* containment for one outlet's partial copies; 0 = 0.50 */
	unsigned batch;            /* documents per transaction; 0 = CHR_INGEST_BATCH */
	chr_report_fn report;      /* problems with single documents */
	void *report_ctx;
	chr_progress_fn progress;  /* called about every 0.5 s and at the end */
	void *progress_ctx;
} chr_ingest_opts;

/*
 * Reads, cleans and analyses every document of the inputs (or reads analysis
 * JSON Lines), and stores, deduplicates and fuses them.  Documents already
 * stored are skipped cheaply.  Work is committed in batches, so an
 * interrupted ingest loses at most one batch and a re-run completes it.
 */
CHR_API chr_status chr_ingest(chr_store *store, const char *const *inputs, size_t ninputs,
			      const chr_ingest_opts *opts, chr_ingest_stats *stats);

/* --------------------------------------------------------------- query -- */

typedef enum chr_query_kind {
	CHR_QUERY_TIMELINE = 0,   /* fused, asserted, dated events in date order */
	CHR_QUERY_EVENTS,         /* every fused event, dated ones first */
	CHR_QUERY_ENTITIES,
	CHR_QUERY_QUOTES,
	CHR_QUERY_CONFLICTS,
	CHR_QUERY_STORIES,
	CHR_QUERY_SOURCES
} chr_query_kind;

typedef struct chr_query {
	chr_query_kind kind;
	const char *actor;     /* a name, alias or id: events with this actor, quotes by them */
	const char *from;      /* "YYYY[-MM[-DD]]": nothing that ends before */
	const char *to;        /* nothing that starts after */
	const char *type;      /* event type ("meet") or CAMEO code prefix ("04") */
	long long story;       /* 0 = any */
	int json;              /* JSON Lines (SPEC) instead of a table */
	size_t limit;          /* 0 = no limit */
} chr_query;

/* Writes the query's answer to `out`.  A filter that names nothing known
 * (an unknown actor) is not an error: the answer is empty. */
CHR_API chr_status chr_query_run(chr_store *store, const chr_query *query, FILE *out);

#ifdef __cplusplus
}
#endif
#endif
