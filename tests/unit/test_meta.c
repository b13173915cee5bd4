/*
 * test_meta.c - unit tests for src/clean/meta.c and dateline.c: title,
 * dateline, outlet, language and date with its basis, on short texts
 * written for these tests.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "helpers.h"

#include "clean/clean.h"
#include "clean/dateline.h"
#include "clean/lexicon.h"
#include "doc.h"

static chr_doc *clean_with(const char *body, const char *date, chr_date_basis basis, const chr_clean_opts *opts)
{
	chr_raw_doc raw = test_raw(body, CHR_FORMAT_TEXT);
	raw.date = date;
	raw.date_basis = basis;
	chr_doc *doc = NULL;
	assert_int_equal(chr_doc_clean(&raw, opts, &doc), CHR_OK);
	return doc;
}

static chr_doc *clean_text(const char *body)
{
	return clean_with(body, NULL, CHR_DATE_NONE, NULL);
}

static void parse(const char *s, int ok, int y, int m, int d, const char *agency, int whole)
{
	chr_dateline dl;
	const chr_lexicon *lex = chr_lex_get();
	assert_non_null(lex);
	int got = chr_dateline_parse(lex, s, strlen(s), &dl);
	if (got != ok)
		fail_msg("'%s': parse gave %d", s, got);
	if (!ok)
		return;
	assert_int_equal(dl.year, y);
	assert_int_equal(dl.month, m);
	assert_int_equal(dl.day, d);
	assert_string_equal(dl.agency, agency);
	assert_int_equal(dl.whole, whole);
}

static void dateline_forms(void **state)
{
	(void)state;
	parse("NORTHBRIDGE, December 11. /NEWSWIRE/. The mayor said ...", 1, 0, 12, 11, "NEWSWIRE", 0);
	parse("WASHINGTON (AP) \xE2\x80\x94 The senate voted ...", 1, 0, 0, 0, "AP", 0);
	parse("BERLIN, 3. Dezember (dpa) - Die Regierung hat ...", 1, 0, 12, 3, "dpa", 0);
	parse("PARIS, 3 d\xC3\xA9" "cembre 2024 (AFP) - Le gouvernement ...", 1, 2024, 12, 3, "AFP", 0);
	parse("Dec. 3, 2025, The Town Hall, Port Alder", 1, 2025, 12, 3, "", 1);
	parse("Port Alder, 3 May 2025", 1, 2025, 5, 3, "", 1);
	parse("\xD0\x9C\xD0\x9E\xD0\xA1\xD0\x9A\xD0\x92\xD0\x90, 5 \xD0\xBC\xD0\xB0\xD1\x80\xD1\x82\xD0\xB0. "
	      "/\xD0\xA2\xD0\x90\xD0\xA1\xD0\xA1/. \xD0\x9D\xD0\xBE\xD0\xB2\xD1\x8B\xD0\xB9", 1, 0, 3, 5,
	      "\xD0\xA2\xD0\x90\xD0\xA1\xD0\xA1", 0);
	/* Sentences that open with a date or a place are not datelines. */
	parse("On December 3, the ministers met in the harbour town.", 0, 0, 0, 0, "", 0);
	parse("December 3 was a cold day in the harbour town.", 0, 0, 0, 0, "", 0);
	parse("Moscow, Washington and Kyiv all commented on the plan.", 0, 0, 0, 0, "", 0);
	parse("Northbridge, a port town, may 5 ships ...", 0, 0, 0, 0, "", 0);
}

static void latest_full_date(void **state)
{
	(void)state;
	const chr_lexicon *lex = chr_lex_get();
	long best = 0;
	const char *s = "Talks began in June 2024 and an agreement followed in mid-August 2025; "
			"the date December 31, 2023 was also mentioned, as was 3 March.";
	chr_dates_latest(lex, s, strlen(s), &best);
	assert_int_equal(best, 20250800);
	best = 0;
	const char *no_year = "It may 2025 be so."; /* "may" in lower case is no month */
	chr_dates_latest(lex, no_year, strlen(no_year), &best);
	assert_int_equal(best, 0);
}

