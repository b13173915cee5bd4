/*
 * test_tagger.c - unit tests for the entity tagger (src/analyze/tagger*.c):
 * the compiled-in model, decoding, BILOU legality, the model text format.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "analyze/entity.h"
#include "analyze/tagger_int.h"
#include "analyze/token.h"
#include "util/arena.h"

typedef struct tagged {
	chr_arena arena;
	chr_tokens toks;
	uint8_t *tags;
} tagged;

static void tag_text(tagged *t, const char *text, const chr_tagger *model, const chr_gaz_bits *gaz)
{
	chr_arena_init(&t->arena);
	assert_int_equal(chr_tokenize(&t->arena, text, strlen(text), &t->toks), CHR_OK);
	t->tags = chr_arena_alloc(&t->arena, t->toks.n + 1);
	assert_non_null(t->tags);
	assert_int_equal(chr_tagger_tag(model, &t->toks, gaz, t->tags), CHR_OK);
}

/* The type of the name spanning exactly the given words, or -1. */
static int span_type(const tagged *t, const char *words)
{
	size_t len = strlen(words);
	for (size_t i = 0; i < t->toks.n; i++) {
		const chr_token *a = &t->toks.tok[i];
		if (len > t->toks.len - a->start || memcmp(t->toks.text + a->start, words, len) != 0)
			continue;
		int pos = CHR_TAG_POS(t->tags[i]);
		if (pos == CHR_BIO_U)
			return a->end - a->start == len ? CHR_TAG_TYPE(t->tags[i]) : -1;
		if (pos != CHR_BIO_B)
			return -1;
		size_t j = i + 1;
		while (j < t->toks.n && CHR_TAG_POS(t->tags[j]) == CHR_BIO_I)
			j++;
		if (j >= t->toks.n || CHR_TAG_POS(t->tags[j]) != CHR_BIO_L)
			return -1;
		return t->toks.tok[j].end - a->start == len ? CHR_TAG_TYPE(t->tags[i]) : -1;
	}
	return -1;
}

/* Every B is followed by I* L of its type within its sentence; no I or L
 * appears without an open name. */
static void assert_legal(const tagged *t)
{
	int open = -1;
	for (size_t i = 0; i < t->toks.n; i++) {
		int pos = CHR_TAG_POS(t->tags[i]), ty = CHR_TAG_TYPE(t->tags[i]);
		assert_true(pos <= CHR_BIO_U);
		if (pos == CHR_BIO_O)
			assert_int_equal(ty, 0);
		if (i > 0 && t->toks.tok[i].sentence != t->toks.tok[i - 1].sentence)
			assert_int_equal(open, -1);
		if (open >= 0) {
			assert_true(pos == CHR_BIO_I || pos == CHR_BIO_L);
			assert_int_equal(ty, open);
			if (pos == CHR_BIO_L)
				open = -1;
		} else {
			assert_true(pos == CHR_BIO_O || pos == CHR_BIO_B || pos == CHR_BIO_U);
			if (pos == CHR_BIO_B)
				open = ty;
		}
	}
	assert_int_equal(open, -1);
}

static void default_model_loads(void **state)
{
	(void)state;
	const chr_tagger *m = chr_tagger_default();
	assert_non_null(m);
	assert_ptr_equal(chr_tagger_default(), m);
	/* The committed model (make model) holds thousands of features. */
	assert_true(chr_tagger_size(m) > 1000);
}

static void tags_a_news_sentence(void **state)
{
	(void)state;
	tagged t;
	tag_text(&t, "Foreign Minister Sergey Lavrov met Steve Witkoff in Moscow.", chr_tagger_default(), NULL);
	assert_legal(&t);
	assert_int_equal(span_type(&t, "Sergey Lavrov"), CHR_ENT_PERSON);
	assert_int_equal(span_type(&t, "Steve Witkoff"), CHR_ENT_PERSON);
	assert_int_equal(span_type(&t, "Moscow"), CHR_ENT_PLACE);
	/* Titles and lowercase words are no part of a name. */
	assert_int_equal(CHR_TAG_POS(t.tags[1]), CHR_BIO_O);
	assert_int_equal(CHR_TAG_POS(t.tags[4]), CHR_BIO_O);
	chr_arena_free(&t.arena);
}

static void sequences_are_legal(void **state)
{
	(void)state;
	static const char *const texts[] = {
		"The United Nations Security Council met in New York on Monday. Secretary-General "
		"Antonio Guterres said the Council of Europe and the European Union agreed.",
		"BREAKING: IRAN AND THE U.S. HOLD TALKS IN OMAN\n\nOfficials from Tehran and Washington met.",
		"\"We will see,\" said Dr. Jane O'Brien-Smith of St. Mary's Hospital in Washington, D.C.",
		"Ünal met Erdoğan and Зеленский in Kyiv; the Kremlin (Moscow) did not comment...",
		"A B C D E F G H I J K L M N O P Q R S T U V W X Y Z.",
		"New",
		"of the and to",
	};
	for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++) {
		tagged t;
		tag_text(&t, texts[k], chr_tagger_default(), NULL);
		assert_legal(&t);
		chr_arena_free(&t.arena);
	}
}

