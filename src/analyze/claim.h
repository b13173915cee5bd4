/*
 * claim.h - numeric facts another outlet may state differently.
 *
 * "a 27-point plan", "four further documents", "a three-hour meeting" ->
 * subject, attribute, value.  Subjects are normalised slugs ("peace-plan")
 * so the corpus stage can compare "the US peace plan", "Trump's plan" and
 * "the 28-point plan" and report 27 against 28 as a conflict.
 */
#ifndef CHR_ANALYZE_CLAIM_H
#define CHR_ANALYZE_CLAIM_H

#include <stddef.h>
#include <stdint.h>

#include "analyze/entity.h"
#include "analyze/quote.h"
#include "analyze/timex.h"
#include "analyze/token.h"

typedef struct chr_claim {
	const char *subject;   /* normalised slug: "peace-plan", "meeting" */
	const char *attribute; /* "points", "documents", "hours", "members" */
	double value;          /* 27, 4, 3, 0.5 */
	uint32_t start, end;   /* bytes of the phrase stating it */
	uint32_t sentence;     /* index into chr_tokens.sent */
} chr_claim;

typedef struct chr_claims {
	chr_claim *c;
	size_t n;
} chr_claims;

/* Finds the numeric claims of a tokenised text; text order, arena-owned.
 * Claims inside a reporter's question (quotes may be NULL) are left out. */
chr_status chr_claims_find(chr_arena *arena, const chr_tokens *toks, const chr_entities *ents,
			   const chr_timexes *times, const chr_quotes *quotes, chr_claims *out);

#endif
