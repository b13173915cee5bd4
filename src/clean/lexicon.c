/*
 * lexicon.c - clean stage: the word lists behind paragraph labels and
 * metadata, loaded once from data/ (stop words, boilerplate phrases,
 * agency names) plus the month names of the languages we parse dates in.
 *
 * All tables are open-addressing hash sets keyed by token hashes; they are
 * built once under pthread_once and never change, so lookups need no lock.
 * Their memory lives for the whole process (a few hundred KB at most).
 * It comes from plain malloc, not chr_malloc: a build that failed under
 * injected faults would stay failed for every later test in the process.
 */
#include "clean/lexicon.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/data.h"

#ifdef __SSE2__
#include <emmintrin.h>   /* baseline on x86-64; other targets take the SWAR path */
#endif

#define B CHR_BC_SEP
#define L CHR_BC_LOWER
#define U CHR_BC_UPPER
#define D CHR_BC_DIGIT
#define H CHR_BC_HIGH
const uint8_t chr_byte_class[256] = {
	/* 0x00 */ B, B, B, B, B, B, B, B, B, B, B, B, B, B, B, B,
	/* 0x10 */ B, B, B, B, B, B, B, B, B, B, B, B, B, B, B, B,
	/* 0x20 */ B, B, B, B, B, B, B, B, B, B, B, B, B, B, B, B,
	/* 0x30 */ D, D, D, D, D, D, D, D, D, D, B, B, B, B, B, B,
	/* 0x40 */ B, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U,
	/* 0x50 */ U, U, U, U, U, U, U, U, U, U, U, B, B, B, B, B,
	/* 0x60 */ B, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L,
	/* 0x70 */ L, L, L, L, L, L, L, L, L, L, L, B, B, B, B, B,
	/* 0x80 */ H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
	/* 0x90 */ H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
	/* 0xA0 */ H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
	/* 0xB0 */ H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
	/* 0xC0 */ H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
	/* 0xD0 */ H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
	/* 0xE0 */ H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
	/* 0xF0 */ H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
};
#undef B
#undef L
#undef U
#undef D
#undef H

/* Key 0 is empty; a real hash of 0 is stored as 1 (one false match in
 * 2^64 is fine). */
typedef chr_hset hset;

typedef struct agency {
	uint64_t key;
	const char *spelling;   /* as written in the data file */
	const char *canonical;
} agency;

struct chr_lexicon {
	hset stop;              /* value: language mask */
	hset phrase_end;        /* value: index of the first phrase ending there */
	hset month;             /* value: month | 0x100 if it needs a capital */
	hset agency_keys;       /* value: index into agencies */
	uint64_t phrase_filter[1024];
	uint32_t stoptab[CHR_STOPTAB_SIZE + 1];   /* + a copy of slot 0 (chr_stoptab_mask) */
	chr_phrase *phrases;
	size_t nphrases, phrases_alloc;
	agency *agencies;
	size_t nagencies, agencies_alloc;
	char langs[CHR_LEX_MAX_LANGS][8];
	unsigned nlangs;
	int failed;
};

static chr_lexicon the_lexicon;
static pthread_once_t the_once = PTHREAD_ONCE_INIT;

static uint64_t nonzero(uint64_t h)
{
	return h ? h : 1;
}

static int hset_init(hset *s, size_t expected)
{
	size_t cap = 64;
	while (cap < expected * 3)
		cap <<= 1;
	s->keys = calloc(cap, sizeof *s->keys);
	s->vals = calloc(cap, sizeof *s->vals);
	s->mask = cap - 1;
	s->n = 0;
	return s->keys && s->vals ? 0 : -1;
}

/* The slot of key: its own if present, else the empty one to fill. */
static size_t hset_slot(const hset *s, uint64_t key)
{
	size_t i = chr_hset_index(s, key);
	while (s->keys[i] && s->keys[i] != key)
		i = (i + 1) & s->mask;
	return i;
}

#define hset_get chr_hset_get

/* Inserts or finds key; returns a pointer to its value (new ones are 0),
 * or NULL when the set is full (sets are sized for their data first). */