static void dateline_year_from_text(void **state)
{
	(void)state;
	chr_doc *doc = clean_text(
		"PORT ALDER, March 4. /Coastwire/. The council approved the budget on Tuesday after a debate "
		"that began in mid-January 2026 and was delayed twice.\n");
	assert_string_equal(chr_doc_date(doc), "2026-03-04");
	assert_int_equal(chr_doc_date_basis(doc), CHR_DATE_DATELINE);
	assert_string_equal(chr_doc_outlet(doc), "Coastwire");
	chr_doc_free(doc);
}

/* A January wire recalling the December before is in the new year. */
static void dateline_year_rolls_over(void **state)
{
	(void)state;
	chr_doc *doc = clean_text(
		"PORT ALDER, January 3. /Coastwire/. Ferries resumed on Friday, a week after the storm of "
		"December 27, 2025 closed the harbour.\n");
	assert_string_equal(chr_doc_date(doc), "2026-01-03");
	chr_doc_free(doc);
	doc = clean_text(
		"PORT ALDER, July 3. /Coastwire/. Ferries resumed on Friday, and the harbour will host the "
		"regatta planned for December 27, 2025.\n");
	/* Within six months the mention may lie ahead: the same year. */
	assert_string_equal(chr_doc_date(doc), "2025-07-03");
	chr_doc_free(doc);
}

static void dateline_without_any_year_gives_no_date(void **state)
{
	(void)state;
	chr_doc *doc = clean_text(
		"PORT ALDER, March 4. /Coastwire/. The council approved the budget on Tuesday after a long "
		"debate about the harbour.\n");
	assert_null(chr_doc_date(doc));
	assert_int_equal(chr_doc_date_basis(doc), CHR_DATE_NONE);
	chr_doc_free(doc);
}

static void header_date_wins(void **state)
{
	(void)state;
	chr_doc *doc = clean_with(
		"PORT ALDER, March 4, 2026. /Coastwire/. The council approved the budget on Tuesday after a "
		"long debate about the harbour.\n",
		"2026-03-05", CHR_DATE_HEADER, NULL);
	assert_string_equal(chr_doc_date(doc), "2026-03-05");
	assert_int_equal(chr_doc_date_basis(doc), CHR_DATE_HEADER);
	chr_doc_free(doc);
}

static void fallback_dates(void **state)
{
	(void)state;
	const char *body = "The council approved the budget on Tuesday after a long debate about the harbour.\n";
	chr_clean_opts opts = {.date = "2024-02-29"};
	chr_doc *doc = clean_with(body, NULL, CHR_DATE_NONE, &opts);
	assert_string_equal(chr_doc_date(doc), "2024-02-29");
	assert_int_equal(chr_doc_date_basis(doc), CHR_DATE_INPUT);
	chr_doc_free(doc);
	/* An impossible --date is not used. */
	opts.date = "2023-02-29";
	doc = clean_with(body, NULL, CHR_DATE_NONE, &opts);
	assert_null(chr_doc_date(doc));
	chr_doc_free(doc);
	/* HTML metadata comes before --date, with basis text. */
	chr_raw_doc raw = {0};
	raw.id = "h";
	raw.source = "h";
	raw.format = CHR_FORMAT_TEXT;
	doc = chr_doc_new_from_raw(&raw);
	assert_non_null(doc);
	assert_int_equal(chr_doc_add_block(doc, body, strlen(body), CHR_BLOCK_PARAGRAPH, CHR_LABEL_BODY, NULL), CHR_OK);
	doc->hints.date = "2025-06-01T10:00:00Z";
	doc->hints.site_name = "Harbour Herald";
	doc->hints.title = "Budget approved";
	opts.date = "2024-02-29";
	assert_int_equal(chr_meta_detect(doc, &opts), CHR_OK);
	assert_string_equal(chr_doc_date(doc), "2025-06-01");
	assert_int_equal(chr_doc_date_basis(doc), CHR_DATE_TEXT);
	assert_string_equal(chr_doc_outlet(doc), "Harbour Herald");
	assert_string_equal(chr_doc_title(doc), "Budget approved");
	chr_doc_free(doc);
}

