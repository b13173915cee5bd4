/*
 * test_quote.c - quotes and their speakers (src/analyze/quote*.c) over
 * tokens and entities of short texts written for these tests.
 *
 * Each case lists the quotes it expects as "speaker-id|kind|first words",
 * speaker "-" when no one is named.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "analyze/quote.h"

typedef struct run {
	chr_arena arena;
	chr_tokens toks;
	chr_entities ents;
	chr_quotes quotes;
	const char *text;
} run;

static void analyse(run *r, const char *text, size_t len)
{
	chr_arena_init(&r->arena);
	r->text = text;
	assert_int_equal(chr_tokenize(&r->arena, text, len, &r->toks), CHR_OK);
	assert_int_equal(chr_entities_find(&r->arena, &r->toks, &r->ents), CHR_OK);
	assert_int_equal(chr_quotes_find(&r->arena, &r->toks, &r->ents, &r->quotes), CHR_OK);
}

/* Quote i as "speaker|kind|text", the text cut to its first n bytes. */
static const char *describe(const run *r, size_t i, size_t n)
{
	static char out[512];
	const chr_quote *q = &r->quotes.q[i];
	const char *spk = q->speaker >= 0 ? r->ents.ent[q->speaker].id : "-";
	size_t len = q->end - q->start;
	if (len > n)
		len = n;
	snprintf(out, sizeof out, "%s|%s|%.*s", spk, chr_quote_kind_name((chr_quote_kind)q->kind), (int)len,
		 r->text + q->start);
	return out;
}

/* Checks the quotes of text against want (NULL-terminated), each compared
 * on as many bytes of the quote as the expectation's text has. */
static void expect(const char *text, const char *const *want)
{
	run r;
	analyse(&r, text, strlen(text));
	size_t n = 0;
	while (want[n])
		n++;
	for (size_t i = 0; i < r.quotes.n; i++)
		print_message("  got %s\n", describe(&r, i, 60));
	assert_int_equal(r.quotes.n, n);
	for (size_t i = 0; i < n; i++) {
		const char *bar = strrchr(want[i], '|');
		assert_string_equal(describe(&r, i, strlen(bar + 1)), want[i]);
	}
	chr_arena_free(&r.arena);
}

static void cue_after_the_quote_in_every_mark_style(void **state)
{
	(void)state;
	expect("\"The harbour will reopen in May,\" Mayor Anna Kovacs said on Monday.\n\n"
	       "\xE2\x80\x9CWe found the money,\xE2\x80\x9D said Kovacs.\n\n"
	       "\xC2\xAB" "Nothing is decided yet\xC2\xBB, Finance Minister Pavel Adler told reporters.",
	       (const char *const[]){"anna-kovacs|quote|The harbour will reopen in May,",
				     "anna-kovacs|quote|We found the money,",
				     "pavel-adler|quote|Nothing is decided yet", NULL});
}

static void cue_before_the_quote_and_partial_quotes(void **state)
{
	(void)state;
	expect("Finance Minister Pavel Adler told reporters: \"The budget is balanced.\"\n\n"
	       "Adler described the harbour plan as \"a waste of good money\" and left.\n\n"
	       "According to Adler, the city is \"running out of patience\" with the builders.",
	       (const char *const[]){"pavel-adler|quote|The budget is balanced.",
				     "pavel-adler|quote|a waste of good money",
				     "pavel-adler|quote|running out of patience", NULL});
}

static void a_split_quote_is_one_quote_a_new_sentence_another(void **state)
{
	(void)state;
	expect("\"The harbour will reopen,\" Anna Kovacs said, \"but not before May.\"\n\n"
	       "\"We are ready,\" Kovacs added. \"The workers are ready too.\"",
	       (const char *const[]){"anna-kovacs|quote|The harbour will reopen,\" Anna Kovacs said, \"but not before May.",
				     "anna-kovacs|quote|We are ready,",
				     "anna-kovacs|quote|The workers are ready too.", NULL});
}

static void pronouns_and_quote_paragraphs_continue_the_speaker(void **state)
{
	(void)state;
	expect("Anna Kovacs opened the new bridge on Monday.\n\n"
	       "\"It took us six years,\" she said at the ceremony.\n\n"
	       "\"The next one will be faster,\" she continued.\n\n"
	       "\"I promise you that.\"\n\n"
	       "Pavel Adler, her deputy, was not there.",
	       (const char *const[]){"anna-kovacs|quote|It took us six years,",
				     "anna-kovacs|quote|The next one will be faster,",
				     "anna-kovacs|quote|I promise you that.", NULL});
}

