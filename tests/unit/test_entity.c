/*
 * test_entity.c - named entities and their aliases (src/analyze/entity*.c)
 * over the default lists of data/gazetteer/.
 *
 * The sentences are written for these tests.  Each case states the
 * entities it expects as "id TYPE" and the mentions of one entity.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "analyze/entity.h"
#include "analyze/gazetteer.h"
#include "util/fault.h"

typedef struct run {
	chr_arena arena;
	chr_tokens toks;
	chr_entities ents;
	const char *text;
} run;

static void analyse(run *r, const char *text)
{
	chr_arena_init(&r->arena);
	r->text = text;
	assert_int_equal(chr_tokenize(&r->arena, text, strlen(text), &r->toks), CHR_OK);
	assert_int_equal(chr_entities_find(&r->arena, &r->toks, &r->ents), CHR_OK);
}

static const chr_entity *by_id(const run *r, const char *id)
{
	for (size_t i = 0; i < r->ents.n; i++)
		if (!strcmp(r->ents.ent[i].id, id))
			return &r->ents.ent[i];
	return NULL;
}

static size_t index_of(const run *r, const chr_entity *e)
{
	return (size_t)(e - r->ents.ent);
}

/* "Putin|Vladimir Putin" : the texts of an entity's mentions in order. */
static const char *mentions_of(const run *r, const char *id)
{
	static char out[1024];
	size_t n = 0;
	const chr_entity *e = by_id(r, id);
	out[0] = '\0';
	if (!e)
		return "(none)";
	for (size_t i = 0; i < r->ents.nmen; i++) {
		const chr_mention *m = &r->ents.men[i];
		if (m->entity != index_of(r, e))
			continue;
		n += (size_t)snprintf(out + n, sizeof out - n, "%s%.*s", n ? "|" : "", (int)(m->end - m->start),
				      r->text + m->start);
	}
	return out;
}

/* The role of the first mention of id written exactly as `name`. */
static const char *role_of(const run *r, const char *name, int *former)
{
	static char out[256];
	size_t nl = strlen(name);
	for (size_t i = 0; i < r->ents.nmen; i++) {
		const chr_mention *m = &r->ents.men[i];
		if (m->end - m->start != nl || memcmp(r->text + m->start, name, nl))
			continue;
		snprintf(out, sizeof out, "%.*s", (int)(m->role_end - m->role_start), r->text + m->role_start);
		*former = m->former;
		return out;
	}
	return "(no mention)";
}

static void expect_entity(const run *r, const char *id, chr_ent_type type)
{
	const chr_entity *e = by_id(r, id);
	if (!e) {
		char all[2048];
		size_t n = 0;
		for (size_t i = 0; i < r->ents.n && n < sizeof all - 64; i++)
			n += (size_t)snprintf(all + n, sizeof all - n, " %s/%s", r->ents.ent[i].id,
					      chr_ent_type_name(r->ents.ent[i].type));
		fail_msg("no entity %s in \"%s\"; got%s", id, r->text, all);
	}
	if (e->type != type)
		fail_msg("%s is %s, not %s", id, chr_ent_type_name(e->type), chr_ent_type_name(type));
}

static void check_invariants(const run *r)
{
	uint32_t prev_end = 0;
	size_t *count = calloc(r->ents.n + 1, sizeof *count);
	assert_non_null(count);
	for (size_t i = 0; i < r->ents.nmen; i++) {
		const chr_mention *m = &r->ents.men[i];
		assert_true(m->start >= prev_end);
		assert_true(m->end > m->start);
		assert_true(m->end <= r->toks.len);
		assert_true(m->entity < r->ents.n);
		assert_true(m->tok_begin < m->tok_end && m->tok_end <= r->toks.n);
		assert_true(m->role_end >= m->role_start && m->role_end <= m->start);
		count[m->entity]++;
		prev_end = m->end;
	}
	for (size_t i = 0; i < r->ents.n; i++) {
		const chr_entity *e = &r->ents.ent[i];
		assert_int_equal(count[i], e->nmentions);
		assert_true(e->first_mention < r->ents.nmen);
		assert_int_equal(r->ents.men[e->first_mention].entity, i);
		assert_true(e->id && e->id[0] && e->name && e->name[0]);
	}
	free(count);
}