/* A trailing "— Reuters" credit is found wherever the paragraph is cut,
 * whichever dash it uses, and only when the dash is within the 48 bytes
 * the rule looks at (exact-size heap copies, so ASan sees overreads). */
static void trailing_credit_at_every_length(void **state)
{
	(void)state;
	const chr_lexicon *lex = chr_lex_get();
	static const char *dashes[] = {"-", "\xe2\x80\x94", "\xe2\x80\x93"};
	assert_non_null(lex);
	for (size_t L = 0; L <= 80; L++) {
		for (size_t k = 0; k < 4; k++) {
			for (size_t far = 0; far <= 44; far += 4) {
				char text[256];
				size_t n = 0;
				for (size_t i = 0; i < L; i++)
					text[n++] = i % 7 == 6 ? ' ' : (char)('a' + i % 26);
				text[n++] = ' ';
				if (k < 3) {
					memcpy(text + n, dashes[k], strlen(dashes[k]));
					n += strlen(dashes[k]);
				}
				/* far: filler between the dash and the name, so the
				 * name alone does not follow the dash. */
				for (size_t i = 0; i < far; i++)
					text[n++] = (char)('a' + i % 26);
				memcpy(text + n, " Reuters.", 9);
				n += 9;
				char *t = malloc(n);
				assert_non_null(t);
				memcpy(t, text, n);
				char out[64];
				int got = chr_credit_trailing(lex, t, n, out, sizeof out, NULL);
				assert_int_equal(got, k < 3 && far == 0);
				if (got)
					assert_string_equal(out, "Reuters");
				free(t);
			}
		}
	}
}

#define FERRY_LEAD "Ferry workers in the harbour town ended their strike on Friday after the company " \
	"agreed to raise wages by five percent."

