/*
 * jsonscan.c - read stage, JSON Lines fast path: finds the fields the
 * reader wants (id, url, date, title, text, html) in one flat pass over a
 * line, without building a tree.
 *
 * Why: jansson builds every value and re-validates every byte, which made
 * reading JSON Lines run at about 40 MB/s; this scanner runs at memory
 * speed.  It accepts only well-formed JSON and gives up (returns 0) on
 * anything unusual, and then jansson parses the line and words the error,
 * so the two paths never disagree about a line that is valid.
 */
#include "read/read.h"

#include <stdint.h>
#include <string.h>

#include "util/utf8.h"

#ifdef __SSE2__
#include <emmintrin.h>   /* baseline on x86-64 */
#endif

static const char *skip_ws(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	return p;
}

/* p at the opening quote; returns the closing quote, or NULL.  *escaped is
 * set when the string holds a backslash. */
static const char *scan_string(const char *p, const char *end, int *escaped)
{
	const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
	p++;
	while (p < end) {
#ifdef __SSE2__
		/* Sixteen bytes at a time while none is '"', '\\' or a
		 * control (unsigned <= 0x1F: max(x, 0x1F) == 0x1F). */
		while (end - p >= 16) {
			__m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
			__m128i hit = _mm_or_si128(
				_mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('"')), _mm_cmpeq_epi8(x, _mm_set1_epi8('\\'))),
				_mm_cmpeq_epi8(_mm_max_epu8(x, _mm_set1_epi8(0x1F)), _mm_set1_epi8(0x1F)));
			unsigned m = (unsigned)_mm_movemask_epi8(hit);
			if (m) {
				p += __builtin_ctz(m);
				goto special;   /* p is at the byte; no need for the SWAR look */
			}
			p += 16;
		}
#endif
		/* Eight bytes at a time while none is '"', '\\' or a control
		 * (the tail, or everything without SSE2). */
		while (end - p >= 8) {
			uint64_t x, q, b;
			memcpy(&x, p, 8);
			q = x ^ (ones * '"');
			b = x ^ (ones * '\\');
			if ((((q - ones) & ~q) | ((b - ones) & ~b) | ((x - ones * 0x20) & ~x)) & high)
				break;
			p += 8;
		}
		if (p >= end)
			break;
#ifdef __SSE2__
	special:;
#endif
		unsigned char c = (unsigned char)*p;
		if (c == '"')
			return p;
		if (c < 0x20)
			return NULL;   /* raw control characters are not JSON */
		if (c == '\\') {
			*escaped = 1;
			if (p + 1 >= end)
				return NULL;
			char e = p[1];
			if (e == 'u') {
				if (end - p < 6)
					return NULL;
				for (int i = 2; i < 6; i++) {
					char h = p[i];
					if (!((h >= '0' && h <= '9') || (h >= 'a' && h <= 'f') || (h >= 'A' && h <= 'F')))
						return NULL;
				}
				p += 6;
				continue;
			}
			if (!(e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r' ||
			      e == 't'))
				return NULL;
			p += 2;
			continue;
		}
		p++;
	}
	return NULL;
}

static const char *scan_number(const char *p, const char *end)
{
	const char *s = p;
	if (p < end && *p == '-')
		p++;
	if (p >= end || *p < '0' || *p > '9')
		return NULL;
	if (*p == '0')
		p++;
	else
		while (p < end && *p >= '0' && *p <= '9')
			p++;
	if (p < end && *p == '.') {
		p++;
		if (p >= end || *p < '0' || *p > '9')
			return NULL;
		while (p < end && *p >= '0' && *p <= '9')
			p++;
	}
	if (p < end && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < end && (*p == '+' || *p == '-'))
			p++;
		if (p >= end || *p < '0' || *p > '9')
			return NULL;
		while (p < end && *p >= '0' && *p <= '9')
			p++;
	}
	return p > s ? p : NULL;
}

/* jansson refuses deeper nesting; so does the scanner, leaving it the error. */
#define MAX_DEPTH 2048

/* Skips a nested object or array starting at p, checking its grammar;
 * iterative, so depth costs no stack.  Returns the byte after it, or NULL. */
static const char *skip_nested(const char *p, const char *end)
{
	uint64_t is_object[MAX_DEPTH / 64];
	size_t depth = 0;
	enum { OPEN, KEY, VALUE, AFTER } state = OPEN;
	for (;;) {
		switch (state) {
		case OPEN: {   /* p at '{' or '[' */
			if (depth == MAX_DEPTH)
				return NULL;
			int obj = *p == '{';
			uint64_t bit = 1ull << (depth % 64);
			is_object[depth / 64] = obj ? is_object[depth / 64] | bit : is_object[depth / 64] & ~bit;
			depth++;
			p = skip_ws(p + 1, end);
			if (p < end && *p == (obj ? '}' : ']')) {
				depth--;
				p++;
				state = AFTER;
			} else {
				state = obj ? KEY : VALUE;
			}
			break;
		}
		case KEY: {
			int esc = 0;
			if (p >= end || *p != '"' || !(p = scan_string(p, end, &esc)))
				return NULL;
			p = skip_ws(p + 1, end);
			if (p >= end || *p != ':')
				return NULL;
			p = skip_ws(p + 1, end);
			state = VALUE;
			break;
		}
		case VALUE: {
			int esc = 0;
			if (p >= end)
				return NULL;
			if (*p == '{' || *p == '[') {
				state = OPEN;
				break;
			}
			if (*p == '"') {
				if (!(p = scan_string(p, end, &esc)))
					return NULL;
				p++;
			} else if (*p == '-' || (*p >= '0' && *p <= '9')) {
				if (!(p = scan_number(p, end)))
					return NULL;
			} else if (end - p >= 4 && (memcmp(p, "true", 4) == 0 || memcmp(p, "null", 4) == 0)) {
				p += 4;
			} else if (end - p >= 5 && memcmp(p, "false", 5) == 0) {
				p += 5;
			} else {
				return NULL;
			}
			state = AFTER;
			break;
		}
		case AFTER: {
			if (depth == 0)
				return p;
			int obj = (is_object[(depth - 1) / 64] >> ((depth - 1) % 64)) & 1;
			p = skip_ws(p, end);
			if (p >= end)
				return NULL;
			if (*p == ',') {
				p = skip_ws(p + 1, end);
				state = obj ? KEY : VALUE;
			} else if (*p == (obj ? '}' : ']')) {
				depth--;
				p++;
			} else {
				return NULL;
			}
			break;
		}
		}
	}
}

