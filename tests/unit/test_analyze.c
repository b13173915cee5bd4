/*
 * test_analyze.c - chr_doc_analyze end to end: the entities and times it
 * adds to a cleaned document's JSON, parsed back with jansson.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "helpers.h"
#include <jansson.h>

#include "chronicle.h"
#include "ingest/docrec.h"

static const char article[] =
	"Russian President Vladimir Putin received U.S. envoy Steve Witkoff at the Kremlin on Thursday.\n"
	"The talks lasted about five hours, Kremlin aide Yuri Ushakov told reporters. Putin called them useful.\n"
	"Witkoff had first met Putin in mid-August 2025.\n";

static json_t *analyse(const char *body, const char *date)
{
	chr_raw_doc raw = test_raw(body, CHR_FORMAT_TEXT);
	raw.date = date;   /* as a JSON Lines "date" field gives it */
	chr_clean_opts opts = {.raw = 1};
	chr_doc *doc = NULL;
	assert_int_equal(chr_doc_clean(&raw, &opts, &doc), CHR_OK);
	assert_int_equal(chr_doc_analyze(doc), CHR_OK);
	assert_int_equal(chr_doc_analyze(doc), CHR_OK);   /* idempotent */
	char *data = test_json_of(doc);
	chr_doc_free(doc);
	json_error_t err;
	json_t *root = json_loads(data, 0, &err);
	if (!root)
		fail_msg("analyze JSON does not parse: %s", err.text);
	free(data);
	return root;
}

/* The element of root's array `list` whose string `field` is value. */
static json_t *find_in(json_t *root, const char *list, const char *field, const char *value)
{
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(root, list), i, x)
		if (strcmp(json_string_value(json_object_get(x, field)), value) == 0)
			return x;
	return NULL;
}

static json_t *entity(json_t *root, const char *id) { return find_in(root, "entities", "id", id); }
static json_t *time_named(json_t *root, const char *text) { return find_in(root, "times", "text", text); }

/* The text a [start, end) span of the document's text covers. */
static int span_is(json_t *root, json_int_t s, json_int_t e, const char *want)
{
	const char *text = json_string_value(json_object_get(root, "text"));
	return s >= 0 && e >= s && (size_t)e <= strlen(text) && strlen(want) == (size_t)(e - s) &&
	       memcmp(text + s, want, (size_t)(e - s)) == 0;
}

static void entities_carry_ids_mentions_roles_and_places(void **state)
{
	(void)state;
	json_t *root = analyse(article, "2025-12-12");
	json_t *putin = entity(root, "vladimir-putin");
	assert_non_null(putin);
	assert_string_equal(json_string_value(json_object_get(putin, "type")), "PERSON");
	assert_string_equal(json_string_value(json_object_get(putin, "name")), "Vladimir Putin");
	json_t *men = json_object_get(putin, "mentions");
	assert_int_equal(json_array_size(men), 3);
	size_t i;
	json_t *m;
	json_array_foreach(men, i, m) {
		json_int_t s = json_integer_value(json_array_get(m, 0)), e = json_integer_value(json_array_get(m, 1));
		assert_true(span_is(root, s, e, i == 0 ? "Vladimir Putin" : "Putin"));
	}
	assert_string_equal(json_string_value(json_array_get(json_object_get(putin, "roles"), 0)),
			    "Russian President");
	json_t *ushakov = entity(root, "yury-ushakov");   /* the listed spelling gives the id */
	assert_non_null(ushakov);
	json_t *kremlin = entity(root, "kremlin");
	assert_non_null(kremlin);
	assert_string_equal(json_string_value(json_object_get(kremlin, "type")), "ORG");
	assert_string_equal(json_string_value(json_object_get(kremlin, "place")), "moscow");
	assert_non_null(entity(root, "steve-witkoff"));
	json_decref(root);
}

