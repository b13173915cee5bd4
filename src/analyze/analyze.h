/*
 * analyze.h - the language layer over one cleaned document: tokens and
 * sentences, time expressions, named entities, and what is built on them:
 * quotes with speakers, event frames and numeric claims.
 */
#ifndef CHR_ANALYZE_ANALYZE_H
#define CHR_ANALYZE_ANALYZE_H

#include "analyze/claim.h"
#include "analyze/entity.h"
#include "analyze/event.h"
#include "analyze/quote.h"
#include "analyze/timex.h"
#include "analyze/token.h"
#include "util/buf.h"

typedef struct chr_analysis {
	chr_tokens toks;
	chr_timexes times;
	chr_entities ents;
	chr_quotes quotes;
	chr_events events;
	chr_claims claims;
} chr_analysis;

/*
 * Analyses text[0..len) (paragraphs joined by "\n\n") with anchor as the
 * article date ("YYYY-MM-DD" or NULL) and lang its language ("en", "de",
 * NULL when unknown).  Everything is arena-owned.
 */
chr_status chr_analysis_run(chr_arena *arena, const char *text, size_t len, const char *anchor,
			    const char *lang, chr_analysis *out);

struct chr_jw;
/* Writes the members "entities", "times", "quotes", "events" and "claims"
 * (the SPEC's analyze fields) into w's open object. */
void chr_analysis_emit(const chr_analysis *an, const char *text, struct chr_jw *w);

/* Writes "quotes", "events" and "claims" (frame_json.c). */
void chr_frames_emit(const chr_analysis *an, const char *text, struct chr_jw *w);

#endif
