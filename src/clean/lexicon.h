/*
 * lexicon.h - word tokens and the word lists the labeller looks up.
 *
 * The tokenizer is the hot loop of the plain-text path, so it is inline
 * and works on bytes: ASCII is case-folded by a table, the common two-byte
 * letters (Latin-1, Latin Extended-A, Cyrillic) are folded by arithmetic,
 * everything else above ASCII is hashed as it is.  No code point tables,
 * no utf8proc.  A token is hashed (64 bit) over its folded bytes, so
 * lexicon entries and text meet on the hash alone.  The labeller takes
 * its tokens in bulk (chr_tok_batch_lean): 64 bytes are classified at a
 * time into bit masks, and the byte-by-byte code below only sees tokens
 * that touch a byte above ASCII.
 *
 * Tokens are runs of letters and digits.  Separators are ASCII blanks and
 * punctuation, the apostrophe and hyphen (so "doesn't" is "doesn" "t" and
 * "mid-August" is "mid" "august"), Latin-1 symbols (U+0080..U+00BF) and the
 * U+2000..U+2FFF block (dashes, curly quotes, arrows).  A lowercase ASCII
 * letter followed by an uppercase one also ends a token, because scraped
 * text glues adjacent widgets ("CommentsNo comment").
 *
 * The tables (stop words, boilerplate phrases, agencies, months) are built
 * once per process from data/ (chr_lex_get) and are read-only afterwards,
 * so any number of threads may use them.
 */
#ifndef CHR_CLEAN_LEXICON_H
#define CHR_CLEAN_LEXICON_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>   /* baseline on x86-64 */
#endif

#define CHR_FNV_OFFSET 0xcbf29ce484222325ULL
#define CHR_FNV_PRIME 0x100000001b3ULL

enum {
	CHR_TOK_CAP = 1,      /* first letter uppercase */
	CHR_TOK_DIGIT = 2,    /* contains a digit */
	CHR_TOK_ALPHA = 4,    /* contains a letter */
	CHR_TOK_LOWER = 8,    /* contains a lowercase letter */
	CHR_TOK_CYR = 16,     /* contains a Cyrillic letter */
	CHR_TOK_LATIN = 32,   /* contains a Latin letter */
	CHR_TOK_UPPER2 = 64   /* at least two uppercase letters */
};

typedef struct chr_tok {
	uint64_t hash;      /* FNV-1a of the folded bytes */
	uint32_t start;     /* byte offset in the text */
	uint32_t len;       /* bytes in the text */
	uint32_t flags;     /* CHR_TOK_* */
} chr_tok;

/* Byte classes for the tokenizer. */
enum { CHR_BC_SEP = 0, CHR_BC_LOWER, CHR_BC_UPPER, CHR_BC_DIGIT, CHR_BC_HIGH };
extern const uint8_t chr_byte_class[256];

/* Token hashing: the folded bytes are packed eight at a time into a
 * word and mixed with one multiply, so the per-byte work is a table
 * lookup, a shift and an or (a per-byte FNV multiply chain cost 4x).
 * The length goes in by a multiply that does not wait for the chunks. */
#define CHR_TOK_K1 0x9E3779B97F4A7C15ULL
#define CHR_TOK_K2 0xC2B2AE3D27D4EB4FULL

static inline uint64_t chr_tok_mix(uint64_t h, uint64_t v)
{
	h = (h ^ v) * CHR_TOK_K1;
	return h ^ (h >> 32);
}

/* A little-endian 64-bit load's value, whatever the host order. */
static inline uint64_t chr_le64(uint64_t v)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	return __builtin_bswap64(v);
#else
	return v;
#endif
}

#if defined(__GNUC__) || defined(__clang__)
#define CHR_HOT_INLINE static inline __attribute__((always_inline))
#else
#define CHR_HOT_INLINE static inline
#endif

/*
 * The next token of s[0..len) at or after *pos: returns 1 and fills *t, or
 * 0 at the end.  *pos moves past the token.
 */
