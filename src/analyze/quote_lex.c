/*
 * quote_lex.c - analyze stage, quotes: the speech-cue lexicon
 * (data/quotes/en.txt) as one table of folded token keys, built once per
 * process, so the finder tests a token with one probe and never looks at
 * its bytes.
 */
#include "analyze/quote_int.h"

#include <pthread.h>
#include <string.h>

#include "util/data.h"

#define QW_SLOTS 1024   /* power of two, well over the lexicon's entries */

static qw_entry table[QW_SLOTS];
/* One bit per top-13-bit key prefix of every word: most tokens of a text
 * are rejected by one bit test, without probing the table. */
static uint64_t filter[8192 / 64];
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

static qw_entry *slot_for(uint64_t key)
{
	key = key ? key : 1;
	size_t i = (size_t)(key ^ (key >> 31)) & (QW_SLOTS - 1);
	for (size_t probes = 0; probes < QW_SLOTS; probes++) {
		if (table[i].key == key || table[i].key == 0)
			return &table[i];
		i = (i + 1) & (QW_SLOTS - 1);
	}
	return NULL;   /* full: the lexicon outgrew QW_SLOTS */
}

static int class_of(const char *w, size_t n)
{
	static const struct { const char *name; int cls; } names[] = {
		{"verb", QW_VERB}, {"according", QW_ACCORDING}, {"pron", QW_PRON}, {"role", QW_ROLE},
		{"question", QW_QUESTION}, {"det", QW_DET}, {"indef", QW_INDEF}, {"after", QW_AFTER}, {"conj", QW_CONJ}, {"noun", QW_NOUN},
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strlen(names[i].name) == n && memcmp(names[i].name, w, n) == 0)
			return names[i].cls;
	return 0;
}

/* One line: CLASS WORD [VALUE...]. */
static void load_line(void *ctx, const char *const *f, const size_t *n, size_t k)
{
	(void)ctx;
	if (k < 2)
		return;
	int cls = class_of(f[0], n[0]);
	if (!cls)
		return;
	qw_entry *e = slot_for(chr_fold_hash(f[1], n[1]));
	if (!e)
		return;
	uint64_t key = chr_fold_hash(f[1], n[1]);
	e->key = key ? key : 1;
	filter[(e->key >> 51) / 64] |= 1ull << ((e->key >> 51) % 64);
	e->cls |= (uint16_t)cls;
	if (cls == QW_PRON && k >= 3)
		e->gender = f[2][0];
	if (cls == QW_ROLE)
		for (size_t i = 2; i < k && e->nalias < QW_MAX_ALIAS; i++)
			e->alias[e->nalias++] = chr_fold_hash(f[i], n[i]);
}

static void load_table(void)
{
	chr_data_fields("quotes/en.txt", 2 + QW_MAX_ALIAS, load_line, NULL);
}

const qw_entry *chr_qw_lookup(uint64_t key)
{
	key = key ? key : 1;
	if (!(filter[(key >> 51) / 64] >> ((key >> 51) % 64) & 1))
		return NULL;
	size_t i = (size_t)(key ^ (key >> 31)) & (QW_SLOTS - 1);
	for (size_t probes = 0; probes < QW_SLOTS && table[i].key; probes++) {
		if (table[i].key == key)
			return &table[i];
		i = (i + 1) & (QW_SLOTS - 1);
	}
	return NULL;
}

void chr_qw_classify(const chr_tokens *t, uint16_t *cls)
{
	pthread_once(&table_once, load_table);
	for (size_t i = 0; i < t->n; i++) {
		uint64_t key = t->tok[i].key ? t->tok[i].key : 1;
		cls[i] = 0;
		if (t->tok[i].kind != CHR_TOK_WORD || !(filter[(key >> 51) / 64] >> ((key >> 51) % 64) & 1))
			continue;
		const qw_entry *e = chr_qw_lookup(key);
		cls[i] = e ? e->cls : 0;
	}
}
