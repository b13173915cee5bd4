/*
 * claim.c - numeric claims: a number bound to a noun about a subject
 * (see claim.h).
 */
#include "analyze/claim.h"

chr_status chr_claims_find(chr_arena *arena, const chr_tokens *toks, const chr_entities *ents,
			   const chr_timexes *times, chr_claims *out)
{
	(void)arena;
	(void)toks;
	(void)ents;
	(void)times;
	out->c = NULL;
	out->n = 0;
	return CHR_OK;
}
