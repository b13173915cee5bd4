/*
 * event_lex.c - analyze stage, events: the trigger lexicons
 * (data/events/<lang>.txt) as patterns indexed by the folded key of their
 * first word, built once per process.  A sentence is scanned once; each
 * token costs one hash probe.  Each language has its own index over one
 * table of patterns, and the type names are shared, so a German "traf" and
 * an English "met" are one type.
 */
#include "analyze/event_int.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/data.h"

#define EV_MAX_PATTERNS 512
#define EV_SLOTS 2048   /* power of two, well over the first words of all patterns */
#define EV_MAX_HEADS 48 /* patterns sharing one first word */

typedef struct ev_head {
	uint64_t key;
	int32_t list[EV_MAX_HEADS + 1];
	uint8_t n;
} ev_head;

/* The languages that have a lexicon file; "en" first, the default. */
static const char *const lang_codes[CHR_EV_NLANG] = { "en", "de", "fr" };

static ev_pattern patterns[EV_MAX_PATTERNS];
/* Type names, each stored once, so frames compare types by pointer. */
static char type_names[EV_MAX_PATTERNS][32];
static uint8_t type_family[EV_MAX_PATTERNS];
static size_t ntypes;
static size_t npatterns;
static ev_head *heads[CHR_EV_NLANG];
static size_t lang_patterns[CHR_EV_NLANG];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static ev_head *head_slot(ev_head *table, uint64_t key)
{
	key = key ? key : 1;
	size_t i = (size_t)(key ^ (key >> 29)) & (EV_SLOTS - 1);
	for (size_t probes = 0; probes < EV_SLOTS; probes++) {
		if (table[i].key == key || table[i].key == 0)
			return &table[i];
		i = (i + 1) & (EV_SLOTS - 1);
	}
	return NULL;
}

static void add_head(ev_head *table, uint64_t key, int32_t pattern)
{
	ev_head *h = head_slot(table, key);
	if (!h || h->n >= EV_MAX_HEADS)
		return;
	h->key = key ? key : 1;
	for (unsigned k = 0; k < h->n; k++)
		if (h->list[k] == pattern)
			return;
	h->list[h->n++] = pattern;
	h->list[h->n] = -1;
}

/* Splits s[0..n) at c into the keys of its parts. */
static uint8_t split_alternatives(const char *s, size_t n, uint64_t *alt)
{
	uint8_t k = 0;
	const char *p = s, *end = s + n;
	while (p < end && k < EV_MAX_ALT) {
		const char *bar = memchr(p, '|', (size_t)(end - p));
		const char *stop = bar ? bar : end;
		if (stop > p)
			alt[k++] = chr_fold_hash(p, (size_t)(stop - p));
		p = stop + 1;
	}
	return k;
}

/* TYPE CAMEO KIND WORD [~] WORD ... */
static void load_line(void *ctx, const char *const *f, const size_t *n, size_t k)
{
	int lang = *(const int *)ctx;
	if (k < 4 || npatterns >= EV_MAX_PATTERNS || n[0] >= sizeof type_names[0] || n[1] >= 8)
		return;
	ev_pattern *pat = &patterns[npatterns];
	memset(pat, 0, sizeof *pat);
	size_t ti = 0;
	while (ti < ntypes && !(strlen(type_names[ti]) == n[0] && memcmp(type_names[ti], f[0], n[0]) == 0))
		ti++;
	if (ti == ntypes) {
		memcpy(type_names[ti], f[0], n[0]);
		type_names[ti][n[0]] = '\0';
		type_family[ti] = strcmp(chr_event_family(type_names[ti]), "meeting") == 0;
		ntypes++;
	}
	pat->type = type_names[ti];
	memcpy(pat->cameo, f[1], n[1]);
	pat->kind = f[2][0] == 'n' ? EV_NOUN : f[2][0] == 'r' ? EV_REPORT : f[2][0] == 'p' ? EV_PASSIVE : EV_VERB;
	/* "vf": languages that mark the future on the verb list those forms
	 * apart, since no modality word stands before them */
	pat->future = n[2] > 1 && f[2][1] == 'f';
	int gap = 0;
	for (size_t i = 3; i < k; i++) {
		if (n[i] == 1 && f[i][0] == '~') {
			gap = 1;
			continue;
		}
		if (pat->nslots >= EV_MAX_SLOTS)
			return;
		ev_slot *s = &pat->slot[pat->nslots++];
		s->nalt = split_alternatives(f[i], n[i], s->alt);
		s->gap_before = (uint8_t)gap;
		gap = 0;
	}
	if (!pat->nslots || !pat->slot[0].nalt)
		return;
	for (unsigned a = 0; a < pat->slot[0].nalt; a++)
		add_head(heads[lang], pat->slot[0].alt[a], (int32_t)npatterns);
	npatterns++;
	lang_patterns[lang]++;
}

