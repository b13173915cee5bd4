/*
 * jdom.h - a small JSON reader: text in, a read-only tree in an arena out.
 *
 * Made for `chronicle analyze` lines on their way into the store, which
 * carry tens of thousands of tiny values (every mention is an array of two
 * numbers): a tree node per value allocated from the caller's arena, and
 * nothing to free one by one.  jansson, used for other JSON input, spent
 * more instructions parsing one analysis line than the analysis took to
 * make it (see BENCHMARKS.md).
 *
 * The whole of RFC 8259 is accepted and checked; strings are unescaped to
 * NUL-terminated UTF-8, and a string holding \u0000 or a lone surrogate is
 * refused, so every string can be used as a C string.
 */
#ifndef CHR_UTIL_JDOM_H
#define CHR_UTIL_JDOM_H

#include <stddef.h>
#include <stdint.h>

#include "chronicle.h"
#include "util/arena.h"

typedef enum chr_jv_type {
	CHR_JV_NULL = 0,
	CHR_JV_BOOL,
	CHR_JV_NUMBER,
	CHR_JV_STRING,
	CHR_JV_ARRAY,
	CHR_JV_OBJECT
} chr_jv_type;

typedef struct chr_jv chr_jv;
struct chr_jv {
	uint8_t type;          /* chr_jv_type */
	uint8_t is_int;        /* a number written without fraction or exponent, in range */
	uint32_t n;            /* string bytes; array items; object members */
	union {
		const char *str;    /* strings */
		const chr_jv *items; /* arrays: n values; objects: 2n, key then value */
		double num;
		int flag;           /* booleans */
	} u;
	int64_t i;             /* numbers with is_int */
};

/* Parses len bytes holding one JSON value (white space around it allowed).
 * CHR_EFORMAT with a message in err (position included) for bad JSON,
 * CHR_ENOMEM when the arena cannot grow. */
chr_status chr_jdom_parse(chr_arena *arena, const char *text, size_t len, const chr_jv **out, char *err,
			  size_t errcap);

/* Accessors: each takes NULL (or a value of another type) and then returns
 * NULL / 0, so chains need no checks in between. */
const chr_jv *chr_jv_get(const chr_jv *object, const char *key);
const chr_jv *chr_jv_at(const chr_jv *array, size_t index);
size_t chr_jv_len(const chr_jv *array);               /* 0 unless an array */
const char *chr_jv_str(const chr_jv *v);              /* NULL unless a string */
int chr_jv_int(const chr_jv *v, int64_t *out);        /* 1 if an integer number */
int chr_jv_number(const chr_jv *v, double *out);      /* 1 if a number */

#endif
