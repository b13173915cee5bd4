/*
 * bench_read.c - the read stage alone: pulls every document from the inputs
 * named on the command line through the public reader and prints the rate.
 *
 *   build/bench/bench_read FILE...
 *
 * "input MB/s" counts the bytes of the named files as stored (compressed
 * files count compressed); "body MB/s" counts the decoded document bodies
 * handed out.  Peak memory is printed from getrusage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#include "chronicle.h"

static void report(void *ctx, const char *where, const char *message)
{
	size_t *n = ctx;
	if ((*n)++ < 5)
		fprintf(stderr, "bench_read: %s: %s\n", where, message);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: bench_read FILE...\n");
		return 2;
	}
	size_t problems = 0;
	chr_read_opts opts = {.report = report, .report_ctx = &problems};
	chr_reader *r = NULL;
	double input = 0, bodies = 0;
	if (chr_reader_new(&r, &opts) != CHR_OK)
		return 1;
	for (int i = 1; i < argc; i++) {
		struct stat sb;
		if (stat(argv[i], &sb) == 0 && S_ISREG(sb.st_mode))
			input += (double)sb.st_size;
		if (chr_reader_add(r, argv[i]) != CHR_OK)
			return 1;
	}
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	const chr_raw_doc *d;
	chr_status st;
	while ((st = chr_reader_next(r, &d)) == CHR_OK)
		bodies += (double)d->body_len;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (st != CHR_DONE) {
		fprintf(stderr, "bench_read: %s\n", chr_strerror(st));
		return 1;
	}
	double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	if (secs <= 0)
		secs = 1e-9;
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	/* CPU time too: on a shared machine wall time includes waiting. */
	double cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
		     (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
	if (cpu <= 0)
		cpu = 1e-9;
	size_t docs = chr_reader_docs(r);
	printf("read: %zu docs, %.1f MB input, %.1f MB bodies in %.3f s (%.3f s CPU): "
	       "%.1f MB/s input, %.1f MB/s bodies, %.0f docs/s; per CPU second %.1f MB/s input, "
	       "%.0f docs/s; peak RSS %.1f MB, %zu problems, %zu records skipped\n",
	       docs, input / 1e6, bodies / 1e6, secs, cpu, input / 1e6 / secs, bodies / 1e6 / secs,
	       (double)docs / secs, input / 1e6 / cpu, (double)docs / cpu,
	       (double)ru.ru_maxrss / 1024.0, chr_reader_problems(r), chr_reader_skipped_records(r));
	chr_reader_free(r);
	return 0;
}
