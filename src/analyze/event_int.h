/*
 * event_int.h - what the event finder's files share: the trigger lexicon
 * (event_lex.c) and the sentence-level helpers of the frame builder.
 */
#ifndef CHR_ANALYZE_EVENT_INT_H
#define CHR_ANALYZE_EVENT_INT_H

#include "analyze/event.h"

#define EV_MAX_SLOTS 4
#define EV_MAX_ALT 24
#define EV_GAP 3   /* words a "~" lets stand between two pattern words */

/* EV_PASSIVE: a verb phrase that opens with what is acted on ("the bridge
 * was closed", "the framework put to X"), so an article may stand before it. */
typedef enum ev_kind { EV_VERB = 0, EV_NOUN, EV_REPORT, EV_PASSIVE } ev_kind;

typedef struct ev_slot {
	uint64_t alt[EV_MAX_ALT];
	uint8_t nalt;
	uint8_t gap_before;  /* a "~" stood before this word */
} ev_slot;

typedef struct ev_pattern {
	const char *type;    /* one pointer per type name: compare types by pointer */
	char cameo[8];
	uint8_t kind;        /* ev_kind */
	uint8_t future;      /* a future form ("se retrouveront"): the frame is announced */
	uint8_t nslots;
	ev_slot slot[EV_MAX_SLOTS];
} ev_pattern;

/* The patterns of language lang (chr_event_lang) whose first word has
 * this key, as a list of indexes ending in -1; NULL when no pattern starts
 * with it.  The tables are built once per process from data/events/. */
const int32_t *chr_ev_first(int lang, uint64_t key);
const ev_pattern *chr_ev_pattern(int32_t i);

/*
 * Matches pattern p at token i of sentence [i, end): returns the token just
 * past the match, or 0 when it does not match.
 */
uint32_t chr_ev_match(const chr_tokens *t, const ev_pattern *p, uint32_t i, uint32_t end);

/* Type families: frames of one family in one sentence are one event, and
 * across sentences they merge when they describe the same meeting.  type
 * is a pattern's type pointer. */
int chr_ev_family(const char *type);

#endif
