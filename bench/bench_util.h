/*
 * bench_util.h - what every micro-benchmark in bench/ needs: a clock, a
 * median and a whole file in memory.  Header-only: each bench program is
 * one .c file built on its own.
 */
#ifndef CHR_BENCH_UTIL_H
#define CHR_BENCH_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* CPU time of this thread: the figures are per core, and other processes
 * on a busy machine do not count against us. */
static inline double bench_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static inline int bench_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* The median of t[0..n) (sorts t). */
static inline double bench_median(double *t, size_t n)
{
	qsort(t, n, sizeof *t, bench_cmp_double);
	return t[n / 2];
}

/* The whole file, NUL-terminated, in malloc'd memory; NULL (and a message
 * on stderr) when it cannot be read. */
static inline char *bench_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return NULL;
	}
	size_t alloc = 1 << 16, n = 0, got;
	char *buf = malloc(alloc);
	while (buf && (got = fread(buf + n, 1, alloc - n - 1, f)) > 0) {
		n += got;
		if (alloc - n - 1 == 0) {
			char *more = realloc(buf, alloc * 2);
			if (!more) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = more;
			alloc *= 2;
		}
	}
	fclose(f);
	if (!buf)
		return NULL;
	buf[n] = '\0';
	*len = n;
	return buf;
}

#endif
