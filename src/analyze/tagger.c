/*
 * tagger.c - labels tokens as parts of PERSON / ORG / PLACE / MISC names.
 *
 * Part of the analyze stage, after tokenising: the entity stage calls
 * chr_tagger_tag for the names its lists and patterns do not hold.  An
 * averaged perceptron (Collins 2002) over BILOU classes, decoded greedily
 * left to right within each sentence, choosing only classes that may
 * follow the previous one (no I without B, no name left open at the end
 * of a sentence).  The model is data/model/ner.txt (tools/train_ner.c),
 * compiled into the library and parsed once into an open-addressing table
 * whose entries hold the key and all 17 class weights (int16) together, so
 * scoring one feature costs one cache line.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "analyze/tagger_int.h"
#include "util/data.h"

typedef struct ner_entry {
	uint64_t key;
	int16_t w[CHR_NER_NCLASS];
} ner_entry;

/* Most lookups are for features the model does not hold (rare words), so
 * probing touches only a small array of 32-bit fingerprints (8 bytes a
 * slot, a few hundred KB: it stays in cache); the entry with the full key
 * and the weights is read only on a fingerprint match. */
typedef struct ner_slot {
	uint32_t fp;   /* 0: empty */
	uint32_t idx;  /* into entries */
} ner_slot;

/* A one-hash Bloom filter in front of the table: 2^18 bits (32 KB, stays
 * in L1/L2) answer "not held" for most absent features without touching
 * the table; with 10,000 features about 4% of absent keys get through. */
#define NER_BLOOM_BITS 18

struct chr_tagger {
	uint64_t bloom[(1u << NER_BLOOM_BITS) / 64];
	ner_slot *tab;
	size_t mask;   /* table size - 1 (a power of two) */
	ner_entry *ent;
	size_t n;      /* features held */
	int gaz;       /* trained with gazetteer features (header gaz=1) */
};

static inline uint32_t key_fp(uint64_t key)
{
	uint32_t fp = (uint32_t)(key >> 32);
	return fp ? fp : 1;
}

/* Feature keys come from multiplicative combining, whose low bits are
 * weak: spread them with a multiply and fold the high half down. */
static inline size_t key_home(uint64_t key, size_t mask)
{
	uint64_t h = key * 0x9E3779B97F4A7C15ull;
	return (size_t)(h ^ (h >> 32)) & mask;
}

static inline uint32_t key_bloom(uint64_t key)
{
	return (uint32_t)((key * 0xD6E8FEB86659FD93ull) >> (64 - NER_BLOOM_BITS));
}

static inline const ner_entry *model_find(const chr_tagger *m, uint64_t key)
{
	uint32_t b = key_bloom(key);
	if (!(m->bloom[b >> 6] >> (b & 63) & 1))
		return NULL;
	uint32_t fp = key_fp(key);
	for (size_t h = key_home(key, m->mask);; h = (h + 1) & m->mask) {
		const ner_slot *s = &m->tab[h];
		if (!s->fp)
			return NULL;
		if (s->fp == fp && m->ent[s->idx].key == key)
			return &m->ent[s->idx];
	}
}

void chr_tagger_free(chr_tagger *model)
{
	if (!model)
		return;
	free(model->tab);
	free(model->ent);
	free(model);
}

size_t chr_tagger_size(const chr_tagger *model)
{
	return model ? model->n : 0;
}

/* ------------------------------------------------------------ loading */

static int parse_hex64(const char **p, const char *end, uint64_t *out)
{
	uint64_t v = 0;
	int k = 0;
	for (; *p < end && k < 16; (*p)++, k++) {
		char c = **p;
		int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
		if (d < 0)
			break;
		v = v << 4 | (uint64_t)d;
	}
	*out = v;
	return k == 16;
}

static int parse_int(const char **p, const char *end, long *out)
{
	int neg = 0, k = 0;
	long v = 0;
	if (*p < end && **p == '-') {
		neg = 1;
		(*p)++;
	}
	for (; *p < end && **p >= '0' && **p <= '9' && k < 9; (*p)++, k++)
		v = v * 10 + (**p - '0');
	*out = neg ? -v : v;
	return k > 0;
}

