/*
 * token.c - splits a document's text into tokens and sentences.
 *
 * One left-to-right pass over the bytes.  ASCII is classified by table;
 * other code points by their Unicode category (utf8proc), so Cyrillic and
 * Latin with diacritics are words like any other.  The rules that matter
 * for news: periods that belong to a word (Mr., U.S., Dec., J.), possessive
 * 's split off so "Trump's" yields the name "Trump", hyphenated words kept
 * whole (three-day, mid-August), numbers kept whole (3.5, 1,000, 10:30,
 * 2025-12-03), and quote marks told apart from apostrophes.  Sentences end
 * at . ! ? ... when the next token could start a sentence, and always at a
 * paragraph break.
 */
#include <string.h>

#include <utf8proc.h>

#include "analyze/token.h"
#include "util/utf8.h"

/* Words whose trailing period is part of them, not the end of a sentence
 * (folded, without the period).  Titles never end a sentence; the others
 * do when a typical sentence opener follows. */
static const char *const title_abbrevs[] = {
	"mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "cmdr", "adm", "gov",
	"sen", "rep", "st", "rev", "hon", "pres", "amb", "maj", "cpl", "pvt", "supt", "insp",
	"messrs", "mme", "mlle", "sr", "jr", "fr", "no", "nos", "vs", "v", "mt", "ft", "fig",
	"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
	NULL
};
static const char *const other_abbrevs[] = {
	"inc", "corp", "co", "ltd", "bros", "etc", "approx", "dept", "est", "univ", "assn", "ave",
	"blvd", "rd", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
	"al", "cf", "ca", "min", "max", "govt", "intl", "natl",
	NULL
};
/* Capitalised words that usually open a sentence: after "U.S." or "Inc."
 * they mean the abbreviation also ended the sentence. */
static const char *const sentence_openers[] = {
	"the", "he", "she", "it", "they", "we", "i", "in", "on", "but", "and", "this", "that", "a",
	"an", "there", "as", "at", "for", "after", "when", "while", "his", "her", "their", "our",
	"its", "if", "however", "meanwhile", "earlier", "later", "according", "some", "many",
	NULL
};

static int class_of_ascii(unsigned char c);
static unsigned char ascii_class[128];

static uint64_t title_keys[64], other_keys[64], opener_keys[64];
static size_t ntitle, nother, nopener;

static size_t fill_keys(const char *const *words, uint64_t *keys)
{
	size_t n = 0;
	for (; words[n]; n++)
		keys[n] = chr_fold_hash(words[n], strlen(words[n]));
	return n;
}

#include <pthread.h>
static pthread_once_t keys_once = PTHREAD_ONCE_INIT;
static void keys_init(void)
{
	ntitle = fill_keys(title_abbrevs, title_keys);
	nother = fill_keys(other_abbrevs, other_keys);
	nopener = fill_keys(sentence_openers, opener_keys);
	for (int c = 0; c < 128; c++)
		ascii_class[c] = (unsigned char)class_of_ascii((unsigned char)c);
}

static int key_in(uint64_t key, const uint64_t *keys, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (keys[i] == key)
			return 1;
	return 0;
}

/* Character classes. */
enum { C_SPACE, C_NEWLINE, C_LETTER, C_UPPER, C_DIGIT, C_MARK, C_QUOTE_OPEN, C_QUOTE_CLOSE,
       C_QUOTE_STRAIGHT, C_APOS, C_OPEN, C_CLOSE, C_DASH, C_PUNCT, C_SYMBOL };

typedef struct scan_char {
	uint32_t cp;
	int cls;
	size_t len;  /* bytes */
} scan_char;

