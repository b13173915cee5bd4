/*
 * quote_int.h - what the quote finder's files share: the speech-cue
 * lexicon (data/quotes/en.txt) looked up by token key, and the per-
 * document scratch state of one chr_quotes_find call.
 */
#ifndef CHR_ANALYZE_QUOTE_INT_H
#define CHR_ANALYZE_QUOTE_INT_H

#include "analyze/quote.h"

enum {
	QW_VERB = 1 << 0,      /* said, told, added */
	QW_ACCORDING = 1 << 1, /* according (to) */
	QW_PRON = 1 << 2,      /* he, she, they */
	QW_ROLE = 1 << 3,      /* minister, spokesman */
	QW_QUESTION = 1 << 4,  /* Question:, Q: */
	QW_DET = 1 << 5,       /* the */
	QW_INDEF = 1 << 6,     /* a, an */
	QW_AFTER = 1 << 7,     /* a verb that is a cue only after a quote: continued */
	QW_CONJ = 1 << 8,      /* and, but: a new clause */
	QW_NOUN = 1 << 9       /* claim, statement: Trump's claim that "..." */
};

#define QW_MAX_ALIAS 6

typedef struct qw_entry {
	uint64_t key;
	uint16_t cls;                     /* QW_* */
	char gender;                      /* pronouns: 'm', 'f', 'p' */
	uint8_t nalias;
	uint64_t alias[QW_MAX_ALIAS];     /* role: the title words it may refer back to */
} qw_entry;

/* cls[i] = the lexicon classes (QW_*) of word token i, 0 for others. */
void chr_qw_classify(const chr_tokens *t, uint16_t *cls);

/* The lexicon entry of a folded token key, or NULL (after the first
 * chr_qw_classify, which loads the lexicon). */
const qw_entry *chr_qw_lookup(uint64_t key);

/* A quote in the making: token indices of its marks. */
typedef struct q_span {
	uint32_t open;     /* the opening mark (or the first content token of a turn) */
	uint32_t close;    /* the closing mark; for an unclosed span the paragraph's end token */
	uint8_t closed;    /* close is a mark */
	uint8_t kind;      /* chr_quote_kind */
	uint8_t cont;      /* continues the quote of the paragraph before (news convention) */
	uint8_t how;       /* 0 no speaker found, 1 from a cue, 2 carried over, 3 the sentence subject */
	uint8_t joined;    /* another piece of the quote before, in the same sentence */
	int32_t speaker;   /* entity, -1 */
	uint32_t cue;      /* the cue token + 1, 0 if none */
} q_span;

typedef struct q_ctx {
	chr_arena *arena;
	const chr_tokens *t;
	const chr_entities *e;
	uint16_t *cls;       /* per token: QW_* */
	int32_t *men;        /* per token: the mention covering it, -1 */
	uint8_t *inq;        /* per token: inside a quote or a turn */
	q_span *sp;
	size_t nsp, capsp;
	int32_t *surname;    /* pairs (mention, entity): a person's last name token -> entity */
	size_t nsurname;     /* slots, a power of two */
} q_ctx;

/* Builds c->surname. */
chr_status chr_q_surnames(q_ctx *c);

/* The person whose name ends with the word of token i ("Cruz" for Ted
 * Cruz, mentioned elsewhere), or -1. */
int32_t chr_q_surname(const q_ctx *c, size_t i);

/* Finds transcript turns and quotation-mark spans, in text order. */
chr_status chr_q_spans(q_ctx *c);

/* Writes the spans as chr_quotes (arena-owned), merging split quotes. */
chr_status chr_q_emit(q_ctx *c, chr_quotes *out);

/* How far a cue may stand from its quote, in tokens. */
#define CUE_AFTER_MAX 14
#define CUE_BEFORE_MAX 45
#define PHRASE_AFTER_MAX 10
#define CUE_NEXT_MAX 5
/* A cue this close after a partial quote ending in a comma wins. */
#define CUE_NEAR_MAX 4
/* How far after the closing mark an after-only verb ("continued") may stand. */
#define AFTER_ONLY_MAX 5
/* How many sentences back a pronoun looks for its person. */
#define PRONOUN_SENTENCES 4

/* The state of the attribution sweep, in text order. */
typedef struct q_attr {
	q_ctx *c;
	uint64_t key_to;
	int32_t *subj;          /* per sentence: first person mentioned outside quotes, -1 */
	uint32_t *subj_tok;     /* its token */
	/* role words -> the last person titled with them */
	uint64_t *rkey;
	int32_t *rent;
	uint32_t *rmen;
	size_t rcap;
	size_t next_men;        /* mentions before this one are in the role table */
	int32_t last_speaker;   /* the last quote's person, -1 */
	uint32_t last_para, last_sent;
	int32_t cue_tok;        /* the cue token the last resolve used, -1 */
} q_attr;

static inline int punct_is(const chr_tokens *t, size_t i, char ch)
{
	const chr_token *k = &t->tok[i];
	return k->kind == CHR_TOK_PUNCT && k->end - k->start == 1 && t->text[k->start] == ch;
}

/* A token that ends a phrase: , ; : . ! ? ( ) or a quotation mark. */
static inline int is_boundary(const chr_tokens *t, size_t i)
{
	const chr_token *k = &t->tok[i];
	if (k->kind == CHR_TOK_QUOTE)
		return 1;
	if (k->kind != CHR_TOK_PUNCT)
		return 0;
	char ch = t->text[k->start];
	return ch == ',' || ch == ';' || ch == ':' || ch == '.' || ch == '!' || ch == '?' || ch == '(' ||
	       ch == ')' || ch == '[' || ch == ']';
}

/* Whether the cue word at token i is a noun here: after an article or a
 * possessive ("in a tweet", "his statement", "Trump's remarks"). */
static inline int used_as_noun(const q_ctx *c, size_t i)
{
	return i > 0 && ((c->cls[i - 1] & (QW_DET | QW_INDEF)) || (c->t->tok[i - 1].flags & CHR_TF_POSSESSIVE));
}

static inline chr_ent_type q_ent_type(const q_ctx *c, int32_t ent)
{
	return c->e->ent[ent].type;
}

/* quote_speaker.c: who a phrase names. */

/* The speaker a phrase [b, e) names: its nearest person (else
 * organisation, else place) not possessive, else a pronoun, else a role;
 * *found says whether the phrase named anyone, even someone unknown. */
int32_t chr_q_resolve_phrase(q_attr *a, size_t b, size_t e, int *found);

/* The person a pronoun (entry p) at token i stands for, or -1. */
int32_t chr_q_resolve_pronoun(q_attr *a, const qw_entry *p, size_t i);

/* The first token of mention m's role, or m's first token when it has none. */
size_t chr_q_role_begin(const q_ctx *c, const chr_mention *m);

/* quote_cue.c: the speech cues around a quote. */

/* A cue after the closing mark at cl, before token limit, at most max
 * tokens on; sets a->cue_tok and *found. */
int32_t chr_q_cue_after(q_attr *a, size_t cl, size_t limit, size_t max, int *found);

/* A cue before the opening mark at op, after token bound. */
int32_t chr_q_cue_before(q_attr *a, size_t bound, size_t op, int *found);

/* The speaker of a cue sentence s outside quotes ("Lavrov said:"), or -1. */
int32_t chr_q_sentence_cue(q_attr *a, uint32_t s, int *found);

/* Whether the tokens [b, e) hold nothing but punctuation. */
int chr_q_only_punct(const chr_tokens *t, size_t b, size_t e);


#endif
