/*
 * dateline.c - clean stage: datelines at the start of stories and dates
 * written with their year, for the article date and its basis.
 *
 * Works on the lexicon's tokens plus a look at the bytes between them
 * (commas, slashes, parentheses), so it needs no regular expressions and
 * reads at most the first few dozen tokens of a paragraph.
 */
#include "clean/dateline.h"

#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>   /* baseline on x86-64 */
#endif

#define MAX_TOKS 16

/* Tokens are cut on demand: most paragraphs are ruled out by their first
 * two or three tokens, so cutting all sixteen up front was most of the
 * cost of asking every paragraph whether it is a dateline. */
typedef struct toks {
	chr_tok t[MAX_TOKS];
	int n;          /* tokens cut so far */
	int done;       /* the text (or MAX_TOKS) is exhausted */
	const char *s;
	size_t len, pos;
} toks;

static void toks_init(toks *tk, const char *s, size_t len)
{
	tk->n = 0;
	tk->done = 0;
	tk->s = s;
	tk->len = len;
	tk->pos = 0;
}

/* True when token i exists, cutting tokens up to it as needed. */
static int tk_has(toks *tk, int i)
{
	while (tk->n <= i && !tk->done) {
		if (tk->n < MAX_TOKS && chr_tok_next(tk->s, tk->len, &tk->pos, &tk->t[tk->n]))
			tk->n++;
		else
			tk->done = 1;
	}
	return i < tk->n;
}

/* All tokens (up to MAX_TOKS); returns how many. */
static int tk_all(toks *tk)
{
	tk_has(tk, MAX_TOKS);
	return tk->n;
}

static void tokenize(const char *s, size_t len, toks *out)
{
	toks_init(out, s, len);
	tk_all(out);
}

/* The value of a day-of-month token ("3", "03", "3rd", "1er"), or 0. */
static int day_value(const char *s, const chr_tok *t)
{
	const char *p = s + t->start;
	size_t n = t->len, i = 0;
	int v = 0;
	while (i < n && i < 2 && p[i] >= '0' && p[i] <= '9')
		v = v * 10 + (p[i++] - '0');
	if (i == 0)
		return 0;
	if (i < n) {
		size_t rest = n - i;
		const char *r = p + i;
		int ok = (rest == 2 && (!strncmp(r, "st", 2) || !strncmp(r, "nd", 2) ||
					!strncmp(r, "rd", 2) || !strncmp(r, "th", 2) || !strncmp(r, "er", 2)));
		if (!ok)
			return 0;
	}
	return v >= 1 && v <= 31 ? v : 0;
}

static int year_value(const char *s, const chr_tok *t)
{
	if (t->len != 4)
		return 0;
	int v = 0;
	for (size_t i = 0; i < 4; i++) {
		char c = s[t->start + i];
		if (c < '0' || c > '9')
			return 0;
		v = v * 10 + (c - '0');
	}
	return v >= 1900 && v <= 2100 ? v : 0;
}

static int month_value(const chr_lexicon *lex, const chr_tok *t)
{
	int needs_cap = 0;
	int m = chr_lex_month(lex, t->hash, &needs_cap);
	if (m && needs_cap && !(t->flags & CHR_TOK_CAP))
		return 0;
	return m;
}

/* True if the bytes s[a..b) contain c. */
static int gap_has(const char *s, size_t a, size_t b, char c)
{
	for (size_t i = a; i < b; i++)
		if (s[i] == c)
			return 1;
	return 0;
}

/* Parses a date at token i: Month Day, Day Month, Day. Month, each with an
 * optional year.  Returns the number of tokens used, 0 if none. */
static int parse_date(const chr_lexicon *lex, const char *s, toks *tk, int i, int *y, int *m, int *d)
{
	*y = *m = *d = 0;
	if (!tk_has(tk, i))
		return 0;
	int used = 0;
	int mv = month_value(lex, &tk->t[i]);
	if (mv) {
		*m = mv;
		used = 1;
		if (tk_has(tk, i + 1) && (*d = day_value(s, &tk->t[i + 1])) != 0)
			used = 2;
	} else {
		int dv = day_value(s, &tk->t[i]);
		if (dv && tk_has(tk, i + 1) && (mv = month_value(lex, &tk->t[i + 1])) != 0) {
			*d = dv;
			*m = mv;
			used = 2;
		}
	}
	if (!used)
		return 0;
	if (tk_has(tk, i + used) && (*y = year_value(s, &tk->t[i + used])) != 0)
		used++;
	return used;
}

