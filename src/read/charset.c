/*
 * charset.c - read stage: pages in legacy encodings (windows-1251, KOI8-R,
 * ISO-8859-x, Shift_JIS...) are converted to UTF-8 before repair, so that a
 * Russian page from a WARC archive keeps its letters instead of becoming
 * U+FFFD.  The charset comes from the HTTP Content-Type or, failing that,
 * from the page's own <meta charset> / <meta http-equiv> near its start.
 *
 * A body that is already valid UTF-8 is left alone whatever it declares:
 * pages that say iso-8859-1 but are UTF-8 are common, and valid multi-byte
 * UTF-8 is very unlikely in real legacy-encoded text.  Following browsers
 * (WHATWG Encoding), latin1 and us-ascii labels mean windows-1252.
 */
#include "read/read.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "util/utf8.h"

/* The page's meta charset is looked for this far in. */
#define META_SNIFF_BYTES 4096u

static int is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
	       c == '_' || c == '.' || c == ':';
}

/* Finds "charset=NAME" (case-insensitive, optional quotes) in p[0..n). */
static int find_charset(const char *p, size_t n, char *name, size_t cap)
{
	for (size_t i = 0; i + 8 <= n; i++) {
		if (strncasecmp(p + i, "charset", 7) != 0)
			continue;
		size_t j = i + 7;
		while (j < n && (p[j] == ' ' || p[j] == '\t'))
			j++;
		if (j >= n || p[j] != '=')
			continue;
		j++;
		while (j < n && (p[j] == ' ' || p[j] == '"' || p[j] == '\''))
			j++;
		size_t k = 0;
		while (j < n && k + 1 < cap && is_name_char(p[j]))
			name[k++] = p[j++];
		name[k] = '\0';
		if (k)
			return 1;
	}
	return 0;
}

static int is_valid_utf8(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		size_t pos = i;
		if (chr_utf8_next(s, len, &pos) == 0xFFFD &&
		    !(len - i >= 3 && memcmp(s + i, "\xEF\xBF\xBD", 3) == 0))
			return 0;
		i = pos;
	}
	return 1;
}

/* A label browsers treat as UTF-8 or as nothing to convert. */
static int is_utf8_label(const char *name)
{
	return !strcasecmp(name, "utf-8") || !strcasecmp(name, "utf8") ||
	       !strcasecmp(name, "unicode-1-1-utf-8");
}

chr_status chr_charset_to_utf8(const char *ctype, size_t ctlen, const char *body, size_t len,
			       chr_buf *out, int *converted)
{
	chr_status st = CHR_OK;
	char name[48];
	iconv_t cd = (iconv_t)-1;
	*converted = 0;
	if (!(ctype && find_charset(ctype, ctlen, name, sizeof name)) &&
	    !find_charset(body, len < META_SNIFF_BYTES ? len : META_SNIFF_BYTES, name, sizeof name))
		goto done;
	if (is_utf8_label(name) || is_valid_utf8(body, len))
		goto done;
	const char *from = name;
	if (!strcasecmp(name, "iso-8859-1") || !strcasecmp(name, "latin1") || !strcasecmp(name, "iso8859-1") ||
	    !strcasecmp(name, "us-ascii") || !strcasecmp(name, "ascii"))
		from = "WINDOWS-1252";
	cd = iconv_open("UTF-8", from);
	if (cd == (iconv_t)-1)
		goto done;   /* unknown label: the repair will do */
	char *in = (char *)body;
	size_t left = len;
	while (left > 0) {
		if ((st = chr_buf_reserve(out, left * 2 + 16)) != CHR_OK)
			goto done;
		char *o = out->data + out->len;
		size_t room = out->alloc - out->len - 1;
		size_t before = room;
		size_t rc = iconv(cd, &in, &left, &o, &room);
		out->len += before - room;
		out->data[out->len] = '\0';
		if (rc == (size_t)-1) {
			if (errno == E2BIG)
				continue;
			/* An invalid or cut-off sequence: one byte becomes U+FFFD. */
			if ((st = chr_buf_append(out, "\xEF\xBF\xBD", 3)) != CHR_OK)
				goto done;
			in++;
			left--;
			iconv(cd, NULL, NULL, NULL, NULL);
		}
	}
	*converted = 1;
done:
	if (cd != (iconv_t)-1)
		iconv_close(cd);
	return st;
}
