/*
 * test_event.c - event frames (src/analyze/event*.c), numeric claims
 * (claim.c) and the speaker rule they lean on, over the whole analysis of
 * short texts written for these tests.
 *
 * A frame is described as "type|actor,actor|place|date|duration|modality";
 * a claim as "subject|attribute|value".
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "analyze/analyze.h"

typedef struct run {
	chr_arena arena;
	chr_analysis an;
} run;

static const char *test_lang = "en";   /* the language the texts are analysed as */

static void analyse(run *r, const char *text, const char *anchor)
{
	chr_arena_init(&r->arena);
	memset(&r->an, 0, sizeof r->an);
	assert_int_equal(chr_analysis_run(&r->arena, text, strlen(text), anchor, test_lang, &r->an), CHR_OK);
}

static const char *describe_event(const run *r, size_t i)
{
	static char out[512];
	const chr_event *ev = &r->an.events.ev[i];
	const chr_entities *e = &r->an.ents;
	size_t n = (size_t)snprintf(out, sizeof out, "%s|", ev->type);
	for (unsigned k = 0; k < ev->nactors && n < sizeof out; k++)
		n += (size_t)snprintf(out + n, sizeof out - n, "%s%s", k ? "," : "", e->ent[ev->actor[k]].id);
	const char *place = ev->place < 0 ? "-" : e->ent[ev->place].place_id ? e->ent[ev->place].place_id
									     : e->ent[ev->place].id;
	if (n < sizeof out)
		snprintf(out + n, sizeof out - n, "|%s|%s|%s|%s", place, ev->date[0] ? ev->date : "-",
			 ev->duration[0] ? ev->duration : "-", chr_modality_name((chr_modality)ev->modality));
	return out;
}

