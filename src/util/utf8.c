/*
 * utf8.c - UTF-8 repair and small Unicode helpers (see utf8.h).
 *
 * Hand-written rather than utf8proc because repair must be byte-exact and
 * run at read speed: the ASCII fast path copies whole runs with one memcpy.
 */
#include "util/utf8.h"

#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>   /* baseline on x86-64 */
#endif

/* Length of a valid sequence starting at s[0], or 0 if invalid
 * (overlong forms, surrogates and code points above U+10FFFF included). */
static size_t valid_sequence(const unsigned char *s, size_t avail)
{
	unsigned char c = s[0];
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		return avail >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
	if (c >= 0xE0 && c <= 0xEF) {
		if (avail < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
			return 0;
		if (c == 0xE0 && s[1] < 0xA0)
			return 0;
		if (c == 0xED && s[1] >= 0xA0)
			return 0;
		return 3;
	}
	if (c >= 0xF0 && c <= 0xF4) {
		if (avail < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 ||
		    (s[3] & 0xC0) != 0x80)
			return 0;
		if (c == 0xF0 && s[1] < 0x90)
			return 0;
		if (c == 0xF4 && s[1] >= 0x90)
			return 0;
		return 4;
	}
	return 0;
}

static int is_dropped_ascii(unsigned char c)
{
	return (c < 0x20 && c != '\n' && c != '\t') || c == 0x7F;
}

/* True when none of the 8 bytes in x is below 0x20 or above 0x7E: a word
 * of printable ASCII, the bulk of most text (classic SWAR byte tests). */
static int word_is_printable(uint64_t x)
{
	const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
	uint64_t below = (x - ones * 0x20) & ~x & high;
	uint64_t above = ((x + ones * (0x7F - 0x7E)) | x) & high;
	return !(below | above);
}

chr_status chr_utf8_sanitize(const char *in, size_t len, chr_buf *out)
{
	const unsigned char *s = (const unsigned char *)in;
	size_t i = 0;
	chr_status st = chr_buf_reserve(out, len);
	if (st != CHR_OK)
		return st;
	if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
		i = 3;
	while (i < len) {
		/* The longest run that is copied unchanged: printable ASCII, '\n',
		 * '\t' and valid multi-byte sequences other than C1 controls, so
		 * that clean text costs one append however much of it is not ASCII. */
		size_t run = i;
		for (;;) {
			uint64_t w;
#ifdef __SSE2__
			/* Sixteen bytes at a time: a byte needs a look when it is
			 * below 0x20 (but not '\n' or '\t'), DEL, or above ASCII
			 * (signed compare: those are negative). */
			/* Thirty-two bytes at a time first: clean text runs for
			 * kilobytes, and a block with something to look at is
			 * then searched sixteen bytes at a time.  A byte is fine
			 * when it is printable ASCII (0x20..0x7E: signed
			 * compares, bytes above ASCII are negative), '\n' or
			 * '\t'. */
			while (run + 32 <= len) {
				const __m128i lo = _mm_set1_epi8(0x1F), hi = _mm_set1_epi8(0x7F),
					nl = _mm_set1_epi8('\n'), tab = _mm_set1_epi8('\t');
				__m128i v0 = _mm_loadu_si128((const __m128i *)(const void *)(s + run));
				__m128i v1 = _mm_loadu_si128((const __m128i *)(const void *)(s + run + 16));
				__m128i ok0 = _mm_or_si128(_mm_and_si128(_mm_cmpgt_epi8(v0, lo), _mm_cmplt_epi8(v0, hi)),
							   _mm_or_si128(_mm_cmpeq_epi8(v0, nl), _mm_cmpeq_epi8(v0, tab)));
				__m128i ok1 = _mm_or_si128(_mm_and_si128(_mm_cmpgt_epi8(v1, lo), _mm_cmplt_epi8(v1, hi)),
							   _mm_or_si128(_mm_cmpeq_epi8(v1, nl), _mm_cmpeq_epi8(v1, tab)));
				if (_mm_movemask_epi8(_mm_and_si128(ok0, ok1)) != 0xFFFF)
					break;
				run += 32;
			}
			while (run + 16 <= len) {
				__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + run));
				__m128i low = _mm_cmplt_epi8(v, _mm_set1_epi8(0x20));
				__m128i fine = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n')),
							    _mm_cmpeq_epi8(v, _mm_set1_epi8('\t')));
				__m128i look = _mm_or_si128(_mm_andnot_si128(fine, low),
							    _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F)));
				unsigned mask = (unsigned)_mm_movemask_epi8(look);
				if (mask) {
					run += (size_t)__builtin_ctz(mask);
					break;
				}
				run += 16;
			}
