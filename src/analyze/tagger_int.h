/*
 * tagger_int.h - the tagger's features and model, shared by the library
 * (tagger.c decodes) and tools/train_ner.c (trains and writes the model).
 *
 * Both sides must compute the very same feature keys, so the feature code
 * lives in one place (tagger_feat.c) and the model file records the
 * feature-set version it was trained with; a model whose version differs
 * from CHR_NER_FEATSET is refused rather than silently mis-scored.
 *
 * Classes: 0 is O; 1 + 4*type + (pos - 1) for pos B, I, L, U and type a
 * chr_ent_type, so 17 classes in all.
 */
#ifndef CHR_ANALYZE_TAGGER_INT_H
#define CHR_ANALYZE_TAGGER_INT_H

#include <stddef.h>
#include <stdint.h>

#include "analyze/tagger.h"
#include "analyze/token.h"

#define CHR_NER_NCLASS 17
#define CHR_NER_FEATSET 4       /* bump whenever a feature changes */
#define CHR_NER_MAX_STATIC 64   /* static features per token, at most */
#define CHR_NER_MAX_DYNAMIC 8   /* tag-history features per token, at most */

static inline int chr_ner_class_pos(int c) { return c ? 1 + (c - 1) % 4 : CHR_BIO_O; }
static inline int chr_ner_class_type(int c) { return c ? (c - 1) / 4 : 0; }
static inline int chr_ner_class(int pos, int type) { return pos == CHR_BIO_O ? 0 : 1 + 4 * type + (pos - 1); }
static inline uint8_t chr_ner_class_tag(int c)
{
	return c ? CHR_TAG(chr_ner_class_pos(c), chr_ner_class_type(c)) : CHR_TAG(CHR_BIO_O, 0);
}

/* May class c follow class prev (0 at a sentence start)?  last: c is the
 * last token of its sentence, where no name may stay open. */
static inline int chr_ner_legal(int prev, int c, int last)
{
	int ppos = chr_ner_class_pos(prev), pos = chr_ner_class_pos(c);
	int open = ppos == CHR_BIO_B || ppos == CHR_BIO_I;
	if (open) {
		if (chr_ner_class_type(c) != chr_ner_class_type(prev))
			return 0;
		if (pos == CHR_BIO_L)
			return 1;
		return pos == CHR_BIO_I && !last;
	}
	if (pos == CHR_BIO_I || pos == CHR_BIO_L)
		return 0;
	return !(last && pos == CHR_BIO_B);
}

/*
 * May token i be left O without scoring?  Outside a name, a token that
 * starts with neither a capital nor a digit never begins one (the gold
 * rule says names start so), and in news that is four tokens in five:
 * skipping them makes the tagger several times faster.  Training still
 * sees every token (1.5 points of F1 better in cross-validation: the O
 * tokens teach the shared features too); the trainer counts gold names
 * that start on a skipped token (none in GUM).
 */
static inline int chr_ner_skip(const chr_token *t, int prev)
{
	int ppos = chr_ner_class_pos(prev);
	if (ppos == CHR_BIO_B || ppos == CHR_BIO_I)
		return 0;
	return !(t->flags & (CHR_TF_UPPER | CHR_TF_DIGIT));
}

/*
 * Per-document feature state: token facts computed once, the document-wide
 * evidence (is this word also written capitalised mid-sentence, or in
 * lowercase, elsewhere?) and the prediction history (the type this word
 * was last tagged with earlier in the document).  Owned by the caller:
 * chr_ner_doc_init / chr_ner_doc_free.
 */
typedef struct chr_ner_tok {
	uint64_t word;     /* folded key of the token */
	uint64_t shape;    /* short shape key (Xx, X.X., d, x-x), 0 until first needed */
	uint32_t hist;     /* slot in the document table */
	uint16_t flags;    /* CHR_TF_* of the token */
	uint8_t docinfo;   /* NER_DOC_* bits of its word */
	uint8_t kind;
} chr_ner_tok;

typedef struct chr_ner_doc {
	const chr_tokens *toks;
	const chr_gaz_bits *gaz;   /* may be NULL */
	chr_ner_tok *tok;          /* toks->n */
	uint64_t *slot_key;        /* document word table, nslot (power of two) */
	uint8_t *slot_info;
	uint8_t *slot_hist;        /* 0 none, 1 + type, or 5: capitalised but O */
	uint32_t *slot_first;      /* 1 + first token where it is capitalised mid-sentence, or 0 */
	size_t nslot;
} chr_ner_doc;

chr_status chr_ner_doc_init(chr_ner_doc *d, const chr_tokens *toks, const chr_gaz_bits *gaz);
void chr_ner_doc_free(chr_ner_doc *d);

/* Keys of the features of token i that do not depend on tags; returns how many. */
size_t chr_ner_static(chr_ner_doc *d, size_t i, uint64_t *keys);

/* Keys of the features that depend on the two previous classes (0 at a
 * sentence start) and the prediction history; returns how many. */
size_t chr_ner_dynamic(chr_ner_doc *d, size_t i, int prev1, int prev2, uint64_t *keys);

/* Records that token i was tagged class c (feeds the history feature). */
void chr_ner_remember(chr_ner_doc *d, size_t i, int c);

/*
 * A model from its text form (see data/model/README.md); NULL when the
 * text is malformed, of another feature set, or memory runs out.  Free
 * with chr_tagger_free.
 */
chr_tagger *chr_tagger_load(const char *text, size_t len);
void chr_tagger_free(chr_tagger *model);

/* Number of features in a model (for tests and the training report). */
size_t chr_tagger_size(const chr_tagger *model);

#endif
