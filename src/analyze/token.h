/*
 * token.h - words and sentences of a cleaned document's text.
 *
 * The analyze stage tokenises doc->text once; entities, times, quotes and
 * events all read the same token array.  Offsets are UTF-8 byte offsets
 * into that text.  Every token carries a 64-bit key: the hash of its folded
 * form (lowercase, diacritics removed), so "Erdoğan", "ERDOGAN" and
 * "erdogan" share a key and dictionary lookups never touch the bytes again.
 */
#ifndef CHR_ANALYZE_TOKEN_H
#define CHR_ANALYZE_TOKEN_H

#include <stddef.h>
#include <stdint.h>

#include "chronicle.h"
#include "util/arena.h"

typedef enum chr_tok_kind {
	CHR_TOK_WORD = 0,   /* letters, maybe with inner ' - . (O'Brien, three-day, U.S.) */
	CHR_TOK_NUMBER,     /* digits, maybe with inner . , : / - (3.5, 1,000, 10:30, 2025-12-03) */
	CHR_TOK_PUNCT,      /* . , ; : ! ? ... dashes brackets */
	CHR_TOK_QUOTE,      /* " ' “ ” ‘ ’ « » „ as quotation marks */
	CHR_TOK_SYMBOL      /* $ % & @ # and anything else */
} chr_tok_kind;

enum {
	CHR_TF_UPPER = 1 << 0,       /* first letter is uppercase (or titlecase) */
	CHR_TF_ALL_UPPER = 1 << 1,   /* two or more letters, all uppercase */
	CHR_TF_DIGIT = 1 << 2,       /* contains a digit */
	CHR_TF_ABBREV = 1 << 3,      /* ends with a period that belongs to it: Mr. U.S. Dec. J. */
	CHR_TF_SPACE_BEFORE = 1 << 4,/* white space between this token and the previous one */
	CHR_TF_PARA_START = 1 << 5,  /* first token of a paragraph */
	CHR_TF_SENT_START = 1 << 6,  /* first token of a sentence */
	CHR_TF_NON_ASCII = 1 << 7,   /* has bytes >= 0x80 */
	CHR_TF_HYPHEN = 1 << 8,      /* word with an inner hyphen: three-day, mid-August */
	CHR_TF_OPEN = 1 << 9,        /* opening quote or bracket */
	CHR_TF_CLOSE = 1 << 10,      /* closing quote or bracket */
	CHR_TF_POSSESSIVE = 1 << 11  /* the split-off 's / ’s / ' of a possessive */
};

typedef struct chr_token {
	uint32_t start, end;  /* bytes [start, end) of the text */
	uint64_t key;         /* chr_fold_hash of the token's text */
	uint32_t sentence;    /* index into chr_tokens.sent */
	uint16_t kind;        /* chr_tok_kind */
	uint16_t flags;       /* CHR_TF_* */
} chr_token;

typedef struct chr_sentence {
	uint32_t start, end;          /* bytes, trimmed */
	uint32_t tok_begin, tok_end;  /* tokens [tok_begin, tok_end) */
	uint32_t paragraph;           /* 0-based paragraph index */
} chr_sentence;

typedef struct chr_tokens {
	const char *text;
	size_t len;
	chr_token *tok;
	size_t n;
	chr_sentence *sent;
	size_t nsent;
} chr_tokens;

/*
 * Tokenises text[0..len) (UTF-8; paragraphs separated by "\n\n") into
 * arena-owned arrays.  Input longer than 4 GiB is CHR_ELIMIT.  A sentence
 * never crosses a paragraph break.
 */
chr_status chr_tokenize(chr_arena *arena, const char *text, size_t len, chr_tokens *out);

/*
 * Writes the folded form of s[0..len) to out (at most cap-1 bytes, always
 * NUL-terminated) and returns its length: ASCII letters lowercased directly;
 * other characters case-folded with diacritics stripped (utf8proc), so
 * "Erdoğan" -> "erdogan", "Ünal" -> "unal", "Кремль" -> "кремль".
 * Curly apostrophes become "'".
 */
size_t chr_fold(const char *s, size_t len, char *out, size_t cap);

/* The hash of chr_fold(s, len): equal folded forms give equal keys. */
uint64_t chr_fold_hash(const char *s, size_t len);

/* Combines token keys into a key for a sequence of tokens (n-gram lookups). */
static inline uint64_t chr_key_combine(uint64_t seq, uint64_t tok)
{
	return (seq ^ tok) * 0x9E3779B97F4A7C15ull + 0x632BE59BD9B4E019ull;
}

/* The text of token i (not NUL-terminated) and its length. */
static inline const char *chr_token_text(const chr_tokens *t, size_t i, size_t *len)
{
	*len = t->tok[i].end - t->tok[i].start;
	return t->text + t->tok[i].start;
}

#endif