/* Reads "/AGENCY/" or "(AGENCY)" starting at s[*at] (after blanks and
 * dots); copies it to out and moves *at past it. */
static int read_agency(const char *s, size_t len, size_t *at, char *out, size_t cap)
{
	size_t i = *at;
	while (i < len && (s[i] == ' ' || s[i] == '.' || s[i] == ','))
		i++;
	if (i >= len || (s[i] != '/' && s[i] != '('))
		return 0;
	char close = s[i] == '/' ? '/' : ')';
	size_t j = i + 1;
	while (j < len && j - i <= 48 && s[j] != close && s[j] != '\n')
		j++;
	if (j >= len || s[j] != close || j == i + 1 || j - i - 1 >= cap)
		return 0;
	/* An agency is a name: starts with a letter (any script). */
	unsigned char c0 = (unsigned char)s[i + 1];
	if (!(c0 >= 0x80 || (c0 >= 'A' && c0 <= 'Z') || (c0 >= 'a' && c0 <= 'z')))
		return 0;
	memcpy(out, s + i + 1, j - i - 1);
	out[j - i - 1] = '\0';
	*at = j + 1;
	return 1;
}

/* Moves past the punctuation that closes a dateline: dots, blanks,
 * colons, hyphens and UTF-8 dashes. */
static size_t skip_closing(const char *s, size_t len, size_t i)
{
	for (;;) {
		if (i < len && (s[i] == ' ' || s[i] == '.' || s[i] == ':' || s[i] == '-' || s[i] == ',' || s[i] == '/'))
			i++;
		else if (i + 2 < len && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
			 ((unsigned char)s[i + 2] == 0x93 || (unsigned char)s[i + 2] == 0x94))
			i += 3;
		else
			return i;
	}
}

/* Place tokens: 1..4 capitalised tokens, each no longer than a place name
 * gets; returns how many precede a comma or "(" (0: no place). */
static int place_tokens(const char *s, toks *tk, int *sep_paren)
{
	for (int k = 0; k < 4 && tk_has(tk, k); k++) {
		const chr_tok *t = &tk->t[k];
		if (!(t->flags & CHR_TOK_CAP) || (t->flags & CHR_TOK_DIGIT) || t->len > 40)
			return 0;
		size_t gap_end = tk_has(tk, k + 1) ? tk->t[k + 1].start : t->start + t->len;
		size_t a = t->start + t->len;
		if (gap_has(s, a, gap_end, ',')) {
			*sep_paren = 0;
			return k + 1;
		}
		if (gap_has(s, a, gap_end, '(')) {
			*sep_paren = 1;
			return k + 1;
		}
		/* Only blanks or a hyphen may join the words of one place. */
		for (size_t i = a; i < gap_end; i++)
			if (s[i] != ' ' && s[i] != '-' && s[i] != '.')
				return 0;
	}
	return 0;
}

static int all_upper(const toks *tk, int n)
{
	for (int k = 0; k < n; k++) {
		uint32_t f = tk->t[k].flags;
		if ((f & CHR_TOK_LOWER) || !(f & CHR_TOK_ALPHA))
			return 0;
	}
	return 1;
}

/* Up to 6 capitalised words (with "the", "of" style connectors allowed
 * lower-case between them) from token i to the end: a place after a date. */
static int place_tail(toks *tk, int i, size_t len, const char *s)
{
	int words = 0;
	tk_all(tk);
	for (int k = i; k < tk->n; k++) {
		const chr_tok *t = &tk->t[k];
		if (t->flags & CHR_TOK_CAP)
			words++;
		else if (t->len > 3 || (t->flags & CHR_TOK_DIGIT))
			return 0;
	}
	(void)len;
	(void)s;
	return tk->n < MAX_TOKS && words <= 6;
}

