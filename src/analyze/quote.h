/*
 * quote.h - who said what: direct quotes and transcript turns with their
 * speakers.
 *
 * A quote is the quoted words (without the quotation marks) and the entity
 * that said them: from a speech cue next to the quote ("Lavrov said", "he
 * added", "according to X"), from a transcript turn ("Name:" opens a turn
 * and every paragraph until the next turn is that person's), or carried
 * over from the last compatible named speaker ("he continued").  Questions
 * of a transcript ("Question:") are kept apart as CHR_QUOTE_QUESTION with
 * no speaker: they are never the interviewee's words.
 */
#ifndef CHR_ANALYZE_QUOTE_H
#define CHR_ANALYZE_QUOTE_H

#include <stddef.h>
#include <stdint.h>

#include "analyze/entity.h"
#include "analyze/token.h"

typedef enum chr_quote_kind {
	CHR_QUOTE_DIRECT = 0, /* words between quotation marks */
	CHR_QUOTE_TURN,       /* an answer in a transcript ("Name: ...") */
	CHR_QUOTE_QUESTION    /* a reporter's question in a transcript */
} chr_quote_kind;

typedef struct chr_quote {
	uint32_t start, end;         /* bytes of the quoted words, marks excluded */
	uint32_t tok_begin, tok_end; /* its tokens */
	int32_t speaker;             /* index into chr_entities.ent, -1 when unknown */
	uint32_t cue_start, cue_end; /* bytes of the speech cue ("said"), 0,0 if none */
	uint8_t kind;                /* chr_quote_kind */
} chr_quote;

typedef struct chr_quotes {
	chr_quote *q;
	size_t n;
} chr_quotes;

/* Finds the quotes of a tokenised text and their speakers among ents;
 * results in text order, arena-owned. */
chr_status chr_quotes_find(chr_arena *arena, const chr_tokens *toks, const chr_entities *ents,
			   chr_quotes *out);

/* "quote", "turn", "question". */
const char *chr_quote_kind_name(chr_quote_kind kind);

#endif
