/*
 * quote_spans.c - analyze stage, quotes: where the quoted words are.
 *
 * Two kinds of span, found paragraph by paragraph in one pass:
 *  - transcript turns: a paragraph that opens with "Name:", "Title Name:"
 *    or "Question:" starts a turn, and the unlabelled paragraphs after it
 *    belong to the same turn while the transcript goes on (another label
 *    follows within a few paragraphs);
 *  - quotation marks: double marks (" “ ” „ « ») paired inside one
 *    paragraph.  An unclosed quote continues into the next paragraph only
 *    when that paragraph opens with a mark (the news convention for long
 *    quotes), so a stray mark never swallows the rest of the document.
 * Single marks (‘ ’ ') are left alone: they are apostrophes as often as
 * quotes, and nested quotes belong to the quote around them.
 */
#include "analyze/quote_int.h"

#include <string.h>

/* The paragraph gap over which a turn's speaker carries on. */
#define TURN_GAP 12
/* The longest "Title Name" label before a colon, in tokens. */
#define LABEL_MAX 12

/* A label whose speaker is unknown: it ends a turn, and is no quote. */
#define LABEL_UNKNOWN 9

enum { MARK_NONE = 0, MARK_STRAIGHT, MARK_OPEN, MARK_CLOSE, MARK_LOW };

/* Which double quotation mark token i is, if any. */
static inline int mark_of(const chr_tokens *t, size_t i)
{
	const chr_token *k = &t->tok[i];
	if (k->kind != CHR_TOK_QUOTE)
		return MARK_NONE;
	const unsigned char *s = (const unsigned char *)t->text + k->start;
	size_t n = k->end - k->start;
	if (n == 1 && s[0] == '"')
		return MARK_STRAIGHT;
	if (n == 2 && s[0] == 0xC2)
		return s[1] == 0xAB ? MARK_OPEN : s[1] == 0xBB ? MARK_CLOSE : MARK_NONE;   /* « » */
	if (n == 3 && s[0] == 0xE2 && s[1] == 0x80) {
		switch (s[2]) {
		case 0x9C: return MARK_OPEN;    /* “ */
		case 0x9D: return MARK_CLOSE;   /* ” */
		case 0x9E: return MARK_LOW;     /* „ */
		case 0x9F: return MARK_OPEN;    /* ‟ */
		default: return MARK_NONE;
		}
	}
	return MARK_NONE;
}

static int is_opening(const chr_tokens *t, size_t i, int m)
{
	return m == MARK_OPEN || m == MARK_LOW || (m == MARK_STRAIGHT && (t->tok[i].flags & CHR_TF_OPEN));
}

static int is_colon(const chr_tokens *t, size_t i)
{
	const chr_token *k = &t->tok[i];
	return k->kind == CHR_TOK_PUNCT && k->end - k->start == 1 && t->text[k->start] == ':';
}

static chr_status push_span(q_ctx *c, uint32_t open, uint32_t close, int closed, int kind, int32_t speaker)
{
	if (c->nsp == c->capsp)
		return CHR_ELIMIT;   /* cannot happen: capsp bounds marks plus paragraphs */
	q_span *s = &c->sp[c->nsp++];
	memset(s, 0, sizeof *s);
	s->open = open;
	s->close = close;
	s->closed = (uint8_t)closed;
	s->kind = (uint8_t)kind;
	s->speaker = speaker;
	return CHR_OK;
}

/* A label at the paragraph starting at token p (ending before pe): the
 * colon's token index, or 0.  *kind and *speaker say whose turn. */
