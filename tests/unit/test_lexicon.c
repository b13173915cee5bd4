/*
 * test_lexicon.c - unit tests for src/clean/lexicon.h/.c: the tokenizer
 * (its eight-byte fast path against a plain byte-by-byte reference, the
 * bulk tokenizer and the SSE2 one-token path against the byte-by-byte
 * one on random text), case
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

/* ---- the bulk tokenizer against chr_tok_next_lean --------------------------- */

static uint64_t diff_rng = 0x243F6A8885A308D3ULL;

static uint32_t diff_rand(uint32_t n)
{
	diff_rng ^= diff_rng << 13;
	diff_rng ^= diff_rng >> 7;
	diff_rng ^= diff_rng << 17;
	return (uint32_t)((diff_rng >> 11) % n);
}

/* Appends a random piece of text at p (room for 80 bytes); returns its length. */
static size_t diff_piece(char *p)
{
	static const unsigned lens[] = {1, 2, 3, 7, 8, 9, 15, 16, 17, 23, 24, 25, 31, 32, 33, 63, 64, 65, 70};
	static const char *const odd[] = {
		"\xC3\xA9", "\xC3\x89", "\xC3\x97", "\xC4\xB0", "\xC5\x81", "\xD0\x92", "\xD1\x8F",
		"\xE4\xB8\xAD", "\xE6\x96\x87", "\xE2\x80\x99", "\xE2\x80\x94", "\xE2\x80\x9C", "\xC2\xA0",
		"\xC2\xA9", "\xC2\xBB", "\xC2" "a", "\xE2" "ab", "\x80", "\xBF", "\xC0", "\xC1", "\xF5", "\xFF",
		"\xC3", "\xE2", "\xF0\x9F\x98\x80", "\xCE\xB1", "\xEF\xBF\xBD",
	};
	size_t n = 0;
	switch (diff_rand(10)) {
	case 0: case 1: case 2: {   /* a lowercase word, a capitalised one, capitals */
		unsigned l = diff_rand(4) ? 1 + diff_rand(12) : lens[diff_rand(sizeof lens / sizeof *lens)];
		unsigned style = diff_rand(4);
		for (unsigned i = 0; i < l; i++) {
			char c = (char)('a' + diff_rand(26));
			if (style == 3 || (style == 2 && i == 0) || (style == 1 && diff_rand(5) == 0))
				c = (char)(c - 32);
			p[n++] = c;
		}
		break;
	}
	case 3: {   /* digits, or letters and digits */
		unsigned l = 1 + diff_rand(18);
		for (unsigned i = 0; i < l; i++)
			p[n++] = diff_rand(2) ? (char)('0' + diff_rand(10)) : (char)('A' + diff_rand(58));
		break;
	}
	case 4: case 5: case 6: {   /* separators */
		static const char seps[] = " ,.;:!?-'\"()[]{}/\\@#$%^&*_+=<>|~`\t\n\x01\x7F";
		unsigned l = diff_rand(3) ? 1 : 1 + diff_rand(5);
		for (unsigned i = 0; i < l; i++)
			p[n++] = seps[diff_rand(sizeof seps - 1)];
		break;
	}
	case 7: case 8: {   /* bytes above ASCII, valid or not */
		const char *o = odd[diff_rand(sizeof odd / sizeof *odd)];
		n = strlen(o);
		memcpy(p, o, n);
		break;
	}
	default:   /* the byte values around the class edges */
		p[n++] = "09:/@AZ[`az{\x7F"[diff_rand(14)];
		break;
	}
	return n;
}

/* Counts the tokens compared. */
static size_t diff_one(const char *text, size_t len, size_t max)
{
	const uint32_t reliable = CHR_TOK_CAP | CHR_TOK_ALPHA | CHR_TOK_DIGIT | CHR_TOK_LATIN | CHR_TOK_CYR;
	chr_tok ref = {0}, got[64];
	size_t rpos = 0, bpos = 0, count = 0, nb;
	while ((nb = chr_tok_batch_lean(text, len, &bpos, got, max)) > 0) {
		for (size_t i = 0; i < nb; i++) {
			assert_true(chr_tok_next_lean(text, len, &rpos, &ref));
			assert_int_equal(got[i].start, ref.start);
			assert_int_equal(got[i].len, ref.len);
			assert_int_equal(got[i].hash, ref.hash);
			assert_int_equal(got[i].flags & reliable, ref.flags & reliable);
			count++;
		}
		/* A full batch stops right after its last token; fewer than
		 * asked only at the end. */
		if (nb == max)
			assert_int_equal(bpos, rpos);
		else
			assert_false(chr_tok_next_lean(text, len, &rpos, &ref));
	}
	assert_false(chr_tok_next_lean(text, len, &rpos, &ref));
	assert_int_equal(bpos, len);
	return count;
}

static void batch_matches_lean(void **state)
{
	(void)state;
	char build[4096];
	size_t total = 0;
	static const size_t maxes[] = {64, 64, 64, 1, 3, 17};
	for (int round = 0; round < 40000; round++) {
		size_t want = round % 7 == 0 ? diff_rand(24) : diff_rand(400), len = 0;
		while (len < want && len + 80 < sizeof build)
			len += diff_piece(build + len);
		/* An exact-size copy, so reading past the end is caught by ASan. */
		char *text = malloc(len ? len : 1);
		assert_non_null(text);
		memcpy(text, build, len);
		total += diff_one(text, len, maxes[round % (sizeof maxes / sizeof *maxes)]);
		/* Every suffix of a short text: tokens cut by the end. */
		if (round % 50 == 0)
			for (size_t cut = 0; cut < len && cut < 90; cut++)
				total += diff_one(text, len - cut, 64);
		free(text);
	}
	assert_true(total > 1000000);
}

/* chr_tok_next (its SSE2 path where there is one) against the byte-by-
 * byte chr_tok_next_ex, all flags. */
static void next_matches_bytewise(void **state)
{
	(void)state;
	char build[4096];
	size_t total = 0;
	for (int round = 0; round < 30000; round++) {
		size_t want = diff_rand(400), len = 0;
		while (len < want && len + 80 < sizeof build)
			len += diff_piece(build + len);
		char *text = malloc(len ? len : 1);
		assert_non_null(text);
		memcpy(text, build, len);
		size_t pos = 0, rpos = 0;
		chr_tok t = {0}, ref = {0};
		for (;;) {
			int got = chr_tok_next(text, len, &pos, &t);
			int want_tok = chr_tok_next_ex(text, len, &rpos, &ref, 0);
			assert_int_equal(got, want_tok);
			if (!got)
				break;
			assert_int_equal(t.start, ref.start);
			assert_int_equal(t.len, ref.len);
			assert_int_equal(t.hash, ref.hash);
			assert_int_equal(t.flags, ref.flags);
			assert_int_equal(pos, rpos);
			total++;
		}
		free(text);
	}
	assert_true(total > 500000);
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
		cmocka_unit_test(batch_matches_lean),
		cmocka_unit_test(next_matches_bytewise),
		cmocka_unit_test(folding),
		cmocka_unit_test(word_lists),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