static void load(void)
{
	for (int l = 0; l < CHR_EV_NLANG; l++) {
		char name[32];
		snprintf(name, sizeof name, "events/%s.txt", lang_codes[l]);
		if (!(heads[l] = calloc(EV_SLOTS, sizeof *heads[l])))
			continue;
		chr_data_fields(name, 3 + 2 * EV_MAX_SLOTS, load_line, &l);
	}
}

int chr_event_lang(const char *lang)
{
	pthread_once(&once, load);
	if (!lang || strcmp(lang, "und") == 0)
		lang = "en";
	for (int l = 0; l < CHR_EV_NLANG; l++)
		if (strcmp(lang, lang_codes[l]) == 0)
			return heads[l] && lang_patterns[l] ? l : -1;
	return -1;
}

const int32_t *chr_ev_first(int lang, uint64_t key)
{
	pthread_once(&once, load);
	if (lang < 0 || lang >= CHR_EV_NLANG || !heads[lang])
		return NULL;
	const ev_head *h = heads[lang];
	key = key ? key : 1;
	size_t i = (size_t)(key ^ (key >> 29)) & (EV_SLOTS - 1);
	for (size_t probes = 0; probes < EV_SLOTS && h[i].key; probes++) {
		if (h[i].key == key)
			return h[i].list;
		i = (i + 1) & (EV_SLOTS - 1);
	}
	return NULL;
}

const ev_pattern *chr_ev_pattern(int32_t i)
{
	return i >= 0 && (size_t)i < npatterns ? &patterns[i] : NULL;
}

static int slot_has(const ev_slot *s, uint64_t key)
{
	for (unsigned a = 0; a < s->nalt; a++)
		if (s->alt[a] == key)
			return 1;
	return 0;
}

uint32_t chr_ev_match(const chr_tokens *t, const ev_pattern *p, uint32_t i, uint32_t end)
{
	if (i >= end || !slot_has(&p->slot[0], t->tok[i].key))
		return 0;
	uint32_t at = i + 1;
	for (unsigned s = 1; s < p->nslots; s++) {
		uint32_t limit = at + (p->slot[s].gap_before ? EV_GAP : 0);
		uint32_t found = 0;
		for (uint32_t j = at; j <= limit && j < end; j++) {
			if (slot_has(&p->slot[s], t->tok[j].key)) {
				found = j + 1;
				break;
			}
			/* a gap holds words of one phrase ("complete, full diplomatic
			 * ties"), never a clause break */
			if (t->tok[j].kind == CHR_TOK_PUNCT && !(t->tok[j].flags & CHR_TF_HYPHEN)) {
				if (t->tok[j].end - t->tok[j].start != 1 || t->text[t->tok[j].start] != ',')
					break;
				limit++;
			}
		}
		if (!found)
			return 0;
		at = found;
	}
	return at;
}

const char *chr_event_family(const char *type)
{
	static const char *const meeting[] = { "meet", "consult", "negotiate", "visit", "host", "mediate" };
	for (size_t m = 0; m < sizeof meeting / sizeof meeting[0]; m++)
		if (strcmp(type, meeting[m]) == 0)
			return "meeting";
	return type;
}

int chr_ev_family(const char *type)
{
	for (size_t i = 0; i < ntypes; i++)
		if (type == type_names[i])
			return type_family[i];
	return 0;
}