CHR_HOT_INLINE int chr_tok_next_ex(const char *text, size_t len, size_t *pos, chr_tok *t, int lean)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = *pos;
	/* Skip separators: ASCII punctuation, C2 xx (Latin-1 symbols) and
	 * E2 xx xx (general punctuation, arrows, symbols). */
	while (i < len) {
		unsigned c = s[i];
		uint8_t cls = chr_byte_class[c];
		if (cls == CHR_BC_SEP) {
			i++;
			continue;
		}
		if (cls == CHR_BC_HIGH && (c == 0xC2 || c == 0xE2)) {
			i += c == 0xC2 ? 2 : 3;
			continue;
		}
		break;
	}
	if (i >= len) {
		*pos = len;
		return 0;
	}
	/* Fast path: a token of ASCII letters and digits, hashed eight
	 * bytes at a time (OR 0x20 folds letters and leaves digits). */
	{
		size_t j = i;
		unsigned seen = 0, nup = 0, prev = 0;
		/* Eight bytes at a time: lanes of letters, digits, capitals
		 * and lowercase letters by carry-free byte arithmetic (every
		 * lane is below 0x80 after masking, so sums stay in their
		 * lane); the token ends at the first lane that is not a letter
		 * or digit, or at a capital right after a lowercase letter. */
		uint64_t carry = 0, any_lower = 0, any_upper = 0, any_digit = 0;
		/* The hash is built in the same loop: each chunk, folded and
		 * cut at the token's end, is mixed as it is scanned. */
		uint64_t h = CHR_FNV_OFFSET;
		size_t hashed = i;
		int stopped = 0;
		while (j + 8 <= len) {
			const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
			uint64_t v;
			memcpy(&v, s + j, 8);
			v = chr_le64(v);
			uint64_t x = v & ~highs, fx = x | 0x2020202020202020ULL;
			uint64_t ascii = ~v & highs;
			uint64_t letter = (fx + (0x80 - 0x61) * ones) & ~(fx + (0x80 - 0x7B) * ones) & ascii;
			uint64_t digit = (x + (0x80 - 0x30) * ones) & ~(x + (0x80 - 0x3A) * ones) & ascii;
			uint64_t lower = letter & (x << 2), upper = letter & ~(x << 2);
			uint64_t stop = (~(letter | digit) & highs) | (upper & ((lower << 8) | carry));
			uint64_t keep = ~0ULL;
			unsigned b = 8;
			if (stop) {
				b = (unsigned)__builtin_ctzll(stop) >> 3;
				keep = (1ULL << (8 * b)) - 1;   /* b <= 7 */
			} else {
				carry = (lower >> 56) & 0x80;
			}
			if (b)
				h = chr_tok_mix(h, fx & keep);
			j += b;
			hashed = j;
			if (!lean) {
				any_lower |= lower & keep;
				any_upper |= upper & keep;
			} else {
				any_lower |= letter & keep;   /* any letter */
			}
			any_digit |= digit & keep;
			/* Only "two or more capitals" matters: no popcount (a
			 * library call without -mpopcnt). */
			if (!lean) {
				uint64_t u = upper & keep;
				nup += (u != 0) + ((u & (u - 1)) != 0);
			}
			if (stop) {
				stopped = 1;
				break;
			}
		}
		seen |= ((unsigned)(any_lower != 0) << CHR_BC_LOWER) | ((unsigned)(any_upper != 0) << CHR_BC_UPPER) |
			((unsigned)(any_digit != 0) << CHR_BC_DIGIT);
		prev = carry ? CHR_BC_LOWER : 0;
		if (stopped)
			goto scanned;
		for (; j < len; j++) {
			unsigned cls = chr_byte_class[s[j]];
			if (cls == CHR_BC_SEP || cls == CHR_BC_HIGH)
				break;
			if (cls == CHR_BC_UPPER) {
				if (prev == CHR_BC_LOWER)
					break;
				nup++;
			}
			seen |= 1u << cls;
			prev = cls;
		}
	scanned:
		if (j >= len || s[j] < 0x80 || s[j] == 0xC2 || s[j] == 0xE2) {
			/* The rest (near the end of the text) byte by byte. */
			const unsigned char *p = s + hashed;
			size_t n = j - hashed;
			while (n) {
				uint64_t v = 0;
				size_t m = n < 8 ? n : 8;
				for (size_t k = 0; k < m; k++)
					v |= (uint64_t)(p[k] | 0x20) << (8 * k);
				h = chr_tok_mix(h, v);
				p += m;
				n -= m;
			}
			h ^= (uint64_t)(j - i) * CHR_TOK_K2;
			/* Flags by arithmetic: capitals and digits come and go at
			 * random, so branches on them would mispredict. */
			uint32_t alpha = (seen >> CHR_BC_LOWER | seen >> CHR_BC_UPPER) & 1;
			uint32_t flags = alpha * (CHR_TOK_ALPHA | CHR_TOK_LATIN) |
				((seen >> CHR_BC_LOWER) & 1) * CHR_TOK_LOWER |
				((seen >> CHR_BC_DIGIT) & 1) * CHR_TOK_DIGIT |
				(uint32_t)(chr_byte_class[s[i]] == CHR_BC_UPPER) * CHR_TOK_CAP |
				(uint32_t)(nup >= 2) * CHR_TOK_UPPER2;
			t->hash = h ^ (h >> 29);
			t->start = (uint32_t)i;
			t->len = (uint32_t)(j - i);
			t->flags = flags;
			*pos = j;
			return 1;
		}
	}
	uint64_t h = CHR_FNV_OFFSET, acc = 0;
	unsigned nb = 0;
	uint32_t flags = 0, nupper = 0, n = 0;
	size_t start = i;
	int prev_lower = 0;
