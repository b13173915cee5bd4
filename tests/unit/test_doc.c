/*
 * test_doc.c - the cleaned document through the public API: JSON shape,
 * ownership, and out-of-memory at every allocation of a whole clean.
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

#include "chronicle.h"
#include "util/fault.h"

static const char article[] =
	"Menu\nSearch\n\n"
	"GENEVA, March 4. /Agency/. Envoys from both capitals met for four hours on Tuesday "
	"and agreed to meet again next month, officials said.\n\n"
	"The talks, the third round this year, covered prisoner exchanges and grain exports.\n\n"
	"All rights reserved. Reproduction without permission is prohibited.\n";

static const char page[] =
	"<!doctype html><html lang=\"en\"><head><title>Envoys meet | Daily</title>"
	"<meta property=\"og:site_name\" content=\"Daily\"></head><body><nav><a href=/>Home</a></nav>"
	"<article><h1>Envoys meet</h1><p>Envoys from both capitals met for four hours on Tuesday, "
	"officials said, and agreed to meet again.</p><p>The talks covered grain exports.</p></article>"
	"<footer>&copy; 2025 Daily. All rights reserved.</footer></body></html>";

static chr_raw_doc raw_of(const char *body, chr_format format)
{
	chr_raw_doc raw = test_raw(body, format);
	raw.id = "sample";
	raw.source = "tests/sample";
	return raw;
}

static void json_has_every_field(void **state)
{
	(void)state;
	chr_raw_doc raw = raw_of(article, CHR_FORMAT_TEXT);
	chr_doc *doc = NULL;
	assert_int_equal(chr_doc_clean(&raw, NULL, &doc), CHR_OK);
	char *json = test_json_of(doc);
	static const char *const keys[] = {
		"\"doc\":\"sample\"", "\"source\":", "\"outlet\":", "\"date\":", "\"date_basis\":",
		"\"title\":", "\"lang\":", "\"text\":", "\"paragraphs\":[{\"text\":", "\"label\":",
		"\"entities\":[]", "\"times\":[]", "\"quotes\":[]", "\"events\":[]", "\"claims\":[]",
	};
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
		assert_non_null(strstr(json, keys[i]));
	assert_int_equal(json[strlen(json) - 1], '\n');
	assert_true(strchr(json, '\n') == json + strlen(json) - 1);  /* one line */
	free(json);
	chr_doc_free(doc);
}

static void raw_mode_keeps_every_line(void **state)
{
	(void)state;
	chr_raw_doc raw = raw_of("first line\nsecond line\n\nthird", CHR_FORMAT_TEXT);
	chr_clean_opts opts = {.raw = 1, .date = "2025-03-04"};
	chr_doc *doc = NULL;
	assert_int_equal(chr_doc_clean(&raw, &opts, &doc), CHR_OK);
	assert_int_equal(chr_doc_paragraph_count(doc), 3);
	assert_string_equal(chr_doc_text(doc, NULL), "first line\n\nsecond line\n\nthird");
	assert_string_equal(chr_doc_date(doc), "2025-03-04");
	assert_int_equal(chr_doc_date_basis(doc), CHR_DATE_INPUT);
	chr_doc_free(doc);
}

/* Every allocation of a clean, in turn, fails: the call must return
 * CHR_ENOMEM (or succeed) and leak nothing (ASan checks the leaks). */
static void clean_survives_out_of_memory(const char *body, chr_format format)
{
	chr_raw_doc raw = raw_of(body, format);
	int finished = 0;
	for (long n = 0; n < 100000 && !finished; n++) {
		chr_doc *doc = NULL;
		chr_fault_fail_after(n);
		chr_status st = chr_doc_clean(&raw, NULL, &doc);
		chr_fault_fail_after(-1);
		if (st == CHR_OK) {
			assert_non_null(doc);
			finished = 1;
		} else {
			assert_int_equal(st, CHR_ENOMEM);
			assert_null(doc);
		}
		chr_doc_free(doc);
	}
	assert_true(finished);
}

static void text_clean_survives_out_of_memory(void **state)
{
	(void)state;
	clean_survives_out_of_memory(article, CHR_FORMAT_TEXT);
}

static void html_clean_survives_out_of_memory(void **state)
{
	(void)state;
	clean_survives_out_of_memory(page, CHR_FORMAT_HTML);
}

static void labels_and_bases_have_names(void **state)
{
	(void)state;
	assert_string_equal(chr_label_name(CHR_LABEL_REPEAT), "repeat");
	assert_string_equal(chr_label_name(CHR_LABEL_TEASER), "teaser");
	assert_string_equal(chr_date_basis_name(CHR_DATE_DATELINE), "dateline");
	assert_string_equal(chr_strerror(CHR_ENOMEM), "out of memory");
	assert_string_equal(chr_version(), CHR_VERSION);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(json_has_every_field),
		cmocka_unit_test(raw_mode_keeps_every_line),
		cmocka_unit_test(text_clean_survives_out_of_memory),
		cmocka_unit_test(html_clean_survives_out_of_memory),
		cmocka_unit_test(labels_and_bases_have_names),
	};
	return cmocka_run_group_tests_name("doc", tests, NULL, NULL);
}
