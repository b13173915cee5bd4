/*
 * label.c - clean stage: a label for every paragraph (body, title,
 * dateline, chrome, error, legal, teaser, repeat).
 *
 * Plain text has no DOM, so the labeller works from per-paragraph
 * features gathered in one pass over the bytes (words, capitalised words,
 * stop words per language, ending punctuation, boilerplate phrases from
 * data/boilerplate/) and a zone model:
 *
 *   pre-body   chrome, error text, the title and a dateline cluster
 *              before the first paragraph of real prose;
 *   body       from that paragraph on, everything is body unless it is
 *              clearly something else (a legal notice, error text, a
 *              repeat, a dateline, a line of navigation);
 *   post-body  after a legal notice, a "read also" heading or a closing
 *              agency credit "(AP)", prose (and headlines) of other
 *              stories are teasers unless they share enough words with
 *              the title and lead to be on-topic; the text under a notice
 *              heading ("Legal Disclaimer:") is legal; other short lines
 *              are chrome.  Without such a boundary, bare short lines
 *              after the last paragraph of prose ("Print", "Tags: ...")
 *              are chrome.
 *
 * Repeats: each paragraph of at least REPEAT_MIN_WORDS words is hashed
 * (its case-folded word hashes chained by multiply and xor-shift, so
 * spacing, punctuation and case do not matter); a second occurrence is `repeat`
 * when it belongs to a copied block (two or more consecutive repeated
 * paragraphs of REPEAT_RUN_MIN_WORDS words in all) or is long on its own
 * (REPEAT_LONE_MIN_WORDS).  Shorter paragraphs ("Share", a dateline
 * footer) are left to the other rules: repeating them is normal page
 * furniture, and a short line recurring alone is the article's structure.
 *
 * HTML blocks arrive with labels from the DOM; final ones are kept, and
 * on the rest only clear cases are applied (repeats, legal notices, error
 * text), because the DOM already chose the article's container.
 */
#include "clean/clean.h"

#include <stdlib.h>
#include <string.h>

#include "clean/dateline.h"
#include "clean/lexicon.h"

enum { REPEAT_MIN_WORDS = 8, REPEAT_RUN_MIN_WORDS = 60, REPEAT_LONE_MIN_WORDS = 40 };

typedef struct hitstat {
	uint16_t score;   /* summed token length of the matches */
	uint8_t n;        /* matches */
	uint8_t multi;    /* matches of two or more tokens */
	uint8_t starts;   /* some match starts at the first token */
} hitstat;

typedef struct feat {
	uint32_t words;
	uint32_t caps;       /* tokens starting with a capital */
	uint32_t cyr, latin;
	uint32_t stops;      /* stop words of the document's language */
	uint32_t stop_lang[CHR_LEX_MAX_LANGS];
	hitstat hit[CHR_CAT_COUNT];
	uint64_t hash;       /* normalised text, for repeats */
	uint64_t *sig;       /* first content words' hashes, bit 0 = a name */
	uint32_t nsig;
	uint8_t terminal;    /* ends with . ! ? or an ellipsis (maybe inside quotes) */
	uint8_t colon;       /* ends with ':' */
	uint8_t copyright;   /* contains the sign © */
	uint8_t lexlab;      /* label from phrases alone (lenient), or 0 */
	uint8_t good;        /* a paragraph of real prose */
} feat;

/* An 8-bit language mask spread into eight 8-bit counters (byte i counts
 * language i); flushed after every batch (at most 128 tokens, below 256). */
static const uint64_t spread8[256] = {
#define B8(m) ((uint64_t)((m) & 1) | (uint64_t)(((m) >> 1) & 1) << 8 | (uint64_t)(((m) >> 2) & 1) << 16 | \
	       (uint64_t)(((m) >> 3) & 1) << 24 | (uint64_t)(((m) >> 4) & 1) << 32 | \
	       (uint64_t)(((m) >> 5) & 1) << 40 | (uint64_t)(((m) >> 6) & 1) << 48 | (uint64_t)(((m) >> 7) & 1) << 56)
#define R4(m) B8(m), B8((m) + 1), B8((m) + 2), B8((m) + 3)
#define R16(m) R4(m), R4((m) + 4), R4((m) + 8), R4((m) + 12)
#define R64(m) R16(m), R16((m) + 16), R16((m) + 32), R16((m) + 48)
	R64(0), R64(64), R64(128), R64(192),