static void roles_refer_back_to_the_titled_person(void **state)
{
	(void)state;
	expect("Mayor Anna Kovacs met Foreign Minister Pavel Adler in the city hall.\n\n"
	       "\"The talks were useful,\" the foreign minister noted.\n\n"
	       "\"We agreed on the harbour,\" the mayor said.\n\n"
	       "According to the country's top diplomat, the deal is \"nearly done.\"",
	       (const char *const[]){"pavel-adler|quote|The talks were useful,",
				     "anna-kovacs|quote|We agreed on the harbour,",
				     "pavel-adler|quote|nearly done.", NULL});
}

static void transcript_turns_and_questions(void **state)
{
	(void)state;
	expect("Adviser to the Mayor Lena Ortiz: Good morning. We have news on the harbour.\n\n"
	       "The work will start in May.\n\n"
	       "Question: Has \"the money\" been found, as Lena Ortiz said?\n\n"
	       "Lena Ortiz: Yes. \"All of it,\" as the treasurer told me.\n\n"
	       "ORTIZ: That is all.",
	       (const char *const[]){"lena-ortiz|turn|Good morning.", "lena-ortiz|turn|The work will start",
				     "-|question|Has \"the money\" been found", "lena-ortiz|turn|Yes. \"All of it,\"",
				     "lena-ortiz|turn|That is all.", NULL});
}

static void a_quote_never_spans_two_turns(void **state)
{
	(void)state;
	expect("Lena Ortiz: \"We will see.\n\n"
	       "Question: \"When?\n\n"
	       "Lena Ortiz: Soon.",
	       (const char *const[]){"lena-ortiz|turn|\"We will see.", "-|question|\"When?",
				     "lena-ortiz|turn|Soon.", NULL});
}

static void stray_marks_do_not_swallow_the_document(void **state)
{
	(void)state;
	/* the first paragraph's opening mark never closes; the next paragraph
	 * opens with no mark, so nothing carries over */
	expect("The council called the plan \"a disaster and left.\n\n"
	       "Anna Kovacs said the vote would be held on Friday.\n\n"
	       "\"We will win,\" Kovacs said.",
	       (const char *const[]){"anna-kovacs|quote|We will win,", NULL});
}

static void a_long_quote_goes_on_into_a_paragraph_that_opens_with_a_mark(void **state)
{
	(void)state;
	/* one quote over both paragraphs; in the second text its speaker is
	 * the cue at its end */
	expect("Anna Kovacs said: \"The harbour will reopen in May.\n\n"
	       "\"The bridge will follow in June.\"",
	       (const char *const[]){"anna-kovacs|quote|The harbour will reopen in May.\n\n\"The bridge will follow in June.",
				     NULL});
	expect("Anna Kovacs opened the session.\n\n"
	       "\"The harbour will reopen in May.\n\n"
	       "\"The bridge will follow in June,\" Pavel Adler said.",
	       (const char *const[]){"pavel-adler|quote|The harbour will reopen in May.", NULL});
}

static void scare_quotes_with_no_speaker_are_not_quotes(void **state)
{
	(void)state;
	expect("The so-called \"harbour tax\" was dropped last year.",
	       (const char *const[]){NULL});
}

static void more_cue_shapes(void **state)
{
	(void)state;
	expect("\"Not again,\" Anna Kovacs groaned.\n\n"
	       "Pollster Pavel Adler: \"Turnout will be low.\"\n\n"
	       "\"The river is rising fast.\" \xE2\x80\x94 Lena Ortiz\n\n"
	       "Anna Kovacs met Pavel Adler on Monday, saying \"the work goes on.\"\n\n"
	       "Lena Ortiz issued a statement:\n\n"
	       "\"We regret the delay.\"",
	       (const char *const[]){"anna-kovacs|quote|Not again,", "pavel-adler|quote|Turnout will be low.",
				     "lena-ortiz|quote|The river is rising fast.",
				     "anna-kovacs|quote|the work goes on.", "lena-ortiz|quote|We regret the delay.",
				     NULL});
}

