/*
 * json.c - JSON string escaping for the analyze and query output.
 */
#include "util/json.h"

#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Index of the first byte at or after i that JSON must escape (a control
 * byte, '"' or '\\'), or len.  Sixteen bytes at a time where SSE2 is there:
 * document text is long and almost never needs escaping. */
static size_t plain_run_end(const char *s, size_t i, size_t len)
{
#if defined(__SSE2__)
	const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\');
	const __m128i below_space = _mm_set1_epi8(0x20 - 0x80);
	const __m128i flip = _mm_set1_epi8((char)0x80);
	for (; i + 16 <= len; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(s + i));
		/* unsigned v < 0x20  <=>  signed (v ^ 0x80) < (0x20 ^ 0x80) */
		__m128i ctrl = _mm_cmplt_epi8(_mm_xor_si128(v, flip), below_space);
		__m128i hit = _mm_or_si128(ctrl, _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
		int mask = _mm_movemask_epi8(hit);
		if (mask)
			return i + (size_t)__builtin_ctz((unsigned)mask);
	}
#endif
	while (i < len && (unsigned char)s[i] >= 0x20 && s[i] != '"' && s[i] != '\\')
		i++;
	return i;
}

chr_status chr_json_string(chr_buf *out, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	chr_status st = chr_buf_reserve(out, len + 2);
	if (st != CHR_OK)
		return st;
	out->data[out->len++] = '"';
	size_t i = 0;
	while (i < len) {
		size_t run = plain_run_end(s, i, len);
		if (run > i) {
			if ((st = chr_buf_append(out, s + i, run - i)) != CHR_OK)
				return st;
			i = run;
			if (i == len)
				break;
		}
		unsigned char c = (unsigned char)s[i++];
		char esc[7] = {'\\', 0, 0, 0, 0, 0, 0};
		size_t n = 2;
		switch (c) {
		case '"': esc[1] = '"'; break;
		case '\\': esc[1] = '\\'; break;
		case '\n': esc[1] = 'n'; break;
		case '\t': esc[1] = 't'; break;
		case '\r': esc[1] = 'r'; break;
		case '\b': esc[1] = 'b'; break;
		case '\f': esc[1] = 'f'; break;
		default:
			esc[1] = 'u'; esc[2] = '0'; esc[3] = '0';
			esc[4] = hex[c >> 4]; esc[5] = hex[c & 15];
			n = 6;
		}
		if ((st = chr_buf_append(out, esc, n)) != CHR_OK)
			return st;
	}
	return chr_buf_putc(out, '"');
}

chr_status chr_json_cstr(chr_buf *out, const char *s)
{
	return s ? chr_json_string(out, s, strlen(s)) : chr_buf_puts(out, "null");
}

chr_status chr_json_key(chr_buf *out, const char *key, int first)
{
	/* Keys are the program's own names ("mentions"): copied as they are
	 * unless one ever needs escaping.  A line has hundreds of them. */
	size_t len = 0;
	while (key[len] && (unsigned char)key[len] >= 0x20 && key[len] != '"' && key[len] != '\\')
		len++;
	chr_status st;
	if (key[len]) {
		st = first ? CHR_OK : chr_buf_putc(out, ',');
		if (st == CHR_OK)
			st = chr_json_cstr(out, key);
		return st == CHR_OK ? chr_buf_putc(out, ':') : st;
	}
	if ((st = chr_buf_reserve(out, len + 4)) != CHR_OK)
		return st;
	char *p = out->data + out->len;
	if (!first)
		*p++ = ',';
	*p++ = '"';
	memcpy(p, key, len);
	p += len;
	*p++ = '"';
	*p++ = ':';
	out->len = (size_t)(p - out->data);
	return CHR_OK;
}

chr_status chr_json_uint(chr_buf *out, uint32_t v)
{
	char num[16];
	size_t n = sizeof num;
	do {
		num[--n] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	return chr_buf_append(out, num + n, sizeof num - n);
}

chr_status chr_json_span(chr_buf *out, uint32_t start, uint32_t end)
{
	chr_status st = chr_buf_putc(out, '[');
	if (st == CHR_OK)
		st = chr_json_uint(out, start);
	if (st == CHR_OK)
		st = chr_buf_putc(out, ',');
	if (st == CHR_OK)
		st = chr_json_uint(out, end);
	return st == CHR_OK ? chr_buf_putc(out, ']') : st;
}