#undef R64
#undef R16
#undef R4
#undef B8
};

static void flush_stops(feat *f, uint64_t lanes)
{
	/* Written out: it runs once per paragraph at least, and the loop
	 * was not unrolled at -O2. */
	_Static_assert(CHR_LEX_MAX_LANGS == 8, "eight 8-bit lanes");
	uint32_t *s = f->stop_lang;
	s[0] += (uint32_t)(lanes & 0xFF);
	s[1] += (uint32_t)((lanes >> 8) & 0xFF);
	s[2] += (uint32_t)((lanes >> 16) & 0xFF);
	s[3] += (uint32_t)((lanes >> 24) & 0xFF);
	s[4] += (uint32_t)((lanes >> 32) & 0xFF);
	s[5] += (uint32_t)((lanes >> 40) & 0xFF);
	s[6] += (uint32_t)((lanes >> 48) & 0xFF);
	s[7] += (uint32_t)(lanes >> 56);
}

/* Adds the 16-bit lane counters of caps, Cyrillic and Latin tokens to
 * the totals (by value, so that the hot loop keeps them in a register). */
static void flush_flags(feat *f, uint64_t flags)
{
	f->caps += (uint32_t)(flags & 0xFFFF);
	f->cyr += (uint32_t)((flags >> 16) & 0xFFFF);
	f->latin += (uint32_t)((flags >> 32) & 0xFFFF);
}

/* Content words kept per paragraph for topical similarity: enough to tell
 * a teaser's subject, few enough to cost nothing. */
enum { SIG_MAX = 48 };

/* Caps, Cyrillic and Latin-only tokens by their flags, as 16-bit lanes
 * (caps, cyr, latin) of one counter. */
static const uint64_t flag_lanes[64] = {
#define F(m) ((m) & CHR_TOK_CAP ? 1ULL : 0) | ((m) & CHR_TOK_CYR ? 1ULL << 16 : 0) | \
	((((m) & (CHR_TOK_CYR | CHR_TOK_LATIN)) == CHR_TOK_LATIN) ? 1ULL << 32 : 0)
#define F4(m) F(m), F((m) + 1), F((m) + 2), F((m) + 3)
#define F16(m) F4(m), F4((m) + 4), F4((m) + 8), F4((m) + 12)
	F16(0), F16(16), F16(32), F16(48),
#undef F16
#undef F4
#undef F
};

/* The lexicon's tables the hot loop reads, fetched once per document. */
typedef struct hot_tables {
	const uint32_t *stop;
	const uint64_t *filter;
	const chr_hset *phrase_end;
	const chr_phrase *phrases;
	size_t nphrases;
} hot_tables;

static void hot_tables_get(const chr_lexicon *lex, hot_tables *t)
{
	t->stop = chr_lex_stoptab(lex);
	t->filter = chr_lex_phrase_filter(lex);
	t->phrase_end = chr_lex_phrase_end_set(lex);
	t->phrases = chr_lex_phrases(lex, &t->nphrases);
}