static void subjects_objects_and_nouns(void **state)
{
	(void)state;
	/* the first person of the clause speaks, not the one spoken to; "in
	 * a tweet" is no verb; a possessor's claim is a cue; a partial quote
	 * ending in a comma goes to the cue right after it */
	expect("Anna Kovacs told Pavel Adler that the plan was \"a mistake.\"\n\n"
	       "In a tweet, Lena Ortiz called the vote \"a farce.\"\n\n"
	       "Voters doubt Pavel Adler's claim that the bridge is \"perfectly safe.\"\n\n"
	       "Voters were told the council is \"out of ideas,\" Lena Ortiz said after the vote.",
	       (const char *const[]){"anna-kovacs|quote|a mistake.", "lena-ortiz|quote|a farce.",
				     "pavel-adler|quote|perfectly safe.", "lena-ortiz|quote|out of ideas,", NULL});
}

static void quotes_with_no_one_to_say_them_are_dropped(void **state)
{
	(void)state;
	/* a title in marks at a sentence start, with no cue and no quote or
	 * cue sentence before it */
	expect("The council met on Monday.\n\n"
	       "\"Harbour Days\" opens on Friday at the old pier.",
	       (const char *const[]){NULL});
}

static double seconds_since(clock_t t0)
{
	return (double)(clock() - t0) / CLOCKS_PER_SEC;
}

static char *repeat(const char *unit, size_t times, const char *head, const char *tail, size_t *len)
{
	size_t u = strlen(unit), h = strlen(head), tl = strlen(tail);
	char *s = malloc(h + u * times + tl + 1);
	assert_non_null(s);
	memcpy(s, head, h);
	for (size_t i = 0; i < times; i++)
		memcpy(s + h + i * u, unit, u);
	memcpy(s + h + u * times, tail, tl + 1);
	*len = h + u * times + tl;
	return s;
}

static void bad_input_stays_linear(void **state)
{
	(void)state;
	run r;
	size_t len;
	/* a quote of over 1 MB */
	char *big = repeat("the harbour will reopen and ", 40000, "Anna Kovacs said: \"", "soon.\"", &len);
	clock_t t0 = clock();
	analyse(&r, big, len);
	assert_int_equal(r.quotes.n, 1);
	assert_string_equal(r.ents.ent[r.quotes.q[0].speaker].id, "anna-kovacs");
	chr_arena_free(&r.arena);
	free(big);
	/* a transcript of 10,000 turns */
	big = repeat("Question: Why?\n\nLena Ortiz: Because.\n\n", 5000, "", "", &len);
	analyse(&r, big, len);
	assert_int_equal(r.quotes.n, 10000);
	assert_int_equal(r.quotes.q[1].kind, CHR_QUOTE_TURN);
	assert_int_equal(r.quotes.q[0].speaker, -1);
	chr_arena_free(&r.arena);
	free(big);
	/* 500 names in one sentence, then a quote */
	big = repeat("Anna Kovacs, Pavel Adler, ", 250, "\"Yes,\" said ", "and Lena Ortiz.", &len);
	analyse(&r, big, len);
	assert_int_equal(r.quotes.n, 1);
	chr_arena_free(&r.arena);
	free(big);
	/* marks only, none closing across paragraphs */
	big = repeat("\"a\n\n", 20000, "", "", &len);
	analyse(&r, big, len);
	chr_arena_free(&r.arena);
	free(big);
	assert_true(seconds_since(t0) < 5.0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cue_after_the_quote_in_every_mark_style),
		cmocka_unit_test(cue_before_the_quote_and_partial_quotes),
		cmocka_unit_test(a_split_quote_is_one_quote_a_new_sentence_another),
		cmocka_unit_test(pronouns_and_quote_paragraphs_continue_the_speaker),
		cmocka_unit_test(roles_refer_back_to_the_titled_person),
		cmocka_unit_test(transcript_turns_and_questions),
		cmocka_unit_test(a_quote_never_spans_two_turns),
		cmocka_unit_test(stray_marks_do_not_swallow_the_document),
		cmocka_unit_test(a_long_quote_goes_on_into_a_paragraph_that_opens_with_a_mark),
		cmocka_unit_test(scare_quotes_with_no_speaker_are_not_quotes),
		cmocka_unit_test(more_cue_shapes),
		cmocka_unit_test(subjects_objects_and_nouns),
		cmocka_unit_test(quotes_with_no_one_to_say_them_are_dropped),
		cmocka_unit_test(bad_input_stays_linear),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
