/*
 * entity_words.c - analyze stage: the closed word classes the entity
 * patterns test (honorifics, "former", name connectors and particles,
 * head words of organisations, places and events, compass words, weekdays
 * and months), as one table of folded token keys built once per process.
 *
 * The entity stage looks every token up once per document (ent_ctx.wc),
 * so a pattern's test is an array read, not a string comparison.  These
 * are grammar, not facts about the world, which is why they live in code
 * and the names of things live in data/gazetteer/.
 */
#include "analyze/entity_internal.h"

#include <pthread.h>
#include <string.h>

typedef struct word_class {
	uint32_t cls;
	const char *const *words;
} word_class;

static const char *const honorifics[] = {
	"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "prof", "prof.", "sir", "dame", "mister",
	"madam", "madame", "miss", "messrs", "messrs.", "mme", "mme.", NULL};
static const char *const formers[] = {"former", "ex", "ex-", "then", "late", NULL};
/* Lowercase words that may stand inside a name (the scorer's list). */
static const char *const connectors[] = {
	"of", "for", "and", "the", "de", "du", "des", "la", "le", "del", "della", "van", "von", "der", "den",
	"al", "el", "bin", "ibn", "da", "di", "on", "in", "at", "y", "e", "und", "to", "a", "an", "&", NULL};
/* Connectors that hold a capitalised run together ("Bank of England"). */
static const char *const run_connectors[] = {"of", "for", "de", NULL};
static const char *const particles[] = {
	"bin", "ibn", "al", "el", "van", "von", "de", "da", "di", "du", "der", "den", "la", "le", "del",
	"della", "dos", "das", "ben", "abu", NULL};
static const char *const org_heads[] = {
	"university", "ministry", "department", "council", "committee", "commission", "agency", "association",
	"institute", "organisation", "organization", "foundation", "corporation", "company", "party", "bank",
	"court", "union", "centre", "center", "society", "authority", "services", "service", "office", "group",
	"inc", "inc.", "ltd", "ltd.", "corp", "corp.", "co.", "llc", "club", "school", "college", "hospital",
	"army", "police", "parliament", "congress", "senate", "assembly", "fund", "board", "bureau", "network",
	"times", "post", "journal", "press", "airlines", "airways", "museum", "library", "academy", "church",
	"federation", "coalition", "alliance", "forces", "navy", "guard", "administration", "trust",
	"laboratory", "laboratories", "studios", "records", "entertainment", "software", "systems",
	"technologies", "secretariat", "cabinet", "tribunal", "herald", "tribune", "gazette", "telegraph",
	"guardian", "chronicle", "observer", "magazine", "radio", "television", "broadcasting", "agencies",
	"ministries", "institution", "consortium", "enterprises", "holdings", "industries", "motors",
	"pharmaceuticals", "bancorp", "partners", "gaming", "media", "productions", "publishing", "labs",
	"solutions", "communications", NULL};
static const char *const place_heads[] = {
	"river", "lake", "island", "islands", "mountains", "mountain", "province", "county", "street", "avenue",
	"road", "square", "bay", "sea", "ocean", "valley", "desert", "peninsula", "district", "region", "gulf",
	"strait", "coast", "airport", "park", "bridge", "canyon", "falls", "hills", "territory", "prefecture",
	NULL};
static const char *const event_heads[] = {
	"summit", "conference", "games", "olympics", "paralympics", "cup", "championship", "championships",
	"festival", "war", "agreement", "treaty", "accords", "accord", "forum", "expo", "awards", "prize",
	"fair", "tournament", "marathon", "election", "elections", "revolution", "crisis", "talks", "study",
	"survey", "census", NULL};
/* Letters after a name ("Mark Tedeschi, QC"): no entity of their own. */
static const char *const postnominals[] = {
	"qc", "kc", "sc", "mp", "mbe", "obe", "cbe", "kbe", "phd", "jr", "jr.", "sr", "sr.", "esq", "esq.", "md",
	NULL};
static const char *const compass[] = {
	"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "upper",
	"lower", "greater", "new", "northeast", "northwest", "southeast", "southwest", NULL};
