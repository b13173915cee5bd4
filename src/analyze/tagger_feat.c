/*
 * tagger_feat.c - the features the entity tagger sees for each token.
 *
 * Part of the analyze stage: tagger.c (decoding) and tools/train_ner.c
 * (training) both call these functions, so a model is always scored with
 * the features it was trained on.  Every feature is a 64-bit key: a
 * template number combined with the hash of its value, so the model file
 * holds only numbers and no word of the text it was trained on.
 *
 * Features (Ratinov & Roth 2009 found the non-local ones worth most):
 * the folded word and its case, prefixes and suffixes of 1-4 letters,
 * word shape (Xxxx, XX, X.X., dd), token flags, the words and shapes two
 * tokens either side, gazetteer bits of the token and its neighbours,
 * whether the same word is also written capitalised mid-sentence or in
 * lowercase elsewhere in the document, the neighbours of its first
 * capitalised mid-sentence occurrence (context aggregation), and
 * (tag-dependent) the two previous tags and the type this word was last
 * tagged with earlier in the document (prediction history).  At most 52
 * static and 6 tag-dependent keys per token.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>
#define XXH_INLINE_ALL  /* short keys: the call itself would cost more than the hash */
#include <xxhash.h>

#include "analyze/tagger_int.h"
#include "util/utf8.h"

enum {
	T_BIAS = 1, T_W, T_WCASE, T_PRE, T_SUF, T_SHAPE, T_SSHAPE, T_FLAG, T_KIND,
	T_WM2, T_WM1, T_WP1, T_WP2, T_BI_M1, T_BI_P1, T_SH_M1, T_SH_P1, T_SH_TRI,
	T_WM1_SH0, T_SH0_WP1, T_DOC, T_GAZ, T_GAZ_M1, T_GAZ_P1, T_GAZ_ALL,
	T_P1, T_P12, T_P1W, T_P1SH, T_HIST, T_HIST_SH, T_LEN, T_WM1_WP1, T_AGG_M1, T_AGG_P1
};

/* Document evidence about a word (chr_ner_tok.docinfo). */
enum { NER_DOC_CAP_MID = 1, NER_DOC_LOWER = 2, NER_DOC_CAP_START = 4 };

/* Beyond the sentence edge the window sees this word. */
#define EDGE_KEY 0x6E6572656467650Bull

static inline uint64_t fkey(unsigned tmpl, uint64_t v)
{
	return chr_key_combine(v, 0xC0FFEE0000000000ull ^ ((uint64_t)tmpl << 32));
}

static inline uint64_t fkey2(unsigned tmpl, uint64_t a, uint64_t b)
{
	return chr_key_combine(chr_key_combine(a, b), 0xC0FFEE0000000000ull ^ ((uint64_t)tmpl << 32));
}

/* Shape classes of one code point: X upper, x lower, d digit, else the
 * ASCII punctuation itself or 'o'. */
static char shape_char(uint32_t cp)
{
	if (cp < 0x80) {
		if (cp >= 'A' && cp <= 'Z')
			return 'X';
		if (cp >= 'a' && cp <= 'z')
			return 'x';
		if (cp >= '0' && cp <= '9')
			return 'd';
		return (char)cp;
	}
	switch (utf8proc_category((utf8proc_int32_t)cp)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LT:
		return 'X';
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
		return 'x';
	case UTF8PROC_CATEGORY_ND:
		return 'd';
	default:
		return 'o';
	}
}

/* Long shape (runs capped at 4: "Xxxx") into lng, short shape (runs of one:
 * "Xx") into sht; both at most 24 bytes, the rest of a long token ignored. */
static void token_shapes(const char *s, size_t len, char *lng, size_t *nl, char *sht, size_t *ns)
{
	size_t i = 0, a = 0, b = 0;
	char prev = 0;
	int run = 0;
	while (i < len && a < 24) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp = c < 0x80 ? (i++, c) : chr_utf8_next(s, len, &i);
		char k = shape_char(cp);
		run = k == prev ? run + 1 : 1;
		if (run <= 4)
			lng[a++] = k;
		if (run == 1 && b < 24)
			sht[b++] = k;
		prev = k;
	}
	*nl = a;
	*ns = b;
}

