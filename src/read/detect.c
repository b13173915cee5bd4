/*
 * detect.c - read stage: which format an input is in.  The file name
 * decides when its extension is known (after dropping .gz/.zst); otherwise
 * the first decoded bytes do: "WARC/1." starts a WARC file, a first line
 * that is a JSON object starts JSON Lines, HTML markup near the start makes
 * HTML, and anything else is plain text.  Also spots binary files (images,
 * executables, UTF-16) that must not be read as text.
 */
#include "read/read.h"

#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>   /* baseline on x86-64 */
#endif
#include <strings.h>

#include <jansson.h>

#include "read/header.h"

/* HTML markers are looked for this far into the input. */
#define HTML_SNIFF_BYTES 1024u

static int ext_is(const char *ext, size_t len, const char *want)
{
	return strlen(want) == len && strncasecmp(ext, want, len) == 0;
}

chr_kind chr_detect_by_name(const char *name, int *known)
{
	const char *base = strrchr(name, '/');
	base = base ? base + 1 : name;
	size_t len = strlen(base);
	/* Drop a compression extension: the stream decodes by magic bytes. */
	const char *dot = NULL;
	for (size_t i = len; i > 0; i--)
		if (base[i - 1] == '.') {
			dot = base + i - 1;
			break;
		}
	if (dot && (ext_is(dot, len - (size_t)(dot - base), ".gz") ||
		    ext_is(dot, len - (size_t)(dot - base), ".zst") ||
		    ext_is(dot, len - (size_t)(dot - base), ".zstd"))) {
		len = (size_t)(dot - base);
		dot = NULL;
		for (size_t i = len; i > 0; i--)
			if (base[i - 1] == '.') {
				dot = base + i - 1;
				break;
			}
	}
	*known = 1;
	if (dot) {
		size_t elen = len - (size_t)(dot - base);
		if (ext_is(dot, elen, ".jsonl") || ext_is(dot, elen, ".ndjson") ||
		    ext_is(dot, elen, ".jsonlines"))
			return CHR_KIND_JSONL;
		if (ext_is(dot, elen, ".warc"))
			return CHR_KIND_WARC;
		if (ext_is(dot, elen, ".html") || ext_is(dot, elen, ".htm") ||
		    ext_is(dot, elen, ".xhtml"))
			return CHR_KIND_HTML;
	}
	*known = 0;
	return CHR_KIND_TEXT;
}

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* Does the first line, starting with '{', look like a JSON object? */
static int first_line_is_json(const char *p, size_t n)
{
	const char *nl = memchr(p, '\n', n);
	size_t len = nl ? (size_t)(nl - p) : n;
	json_error_t err;
	json_t *v = json_loadb(p, len, JSON_ALLOW_NUL, &err);
	int ok = v && json_is_object(v);
	json_decref(v);
	if (ok)
		return 1;
	/* A line longer than the sniffed bytes, or one bad line, still counts
	 * when it opens like an object with a key: {"... */
	size_t i = 1;
	while (i < len && is_space(p[i]))
		i++;
	return i < len && p[i] == '"' && (!nl || (len > 0 && p[len - 1 - (p[len - 1] == '\r')] == '}'));
}

chr_kind chr_detect_by_content(const char *p, size_t n)
{
	if (n >= 7 && memcmp(p, "WARC/1.", 7) == 0)
		return CHR_KIND_WARC;
	size_t i = 0;
	if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < n && is_space(p[i]))
		i++;
	if (i < n && p[i] == '{' && first_line_is_json(p + i, n - i))
		return CHR_KIND_JSONL;
	if (chr_detect_html(p, n))
		return CHR_KIND_HTML;
	return CHR_KIND_TEXT;
}

int chr_detect_html(const char *p, size_t n)
{
	static const char *const markers[] = {"<!doctype html", "<html", "<head", "<body"};
	size_t i = 0;
	chr_text_header hdr;
	if (chr_text_header_parse(p, n, &hdr))
		i = hdr.body_offset;
	if (n - i >= 3 && memcmp(p + i, "\xEF\xBB\xBF", 3) == 0)
		i += 3;
	while (i < n && is_space(p[i]))
		i++;
	if (i >= n || p[i] != '<')
		return 0;
	size_t end = n - i > HTML_SNIFF_BYTES ? i + HTML_SNIFF_BYTES : n;
	for (; i < end; i++) {
		if (p[i] != '<')
			continue;
		for (size_t m = 0; m < sizeof markers / sizeof *markers; m++) {
			size_t ml = strlen(markers[m]);
			if (n - i >= ml && strncasecmp(p + i, markers[m], ml) == 0) {
				/* "<header" is not "<head": the tag name must end. */
				char after = n - i > ml ? p[i + ml] : ' ';
				if (m == 0 || after == '>' || after == '/' || is_space(after))
					return 1;
			}
		}
	}
	return 0;
}

/* Counts the control characters and NULs of one byte. */
static void count_byte(unsigned char c, size_t *ctrl, size_t *nul)
{
	*nul += c == 0;
	if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1b)
		(*ctrl)++;
}

int chr_detect_binary(const char *p, size_t n)
{
	size_t ctrl = 0, nul = 0, i = 0;
#ifdef __SSE2__
	/* Sixty-four bytes at a time: a block is counted byte by byte only
	 * when it holds a byte below 0x20 other than '\n' (the blanks and
	 * ESC that count_byte allows are rare enough to be counted there).
	 * Every input file is sniffed, so this runs over 4 KB of each. */
	const __m128i c1f = _mm_set1_epi8(0x1F), nl = _mm_set1_epi8('\n');
	for (; i + 64 <= n; i += 64) {
		__m128i v0 = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
		__m128i v1 = _mm_loadu_si128((const __m128i *)(const void *)(p + i + 16));
		__m128i v2 = _mm_loadu_si128((const __m128i *)(const void *)(p + i + 32));
		__m128i v3 = _mm_loadu_si128((const __m128i *)(const void *)(p + i + 48));
		/* below 0x20 and not '\n': max(x, 0x1F) == 0x1F, x != '\n' */
		__m128i b0 = _mm_andnot_si128(_mm_cmpeq_epi8(v0, nl), _mm_cmpeq_epi8(_mm_max_epu8(v0, c1f), c1f));
		__m128i b1 = _mm_andnot_si128(_mm_cmpeq_epi8(v1, nl), _mm_cmpeq_epi8(_mm_max_epu8(v1, c1f), c1f));
		__m128i b2 = _mm_andnot_si128(_mm_cmpeq_epi8(v2, nl), _mm_cmpeq_epi8(_mm_max_epu8(v2, c1f), c1f));
		__m128i b3 = _mm_andnot_si128(_mm_cmpeq_epi8(v3, nl), _mm_cmpeq_epi8(_mm_max_epu8(v3, c1f), c1f));
		if (_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(b0, b1), _mm_or_si128(b2, b3))))
			for (size_t k = 0; k < 64; k++)
				count_byte((unsigned char)p[i + k], &ctrl, &nul);
	}
#endif
	for (; i < n; i++)
		count_byte((unsigned char)p[i], &ctrl, &nul);
	/* Text may hold a stray NUL or control character (the SPEC drops
	 * them); images, executables and UTF-16 are full of them. */
	return (ctrl >= 4 && ctrl * 10 > n) || (nul >= 2 && nul * 50 > n);
}