static uint32_t *hset_put(hset *s, uint64_t key, int *fresh)
{
	key = nonzero(key);
	if ((s->n + 1) * 2 > s->mask + 1)
		return NULL;
	size_t i = hset_slot(s, key);
	*fresh = !s->keys[i];
	if (*fresh) {
		s->keys[i] = key;
		s->vals[i] = 0;
		s->n++;
	}
	return &s->vals[i];
}

/* ---- the bulk tokenizer ---------------------------------------------------- */

/*
 * Bit masks of one 64-byte window (bit i for byte i): ASCII letters,
 * ASCII digits, bytes above ASCII, and bit 5 of every byte (which tells
 * a lowercase ASCII letter from a capital).
 */
typedef struct tok_masks {
	uint64_t letter, digit, high, bit5;
} tok_masks;

#ifdef __SSE2__
static inline void tok_window(const unsigned char *p, tok_masks *m)
{
	const __m128i fold = _mm_set1_epi8(0x20);
	/* Unsigned ranges by a shift into the bottom of the signed range:
	 * c + (0x80 - lo) is below (int8)(0x80 + n) for lo <= c < lo + n. */
	const __m128i lshift = _mm_set1_epi8(0x80 - 'a'), lbound = _mm_set1_epi8((char)(0x80 + 26));
	const __m128i dshift = _mm_set1_epi8(0x80 - '0'), dbound = _mm_set1_epi8((char)(0x80 + 10));
	uint64_t l = 0, d = 0, h = 0, b5 = 0;
	for (unsigned k = 0; k < 4; k++) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * k));
		__m128i let = _mm_cmplt_epi8(_mm_add_epi8(_mm_or_si128(v, fold), lshift), lbound);
		__m128i dig = _mm_cmplt_epi8(_mm_add_epi8(v, dshift), dbound);
		l |= (uint64_t)(unsigned)_mm_movemask_epi8(let) << (16 * k);
		d |= (uint64_t)(unsigned)_mm_movemask_epi8(dig) << (16 * k);
		h |= (uint64_t)(unsigned)_mm_movemask_epi8(v) << (16 * k);
		/* A 16-bit shift by 2 moves each byte's bit 5 to its bit 7. */
		b5 |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_slli_epi16(v, 2)) << (16 * k);
	}
	m->letter = l;
	m->digit = d;
	m->high = h;
	m->bit5 = b5;
}
#else
/* The top bit of each byte lane of v, gathered into eight bits. */
static inline uint64_t tok_lane_bits(uint64_t v)
{
	return (((v >> 7) & 0x0101010101010101ULL) * 0x0102040810204080ULL) >> 56;
}

static inline void tok_window(const unsigned char *p, tok_masks *m)
{
	const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
	uint64_t l = 0, d = 0, h = 0, b5 = 0;
	for (unsigned k = 0; k < 8; k++) {
		uint64_t v;
		memcpy(&v, p + 8 * k, 8);
		v = chr_le64(v);
		/* Lanes stay below 0x80 after masking, so sums stay in their lane. */
		uint64_t x = v & ~highs, fx = x | 0x2020202020202020ULL, ascii = ~v & highs;
		uint64_t letter = (fx + (0x80 - 0x61) * ones) & ~(fx + (0x80 - 0x7B) * ones) & ascii;
		uint64_t digit = (x + (0x80 - 0x30) * ones) & ~(x + (0x80 - 0x3A) * ones) & ascii;
		l |= tok_lane_bits(letter) << (8 * k);
		d |= tok_lane_bits(digit) << (8 * k);
		h |= tok_lane_bits(v) << (8 * k);
		b5 |= tok_lane_bits(v << 2) << (8 * k);
	}
	m->letter = l;
	m->digit = d;
	m->high = h;
	m->bit5 = b5;
}
#endif

/* The low n bytes of a word, n = 0..8. */
static const uint64_t tok_low_bytes[9] = {
	0, 0xFFULL, 0xFFFFULL, 0xFFFFFFULL, 0xFFFFFFFFULL, 0xFFFFFFFFFFULL, 0xFFFFFFFFFFFFULL,
	0xFFFFFFFFFFFFFFULL, ~0ULL,
};

/*
 * Hash and flags of the ASCII token q[0..n) (letters and digits only,
 * 1 <= n <= 64), as chr_tok_next computes them; q may be read up to 7
 * bytes past the token.  In ASCII a letter has bit 6 set and a digit
 * has not, so the folded chunks that feed the hash also tell whether
 * the token has letters and digits.
 */
