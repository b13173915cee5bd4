/*
 * fold.c - the matching form of a word: lowercase, no diacritics.
 *
 * Dictionary lookups, alias links and the tagger all compare words through
 * this one function, so "Erdoğan" in the text finds "Erdogan" in a list.
 * ASCII (nearly every byte of English news) is folded by table; only
 * non-ASCII code points go through utf8proc, one code point at a time,
 * which needs no allocation.
 */
#include <string.h>

#include <utf8proc.h>
#define XXH_INLINE_ALL  /* short keys: the call itself would cost more than the hash */
#include <xxhash.h>

#include "analyze/token.h"
#include "util/utf8.h"

/* Letters that Unicode does not decompose into base + mark, yet a reader
 * would write without the stroke when typing in ASCII. */
static uint32_t fold_unstroked(uint32_t cp)
{
	switch (cp) {
	case 0x00F8: return 'o';  /* ø */
	case 0x0142: return 'l';  /* ł */
	case 0x0111: return 'd';  /* đ */
	case 0x0131: return 'i';  /* dotless ı */
	case 0x0127: return 'h';  /* ħ */
	case 0x2019: case 0x2018: case 0x02BC: case 0x0060: case 0x00B4:
		return '\'';          /* apostrophes and their look-alikes */
	default: return 0;
	}
}

static size_t fold_put(char *out, size_t cap, size_t n, const char *bytes, size_t k)
{
	if (n + k >= cap)
		return n;
	memcpy(out + n, bytes, k);
	return n + k;
}

static size_t fold_code_point(uint32_t cp, char *out, size_t cap, size_t n)
{
	utf8proc_int32_t parts[8];
	int boundclass = 0;
	char enc[4];
	uint32_t plain = fold_unstroked(cp);
	if (plain) {
		enc[0] = (char)plain;
		return fold_put(out, cap, n, enc, 1);
	}
	utf8proc_ssize_t np = utf8proc_decompose_char((utf8proc_int32_t)cp, parts, 8,
		UTF8PROC_CASEFOLD | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_COMPAT, &boundclass);
	if (np < 0 || np > 8) {
		size_t k = chr_utf8_encode(cp, enc);
		return fold_put(out, cap, n, enc, k);
	}
	for (utf8proc_ssize_t i = 0; i < np; i++) {
		uint32_t p = (uint32_t)parts[i];
		uint32_t q = fold_unstroked(p);
		if (q)
			p = q;
		size_t k = chr_utf8_encode(p, enc);
		n = fold_put(out, cap, n, enc, k);
	}
	return n;
}

size_t chr_fold(const char *s, size_t len, char *out, size_t cap)
{
	size_t n = 0, i = 0;
	if (cap == 0)
		return 0;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			if (n + 1 >= cap)
				break;
			out[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
			i++;
			continue;
		}
		uint32_t cp = chr_utf8_next(s, len, &i);
		n = fold_code_point(cp, out, cap, n);
	}
	out[n] = '\0';
	return n;
}

/* Lowercases the ASCII letters of eight bytes at once: a byte in 'A'..'Z'
 * gains 0x20.  The caller has checked that no byte has its high bit set. */
static inline uint64_t lower8(uint64_t x)
{
	const uint64_t ones = 0x0101010101010101ull;
	uint64_t ge_a = x + ones * (0x80 - 'A');
	uint64_t gt_z = x + ones * (0x80 - 'Z' - 1);
	uint64_t upper = ge_a & ~gt_z & (ones * 0x80);
	return x | (upper >> 2);
}

uint64_t chr_fold_hash(const char *s, size_t len)
{
	/* Tokens longer than this are junk (base64, runs of letters); hashing
	 * their first part keeps the cost bounded and their keys distinct
	 * enough to never match a dictionary word. */
	char buf[256 + 8];
	size_t n = len < 255 ? len : 255;
	for (size_t i = 0; i < n; i += 8) {
		uint64_t x = 0;
		memcpy(&x, s + i, n - i < 8 ? n - i : 8);
		if (x & 0x8080808080808080ull) {
			n = chr_fold(s, len, buf, 256);
			break;
		}
		x = lower8(x);
		memcpy(buf + i, &x, 8);
	}
	return XXH3_64bits(buf, n) ^ (len > 255 ? (uint64_t)len : 0);
}
