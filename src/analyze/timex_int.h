/*
 * timex_int.h - internals shared by the timex_*.c files: the word classes
 * of data/time/en.txt, calendar arithmetic and value formatting.
 * Nothing here is used outside src/analyze/timex*.c.
 */
#ifndef CHR_ANALYZE_TIMEX_INT_H
#define CHR_ANALYZE_TIMEX_INT_H

#include <stddef.h>
#include <stdint.h>

#include "analyze/timex.h"

/* Word classes: a word may be in several ("last" is rel, ordinal and a
 * past-tense cue).  Order matches the class names in timex_lex.c. */
typedef enum tx_class {
	TXC_MONTH, TXC_WEEKDAY, TXC_NUMBER, TXC_VAGUE, TXC_ORDINAL, TXC_SEASON, TXC_PART,
	TXC_UNIT, TXC_DEICTIC, TXC_REF, TXC_REL, TXC_AFTER, TXC_MOD, TXC_OFTEN, TXC_EVERY,
	TXC_AMPM, TXC_ZONE, TXC_FUTURE, TXC_PAST, TXC_NEG, TXC_FISCAL, TXC_NOTYEAR, TXC_GLUE, TXC_HOLIDAY, TXC_RATE, TXC_NEAR,
	TXC_DECADE,
	TXC_COUNT
} tx_class;

/* Symbolic values of the lexicon. */
enum {
	TXS_NONE = 0,
	/* seasons */
	TXS_SP = 1, TXS_SU, TXS_FA, TXS_WI,
	/* parts of day */
	TXS_MO, TXS_AF, TXS_EV, TXS_NI, TXS_DT, TXS_MI, TXS_MN,
	/* units, shortest first */
	TXS_S, TXS_MIN, TXS_H, TXS_D, TXS_W, TXS_WE, TXS_FN, TXS_M, TXS_Q, TXS_HA, TXS_Y,
	TXS_DE, TXS_CE, TXS_ML, TXS_PE,
	/* modifiers */
	TXS_START, TXS_END, TXS_MID, TXS_APPROX, TXS_LESS_THAN, TXS_MORE_THAN,
	TXS_EQUAL_OR_MORE, TXS_EQUAL_OR_LESS,
	/* references */
	TXS_PRESENT_REF, TXS_PAST_REF, TXS_FUTURE_REF,
	/* clock */
	TXS_AM, TXS_PM, TXS_OCLOCK,
	/* glue words of the patterns */
	TXS_THE, TXS_OF, TXS_AND, TXS_OR, TXS_AT, TXS_TO, TXS_THAN, TXS_FROM, TXS_IN, TXS_ON,
	TXS_BUT, TXS_NO, TXS_UP, TXS_LONG, TXS_OLD, TXS_FOR, TXS_SINCE, TXS_BY, TXS_UNTIL, TXS_THROUGH,
	TXS_COUNT
};

typedef struct tx_word {
	uint64_t key;
	uint32_t mask;               /* 1 << tx_class */
	int16_t val[TXC_COUNT];
} tx_word;

/* The lexicon entry for a token key, or NULL.  Thread-safe after the
 * first call (loaded once from data/time/en.txt). */
const tx_word *chr_tx_lookup(uint64_t key);
/* The entry number of a key (0: none), without the once-only load check:
 * call chr_tx_lookup first. */
uint16_t chr_tx_lookup_index(uint64_t key);
/* Looks every token up (lex[i] = entry number or 0) and lists in starts
 * the tokens that can begin an expression: numbers, digit and hyphen
 * words, words of a class in start_mask, and glue words whose bit
 * (symbol - TXS_THE) is in start_glue.  Returns how many were listed. */
size_t chr_tx_lex_scan(const chr_tokens *t, uint16_t *lex, uint32_t *starts, uint32_t start_mask,
		       uint32_t start_glue);
/* The entry of a number from chr_tx_lookup_index, or NULL for 0. */
const tx_word *chr_tx_entry(uint16_t index);
/* The entry array itself, for inline lookups by number. */
const tx_word *chr_tx_entries(void);
/* The symbol's name ("MID", "SU") or "". */
const char *chr_tx_symbol_name(int sym);