static void times_resolve_against_the_document_date(void **state)
{
	(void)state;
	json_t *root = analyse(article, "2025-12-12");
	json_t *t = time_named(root, "Thursday");
	assert_non_null(t);
	assert_string_equal(json_string_value(json_object_get(t, "value")), "2025-12-11");
	assert_string_equal(json_string_value(json_object_get(t, "type")), "DATE");
	assert_true(json_is_null(json_object_get(t, "mod")));
	assert_true(span_is(root, json_integer_value(json_object_get(t, "start")),
			    json_integer_value(json_object_get(t, "end")), "Thursday"));
	t = time_named(root, "five hours");   /* "about" stays outside, in mod */
	assert_non_null(t);
	assert_string_equal(json_string_value(json_object_get(t, "value")), "PT5H");
	assert_string_equal(json_string_value(json_object_get(t, "type")), "DURATION");
	assert_string_equal(json_string_value(json_object_get(t, "mod")), "APPROX");
	t = time_named(root, "mid-August 2025");
	assert_non_null(t);
	assert_string_equal(json_string_value(json_object_get(t, "value")), "2025-08");
	assert_string_equal(json_string_value(json_object_get(t, "mod")), "MID");
	json_decref(root);
}

static void no_date_means_no_resolved_day(void **state)
{
	(void)state;
	json_t *root = analyse("The envoys met on December 3 and again on Friday.\n", NULL);
	assert_true(json_is_null(json_object_get(root, "date")));
	json_t *t = time_named(root, "December 3");
	assert_non_null(t);
	assert_string_equal(json_string_value(json_object_get(t, "value")), "XXXX-12-03");
	t = time_named(root, "Friday");
	assert_non_null(t);
	assert_non_null(strstr(json_string_value(json_object_get(t, "value")), "X"));
	json_decref(root);
}

/* Same test as same_tree in test_jdom.c: the tree ingest builds for a
 * document is the one its analyze line parses to. */
static int same_tree(const chr_jv *a, const chr_jv *b)
{
	if (a->type != b->type || a->n != b->n)
		return 0;
	if (a->type == CHR_JV_STRING)
		return memcmp(a->u.str, b->u.str, a->n) == 0;
	if (a->type == CHR_JV_NUMBER)
		return a->is_int == b->is_int && a->u.num == b->u.num && a->i == b->i;
	if (a->type != CHR_JV_ARRAY && a->type != CHR_JV_OBJECT)
		return 1;
	for (uint32_t i = 0; i < (a->type == CHR_JV_OBJECT ? 2 * a->n : a->n); i++)
		if (!same_tree(&a->u.items[i], &b->u.items[i]))
			return 0;
	return 1;
}

static void ingest_tree_is_the_analyze_line(void **state)
{
	(void)state;
	static const char *const bodies[] = {
		article,
		"\"We will not sign a 27-point plan,\" the minister said on Monday in Geneva.\n"
		"Talks between the two sides resumed on 4 March 2024 and lasted 3.5 hours.\n",
		"   \n",
	};
	for (size_t i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
		chr_raw_doc raw = test_raw(bodies[i], CHR_FORMAT_TEXT);
		raw.date = "2024-03-05";
		chr_clean_opts opts = {.raw = 1};
		chr_doc *doc = NULL;
		assert_int_equal(chr_doc_clean(&raw, &opts, &doc), CHR_OK);
		assert_int_equal(chr_doc_analyze(doc), CHR_OK);
		chr_docrec from_line = {0}, from_doc = {0};
		char *line = test_json_of(doc);
		assert_int_equal(chr_docrec_parse(&from_line, line, strlen(line)), CHR_OK);
		assert_int_equal(chr_docrec_from_doc(&from_doc, doc), CHR_OK);
		assert_int_equal(from_doc.state, from_line.state);
		assert_true(same_tree(from_line.root, from_doc.root));
		assert_memory_equal(from_doc.identity, from_line.identity, 16);
		free(line);
		chr_docrec_clear(&from_line);
		chr_docrec_clear(&from_doc);
		chr_doc_free(doc);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(entities_carry_ids_mentions_roles_and_places),
		cmocka_unit_test(times_resolve_against_the_document_date),
		cmocka_unit_test(no_date_means_no_resolved_day),
		cmocka_unit_test(ingest_tree_is_the_analyze_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
