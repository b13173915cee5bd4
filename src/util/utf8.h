/*
 * utf8.h - UTF-8 repair, decoding and whitespace normalisation.
 *
 * Everything the reader hands on passes through chr_utf8_sanitize, so later
 * stages may assume valid UTF-8 without NUL or stray control characters.
 */
#ifndef CHR_UTIL_UTF8_H
#define CHR_UTIL_UTF8_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

#define CHR_REPLACEMENT_CHAR 0xFFFD

/*
 * Appends a repaired copy of in[0..len) to out: each invalid byte sequence
 * becomes U+FFFD, NUL, C0 controls except '\n' and '\t', DEL and C1 controls
 * are dropped, "\r\n" and lone '\r' become '\n', and a leading byte-order mark
 * is removed.  Returns CHR_OK, or the buffer's error (limit, memory).
 */
chr_status chr_utf8_sanitize(const char *in, size_t len, chr_buf *out);

/*
 * Decodes the code point at s[*pos], advancing *pos past it.  Invalid bytes
 * yield U+FFFD and advance by one.  Requires *pos < len.
 */
uint32_t chr_utf8_next(const char *s, size_t len, size_t *pos);

/* Writes cp as UTF-8 into out (at least 4 bytes); returns the byte count. */
size_t chr_utf8_encode(uint32_t cp, char *out);

/* True for code points that are horizontal white space in text: ASCII
 * blanks, NBSP, the U+2000 spaces, narrow NBSP, ideographic space. */
int chr_is_space_cp(uint32_t cp);

/* True for invisible format characters dropped from text: zero-width
 * space/joiners, soft hyphen, word joiner, BOM. */
int chr_is_invisible_cp(uint32_t cp);

/*
 * Appends s[0..len) to out with runs of white space (including Unicode
 * spaces and newlines) collapsed to one ASCII space, invisible characters
 * removed, and leading and trailing space trimmed.
 */
chr_status chr_collapse_space(const char *s, size_t len, chr_buf *out);

/* The same into out, which has room for len bytes; returns the length
 * written (no NUL is added). */
size_t chr_collapse_space_into(const char *s, size_t len, char *out);

/* Whether offset `at` of s[0..len) starts a character (or is len). */
static inline int chr_utf8_boundary(const char *s, size_t len, size_t at)
{
	return at == len || (at < len && ((unsigned char)s[at] & 0xc0) != 0x80);
}

#endif