static void outlets_from_credits_and_notices(void **state)
{
	(void)state;
	static const struct { const char *text, *outlet; } cases[] = {
		{"Ferry strike ends\n(XINHUA) " FERRY_LEAD "\n", "Xinhua"},
		{"Ferry strike ends\n" FERRY_LEAD " \xE2\x80\x94 Reuters\n", "Reuters"},
		{"Ferry strike ends\n" FERRY_LEAD "\n\xC2\xA9 2025 Harbour Herald. All rights reserved.\n",
		 "Harbour Herald"},
		/* A notice naming a known agency maps to its canonical name. */
		{"Ferry strike ends\n" FERRY_LEAD "\nAll rights reserved by Agence France-Presse. "
		 "Reproduction prohibited.\n", "AFP"},
		/* "X Ltd owns the copyright": the owner, without its company form. */
		{"Ferry strike ends\n" FERRY_LEAD "\nLEGAL NOTICE: Harbour Herald Ltd owns the copyright in "
		 "all text and photographs on this site.\n", "Harbour Herald"},
		/* A leading credit may be a capitalised name. */
		{"Ferry strike ends\n(Harbour Herald) " FERRY_LEAD "\n", "Harbour Herald"},
		/* Capitals in parentheses inside a sentence are no credit. */
		{"Ferry strike ends\nFerry workers ended their strike on Friday, the union of transport "
		 "workers (UTW)\n", NULL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		chr_doc *doc = clean_text(cases[i].text);
		if (cases[i].outlet)
			assert_string_equal(chr_doc_outlet(doc), cases[i].outlet);
		else
			assert_null(chr_doc_outlet(doc));
		chr_doc_free(doc);
	}

	chr_doc *doc = clean_text(
		"Official website of the Port Alder City Council\n"
		"Budget approved\n"
		"The city council approved next year's budget on Friday after a long debate about the harbour "
		"and the ferry lanes.\n");
	assert_string_equal(chr_doc_outlet(doc), "Port Alder City Council");
	assert_string_equal(chr_doc_title(doc), "Budget approved");
	chr_doc_free(doc);
}

static void titles(void **state)
{
	(void)state;
	const char *body = "Bridge reopens after repairs\n"
			   "The old bridge over the river reopened on Monday after three months of repairs, "
			   "the roads office said.\n";
	chr_raw_doc raw = test_raw(body, CHR_FORMAT_TEXT);
	raw.title = "Old bridge open again";
	chr_doc *doc = NULL;
	assert_int_equal(chr_doc_clean(&raw, NULL, &doc), CHR_OK);
	/* The input's own title wins; the headline line is still labelled. */
	assert_string_equal(chr_doc_title(doc), "Old bridge open again");
	assert_int_equal(chr_doc_paragraph(doc, 0)->label, CHR_LABEL_TITLE);
	chr_doc_free(doc);
	doc = clean_text(body);
	assert_string_equal(chr_doc_title(doc), "Bridge reopens after repairs");
	chr_doc_free(doc);
	/* A sentence is no title. */
	doc = clean_text("The old bridge over the river reopened on Monday after three months of repairs.\n");
	assert_null(chr_doc_title(doc));
	chr_doc_free(doc);
}

static void languages(void **state)
{
	(void)state;
	struct { const char *text, *lang; } cases[] = {
		{"The council said that it would not approve the plan for the harbour until the ferry company "
		 "had paid for the new lanes.\n", "en"},
		{"Der Rat hat gesagt, dass er den Plan für den Hafen nicht billigen wird, bis die Gesellschaft "
		 "die neuen Spuren bezahlt hat.\n", "de"},
		{"Le conseil a dit qu'il n'approuverait pas le plan pour le port tant que la compagnie n'aurait "
		 "pas payé les nouvelles voies.\n", "fr"},
		{"\xD0\xA1\xD0\xBE\xD0\xB2\xD0\xB5\xD1\x82 \xD0\xB7\xD0\xB0\xD1\x8F\xD0\xB2\xD0\xB8\xD0\xBB, "
		 "\xD1\x87\xD1\x82\xD0\xBE \xD0\xBD\xD0\xB5 \xD0\xBE\xD0\xB4\xD0\xBE\xD0\xB1\xD1\x80\xD0\xB8\xD1\x82 "
		 "\xD0\xBF\xD0\xBB\xD0\xB0\xD0\xBD, \xD0\xB8 \xD0\xBE\xD0\xBD \xD0\xB1\xD1\x8B\xD0\xBB "
		 "\xD0\xBF\xD1\x80\xD0\xB0\xD0\xB2 \xD0\xB2 \xD1\x8D\xD1\x82\xD0\xBE\xD0\xBC.\n", "ru"},
		{"12345 67890 !!! ??? 2025-01-01\n", "und"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		chr_doc *doc = clean_text(cases[i].text);
		assert_string_equal(chr_doc_lang(doc), cases[i].lang);
		chr_doc_free(doc);
		/* --raw detects the language too. */
		chr_clean_opts opts = {.raw = 1};
		doc = clean_with(cases[i].text, NULL, CHR_DATE_NONE, &opts);
		assert_string_equal(chr_doc_lang(doc), cases[i].lang);
		chr_doc_free(doc);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(dateline_forms),
		cmocka_unit_test(latest_full_date),
		cmocka_unit_test(dateline_year_from_text),
		cmocka_unit_test(dateline_year_rolls_over),
		cmocka_unit_test(dateline_without_any_year_gives_no_date),
		cmocka_unit_test(header_date_wins),
		cmocka_unit_test(fallback_dates),
		cmocka_unit_test(outlets_from_credits_and_notices),
		cmocka_unit_test(trailing_credit_at_every_length),
		cmocka_unit_test(titles),
		cmocka_unit_test(languages),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
