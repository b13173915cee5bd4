/*
 * json.c - JSON string escaping for the analyze and query output.
 */
#include "util/json.h"

#include <string.h>

chr_status chr_json_string(chr_buf *out, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	chr_status st = chr_buf_reserve(out, len + 2);
	if (st != CHR_OK)
		return st;
	out->data[out->len++] = '"';
	size_t i = 0;
	while (i < len) {
		size_t run = i;
		while (run < len && (unsigned char)s[run] >= 0x20 && s[run] != '"' && s[run] != '\\')
			run++;
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
	chr_status st = first ? CHR_OK : chr_buf_putc(out, ',');
	if (st == CHR_OK)
		st = chr_json_cstr(out, key);
	if (st == CHR_OK)
		st = chr_buf_putc(out, ':');
	return st;
}