static int key_is(const char *k, size_t n, const char *want)
{
	return strlen(want) == n && memcmp(k, want, n) == 0;
}

int chr_jsonl_scan(const char *line, size_t len, chr_jsonl_fields *out)
{
	const char *p = line, *end = line + len;
	memset(out, 0, sizeof *out);
	p = skip_ws(p, end);
	if (p >= end || *p != '{')
		return 0;
	p = skip_ws(p + 1, end);
	if (p < end && *p == '}')
		return skip_ws(p + 1, end) == end;
	for (;;) {
		if (p >= end || *p != '"')
			return 0;
		int kesc = 0;
		const char *kq = scan_string(p, end, &kesc);
		if (!kq || kesc)
			return 0;   /* an escaped key: rare, let jansson decide */
		const char *key = p + 1;
		size_t klen = (size_t)(kq - key);
		p = skip_ws(kq + 1, end);
		if (p >= end || *p != ':')
			return 0;
		p = skip_ws(p + 1, end);
		if (p >= end)
			return 0;
		chr_json_value v = {0};
		v.present = 1;
		if (*p == '"') {
			const char *q = scan_string(p, end, &v.escaped);
			if (!q)
				return 0;
			v.type = CHR_JSON_STRING;
			v.off = (size_t)(p + 1 - line);
			v.len = (size_t)(q - p - 1);
			p = q + 1;
		} else if (*p == '{' || *p == '[') {
			p = skip_nested(p, end);
			if (!p)
				return 0;
			v.type = CHR_JSON_OTHER;
		} else if (*p == '-' || (*p >= '0' && *p <= '9')) {
			const char *q = scan_number(p, end);
			if (!q)
				return 0;
			v.type = CHR_JSON_NUMBER;
			v.off = (size_t)(p - line);
			v.len = (size_t)(q - p);
			p = q;
		} else if (end - p >= 4 && (memcmp(p, "true", 4) == 0 || memcmp(p, "null", 4) == 0)) {
			v.type = CHR_JSON_OTHER;
			p += 4;
		} else if (end - p >= 5 && memcmp(p, "false", 5) == 0) {
			v.type = CHR_JSON_OTHER;
			p += 5;
		} else {
			return 0;
		}
		/* Later duplicates win, as in jansson. */
		if (key_is(key, klen, "id"))
			out->id = v;
		else if (key_is(key, klen, "url"))
			out->url = v;
		else if (key_is(key, klen, "date"))
			out->date = v;
		else if (key_is(key, klen, "title"))
			out->title = v;
		else if (key_is(key, klen, "text"))
			out->text = v;
		else if (key_is(key, klen, "html"))
			out->html = v;
		p = skip_ws(p, end);
		if (p < end && *p == ',') {
			p = skip_ws(p + 1, end);
			continue;
		}
		if (p < end && *p == '}')
			return skip_ws(p + 1, end) == end;
		return 0;
	}
}

static int hex4(const char *p)
{
	int v = 0;
	for (int i = 0; i < 4; i++) {
		char c = p[i];
		v = v * 16 + (c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
	}
	return v;
}

chr_status chr_json_unescape(const char *s, size_t len, chr_buf *out)
{
	/* The text never grows: every escape is at least as long as what it
	 * stands for (\uXXXX, 6 bytes, gives at most 3; a surrogate pair,
	 * 12, gives 4), so one reserve lets the loop write without checks. */
	chr_status st = chr_buf_reserve(out, len);
	if (st != CHR_OK)
		return st;
	char *o = out->data + out->len;
	const char *p = s, *end = s + len;
	while (p < end) {
		const char *bs = memchr(p, '\\', (size_t)(end - p));
		if (!bs) {
			memcpy(o, p, (size_t)(end - p));
			o += end - p;
			break;
		}
		memcpy(o, p, (size_t)(bs - p));
		o += bs - p;
		p = bs;
		/* The scanner checked every escape, so p[1] exists and \u has 4 hex digits. */
		char e = p[1];
		p += 2;
		switch (e) {
		case 'b': *o++ = '\b'; break;
		case 'f': *o++ = '\f'; break;
		case 'n': *o++ = '\n'; break;
		case 'r': *o++ = '\r'; break;
		case 't': *o++ = '\t'; break;
		case 'u': {
			uint32_t cp = (uint32_t)hex4(p);
			p += 4;
			if (cp >= 0xD800 && cp <= 0xDBFF && end - p >= 6 && p[0] == '\\' && p[1] == 'u') {
				uint32_t lo = (uint32_t)hex4(p + 2);
				if (lo >= 0xDC00 && lo <= 0xDFFF) {
					cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
					p += 6;
				}
			}
			/* A lone surrogate becomes U+FFFD in chr_utf8_encode. */
			o += chr_utf8_encode(cp, o);
			break;
		}
		default: *o++ = e; break;   /* \" \\ \/ */
		}
	}
	out->len = (size_t)(o - out->data);
	out->data[out->len] = '\0';
	return CHR_OK;
}
