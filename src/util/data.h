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

#endif
