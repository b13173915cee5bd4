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

#endif
