/*
 * corpus.c - the ingest and query commands: opening the database, progress
 * on stderr, the closing summary.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "chronicle.h"

enum { EXIT_RUNTIME = 1 };

int cli_run_ingest(const char *db, char **inputs, int ninputs, const chr_ingest_opts *iopts);
int cli_run_query(const char *db, const chr_query *query);

static void report(void *ctx, const char *where, const char *message)
{
	(void)ctx;
	fprintf(stderr, "chronicle: %s: %s\n", where, message);
}

/* A bar redrawn in place on a terminal; elsewhere a line every
 * LINE_EVERY_DOCS documents, so logs stay short. */
#define LINE_EVERY_DOCS 10000

typedef struct progress {
	int tty;
	size_t last_line;
} progress;

static void show_progress(void *ctx, const chr_ingest_stats *s, int final)
{
	progress *p = ctx;
	double mb = (double)s->bytes / 1e6;
	double rate = s->seconds > 0 ? mb / s->seconds : 0;
	double docs = s->seconds > 0 ? (double)s->read / s->seconds : 0;
	if (p->tty && !final) {
		static const char spin[] = "|/-\\";
		fprintf(stderr, "\r%c %zu documents, %.1f MB, %.1f MB/s, %.0f docs/s, %zu new, %zu known ",
			spin[s->read / 64 % 4], s->read, mb, rate, docs, s->added, s->known);
		fflush(stderr);
		return;
	}
	if (!final && s->read - p->last_line < LINE_EVERY_DOCS)
		return;
	if (!final)
		p->last_line = s->read;
	if (final && p->tty)
		fputs("\r\033[K", stderr);
	fprintf(stderr, "chronicle: %s%zu documents read (%.1f MB) in %.1f s: %.1f MB/s, %.0f docs/s; "
		"%zu new (%zu near-duplicates), %zu already stored, %zu empty, %zu failed\n",
		final ? "" : "... ", s->read, mb, s->seconds, rate, docs, s->added, s->near_dups, s->known,
		s->empty, s->failed);
}

int cli_run_ingest(const char *db, char **inputs, int ninputs, const chr_ingest_opts *iopts)
{
	char msg[512];
	chr_store *store = NULL;
	chr_status st = chr_store_open(db, 0, &store, msg, sizeof msg);
	if (st != CHR_OK) {
		fprintf(stderr, "chronicle ingest: %s\n", msg);
		return EXIT_RUNTIME;
	}
	progress p = { .tty = isatty(2) };
	chr_ingest_opts o = *iopts;
	o.report = report;
	o.progress = show_progress;
	o.progress_ctx = &p;
	chr_ingest_stats stats;
	st = chr_ingest(store, (const char *const *)inputs, (size_t)ninputs, &o, &stats);
	int rc = 0;
	if (st != CHR_OK) {
		const char *m = chr_store_message(store);
		fprintf(stderr, "chronicle ingest: %s%s%s\n", chr_strerror(st), m[0] ? ": " : "", m);
		rc = EXIT_RUNTIME;
	} else if (stats.read == 0) {
		fprintf(stderr, "chronicle ingest: no document could be read\n");
		rc = EXIT_RUNTIME;
	}
	chr_store_close(store);
	return rc;
}

int cli_run_query(const char *db, const chr_query *query)
{
	static char outbuf[64 * 1024];
	if (!isatty(fileno(stdout)))
		setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
	char msg[512];
	chr_store *store = NULL;
	chr_status st = chr_store_open(db, CHR_STORE_EXISTING, &store, msg, sizeof msg);
	if (st != CHR_OK) {
		fprintf(stderr, "chronicle: %s\n", msg);
		return EXIT_RUNTIME;
	}
	st = chr_query_run(store, query, stdout);
	int rc = 0;
	if (st != CHR_OK) {
		const char *m = chr_store_message(store);
		fprintf(stderr, "chronicle: %s%s%s\n", chr_strerror(st), m[0] ? ": " : "", m);
		rc = st == CHR_EINVAL ? 2 : EXIT_RUNTIME;
	}
	chr_store_close(store);
	if (fflush(stdout) != 0 && !rc) {
		perror("chronicle: stdout");
		rc = EXIT_RUNTIME;
	}
	return rc;
}
