/*
 * test_token.c - tokens, sentences and folding (src/analyze/token.c, fold.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "analyze/token.h"

/* Tokenises s and renders the tokens as "a|b|c" with "/" between sentences. */
static char *render(const char *s, chr_tokens *t, chr_arena *a)
{
	static char out[4096];
	size_t n = 0;
	chr_arena_init(a);
	assert_int_equal(chr_tokenize(a, s, strlen(s), t), CHR_OK);
	out[0] = '\0';
	for (size_t i = 0; i < t->n; i++) {
		const chr_token *k = &t->tok[i];
		if (i)
			n += (size_t)snprintf(out + n, sizeof out - n, "%s",
					      t->tok[i].sentence != t->tok[i - 1].sentence ? " / " : "|");
		n += (size_t)snprintf(out + n, sizeof out - n, "%.*s", (int)(k->end - k->start), s + k->start);
	}
	return out;
}

static void check(const char *in, const char *want)
{
	chr_arena a;
	chr_tokens t;
	char *got = render(in, &t, &a);
	if (strcmp(got, want) != 0)
		fail_msg("tokens of \"%s\":\n got  %s\n want %s", in, got, want);
	chr_arena_free(&a);
}

static void abbreviations_keep_their_period(void **state)
{
	(void)state;
	check("Mr. Lavrov met U.S. officials on Dec. 3.", "Mr.|Lavrov|met|U.S.|officials|on|Dec.|3|.");
	check("Gen. J. K. Smith arrived at 10:30 a.m. sharp.",
	      "Gen.|J.|K.|Smith|arrived|at|10:30|a.m.|sharp|.");
	check("Talks in the U.K. The next day it rained.",
	      "Talks|in|the|U.K. / The|next|day|it|rained|.");
	check("Officials from Acme Inc. said nothing.", "Officials|from|Acme|Inc.|said|nothing|.");
}

static void possessives_split_and_hyphens_join(void **state)
{
	(void)state;
	check("Trump's son-in-law joined three-day talks.",
	      "Trump|'s|son-in-law|joined|three-day|talks|.");
	check("The Kremlin’s view, the countries' leaders, O'Brien's dog.",
	      "The|Kremlin|’s|view|,|the|countries|'|leaders|,|O'Brien|'s|dog|.");
	check("a 27-point plan, mid-August", "a|27-point|plan|,|mid-August");
}

static void numbers_stay_whole(void **state)
{
	(void)state;
	check("It cost $1,000.50 on 2025-12-03, up 3.5% since the 1990s.",
	      "It|cost|$|1,000.50|on|2025-12-03|,|up|3.5|%|since|the|1990s|.");
}

static void quotes_and_punctuation(void **state)
{
	(void)state;
	chr_arena a;
	chr_tokens t;
	render("“We are close,” he said. «Non» — \"Yes\" (maybe)...", &t, &a);
	assert_int_equal(t.tok[0].kind, CHR_TOK_QUOTE);
	assert_true(t.tok[0].flags & CHR_TF_OPEN);
	assert_true(t.tok[5].flags & CHR_TF_CLOSE);
	assert_int_equal(t.nsent, 2);
	size_t quotes = 0;
	for (size_t i = 0; i < t.n; i++)
		quotes += t.tok[i].kind == CHR_TOK_QUOTE;
	assert_int_equal(quotes, 6);
	chr_arena_free(&a);
	check("He asked: \"Why?\" She said no... Then left.",
	      "He|asked|:|\"|Why|?|\" / She|said|no|... / Then|left|.");
	check("“Why?” he asked. “Now!”", "“|Why|?|”|he|asked|. / “|Now|!|”");
}

static void sentences_never_cross_paragraphs(void **state)
{
	(void)state;
	chr_arena a;
	chr_tokens t;
	render("First line without a stop\n\nSecond one. Third one.", &t, &a);
	assert_int_equal(t.nsent, 3);
	assert_int_equal(t.sent[0].paragraph, 0);
	assert_int_equal(t.sent[1].paragraph, 1);
	assert_int_equal(t.sent[2].paragraph, 1);
	assert_true(t.tok[5].flags & CHR_TF_PARA_START);
	assert_true(t.tok[5].flags & CHR_TF_SENT_START);
	chr_arena_free(&a);
}

static void non_latin_and_diacritics(void **state)
{
	(void)state;
	check("Erdoğan met Ünal in Кремль.", "Erdoğan|met|Ünal|in|Кремль|.");
	char buf[64];
	chr_fold("Erdoğan ÜNAL Кремль Łódź Straße", strlen("Erdoğan ÜNAL Кремль Łódź Straße"), buf, sizeof buf);
	assert_string_equal(buf, "erdogan unal кремль lodz strasse");
	assert_true(chr_fold_hash("Erdoğan", strlen("Erdoğan")) == chr_fold_hash("erdogan", 7));
	assert_true(chr_fold_hash("Kremlin’s", strlen("Kremlin’s")) == chr_fold_hash("kremlin's", 9));
	assert_true(chr_fold_hash("Putin", 5) != chr_fold_hash("Putn", 4));
}

static void flags_describe_shape(void **state)
{
	(void)state;
	chr_arena a;
	chr_tokens t;
	render("NATO and Putin met", &t, &a);
	assert_true(t.tok[0].flags & CHR_TF_ALL_UPPER);
	assert_true(t.tok[0].flags & CHR_TF_UPPER);
	assert_false(t.tok[1].flags & CHR_TF_UPPER);
	assert_true(t.tok[2].flags & CHR_TF_UPPER);
	assert_false(t.tok[2].flags & CHR_TF_ALL_UPPER);
	assert_true(t.tok[1].flags & CHR_TF_SPACE_BEFORE);
	chr_arena_free(&a);
}

static void odd_input_is_bounded(void **state)
{
	(void)state;
	chr_arena a;
	chr_tokens t;
	/* empty, invalid UTF-8, a long run without spaces, lone marks */
	const char *odd[] = { "", "\xff\xfe\x80 x", "\xcc\x81\xcc\x81 ok", "''''\"\"\"", "....", "-a-", "a'", "'s" };
	for (size_t i = 0; i < sizeof odd / sizeof *odd; i++) {
		chr_arena_init(&a);
		assert_int_equal(chr_tokenize(&a, odd[i], strlen(odd[i]), &t), CHR_OK);
		for (size_t k = 0; k < t.n; k++) {
			assert_true(t.tok[k].start < t.tok[k].end);
			assert_true(t.tok[k].end <= strlen(odd[i]));
			assert_true(k == 0 || t.tok[k].start >= t.tok[k - 1].end);
		}
		chr_arena_free(&a);
	}
	size_t big = 1u << 20;
	char *s = malloc(big + 1);
	assert_non_null(s);
	for (size_t i = 0; i < big; i++)
		s[i] = (char)(i % 7 == 6 ? ' ' : 'A' + (int)(i % 26));
	s[big] = '\0';
	chr_arena_init(&a);
	assert_int_equal(chr_tokenize(&a, s, big, &t), CHR_OK);
	assert_int_equal(t.n, big / 7 + (big % 7 != 0));
	assert_int_equal(t.nsent, 1);
	chr_arena_free(&a);
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(abbreviations_keep_their_period),
		cmocka_unit_test(possessives_split_and_hyphens_join),
		cmocka_unit_test(numbers_stay_whole),
		cmocka_unit_test(quotes_and_punctuation),
		cmocka_unit_test(sentences_never_cross_paragraphs),
		cmocka_unit_test(non_latin_and_diacritics),
		cmocka_unit_test(flags_describe_shape),
		cmocka_unit_test(odd_input_is_bounded),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
