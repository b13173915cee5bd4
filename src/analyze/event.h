/*
 * event.h - event frames: who met whom, where, when, for how long.
 *
 * One frame per reported event in a sentence.  A trigger from the event
 * lexicon (data/events/) gives the type and its CAMEO code; the sentence's
 * entities, times and places give actors, place, date and duration.
 * Negated, future and hypothetical events keep their modality so the
 * timeline of facts can leave them out.
 */
#ifndef CHR_ANALYZE_EVENT_H
#define CHR_ANALYZE_EVENT_H

#include <stddef.h>
#include <stdint.h>

#include "analyze/entity.h"
#include "analyze/quote.h"
#include "analyze/timex.h"
#include "analyze/token.h"

typedef enum chr_modality {
	CHR_MOD_ASSERTED = 0,
	CHR_MOD_NEGATED,      /* "no compromise was found" */
	CHR_MOD_FUTURE,       /* "will meet", "plans to visit" */
	CHR_MOD_HYPOTHETICAL  /* "could meet", "if they agree" */
} chr_modality;

#define CHR_EVENT_ACTORS 8
#define CHR_EV_NLANG 3   /* languages with an event lexicon: en, de, fr */

typedef struct chr_event {
	const char *type;              /* "meet", "phone_call", "praise": the lexicon's type */
	const char *cameo;             /* its CAMEO code: "040" */
	uint32_t sentence;             /* index into chr_tokens.sent */
	uint32_t trig_begin, trig_end; /* the trigger's tokens */
	uint32_t actor[CHR_EVENT_ACTORS]; /* entity indexes; the subject side first */
	uint8_t nactors;
	uint8_t modality;              /* chr_modality */
	uint8_t noun;                  /* the trigger is a noun ("the meeting"), not a verb */
	int32_t place;                 /* entity index, -1 when none */
	int32_t speaker;               /* the entity reporting it ("X said that ..."), -1 */
	char date[32];                 /* TIMEX3 date at its precision ("2025-12-03", "2025-08"), "" */
	char duration[16];             /* TIMEX3 duration ("PT5H", "P3D"), "" */
} chr_event;

typedef struct chr_events {
	chr_event *ev;
	size_t n;
} chr_events;

/*
 * What the frame builder reads, computed once per document: the token ->
 * mention and token -> time expression maps spare every lookup a scan.
 */
typedef struct chr_event_ctx {
	const chr_tokens *toks;
	const chr_timexes *times;
	const chr_entities *ents;
	const chr_quotes *quotes;
	const char *anchor;            /* article date "YYYY-MM-DD" or NULL */
	int lang;                      /* its event lexicon (chr_event_lang) */
	int32_t *tok_mention;          /* per token: index into ents->men, or -1 */
	int32_t *tok_timex;            /* per token: index into times->t, or -1 */
	int32_t *tok_quote;            /* per token: index into quotes->q, or -1 */
	uint8_t *tok_flags;            /* per token: CHR_EVT_* */
	uint16_t *tok_class;           /* per token: its word classes (event_args.c) */
	int32_t *sent_date_first;      /* per sentence: its first usable DATE expression, or -1 */
	int32_t *sent_date_last;       /* per sentence: its last one, or -1 */
} chr_event_ctx;

enum {
	CHR_EVT_REPORT = 1, /* a reporting verb starts here ("said", "according to") */
	CHR_EVT_ROLE = 2,   /* part of a name's title ("US Special Envoy" Steve Witkoff) */
	CHR_EVT_HEAD = 4    /* some lexicon pattern starts with this word */
};

/* The event lexicon of a language ("en", "de"; NULL or "und": English),
 * -1 when data/events/ has none for it. */
int chr_event_lang(const char *lang);

/* lang: a lexicon from chr_event_lang. */
chr_status chr_event_ctx_init(chr_arena *arena, const chr_tokens *toks, const chr_timexes *times,
			      const chr_entities *ents, const chr_quotes *quotes, const char *anchor,
			      int lang, chr_event_ctx *cx);

/* Fills actors, place, speaker, date and duration of ev, whose type,
 * sentence, trigger and modality are set (event_args.c). */
void chr_event_fill_args(const chr_event_ctx *cx, chr_event *ev);

/*
 * Completes the frames of one document once all are found: what a sentence
 * left open (date, place, duration, actors) comes from its paragraph, its
 * section or another frame of the same event ("the meeting ... lasted five
 * hours" two sentences later), and frames that are one event merge.
 * Sets *n to the frames kept (event_args.c).
 */
void chr_events_complete(const chr_event_ctx *cx, chr_event *ev, size_t *n);

/* Sets ev->date from a TIMEX3 value, cut to the date it names ("2025-12-03T24:00"
 * -> "2025-12-03"); values that name no calendar date (PRESENT_REF, XXXX-12-03)
 * leave it empty.  Returns 1 when set. */
int chr_event_set_date(chr_event *ev, const char *value);

/* Finds the event frames of a document; results in text order, arena-owned. */
chr_status chr_events_find(chr_arena *arena, const chr_event_ctx *cx, chr_events *out);

/* "asserted", "negated", "future", "hypothetical". */
const char *chr_modality_name(chr_modality m);

/* "meeting" for the types that name one meeting in different words (meet,
 * consult, negotiate, visit, host, mediate), else the type itself: frames
 * of one family in a sentence are one event, and the corpus stage fuses
 * across the family.  Claims about "meeting" (the claim lexicon's subject
 * for talks, summits and meetings) belong to one fused event. */
const char *chr_event_family(const char *type);

#endif