static int class_of_unicode(uint32_t cp)
{
	switch (cp) {
	case 0x201C: case 0x00AB: case 0x201E: case 0x2039: case 0x201F: return C_QUOTE_OPEN;
	case 0x201D: case 0x00BB: case 0x203A: return C_QUOTE_CLOSE;
	case 0x2018: case 0x201A: return C_QUOTE_OPEN;
	case 0x2019: case 0x02BC: return C_APOS;
	case 0x2026: return C_PUNCT;
	case 0x00A0: case 0x2009: case 0x202F: case 0x200A: case 0x2002: case 0x2003: return C_SPACE;
	case 0x2028: case 0x2029: return C_NEWLINE;
	default: break;
	}
	switch (utf8proc_category((utf8proc_int32_t)cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LT: return C_UPPER;
	case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: return C_LETTER;
	case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME: return C_MARK;
	case UTF8PROC_CATEGORY_ND: return C_DIGIT;
	case UTF8PROC_CATEGORY_PD: return C_DASH;
	case UTF8PROC_CATEGORY_PS: return C_OPEN;
	case UTF8PROC_CATEGORY_PE: return C_CLOSE;
	case UTF8PROC_CATEGORY_PI: return C_QUOTE_OPEN;
	case UTF8PROC_CATEGORY_PF: return C_QUOTE_CLOSE;
	case UTF8PROC_CATEGORY_ZS: return C_SPACE;
	case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP: return C_NEWLINE;
	case UTF8PROC_CATEGORY_PC: case UTF8PROC_CATEGORY_PO: return C_PUNCT;
	case UTF8PROC_CATEGORY_CF: case UTF8PROC_CATEGORY_CC: return C_SPACE;
	default: return C_SYMBOL;
	}
}

static int class_of_ascii(unsigned char c)
{
	if (c >= 'a' && c <= 'z') return C_LETTER;
	if (c >= 'A' && c <= 'Z') return C_UPPER;
	if (c >= '0' && c <= '9') return C_DIGIT;
	switch (c) {
	case ' ': case '\t': case '\r': case '\f': case '\v': return C_SPACE;
	case '\n': return C_NEWLINE;
	case '"': return C_QUOTE_STRAIGHT;
	case '\'': case '`': return C_APOS;
	case '(': case '[': case '{': return C_OPEN;
	case ')': case ']': case '}': return C_CLOSE;
	case '-': return C_DASH;
	case '.': case ',': case ';': case ':': case '!': case '?': case '/': return C_PUNCT;
	default: return c < 0x20 ? C_SPACE : C_SYMBOL;
	}
}

static inline scan_char peek(const char *s, size_t len, size_t pos)
{
	scan_char ch = { 0, C_SPACE, 0 };
	if (pos >= len)
		return ch;
	unsigned char c = (unsigned char)s[pos];
	if (c < 0x80) {
		ch.cp = c;
		ch.cls = ascii_class[c];
		ch.len = 1;
		return ch;
	}
	size_t p = pos;
	ch.cp = chr_utf8_next(s, len, &p);
	ch.len = p - pos;
	ch.cls = class_of_unicode(ch.cp);
	return ch;
}

static int is_letter(int cls) { return cls == C_LETTER || cls == C_UPPER; }
static int is_wordish(int cls) { return is_letter(cls) || cls == C_DIGIT || cls == C_MARK; }

typedef struct tok_builder {
	chr_arena *arena;
	chr_token *tok;
	size_t n, cap;
	chr_sentence *sent;
	size_t nsent, sent_cap;
} tok_builder;

static int grow_array(chr_arena *arena, void **items, size_t *cap, size_t elem)
{
	size_t ncap = *cap ? *cap * 2 : 64;
	void *fresh = chr_arena_alloc(arena, ncap * elem);
	if (!fresh)
		return 0;
	if (*cap)
		memcpy(fresh, *items, *cap * elem);
	*items = fresh;
	*cap = ncap;
	return 1;
}

/* Scans a run of word characters from pos; returns the end.  Inner
 * apostrophes and hyphens join when a word character follows; a final
 * "'s" is left for the possessive token. */
static size_t scan_word(const char *s, size_t len, size_t pos, uint16_t *flags)
{
	for (;;) {
		/* fast path: the ASCII letters and digits that make up most words */
		while (pos < len) {
			unsigned char b = (unsigned char)s[pos];
			if ((unsigned char)((b | 0x20) - 'a') < 26)
				pos++;
			else if ((unsigned char)(b - '0') < 10) {
				*flags |= CHR_TF_DIGIT;
				pos++;
			} else
				break;
		}
		scan_char c = peek(s, len, pos);
		if (c.len && is_wordish(c.cls)) {
			if (c.cls == C_DIGIT)
				*flags |= CHR_TF_DIGIT;
			if (c.cp >= 0x80)
				*flags |= CHR_TF_NON_ASCII;
			pos += c.len;
			continue;
		}
		if (c.len && (c.cls == C_APOS || c.cls == C_DASH || c.cp == 0x2011) && c.cp != 0x2014 &&
		    c.cp != 0x2013) {
			scan_char next = peek(s, len, pos + c.len);
			if (!next.len || !is_wordish(next.cls))
				return pos;
			if (c.cls == C_APOS) {
				/* "'s" closing the word is a possessive, split off */
				scan_char after = peek(s, len, pos + c.len + next.len);
				if ((next.cp == 's' || next.cp == 'S') && (!after.len || !is_wordish(after.cls)))
					return pos;
			} else {
				*flags |= CHR_TF_HYPHEN;
			}
			if (c.cp >= 0x80)
				*flags |= CHR_TF_NON_ASCII;
			pos += c.len;
			continue;
		}
		return pos;
	}
}

/* "U.S.", "a.m.", "U.K.": single letters each followed by a period. */
static size_t scan_dotted(const char *s, size_t len, size_t pos)
{
	size_t p = pos, letters = 0;
	for (;;) {
		scan_char c = peek(s, len, p);
		if (!c.len || !is_letter(c.cls))
			break;
		scan_char dot = peek(s, len, p + c.len);
		if (dot.cp != '.')
			break;
		scan_char after = peek(s, len, p + c.len + 1);
		if (after.len && is_wordish(after.cls) && !(is_letter(after.cls) &&
		    peek(s, len, p + c.len + 1 + after.len).cp == '.'))
			break;
		p += c.len + 1;
		letters++;
	}
	return letters >= 2 ? p : pos;
}

static size_t scan_number(const char *s, size_t len, size_t pos, uint16_t *flags)
{
	*flags |= CHR_TF_DIGIT;
	for (;;) {
		scan_char c = peek(s, len, pos);
		if (c.len && c.cls == C_DIGIT) {
			pos += c.len;
			continue;
		}
		if (c.len && (c.cp == '.' || c.cp == ',' || c.cp == ':' || c.cp == '/' || c.cp == '-')) {
			scan_char next = peek(s, len, pos + 1);
			if (next.len && next.cls == C_DIGIT) {
				pos += 1;
				continue;
			}
			if (c.cp == '-' && next.len && is_letter(next.cls)) {
				/* 27-point, 3-day: a word that starts with a number */
				*flags |= CHR_TF_HYPHEN;
				return scan_word(s, len, pos + 1, flags);
			}
			return pos;
		}
		if (c.len && is_letter(c.cls))  /* 1990s, 10th, 5pm */
			return scan_word(s, len, pos, flags);
		return pos;
	}
}

static int all_upper(const char *s, size_t start, size_t end)
{
	size_t letters = 0;
	if (end - start >= 2 && (unsigned char)(s[start + 1] - 'a') < 26)
		return 0;  /* the usual case, "Putin": decided by the second byte */
	for (size_t p = start; p < end;) {
		scan_char c = peek(s, end, p);
		if (c.cls == C_LETTER)
			return 0;
		if (c.cls == C_UPPER)
			letters++;
		p += c.len ? c.len : 1;
	}
	return letters >= 2;
}

/* Whether the token just closed (an abbreviation or .!?) ends a sentence,
 * judged by the token that follows. */
static int ends_sentence(const chr_tokens *t, size_t end_tok, size_t next_tok)
{
	const chr_token *e = &t->tok[end_tok], *n = &t->tok[next_tok];
	int starts_like_sentence = (n->flags & CHR_TF_UPPER) || n->kind == CHR_TOK_NUMBER ||
		((n->flags & CHR_TF_OPEN) && (n->kind == CHR_TOK_QUOTE || n->kind == CHR_TOK_PUNCT));
	if (!(n->flags & CHR_TF_SPACE_BEFORE) || !starts_like_sentence)
		return 0;
	if (e->kind != CHR_TOK_WORD)
		return 1;
	/* an abbreviation: titles and initials never end a sentence */
	size_t len = e->end - e->start;
	uint64_t key = chr_fold_hash(t->text + e->start, len - 1);
	if (len == 2 || key_in(key, title_keys, ntitle))
		return 0;
	return key_in(n->key, opener_keys, nopener);
}

static int push_token(tok_builder *b, const char *s, size_t start, size_t end, int kind,
		      uint16_t flags)
{
	if (b->n == b->cap && !grow_array(b->arena, (void **)&b->tok, &b->cap, sizeof *b->tok))
		return 0;
	chr_token *t = &b->tok[b->n++];
	t->start = (uint32_t)start;
	t->end = (uint32_t)end;
	t->kind = (uint16_t)kind;
	t->flags = flags;
	t->sentence = 0;
	t->key = chr_fold_hash(s + start, end - start);
	return 1;
}

static int push_sentence(tok_builder *b, const chr_tokens *t, size_t tok_begin, size_t tok_end,
			 uint32_t paragraph)
{
	if (tok_end <= tok_begin)
		return 1;
	if (b->nsent == b->sent_cap &&
	    !grow_array(b->arena, (void **)&b->sent, &b->sent_cap, sizeof *b->sent))
		return 0;
	chr_sentence *st = &b->sent[b->nsent];
	st->start = b->tok[tok_begin].start;
	st->end = b->tok[tok_end - 1].end;
	st->tok_begin = (uint32_t)tok_begin;
	st->tok_end = (uint32_t)tok_end;
	st->paragraph = paragraph;
	for (size_t i = tok_begin; i < tok_end; i++)
		b->tok[i].sentence = (uint32_t)b->nsent;
	b->tok[tok_begin].flags |= CHR_TF_SENT_START;
	b->nsent++;
	(void)t;
	return 1;
}

static int is_sentence_final(const chr_tokens *t, const chr_token *k)
{
	if (k->kind == CHR_TOK_WORD)
		return (k->flags & CHR_TF_ABBREV) != 0;
	if (k->kind != CHR_TOK_PUNCT)
		return 0;
	const char *c = t->text + k->start;
	return *c == '.' || *c == '!' || *c == '?' ||
	       (k->end - k->start == 3 && memcmp(c, "\xE2\x80\xA6", 3) == 0);  /* … */
}

/* Splits the finished token array into sentences. */
static int split_sentences(tok_builder *b, chr_tokens *t)
{
	size_t begin = 0;
	uint32_t paragraph = 0;
	for (size_t i = 0; i < b->n; i++) {
		if (i > begin && (b->tok[i].flags & CHR_TF_PARA_START)) {
			if (!push_sentence(b, t, begin, i, paragraph))
				return 0;
			begin = i;
		}
		if (b->tok[i].flags & CHR_TF_PARA_START && i > 0)
			paragraph++;
		if (!is_sentence_final(t, &b->tok[i]))
			continue;
		/* closing quotes and brackets stay with the sentence they close */
		size_t last = i;
		while (last + 1 < b->n && (b->tok[last + 1].flags & CHR_TF_CLOSE) &&
		       !(b->tok[last + 1].flags & CHR_TF_SPACE_BEFORE))
			last++;
		if (last + 1 >= b->n || (b->tok[last + 1].flags & CHR_TF_PARA_START))
			continue;
		if (ends_sentence(t, i, last + 1)) {
			if (!push_sentence(b, t, begin, last + 1, paragraph))
				return 0;
			begin = last + 1;
			i = last;
		}
	}
	return push_sentence(b, t, begin, b->n, paragraph);
}

/* A straight quote opens when nothing word-like touches it on the left. */
static int straight_quote_opens(const char *s, size_t len, size_t pos, int space_before)
{
	if (space_before || pos == 0)
		return 1;
	(void)len;
	unsigned char c = (unsigned char)s[pos - 1];
	return c == '(' || c == '[' || c == '{' || c == '-' || c == '/';
}

chr_status chr_tokenize(chr_arena *arena, const char *text, size_t len, chr_tokens *out)
{
	tok_builder b = { arena, NULL, 0, 0, NULL, 0, 0 };
	memset(out, 0, sizeof *out);
	out->text = text;
	out->len = len;
	if (len >= UINT32_MAX)
		return CHR_ELIMIT;
	pthread_once(&keys_once, keys_init);

	size_t pos = 0;
	int space_before = 0, para_start = 1;
	while (pos < len) {
		scan_char c = peek(text, len, pos);
		if (c.cls == C_SPACE || c.cls == C_NEWLINE) {
			size_t newlines = 0;
			while (pos < len) {
				c = peek(text, len, pos);
				if (c.cls != C_SPACE && c.cls != C_NEWLINE)
					break;
				newlines += c.cls == C_NEWLINE;
				pos += c.len;
			}
			space_before = 1;
			if (newlines >= 2 && b.n)
				para_start = 1;
			continue;
		}
		size_t start = pos, end;
		int kind;
		uint16_t flags = (uint16_t)((space_before ? CHR_TF_SPACE_BEFORE : 0) |
					    (para_start ? CHR_TF_PARA_START : 0));
		if (is_letter(c.cls) || c.cls == C_MARK) {
			kind = CHR_TOK_WORD;
			end = scan_dotted(text, len, pos);
			if (end > pos) {
				flags |= CHR_TF_ABBREV;
			} else {
				end = scan_word(text, len, pos, &flags);
				if (peek(text, len, end).cp == '.' && peek(text, len, end + 1).cp != '.' &&
				    !(flags & CHR_TF_HYPHEN)) {
					uint64_t key = chr_fold_hash(text + pos, end - pos);
					int initial = c.cls == C_UPPER && end - pos == c.len;
					if (initial || key_in(key, title_keys, ntitle) || key_in(key, other_keys, nother)) {
						/* "Dec. 3" and "Mr. Smith" yes; "in Dec." at a
						 * sentence end keeps the period too: ends_sentence
						 * decides from what follows */
						end++;
						flags |= CHR_TF_ABBREV;
					}
				}
			}
			if (c.cls == C_UPPER)
				flags |= CHR_TF_UPPER;
			if (all_upper(text, pos, end))
				flags |= CHR_TF_ALL_UPPER;
		} else if (c.cls == C_DIGIT) {
			end = scan_number(text, len, pos, &flags);
			kind = CHR_TOK_NUMBER;
			for (size_t p = pos; p < end; p++) {
				unsigned char lower = (unsigned char)text[p] | 0x20;
				if ((lower >= 'a' && lower <= 'z') || (unsigned char)text[p] >= 0x80) {
					kind = CHR_TOK_WORD;  /* 1990s, 10th, 27-point */
					break;
				}
			}
		} else if (c.cls == C_APOS && b.n && !space_before &&
			   b.tok[b.n - 1].kind == CHR_TOK_WORD) {
			/* possessive: Trump's, the Kremlin’s, the countries' */
			scan_char s1 = peek(text, len, pos + c.len);
			scan_char s2 = peek(text, len, pos + c.len + s1.len);
			char lastc = text[b.tok[b.n - 1].end - 1];
			if ((s1.cp == 's' || s1.cp == 'S') && (!s2.len || !is_wordish(s2.cls))) {
				end = pos + c.len + 1;
				kind = CHR_TOK_WORD;
				flags |= CHR_TF_POSSESSIVE;
			} else if ((lastc == 's' || lastc == 'S') && (!s1.len || !is_wordish(s1.cls))) {
				end = pos + c.len;
				kind = CHR_TOK_WORD;
				flags |= CHR_TF_POSSESSIVE;
			} else {
				end = pos + c.len;
				kind = CHR_TOK_QUOTE;
				flags |= CHR_TF_CLOSE;
			}
		} else if (c.cls == C_APOS || c.cls == C_QUOTE_OPEN || c.cls == C_QUOTE_CLOSE ||
			   c.cls == C_QUOTE_STRAIGHT) {
			end = pos + c.len;
			kind = CHR_TOK_QUOTE;
			if (c.cls == C_QUOTE_OPEN)
				flags |= CHR_TF_OPEN;
			else if (c.cls == C_QUOTE_CLOSE)
				flags |= CHR_TF_CLOSE;
			else if (c.cls == C_APOS && c.cp == 0x2019)
				flags |= CHR_TF_CLOSE;
			else
				flags |= straight_quote_opens(text, len, pos, space_before) ? CHR_TF_OPEN : CHR_TF_CLOSE;
		} else if (c.cls == C_OPEN || c.cls == C_CLOSE) {
			end = pos + c.len;
			kind = CHR_TOK_PUNCT;
			flags |= c.cls == C_OPEN ? CHR_TF_OPEN : CHR_TF_CLOSE;
		} else if (c.cls == C_PUNCT || c.cls == C_DASH) {
			end = pos + c.len;
			/* "...", "--", "?!" stay one token */
			while (end < len && text[end] == text[pos] && c.len == 1 &&
			       (text[pos] == '.' || text[pos] == '-' || text[pos] == '!' || text[pos] == '?'))
				end++;
			kind = CHR_TOK_PUNCT;
		} else {
			end = pos + c.len;
			kind = CHR_TOK_SYMBOL;
		}
		if (end <= start)
			end = start + (c.len ? c.len : 1);
		if (!push_token(&b, text, start, end, kind, flags))
			return CHR_ENOMEM;
		pos = end;
		space_before = 0;
		para_start = 0;
	}
	out->tok = b.tok;
	out->n = b.n;
	if (!split_sentences(&b, out))
		return CHR_ENOMEM;
	out->sent = b.sent;
	out->nsent = b.nsent;
	return CHR_OK;
}
