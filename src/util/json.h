/*
 * json.h - writing JSON text into a chr_buf.
 *
 * Output is compact (no spaces) and ASCII-safe for control characters; other
 * UTF-8 passes through unchanged because the input is already valid UTF-8.
 */
#ifndef CHR_UTIL_JSON_H
#define CHR_UTIL_JSON_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

/* Appends s[0..len) as a quoted JSON string. */
chr_status chr_json_string(chr_buf *out, const char *s, size_t len);
/* Appends a quoted string, or null when s is NULL. */
chr_status chr_json_cstr(chr_buf *out, const char *s);
/* Appends "key": (with a leading comma unless first). */
chr_status chr_json_key(chr_buf *out, const char *key, int first);

/* Appends v in decimal: offsets are written for every mention, time, quote
 * and claim, so digits by hand, not printf. */
chr_status chr_json_uint(chr_buf *out, uint32_t v);

/* Appends a span of the text as `[start,end]`. */
chr_status chr_json_span(chr_buf *out, uint32_t start, uint32_t end);

#endif