static void count_features(const hot_tables *ht, const chr_block *b, feat *f, chr_arena *arena)
{
	enum { NH = 256, BATCH = 128 };
	/* Content words past SIG_MAX are dropped once per batch, so a batch
	 * may store up to BATCH beyond it. */
	uint64_t hashes[NH], sig[SIG_MAX + BATCH];
	chr_tok tok[BATCH];
	uint32_t nsig = 0, first_keep = 0;
	uint64_t rh = 0, flag_cnt = 0;
	const uint32_t *stop = ht->stop;
	const uint64_t *filter = ht->filter;
	const char *s = b->p.text;
	size_t len = b->p.len, pos = 0, nt;
	uint32_t k = 0;
	memset(f, 0, sizeof *f);
	/* Batches are full until the last, so k is a multiple of BATCH at
	 * the top of the loop: the lane counters are looked after once per
	 * batch, not per token. */
	while ((nt = chr_tok_batch_lean(s, len, &pos, tok, BATCH)) > 0) {
		if ((k & 0x7FFF) == 0 && k) {
			flush_flags(f, flag_cnt);
			flag_cnt = 0;
		}
		uint64_t stops = 0;
		if (k == 0) {
			/* The first token is no name however it is written:
			 * its mark is taken off after the loop if it is kept. */
			const chr_tok *t = &tok[0];
			first_keep = (chr_stoptab_mask(stop, t->hash) == 0) & (t->len >= 3) &
				((t->flags & (CHR_TOK_ALPHA | CHR_TOK_DIGIT)) == CHR_TOK_ALPHA);
		}
		uint64_t *ring = hashes + (k & (NH - 1));
		for (size_t i = 0; i < nt; i++, k++) {
			const chr_tok *t = &tok[i];
			uint64_t h = t->hash;
			ring[i] = h;
			/* The paragraph's hash: each step is a bijection of the
			 * state, and the word hashes are mixed already. */
			rh = chr_tok_mix(rh, h);
			flag_cnt += flag_lanes[t->flags & 63];
			/* Stop words per language, counted in 8-bit lanes without a
			 * branch. */
			uint32_t mask = chr_stoptab_mask(stop, h);
			stops += spread8[mask];
			/* Content words (letters, 3+ bytes, no stop word), stored
			 * unconditionally and kept by advancing the count. */
			sig[nsig] = (h & ~1ULL) | (t->flags & CHR_TOK_CAP);
			nsig += (mask == 0) & (t->len >= 3) &
				((t->flags & (CHR_TOK_ALPHA | CHR_TOK_DIGIT)) == CHR_TOK_ALPHA);
			uint32_t first;
			if (chr_lex_maybe_phrase_end(filter, h) && chr_hset_get(ht->phrase_end, h, &first)) {
				/* As chr_lex_phrase_ending and chr_lex_phrase_at, inline. */
				for (int32_t pi = (int32_t)first; pi >= 0 && (size_t)pi < ht->nphrases;
				     pi = ht->phrases[pi].next) {
					const chr_phrase *p = &ht->phrases[pi];
					if (p->ntok > k + 1)
						continue;
					int ok = 1;
					for (unsigned j = 1; j < p->ntok && ok; j++)
						ok = hashes[(k - j) & (NH - 1)] == p->tok[p->ntok - 1 - j];
					if (!ok)
						continue;
					hitstat *hs = &f->hit[p->cat];
					if (hs->score < 60000)
						hs->score += p->ntok;
					if (hs->n < 255)
						hs->n++;
					if (p->ntok > 1 && hs->multi < 255)
						hs->multi++;
					if (k + 1 == p->ntok)
						hs->starts = 1;
				}
			}
		}
		if (nsig > SIG_MAX)
			nsig = SIG_MAX;
		flush_stops(f, stops);
		if (nt < BATCH)
			break;   /* a short batch is the last */
	}
	flush_flags(f, flag_cnt);
	if (first_keep)
		sig[0] &= ~1ULL;
	f->words = k;
	f->sig = nsig ? chr_arena_alloc(arena, nsig * sizeof *sig) : NULL;
	if (f->sig) {
		memcpy(f->sig, sig, nsig * sizeof *sig);
		f->nsig = nsig;
	}
	/* The normalised paragraph is its sequence of folded words. */
	f->hash = chr_tok_mix(rh, (uint64_t)k * CHR_TOK_K2);
	/* How the paragraph ends: look past closing quotes and brackets. */
	size_t e = len;
	while (e > 0) {
		unsigned char c = (unsigned char)s[e - 1];
		if (c == '"' || c == '\'' || c == ')' || c == ']' || c == ' ') {
			e--;
		} else if (e >= 3 && (unsigned char)s[e - 3] == 0xE2 && (unsigned char)s[e - 2] == 0x80 &&
			   ((unsigned char)s[e - 1] == 0x9D || (unsigned char)s[e - 1] == 0x99)) {
			e -= 3;   /* ” ’ */
		} else if (e >= 2 && (unsigned char)s[e - 2] == 0xC2 && c == 0xBB) {
			e -= 2;   /* » */
		} else {
			break;
		}
	}
	if (e > 0) {
		char c = s[e - 1];
		f->terminal = c == '.' || c == '!' || c == '?' ||
			(e >= 3 && (unsigned char)s[e - 3] == 0xE2 && (unsigned char)s[e - 2] == 0x80 &&
			 (unsigned char)s[e - 1] == 0xA6);
		f->colon = c == ':';
	}
	for (const char *c = memchr(s, 0xC2, len); c && !f->copyright;
	     c = memchr(c + 1, 0xC2, len - (size_t)(c + 1 - s)))
		f->copyright = (size_t)(c + 1 - s) < len && (unsigned char)c[1] == 0xA9;
}

/* Zones of the document, for how much phrase evidence a label needs. */
enum zone { ZONE_PRE, ZONE_BODY, ZONE_POST };