static void empty_input_is_fine(void **state)
{
	(void)state;
	chr_tokens none = {0};
	none.text = "";
	assert_int_equal(chr_tagger_tag(chr_tagger_default(), &none, NULL, NULL), CHR_OK);
	tagged t;
	tag_text(&t, "   \n\n  ", chr_tagger_default(), NULL);
	assert_int_equal(t.toks.n, 0);
	chr_arena_free(&t.arena);
	assert_int_equal(chr_tagger_tag(NULL, &none, NULL, NULL), CHR_EINVAL);
}

static void gazetteer_bits_are_accepted(void **state)
{
	(void)state;
	const char *text = "Sergey Lavrov met Steve Witkoff in Moscow.";
	chr_gaz_bits gaz[16] = {CHR_GAZ_FIRST_NAME | CHR_GAZ_BEGIN, CHR_GAZ_END, 0, CHR_GAZ_FIRST_NAME, 0, 0,
				CHR_GAZ_PLACE | CHR_GAZ_BEGIN | CHR_GAZ_END, 0};
	tagged t;
	tag_text(&t, text, chr_tagger_default(), gaz);
	assert_legal(&t);
	chr_arena_free(&t.arena);
}

/* A model is plain text: a header, then key and class:weight pairs. */
static void model_text_is_checked(void **state)
{
	(void)state;
	char text[512];
	/* The bias feature (always the first static feature) voting for U-ORG
	 * makes every capitalised token a one-word organisation; lowercase
	 * tokens outside a name are never scored. */
	chr_arena a;
	chr_tokens toks;
	chr_ner_doc d;
	uint64_t keys[CHR_NER_MAX_STATIC];
	chr_arena_init(&a);
	assert_int_equal(chr_tokenize(&a, "Paris is big.", 13, &toks), CHR_OK);
	assert_int_equal(chr_ner_doc_init(&d, &toks, NULL), CHR_OK);
	assert_true(chr_ner_static(&d, 0, keys) > 5);
	chr_ner_doc_free(&d);
	int uorg = chr_ner_class(CHR_BIO_U, CHR_ENT_ORG);
	snprintf(text, sizeof text, "chronicle-ner version=1 featset=%d classes=%d features=1\n%016llx %d:100 0:-5\n",
		 CHR_NER_FEATSET, CHR_NER_NCLASS, (unsigned long long)keys[0], uorg);
	chr_tagger *m = chr_tagger_load(text, strlen(text));
	assert_non_null(m);
	assert_int_equal(chr_tagger_size(m), 1);
	uint8_t tags[8];
	assert_int_equal(chr_tagger_tag(m, &toks, NULL, tags), CHR_OK);
	assert_int_equal(toks.n, 4);
	assert_int_equal(tags[0], CHR_TAG(CHR_BIO_U, CHR_ENT_ORG));
	for (size_t i = 1; i < toks.n; i++)
		assert_int_equal(tags[i], CHR_TAG(CHR_BIO_O, 0));
	chr_tagger_free(m);

	static const char *const bad[] = {
		"",
		"not a model\n",
		"chronicle-ner version=1 featset=0 classes=17 features=0\n",  /* another feature set */
		"chronicle-ner version=1 featset=%d classes=9 features=0\n",
		"chronicle-ner version=1 featset=%d classes=17 features=1\nxyz 1:2\n",
		"chronicle-ner version=1 featset=%d classes=17 features=1\n00000000000000ab 17:2\n",
		"chronicle-ner version=1 featset=%d classes=17 features=1\n00000000000000ab 1:99999\n",
		"chronicle-ner version=1 featset=%d classes=17 features=1\n00000000000000ab 1:2 junk\n",
		"chronicle-ner version=1 featset=%d classes=17 features=1\n00000000000000ab 1:2\n00000000000000ac 1:2\n",
		"chronicle-ner version=1 featset=%d classes=17 features=1\n0000000000000000 1:2\n",
	};
	for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
		snprintf(text, sizeof text, bad[k], CHR_NER_FEATSET);
		assert_null(chr_tagger_load(text, strlen(text)));
	}
	chr_tagger_free(NULL);
	chr_arena_free(&a);
}

static void *default_in_thread(void *arg)
{
	(void)arg;
	return (void *)chr_tagger_default();
}

static void default_is_thread_safe(void **state)
{
	(void)state;
	pthread_t th[4];
	void *got[4];
	for (int i = 0; i < 4; i++)
		assert_int_equal(pthread_create(&th[i], NULL, default_in_thread, NULL), 0);
	for (int i = 0; i < 4; i++)
		assert_int_equal(pthread_join(th[i], &got[i]), 0);
	for (int i = 0; i < 4; i++)
		assert_ptr_equal(got[i], chr_tagger_default());
}

static void many_capitalised_words_stay_bounded(void **state)
{
	(void)state;
	size_t n = 20000;
	char *text = malloc(n * 7 + 1);
	assert_non_null(text);
	for (size_t i = 0; i < n; i++)
		memcpy(text + 7 * i, "Alpha, ", 7);
	text[7 * n] = '\0';
	tagged t;
	tag_text(&t, text, chr_tagger_default(), NULL);
	assert_true(t.toks.n >= n);
	assert_legal(&t);
	chr_arena_free(&t.arena);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(default_model_loads),
		cmocka_unit_test(tags_a_news_sentence),
		cmocka_unit_test(sequences_are_legal),
		cmocka_unit_test(empty_input_is_fine),
		cmocka_unit_test(gazetteer_bits_are_accepted),
		cmocka_unit_test(model_text_is_checked),
		cmocka_unit_test(default_is_thread_safe),
		cmocka_unit_test(many_capitalised_words_stay_bounded),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
