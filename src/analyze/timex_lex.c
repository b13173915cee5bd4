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
	"fiscal", "notyear", "glue", "holiday"
};

static const char *const symbol_names[TXS_COUNT] = {
	"", "SP", "SU", "FA", "WI", "MO", "AF", "EV", "NI", "DT", "MI", "MN",
	"S", "MIN", "H", "D", "W", "WE", "FN", "M", "Q", "HA", "Y", "DE", "CE", "ML", "PE",
	"START", "END", "MID", "APPROX", "LESS_THAN", "MORE_THAN", "EQUAL_OR_MORE",
	"EQUAL_OR_LESS", "PRESENT_REF", "PAST_REF", "FUTURE_REF", "AM", "PM", "OCLOCK",
	"THE", "OF", "AND", "OR", "AT", "TO", "THAN", "FROM", "IN", "ON", "BUT", "NO", "UP",
	"LONG", "OLD", "FOR", "SINCE", "BY", "UNTIL"
};

/* 2^11 slots for a list of a few hundred words keeps probes short. */
#define TX_SLOTS 2048u
static tx_word table[TX_SLOTS];
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
		if (table[h].key == key)
			return &table[h];
		if (table[h].key == 0) {
			if (!create)
				return NULL;
			table[h].key = key;
			return &table[h];
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

/* Splits one line "class word value" into its fields. */
static void load_line(const char *p, const char *end)
{
	const char *f[3];
	size_t n[3];
	int k = 0;
	while (p < end && k < 3) {
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (p >= end)
			break;
		f[k] = p;
		while (p < end && *p != ' ' && *p != '\t')
			p++;
		n[k] = (size_t)(p - f[k]);
		k++;
	}
	if (k < 2 || f[0][0] == '#')
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
	size_t len = 0;
	const char *text = chr_data_get("time/en.txt", &len);
	if (!text)
		return;
	const char *p = text, *end = text + len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *line_end = nl ? nl : end;
		load_line(p, line_end);
		p = line_end + 1;
	}
}

const tx_word *chr_tx_lookup(uint64_t key)
{
	pthread_once(&table_once, load_table);
	const tx_word *w = slot_for(key, 0);
	return w && w->mask ? w : NULL;
}
