/*
 * data.h - the text files of data/, compiled into the library.
 *
 * tools/embed.c turns every data/ file into a byte array at build time, so
 * the tool needs no install path and loads its lexicons in microseconds.
 */
#ifndef CHR_UTIL_DATA_H
#define CHR_UTIL_DATA_H

#include <stddef.h>

/* The contents of data/<name> (e.g. "boilerplate/en.txt"), NUL-terminated,
 * or NULL if there is no such file.  Static storage: never free it. */
const char *chr_data_get(const char *name, size_t *len);

/* Calls fn for every data file whose name starts with prefix. */
void chr_data_each(const char *prefix, void (*fn)(void *ctx, const char *name, const char *text, size_t len), void *ctx);

/* The most fields a lexicon line may have for chr_data_fields. */
#define CHR_DATA_MAX_FIELDS 16

/*
 * Calls fn for every line of data/<name> that has fields: words separated
 * by spaces or tabs, up to max (at most CHR_DATA_MAX_FIELDS; the rest of a
 * longer line is left out), a '#' starting a comment.  f[i] points into the
 * file, n[i] is its length, k the number of fields.  Returns 0 when there
 * is no such file.
 */
int chr_data_fields(const char *name, size_t max,
		    void (*fn)(void *ctx, const char *const *f, const size_t *n, size_t k), void *ctx);

#endif