#define CHR_TOK_PUSH(byte) do { \
		acc |= (uint64_t)(byte) << (8 * nb); \
		if (++nb == 8) { h = chr_tok_mix(h, acc); acc = 0; nb = 0; } \
		n++; \
	} while (0)
	while (i < len) {
		unsigned c = s[i];
		uint8_t cls = chr_byte_class[c];
		if (cls == CHR_BC_LOWER) {
			CHR_TOK_PUSH(c);
			i++;
			flags |= CHR_TOK_ALPHA | CHR_TOK_LOWER | CHR_TOK_LATIN;
			prev_lower = 1;
			continue;
		}
		if (cls == CHR_BC_UPPER) {
			if (prev_lower)
				break;
			if (i == start)
				flags |= CHR_TOK_CAP;
			nupper++;
			CHR_TOK_PUSH(c | 0x20);
			i++;
			flags |= CHR_TOK_ALPHA | CHR_TOK_LATIN;
			continue;
		}
		if (cls == CHR_BC_DIGIT) {
			CHR_TOK_PUSH(c);
			i++;
			flags |= CHR_TOK_DIGIT;
			prev_lower = 0;
			continue;
		}
		if (cls == CHR_BC_SEP || c == 0xC2 || c == 0xE2)
			break;
		/* A non-ASCII byte: fold the two-byte letters we know. */
		if (c >= 0xC3 && c <= 0xDF && i + 1 < len && (s[i + 1] & 0xC0) == 0x80) {
			unsigned cp = ((c & 0x1F) << 6) | (s[i + 1] & 0x3F);
			int upper = 0;
			if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) {
				cp += 0x20;
				upper = 1;
			} else if (cp >= 0x100 && cp <= 0x17F) {
				/* Latin Extended-A pairs upper/lower by parity, with
				 * two runs where the odd one is the capital. */
				int odd_upper = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
				if (cp == 0x130) {
					cp = 0x131;
					upper = 1;
				} else if (odd_upper ? (cp & 1) : !(cp & 1)) {
					if (cp != 0x138 && cp != 0x149 && cp != 0x178) {
						cp += 1;
						upper = 1;
					}
				}
			} else if (cp >= 0x400 && cp <= 0x40F) {
				cp += 0x50;
				upper = 1;
			} else if (cp >= 0x410 && cp <= 0x42F) {
				cp += 0x20;
				upper = 1;
			}
			if (cp >= 0x400 && cp <= 0x4FF)
				flags |= CHR_TOK_CYR;
			else if (cp >= 0xC0 && cp <= 0x24F)
				flags |= CHR_TOK_LATIN;
			if (upper) {
				if (prev_lower && i != start)
					break;
				if (i == start)
					flags |= CHR_TOK_CAP;
				nupper++;
				prev_lower = 0;
			} else {
				flags |= CHR_TOK_LOWER;
				prev_lower = 1;
			}
			flags |= CHR_TOK_ALPHA;
			CHR_TOK_PUSH(0xC0 | (cp >> 6));
			CHR_TOK_PUSH(0x80 | (cp & 0x3F));
			i += 2;
			continue;
		}
		/* Other scripts, and stray bytes: hashed as they are. */
		CHR_TOK_PUSH(c);
		i++;
		flags |= CHR_TOK_ALPHA;
		prev_lower = 0;
	}