#endif
			while (run + 8 <= len && (memcpy(&w, s + run, 8), word_is_printable(w)))
				run += 8;
			while (run < len && (s[run] >= 0x20 ? s[run] < 0x7F : (s[run] == '\n' || s[run] == '\t')))
				run++;
			if (run == len || s[run] < 0x80)
				break;
			size_t n = valid_sequence(s + run, len - run);
			if (n == 0 || (n == 2 && s[run] == 0xC2 && s[run + 1] < 0xA0))
				break;
			run += n;
		}
		if (run > i) {
			if ((st = chr_buf_append(out, s + i, run - i)) != CHR_OK)
				return st;
			i = run;
			continue;
		}
		unsigned char c = s[i];
		if (c == '\r') {
			st = chr_buf_putc(out, '\n');
			i += (i + 1 < len && s[i + 1] == '\n') ? 2 : 1;
		} else if (c < 0x80) {
			if (!is_dropped_ascii(c))
				st = chr_buf_putc(out, (char)c);
			i++;
		} else {
			size_t n = valid_sequence(s + i, len - i);
			if (n == 0) {
				st = chr_buf_append(out, "\xEF\xBF\xBD", 3);
				i++;
			} else if (n == 2 && c == 0xC2 && s[i + 1] < 0xA0) {
				i += 2;  /* C1 control */
			} else {
				st = chr_buf_append(out, s + i, n);
				i += n;
			}
		}
		if (st != CHR_OK)
			return st;
	}
	return CHR_OK;
}