static inline void tok_ascii(const unsigned char *q, unsigned n, chr_tok *t)
{
	const uint64_t fold = 0x2020202020202020ULL, bit6 = 0x4040404040404040ULL;
	uint64_t h, v;
	uint32_t flags;
	memcpy(&v, q, 8);
	v = chr_le64(v);
	/* A capital: 0x41..0x5A, the only token bytes with bit 6 set and
	 * bit 5 clear. */
	flags = (uint32_t)((v & 0x60) == 0x40) * CHR_TOK_CAP;
	if (__builtin_expect(n <= 8, 1)) {
		uint64_t keep = tok_low_bytes[n];
		v = (v | fold) & keep;
		/* Letters are the lanes with bit 6; a digit is a lane of the
		 * token without it. */
		uint64_t letters = v & bit6;
		flags |= (uint32_t)(letters != 0) * (CHR_TOK_ALPHA | CHR_TOK_LATIN) |
			(uint32_t)(letters != (keep & bit6)) * CHR_TOK_DIGIT;
		h = chr_tok_mix(CHR_FNV_OFFSET, v);
	} else {
		uint64_t any = 0, all = bit6;
		unsigned m = n;
		h = CHR_FNV_OFFSET;
		while (m > 8) {
			v |= fold;
			any |= v;
			all &= v;
			h = chr_tok_mix(h, v);
			q += 8;
			m -= 8;
			memcpy(&v, q, 8);
			v = chr_le64(v);
		}
		uint64_t keep = tok_low_bytes[m];
		v = (v | fold) & keep;
		any |= v;
		all &= v | ~keep;
		flags |= (uint32_t)((any & bit6) != 0) * (CHR_TOK_ALPHA | CHR_TOK_LATIN) |
			(uint32_t)((all & bit6) != bit6) * CHR_TOK_DIGIT;
		h = chr_tok_mix(h, v);
	}
	h ^= (uint64_t)n * CHR_TOK_K2;
	t->hash = h ^ (h >> 29);
	t->len = n;
	t->flags = flags;
}

/* The byte-by-byte tokenizer from p, out of line (inlined, its state
 * would crowd the window's masks out of the registers); returns the
 * position after the token, or len with *found = 0 at the end. */
#if defined(__GNUC__) || defined(__clang__)
__attribute__((noinline))
#endif
static size_t tok_slow(const char *text, size_t len, size_t p, chr_tok *t, int *found)
{
	*found = chr_tok_next_lean(text, len, &p, t);
	return p;
}

/* Bytes a window may read: 64 classified plus 8 for the last hash load. */
enum { TOK_WINDOW = 64, TOK_READ = TOK_WINDOW + 8 };

