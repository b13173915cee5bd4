/*
 * test_lexicon.c - unit tests for src/clean/lexicon.h/.c: the tokenizer
 * (its eight-byte fast path against a plain byte-by-byte reference), case
 * folding, and the word lists.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "clean/lexicon.h"

/* Reference boundaries for ASCII text: runs of letters and digits, split
 * where a capital follows a lowercase letter. */
static int ref_next(const char *s, size_t len, size_t *pos, size_t *start, size_t *tlen)
{
	size_t i = *pos;
	while (i < len && !((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9')))
		i++;
	if (i >= len)
		return 0;
	size_t j = i + 1;
	while (j < len && ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z') || (s[j] >= '0' && s[j] <= '9'))) {
		if (s[j] >= 'A' && s[j] <= 'Z' && s[j - 1] >= 'a' && s[j - 1] <= 'z')
			break;
		j++;
	}
	*start = i;
	*tlen = j - i;
	*pos = j;
	return 1;
}

static uint64_t hash_alone(const char *w, size_t n, int pad)
{
	/* The token alone, either at the very end (byte path) or followed by
	 * blanks (eight-byte path). */
	char buf[128];
	memcpy(buf, w, n);
	size_t len = n;
	if (pad) {
		memset(buf + n, ' ', 16);
		len += 16;
	}
	size_t pos = 0;
	chr_tok t = {0};
	assert_true(chr_tok_next(buf, len, &pos, &t));
	assert_int_equal(t.len, n);
	return t.hash;
}

static void tokenizer_matches_reference(void **state)
{
	(void)state;
	static const char alphabet[] = "aeiouxyzAEKQZ0159 ,.-'\t";
	uint64_t rng = 12345;
	for (int round = 0; round < 3000; round++) {
		char s[96];
		size_t len = (size_t)(round % 90) + 1;
		for (size_t i = 0; i < len; i++) {
			rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
			s[i] = alphabet[(rng >> 33) % (sizeof alphabet - 1)];
		}
		size_t pos = 0, rpos = 0, rs, rl;
		chr_tok t;
		while (ref_next(s, len, &rpos, &rs, &rl)) {
			assert_true(chr_tok_next(s, len, &pos, &t));
			assert_int_equal(t.start, rs);
			assert_int_equal(t.len, rl);
			assert_int_equal(t.hash, hash_alone(s + rs, rl, 0));
			assert_int_equal(t.hash, hash_alone(s + rs, rl, 1));
			int cap = s[rs] >= 'A' && s[rs] <= 'Z';
			assert_int_equal((t.flags & CHR_TOK_CAP) != 0, cap);
		}
		assert_false(chr_tok_next(s, len, &pos, &t));
	}
}

static uint64_t first_hash(const char *s)
{
	size_t pos = 0;
	chr_tok t = {0};
	assert_true(chr_tok_next(s, strlen(s), &pos, &t));
	return t.hash;
}

static void folding(void **state)
{
	(void)state;
	assert_int_equal(first_hash("Rights "), first_hash("RIGHTS"));
	assert_int_equal(first_hash("international organisation"), first_hash("INTERNATIONAL"));
	assert_int_equal(first_hash("\xC3\x89T\xC3\x89"), first_hash("\xC3\xA9t\xC3\xA9"));       /* ÉTÉ = été */
	assert_int_equal(first_hash("\xD0\x92\xD0\xA1\xD0\x95"), first_hash("\xD0\xB2\xD1\x81\xD0\xB5")); /* ВСЕ = все */
	assert_int_equal(first_hash("\xC4\xB0lke"), first_hash("\xC4\xB1lke"));                  /* İlke ~ ılke */
	assert_int_not_equal(first_hash("rights"), first_hash("right"));
	/* Curly apostrophes and dashes separate words. */
	size_t pos = 0;
	chr_tok t = {0};
	const char *s = "Putin\xE2\x80\x99s talks\xE2\x80\x94today";
	int n = 0;
	while (chr_tok_next(s, strlen(s), &pos, &t))
		n++;
	assert_int_equal(n, 4);
	/* Glued widgets split at the case change. */
	s = "CommentsNo comment";
	pos = 0;
	assert_true(chr_tok_next(s, strlen(s), &pos, &t));
	assert_int_equal(t.len, 8);
	/* Invalid bytes are hashed, never read past the end. */
	s = "ab\xC3";
	pos = 0;
	assert_true(chr_tok_next(s, 3, &pos, &t));
	assert_int_equal(t.len, 3);
}

static void word_lists(void **state)
{
	(void)state;
	const chr_lexicon *lex = chr_lex_get();
	assert_non_null(lex);
	assert_true(chr_lex_nlangs(lex) >= 5);
	assert_int_not_equal(chr_lex_stop(lex, first_hash("the")), 0);
	assert_int_not_equal(chr_lex_stop(lex, first_hash("und")), 0);
	assert_int_equal(chr_lex_stop(lex, first_hash("harbour")), 0);
	/* The compact table agrees with the set. */
	const char *words[] = {"the", "und", "les", "\xD0\xB8", "harbour", "ferry", "of", "y"};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		uint64_t h = first_hash(words[i]);
		assert_int_equal(chr_stoptab_mask(chr_lex_stoptab(lex), h), chr_lex_stop(lex, h));
	}
	int needs_cap = 0;
	assert_int_equal(chr_lex_month(lex, first_hash("December"), &needs_cap), 12);
	assert_int_equal(chr_lex_month(lex, first_hash("May"), &needs_cap), 5);
	assert_true(needs_cap);
	assert_int_equal(chr_lex_month(lex, first_hash("\xD0\xB4\xD0\xB5\xD0\xBA\xD0\xB0\xD0\xB1\xD1\x80\xD1\x8F"), NULL), 12);
	assert_string_equal(chr_lex_agency(lex, chr_lex_key("Associated Press", 16)), "AP");
	assert_string_equal(chr_lex_agency(lex, chr_lex_key("\xD0\xA2\xD0\x90\xD0\xA1\xD0\xA1", 8)), "TASS");
	assert_null(chr_lex_agency(lex, chr_lex_key("Harbour Herald", 14)));
	const chr_phrase *p = chr_lex_phrase_ending(lex, first_hash("reserved"));
	assert_non_null(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(tokenizer_matches_reference),
		cmocka_unit_test(folding),
		cmocka_unit_test(word_lists),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
