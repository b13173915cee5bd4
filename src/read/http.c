/*
 * http.c - read stage, WARC helper: the HTTP response inside a WARC
 * response record.  Finds the status and the headers that matter (type,
 * transfer and content encoding) and undoes chunking and gzip/deflate, so
 * that the cleaner gets the page as the browser saw it.
 */
#include "read/read.h"

#include <stdint.h>
#include <string.h>
#include <strings.h>

#include <zlib.h>

static int is_blank(char c) { return c == ' ' || c == '\t'; }

static int name_is(const char *p, size_t n, const char *want)
{
	return strlen(want) == n && strncasecmp(p, want, n) == 0;
}

static int value_has(const char *p, size_t n, const char *word)
{
	size_t wl = strlen(word);
	for (size_t i = 0; i + wl <= n; i++)
		if (strncasecmp(p + i, word, wl) == 0)
			return 1;
	return 0;
}

int chr_http_parse(const char *p, size_t n, chr_http *out)
{
	memset(out, 0, sizeof *out);
	if (n < 12 || memcmp(p, "HTTP/", 5) != 0)
		return 0;
	size_t i = 5;
	while (i < n && p[i] != ' ' && p[i] != '\n')
		i++;
	while (i < n && p[i] == ' ')
		i++;
	if (i + 3 <= n && p[i] >= '1' && p[i] <= '5' && p[i + 1] >= '0' && p[i + 1] <= '9' &&
	    p[i + 2] >= '0' && p[i + 2] <= '9')
		out->status = (p[i] - '0') * 100 + (p[i + 1] - '0') * 10 + (p[i + 2] - '0');
	const char *nl = memchr(p + i, '\n', n - i);
	if (!nl) {
		out->body_offset = n;
		return 1;
	}
	i = (size_t)(nl - p) + 1;
	for (;;) {
		if (i >= n) {
			out->body_offset = n;   /* headers only */
			break;
		}
		nl = memchr(p + i, '\n', n - i);
		size_t end = nl ? (size_t)(nl - p) : n;
		size_t next = nl ? end + 1 : n;
		size_t le = end;
		if (le > i && p[le - 1] == '\r')
			le--;
		if (le == i) {
			out->body_offset = next;
			break;
		}
		const char *colon = memchr(p + i, ':', le - i);
		if (colon) {
			size_t nlen = (size_t)(colon - (p + i));
			size_t v = (size_t)(colon - p) + 1, ve = le;
			while (v < ve && is_blank(p[v]))
				v++;
			while (ve > v && is_blank(p[ve - 1]))
				ve--;
			if (name_is(p + i, nlen, "Content-Type")) {
				out->content_type = v;
				out->content_type_len = ve - v;
			} else if (name_is(p + i, nlen, "Transfer-Encoding")) {
				out->chunked = value_has(p + v, ve - v, "chunked");
			} else if (name_is(p + i, nlen, "Content-Encoding") && ve > v) {
				out->encoding_name = v;
				out->encoding_name_len = ve - v;
				if (value_has(p + v, ve - v, "identity"))
					out->encoding = CHR_HTTP_IDENTITY;
				else if (value_has(p + v, ve - v, "gzip"))
					out->encoding = CHR_HTTP_GZIP;
				else if (value_has(p + v, ve - v, "deflate"))
					out->encoding = CHR_HTTP_DEFLATE;
				else
					out->encoding = CHR_HTTP_OTHER;
			}
		}
		i = next;
	}
	return 1;
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

chr_status chr_http_dechunk(const char *p, size_t n, chr_buf *out)
{
	chr_status st = CHR_OK;
	size_t i = 0;
	int chunks = 0;
	while (i < n) {
		size_t size = 0;
		int digits = 0, h;
		while (i < n && (h = hex_value(p[i])) >= 0) {
			if (size > (SIZE_MAX >> 4)) {
				st = chunks ? CHR_OK : CHR_EFORMAT;
				goto done;
			}
			size = size * 16 + (size_t)h;
			digits++;
			i++;
		}
		if (!digits) {
			st = chunks ? CHR_OK : CHR_EFORMAT;
			goto done;
		}
		const char *nl = memchr(p + i, '\n', n - i);   /* chunk extensions end here */
		if (!nl || size == 0)
			goto done;
		i = (size_t)(nl - p) + 1;
		size_t take = size < n - i ? size : n - i;
		if ((st = chr_buf_append(out, p + i, take)) != CHR_OK)
			goto done;
		chunks++;
		i += take;
		if (i < n && p[i] == '\r')
			i++;
		if (i < n && p[i] == '\n')
			i++;
	}
done:
	return st;
}

chr_status chr_http_inflate(const char *p, size_t n, chr_buf *out, size_t max)
{
	chr_status st = CHR_OK;
	z_stream z;
	size_t start = out->len;
	int raw = 0;
again:
	memset(&z, 0, sizeof z);
	/* 15+32 takes gzip or zlib headers; "deflate" is sometimes sent raw. */
	if (inflateInit2(&z, raw ? -15 : 15 + 32) != Z_OK)
		return CHR_ENOMEM;
	z.next_in = (unsigned char *)p;
	z.avail_in = (uInt)(n > (1u << 30) ? (1u << 30) : n);
	for (;;) {
		if ((st = chr_buf_reserve(out, 64 * 1024)) != CHR_OK)
			break;
		size_t room = out->alloc - out->len - 1;
		z.next_out = (unsigned char *)out->data + out->len;
		z.avail_out = (uInt)(room > (1u << 30) ? (1u << 30) : room);
		uInt before = z.avail_out;
		int rc = inflate(&z, Z_NO_FLUSH);
		out->len += before - z.avail_out;
		out->data[out->len] = '\0';
		if (out->len - start > max) {
			st = CHR_ELIMIT;
			break;
		}
		if (rc == Z_STREAM_END) {
			if (z.avail_in > 0 && z.next_in[0] == 0x1f && inflateReset(&z) == Z_OK)
				continue;   /* another gzip member */
			break;
		}
		if (rc == Z_MEM_ERROR) {
			st = CHR_ENOMEM;
			break;
		}
		if (rc != Z_OK) {
			/* Corrupt or cut short: keep what decoded. */
			if (out->len == start && !raw) {
				inflateEnd(&z);
				raw = 1;
				goto again;
			}
			st = out->len == start ? CHR_EFORMAT : CHR_OK;
			break;
		}
	}
	inflateEnd(&z);
	return st;
}

int chr_http_type_is_html(const char *type, size_t len)
{
	while (len && is_blank(*type)) {
		type++;
		len--;
	}
	return (len >= 9 && strncasecmp(type, "text/html", 9) == 0) ||
	       (len >= 21 && strncasecmp(type, "application/xhtml+xml", 21) == 0);
}