size_t chr_tok_batch_lean(const char *text, size_t len, size_t *pos, chr_tok *out, size_t max)
{
	const unsigned char *s = (const unsigned char *)text;
	/* The last bytes of the text, zero-padded (0 is a separator), so a
	 * window never reads past len. */
	unsigned char tail[2 * TOK_READ];
	size_t tail_at = SIZE_MAX;
	size_t p = *pos;
	chr_tok *o = out, *oend = out + max;
	while (o < oend && p < len) {
		/* A window of 64 bytes from p, which never lies inside a token. */
		size_t base = p;
		const unsigned char *w;
		if (len - p >= TOK_READ) {
			w = s + p;
		} else {
			if (tail_at == SIZE_MAX) {
				tail_at = p;
				/* Windows start before len, so they read no further
				 * than TOK_READ bytes past it: zero just those (a
				 * fixed size, stored inline). */
				memcpy(tail, s + p, len - p);
				memset(tail + (len - p), 0, TOK_READ);
			}
			w = tail + (p - tail_at);
		}
		tok_masks m;
		tok_window(w, &m);
		uint64_t word = m.letter | m.digit, upper = m.letter & ~m.bit5;
		/* "CommentsNo": a capital after a lowercase letter ends one
		 * token and starts the next. */
		uint64_t split = upper & ((m.letter & m.bit5) << 1);
		/* Token starts, and token ends (the byte after the last); the
		 * k-th end belongs to the k-th start.  Bit 0 is never an end. */
		uint64_t starts = (word & ~(word << 1)) | split;
		uint64_t ends = ((word << 1) & ~word) | split;
		/* Pure-ASCII tokens end before the first byte above ASCII; from
		 * there on the byte-by-byte tokenizer takes over. */
		uint64_t below = m.high ? (m.high & (0 - m.high)) - 1 : ~0ULL;
		uint64_t ok = ends & below;
		unsigned at = 0;    /* p - base */
		int slow = 0;
		/* At most 32 tokens end in a window (two ends are never
		 * adjacent), so with room for 32 the loop need not count. */
		if (oend - o >= TOK_WINDOW / 2) {
			while (ok) {
				unsigned r = (unsigned)__builtin_ctzll(starts);
				unsigned e = (unsigned)__builtin_ctzll(ok);
				tok_ascii(w + r, e - r, o);
				o->start = (uint32_t)(base + r);
				o++;
				at = e;
				starts &= starts - 1;
				ok &= ok - 1;
			}
		} else {
			while (ok) {
				unsigned r = (unsigned)__builtin_ctzll(starts);
				unsigned e = (unsigned)__builtin_ctzll(ok);
				tok_ascii(w + r, e - r, o);
				o->start = (uint32_t)(base + r);
				at = e;
				starts &= starts - 1;
				ok &= ok - 1;
				if (++o == oend)
					break;
			}
		}
		p = base + at;
		if (o == oend)
			break;
		/* What stopped the window: the bounds of the rest are in
		 * starts and in the ends at or after the first byte above
		 * ASCII. */
		ends &= ~below;
		if (starts) {
			unsigned r = (unsigned)__builtin_ctzll(starts);
			if (~below >> r & 1)
				slow = 1;               /* a byte above ASCII first */
			else if (ends)
				slow = 1;               /* a token touching one */
			else if (r > 0)
				p = base + r;           /* runs past the window: again from its start */
			else
				slow = 1;               /* 64 bytes long */
		} else if (m.high) {
			slow = 1;
		} else {
			p = base + TOK_WINDOW;
		}
		if (slow) {
			/* Only ASCII separators lie between p and the next token,
			 * so the byte-by-byte tokenizer goes on from where it
			 * would have been itself. */
			int found;
			p = tok_slow(text, len, p, o, &found);
			if (!found)
				break;
			o++;
		}
	}
	*pos = p < len ? p : len;
	return (size_t)(o - out);
}

uint64_t chr_lex_key(const char *s, size_t len)
{
	uint64_t key = CHR_FNV_OFFSET;
	size_t pos = 0;
	chr_tok t;
	while (chr_tok_next(s, len, &pos, &t))
		key = (key ^ t.hash) * CHR_FNV_PRIME + 0x9e3779b97f4a7c15ULL;
	return key;
}

/* Calls fn for each non-empty line that does not start with '#'. */
static void each_line(const char *text, size_t len, void (*fn)(void *ctx, const char *line, size_t n), void *ctx)
{
	size_t i = 0;
	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - text) : len;
		size_t n = end - i;
		while (n && (text[i + n - 1] == '\r' || text[i + n - 1] == ' '))
			n--;
		if (n && text[i] != '#')
			fn(ctx, text + i, n);
		i = end + 1;
	}
}

/* ---- stop words ---------------------------------------------------------- */

typedef struct stop_ctx {
	chr_lexicon *lex;
	unsigned bit;
} stop_ctx;

static void add_stop(void *vctx, const char *line, size_t n)
{
	stop_ctx *c = vctx;
	size_t pos = 0;
	chr_tok t, extra;
	/* Entries that are not one token ("aujourd'hui") cannot match a
	 * single token of text and are skipped. */
	if (!chr_tok_next(line, n, &pos, &t) || chr_tok_next(line, n, &pos, &extra))
		return;
	int fresh;
	uint32_t *v = hset_put(&c->lex->stop, t.hash, &fresh);
	if (v)
		*v |= 1u << c->bit;
	else
		c->lex->failed = 1;
}