static int first_is_lower(const char *s, size_t len)
{
	size_t i = 0;
	unsigned char c = len ? (unsigned char)s[0] : 0;
	if (c < 0x80)
		return c >= 'a' && c <= 'z';
	return shape_char(chr_utf8_next(s, len, &i)) == 'x';
}

/* The short shape key of token j, computed on first use: most tokens are
 * never scored nor next to a scored one. */
static uint64_t tok_shape(chr_ner_doc *d, size_t j)
{
	chr_ner_tok *o = &d->tok[j];
	if (!o->shape) {
		const chr_token *t = &d->toks->tok[j];
		char lng[24], sht[24];
		size_t nl, ns;
		token_shapes(d->toks->text + t->start, t->end - t->start, lng, &nl, sht, &ns);
		o->shape = XXH3_64bits(sht, ns) | 1;
	}
	return o->shape;
}

static size_t doc_slot(const chr_ner_doc *d, uint64_t key)
{
	size_t mask = d->nslot - 1, h = (size_t)(key ^ (key >> 29)) & mask;
	while (d->slot_key[h] && d->slot_key[h] != key)
		h = (h + 1) & mask;
	return h;
}

chr_status chr_ner_doc_init(chr_ner_doc *d, const chr_tokens *toks, const chr_gaz_bits *gaz)
{
	chr_status st = CHR_OK;
	memset(d, 0, sizeof *d);
	d->toks = toks;
	d->gaz = gaz;
	size_t n = toks->n, nslot = 16;
	while (nslot < 2 * n)
		nslot <<= 1;
	d->nslot = nslot;
	d->tok = malloc((n ? n : 1) * sizeof *d->tok);
	d->slot_key = calloc(nslot, sizeof *d->slot_key);
	d->slot_info = calloc(nslot, 1);
	d->slot_hist = calloc(nslot, 1);
	d->slot_first = calloc(nslot, sizeof *d->slot_first);
	if (!d->tok || !d->slot_key || !d->slot_info || !d->slot_hist || !d->slot_first) {
		st = CHR_ENOMEM;
		goto fail;
	}
	for (size_t i = 0; i < n; i++) {
		const chr_token *t = &toks->tok[i];
		chr_ner_tok *o = &d->tok[i];
		o->word = t->key ? t->key : 1;
		o->shape = 0;  /* computed when a feature first needs it */
		o->flags = t->flags;
		o->kind = (uint8_t)t->kind;
		size_t h = doc_slot(d, o->word);
		d->slot_key[h] = o->word;
		o->hist = (uint32_t)h;
		if (t->kind != CHR_TOK_WORD)
			continue;
		/* A capitalised word right after an opening quote or bracket is
		 * as uninformative as one at a sentence start. */
		int initial = (t->flags & CHR_TF_SENT_START) ||
			      (i > 0 && (toks->tok[i - 1].flags & CHR_TF_OPEN)) ||
			      (i > 0 && toks->tok[i - 1].kind == CHR_TOK_PUNCT &&
			       toks->text[toks->tok[i - 1].start] == ':');
		if (t->flags & CHR_TF_UPPER) {
			if (!initial && !(d->slot_info[h] & NER_DOC_CAP_MID))
				d->slot_first[h] = (uint32_t)i + 1;
			d->slot_info[h] |= initial ? NER_DOC_CAP_START : NER_DOC_CAP_MID;
		} else if (first_is_lower(toks->text + t->start, t->end - t->start)) {
			d->slot_info[h] |= NER_DOC_LOWER;
		}
	}
	for (size_t i = 0; i < n; i++)
		d->tok[i].docinfo = d->slot_info[d->tok[i].hist];
	return st;
fail:
	chr_ner_doc_free(d);
	return st;
}

void chr_ner_doc_free(chr_ner_doc *d)
{
	if (!d)
		return;
	free(d->tok);
	free(d->slot_key);
	free(d->slot_info);
	free(d->slot_hist);
	free(d->slot_first);
	memset(d, 0, sizeof *d);
}