static void titles_roles_and_aliases(void **state)
{
	(void)state;
	run r;
	int former = -1;
	analyse(&r, "Russian President Vladimir Putin received Foreign Minister Sergei Lavrov in the morning. "
		    "Later, Putin said the talks went well, and Lavrov agreed with President Putin.");
	check_invariants(&r);
	expect_entity(&r, "vladimir-putin", CHR_ENT_PERSON);
	expect_entity(&r, "sergey-lavrov", CHR_ENT_PERSON);
	assert_string_equal(mentions_of(&r, "vladimir-putin"), "Vladimir Putin|Putin|Putin");
	assert_string_equal(mentions_of(&r, "sergey-lavrov"), "Sergei Lavrov|Lavrov");
	assert_string_equal(role_of(&r, "Vladimir Putin", &former), "Russian President");
	assert_int_equal(former, 0);
	assert_string_equal(role_of(&r, "Sergei Lavrov", &former), "Foreign Minister");
	/* "Russian" is inside the role: no separate demonym mention */
	assert_null(by_id(&r, "russian"));
	chr_arena_free(&r.arena);

	analyse(&r, "The rally was addressed by former US President Joe Biden, who spoke briefly.");
	check_invariants(&r);
	expect_entity(&r, "joe-biden", CHR_ENT_PERSON);
	assert_string_equal(role_of(&r, "Joe Biden", &former), "US President");
	assert_int_equal(former, 1);
	assert_null(by_id(&r, "united-states"));   /* "US" is part of the role */
	chr_arena_free(&r.arena);

	analyse(&r, "The crowd cheered when ex-President Joe Biden arrived.");
	check_invariants(&r);
	assert_string_equal(role_of(&r, "Joe Biden", &former), "President");
	assert_int_equal(former, 1);
	chr_arena_free(&r.arena);
}

static void unlisted_people_from_patterns(void **state)
{
	(void)state;
	run r;
	int former;
	analyse(&r, "The report was written by Dr Helga Marquardsen of the Institute of Marine Studies. "
		    "Marquardsen said the water was warm. Mr Obuya disagreed, and Obuya left early.");
	check_invariants(&r);
	expect_entity(&r, "helga-marquardsen", CHR_ENT_PERSON);
	assert_string_equal(mentions_of(&r, "helga-marquardsen"), "Helga Marquardsen|Marquardsen");
	expect_entity(&r, "obuya", CHR_ENT_PERSON);
	assert_string_equal(mentions_of(&r, "obuya"), "Obuya|Obuya");
	assert_string_equal(role_of(&r, "Helga Marquardsen", &former), "");   /* Dr is no role */
	expect_entity(&r, "institute-of-marine-studies", CHR_ENT_ORG);
	chr_arena_free(&r.arena);

	analyse(&r, "The company's chief executive Tomasz Wielgorski met the trade envoy Arvid Lindqvarn. "
		    "Wielgorski and Arvid spoke for an hour.");
	check_invariants(&r);
	expect_entity(&r, "tomasz-wielgorski", CHR_ENT_PERSON);
	expect_entity(&r, "arvid-lindqvarn", CHR_ENT_PERSON);
	assert_string_equal(mentions_of(&r, "tomasz-wielgorski"), "Tomasz Wielgorski|Wielgorski");
	assert_string_equal(mentions_of(&r, "arvid-lindqvarn"), "Arvid Lindqvarn|Arvid");
	assert_string_equal(role_of(&r, "Arvid Lindqvarn", &former), "envoy");
	chr_arena_free(&r.arena);
}

static void given_names_and_honorifics_link(void **state)
{
	(void)state;
	run r;
	analyse(&r, "Donald Trump's son-in-law, businessman Jared Kushner, flew in with Steve Witkoff. "
		    "Mr Witkoff spoke first; Jared listened. Later Kushner and Witkoff left.");
	check_invariants(&r);
	assert_string_equal(mentions_of(&r, "jared-kushner"), "Jared Kushner|Jared|Kushner");
	assert_string_equal(mentions_of(&r, "steve-witkoff"), "Steve Witkoff|Witkoff|Witkoff");
	int former;
	assert_string_equal(role_of(&r, "Jared Kushner", &former), "businessman");
	assert_string_equal(role_of(&r, "Witkoff", &former), "");   /* Mr is no role */
	chr_arena_free(&r.arena);

	/* two people share a given name: "Anna" alone links to neither */
	analyse(&r, "Anna Kowalewska met Anna Rybnikova. Later Anna left.");
	check_invariants(&r);
	assert_string_equal(mentions_of(&r, "anna-kowalewska"), "Anna Kowalewska");
	assert_string_equal(mentions_of(&r, "anna-rybnikova"), "Anna Rybnikova");
	chr_arena_free(&r.arena);
}