static size_t find_label(const q_ctx *c, size_t p, size_t pe, int *lead_quote, int *kind, int32_t *speaker)
{
	const chr_tokens *t = c->t;
	size_t i = p;
	*lead_quote = 0;
	if (i < pe && is_opening(t, i, mark_of(t, i))) {
		*lead_quote = 1;
		i++;
	}
	if (i + 2 > pe || !(t->tok[i].flags & CHR_TF_UPPER))
		return 0;
	if ((c->cls[i] & QW_QUESTION) && i + 1 < pe && is_colon(t, i + 1) && i + 2 < pe) {
		*kind = CHR_QUOTE_QUESTION;
		*speaker = -1;
		return i + 1;
	}
	int all_upper = 1;
	size_t j = i;
	for (; j < pe && j < i + LABEL_MAX; j++) {
		const chr_token *k = &t->tok[j];
		if (is_colon(t, j))
			break;
		if (k->kind != CHR_TOK_WORD)
			return 0;
		if (!(k->flags & CHR_TF_ALL_UPPER) && !(k->flags & CHR_TF_ABBREV && k->flags & CHR_TF_UPPER))
			all_upper = 0;
	}
	if (j >= pe || !is_colon(t, j) || j == i || j + 1 >= pe)
		return 0;
	size_t w = j + 1;
	while (w < pe && t->tok[w].kind != CHR_TOK_WORD)
		w++;
	if (w == pe)
		return 0;   /* "Clinton: 2,316." - a table row, not a turn */
	if (is_opening(t, j + 1, mark_of(t, j + 1)) && mark_of(t, pe - 1) != MARK_NONE &&
	    !is_opening(t, pe - 1, mark_of(t, pe - 1)))
		return 0;   /* Pollster Jane Doe: "..." - a quote with its speaker, not a turn */
	int32_t m = c->men[j - 1];
	if (m >= 0 && c->e->men[m].tok_end == j && c->e->ent[c->e->men[m].entity].type == CHR_ENT_PERSON) {
		/* the words before the name are its title: capitalised, or the
		 * small words inside a title ("Aide to the President") */
		for (size_t k = i; k < c->e->men[m].tok_begin; k++)
			if (!(t->tok[k].flags & CHR_TF_UPPER) && t->tok[k].end - t->tok[k].start > 3)
				return 0;
		*kind = CHR_QUOTE_TURN;
		*speaker = (int32_t)c->e->men[m].entity;
		return j;
	}
	if (all_upper && j - i <= 3) {
		/* "PENCE:" - a speaker known by the surname of a person named
		 * elsewhere; an unknown one still ends the turn before */
		*kind = CHR_QUOTE_TURN;
		*speaker = chr_q_surname(c, j - 1);
		if (*speaker < 0)
			*kind = LABEL_UNKNOWN;
		return j;
	}
	return 0;
}

/* Pairs the double marks of paragraph [p, pe).  A mark left open at the
 * end is a quote to the paragraph's end when the next paragraph opens with
 * a mark (next_opens: the news convention for a long quote) or when the
 * paragraph itself opens with it; anywhere else it is stray. */
static chr_status pair_marks(q_ctx *c, size_t p, size_t pe, int next_opens)
{
	const chr_tokens *t = c->t;
	chr_status st = CHR_OK;
	long open = -1;
	int open_mark = MARK_NONE;
	for (size_t i = p; i < pe; i++) {
		int m = mark_of(t, i);
		if (m == MARK_NONE)
			continue;
		if (open < 0) {
			if (is_opening(t, i, m)) {
				open = (long)i;
				open_mark = m;
			}
			continue;
		}
		int closes = m == MARK_STRAIGHT || m == MARK_CLOSE || (m == MARK_OPEN && open_mark == MARK_LOW);
		if (!closes) {
			open = (long)i;   /* the mark before was stray */
			open_mark = m;
			continue;
		}
		if (i > (size_t)open + 1) {
			st = push_span(c, (uint32_t)open, (uint32_t)i, 1, CHR_QUOTE_DIRECT, -1);
			if (st != CHR_OK)
				return st;
		}
		open = -1;
	}
	if (open >= 0 && (size_t)open + 1 < pe && (next_opens || (size_t)open == p))
		st = push_span(c, (uint32_t)open, (uint32_t)pe, 0, CHR_QUOTE_DIRECT, -1);
	return st;
}