uint32_t chr_utf8_next(const char *str, size_t len, size_t *pos)
{
	const unsigned char *s = (const unsigned char *)str + *pos;
	size_t n = valid_sequence(s, len - *pos);
	uint32_t cp;
	switch (n) {
	case 1: cp = s[0]; break;
	case 2: cp = ((uint32_t)(s[0] & 0x1F) << 6) | (s[1] & 0x3F); break;
	case 3: cp = ((uint32_t)(s[0] & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F); break;
	case 4: cp = ((uint32_t)(s[0] & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12) |
		     ((uint32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F); break;
	default: cp = CHR_REPLACEMENT_CHAR; n = 1; break;
	}
	*pos += n;
	return cp;
}

size_t chr_utf8_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;
	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = CHR_REPLACEMENT_CHAR;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

int chr_is_space_cp(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' ||
	       cp == '\v' || cp == 0xA0 || cp == 0x1680 ||
	       (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 ||
	       cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

int chr_is_invisible_cp(uint32_t cp)
{
	return cp == 0xAD || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 ||
	       cp == 0xFEFF;
}

/* 1 for the ASCII bytes that are white space in text. */
static const unsigned char ascii_space[128] = {
	['\t'] = 1, ['\n'] = 1, ['\v'] = 1, ['\f'] = 1, ['\r'] = 1, [' '] = 1,
};

size_t chr_collapse_space_into(const char *s, size_t len, char *out)
{
	/* One pass, branch-free for ASCII: every byte is written, and the
	 * output position only advances past a blank that does not follow
	 * another blank (prev_space starts at 1 to drop leading blanks).
	 * This runs over every paragraph of every document, so it must cost
	 * about as much as a copy. */
	size_t n = 0, i = 0;
	unsigned prev_space = 1;
	while (i < len) {
#ifdef __SSE2__
		/* Sixteen bytes at a time: printable ASCII and isolated
		 * spaces are copied as they are, up to the first byte that
		 * needs a look.  The last few bytes of a paragraph go through
		 * a zero-padded copy (0 needs a look), so the scalar code only
		 * sees the bytes it must. */
		if (!prev_space && len - i >= 32) {
			/* The same, 32 bytes at a time (most of a paragraph). */
			__m128i v0 = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
			__m128i v1 = _mm_loadu_si128((const __m128i *)(const void *)(s + i + 16));
			const __m128i low = _mm_set1_epi8(0x21), blank = _mm_set1_epi8(' ');
			uint32_t bad = (uint32_t)_mm_movemask_epi8(_mm_cmplt_epi8(v0, low)) |
				(uint32_t)_mm_movemask_epi8(_mm_cmplt_epi8(v1, low)) << 16;
			if (bad) {
				uint32_t sp = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v0, blank)) |
					(uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v1, blank)) << 16;
				bad = (bad & ~sp) | (sp & ((bad >> 1) | 0x80000000u));
			}
			_mm_storeu_si128((__m128i *)(void *)(out + n), v0);
			_mm_storeu_si128((__m128i *)(void *)(out + n + 16), v1);
			unsigned k = bad ? (unsigned)__builtin_ctz(bad) : 32;
			n += k;
			i += k;
			if (k)
				continue;
		} else if (!prev_space) {
			size_t avail = len - i;
			__m128i v;
			if (avail >= 16) {
				v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
			} else {
				unsigned char pad[16] = {0};
				memcpy(pad, s + i, avail);
				v = _mm_loadu_si128((const __m128i *)(const void *)pad);
			}
			/* Signed: bytes above ASCII are negative, so one compare
			 * finds them and the blanks and controls. */
			unsigned bad = (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(v, _mm_set1_epi8(0x21)));
			if (bad) {
				unsigned sp = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')));
				/* A space is fine unless the next byte needs a look or
				 * it is the last of the sixteen. */
				bad = (bad & ~sp) | (sp & ((bad >> 1) | 0x8000u));
			}
			unsigned k = bad ? (unsigned)__builtin_ctz(bad) : 16;
			/* n <= i, so a 16-byte store stays inside the caller's
			 * len bytes while 16 are left to read. */
			if (avail >= 16)
				_mm_storeu_si128((__m128i *)(void *)(out + n), v);
			else
				memcpy(out + n, s + i, k);
			n += k;
			i += k;
			if (k)
				continue;
		}
#endif
		/* Eight printable ASCII bytes with no blank but maybe single
		 * spaces between words are copied as they are. */
		if (i + 8 <= len && !prev_space) {
			const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
			uint64_t v;
			memcpy(&v, s + i, 8);
			/* lanes >= 0x80, lanes < 0x21 (blanks, controls) */
			uint64_t bad = (v | (((v & ~highs) + (0x80 - 0x21) * ones) ^ highs)) & highs;
			uint64_t bad_nospace = bad;
			if (bad) {
				/* Allow isolated spaces: a space lane whose next lane is fine
				 * and that is not the last lane. */
				uint64_t sp = v ^ (0x20 * ones);
				uint64_t is_sp = ~(((sp & ~highs) + 0x7F * ones) | sp) & highs;
				uint64_t other = bad & ~is_sp;
				uint64_t next_sp_or_bad = (bad >> 8) | (highs & 0xFF00000000000000ULL);
				bad_nospace = other | (is_sp & next_sp_or_bad);
			}
			if (!bad_nospace) {
				memcpy(out + n, s + i, 8);
				n += 8;
				i += 8;
				continue;
			}
		}
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			unsigned sp = ascii_space[c];
			out[n] = sp ? ' ' : (char)c;
			n += !(sp & prev_space);
			prev_space = sp;
			i++;
			continue;
		}
		/* A run of characters above ASCII, one by one: the wide path
		 * only pays off again at the next ASCII byte. */
		do {
			size_t at = i;
			uint32_t cp = chr_utf8_next(s, len, &i);
			if (chr_is_space_cp(cp)) {
				out[n] = ' ';
				n += !prev_space;
				prev_space = 1;
			} else if (!chr_is_invisible_cp(cp)) {
				/* One to four bytes: no library call for a letter. */
				size_t m = i - at;
				out[n] = s[at];
				if (m > 1) {
					out[n + 1] = s[at + 1];
					if (m > 2) {
						out[n + 2] = s[at + 2];
						if (m > 3)
							out[n + 3] = s[at + 3];
					}
				}
				n += m;
				prev_space = 0;
			}
		} while (i < len && (unsigned char)s[i] >= 0x80);
	}
	if (n && out[n - 1] == ' ' && prev_space)
		n--;
	return n;
}

chr_status chr_collapse_space(const char *s, size_t len, chr_buf *out)
{
	chr_status st = chr_buf_reserve(out, len);
	if (st != CHR_OK)
		return st;
	out->len += chr_collapse_space_into(s, len, out->data + out->len);
	out->data[out->len] = '\0';
	return CHR_OK;
}