#undef CHR_TOK_PUSH
	if (nb)
		h = chr_tok_mix(h, acc);
	h ^= (uint64_t)n * CHR_TOK_K2;
	if (nupper >= 2)
		flags |= CHR_TOK_UPPER2;
	t->hash = h ^ (h >> 29);
	t->start = (uint32_t)start;
	t->len = (uint32_t)(i - start);
	t->flags = flags;
	*pos = i;
	return 1;
}

/* The token with all its flags.  With SSE2, a pure-ASCII token that
 * starts and ends within 16 bytes of *pos (and 32 bytes are left) is cut
 * from bit masks; anything else goes byte by byte, with the same result. */
CHR_HOT_INLINE int chr_tok_next(const char *text, size_t len, size_t *pos, chr_tok *t)
{
#ifdef __SSE2__
	size_t i = *pos;
	if (i <= len && len - i >= 32) {
		const unsigned char *s = (const unsigned char *)text + i;
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
		/* Unsigned ranges by a shift into the bottom of the signed range. */
		__m128i let = _mm_cmplt_epi8(_mm_add_epi8(_mm_or_si128(v, _mm_set1_epi8(0x20)), _mm_set1_epi8(0x80 - 'a')),
					     _mm_set1_epi8((char)(0x80 + 26)));
		__m128i dig = _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8(0x80 - '0')), _mm_set1_epi8((char)(0x80 + 10)));
		uint32_t letter = (uint32_t)_mm_movemask_epi8(let), digit = (uint32_t)_mm_movemask_epi8(dig);
		uint32_t high = (uint32_t)_mm_movemask_epi8(v);
		uint32_t bit5 = (uint32_t)_mm_movemask_epi8(_mm_slli_epi16(v, 2));
		uint32_t word = letter | digit, cand = word | high;
		if (cand) {
			unsigned r = (unsigned)__builtin_ctz(cand);
			uint32_t upper = letter & ~bit5, lower = letter & bit5;
			/* Ends: a byte that is no ASCII letter or digit, or a
			 * capital after a lowercase letter; bits 16 and up are
			 * not looked at. */
			uint32_t ends = ((~word | (upper & (lower << 1))) & 0xFFFFu) & (~1u << r);
			if (!((high >> r) & 1) && ends) {
				unsigned e = (unsigned)__builtin_ctz(ends);
				if (!((high >> e) & 1)) {
					unsigned n = e - r;
					uint32_t in = (1u << e) - (1u << r), up = upper & in;
					const uint64_t fold = 0x2020202020202020ULL;
					uint64_t c0, h;
					memcpy(&c0, s + r, 8);
					c0 = chr_le64(c0) | fold;
					if (n <= 8) {
						h = chr_tok_mix(CHR_FNV_OFFSET, c0 & (~0ULL >> (64 - 8 * n)));
					} else {
						uint64_t c1;
						memcpy(&c1, s + r + 8, 8);
						c1 = (chr_le64(c1) | fold) & (~0ULL >> (128 - 8 * n));
						h = chr_tok_mix(chr_tok_mix(CHR_FNV_OFFSET, c0), c1);
					}
					h ^= (uint64_t)n * CHR_TOK_K2;
					t->hash = h ^ (h >> 29);
					t->start = (uint32_t)(i + r);
					t->len = n;
					t->flags = (uint32_t)((upper >> r) & 1) * CHR_TOK_CAP |
						(uint32_t)((letter & in) != 0) * (CHR_TOK_ALPHA | CHR_TOK_LATIN) |
						(uint32_t)((lower & in) != 0) * CHR_TOK_LOWER |
						(uint32_t)((digit & in) != 0) * CHR_TOK_DIGIT |
						(uint32_t)((up & (up - 1)) != 0) * CHR_TOK_UPPER2;
					*pos = i + e;
					return 1;
				}
			}
		}
	}
