/*
 * header.h - the scraper's metadata header at the start of a text file:
 * " date YYYY-MM-DD" optionally followed by an HTTP status, alone on its
 * line or running straight into the body.
 */
#ifndef CHR_READ_HEADER_H
#define CHR_READ_HEADER_H

#include <stddef.h>

typedef struct chr_text_header {
	char date[11];      /* "YYYY-MM-DD", or "" when there is no header */
	int http_status;    /* 0 when absent */
	size_t body_offset; /* where the body starts after the header */
} chr_text_header;

/* Parses a header at the start of s[0..len); returns 1 if one was found. */
int chr_text_header_parse(const char *s, size_t len, chr_text_header *out);

/*
 * A date given with the input (JSON "date", WARC-Date): "YYYY-MM-DD" at the
 * start of s[0..len) after optional blanks, alone or followed by a time
 * ("2025-12-11T08:00:00Z").  Returns 1 and fills out[11] when valid.
 */
int chr_read_date_prefix(const char *s, size_t len, char out[11]);

#endif
