/*
 * claim.c - analyze stage, claims: numeric facts about a subject that
 * another outlet may state differently (see claim.h).
 *
 * Three shapes, found in one pass over the tokens:
 *   "a 27-point plan", "a three-hour meeting"   number-unit compound + head
 *   "four further documents", "27 points"       number [modifiers] unit
 *   "several further documents - four"          unit, dash, number
 * The subject is the head of the phrase when it names one ("plan"), the
 * holder before it ("a plan with 28 points"), a topic just after it ("28
 * points in this plan"), else the topic under discussion in the last few
 * paragraphs; a generic holder ("a document comprising 27 points") takes
 * that topic too.  Claims in a reporter's question are not the outlet's.
 */
#include "analyze/claim.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/event.h"
#include "util/data.h"

#define CW_SLOTS 512            /* power of two, over the lexicon's words */
#define TOPIC_PARAGRAPHS 3      /* how far back a discussed topic still holds */
#define LOOKAHEAD 6

enum { CW_UNIT = 1, CW_TOPIC = 2, CW_CONTAINER = 4, CW_LINK = 8, CW_MODIFIER = 16, CW_NUMBER = 32 };

typedef struct claim_word {
	uint64_t key;
	uint16_t cls;
	double number;        /* a number word's value */
	char attribute[24];   /* a unit's plural */
	char subject[24];     /* a topic's subject */
} claim_word;

static claim_word *words;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static claim_word *word_slot(uint64_t key)
{
	key = key ? key : 1;
	size_t i = (size_t)(key ^ (key >> 33)) & (CW_SLOTS - 1);
	for (size_t probes = 0; probes < CW_SLOTS; probes++) {
		if (words[i].key == key || words[i].key == 0)
			return &words[i];
		i = (i + 1) & (CW_SLOTS - 1);
	}
	return NULL;
}

static void copy_field(char *dst, size_t cap, const char *s, size_t n)
{
	if (n >= cap)
		n = cap - 1;
	memcpy(dst, s, n);
	dst[n] = '\0';
}

static void add_word(const char *w, size_t n, uint16_t cls, const char *extra, size_t extra_n)
{
	claim_word *cw = word_slot(chr_fold_hash(w, n));
	if (!cw)
		return;
	uint64_t key = chr_fold_hash(w, n);
	cw->key = key ? key : 1;
	cw->cls |= cls;
	if (cls == CW_UNIT)
		copy_field(cw->attribute, sizeof cw->attribute, extra ? extra : w, extra ? extra_n : n);
	if (cls == CW_TOPIC)
		copy_field(cw->subject, sizeof cw->subject, extra ? extra : w, extra ? extra_n : n);
}

/* CLASS WORD [EXTRA] */
static void load_line(void *ctx, const char *const *f, const size_t *n, size_t k)
{
	(void)ctx;
	if (k < 2)
		return;
	static const struct { const char *name; uint16_t cls; } classes[] = {
		{"unit", CW_UNIT}, {"topic", CW_TOPIC}, {"container", CW_CONTAINER},
		{"link", CW_LINK}, {"modifier", CW_MODIFIER},
	};
	for (size_t c = 0; c < sizeof classes / sizeof classes[0]; c++) {
		if (strlen(classes[c].name) != n[0] || memcmp(classes[c].name, f[0], n[0]) != 0)
			continue;
		add_word(f[1], n[1], classes[c].cls, k > 2 ? f[2] : NULL, k > 2 ? n[2] : 0);
		/* a unit is found by its plural as well */
		if (classes[c].cls == CW_UNIT && k > 2)
			add_word(f[2], n[2], CW_UNIT, f[2], n[2]);
	}
}

static const char *const small_numbers[] = { "zero", "one", "two", "three", "four", "five", "six", "seven",
					     "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen",
					     "fifteen", "sixteen", "seventeen", "eighteen", "nineteen" };
static const char *const tens_numbers[] = { "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
					    "eighty", "ninety" };

static void add_number(const char *w, double v)
{
	claim_word *cw = word_slot(chr_fold_hash(w, strlen(w)));
	if (!cw)
		return;
	uint64_t key = chr_fold_hash(w, strlen(w));
	cw->key = key ? key : 1;
	cw->cls |= CW_NUMBER;
	cw->number = v;
}

