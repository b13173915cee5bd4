/*
 * jwrite.h - one way to write JSON values: as compact text into a chr_buf,
 * or straight into a jdom tree (util/jdom.h).
 *
 * The analysis of a document is written once, by one piece of code, for
 * both of its uses: `chronicle analyze` prints it, and `ingest` hands the
 * tree to the writer thread without printing and re-reading it (which had
 * cost a worker about a seventh of its instructions).  The tree is the one the text would
 * parse to, so both ways into the store see the same values.
 *
 * Errors stick: after the first, calls do nothing, and chr_jw_status (or
 * the tree's chr_jbuild_finish) reports it.
 */
#ifndef CHR_UTIL_JWRITE_H
#define CHR_UTIL_JWRITE_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"
#include "util/jdom.h"

typedef struct chr_jw {
	chr_buf *buf;            /* text goes here, or */
	chr_jbuild *tree;        /* the values go here */
	chr_status st;
	int depth;
	uint64_t members;        /* text: bit d, the container at depth d has a member */
	uint64_t objects;        /* text: bit d, that container is an object */
	int keyed;               /* text: a member name was just written */
} chr_jw;

void chr_jw_text(chr_jw *w, chr_buf *out);
void chr_jw_tree(chr_jw *w, chr_jbuild *tree);
chr_status chr_jw_status(const chr_jw *w);
void chr_jw_fail(chr_jw *w, chr_status st);   /* an error of the caller's own */

void chr_jw_object(chr_jw *w);
void chr_jw_array(chr_jw *w);
void chr_jw_end(chr_jw *w);                   /* of the innermost open one */
/* A member name: the program's own, a literal (the tree keeps the pointer). */
void chr_jw_key(chr_jw *w, const char *key);
void chr_jw_string(chr_jw *w, const char *s, size_t len);
void chr_jw_cstr(chr_jw *w, const char *s);   /* null when s is NULL */
void chr_jw_uint(chr_jw *w, uint32_t v);
/* An integer in [0, 4e9) as one, anything else with six significant digits. */
void chr_jw_number(chr_jw *w, double v);
void chr_jw_null(chr_jw *w);
void chr_jw_span(chr_jw *w, uint32_t start, uint32_t end);   /* [start,end] */

/* A member: its name, then its value. */
void chr_jw_member_cstr(chr_jw *w, const char *key, const char *s);
void chr_jw_member_uint(chr_jw *w, const char *key, uint32_t v);
/* The members "text", "start" and "end" of text[start..end). */
void chr_jw_member_span(chr_jw *w, const char *text, uint32_t start, uint32_t end);

#endif