/*
 * The label the boilerplate phrases alone give a paragraph in a zone, or
 * CHR_LABEL_BODY for none.  *related is set for "read also" headings.
 * Inside the body the bar is higher: prose may mention "copyright" or
 * "not found", a notice is built of several such phrases.
 */
static chr_label phrase_label(const feat *f, enum zone zone, int *related)
{
	const hitstat *lg = &f->hit[CHR_CAT_LEGAL], *er = &f->hit[CHR_CAT_ERROR];
	const hitstat *ch = &f->hit[CHR_CAT_CHROME], *rl = &f->hit[CHR_CAT_RELATED];
	uint32_t w = f->words;
	unsigned legal = lg->score + (f->copyright ? 2u : 0u);
	*related = 0;
	if (w == 0)
		return CHR_LABEL_BODY;
	if (zone == ZONE_BODY) {
		if ((legal >= 3 && w <= 150) || (lg->starts && lg->multi && w <= 80) ||
		    (legal >= 2 && w <= 12))
			return CHR_LABEL_LEGAL;
	} else if ((legal >= 2 && w <= 150) || (legal >= 1 && w <= 4)) {
		return CHR_LABEL_LEGAL;
	}
	if (er->n >= 2 && er->score >= 4 && w <= 40)
		return CHR_LABEL_ERROR;
	if (zone != ZONE_BODY &&
	    ((er->multi && er->score * 2 >= w && w <= 25) || (er->score >= w && w <= 3)))
		return CHR_LABEL_ERROR;
	unsigned cr = (unsigned)ch->score + rl->score;
	int multi = ch->multi || rl->multi;
	if (cr) {
		int is_chrome = 0;
		if (multi && (((ch->starts || rl->starts) && w <= 12) || (cr * 2 >= w && w <= 25) ||
			      (ch->multi + rl->multi >= 3 && cr * 4 >= w && w <= 60)))
			is_chrome = 1;
		/* Single words ("Share", "Images") only when they are the
		 * whole line. */
		if (cr >= w && w <= 3)
			is_chrome = 1;
		if (zone == ZONE_PRE && cr * 2 >= w && w <= 4)
			is_chrome = 1;
		if (multi && (ch->starts || rl->starts) && w <= 30)
			is_chrome = 1;
		if (ch->multi + rl->multi >= 2 && cr * 4 >= w && w <= 60)
			is_chrome = 1;
		if (is_chrome) {
			/* Only a heading opens a block of other stories. */
			*related = rl->score > 0 && rl->score >= ch->score && w <= 12;
			return CHR_LABEL_CHROME;
		}
	}
	return CHR_LABEL_BODY;
}

/* Stop-word share in percent. */
static unsigned stop_pct(const feat *f)
{
	return f->words ? (unsigned)((uint64_t)f->stops * 100 / f->words) : 0;
}

static int is_good(const feat *f)
{
	unsigned sp = stop_pct(f);
	/* Stop-word shares differ by language (English prose runs 40 %,
	 * Russian, without articles, 15-20 %); menus and lists of names
	 * have next to none, so a low bar with sentence punctuation works. */
	return !f->lexlab && ((f->words >= 10 && sp >= 8 && f->terminal) || (f->words >= 30 && sp >= 10));
}

/* Prose enough to be article text (or a teaser) rather than a line of
 * navigation. */
static int is_prose(const feat *f)
{
	return (f->words >= 6 && f->terminal && stop_pct(f) >= 10) || f->words >= 20;
}

/* A headline: a few words, capitalised start, no closing period. */
static int is_headline(const chr_block *b, const feat *f)
{
	if (f->words < 2 || f->words > 40 || b->p.len > 400 || f->colon)
		return 0;
	if (f->terminal && b->p.text[b->p.len - 1] == '.')
		return 0;
	size_t pos = 0;
	chr_tok t;
	if (!chr_tok_next(b->p.text, b->p.len, &pos, &t))
		return 0;
	return (t.flags & (CHR_TOK_CAP | CHR_TOK_DIGIT)) != 0 || (t.flags & CHR_TOK_UPPER2) != 0;
}

static int is_dateline_only(const chr_lexicon *lex, const chr_block *b, const feat *f)
{
	chr_dateline dl;
	return f->words <= 14 && chr_dateline_parse(lex, b->p.text, b->p.len, &dl) && dl.whole && dl.month;
}