/* A header value "name=N" from the first line; -1 if absent. */
static long header_value(const char *line, size_t len, const char *name)
{
	size_t nl = strlen(name);
	for (size_t i = 0; i + nl < len; i++)
		if ((i == 0 || line[i - 1] == ' ') && memcmp(line + i, name, nl) == 0 && line[i + nl] == '=') {
			const char *p = line + i + nl + 1;
			long v;
			return parse_int(&p, line + len, &v) ? v : -1;
		}
	return -1;
}

chr_tagger *chr_tagger_load(const char *text, size_t len)
{
	chr_tagger *m = NULL;
	const char *p = text, *end = text + len;
	const char *eol = memchr(p, '\n', len);
	if (!eol || (size_t)(eol - p) < 13 || memcmp(p, "chronicle-ner", 13) != 0)
		goto fail;
	size_t hl = (size_t)(eol - p);
	long fs = header_value(p, hl, "featset"), nc = header_value(p, hl, "classes");
	long nf = header_value(p, hl, "features");
	/* Every feature takes a line of at least 17 bytes: a header cannot
	 * make us allocate more than the text could fill. */
	if (fs != CHR_NER_FEATSET || nc != CHR_NER_NCLASS || nf < 0 || (size_t)nf > len / 17)
		goto fail;
	m = calloc(1, sizeof *m);
	if (!m)
		goto fail;
	size_t size = 16;
	while (size < 2 * (size_t)nf)
		size <<= 1;
	m->gaz = header_value(p, hl, "gaz") == 1;
	m->tab = calloc(size, sizeof *m->tab);
	m->ent = calloc(nf ? (size_t)nf : 1, sizeof *m->ent);
	if (!m->tab || !m->ent)
		goto fail;
	m->mask = size - 1;
	p = eol + 1;
	while (p < end) {
		uint64_t key;
		if (*p == '\n') {
			p++;
			continue;
		}
		if (!parse_hex64(&p, end, &key) || !key)
			goto fail;
		if (m->n >= (size_t)nf && !model_find(m, key))
			goto fail;
		ner_entry *e = (ner_entry *)model_find(m, key);
		if (!e) {
			size_t h = key_home(key, m->mask);
			while (m->tab[h].fp)
				h = (h + 1) & m->mask;
			m->tab[h].fp = key_fp(key);
			m->tab[h].idx = (uint32_t)m->n;
			uint32_t b = key_bloom(key);
			m->bloom[b >> 6] |= 1ull << (b & 63);
			e = &m->ent[m->n++];
			e->key = key;
		}
		while (p < end && *p == ' ') {
			long c, w;
			p++;
			if (!parse_int(&p, end, &c) || p >= end || *p != ':')
				goto fail;
			p++;
			if (!parse_int(&p, end, &w) || c < 0 || c >= CHR_NER_NCLASS || w < -32767 || w > 32767)
				goto fail;
			e->w[c] = (int16_t)w;
		}
		if (p < end && *p != '\n')
			goto fail;
	}
	return m;
fail:
	chr_tagger_free(m);
	return NULL;
}

static chr_tagger *default_model;
static pthread_once_t default_once = PTHREAD_ONCE_INIT;

static void default_load(void)
{
	size_t len = 0;
	const char *text = chr_data_get("model/ner.txt", &len);
	if (text)
		default_model = chr_tagger_load(text, len);
	/* No model compiled in (before the first `make model`), or one of
	 * another feature set: an empty model, which tags everything O, so
	 * the lists and patterns still work. */
	if (!default_model) {
		default_model = calloc(1, sizeof *default_model);
		if (default_model) {
			default_model->tab = calloc(16, sizeof *default_model->tab);
			default_model->mask = 15;
			if (!default_model->tab) {
				chr_tagger_free(default_model);
				default_model = NULL;
			}
		}
	}
}

const chr_tagger *chr_tagger_default(void)
{
	pthread_once(&default_once, default_load);
	return default_model;
}

/* ------------------------------------------------------------ decoding */