chr_status chr_q_spans(q_ctx *c)
{
	const chr_tokens *t = c->t;
	chr_status st = CHR_OK;
	/* the paragraph starts, and the label (colon) of each, found first so
	 * that a turn knows whether the transcript goes on after it */
	size_t npara = 0, nmarks = 0;
	for (size_t i = 0; i < t->n; i++) {
		npara += (i == 0 || (t->tok[i].flags & CHR_TF_PARA_START));
		nmarks += t->tok[i].kind == CHR_TOK_QUOTE;
	}
	uint32_t *pstart = chr_arena_alloc(c->arena, (npara + 1) * sizeof *pstart);
	uint32_t *label = chr_arena_alloc(c->arena, (npara + 1) * sizeof *label);
	int32_t *lspeaker = chr_arena_alloc(c->arena, (npara + 1) * sizeof *lspeaker);
	uint8_t *lkind = chr_arena_alloc(c->arena, (npara + 1) * 2);
	if (!pstart || !label || !lspeaker || !lkind)
		return CHR_ENOMEM;
	uint8_t *lquote = lkind + npara + 1;
	/* every span owns a paragraph (turns) or a mark (quotes) */
	c->capsp = nmarks + npara + 1;
	c->sp = chr_arena_alloc(c->arena, c->capsp * sizeof *c->sp);
	if (!c->sp)
		return CHR_ENOMEM;
	size_t k = 0;
	for (size_t i = 0; i < t->n; i++)
		if (i == 0 || (t->tok[i].flags & CHR_TF_PARA_START))
			pstart[k++] = (uint32_t)i;
	pstart[npara] = (uint32_t)t->n;
	for (size_t p = 0; p < npara; p++) {
		int lq = 0, kind = 0;
		int32_t spk = -1;
		size_t colon = find_label(c, pstart[p], pstart[p + 1], &lq, &kind, &spk);
		label[p] = (uint32_t)colon;
		lspeaker[p] = spk;
		lkind[p] = (uint8_t)kind;
		lquote[p] = (uint8_t)lq;
	}
	/* the next labelled paragraph after each, scanning backwards */
	size_t next_label = npara;
	long turn = -1;   /* the labelled paragraph whose turn runs on, or -1 */
	uint32_t *next = chr_arena_alloc(c->arena, (npara + 1) * sizeof *next);
	if (!next)
		return CHR_ENOMEM;
	for (size_t p = npara; p-- > 0;) {
		next[p] = (uint32_t)next_label;
		if (label[p])
			next_label = p;
	}
	for (size_t p = 0; p < npara; p++) {
		size_t b = pstart[p], e = pstart[p + 1];
		if (label[p] && lkind[p] == LABEL_UNKNOWN) {
			turn = -1;   /* someone we cannot name: not quoted, but the turn before is over */
			memset(c->inq + b, 1, e - b);
			continue;
		}
		if (label[p]) {
			turn = (long)p;
			st = push_span(c, label[p] + 1, (uint32_t)e, 0, lkind[p], lspeaker[p]);
			if (st != CHR_OK)
				return st;
			memset(c->inq + b, 1, e - b);
			continue;
		}
		if (turn >= 0) {
			int starts_quoted = is_opening(t, b, mark_of(t, b));
			int goes_on = next[p] < npara && next[p] - (size_t)turn <= TURN_GAP &&
				      (lquote[turn] ? starts_quoted : !starts_quoted);
			if (goes_on && !lquote[turn])
				for (size_t i = b; i < e && goes_on; i++)
					goes_on = mark_of(t, i) == MARK_NONE;
			if (goes_on) {
				st = push_span(c, (uint32_t)(b + (size_t)lquote[turn]), (uint32_t)e, 0, lkind[turn],
					       lspeaker[turn]);
				if (st != CHR_OK)
					return st;
				memset(c->inq + b, 1, e - b);
				continue;
			}
			turn = -1;
		}
		int next_opens = p + 1 < npara && !label[p + 1] && is_opening(t, e, mark_of(t, e));
		size_t first = c->nsp;
		st = pair_marks(c, b, e, next_opens);
		if (st != CHR_OK)
			return st;
		for (size_t s = first; s < c->nsp; s++) {
			size_t end = c->sp[s].closed ? c->sp[s].close + 1 : c->sp[s].close;
			memset(c->inq + c->sp[s].open, 1, end - c->sp[s].open);
			if (s == first && p > 0 && c->sp[s].open == b && first > 0 && !c->sp[first - 1].closed &&
			    c->sp[first - 1].kind == CHR_QUOTE_DIRECT && c->sp[first - 1].close == b)
				c->sp[s].cont = 1;
		}
	}
	return st;
}

chr_status chr_q_surnames(q_ctx *c)
{
	size_t cap = 16;
	while (cap < 2 * c->e->nmen + 2)
		cap *= 2;
	int32_t *tab = chr_arena_alloc(c->arena, 2 * cap * sizeof *tab);
	if (!tab)
		return CHR_ENOMEM;
	for (size_t i = 0; i < 2 * cap; i++)
		tab[i] = -1;
	for (size_t m = 0; m < c->e->nmen; m++) {
		const chr_mention *mm = &c->e->men[m];
		if (c->e->ent[mm->entity].type != CHR_ENT_PERSON || mm->tok_end == 0 || mm->tok_end <= mm->tok_begin)
			continue;
		uint64_t key = c->t->tok[mm->tok_end - 1].key;
		size_t h = (size_t)(key ^ (key >> 29)) & (cap - 1);
		while (tab[2 * h] >= 0 && c->t->tok[c->e->men[tab[2 * h]].tok_end - 1].key != key)
			h = (h + 1) & (cap - 1);
		tab[2 * h] = (int32_t)m;
		tab[2 * h + 1] = (int32_t)mm->entity;
	}
	c->surname = tab;
	c->nsurname = cap;
	return CHR_OK;
}

int32_t chr_q_surname(const q_ctx *c, size_t i)
{
	uint64_t key = c->t->tok[i].key;
	size_t cap = c->nsurname;
	for (size_t h = (size_t)(key ^ (key >> 29)) & (cap - 1), probes = 0; c->surname[2 * h] >= 0 && probes < cap;
	     h = (h + 1) & (cap - 1), probes++)
		if (c->t->tok[c->e->men[c->surname[2 * h]].tok_end - 1].key == key)
			return c->surname[2 * h + 1];
	return -1;
}