static const char *const calendar[] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
	"march", "april", "june", "july", "august", "september", "october", "november", "december", "jan.",
	"feb.", "aug.", "sept.", "sep.", "oct.", "nov.", "dec.", NULL};
/* Verbs of saying: a capitalised word right before one is someone speaking. */
static const char *const speech[] = {
	"said", "says", "told", "tells", "added", "adds", "noted", "notes", "wrote", "writes", "argued",
	"argues", "explained", "explains", "insisted", "insists", "stated", "recalled", "acknowledged",
	"replied", "responded", "conceded", "countered", "tweeted", "testified", "remarked", "stressed",
	"emphasized", "emphasised", "asked", "asks", "continued", NULL};
/* "Eleven Norwegian fishermen": a sentence's count is capitalised too. */
static const char *const cardinals[] = {
	"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
	"thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty",
	"forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "hundreds", "thousand",
	"thousands", "dozens", NULL};
static const char *const of_for[] = {"of", "for", NULL};
static const char *const articles[] = {"the", NULL};

static const word_class classes[] = {
	{EW_HONORIFIC, honorifics}, {EW_FORMER, formers}, {EW_CONNECTOR, connectors},
	{EW_RUN_CONNECTOR, run_connectors}, {EW_PARTICLE, particles}, {EW_ORG_HEAD, org_heads},
	{EW_PLACE_HEAD, place_heads}, {EW_EVENT_HEAD, event_heads}, {EW_COMPASS, compass},
	{EW_CALENDAR, calendar}, {EW_OF, of_for}, {EW_THE, articles}, {EW_POSTNOMINAL, postnominals},
	{EW_SPEECH, speech}, {EW_CARDINAL, cardinals},
};

#define TABLE_SIZE 2048   /* power of two, over twice the words above */

static struct { uint64_t key; uint32_t cls; } table[TABLE_SIZE];
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

static void build_table(void)
{
	for (size_t c = 0; c < sizeof classes / sizeof classes[0]; c++)
		for (const char *const *w = classes[c].words; *w; w++) {
			uint64_t key = chr_fold_hash(*w, strlen(*w));
			key = key ? key : 1;
			size_t i = (size_t)(key ^ (key >> 29)) & (TABLE_SIZE - 1);
			while (table[i].key && table[i].key != key)
				i = (i + 1) & (TABLE_SIZE - 1);
			table[i].key = key;
			table[i].cls |= classes[c].cls;
		}
}

uint32_t ent_word_class(uint64_t key)
{
	pthread_once(&table_once, build_table);
	key = key ? key : 1;
	for (size_t i = (size_t)(key ^ (key >> 29)) & (TABLE_SIZE - 1); table[i].key; i = (i + 1) & (TABLE_SIZE - 1))
		if (table[i].key == key)
			return table[i].cls;
	return 0;
}

chr_status ent_words_fill(ent_ctx *c)
{
	const chr_tokens *t = c->t;
	c->wc = chr_arena_alloc(c->arena, t->n * sizeof *c->wc);
	if (!c->wc)
		return CHR_ENOMEM;
	for (size_t i = 0; i < t->n; i++) {
		const chr_token *tok = &t->tok[i];
		uint32_t cls = 0;
		if (tok->kind == CHR_TOK_WORD || tok->kind == CHR_TOK_SYMBOL)
			cls = ent_word_class(tok->key);
		/* Capitalised classes need a capital, lowercase ones its absence:
		 * "Party" heads a name, "party" does not; "Van Gogh" starts one. */
		if (tok->flags & CHR_TF_UPPER)
			cls &= ~(uint32_t)(EW_CONNECTOR | EW_RUN_CONNECTOR | EW_PARTICLE | EW_OF);
		else
			cls &= ~(uint32_t)(EW_HONORIFIC | EW_ORG_HEAD | EW_PLACE_HEAD | EW_EVENT_HEAD | EW_COMPASS |
					   EW_CALENDAR);
		c->wc[i] = cls;
	}
	return CHR_OK;
}