int chr_dateline_parse(const chr_lexicon *lex, const char *s, size_t len, chr_dateline *out)
{
	toks tk;
	int y, m, d;
	memset(out, 0, sizeof *out);
	/* A dateline is short: the first 200 bytes and 16 tokens hold it. */
	toks_init(&tk, s, len < 200 ? len : 200);
	if (!tk_has(&tk, 0))
		return 0;
	/* Date first: "December 3, 2025, The Kremlin, Moscow". */
	int used = parse_date(lex, s, &tk, 0, &y, &m, &d);
	if (used && (d || y)) {
		if (!tk_has(&tk, used) || place_tail(&tk, used, len, s)) {
			out->year = y;
			out->month = m;
			out->day = d;
			out->end = len;
			out->whole = len < 200;
			return out->whole;
		}
		return 0;
	}
	/* Place first: "MOSCOW, December 11. /TASS/." or "WASHINGTON (AP) -". */
	int paren = 0;
	int np = place_tokens(s, &tk, &paren);
	if (!np)
		return 0;
	size_t at = tk.t[np - 1].start + tk.t[np - 1].len;
	if (paren) {
		if (!all_upper(&tk, np) || !read_agency(s, len, &at, out->agency, sizeof out->agency))
			return 0;
	} else {
		used = parse_date(lex, s, &tk, np, &y, &m, &d);
		if (!used || (!d && !y))
			return 0;
		out->year = y;
		out->month = m;
		out->day = d;
		const chr_tok *last = &tk.t[np + used - 1];
		at = last->start + last->len;
		read_agency(s, len, &at, out->agency, sizeof out->agency);
		/* A title-case place needs the date to stand apart from the
		 * sentence: "Moscow, December 3, 2025" alone, or an agency. */
		if (!all_upper(&tk, np) && !out->agency[0]) {
			size_t rest = skip_closing(s, len, at);
			if (rest < len)
				return 0;
		}
	}
	out->end = skip_closing(s, len, at);
	out->whole = out->end >= len;
	return 1;
}

void chr_dates_latest(const chr_lexicon *lex, const char *s, size_t len, long *best)
{
	size_t pos = 0;
	chr_tok t;
	/* The two previous tokens: month or day values, kept as we stream. */
	int m1 = 0, d1 = 0, m2 = 0, d2 = 0;
	while (chr_tok_next(s, len, &pos, &t)) {
		int y = (t.flags & CHR_TOK_DIGIT) && !(t.flags & CHR_TOK_ALPHA) ? year_value(s, &t) : 0;
		if (y) {
			long v = 0;
			if (m1)
				v = y * 10000L + m1 * 100L + (d2 ? d2 : 0);
			else if (d1 && m2)
				v = y * 10000L + m2 * 100L + d1;
			if (v > *best)
				*best = v;
		}
		int m = (t.flags & CHR_TOK_ALPHA) ? month_value(lex, &t) : 0;
		int d = (t.flags & CHR_TOK_DIGIT) ? day_value(s, &t) : 0;
		m2 = m1;
		d2 = d1;
		m1 = m;
		d1 = d;
	}
}

/* Checks a credit's name s[0..n): known (canonical copied) or capitals. */
static int credit_name(const chr_lexicon *lex, const char *s, size_t n, char *out, size_t cap,
		       int *known, int allow_unknown)
{
	/* allow_unknown: 0 known names only, 1 also capitals ("ILKHA"),
	 * 2 also capitalised words ("Harbour Post"). */
	if (n == 0 || n >= cap || n > 48)
		return 0;
	const char *canon = chr_lex_agency(lex, chr_lex_key(s, n));
	if (canon) {
		size_t cn = strlen(canon);
		if (cn >= cap)
			return 0;
		memcpy(out, canon, cn + 1);
		if (known)
			*known = 1;
		return 1;
	}
	if (!allow_unknown)
		return 0;
	toks tk;
	tokenize(s, n, &tk);
	if (tk.n == 0 || tk.n > 4 || n > 40)
		return 0;
	int titled = allow_unknown >= 2 && tk.n <= 4;
	for (int k = 0; k < tk.n; k++) {
		uint32_t f = tk.t[k].flags;
		int caps = !(f & CHR_TOK_LOWER) && (f & CHR_TOK_ALPHA) && (f & CHR_TOK_UPPER2);
		int word = (f & CHR_TOK_CAP) && (f & CHR_TOK_ALPHA) && !(f & CHR_TOK_DIGIT);
		if (!caps && !(titled && word))
			return 0;
	}
	memcpy(out, s, n);
	out[n] = '\0';
	if (known)
		*known = 0;
	return 1;
}