static void spelling_variants_are_one_entity(void **state)
{
	(void)state;
	run r;
	/* an unlisted name spelled two ways: one entity, named by its first
	 * longest form */
	analyse(&r, "Minister Dmitriy Kozhevnikov spoke first. Then Minister Dmitry Kozhevnikov answered.");
	check_invariants(&r);
	assert_int_equal(r.ents.n, 1);
	assert_string_equal(mentions_of(&r, "dmitriy-kozhevnikov"), "Dmitriy Kozhevnikov|Dmitry Kozhevnikov");
	chr_arena_free(&r.arena);

	analyse(&r, "Talks in Kiev went on while officials in Kyiv waited. Erdoğan called Erdogan's aides.");
	check_invariants(&r);
	expect_entity(&r, "kyiv", CHR_ENT_PLACE);
	assert_string_equal(mentions_of(&r, "kyiv"), "Kiev|Kyiv");
	assert_string_equal(mentions_of(&r, "recep-tayyip-erdogan"), "Erdoğan|Erdogan");
	chr_arena_free(&r.arena);

	/* a city's name in the other languages of the news (exonyms) */
	analyse(&r, "Les envoyés se retrouveront à Vienne. Die Gespräche in Wien dauerten lange.");
	check_invariants(&r);
	expect_entity(&r, "vienna", CHR_ENT_PLACE);
	assert_string_equal(mentions_of(&r, "vienna"), "Vienne|Wien");
	chr_arena_free(&r.arena);
}

static void acronyms_join_their_names(void **state)
{
	(void)state;
	run r;
	analyse(&r, "Officials of the Marine Fisheries Protection Board (MFPB) said so. Later the MFPB repeated it, "
		    "while the Coastal Wardens Union (XYZ) did not.");
	check_invariants(&r);
	assert_string_equal(mentions_of(&r, "marine-fisheries-protection-board"),
			    "Marine Fisheries Protection Board|MFPB|MFPB");
	assert_null(strstr(mentions_of(&r, "coastal-wardens-union"), "XYZ"));   /* initials differ */
	chr_arena_free(&r.arena);
}

static void lowercase_and_sentence_starts_are_no_names(void **state)
{
	(void)state;
	run r;
	analyse(&r, "We ate turkey and china plates were used. Following the meal, Turkey was discussed.");
	check_invariants(&r);
	assert_string_equal(mentions_of(&r, "turkey"), "Turkey");
	assert_null(by_id(&r, "china"));
	assert_null(by_id(&r, "following"));
	chr_arena_free(&r.arena);
}

/* A sentence's first word is a name when the document says so elsewhere:
 * its demonym inside a sentence, the same word as a place, or a state's
 * body it owns; with no such evidence it stays no name. */
static void sentence_initial_names_from_the_document(void **state)
{
	(void)state;
	run r;
	analyse(&r, "Velmoria will reopen the pass, the Velmorian envoys said. Tarvinia's parliament voted on "
		    "Monday. Brennick will go too.");
	check_invariants(&r);
	expect_entity(&r, "velmoria", CHR_ENT_PLACE);
	assert_string_equal(mentions_of(&r, "velmoria"), "Velmoria");
	expect_entity(&r, "tarvinia", CHR_ENT_PLACE);
	assert_null(by_id(&r, "brennick"));
	chr_arena_free(&r.arena);
	/* a demonym the document writes only at a sentence's start says nothing */
	analyse(&r, "Velmoria will reopen the pass. Velmorian officials agreed.");
	check_invariants(&r);
	assert_null(by_id(&r, "velmoria"));
	chr_arena_free(&r.arena);
}

/* The role before a person's name gives their country: a listed demonym,
 * a country of the document before "'s", or its demonym; a city does not. */