static void load_stop_file(void *vctx, const char *name, const char *text, size_t len)
{
	chr_lexicon *lex = vctx;
	const char *base = name + strlen("stopwords/");
	const char *dot = strchr(base, '.');
	if (!dot || strcmp(dot, ".txt") != 0 || (size_t)(dot - base) >= sizeof lex->langs[0] ||
	    lex->nlangs >= CHR_LEX_MAX_LANGS)
		return;
	stop_ctx c = {lex, lex->nlangs};
	memcpy(lex->langs[lex->nlangs], base, (size_t)(dot - base));
	lex->langs[lex->nlangs][dot - base] = '\0';
	lex->nlangs++;
	each_line(text, len, add_stop, &c);
}

/* ---- boilerplate phrases ------------------------------------------------- */

static int category_of(const char *s, size_t n)
{
	static const char *const names[CHR_CAT_COUNT] = {"chrome", "error", "legal", "related"};
	for (int i = 0; i < CHR_CAT_COUNT; i++)
		if (strlen(names[i]) == n && memcmp(names[i], s, n) == 0)
			return i;
	return -1;
}

static void add_phrase(void *vctx, const char *line, size_t n)
{
	chr_lexicon *lex = vctx;
	const char *tab = memchr(line, '\t', n);
	if (!tab)
		return;
	int cat = category_of(line, (size_t)(tab - line));
	if (cat < 0)
		return;
	chr_phrase p;
	memset(&p, 0, sizeof p);
	p.cat = (uint8_t)cat;
	const char *ph = tab + 1;
	size_t phn = n - (size_t)(ph - line), pos = 0;
	chr_tok t;
	while (chr_tok_next(ph, phn, &pos, &t)) {
		if (p.ntok == CHR_PHRASE_MAX)
			return;   /* too long to be a boilerplate phrase we match */
		p.tok[p.ntok++] = t.hash;
	}
	if (!p.ntok)
		return;
	if (lex->nphrases == lex->phrases_alloc) {
		size_t na = lex->phrases_alloc ? lex->phrases_alloc * 2 : 256;
		chr_phrase *np = realloc(lex->phrases, na * sizeof *np);
		if (!np) {
			lex->failed = 1;
			return;
		}
		lex->phrases = np;
		lex->phrases_alloc = na;
	}
	int fresh;
	uint32_t *head = hset_put(&lex->phrase_end, p.tok[p.ntok - 1], &fresh);
	if (!head) {
		lex->failed = 1;
		return;
	}
	/* Duplicates (the same phrase listed twice) are harmless but would
	 * count twice; skip them. */
	for (int32_t k = fresh ? -1 : (int32_t)*head; k >= 0; k = lex->phrases[k].next) {
		const chr_phrase *q = &lex->phrases[k];
		if (q->ntok == p.ntok && q->cat == p.cat && memcmp(q->tok, p.tok, p.ntok * sizeof p.tok[0]) == 0)
			return;
	}
	unsigned bit = (unsigned)(p.tok[p.ntok - 1] >> 48);
	lex->phrase_filter[bit >> 6] |= 1ULL << (bit & 63);
	p.next = fresh ? -1 : (int32_t)*head;
	*head = (uint32_t)lex->nphrases;
	lex->phrases[lex->nphrases++] = p;
}

static void load_phrase_file(void *vctx, const char *name, const char *text, size_t len)
{
	size_t n = strlen(name);
	if (n > 4 && strcmp(name + n - 4, ".txt") == 0)
		each_line(text, len, add_phrase, vctx);
}

/* ---- agencies ------------------------------------------------------------ */

static void add_agency(void *vctx, const char *line, size_t n)
{
	chr_lexicon *lex = vctx;
	const char *tab = memchr(line, '\t', n);
	if (!tab || tab == line || tab + 1 == line + n)
		return;
	if (lex->nagencies == lex->agencies_alloc) {
		size_t na = lex->agencies_alloc ? lex->agencies_alloc * 2 : 128;
		agency *nv = realloc(lex->agencies, na * sizeof *nv);
		if (!nv) {
			lex->failed = 1;
			return;
		}
		lex->agencies = nv;
		lex->agencies_alloc = na;
	}
	size_t sn = (size_t)(tab - line), cn = n - sn - 1;
	char *sp = malloc(sn + 1), *cn_s = malloc(cn + 1);
	if (!sp || !cn_s) {
		free(sp);
		free(cn_s);
		lex->failed = 1;
		return;
	}
	memcpy(sp, line, sn);
	sp[sn] = '\0';
	memcpy(cn_s, tab + 1, cn);
	cn_s[cn] = '\0';
	agency *a = &lex->agencies[lex->nagencies];
	a->key = chr_lex_key(sp, sn);
	a->spelling = sp;
	a->canonical = cn_s;
	int fresh;
	uint32_t *v = hset_put(&lex->agency_keys, a->key, &fresh);
	if (!v) {
		lex->failed = 1;
		return;
	}
	if (fresh)
		*v = (uint32_t)lex->nagencies;
	lex->nagencies++;
}