/* ---- topical similarity ---------------------------------------------------- */

/* A small set of content-word hashes (open addressing, power-of-two size). */
typedef struct wset {
	uint64_t *keys;
	size_t mask, n;
} wset;

static int wset_init(wset *s, chr_arena *a, size_t cap)
{
	size_t c = 64;
	while (c < cap * 2)
		c <<= 1;
	s->keys = chr_arena_calloc(a, c, sizeof *s->keys);
	s->mask = c - 1;
	s->n = 0;
	return s->keys ? 0 : -1;
}

/* Adds key; returns 1 if it was new, 0 if present or the set is full. */
static int wset_add(wset *s, uint64_t key)
{
	key = key ? key : 1;
	if ((s->n + 1) * 2 > s->mask + 1)
		return 0;
	size_t i = (size_t)(key ^ (key >> 31)) & s->mask;
	while (s->keys[i]) {
		if (s->keys[i] == key)
			return 0;
		i = (i + 1) & s->mask;
	}
	s->keys[i] = key;
	s->n++;
	return 1;
}

static int wset_has(const wset *s, uint64_t key)
{
	key = key ? key : 1;
	size_t i = (size_t)(key ^ (key >> 31)) & s->mask;
	while (s->keys[i]) {
		if (s->keys[i] == key)
			return 1;
		i = (i + 1) & s->mask;
	}
	return 0;
}

static void vocab_add(wset *v, const feat *f)
{
	for (uint32_t i = 0; i < f->nsig; i++)
		wset_add(v, f->sig[i] & ~1ULL);
}

/*
 * On-topic: enough of the paragraph's distinct content words, or of its
 * names (capitalised words not opening the paragraph), occur in the title
 * and lead.  Unrelated stories share a few general words ("president",
 * "talks"), not a third of their vocabulary nor three names.
 */
static int on_topic(const wset *vocab, const feat *f, chr_arena *a)
{
	wset seen;
	unsigned n = 0, m = 0, names = 0, mnames = 0;
	if (wset_init(&seen, a, f->nsig + 1))
		return 1;   /* out of memory: keep the text */
	for (uint32_t i = 0; i < f->nsig; i++) {
		uint64_t h = f->sig[i] & ~1ULL;
		if (!wset_add(&seen, h))
			continue;
		int hit = wset_has(vocab, h);
		n++;
		m += hit;
		if (f->sig[i] & 1) {
			names++;
			mnames += hit;
		}
	}
	if (n == 0)
		return 0;
	return (m >= 3 && m * 100 >= n * 30) || (mnames >= 3 && mnames * 100 >= names * 40);
}

/* ---- the passes --------------------------------------------------------------- */

static void mark_repeats(chr_doc *doc, const feat *f, wset *seen, uint8_t *dup)
{
	size_t n = doc->nblocks;
	for (size_t i = 0; i < n; i++)
		dup[i] = f[i].words >= REPEAT_MIN_WORDS && !wset_add(seen, f[i].hash) &&
			 !doc->blocks[i].label_final;
	/* A copied block is a run of repeated paragraphs, or one long one; a
	 * short line that recurs alone (an interview's stock question, a
	 * recipe's serving line) is the article's own structure. */
	for (size_t i = 0; i < n;) {
		if (!dup[i]) {
			i++;
			continue;
		}
		size_t end = i;
		uint32_t words = 0;
		while (end < n && dup[end])
			words += f[end++].words;
		int block_copy = end - i >= 2 && words >= REPEAT_RUN_MIN_WORDS;
		for (; i < end; i++)
			if (block_copy || f[i].words >= REPEAT_LONE_MIN_WORDS)
				doc->blocks[i].p.label = CHR_LABEL_REPEAT;
	}
}

/* HTML: the DOM chose the container; only clear cases change a label. */
static void label_html(chr_doc *doc, const feat *f)
{
	for (size_t i = 0; i < doc->nblocks; i++) {
		chr_block *b = &doc->blocks[i];
		int related;
		if (b->label_final || b->p.label != CHR_LABEL_BODY)
			continue;
		chr_label l = phrase_label(&f[i], ZONE_BODY, &related);
		if (l == CHR_LABEL_LEGAL || l == CHR_LABEL_ERROR)
			b->p.label = l;
	}
}

