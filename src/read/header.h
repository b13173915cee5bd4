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

#endif