/* The events of text must be exactly want (NULL-terminated), in order. */
static void expect_events(const char *text, const char *anchor, const char *const *want)
{
	run r;
	analyse(&r, text, anchor);
	size_t n = 0;
	while (want[n])
		n++;
	for (size_t i = 0; i < r.an.events.n; i++)
		print_message("  got %s\n", describe_event(&r, i));
	assert_int_equal(r.an.events.n, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(describe_event(&r, i), want[i]);
	chr_arena_free(&r.arena);
}

static void expect_claims(const char *text, const char *const *want)
{
	run r;
	analyse(&r, text, "2025-03-07");
	size_t n = 0;
	while (want[n])
		n++;
	char got[256];
	for (size_t i = 0; i < r.an.claims.n; i++)
		print_message("  got %s|%s|%g\n", r.an.claims.c[i].subject, r.an.claims.c[i].attribute,
			      r.an.claims.c[i].value);
	assert_int_equal(r.an.claims.n, n);
	for (size_t i = 0; i < n; i++) {
		const chr_claim *c = &r.an.claims.c[i];
		snprintf(got, sizeof got, "%s|%s|%g", c->subject, c->attribute, c->value);
		assert_string_equal(got, want[i]);
	}
	chr_arena_free(&r.arena);
}

static void meeting_with_place_and_date(void **state)
{
	(void)state;
	static const char *const want[] = { "meet|emmanuel-macron,olaf-scholz|berlin|2025-03-04|-|asserted", NULL };
	expect_events("French President Emmanuel Macron met German Chancellor Olaf Scholz in Berlin on Tuesday.",
		      "2025-03-07", want);
}

static void reporting_speaker_is_no_actor(void **state)
{
	(void)state;
	static const char *const want[] = { "negotiate|emmanuel-macron,olaf-scholz|paris|2025-03-03|-|asserted", NULL };
	expect_events("Emmanuel Macron and Olaf Scholz held talks in Paris on Monday, Italian Prime Minister "
		      "Giorgia Meloni said.", "2025-03-07", want);
}

static void dated_statement(void **state)
{
	(void)state;
	static const char *const want[] = { "statement|olaf-scholz|-|2025-03-03|-|asserted", NULL };
	expect_events("German Chancellor Olaf Scholz said on Monday that the budget was sound.", "2025-03-07", want);
}

static void modality(void **state)
{
	(void)state;
	static const char *const want[] = {
		"meet|emmanuel-macron,olaf-scholz|berlin|-|-|negated",
		"visit|emmanuel-macron|paris|-|-|future",
		"meet|emmanuel-macron,olaf-scholz|-|-|-|hypothetical",
		NULL
	};
	expect_events("Emmanuel Macron did not meet Olaf Scholz in Berlin.\n\nOlaf Scholz said Emmanuel Macron "
		      "will visit Paris again.\n\nWill Emmanuel Macron meet Olaf Scholz?", "2025-03-07", want);
}

static void a_later_sentence_completes_the_frame(void **state)
{
	(void)state;
	static const char *const want[] = { "meet|emmanuel-macron,olaf-scholz|berlin|2025-03-03|PT3H|asserted", NULL };
	expect_events("Emmanuel Macron met Olaf Scholz in Berlin on Monday. The meeting lasted three hours.",
		      "2025-03-07", want);
}

static void meetings_months_apart_stay_apart(void **state)
{
	(void)state;
	static const char *const want[] = {
		"meet|emmanuel-macron,olaf-scholz|berlin|2024-05-03|-|asserted",
		"meet|emmanuel-macron,olaf-scholz|paris|2024-12-09|-|asserted",
		NULL
	};
	expect_events("Emmanuel Macron met Olaf Scholz in Berlin on 3 May 2024.\n\nEmmanuel Macron met Olaf "
		      "Scholz again in Paris on 9 December 2024.", "2025-03-07", want);
}

static void countries_act_for_governments(void **state)
{
	(void)state;
	static const char *const want[] = { "agree|france,germany|paris|2025-03-07|-|asserted", NULL };
	/* Friday is the article's own date */
	expect_events("France and Germany signed an agreement in Paris on Friday.", "2025-03-07", want);
}

static void we_in_a_quote_is_its_speaker(void **state)
{
	(void)state;
	static const char *const want[] = { "praise|olaf-scholz|-|-|-|asserted", NULL };
	expect_events("\"We paid tribute to the firefighters,\" German Chancellor Olaf Scholz said.", "2025-03-07",
		      want);
}

static void a_possessor_only_qualifies(void **state)
{
	(void)state;
	/* the adviser is no one we can name, and Macron did not visit */
	static const char *const want[] = { "meet|olaf-scholz|berlin|-|-|asserted", NULL };
	expect_events("Emmanuel Macron's adviser visited Berlin.\n\nEmmanuel Macron's adviser met Olaf Scholz in "
		      "Berlin.", "2025-03-07", want);
}

static void many_names_bounded(void **state)
{
	(void)state;
	size_t cap = 500 * 24 + 128, n = 0;
	char *text = malloc(cap);
	assert_non_null(text);
	n += (size_t)snprintf(text + n, cap - n, "Emmanuel Macron met ");
	for (int i = 0; i < 500; i++)
		n += (size_t)snprintf(text + n, cap - n, "Mr Holt%c%c, ", 'a' + i % 26, 'a' + i / 26);
	snprintf(text + n, cap - n, "and Olaf Scholz in Geneva.");
	run r;
	analyse(&r, text, "2025-03-07");
	assert_true(r.an.events.n >= 1);
	for (size_t i = 0; i < r.an.events.n; i++)
		assert_true(r.an.events.ev[i].nactors <= CHR_EVENT_ACTORS);
	chr_arena_free(&r.arena);
	free(text);
}

static void claims_compound_and_count(void **state)
{
	(void)state;
	static const char *const want[] = { "plan|points|20", "plan|documents|3", NULL };
	expect_claims("The 20-point plan was published on Monday. The envoys also brought three further "
		      "documents to add to the plan.", want);
}

static void claims_holder_takes_the_topic(void **state)
{
	(void)state;
	static const char *const want[] = { "plan|points|14", NULL };
	expect_claims("Reporters asked about the peace plan.\n\nThere is a document comprising 14 points.", want);
}

static void claims_negated_duration_is_not_one(void **state)
{
	(void)state;
	static const char *const want[] = { "meeting|hours|6", NULL };
	expect_claims("The talks did not last two hours but six hours.", want);
}

static void claims_dates_and_money_are_not(void **state)
{
	(void)state;
	static const char *const want[] = { NULL };
	expect_claims("On 3 May 2025 the ministry paid $40 million for 12 aircraft.", want);
}

/* An unlisted name right before a verb of saying is a person, and the
 * quote is theirs (entity_rules.c). */
static void a_name_before_said_is_a_speaker(void **state)
{
	(void)state;
	run r;
	analyse(&r, "\"The bridge stays shut until spring,\" Varga said.", "2025-03-07");
	assert_int_equal(r.an.quotes.n, 1);
	assert_true(r.an.quotes.q[0].speaker >= 0);
	const chr_entity *e = &r.an.ents.ent[r.an.quotes.q[0].speaker];
	assert_string_equal(e->id, "varga");
	assert_int_equal(e->type, CHR_ENT_PERSON);
	chr_arena_free(&r.arena);
}

/* The agent of a passive is an actor: "received by X". */
static void passive_received_by(void **state)
{
	(void)state;
	static const char *const want[] = { "host|anna-kessler|lisbon|2025-03-05|-|asserted", NULL };
	expect_events("The families said they had been received by Foreign Minister Anna Kessler in Lisbon on "
		      "Wednesday.", "2025-03-07", want);
}

/* Closing a way through, active or passive; a country's body acts for it. */
static void closing_a_bridge(void **state)
{
	(void)state;
	static const char *const want[] = { "coerce|norway|-|2025-03-03|-|asserted", NULL };
	expect_events("The bridge was closed by Norway's police on Monday.", "2025-03-07", want);
}

static void parliament_approves_a_resolution(void **state)
{
	(void)state;
	static const char *const want[] = { "agree|norway|-|2025-03-04|-|asserted", NULL };
	expect_events("Norway's parliament approved a resolution on Tuesday.", "2025-03-07", want);
}

/* "The Norwegian and Swedish delegations have agreed ..., X said on
 * Tuesday": the bodies stand for their countries, and what the statement
 * reports as just done is of its day. */
static void delegations_agreed_as_told(void **state)
{
	(void)state;
	static const char *const want[] = { "agree|norway,sweden|-|2025-03-04|-|asserted",
					    "statement|anna-lindqvist|-|2025-03-04|-|asserted", NULL };
	expect_events("Norway and Sweden sent envoys to Geneva. The Norwegian and Swedish delegations have agreed on "
		      "an agenda, the Swedish envoy Anna Lindqvist said on Tuesday.", "2025-03-07", want);
}

/* A demonym no gazetteer lists still names a country of the document. */
static void demonym_of_an_unlisted_country(void **state)
{
	(void)state;
	static const char *const want[] = { "meet|dravonia|geneva|2025-03-03|-|asserted",
					    "agree|dravonia|-|2025-03-04|-|asserted", NULL };
	expect_events("Envoys of Dravonia met in Geneva on Monday. The Dravonian delegation agreed on an agenda on "
		      "Tuesday.", "2025-03-07", want);
}

/* A participle that describes a noun reports nothing; with an auxiliary it does. */
static void reduced_relative_is_no_event(void **state)
{
	(void)state;
	static const char *const want[] = { "arrest||-|2025-03-03|-|asserted", NULL };
	expect_events("Six fishermen detained by the coast guard in November returned home on Thursday. Two sailors "
		      "were detained by the coast guard on Monday.", "2025-03-07", want);
}

/* ", ending a negotiating session": the participle's subject is the sentence's. */
static void participle_clause_subject(void **state)
{
	(void)state;
	static const char *const want[] = { "agree|anna-kessler,tomas-berg|oslo|2025-03-01|-|asserted",
					    "negotiate|anna-kessler,tomas-berg|oslo|2025-03-01|-|asserted", NULL };
	expect_events("Anna Kessler and Tomas Berg signed an agreement in Oslo on Saturday, ending a negotiating "
		      "session that began on Friday.", "2025-03-07", want);
}

static void proposals_put_and_exchanged(void **state)
{
	(void)state;
	static const char *const want[] = { "propose|anna-kessler|-|-|-|asserted", NULL };
	expect_events("Anna Kessler: Good afternoon. I have put a new plan on the table.", "2025-03-07", want);
	static const char *const want2[] = { "propose|norway,sweden|-|2025-03-05|-|asserted", NULL };
	expect_events("Negotiators from Norway and Sweden exchanged written proposals on Wednesday.", "2025-03-07",
		      want2);
}

/* An event in a "since" clause only dates the one the sentence reports. */
static void since_clause_is_background(void **state)
{
	(void)state;
	static const char *const want[] = { "meet|anna-kessler,tomas-berg|oslo|2025-03-03|-|asserted", NULL };
	expect_events("Anna Kessler met Tomas Berg in Oslo on Monday, the first contact since the border was closed.",
		      "2025-03-07", want);
}

/* "the two sides" in a sentence that names two countries are those two;
 * "detained since November" dates the detention, not the talks. */
static void the_two_sides_are_the_two_countries(void **state)
{
	(void)state;
	static const char *const want[] = { "negotiate|norway,sweden|oslo|-|-|asserted", NULL };
	expect_events("Norway will free the sailors held since November and Sweden will open the port, the two "
		      "sides announced after a second round of talks in Oslo.", "2025-03-07", want);
	/* three countries: which two is not said */
	static const char *const none[] = { NULL };
	expect_events("Norway, Denmark and Sweden sent envoys, and the two sides announced after a round of talks "
		      "in Oslo that nothing was agreed.", "2025-03-07", none);
}

/* Met in the passive by no one named: people greeted, no meeting. */
static void met_by_their_families_is_no_meeting(void **state)
{
	(void)state;
	static const char *const none[] = { NULL };
	expect_events("The sailors crossed the bridge on Thursday and were met by their families on the bank.",
		      "2025-03-28", none);
	static const char *const named[] = { "meet|anna-kessler,tomas-berg|-|2025-03-27|-|asserted", NULL };
	expect_events("Anna Kessler was met by Tomas Berg at the airport on Thursday.", "2025-03-28", named);
}

/* "Both delegations" with no country in the sentence: the pair an earlier
 * sentence named, when both are dated within a week; not "business groups
 * on both sides", and not a pair of another month. */
static void both_delegations_are_the_pair_named_before(void **state)
{
	(void)state;
	static const char *const want[] = { "agree|anna-kessler,tomas-berg|-|2025-03-04|-|asserted",
					    "propose|anna-kessler,tomas-berg|-|2025-03-05|-|future", NULL };
	expect_events("Anna Kessler and Tomas Berg agreed on an agenda on Tuesday.\n\nBoth delegations will "
		      "exchange written proposals on Wednesday.", "2025-03-04", want);
	static const char *const groups[] = { "agree|anna-kessler,tomas-berg|-|2025-03-04|-|asserted",
					      "appeal||-|2025-02-26|-|asserted", NULL };
	expect_events("Anna Kessler and Tomas Berg agreed on an agenda on Tuesday.\n\nBusiness groups on both "
		      "sides urged a deal on Wednesday.", "2025-03-04", groups);
	static const char *const one[] = { "agree|anna-kessler,tomas-berg|-|2025-03-04|-|asserted", NULL };
	expect_events("Anna Kessler and Tomas Berg agreed on an agenda on Tuesday.\n\nBoth delegations will "
		      "exchange written proposals in June.", "2025-03-04", one);
}

/* German and French documents read data/events/de.txt and fr.txt. */
static void german_and_french_lexicons(void **state)
{
	(void)state;
	test_lang = "de";
	static const char *const de[] = { "phone_call|anna-kessler,tomas-berg|-|2025-03-14|-|asserted", NULL };
	expect_events("Anna Kessler telefonierte am Freitag mit Tomas Berg.", "2025-03-15", de);
	static const char *const de_future[] = { NULL };
	expect_events("Anna Kessler wird Tomas Berg am Freitag treffen.", "2025-03-15", de_future);
	test_lang = "fr";
	/* "a rencontré": the French "a" is no article */
	static const char *const fr[] = { "meet|anna-kessler,tomas-berg|geneva|-|-|asserted", NULL };
	expect_events("Anna Kessler a rencontré Tomas Berg à Genève.", "2025-03-15", fr);
	/* a future form ("vf" in fr.txt) is an announcement, and dates the
	 * coming weekday, written in lower case; Vienne is Vienna */
	static const char *const fr_future[] = { "meet|anna-kessler,tomas-berg|vienna|2025-03-20|-|future", NULL };
	expect_events("Anna Kessler et Tomas Berg se retrouveront jeudi à Vienne.", "2025-03-19", fr_future);
	test_lang = "ru";
	static const char *const none[] = { NULL };
	expect_events("Anna Kessler met Tomas Berg in Oslo.", "2025-03-15", none);
	test_lang = "en";
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(meeting_with_place_and_date),
		cmocka_unit_test(reporting_speaker_is_no_actor),
		cmocka_unit_test(dated_statement),
		cmocka_unit_test(modality),
		cmocka_unit_test(a_later_sentence_completes_the_frame),
		cmocka_unit_test(meetings_months_apart_stay_apart),
		cmocka_unit_test(countries_act_for_governments),
		cmocka_unit_test(we_in_a_quote_is_its_speaker),
		cmocka_unit_test(a_possessor_only_qualifies),
		cmocka_unit_test(many_names_bounded),
		cmocka_unit_test(claims_compound_and_count),
		cmocka_unit_test(claims_holder_takes_the_topic),
		cmocka_unit_test(claims_negated_duration_is_not_one),
		cmocka_unit_test(claims_dates_and_money_are_not),
		cmocka_unit_test(a_name_before_said_is_a_speaker),
		cmocka_unit_test(passive_received_by),
		cmocka_unit_test(closing_a_bridge),
		cmocka_unit_test(parliament_approves_a_resolution),
		cmocka_unit_test(delegations_agreed_as_told),
		cmocka_unit_test(demonym_of_an_unlisted_country),
		cmocka_unit_test(reduced_relative_is_no_event),
		cmocka_unit_test(participle_clause_subject),
		cmocka_unit_test(proposals_put_and_exchanged),
		cmocka_unit_test(since_clause_is_background),
		cmocka_unit_test(the_two_sides_are_the_two_countries),
		cmocka_unit_test(met_by_their_families_is_no_meeting),
		cmocka_unit_test(both_delegations_are_the_pair_named_before),
		cmocka_unit_test(german_and_french_lexicons),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