/* ---- months -------------------------------------------------------------- */

/* Month names and common abbreviations.  English and German month words
 * double as ordinary words ("may", "march", "mai"), so they count as
 * months only when capitalised; Russian and French write months in lower
 * case and are unambiguous enough. */
static const struct {
	const char *word;
	int month;
	int needs_cap;
} months[] = {
	{"january", 1, 0}, {"february", 2, 0}, {"march", 3, 1}, {"april", 4, 0},
	{"may", 5, 1}, {"june", 6, 0}, {"july", 7, 0}, {"august", 8, 0},
	{"september", 9, 0}, {"october", 10, 0}, {"november", 11, 0}, {"december", 12, 0},
	{"jan", 1, 1}, {"feb", 2, 1}, {"mar", 3, 1}, {"apr", 4, 1}, {"jun", 6, 1},
	{"jul", 7, 1}, {"aug", 8, 1}, {"sep", 9, 1}, {"sept", 9, 1}, {"oct", 10, 1},
	{"nov", 11, 1}, {"dec", 12, 1},
	/* German */
	{"januar", 1, 1}, {"jänner", 1, 1}, {"februar", 2, 1}, {"märz", 3, 1},
	{"mai", 5, 1}, {"juni", 6, 1}, {"juli", 7, 1}, {"oktober", 10, 1}, {"dezember", 12, 1},
	/* French */
	{"janvier", 1, 0}, {"février", 2, 0}, {"mars", 3, 0}, {"avril", 4, 0},
	{"juin", 6, 0}, {"juillet", 7, 0}, {"août", 8, 0}, {"septembre", 9, 0},
	{"octobre", 10, 0}, {"novembre", 11, 0}, {"décembre", 12, 0},
	/* Russian, genitive (dates) and nominative */
	{"января", 1, 0}, {"февраля", 2, 0}, {"марта", 3, 0}, {"апреля", 4, 0},
	{"мая", 5, 0}, {"июня", 6, 0}, {"июля", 7, 0}, {"августа", 8, 0},
	{"сентября", 9, 0}, {"октября", 10, 0}, {"ноября", 11, 0}, {"декабря", 12, 0},
	{"январь", 1, 0}, {"февраль", 2, 0}, {"март", 3, 0}, {"апрель", 4, 0},
	{"май", 5, 0}, {"июнь", 6, 0}, {"июль", 7, 0}, {"август", 8, 0},
	{"сентябрь", 9, 0}, {"октябрь", 10, 0}, {"ноябрь", 11, 0}, {"декабрь", 12, 0},
};

static void load_months(chr_lexicon *lex)
{
	for (size_t i = 0; i < sizeof months / sizeof months[0]; i++) {
		size_t pos = 0;
		chr_tok t;
		if (!chr_tok_next(months[i].word, strlen(months[i].word), &pos, &t))
			continue;
		int fresh;
		uint32_t *v = hset_put(&lex->month, t.hash, &fresh);
		if (!v) {
			lex->failed = 1;
			return;
		}
		if (fresh)
			*v = (uint32_t)months[i].month | (months[i].needs_cap ? 0x100u : 0);
	}
}