/* score[c] += w[c] for the 17 classes: 16 in two SSE2 steps, one alone. */
static inline void add_entry(int32_t *score, const int16_t *w)
{
#if defined(__SSE2__)
	__m128i a = _mm_loadu_si128((const __m128i *)w), b = _mm_loadu_si128((const __m128i *)(w + 8));
	__m128i *s = (__m128i *)score;
	_mm_storeu_si128(s, _mm_add_epi32(_mm_loadu_si128(s), _mm_srai_epi32(_mm_unpacklo_epi16(a, a), 16)));
	_mm_storeu_si128(s + 1, _mm_add_epi32(_mm_loadu_si128(s + 1), _mm_srai_epi32(_mm_unpackhi_epi16(a, a), 16)));
	_mm_storeu_si128(s + 2, _mm_add_epi32(_mm_loadu_si128(s + 2), _mm_srai_epi32(_mm_unpacklo_epi16(b, b), 16)));
	_mm_storeu_si128(s + 3, _mm_add_epi32(_mm_loadu_si128(s + 3), _mm_srai_epi32(_mm_unpackhi_epi16(b, b), 16)));
	score[16] += w[16];
#else
	for (int c = 0; c < CHR_NER_NCLASS; c++)
		score[c] += w[c];
#endif
}

/* Looks every key up first and adds afterwards, so the independent
 * table reads overlap instead of waiting on each other. */
static void add_weights(const chr_tagger *m, const uint64_t *keys, size_t n, int32_t *score)
{
	const ner_entry *hit[CHR_NER_MAX_STATIC + CHR_NER_MAX_DYNAMIC];
	size_t nh = 0;
	for (size_t k = 0; k < n; k++) {
		const ner_entry *e = model_find(m, keys[k]);
		if (e)
			hit[nh++] = e;
	}
	for (size_t k = 0; k < nh; k++)
		add_entry(score, hit[k]->w);
}

/* The best class that may follow prev (0: none open). */
static int pick(const int32_t *score, int prev, int last)
{
	int best = -1;
	for (int c = 0; c < CHR_NER_NCLASS; c++)
		if (chr_ner_legal(prev, c, last) && (best < 0 || score[c] > score[best]))
			best = c;
	return best;
}

chr_status chr_tagger_tag(const chr_tagger *model, const chr_tokens *toks, const chr_gaz_bits *gaz,
			  uint8_t *tags_out)
{
	chr_status st = CHR_OK;
	chr_ner_doc d;
	if (!model || !toks || (toks->n && !tags_out))
		return CHR_EINVAL;
	if (toks->n == 0)
		return CHR_OK;
	/* Gazetteer features of a model trained without them would only
	 * be looked up in vain. */
	st = chr_ner_doc_init(&d, toks, model->gaz ? gaz : NULL);
	if (st != CHR_OK)
		return st;
	uint64_t keys[CHR_NER_MAX_STATIC + CHR_NER_MAX_DYNAMIC];
	int prev1 = CHR_NER_NCLASS, prev2 = CHR_NER_NCLASS;
	for (size_t i = 0; i < toks->n; i++) {
		uint32_t sent = toks->tok[i].sentence;
		if (i == 0 || toks->tok[i - 1].sentence != sent)
			prev1 = prev2 = CHR_NER_NCLASS;  /* sentence start */
		int last = i + 1 == toks->n || toks->tok[i + 1].sentence != sent;
		int legal_prev = prev1 == CHR_NER_NCLASS ? 0 : prev1;
		if (chr_ner_skip(&toks->tok[i], legal_prev)) {
			tags_out[i] = chr_ner_class_tag(0);
			prev2 = prev1;
			prev1 = 0;
			continue;
		}
		int32_t score[CHR_NER_NCLASS] = {0};
		size_t nk = chr_ner_static(&d, i, keys);
		nk += chr_ner_dynamic(&d, i, prev1, prev2, keys + nk);
		add_weights(model, keys, nk, score);
		int best = pick(score, legal_prev, last);
		tags_out[i] = chr_ner_class_tag(best);
		chr_ner_remember(&d, i, best);
		prev2 = prev1;
		prev1 = best;
	}
	chr_ner_doc_free(&d);
	return st;
}