static void label_text(chr_doc *doc, const chr_lexicon *lex, feat *f, chr_arena *scratch)
{
	size_t n = doc->nblocks, start = n, boundary = n;
	chr_block *bl = doc->blocks;
	for (size_t i = 0; i < n; i++) {
		int related;
		f[i].lexlab = (uint8_t)phrase_label(&f[i], ZONE_PRE, &related);
		if (bl[i].p.label == CHR_LABEL_REPEAT)
			f[i].lexlab = CHR_LABEL_REPEAT;
		f[i].good = (uint8_t)is_good(&f[i]);
		if (f[i].good && start == n)
			start = i;
	}
	/* No paragraph of real prose: the first sentence that is not
	 * furniture starts the body, else the first line that is not a
	 * headline, else the first that is not furniture at all. */
	for (int pass = 0; pass < 3 && start == n; pass++) {
		for (size_t i = 0; i < n; i++) {
			if (f[i].lexlab || is_dateline_only(lex, &bl[i], &f[i]))
				continue;
			if ((pass == 0 && !is_prose(&f[i])) || (pass == 1 && is_headline(&bl[i], &f[i])))
				continue;
			start = i;
			break;
		}
	}

	/* Pre-body: furniture, datelines, the title, and a lead. */
	size_t title = n, title_words = 0;
	for (size_t i = 0; i < start; i++) {
		chr_block *b = &bl[i];
		if (f[i].lexlab) {
			b->p.label = f[i].lexlab;
		} else if (is_dateline_only(lex, b, &f[i])) {
			b->p.label = CHR_LABEL_DATELINE;
		} else if (is_headline(b, &f[i])) {
			b->p.label = CHR_LABEL_CHROME;
			if (f[i].words >= title_words) {
				title = i;
				title_words = f[i].words;
			}
		} else if (is_prose(&f[i])) {
			b->p.label = CHR_LABEL_BODY;
		} else {
			b->p.label = CHR_LABEL_CHROME;
		}
	}
	if (title < n)
		bl[title].p.label = CHR_LABEL_TITLE;

	/* Body: everything stays unless clearly furniture; a notice, a
	 * related-stories heading or a closing credit ends the article. */
	size_t last_good = n;
	for (size_t i = start; i < n && boundary == n; i++) {
		chr_block *b = &bl[i];
		int related = 0;
		chr_label l = b->p.label == CHR_LABEL_REPEAT ? CHR_LABEL_REPEAT :
			phrase_label(&f[i], ZONE_BODY, &related);
		if (l == CHR_LABEL_BODY && is_dateline_only(lex, b, &f[i]))
			l = CHR_LABEL_DATELINE;
		b->p.label = l;
		if (l == CHR_LABEL_LEGAL || related) {
			boundary = i + 1;
		} else if (l == CHR_LABEL_BODY) {
			if (f[i].good)
				last_good = i;
			char credit[64];
			if (chr_credit_trailing(lex, b->p.text, b->p.len, credit, sizeof credit, NULL))
				boundary = i + 1;
		}
	}

	/* Post-body: on-topic prose is body, other prose a teaser, the rest
	 * chrome. */
	if (boundary < n) {
		wset vocab;
		/* Title and two lead paragraphs: sized for the words they
		 * hold (at most 3 * SIG_MAX), so that the set never fills and
		 * a short title and lead need not clear 4 KB. */
		size_t want = title < n ? f[title].nsig : 0;
		for (size_t i = start, lead = 0; i < boundary && lead < 2; i++) {
			if (bl[i].p.label == CHR_LABEL_BODY && f[i].good) {
				want += f[i].nsig;
				lead++;
			}
		}
		if (wset_init(&vocab, scratch, want + 1) == 0) {
			if (title < n)
				vocab_add(&vocab, &f[title]);
			for (size_t i = start, lead = 0; i < boundary && lead < 2; i++) {
				if (bl[i].p.label == CHR_LABEL_BODY && f[i].good) {
					vocab_add(&vocab, &f[i]);
					lead++;
				}
			}
		}
		for (size_t i = boundary; i < n; i++) {
			chr_block *b = &bl[i];
			int related;
			chr_label l = b->p.label == CHR_LABEL_REPEAT ? CHR_LABEL_REPEAT :
				phrase_label(&f[i], ZONE_POST, &related);
			if (l == CHR_LABEL_BODY) {
				if (is_dateline_only(lex, b, &f[i]))
					l = CHR_LABEL_DATELINE;
				else if (!is_prose(&f[i]))
					/* A headline of another story is a teaser
					 * too; other short lines are furniture. */
					l = f[i].words >= 4 && is_headline(b, &f[i]) &&
						!(vocab.keys && on_topic(&vocab, &f[i], scratch)) ?
						CHR_LABEL_TEASER : CHR_LABEL_CHROME;
				else if (!vocab.keys || !on_topic(&vocab, &f[i], scratch))
					l = CHR_LABEL_TEASER;
				/* The text under a notice heading ("Legal
				 * Disclaimer:") is the notice, not a story. */
				if (l == CHR_LABEL_TEASER && bl[i - 1].p.label == CHR_LABEL_LEGAL &&
				    f[i - 1].colon && f[i - 1].words <= 6)
					l = CHR_LABEL_LEGAL;
			}
			b->p.label = l;
		}
	} else if (last_good < n) {
		/* No notice: lines without a sentence after the last paragraph
		 * of prose are furniture if they are short and bare ("Print")
		 * or open with a furniture word ("Tags: ..."). */
		for (size_t i = n; i-- > last_good + 1;) {
			chr_block *b = &bl[i];
			int related;
			if (b->p.label != CHR_LABEL_BODY)
				continue;
			if (is_prose(&f[i]))
				break;
			chr_label l = phrase_label(&f[i], ZONE_POST, &related);
			if (l != CHR_LABEL_BODY)
				b->p.label = l;
			else if ((f[i].words <= 4 && !f[i].terminal && f[i].stops == 0) ||
				 ((f[i].hit[CHR_CAT_CHROME].starts || f[i].hit[CHR_CAT_RELATED].starts) &&
				  !f[i].terminal && f[i].words <= 12))
				b->p.label = CHR_LABEL_CHROME;
			else
				break;
		}
	}
}