static void build(void)
{
	chr_lexicon *lex = &the_lexicon;
	if (hset_init(&lex->stop, 1024) || hset_init(&lex->phrase_end, 2048) ||
	    hset_init(&lex->month, 128) || hset_init(&lex->agency_keys, 512)) {
		lex->failed = 1;
		return;
	}
	chr_data_each("stopwords/", load_stop_file, lex);
	chr_data_each("boilerplate/", load_phrase_file, lex);
	/* The compact copy of the stop words; the set is far below the
	 * table's size (a few hundred words), so probing always ends. */
	for (size_t i = 0; i <= lex->stop.mask && lex->stop.n < CHR_STOPTAB_SIZE / 2; i++) {
		uint64_t h = lex->stop.keys[i];
		if (!h)
			continue;
		size_t j = chr_stoptab_index(h);
		while (lex->stoptab[j])
			j = (j + 1) & (CHR_STOPTAB_SIZE - 1);
		lex->stoptab[j] = (chr_stoptab_fp(h) << 8) | (lex->stop.vals[i] & 0xFF);
	}
	lex->stoptab[CHR_STOPTAB_SIZE] = lex->stoptab[0];
	size_t alen = 0;
	const char *atext = chr_data_get("outlets/agencies.txt", &alen);
	if (atext)
		each_line(atext, alen, add_agency, lex);
	load_months(lex);
}

const chr_lexicon *chr_lex_get(void)
{
	pthread_once(&the_once, build);
	return the_lexicon.failed ? NULL : &the_lexicon;
}

unsigned chr_lex_stop(const chr_lexicon *lex, uint64_t hash)
{
	uint32_t v;
	return hset_get(&lex->stop, hash, &v) ? v : 0;
}

const uint32_t *chr_lex_stoptab(const chr_lexicon *lex)
{
	return lex->stoptab;
}

const chr_hset *chr_lex_stop_set(const chr_lexicon *lex)
{
	return &lex->stop;
}

const uint64_t *chr_lex_phrase_filter(const chr_lexicon *lex)
{
	return lex->phrase_filter;
}

const char *chr_lex_lang_decide(const chr_lexicon *lex, const uint32_t *stops, uint32_t words,
				uint32_t cyr, uint32_t latin)
{
	/* The language with most stop words wins if they are a real share of
	 * the text (prose runs 30-50 %, so 8 % is a low bar) and the script
	 * agrees: Cyrillic text needs a Cyrillic list and vice versa. */
	int best = -1;
	for (unsigned i = 0; i < lex->nlangs; i++) {
		int cyr_lang = strcmp(lex->langs[i], "ru") == 0 || strcmp(lex->langs[i], "uk") == 0 ||
			strcmp(lex->langs[i], "bg") == 0;
		if (cyr_lang != (cyr > latin))
			continue;
		if (best < 0 || stops[i] > stops[best])
			best = (int)i;
	}
	if (best < 0 || stops[best] < 3 || (uint64_t)stops[best] * 100 < (uint64_t)words * 8)
		return NULL;
	return lex->langs[best];
}

unsigned chr_lex_nlangs(const chr_lexicon *lex)
{
	return lex->nlangs;
}

const char *chr_lex_lang_code(const chr_lexicon *lex, unsigned i)
{
	return i < lex->nlangs ? lex->langs[i] : "und";
}

const chr_phrase *chr_lex_phrase_ending(const chr_lexicon *lex, uint64_t hash)
{
	uint32_t v;
	return hset_get(&lex->phrase_end, hash, &v) ? &lex->phrases[v] : NULL;
}

const chr_hset *chr_lex_phrase_end_set(const chr_lexicon *lex)
{
	return &lex->phrase_end;
}

const chr_phrase *chr_lex_phrases(const chr_lexicon *lex, size_t *n)
{
	*n = lex->nphrases;
	return lex->phrases;
}

const chr_phrase *chr_lex_phrase_at(const chr_lexicon *lex, int32_t index)
{
	return index >= 0 && (size_t)index < lex->nphrases ? &lex->phrases[index] : NULL;
}

int chr_lex_month(const chr_lexicon *lex, uint64_t hash, int *needs_cap)
{
	uint32_t v;
	if (!hset_get(&lex->month, hash, &v))
		return 0;
	if (needs_cap)
		*needs_cap = (v & 0x100u) != 0;
	return (int)(v & 0xFF);
}

const char *chr_lex_agency(const chr_lexicon *lex, uint64_t key)
{
	uint32_t v;
	return hset_get(&lex->agency_keys, key, &v) ? lex->agencies[v].canonical : NULL;
}

void chr_lex_each_agency(const chr_lexicon *lex,
			 int (*fn)(void *ctx, const char *spelling, const char *canonical), void *ctx)
{
	for (size_t i = 0; i < lex->nagencies; i++)
		if (fn(ctx, lex->agencies[i].spelling, lex->agencies[i].canonical))
			return;
}