#endif
	return chr_tok_next_ex(text, len, pos, t, 0);
}

/*
 * The same for the labeller's hot loop: boundaries and hash are equal,
 * but only CHR_TOK_CAP, ALPHA, DIGIT, LATIN and CYR are reliable (the
 * ASCII path skips the lowercase and two-capitals bookkeeping).
 */
CHR_HOT_INLINE int chr_tok_next_lean(const char *text, size_t len, size_t *pos, chr_tok *t)
{
	return chr_tok_next_ex(text, len, pos, t, 1);
}

/*
 * The labeller's tokens in bulk: up to max tokens of text[0..len) from
 * *pos on, with the chr_tok_next_lean flags (CAP, ALPHA, DIGIT, LATIN,
 * CYR); returns how many, fewer than max only when the text ends (0 at
 * the end).  Same tokens, hashes and flags as chr_tok_next_lean, found 64
 * bytes at a time (SSE2 where there is one): pure-ASCII tokens are cut and
 * hashed from bit masks; a token touching a byte above ASCII, or longer
 * than the window, goes through chr_tok_next_lean.
 */
size_t chr_tok_batch_lean(const char *text, size_t len, size_t *pos, chr_tok *out, size_t max);

/* Hash of a whole string's folded tokens, for short keys (agency names). */
uint64_t chr_lex_key(const char *s, size_t len);

/* Languages with stop-word lists; bit i of a mask is chr_lex_lang_code(i). */
#define CHR_LEX_MAX_LANGS 8

/* Boilerplate phrase categories (data/boilerplate/<lang>.txt). */
enum { CHR_CAT_CHROME = 0, CHR_CAT_ERROR, CHR_CAT_LEGAL, CHR_CAT_RELATED, CHR_CAT_COUNT };

#define CHR_PHRASE_MAX 8

typedef struct chr_phrase {
	uint64_t tok[CHR_PHRASE_MAX];
	uint8_t ntok;
	uint8_t cat;
	int32_t next;         /* next phrase with the same last token, -1 ends */
} chr_phrase;

typedef struct chr_lexicon chr_lexicon;

/* A read-only hash set of token hashes with a small value each; key 0
 * marks an empty slot (a hash of 0 is stored as 1). */
typedef struct chr_hset {
	uint64_t *keys;
	uint32_t *vals;
	size_t mask;
	size_t n;
} chr_hset;

static inline size_t chr_hset_index(const chr_hset *s, uint64_t key)
{
	/* The high half of a token hash is the best mixed. */
	return (size_t)(key >> 32) & s->mask;
}

static inline int chr_hset_get(const chr_hset *s, uint64_t key, uint32_t *val)
{
	key = key ? key : 1;
	size_t i = chr_hset_index(s, key);
	for (;;) {
		uint64_t k = s->keys[i];
		if (k == key) {
			*val = s->vals[i];
			return 1;
		}
		if (!k)
			return 0;
		i = (i + 1) & s->mask;
	}
}

/* The value of key, 0 when absent; branch-free when the first slot
 * decides, which is nearly always at the sets' low load.  For the hot
 * loop, where a stop word or not is a coin toss the branch predictor
 * cannot learn. */
static inline uint32_t chr_hset_value(const chr_hset *s, uint64_t key)
{
	key = key ? key : 1;
	size_t i = chr_hset_index(s, key);
	uint64_t k = s->keys[i];
	uint32_t v = s->vals[i];
	if (__builtin_expect(k != key && k != 0, 0)) {
		uint32_t w;
		return chr_hset_get(s, key, &w) ? w : 0;
	}
	return k == key ? v : 0;
}

/* The process-wide lexicon, built on first use; NULL only on ENOMEM. */
const chr_lexicon *chr_lex_get(void);

/* The stop words again as a compact table for the hot loop: 4096 slots
 * of 32 bits (16 KB, so it stays in the L1 cache), each a 24-bit
 * fingerprint of the hash and the 8-bit language mask; 0 is empty. */
#define CHR_STOPTAB_SIZE 4096

static inline uint32_t chr_stoptab_fp(uint64_t hash)
{
	return ((uint32_t)hash & 0xFFFFFFu) | 1u;
}