chr_status chr_label_blocks(chr_doc *doc)
{
	chr_status st = CHR_OK;
	/* Features and sets live in the document's arena: a few dozen bytes
	 * a paragraph, and no extra malloc per document. */
	chr_arena *scratch = &doc->arena;
	const chr_lexicon *lex = chr_lex_get();
	size_t n = doc->nblocks;
	if (!lex)
		return CHR_ENOMEM;
	if (n == 0)
		goto done;
	feat *f = chr_arena_alloc(scratch, n * sizeof *f);
	if (!f) {
		st = CHR_ENOMEM;
		goto done;
	}
	uint32_t stops[CHR_LEX_MAX_LANGS] = {0}, words = 0, cyr = 0, latin = 0;
	hot_tables ht;
	hot_tables_get(lex, &ht);
	for (size_t i = 0; i < n; i++) {
		count_features(&ht, &doc->blocks[i], &f[i], scratch);
		const uint32_t *sl = f[i].stop_lang;
		stops[0] += sl[0];
		stops[1] += sl[1];
		stops[2] += sl[2];
		stops[3] += sl[3];
		stops[4] += sl[4];
		stops[5] += sl[5];
		stops[6] += sl[6];
		stops[7] += sl[7];   /* CHR_LEX_MAX_LANGS == 8 (flush_stops) */
		words += f[i].words;
		cyr += f[i].cyr;
		latin += f[i].latin;
	}
	const char *lang = chr_lex_lang_decide(lex, stops, words, cyr, latin);
	int li = -1;
	for (unsigned l = 0; lang && l < chr_lex_nlangs(lex); l++)
		if (strcmp(chr_lex_lang_code(lex, l), lang) == 0)
			li = (int)l;
	if (lang && !doc->lang)
		doc->lang = lang;   /* static storage in the lexicon */
	for (size_t i = 0; i < n; i++) {
		uint32_t s = 0;
		if (li >= 0) {
			s = f[i].stop_lang[li];
		} else {
			for (unsigned l = 0; l < CHR_LEX_MAX_LANGS; l++)
				if (f[i].stop_lang[l] > s)
					s = f[i].stop_lang[l];
		}
		f[i].stops = s;
	}
	wset seen;
	if (wset_init(&seen, scratch, n)) {
		st = CHR_ENOMEM;
		goto done;
	}
	uint8_t *dup = chr_arena_alloc(scratch, n ? n : 1);
	if (!dup) {
		st = CHR_ENOMEM;
		goto done;
	}
	mark_repeats(doc, f, &seen, dup);
	if (doc->format == CHR_FORMAT_HTML)
		label_html(doc, f);
	else
		label_text(doc, lex, f, scratch);
done:
	return st;
}