/* Byte ends of the first up-to-4 code points, and starts of the last 4. */
static void affixes(uint64_t *keys, size_t *nk, const char *f, size_t n)
{
	size_t cut[8], nc = 0;
	for (size_t i = 1; i <= n && nc < 4; i++)
		if (i == n || ((unsigned char)f[i] & 0xC0) != 0x80)
			cut[nc++] = i;
	for (size_t k = 0; k < nc; k++)
		keys[(*nk)++] = XXH3_64bits_withSeed(f, cut[k], T_PRE * 16 + k);
	nc = 0;
	for (size_t i = n; i-- > 0 && nc < 4;)
		if (((unsigned char)f[i] & 0xC0) != 0x80)
			cut[nc++] = i;
	for (size_t k = 0; k < nc; k++)
		keys[(*nk)++] = XXH3_64bits_withSeed(f + cut[k], n - cut[k], T_SUF * 16 + k);
}

static uint64_t window_word(const chr_ner_doc *d, size_t i, long off, uint32_t sent)
{
	long j = (long)i + off;
	if (j < 0 || (size_t)j >= d->toks->n || d->toks->tok[j].sentence != sent)
		return EDGE_KEY;
	return d->tok[j].word;
}

static uint64_t window_shape(chr_ner_doc *d, size_t i, long off, uint32_t sent)
{
	long j = (long)i + off;
	if (j < 0 || (size_t)j >= d->toks->n || d->toks->tok[j].sentence != sent)
		return EDGE_KEY;
	return tok_shape(d, (size_t)j);
}

