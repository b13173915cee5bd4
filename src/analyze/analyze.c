/*
 * analyze.c - runs the language layer over a cleaned document.
 *
 * Order matters: tokens first (everything reads them), then times (they
 * need only tokens and the article date), then entities, then quotes (their
 * speakers are entities), then events (a quote's speaker is the reporter of
 * what it says, not an actor) and claims.
 */
#include <string.h>

#include "analyze/analyze.h"
#include "doc.h"

chr_status chr_analysis_run(chr_arena *arena, const char *text, size_t len, const char *anchor,
			    const char *lang, chr_analysis *out)
{
	chr_status st = chr_tokenize(arena, text, len, &out->toks);
	if (st != CHR_OK)
		return st;
	st = chr_timex_find(arena, &out->toks, anchor, &out->times);
	if (st != CHR_OK)
		return st;
	st = chr_entities_find_lang(arena, &out->toks, lang, &out->ents);
	if (st != CHR_OK)
		return st;
	st = chr_quotes_find(arena, &out->toks, &out->ents, &out->quotes);
	if (st != CHR_OK)
		return st;
	/* Events only in a language with its own lexicon (data/events/), and
	 * claims only in English: elsewhere a trigger would only be a false
	 * friend. */
	int evlang = chr_event_lang(lang);
	if (evlang < 0)
		return CHR_OK;
	chr_event_ctx cx;
	st = chr_event_ctx_init(arena, &out->toks, &out->times, &out->ents, &out->quotes, anchor, evlang, &cx);
	if (st != CHR_OK)
		return st;
	st = chr_events_find(arena, &cx, &out->events);
	if (st != CHR_OK)
		return st;
	if (lang && strcmp(lang, "en") != 0 && strcmp(lang, "und") != 0)
		return CHR_OK;
	return chr_claims_find(arena, &out->toks, &out->ents, &out->times, &out->quotes, &out->claims);
}

chr_status chr_doc_analyze(chr_doc *doc)
{
	if (doc->analysis)
		return CHR_OK;
	chr_analysis *an = chr_arena_calloc(&doc->arena, 1, sizeof *an);
	if (!an)
		return CHR_ENOMEM;
	size_t len;
	const char *text = chr_doc_text(doc, &len);
	chr_status st = chr_analysis_run(&doc->arena, text, len, doc->date, doc->lang, an);
	if (st == CHR_OK)
		doc->analysis = an;
	return st;
}
