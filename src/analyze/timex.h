/*
 * timex.h - time expressions found in a document, normalised to TIMEX3.
 *
 * Values are resolved against the article date (the anchor): "on Thursday",
 * "December 3", "mid-August 2025", "five hours".  Without an anchor, relative
 * expressions keep their unknown parts as X ("XXXX-12-03"), never the clock.
 */
#ifndef CHR_ANALYZE_TIMEX_H
#define CHR_ANALYZE_TIMEX_H

#include <stddef.h>
#include <stdint.h>

#include "analyze/token.h"

typedef enum chr_timex_type {
	CHR_TIMEX_DATE = 0,
	CHR_TIMEX_TIME,
	CHR_TIMEX_DURATION,
	CHR_TIMEX_SET
} chr_timex_type;

typedef struct chr_timex {
	uint32_t start, end;        /* bytes of the expression in the text */
	uint32_t tok_begin, tok_end;/* its tokens */
	chr_timex_type type;
	char value[32];             /* "2025-12-11", "2025-08", "PT5H", "XXXX-12-03", "P1W" */
	char mod[16];                 /* "" or "MID", "START", "END", "APPROX", "LESS_THAN", "EQUAL_OR_LESS", ... */
} chr_timex;

typedef struct chr_timexes {
	chr_timex *t;
	size_t n;
} chr_timexes;

/*
 * Finds and normalises the time expressions of a tokenised text.
 * anchor is the article date "YYYY-MM-DD", or NULL when it has none.
 * Results are in text order, never overlapping, arena-owned.
 */
chr_status chr_timex_find(chr_arena *arena, const chr_tokens *toks, const char *anchor,
			  chr_timexes *out);

/* "DATE", "TIME", "DURATION", "SET". */
const char *chr_timex_type_name(chr_timex_type type);

#endif