static void load(void)
{
	words = calloc(CW_SLOTS, sizeof *words);
	if (!words)
		return;
	for (int i = 0; i < 20; i++)
		add_number(small_numbers[i], i);
	for (int i = 0; i < 8; i++)
		add_number(tens_numbers[i], 20 + 10 * i);
	chr_data_fields("claims/en.txt", 3, load_line, NULL);
}

static const claim_word *lookup(uint64_t key)
{
	if (!words)
		return NULL;
	key = key ? key : 1;
	size_t i = (size_t)(key ^ (key >> 33)) & (CW_SLOTS - 1);
	for (size_t probes = 0; probes < CW_SLOTS && words[i].key; probes++) {
		if (words[i].key == key)
			return &words[i];
		i = (i + 1) & (CW_SLOTS - 1);
	}
	return NULL;
}

static uint16_t class_of(const chr_tokens *t, uint32_t i)
{
	if (t->tok[i].kind != CHR_TOK_WORD)
		return 0;
	const claim_word *cw = lookup(t->tok[i].key);
	return cw ? cw->cls : 0;
}

/* The value of a number written in digits ("27", "50,000") or in words
 * ("four", "twenty-eight"); -1 when s is no number. */
static double number_value(const char *s, size_t n)
{
	const char *const *small = small_numbers, *const *tens = tens_numbers;
	if (n && s[0] >= '0' && s[0] <= '9') {
		double v = 0;
		for (size_t i = 0; i < n; i++) {
			if (s[i] == ',' && i + 3 < n + 1)
				continue;
			if (s[i] < '0' || s[i] > '9' || v > 1e12)
				return -1;
			v = v * 10 + (s[i] - '0');
		}
		return v;
	}
	char w[24];
	if (n == 0 || n >= sizeof w)
		return -1;
	for (size_t i = 0; i < n; i++)
		w[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
	w[n] = '\0';
	for (int i = 0; i < 20; i++)
		if (strcmp(w, small[i]) == 0)
			return i;
	for (int i = 0; i < 8; i++) {
		size_t tl = strlen(tens[i]);
		if (strncmp(w, tens[i], tl) != 0)
			continue;
		if (w[tl] == '\0')
			return 20 + 10 * i;
		if (w[tl] == '-')
			for (int k = 1; k < 10; k++)
				if (strcmp(w + tl + 1, small[k]) == 0)
					return 20 + 10 * i + k;
	}
	return -1;
}

/* The number a token states, -1 if none: digits, a number word from the
 * table, or a hyphenated one ("twenty-eight") spelled out. */
static double token_number(const chr_tokens *t, uint32_t i)
{
	const chr_token *tk = &t->tok[i];
	if (tk->kind == CHR_TOK_NUMBER)
		return number_value(t->text + tk->start, tk->end - tk->start);
	if (tk->kind != CHR_TOK_WORD)
		return -1;
	const claim_word *w = lookup(tk->key);
	if (w && (w->cls & CW_NUMBER))
		return w->number;
	if (tk->flags & CHR_TF_HYPHEN)
		return number_value(t->text + tk->start, tk->end - tk->start);
	return -1;
}

typedef struct claim_scan {
	const chr_tokens *t;
	const chr_timexes *times;
	const char *topic;          /* the subject under discussion */
	uint32_t topic_paragraph;
	chr_claim *out;
	size_t n, cap;
	chr_arena *arena;
} claim_scan;

static const char *topic_near(const claim_scan *cs, uint32_t i)
{
	const chr_tokens *t = cs->t;
	uint32_t para = t->sent[t->tok[i].sentence].paragraph;
	if (cs->topic && para - cs->topic_paragraph <= TOPIC_PARAGRAPHS)
		return cs->topic;
	return NULL;
}

/* The subject of a count at tokens [num, unit]: a holder before it, a
 * topic just after it in the sentence, else the topic under discussion. */
static const char *subject_of(const claim_scan *cs, uint32_t num, uint32_t unit, const char *fallback)
{
	const chr_tokens *t = cs->t;
	const chr_sentence *s = &t->sent[t->tok[num].sentence];
	uint32_t i = num;
	while (i > s->tok_begin && (t->tok[i - 1].kind == CHR_TOK_WORD) && (class_of(t, i - 1) & CW_MODIFIER))
		i--;
	if (i > s->tok_begin + 1 && (class_of(t, i - 1) & CW_LINK)) {
		const claim_word *holder = lookup(t->tok[i - 2].key);
		if (holder && (holder->cls & CW_TOPIC))
			return holder->subject;
		if (holder && (holder->cls & CW_CONTAINER)) {
			const char *topic = topic_near(cs, num);
			return topic ? topic : "document";
		}
	}
	for (uint32_t j = unit + 1; j < s->tok_end && j <= unit + LOOKAHEAD; j++) {
		const claim_word *w = t->tok[j].kind == CHR_TOK_WORD ? lookup(t->tok[j].key) : NULL;
		if (w && (w->cls & CW_TOPIC))
			return w->subject;
	}
	const char *topic = topic_near(cs, num);
	return topic ? topic : fallback;
}

static int in_date(const claim_scan *cs, uint32_t i)
{
	for (size_t k = 0; k < cs->times->n; k++) {
		const chr_timex *x = &cs->times->t[k];
		if (x->tok_begin > i)
			break;
		if (i < x->tok_end && x->type != CHR_TIMEX_DURATION)
			return 1;
	}
	return 0;
}

static int time_unit(const claim_word *w)
{
	static const char *const units[] = { "minutes", "hours", "days", "weeks", NULL };
	for (int k = 0; units[k]; k++)
		if (strcmp(w->attribute, units[k]) == 0)
			return 1;
	return 0;
}

static int in_duration(const claim_scan *cs, uint32_t i)
{
	for (size_t k = 0; k < cs->times->n; k++) {
		const chr_timex *x = &cs->times->t[k];
		if (x->tok_begin > i)
			break;
		if (i < x->tok_end && x->type == CHR_TIMEX_DURATION)
			return 1;
	}
	return 0;
}

static chr_status add_claim(claim_scan *cs, const char *subject, const char *attribute, double value,
			    uint32_t first, uint32_t last)
{
	if (cs->n == cs->cap) {
		size_t ncap = cs->cap ? 2 * cs->cap : 8;
		chr_claim *grown = chr_arena_alloc(cs->arena, ncap * sizeof *grown);
		if (!grown)
			return CHR_ENOMEM;
		if (cs->n)
			memcpy(grown, cs->out, cs->n * sizeof *grown);
		cs->out = grown;
		cs->cap = ncap;
	}
	chr_claim *c = &cs->out[cs->n++];
	c->subject = subject;
	c->attribute = attribute;
	c->value = value;
	c->start = cs->t->tok[first].start;
	c->end = cs->t->tok[last].end;
	c->sentence = cs->t->tok[first].sentence;
	return CHR_OK;
}

/* "27-point plan", "three-hour meeting": returns the tokens used, 0 if none. */
static uint32_t compound(claim_scan *cs, uint32_t i, chr_status *st)
{
	const chr_tokens *t = cs->t;
	size_t len;
	const char *s = chr_token_text(t, i, &len);
	const char *dash = memchr(s, '-', len);
	if (!dash || !(t->tok[i].flags & CHR_TF_HYPHEN || t->tok[i].kind == CHR_TOK_NUMBER))
		return 0;
	const char *last_dash = dash;
	for (const char *p = dash + 1; p < s + len; p++)
		if (*p == '-')
			last_dash = p;
	double v = number_value(s, (size_t)(last_dash - s));
	if (v < 0)
		return 0;
	const claim_word *unit = lookup(chr_fold_hash(last_dash + 1, (size_t)(s + len - last_dash - 1)));
	if (!unit || !(unit->cls & CW_UNIT))
		return 0;
	uint32_t end = t->sent[t->tok[i].sentence].tok_end;
	for (uint32_t j = i + 1; j < end && j <= i + 3; j++) {
		const claim_word *head = t->tok[j].kind == CHR_TOK_WORD ? lookup(t->tok[j].key) : NULL;
		if (head && (head->cls & CW_TOPIC)) {
			*st = add_claim(cs, head->subject, unit->attribute, v, i, j);
			return j - i + 1;
		}
		if (t->tok[j].kind != CHR_TOK_WORD)
			break;
	}
	return 0;
}

/* "four further documents", "27 points", "documents - four". */
static uint32_t count(claim_scan *cs, uint32_t i, chr_status *st)
{
	const chr_tokens *t = cs->t;
	double v = token_number(t, i);
	uint32_t end = t->sent[t->tok[i].sentence].tok_end;
	if (v >= 0 && !in_date(cs, i) && !(i > 0 && t->tok[i - 1].kind == CHR_TOK_SYMBOL)) {
		for (uint32_t j = i + 1; j < end && j <= i + 3; j++) {
			const claim_word *w = t->tok[j].kind == CHR_TOK_WORD ? lookup(t->tok[j].key) : NULL;
			const claim_word *next = j + 1 < end && t->tok[j + 1].kind == CHR_TOK_WORD
						 ? lookup(t->tok[j + 1].key) : NULL;
			/* "two delegation members": the last noun is the one counted */
			if (w && (w->cls & CW_UNIT) && !((w->cls & CW_MODIFIER) && next && (next->cls & CW_UNIT))) {
				/* a span of time the time layer did not keep was negated
				 * ("not five minutes but five hours") */
				if (time_unit(w) && !in_duration(cs, i))
					return 0;
				*st = add_claim(cs, subject_of(cs, i, j, w->attribute), w->attribute, v, i, j);
				return j - i + 1;
			}
			if (!w || !(w->cls & CW_MODIFIER))
				break;
		}
		return 0;
	}
	/* a unit, a dash or comma, then its number */
	const claim_word *w = t->tok[i].kind == CHR_TOK_WORD ? lookup(t->tok[i].key) : NULL;
	if (!w || !(w->cls & CW_UNIT) || i + 2 >= end || t->tok[i + 1].kind != CHR_TOK_PUNCT)
		return 0;
	v = token_number(t, i + 2);
	if (v < 0 || in_date(cs, i + 2))
		return 0;
	*st = add_claim(cs, subject_of(cs, i, i, w->attribute), w->attribute, v, i, i + 2);
	return 3;
}

static int in_question(const chr_quotes *quotes, const chr_tokens *t, uint32_t i, size_t *q)
{
	while (*q < quotes->n && quotes->q[*q].end <= t->tok[i].start)
		(*q)++;
	return *q < quotes->n && quotes->q[*q].kind == CHR_QUOTE_QUESTION &&
	       quotes->q[*q].start <= t->tok[i].start;
}

chr_status chr_claims_find(chr_arena *arena, const chr_tokens *toks, const chr_entities *ents,
			   const chr_timexes *times, const chr_quotes *quotes, chr_claims *out)
{
	(void)ents;
	pthread_once(&once, load);
	claim_scan cs = { .t = toks, .times = times, .arena = arena };
	chr_status st = CHR_OK;
	size_t q = 0;
	for (uint32_t i = 0; i < toks->n && st == CHR_OK;) {
		const chr_token *tk = &toks->tok[i];
		if (tk->kind != CHR_TOK_WORD && tk->kind != CHR_TOK_NUMBER) {
			i++;
			continue;
		}
		uint16_t cls = class_of(toks, i);
		if (cls & CW_TOPIC) {
			cs.topic = lookup(tk->key)->subject;
			cs.topic_paragraph = toks->sent[tk->sentence].paragraph;
		}
		uint32_t used = 0;
		if (tk->kind == CHR_TOK_NUMBER || (tk->flags & CHR_TF_HYPHEN) || (cls & (CW_UNIT | CW_NUMBER))) {
			if (quotes && in_question(quotes, toks, i, &q)) {
				i++;
				continue;
			}
			used = compound(&cs, i, &st);
			if (!used && st == CHR_OK)
				used = count(&cs, i, &st);
		}
		i += used ? used : 1;
	}
	out->c = cs.out;
	out->n = cs.n;
	return st;
}