static inline size_t chr_stoptab_index(uint64_t hash)
{
	return (size_t)(hash >> 32) & (CHR_STOPTAB_SIZE - 1);
}

/* The language mask of a token, 0 for none; branch-free unless the first
 * two slots hold other words (rare at this load).  The table has one slot
 * more than its size, a copy of slot 0, so the second probe needs no
 * wrap-around. */
static inline uint32_t chr_stoptab_mask(const uint32_t *tab, uint64_t hash)
{
	uint32_t fp = chr_stoptab_fp(hash);
	size_t i = chr_stoptab_index(hash);
	uint32_t e0 = tab[i], e1 = tab[i + 1];
	/* Linear probing: a word in slot i + 1 means slot i is taken, and
	 * the word can only lie further on past two full slots.  Selects
	 * rather than branches: a stop word or not is a coin toss the
	 * branch predictor cannot learn. */
	uint32_t r = (e1 >> 8) == fp ? e1 : 0;
	r = e0 ? r : 0;
	r = (e0 >> 8) == fp ? e0 : r;
	if (__builtin_expect((r == 0) & (e0 != 0) & (e1 != 0), 0)) {
		i = (i + 2) & (CHR_STOPTAB_SIZE - 1);
		uint32_t e = tab[i];
		while ((e >> 8) != fp && e != 0) {
			i = (i + 1) & (CHR_STOPTAB_SIZE - 1);
			e = tab[i];
		}
		return (e >> 8) == fp ? (e & 0xFF) : 0;
	}
	return r & 0xFF;
}

/* The table of CHR_STOPTAB_SIZE + 1 slots. */
const uint32_t *chr_lex_stoptab(const chr_lexicon *lex);

/* The stop-word set (value: language mask) and a 65536-bit filter of
 * phrase-final tokens (bit (hash >> 48)), for the inline hot loop. */
const chr_hset *chr_lex_stop_set(const chr_lexicon *lex);
const uint64_t *chr_lex_phrase_filter(const chr_lexicon *lex);

static inline int chr_lex_maybe_phrase_end(const uint64_t *filter, uint64_t hash)
{
	unsigned b = (unsigned)(hash >> 48);
	return (int)((filter[b >> 6] >> (b & 63)) & 1);
}

/* Stop-word language mask of a token hash (0: not a stop word). */
unsigned chr_lex_stop(const chr_lexicon *lex, uint64_t hash);

/*
 * The language of text with these counts: stops[i] stop words of language
 * i among `words` tokens, `cyr` and `latin` tokens in each script.  Returns
 * a language code, or NULL when the evidence is too thin ("und").
 */
const char *chr_lex_lang_decide(const chr_lexicon *lex, const uint32_t *stops, uint32_t words,
				uint32_t cyr, uint32_t latin);

/* Number of languages and the code of language i ("en", ...). */
unsigned chr_lex_nlangs(const chr_lexicon *lex);
const char *chr_lex_lang_code(const chr_lexicon *lex, unsigned i);

/* First phrase whose last token has this hash, or NULL; follow ->next
 * with chr_lex_phrase_at. */
const chr_phrase *chr_lex_phrase_ending(const chr_lexicon *lex, uint64_t hash);
const chr_phrase *chr_lex_phrase_at(const chr_lexicon *lex, int32_t index);

/* The same tables for the labeller's hot loop, looked up inline: the set
 * of phrase-final tokens (value: index of the first phrase ending there)
 * and the phrases themselves (*n of them). */
const chr_hset *chr_lex_phrase_end_set(const chr_lexicon *lex);
const chr_phrase *chr_lex_phrases(const chr_lexicon *lex, size_t *n);

/* Month number 1..12 of a token, or 0; *needs_cap is set when the word is
 * a month only when capitalised (English "May", German "Mai"). */
int chr_lex_month(const chr_lexicon *lex, uint64_t hash, int *needs_cap);

/* Canonical outlet name for an agency spelling key (chr_lex_key), or NULL. */
const char *chr_lex_agency(const chr_lexicon *lex, uint64_t key);

/* Calls fn for every agency spelling (for substring search in notices). */
void chr_lex_each_agency(const chr_lexicon *lex,
			 int (*fn)(void *ctx, const char *spelling, const char *canonical), void *ctx);

#endif