size_t chr_ner_static(chr_ner_doc *d, size_t i, uint64_t *keys)
{
	const chr_token *t = &d->toks->tok[i];
	chr_ner_tok *o = &d->tok[i];
	uint32_t sent = t->sentence;
	size_t n = 0;
	unsigned fl = o->flags;
	unsigned cs = (fl & CHR_TF_ALL_UPPER) ? 2 : (fl & CHR_TF_UPPER) ? 1 : 0;

	keys[n++] = fkey(T_BIAS, 0);
	keys[n++] = fkey(T_W, o->word);
	keys[n++] = fkey2(T_WCASE, o->word, cs);
	keys[n++] = fkey(T_KIND, o->kind);
	if (o->kind == CHR_TOK_WORD) {
		char f[64], lng[24], sht[24];
		size_t nf = chr_fold(d->toks->text + t->start, t->end - t->start, f, sizeof f), nl, ns;
		affixes(keys, &n, f, nf);
		token_shapes(d->toks->text + t->start, t->end - t->start, lng, &nl, sht, &ns);
		if (!o->shape)
			o->shape = XXH3_64bits(sht, ns) | 1;
		keys[n++] = XXH3_64bits_withSeed(lng, nl, T_SHAPE);
		keys[n++] = fkey(T_LEN, nf > 12 ? 12 : nf);
	}
	keys[n++] = fkey(T_SSHAPE, tok_shape(d, i));
	static const uint16_t flag_bits[] = {CHR_TF_UPPER, CHR_TF_ALL_UPPER, CHR_TF_DIGIT, CHR_TF_ABBREV,
		CHR_TF_HYPHEN, CHR_TF_NON_ASCII, CHR_TF_SENT_START, CHR_TF_PARA_START, CHR_TF_POSSESSIVE};
	for (size_t k = 0; k < sizeof flag_bits / sizeof flag_bits[0]; k++)
		if (fl & flag_bits[k])
			keys[n++] = fkey(T_FLAG, flag_bits[k]);
	keys[n++] = fkey(T_FLAG, 0x10000u | (fl & (CHR_TF_SENT_START | CHR_TF_UPPER)));

	uint64_t wm2 = window_word(d, i, -2, sent), wm1 = window_word(d, i, -1, sent);
	uint64_t wp1 = window_word(d, i, 1, sent), wp2 = window_word(d, i, 2, sent);
	uint64_t sm1 = window_shape(d, i, -1, sent), sp1 = window_shape(d, i, 1, sent);
	keys[n++] = fkey(T_WM2, wm2);
	keys[n++] = fkey(T_WM1, wm1);
	keys[n++] = fkey(T_WP1, wp1);
	keys[n++] = fkey(T_WP2, wp2);
	keys[n++] = fkey2(T_BI_M1, wm1, o->word);
	keys[n++] = fkey2(T_BI_P1, o->word, wp1);
	keys[n++] = fkey2(T_WM1_WP1, wm1, wp1);
	keys[n++] = fkey(T_SH_M1, sm1);
	keys[n++] = fkey(T_SH_P1, sp1);
	keys[n++] = fkey2(T_SH_TRI, chr_key_combine(sm1, o->shape), sp1);
	keys[n++] = fkey2(T_WM1_SH0, wm1, o->shape);
	keys[n++] = fkey2(T_SH0_WP1, o->shape, wp1);
	if (o->kind == CHR_TOK_WORD)
		keys[n++] = fkey(T_DOC, o->docinfo | (fl & CHR_TF_SENT_START ? 8u : 0) | (cs << 4));

	/* Context aggregation: the neighbours of this word where it first
	 * appears capitalised mid-sentence ("said Gloria" helps a
	 * sentence-initial "Gloria"). */
	uint32_t first = d->slot_first[o->hist];
	if (first && first - 1 != i && o->kind == CHR_TOK_WORD) {
		size_t j = first - 1;
		uint32_t sj = d->toks->tok[j].sentence;
		keys[n++] = fkey(T_AGG_M1, window_word(d, j, -1, sj));
		keys[n++] = fkey(T_AGG_P1, window_word(d, j, 1, sj));
	}
	if (d->gaz) {
		chr_gaz_bits g = d->gaz[i];
		for (unsigned b = 0; b < 9; b++)
			if (g & (1u << b))
				keys[n++] = fkey(T_GAZ, b);
		keys[n++] = fkey(T_GAZ_ALL, g & 0x1FF);
		if (i > 0 && d->toks->tok[i - 1].sentence == sent)
			keys[n++] = fkey(T_GAZ_M1, d->gaz[i - 1] & 0x1FF);
		if (i + 1 < d->toks->n && d->toks->tok[i + 1].sentence == sent)
			keys[n++] = fkey(T_GAZ_P1, d->gaz[i + 1] & 0x1FF);
	}
	assert(n <= CHR_NER_MAX_STATIC);
	for (size_t k = 0; k < n; k++)
		if (!keys[k])
			keys[k] = 1;  /* 0 marks an empty slot in the model's table */
	return n;
}

size_t chr_ner_dynamic(chr_ner_doc *d, size_t i, int prev1, int prev2, uint64_t *keys)
{
	const chr_ner_tok *o = &d->tok[i];
	tok_shape(d, i);
	size_t n = 0;
	keys[n++] = fkey(T_P1, (uint64_t)prev1);
	keys[n++] = fkey2(T_P12, (uint64_t)prev1, (uint64_t)prev2);
	keys[n++] = fkey2(T_P1W, (uint64_t)prev1, o->word);
	keys[n++] = fkey2(T_P1SH, (uint64_t)prev1, o->shape);
	unsigned h = d->slot_hist[o->hist];
	if (h && (o->flags & CHR_TF_UPPER)) {
		keys[n++] = fkey(T_HIST, h);
		int inside = prev1 > 0 && prev1 < CHR_NER_NCLASS;
		keys[n++] = fkey2(T_HIST_SH, h, (uint64_t)inside);
	}
	assert(n <= CHR_NER_MAX_DYNAMIC);
	for (size_t k = 0; k < n; k++)
		if (!keys[k])
			keys[k] = 1;
	return n;
}

void chr_ner_remember(chr_ner_doc *d, size_t i, int c)
{
	if (!(d->tok[i].flags & CHR_TF_UPPER) || d->tok[i].kind != CHR_TOK_WORD)
		return;
	d->slot_hist[d->tok[i].hist] = (uint8_t)(c ? 1 + chr_ner_class_type(c) : 5);
}