static void country_of_a_person_from_the_role(void **state)
{
	(void)state;
	run r;
	analyse(&r, "Talks between Velmoria and Ostrandia opened in Geneva. Velmorian Deputy Foreign Minister "
		    "Ansel Korvik met Ostrandia's special envoy Petra Lund. French Foreign Minister Jean Dupont "
		    "and Geneva's mayor Lise Amsel watched.");
	check_invariants(&r);
	expect_entity(&r, "ansel-korvik", CHR_ENT_PERSON);
	const chr_entity *e = by_id(&r, "ansel-korvik");
	assert_non_null(e->country_id);
	assert_string_equal(e->country_id, "velmoria");
	expect_entity(&r, "petra-lund", CHR_ENT_PERSON);
	e = by_id(&r, "petra-lund");
	assert_non_null(e->country_id);
	assert_string_equal(e->country_id, "ostrandia");
	expect_entity(&r, "jean-dupont", CHR_ENT_PERSON);
	e = by_id(&r, "jean-dupont");
	assert_non_null(e->country_id);
	assert_string_equal(e->country_id, "france");
	e = by_id(&r, "lise-amsel");
	assert_true(!e || !e->country_id);
	chr_arena_free(&r.arena);
}

/* "The Ostrandian parliament": the demonym of a country no list holds,
 * before a state's body, is kept as a listed one is (MISC, with its
 * country); before anything else it is not. */
static void demonym_of_an_unlisted_country_is_kept(void **state)
{
	(void)state;
	run r;
	analyse(&r, "The Ostrandian parliament voted on Monday. Velmorian farmers waited.");
	check_invariants(&r);
	expect_entity(&r, "ostrandian", CHR_ENT_MISC);
	const chr_entity *e = by_id(&r, "ostrandian");
	assert_non_null(e->country_id);
	assert_string_equal(e->country_id, "ostrandia");
	assert_null(by_id(&r, "velmorian"));
	chr_arena_free(&r.arena);
}

/* German capitalises every noun: only lists, titles and given names count. */
static void german_nouns_are_no_names(void **state)
{
	(void)state;
	run r;
	const char *text = "Viele Dörfer am Stausee warten auf Wasser. Die Gespräche in Genf leitete "
			   "Vizeaussenministerin Sigrid Brandvold, sagte Außenminister Sergej Lawrow.";
	chr_arena_init(&r.arena);
	r.text = text;
	assert_int_equal(chr_tokenize(&r.arena, text, strlen(text), &r.toks), CHR_OK);
	assert_int_equal(chr_entities_find_lang(&r.arena, &r.toks, "de", &r.ents), CHR_OK);
	check_invariants(&r);
	assert_null(by_id(&r, "viele-dorfer"));
	assert_null(by_id(&r, "viele"));
	assert_null(by_id(&r, "stausee"));
	assert_null(by_id(&r, "wasser"));
	expect_entity(&r, "sigrid-brandvold", CHR_ENT_PERSON);
	chr_arena_free(&r.arena);
}

static void place_of_an_organisation(void **state)
{
	(void)state;
	run r;
	analyse(&r, "Officials in the Kremlin said the visit to Moscow would go ahead.");
	check_invariants(&r);
	const chr_entity *k = by_id(&r, "kremlin");
	if (k) {   /* orgs.txt lists it with place=Moscow */
		assert_int_equal(k->type, CHR_ENT_ORG);
		assert_string_equal(k->place_id, "moscow");
	}
	expect_entity(&r, "moscow", CHR_ENT_PLACE);
	chr_arena_free(&r.arena);
}

static void what_is_no_name(void **state)
{
	(void)state;
	run r;
	analyse(&r, "In the words of the prosecutor, Mark Tedeschi, QC, the damage was priced at US$ 10 billion. "
		    "The Alaska Summit in Anchorage came first. Nobody read the Sydney Morning Herald. "
		    "WHO say the numbers will rise.");
	check_invariants(&r);
	assert_null(by_id(&r, "qc"));
	assert_null(by_id(&r, "united-states"));
	assert_null(by_id(&r, "alaska-summit"));
	expect_entity(&r, "anchorage", CHR_ENT_PLACE);
	expect_entity(&r, "sydney-morning-herald", CHR_ENT_ORG);
	assert_null(by_id(&r, "sydney"));
	const chr_gaz_entry *who = chr_gaz_by_id(chr_gaz_default(), "world-health-organization");
	if (who)   /* an acronym in running text is no common word */
		expect_entity(&r, "world-health-organization", CHR_ENT_ORG);
	chr_arena_free(&r.arena);
}

/* Pathological text: bounded time and memory, sane output (no timing
 * asserts; the harness's time limit catches a quadratic pass). */