static inline int tx_has(const tx_word *w, tx_class c)
{
	return w && (w->mask >> c & 1u);
}

/* Calendar: proleptic Gregorian, years 1..9999. */
int chr_tx_leap(int y);
int chr_tx_month_days(int y, int m);
int chr_tx_valid_date(int y, int m, int d);
int64_t chr_tx_days(int y, int m, int d);                /* days since 1970-01-01 */
void chr_tx_civil(int64_t days, int *y, int *m, int *d); /* OUT: y m d */
int chr_tx_weekday(int y, int m, int d);                 /* 1 = Monday .. 7 */
void chr_tx_iso_week(int y, int m, int d, int *wy, int *w); /* OUT: ISO year and week */
void chr_tx_add_months(int *y, int *m, int delta);

/* The article date, if any. */
typedef struct tx_anchor {
	int ok;
	int y, m, d;
} tx_anchor;

/* Parses "YYYY-MM-DD" (more may follow); ok = 0 when absent or invalid. */
tx_anchor chr_tx_anchor(const char *s);

/* Value writers (out has 32 bytes).  Year 0 prints XXXX, month or day 0
 * prints XX. */
void chr_tx_fmt_day(char *out, int y, int m, int d);
void chr_tx_fmt_month(char *out, int y, int m);
void chr_tx_fmt_year(char *out, int y);
void chr_tx_fmt_week(char *out, int y, int w);
void chr_tx_fmt_duration(char *out, double n, int unit); /* n < 0: X */
/* The anchor moved by delta days ("XXXX-XX-XX" without one). */
void chr_tx_fmt_rel_day(char *out, const tx_anchor *a, int delta);

/* One part of a hyphenated token ("three", "day" of "three-day"). */
typedef struct tx_part {
	const char *s;
	size_t n;
	const tx_word *w;
	int is_int;
	long ival;
} tx_part;

/* The parts of the last hyphenated token split: several rules ask. */
typedef struct tx_parts_cache {
	size_t tok_plus_one;  /* 0: empty */
	size_t n;
	tx_part part[4];
} tx_parts_cache;

/* One run of the recogniser over a document. */
typedef struct tx_ctx {
	const chr_tokens *t;
	size_t n;
	uint16_t *lex;        /* each token's lexicon entry number, looked up once */
	const tx_word *entries; /* chr_tx_entry(0): entry number k is entries[k] */
	tx_parts_cache *parts;
	tx_anchor a;
	/* the last day the text named ("Thursday", "Dec. 3"): what a bare
	 * clock time or "the next day" hangs on */
	int ref_ok, ref_y, ref_m, ref_d;
	uint32_t ref_sentence;
	/* the last quarter the text named ("the third quarter"): business
	 * news compares it with "a year earlier", which means that quarter */
	int q_y, q_q;
	uint32_t q_sentence, cur_sentence;
	/* a longer period ("the nine months", "the year ended June 30") was
	 * named after that quarter: "a year earlier" now compares it */
	int q_off;
	char period[16];  /* that longer period's value ("P9M") */
	/* the token after the last "month day" ("April 24"): a day number
	 * listed after it ("and 25") takes its month */
	size_t list_next;
	int list_y, list_m;
	int last_year;  /* the last year the text named, for "that year" */
	int last_month; /* and its month (0: none), for "the following month" */
} tx_ctx;

/* A recognised expression: tokens [start, end). */
typedef struct tx_match {
	size_t start; /* first token (chr_tx_match_at's i unless a lead word is left out) */
	size_t end;
	chr_timex_type type;
	int mod;      /* TXS_* modifier or 0 */
	int drop;     /* matched but not a time (an age, February 30): skip the tokens */
	int derived;  /* computed from another period ("a year earlier"): not a new topic */
	char value[32];
} tx_match;

/* The longest expression starting at token i, or 0. */
size_t chr_tx_match_at(tx_ctx *c, size_t i, tx_match *m);
/* The sentence's tense around token i: +1 future, -1 past (the default). */
int chr_tx_tense(const tx_ctx *c, size_t i);
/* The same, 0 when the sentence has no cue. */
int chr_tx_tense_cue(const tx_ctx *c, size_t i);

#endif
