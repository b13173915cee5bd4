/*
 * timex_lex.c - the word tables of time expressions (data/time/en.txt).
 *
 * Loaded once into an open-addressing table keyed by chr_fold_hash, the
 * same key every token already carries, so recognising a time word costs
 * one probe and never touches the token's bytes.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/timex_int.h"
#include "analyze/token.h"
#include "util/data.h"

static const char *const class_names[TXC_COUNT] = {
	"month", "weekday", "number", "vague", "ordinal", "season", "part", "unit", "deictic",
	"ref", "rel", "after", "mod", "often", "every", "ampm", "zone", "future", "past", "neg",
	"fiscal", "notyear", "glue", "holiday", "rate", "near", "decade"
};

static const char *const symbol_names[TXS_COUNT] = {
	"", "SP", "SU", "FA", "WI", "MO", "AF", "EV", "NI", "DT", "MI", "MN",
	"S", "MIN", "H", "D", "W", "WE", "FN", "M", "Q", "HA", "Y", "DE", "CE", "ML", "PE",
	"START", "END", "MID", "APPROX", "LESS_THAN", "MORE_THAN", "EQUAL_OR_MORE",
	"EQUAL_OR_LESS", "PRESENT_REF", "PAST_REF", "FUTURE_REF", "AM", "PM", "OCLOCK",
	"THE", "OF", "AND", "OR", "AT", "TO", "THAN", "FROM", "IN", "ON", "BUT", "NO", "UP",
	"LONG", "OLD", "FOR", "SINCE", "BY", "UNTIL", "THROUGH"
};

/* The keys sit in their own 32 KB array (2^12 slots for a few hundred
 * words), so the probe for an ordinary word, which finds an empty slot,
 * stays in L1; only a hit touches the entries. */
#define TX_SLOTS 4096u
#define TX_MAX_WORDS 1024u
static uint64_t keys[TX_SLOTS];
static uint16_t slot_entry[TX_SLOTS];
static tx_word entries[TX_MAX_WORDS + 1];  /* entry 0 stays empty: "no word" */
static size_t nentries = 1;
/* One bit per 2^15 hash buckets: a 4 KB filter that turns away almost
 * every ordinary word before the key table is touched. */
#define TX_FILTER_BITS 32768u
static uint64_t filter[TX_FILTER_BITS / 64];

static size_t filter_bit(uint64_t key)
{
	return (size_t)(key >> 40) & (TX_FILTER_BITS - 1);
}
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

const char *chr_tx_symbol_name(int sym)
{
	return sym > 0 && sym < TXS_COUNT ? symbol_names[sym] : "";
}

static tx_word *slot_for(uint64_t key, int create)
{
	/* key 0 marks an empty slot; a real key of 0 is as unlikely as any
	 * other collision and would only make that one word unknown */
	if (key == 0)
		return NULL;
	for (size_t i = 0, h = (size_t)(key & (TX_SLOTS - 1)); i < TX_SLOTS; i++, h = (h + 1) & (TX_SLOTS - 1)) {
		if (keys[h] == key)
			return &entries[slot_entry[h]];
		if (keys[h] == 0) {
			if (!create || nentries >= TX_MAX_WORDS)
				return NULL;
			keys[h] = key;
			filter[filter_bit(key) / 64] |= 1ull << (filter_bit(key) % 64);
			slot_entry[h] = (uint16_t)nentries;
			entries[nentries].key = key;
			return &entries[nentries++];
		}
	}
	return NULL;
}

static int parse_value(const char *s, size_t n)
{
	if (n && ((s[0] >= '0' && s[0] <= '9') || s[0] == '-'))
		return atoi(s);
	for (int i = 1; i < TXS_COUNT; i++)
		if (strlen(symbol_names[i]) == n && memcmp(symbol_names[i], s, n) == 0)
			return i;
	return 0;
}

static void add_word(const char *w, size_t wn, int cls, int val)
{
	tx_word *e = slot_for(chr_fold_hash(w, wn), 1);
	if (!e)
		return;
	e->mask |= 1u << cls;
	e->val[cls] = (int16_t)val;
}

/* One line: "class word [value]". */
static void load_line(void *ctx, const char *const *f, const size_t *n, size_t k)
{
	(void)ctx;
	if (k < 2)
		return;
	int cls = -1;
	for (int c = 0; c < TXC_COUNT; c++)
		if (strlen(class_names[c]) == n[0] && memcmp(class_names[c], f[0], n[0]) == 0)
			cls = c;
	if (cls < 0)
		return;
	char buf[64];
	int val = k == 3 ? parse_value(f[2], n[2]) : 1;
	add_word(f[1], n[1], cls, val);
	if ((cls == TXC_MONTH || cls == TXC_WEEKDAY || cls == TXC_UNIT) && n[1] + 1 < sizeof buf) {
		/* "Dec." and "Tues." keep their period in the token */
		memcpy(buf, f[1], n[1]);
		buf[n[1]] = '.';
		add_word(buf, n[1] + 1, cls, val);
	}
}

static void load_table(void)
{
	chr_data_fields("time/en.txt", 3, load_line, NULL);
}

static inline uint16_t lookup_index(uint64_t key)
{
	size_t b = filter_bit(key);
	if (!(filter[b / 64] >> (b % 64) & 1) || key == 0)
		return 0;
	/* the table is never full (TX_MAX_WORDS < TX_SLOTS), so an empty slot
	 * ends every probe */
	size_t h = (size_t)(key & (TX_SLOTS - 1));
	for (;;) {
		uint64_t k = keys[h];
		if (k == key)
			return entries[slot_entry[h]].mask ? slot_entry[h] : 0;
		if (k == 0)
			return 0;
		h = (h + 1) & (TX_SLOTS - 1);
	}
}

uint16_t chr_tx_lookup_index(uint64_t key)
{
	return lookup_index(key);
}

size_t chr_tx_lex_scan(const chr_tokens *t, uint16_t *lex, uint32_t *starts, uint32_t start_mask,
		       uint32_t start_glue)
{
	size_t n = 0;
	pthread_once(&table_once, load_table);
	for (size_t i = 0; i < t->n; i++) {
		const chr_token *k = &t->tok[i];
		uint16_t e = k->kind == CHR_TOK_WORD ? lookup_index(k->key) : 0;
		lex[i] = e;
		int start = k->kind == CHR_TOK_NUMBER || (k->flags & (CHR_TF_DIGIT | CHR_TF_HYPHEN));
		if (e) {
			const tx_word *w = &entries[e];
			start |= (w->mask & start_mask) != 0;
			int g = w->val[TXC_GLUE] - TXS_THE;
			start |= (w->mask >> TXC_GLUE & 1) && g >= 0 && g < 32 && (start_glue >> g & 1u);
		}
		if (start)
			starts[n++] = (uint32_t)i;
	}
	return n;
}

const tx_word *chr_tx_entry(uint16_t index)
{
	return index ? &entries[index] : NULL;
}

const tx_word *chr_tx_entries(void)
{
	return entries;
}

const tx_word *chr_tx_lookup(uint64_t key)
{
	pthread_once(&table_once, load_table);
	return chr_tx_entry(chr_tx_lookup_index(key));
}