static void pathological_input_is_bounded(void **state)
{
	(void)state;
	static const char *const words[] = {"Alpha ", "Bravo ", "Charlie ", "Moscow ", "Putin ", "Mr ",
					    "President ", "Of ", "The "};
	size_t cap = 8u << 20;
	char *s = malloc(cap);
	assert_non_null(s);

	/* a million capitalised words, one sentence */
	size_t n = 0;
	for (size_t i = 0; i < 1000000 && n + 16 < cap; i++) {
		const char *w = words[(i * 7 + i / 3) % 9];
		size_t l = strlen(w);
		memcpy(s + n, w, l);
		n += l;
	}
	s[n] = '\0';
	run r;
	analyse(&r, s);
	check_invariants(&r);
	assert_true(r.ents.nmen <= r.toks.n);
	chr_arena_free(&r.arena);

	/* 1 MB in one sentence of lowercase words and commas */
	n = 0;
	while (n + 8 < (1u << 20)) {
		memcpy(s + n, "word, ", 6);
		n += 6;
	}
	s[n] = '\0';
	analyse(&r, s);
	assert_int_equal(r.ents.nmen, 0);
	chr_arena_free(&r.arena);

	/* one sentence with 500 people and places in it */
	n = 0;
	for (int i = 0; i < 500; i++)
		n += (size_t)snprintf(s + n, cap - n, "%s Kowal%c%c, ", i % 2 ? "Minister" : "and Mr",
				      'a' + i % 26, 'a' + i / 26 % 26);
	n += (size_t)snprintf(s + n, cap - n, "and Moscow met.");
	analyse(&r, s);
	check_invariants(&r);
	assert_true(r.ents.nmen >= 500);
	chr_arena_free(&r.arena);
	free(s);
}

static void empty_and_odd_input(void **state)
{
	(void)state;
	run r;
	const char *odd[] = {"", " ", "Mr", "Mr.", "President", "former", "\xff\xfe", "[ ] ( ) \" ' ",
			     "Minister [Vladimir", "A. B. C. D.", "THE KREMLIN SAID", "Ex-President", "'s"};
	for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++) {
		analyse(&r, odd[i]);
		check_invariants(&r);
		chr_arena_free(&r.arena);
	}
}

/* Every allocation of the stage may fail: CHR_ENOMEM and empty results,
 * never a crash, and the next call works. */
static void out_of_memory_is_reported(void **state)
{
	(void)state;
	static const char text[] = "Russian President Vladimir Putin met Dr Helga Marquardsen of the "
				   "Institute of Marine Studies in Moscow. Marquardsen and Putin spoke.";
	int saw_failure = 0, saw_success = 0;
	chr_arena ta;
	chr_tokens t;
	chr_arena_init(&ta);
	assert_int_equal(chr_tokenize(&ta, text, sizeof text - 1, &t), CHR_OK);
	assert_non_null(chr_gaz_default());   /* built before faults are armed */
	(void)chr_tagger_default();
	for (long k = 0; k < 200 && !saw_success; k++) {
		chr_arena a;
		chr_entities ents;
		chr_arena_init(&a);
		chr_fault_fail_after(k);
		chr_status st = chr_entities_find(&a, &t, &ents);
		chr_fault_fail_after(-1);
		if (st == CHR_OK) {
			assert_true(ents.n >= 3);
			saw_success = 1;
		} else {
			assert_int_equal(st, CHR_ENOMEM);
			assert_int_equal(ents.n, 0);
			assert_int_equal(ents.nmen, 0);
			saw_failure = 1;
		}
		chr_arena_free(&a);
	}
	chr_arena_free(&ta);
	assert_true(saw_failure);
	assert_true(saw_success);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(titles_roles_and_aliases),
		cmocka_unit_test(unlisted_people_from_patterns),
		cmocka_unit_test(given_names_and_honorifics_link),
		cmocka_unit_test(spelling_variants_are_one_entity),
		cmocka_unit_test(acronyms_join_their_names),
		cmocka_unit_test(lowercase_and_sentence_starts_are_no_names),
		cmocka_unit_test(sentence_initial_names_from_the_document),
		cmocka_unit_test(country_of_a_person_from_the_role),
		cmocka_unit_test(demonym_of_an_unlisted_country_is_kept),
		cmocka_unit_test(german_nouns_are_no_names),
		cmocka_unit_test(place_of_an_organisation),
		cmocka_unit_test(what_is_no_name),
		cmocka_unit_test(pathological_input_is_bounded),
		cmocka_unit_test(empty_and_odd_input),
		cmocka_unit_test(out_of_memory_is_reported),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
