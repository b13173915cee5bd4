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

/* Building the same tree without the text: values in document order, as
 * a reader would meet them.  What the reader refuses is refused here too
 * (a string with a NUL byte or invalid UTF-8, a bad number), so a tree
 * built is the tree its JSON text would parse to.  Calls after a failure
 * do nothing; chr_jbuild_finish reports it. */
#define CHR_JDOM_MAX_DEPTH 64
typedef struct chr_jbuild {
	chr_arena *arena;
	chr_jv *stack;              /* members of the open containers */
	size_t nstack, cap;
	size_t base[CHR_JDOM_MAX_DEPTH];   /* per open container, where its members start */
	uint8_t type[CHR_JDOM_MAX_DEPTH];
	int depth;
	chr_jv *root;
	const char *error;          /* the first failure */
	int nomem;
} chr_jbuild;

void chr_jbuild_init(chr_jbuild *b, chr_arena *arena);
void chr_jbuild_open(chr_jbuild *b, chr_jv_type object_or_array);
void chr_jbuild_close(chr_jbuild *b);
/* A member name: not copied, so one that outlives the tree (a literal). */
void chr_jbuild_key(chr_jbuild *b, const char *key);
void chr_jbuild_string(chr_jbuild *b, const char *s, size_t len);   /* copied */
void chr_jbuild_int(chr_jbuild *b, int64_t v);
void chr_jbuild_number(chr_jbuild *b, const char *text, size_t len); /* JSON number text */
void chr_jbuild_null(chr_jbuild *b);
/* The root, or CHR_EFORMAT (err says why) / CHR_ENOMEM; frees the scratch. */
chr_status chr_jbuild_finish(chr_jbuild *b, const chr_jv **out, char *err, size_t errcap);

/* Accessors: each takes NULL (or a value of another type) and then returns
 * NULL / 0, so chains need no checks in between. */
const chr_jv *chr_jv_get(const chr_jv *object, const char *key);
const chr_jv *chr_jv_at(const chr_jv *array, size_t index);
size_t chr_jv_len(const chr_jv *array);               /* 0 unless an array */
const char *chr_jv_str(const chr_jv *v);              /* NULL unless a string */
int chr_jv_int(const chr_jv *v, int64_t *out);        /* 1 if an integer number */
int chr_jv_number(const chr_jv *v, double *out);      /* 1 if a number */

#endif
