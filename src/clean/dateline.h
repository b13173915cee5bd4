/*
 * dateline.h - datelines and written dates in paragraphs.
 *
 * A dateline opens a news story ("MOSCOW, December 11. /TASS/.",
 * "WASHINGTON (AP) —", "BERLIN, 3. Dezember (dpa) -") or stands alone as a
 * paragraph ("December 3, 2025, The Kremlin, Moscow").  Month names are
 * English (with "Dec." abbreviations), German, French and Russian; the day
 * may come before or after the month; the year is optional.
 */
#ifndef CHR_CLEAN_DATELINE_H
#define CHR_CLEAN_DATELINE_H

#include <stddef.h>

#include "clean/lexicon.h"

typedef struct chr_dateline {
	int year;            /* 0 when not written */
	int month;           /* 1..12, 0 when the dateline has no date */
	int day;             /* 1..31, 0 when not written */
	char agency[64];     /* "TASS" from "/TASS/" or "(TASS)", else "" */
	size_t end;          /* bytes of the paragraph the dateline takes */
	int whole;           /* the paragraph is nothing but the dateline */
} chr_dateline;

/*
 * Parses a dateline at the start of the paragraph s[0..len).  Returns 1 and
 * fills *out when one is found (a place with a date or an agency, or a
 * date with a place), else 0.
 */
int chr_dateline_parse(const chr_lexicon *lex, const char *s, size_t len, chr_dateline *out);

/*
 * The latest date that is written with its year in s[0..len) ("June 2024",
 * "mid-August 2025", "December 31, 2025", "3 décembre 2025"), folded into
 * *best as year*10000 + month*100 + day (day 0 when not written) if it is
 * later than *best.
 */
void chr_dates_latest(const chr_lexicon *lex, const char *s, size_t len, long *best);

/*
 * An agency credit closing the paragraph s[0..len): "(ILKHA)", "(AP)",
 * "— Reuters".  Returns 1 and copies the outlet into out (its canonical
 * name when the agency list knows it; *known, if not NULL, says so).
 * Unknown names count only in parentheses, in capitals, after a sentence.
 */
int chr_credit_trailing(const chr_lexicon *lex, const char *s, size_t len, char *out, size_t cap,
			int *known);

/* The same at the start of the paragraph: "(MENAFN) Russian ...". */
int chr_credit_leading(const chr_lexicon *lex, const char *s, size_t len, char *out, size_t cap,
		       int *known);

#endif