/* True when p[0..n), n <= 64, holds '-' or 0xE2 (the lead byte of the
 * en and em dashes).  Runs for every paragraph, so with SSE2 it is up to
 * four overlapping 16-byte loads inside p[0..n) rather than two memchr
 * calls. */
static int has_dash_byte(const char *p, size_t n)
{
#ifdef __SSE2__
	if (n >= 16) {
		const __m128i dash = _mm_set1_epi8('-'), lead = _mm_set1_epi8((char)0xE2);
		__m128i any = _mm_setzero_si128();
		for (size_t i = 0;; i += 16) {
			size_t at = i + 16 <= n ? i : n - 16;
			__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + at));
			any = _mm_or_si128(any, _mm_or_si128(_mm_cmpeq_epi8(v, dash), _mm_cmpeq_epi8(v, lead)));
			if (at + 16 >= n)
				break;
		}
		return _mm_movemask_epi8(any) != 0;
	}
#endif
	for (size_t i = 0; i < n; i++)
		if (p[i] == '-' || (unsigned char)p[i] == 0xE2)
			return 1;
	return 0;
}

int chr_credit_trailing(const chr_lexicon *lex, const char *s, size_t len, char *out, size_t cap,
			int *known)
{
	size_t e = len;
	while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == '.'))
		e--;
	if (e < 3)
		return 0;
	if (s[e - 1] == ')') {
		size_t o = e - 1;
		while (o > 0 && e - o < 50 && s[o - 1] != '(' && s[o - 1] != ')')
			o--;
		if (o == 0 || s[o - 1] != '(')
			return 0;
		/* What precedes: start of text, or a blank after a sentence
		 * (unknown names) or after anything (known agencies). */
		size_t b = o - 1;
		int after_sentence = b == 0;
		if (b > 0 && s[b - 1] == ' ') {
			size_t q = b - 1;
			while (q > 0 && s[q - 1] == ' ')
				q--;
			unsigned char c = q > 0 ? (unsigned char)s[q - 1] : '.';
			after_sentence = c == '.' || c == '!' || c == '?' || c == '"' ||
				(q >= 3 && (unsigned char)s[q - 3] == 0xE2 && (c == 0x9D || c == 0x99));
		} else if (b > 0) {
			return 0;
		}
		return credit_name(lex, s + o, e - 1 - o, out, cap, known, after_sentence);
	}
	/* "... text. — Reuters" or "- AFP": a dash, then a known name.
	 * Most paragraphs have neither '-' nor the lead byte of an en or em
	 * dash in their last 50 bytes (the scan below looks at 48 bytes and
	 * a dash's lead byte up to two before): has_dash_byte rules them
	 * out without the scan. */
	size_t w0 = e > 50 ? e - 50 : 0;
	if (!has_dash_byte(s + w0, e - w0))
		return 0;
	size_t d = e;
	while (d > 0 && e - d < 48) {
		unsigned char c = (unsigned char)s[d - 1];
		if (c == '-' || (d >= 3 && (unsigned char)s[d - 3] == 0xE2 && (unsigned char)s[d - 2] == 0x80 &&
				 (c == 0x93 || c == 0x94)))
			break;
		d--;
	}
	if (d == 0 || e - d >= 48)
		return 0;
	if (d < len && s[d] != ' ')
		return 0;   /* a hyphenated word, not a dash */
	size_t nb = d;
	while (nb < e && s[nb] == ' ')
		nb++;
	return credit_name(lex, s + nb, e - nb, out, cap, known, 0);
}

int chr_credit_leading(const chr_lexicon *lex, const char *s, size_t len, char *out, size_t cap,
		       int *known)
{
	if (len < 4 || s[0] != '(')
		return 0;
	size_t c = 1;
	while (c < len && c < 50 && s[c] != ')' && s[c] != '(')
		c++;
	if (c >= len || s[c] != ')' || (c + 1 < len && s[c + 1] != ' '))
		return 0;
	return credit_name(lex, s + 1, c - 1, out, cap, known, 2);
}
