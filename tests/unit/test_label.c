/*
 * test_label.c - unit tests for src/clean/label.c: paragraph labels on
 * small articles written for these tests (English, German, French,
 * Russian), with the kinds of mess scraped news has.
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
#include "doc.h"

static chr_doc *clean_text(const char *body)
{
	chr_raw_doc raw = test_raw(body, CHR_FORMAT_TEXT);
	chr_doc *doc = NULL;
	assert_int_equal(chr_doc_clean(&raw, NULL, &doc), CHR_OK);
	assert_non_null(doc);
	return doc;
}

/* The label of the first paragraph starting with prefix. */
static chr_label label_of(const chr_doc *doc, const char *prefix)
{
	for (size_t i = 0; i < chr_doc_paragraph_count(doc); i++) {
		const chr_paragraph *p = chr_doc_paragraph(doc, i);
		if (strncmp(p->text, prefix, strlen(prefix)) == 0)
			return p->label;
	}
	fail_msg("no paragraph starts with '%s'", prefix);
	return CHR_LABEL_COUNT;
}

/* The label of the n-th (0-based) paragraph starting with prefix. */
static chr_label label_of_nth(const chr_doc *doc, const char *prefix, int n)
{
	for (size_t i = 0; i < chr_doc_paragraph_count(doc); i++) {
		const chr_paragraph *p = chr_doc_paragraph(doc, i);
		if (strncmp(p->text, prefix, strlen(prefix)) == 0 && n-- == 0)
			return p->label;
	}
	fail_msg("no paragraph %d starts with '%s'", n, prefix);
	return CHR_LABEL_COUNT;
}

#define assert_label(doc, prefix, want) \
	assert_string_equal(chr_label_name(label_of(doc, prefix)), chr_label_name(want))

static const char english[] =
	"Menu\n"
	"Log in\n"
	"Share on Facebook\n"
	"Harbour authority approves new ferry terminal for Kestrel Bay\n"
	"\n"
	"KESTREL BAY, March 4. /Coastwire/. The harbour authority of Kestrel Bay approved plans on Tuesday "
	"for a new ferry terminal, ending a dispute with the fishing cooperative that lasted two years.\n"
	"\n"
	"The terminal will be built on the northern pier and should open in the spring of 2026, the "
	"authority's chairwoman Marta Kolven told reporters after the vote.\n"
	"\n"
	"Fishermen had objected that the ferries would crowd the harbour entrance. Under the agreement, "
	"the ferry lanes will run along the eastern breakwater instead, and the cooperative keeps its "
	"moorings on the western quay for at least another ten years.\n"
	"\n"
	"Question: When does construction start?\n"
	"\n"
	"Marta Kolven: In May, if the weather allows it.\n"
	"\n"
	"Fishermen had objected that the ferries would crowd the harbour entrance. Under the agreement, "
	"the ferry lanes will run along the eastern breakwater instead, and the cooperative keeps its "
	"moorings on the western quay for at least another ten years.\n"
	"\n"
	"© 2025 Coastwire Media Ltd. All rights reserved. No part of this article may be reproduced "
	"without prior written permission.\n"
	"\n"
	"The Kestrel Bay ferry terminal will also include a waiting hall for the fishing cooperative, "
	"Marta Kolven added, and the harbour authority will pay for the breakwater lanes.\n"
	"\n"
	"A national museum reopened its sculpture garden after a winter of repairs, with free entry for "
	"schoolchildren during the first weekend of the season.\n"
	"\n"
	"Comments\n";

static void english_article_zones(void **state)
{
	(void)state;
	chr_doc *doc = clean_text(english);
	assert_label(doc, "Menu", CHR_LABEL_CHROME);
	assert_label(doc, "Log in", CHR_LABEL_CHROME);
	assert_label(doc, "Share on Facebook", CHR_LABEL_CHROME);
	assert_label(doc, "Harbour authority approves", CHR_LABEL_TITLE);
	assert_label(doc, "KESTREL BAY, March 4.", CHR_LABEL_BODY);
	assert_label(doc, "The terminal will be built", CHR_LABEL_BODY);
	/* Short transcript turns inside the article stay body. */
	assert_label(doc, "Question: When does", CHR_LABEL_BODY);
	assert_label(doc, "Marta Kolven: In May", CHR_LABEL_BODY);
	assert_int_equal(label_of_nth(doc, "Fishermen had objected", 0), CHR_LABEL_BODY);
	assert_int_equal(label_of_nth(doc, "Fishermen had objected", 1), CHR_LABEL_REPEAT);
	assert_label(doc, "\xC2\xA9 2025 Coastwire", CHR_LABEL_LEGAL);
	/* After the notice: on-topic prose is body, an unrelated story is a
	 * teaser, a lone widget is chrome. */
	assert_label(doc, "The Kestrel Bay ferry terminal will also", CHR_LABEL_BODY);
	assert_label(doc, "A national museum reopened", CHR_LABEL_TEASER);
	assert_label(doc, "Comments", CHR_LABEL_CHROME);
	assert_string_equal(chr_doc_title(doc), "Harbour authority approves new ferry terminal for Kestrel Bay");
	size_t len;
	const char *text = chr_doc_text(doc, &len);
	assert_null(strstr(text, "All rights reserved"));
	assert_null(strstr(text, "museum"));
	assert_non_null(strstr(text, "eastern breakwater"));
	chr_doc_free(doc);
}

static const char german[] =
	"Schriftgröße\n"
	"Drucken\n"
	"Stadtrat beschließt neuen Radweg an der Uferstraße\n"
	"Der Stadtrat hat am Montagabend mit großer Mehrheit beschlossen, entlang der Uferstraße einen "
	"neuen Radweg zu bauen, der die Innenstadt mit dem Hafen verbinden soll.\n"
	"Die Bauarbeiten sollen im Herbst beginnen und etwa ein Jahr dauern, sagte die Bürgermeisterin "
	"nach der Sitzung. Die Kosten trägt zum größten Teil das Land.\n"
	"Lesen Sie auch\n"
	"Ein Bäckermeister aus dem Nachbarort hat den Wettbewerb um das beste Roggenbrot des Jahres gewonnen "
	"und will nun eine zweite Filiale eröffnen.\n"
	"Alle Rechte vorbehalten. Vervielfältigung nur mit Genehmigung der Redaktion.\n";

static void german_related_and_rights(void **state)
{
	(void)state;
	chr_doc *doc = clean_text(german);
	assert_label(doc, "Schriftgr", CHR_LABEL_CHROME);
	assert_label(doc, "Drucken", CHR_LABEL_CHROME);
	assert_label(doc, "Stadtrat beschließt", CHR_LABEL_TITLE);
	assert_label(doc, "Der Stadtrat hat", CHR_LABEL_BODY);
	assert_label(doc, "Die Bauarbeiten", CHR_LABEL_BODY);
	assert_label(doc, "Lesen Sie auch", CHR_LABEL_CHROME);
	assert_label(doc, "Ein Bäckermeister", CHR_LABEL_TEASER);
	assert_label(doc, "Alle Rechte vorbehalten", CHR_LABEL_LEGAL);
	assert_string_equal(chr_doc_lang(doc), "de");
	chr_doc_free(doc);
}

static const char french[] =
	"Nous utilisons des cookies pour améliorer votre expérience. En poursuivant votre navigation, "
	"vous acceptez notre politique de confidentialité.\n"
	"Tout accepter\n"
	"La mairie ouvre une nouvelle bibliothèque dans le quartier de la gare\n"
	"La nouvelle bibliothèque municipale a ouvert ses portes samedi dans le quartier de la gare, "
	"après deux ans de travaux et un chantier plusieurs fois retardé.\n"
	"Elle propose des salles de lecture pour les enfants et un espace consacré à la musique, a précisé "
	"l'adjointe à la culture lors de l'inauguration.\n"
	"Tous droits réservés.\n";

static void french_cookie_banner(void **state)
{
	(void)state;
	chr_doc *doc = clean_text(french);
	assert_label(doc, "Nous utilisons des cookies", CHR_LABEL_CHROME);
	assert_label(doc, "Tout accepter", CHR_LABEL_CHROME);
	assert_label(doc, "La mairie ouvre", CHR_LABEL_TITLE);
	assert_label(doc, "La nouvelle biblioth", CHR_LABEL_BODY);
	assert_label(doc, "Elle propose", CHR_LABEL_BODY);
	assert_label(doc, "Tous droits", CHR_LABEL_LEGAL);
	assert_string_equal(chr_doc_lang(doc), "fr");
	chr_doc_free(doc);
}

static const char russian[] =
	"Размер шрифта\n"
	"Версия для слабовидящих\n"
	"Мэрия открыла новый мост через реку\n"
	"МОСКВА, 5 марта. /ТАСС/. Новый пешеходный мост через реку открыли в среду, сообщили в мэрии. "
	"По словам чиновников, строительство заняло почти два года.\n"
	"Мост соединил два жилых района, и жителям больше не нужно делать крюк через центр города, "
	"отметил глава управы на церемонии открытия 5 марта 2024 года.\n"
	"Все права защищены. При перепечатке ссылка обязательна.\n";

static void russian_notice(void **state)
{
	(void)state;
	chr_doc *doc = clean_text(russian);
	assert_label(doc, "Размер шрифта", CHR_LABEL_CHROME);
	assert_label(doc, "Версия для", CHR_LABEL_CHROME);
	assert_label(doc, "Мэрия открыла", CHR_LABEL_TITLE);
	assert_label(doc, "МОСКВА, 5 марта.", CHR_LABEL_BODY);
	assert_label(doc, "Все права защищены", CHR_LABEL_LEGAL);
	assert_string_equal(chr_doc_lang(doc), "ru");
	assert_string_equal(chr_doc_outlet(doc), "TASS");
	assert_string_equal(chr_doc_date(doc), "2024-03-05");
	assert_int_equal(chr_doc_date_basis(doc), CHR_DATE_DATELINE);
	chr_doc_free(doc);
}

static const char error_page[] =
	"Oops!\n"
	"404\n"
	"Sorry, the page you requested could not be found. It may have been moved or deleted.\n"
	"Go to the homepage\n";

static void error_page_is_error(void **state)
{
	(void)state;
	chr_doc *doc = clean_text(error_page);
	assert_label(doc, "Oops", CHR_LABEL_ERROR);
	assert_label(doc, "404", CHR_LABEL_ERROR);
	assert_label(doc, "Sorry, the page", CHR_LABEL_ERROR);
	assert_label(doc, "Go to the homepage", CHR_LABEL_ERROR);
	size_t len;
	chr_doc_text(doc, &len);
	assert_int_equal(len, 0);
	chr_doc_free(doc);
}

/* Prose that mentions furniture words stays body. */
static void body_mentions_are_not_boilerplate(void **state)
{
	(void)state;
	chr_doc *doc = clean_text(
		"Court rules on newspaper archive\n"
		"A court ruled on Friday that the copyright of old photographs in the city archive belongs to "
		"the photographers' families, and that the page of the register that was not found must be "
		"searched for again.\n"
		"The judge said the archive could share the images with schools, and print them in a book, "
		"as long as the families agree.\n"
		"Such a plan does not exist yet, the archive's director said, but one will be written.\n");
	assert_label(doc, "A court ruled", CHR_LABEL_BODY);
	assert_label(doc, "The judge said", CHR_LABEL_BODY);
	assert_label(doc, "Such a plan", CHR_LABEL_BODY);
	chr_doc_free(doc);
}

/* A closing agency credit ends the article: unrelated prose after it is a
 * teaser even without a notice. */
static void credit_opens_teasers(void **state)
{
	(void)state;
	chr_doc *doc = clean_text(
		"Valdoria and Ostmark sign rail deal\n"
		"Valdoria and Ostmark signed an agreement on Monday to rebuild the rail line between their "
		"capitals, the two transport ministers said at a joint news conference.\n"
		"The line was closed in 2019 after floods damaged two bridges. (AP)\n"
		"Tennis fans queued overnight for tickets to the final of the indoor championship, which "
		"sold out within an hour of opening.\n");
	assert_label(doc, "The line was closed", CHR_LABEL_BODY);
	assert_label(doc, "Tennis fans", CHR_LABEL_TEASER);
	assert_string_equal(chr_doc_outlet(doc), "AP");
	chr_doc_free(doc);
}

/* The text under a notice heading is the notice, even in words the
 * lexicon does not know. */
static void notice_heading_covers_next_paragraph(void **state)
{
	(void)state;
	chr_doc *doc = clean_text(
		"Ferry strike ends\n"
		"Ferry workers in the harbour town ended their strike on Friday after the company agreed to "
		"raise wages by five percent.\n"
		"Legal Disclaimer:\n"
		"This newspaper prints the material as it arrived and makes no promise about it. Questions "
		"go to the editors.\n");
	assert_label(doc, "Legal Disclaimer:", CHR_LABEL_LEGAL);
	assert_label(doc, "This newspaper prints", CHR_LABEL_LEGAL);
	chr_doc_free(doc);
}

/* Short repeats (a widget, a dateline footer) are not `repeat`. */
static void short_repeats_are_not_repeat(void **state)
{
	(void)state;
	chr_doc *doc = clean_text(
		"Share\n"
		"Port Alder, 3 May 2025\n"
		"The council met on Saturday to discuss the budget for the coming year, and agreed to spend "
		"more on the harbour.\n"
		"Share\n"
		"Port Alder, 3 May 2025\n");
	for (size_t i = 0; i < chr_doc_paragraph_count(doc); i++)
		assert_int_not_equal(chr_doc_paragraph(doc, i)->label, CHR_LABEL_REPEAT);
	assert_int_equal(label_of_nth(doc, "Port Alder", 0), CHR_LABEL_DATELINE);
	assert_int_equal(label_of_nth(doc, "Port Alder", 1), CHR_LABEL_DATELINE);
	chr_doc_free(doc);
}

/* --raw keeps every line as body. */
static void raw_keeps_everything(void **state)
{
	(void)state;
	chr_raw_doc raw = test_raw(error_page, CHR_FORMAT_TEXT);
	chr_clean_opts opts = {.raw = 1};
	chr_doc *doc = NULL;
	assert_int_equal(chr_doc_clean(&raw, &opts, &doc), CHR_OK);
	assert_int_equal(chr_doc_paragraph_count(doc), 4);
	for (size_t i = 0; i < 4; i++)
		assert_int_equal(chr_doc_paragraph(doc, i)->label, CHR_LABEL_BODY);
	chr_doc_free(doc);
}

/* A short line that recurs alone is the article's structure (an
 * interview's stock question, a menu's serving line), not a copied block. */
static void lone_short_recurrence_is_not_repeat(void **state)
{
	(void)state;
	chr_doc *doc = clean_text(
		"Five cooks answer the same questions about their kitchens and the dishes they grew up with.\n\n"
		"Which dish do you cook most often at home, and who taught it to you?\n\n"
		"Anna, a baker from the coast, says it is fish soup, which her grandmother made every Friday.\n\n"
		"Which dish do you cook most often at home, and who taught it to you?\n\n"
		"Piet, who runs a canteen, says it is a bean stew he learned from a colleague years ago.\n");
	assert_int_equal(label_of_nth(doc, "Which dish do you cook", 0), CHR_LABEL_BODY);
	assert_int_equal(label_of_nth(doc, "Which dish do you cook", 1), CHR_LABEL_BODY);
	chr_doc_free(doc);
}

/* HTML blocks: final labels stay, body blocks change only for repeats,
 * notices and error text, never for mere chrome words. */
static void html_is_conservative(void **state)
{
	(void)state;
	chr_raw_doc raw = {0};
	raw.id = "h";
	raw.source = "h.html";
	raw.format = CHR_FORMAT_HTML;
	chr_doc *doc = chr_doc_new_from_raw(&raw);
	assert_non_null(doc);
	const char *para = "The bridge will be closed for repairs for three weeks from Monday, the roads office "
		"said, and drivers heading to the coast should use the ring road, which will stay open at night "
		"while crews replace the old steel joints on both lanes.";
	chr_block *b;
	assert_int_equal(chr_doc_add_block(doc, "Road news", 9, CHR_BLOCK_HEADING, CHR_LABEL_TITLE, &b), CHR_OK);
	b->label_final = 1;
	assert_int_equal(chr_doc_add_block(doc, para, strlen(para), CHR_BLOCK_PARAGRAPH, CHR_LABEL_BODY, NULL), CHR_OK);
	assert_int_equal(chr_doc_add_block(doc, "Share", 5, CHR_BLOCK_PARAGRAPH, CHR_LABEL_BODY, NULL), CHR_OK);
	assert_int_equal(chr_doc_add_block(doc, para, strlen(para), CHR_BLOCK_PARAGRAPH, CHR_LABEL_BODY, NULL), CHR_OK);
	const char *legal = "Copyright 2025 Roads Weekly. All rights reserved.";
	assert_int_equal(chr_doc_add_block(doc, legal, strlen(legal), CHR_BLOCK_PARAGRAPH, CHR_LABEL_BODY, NULL), CHR_OK);
	assert_int_equal(chr_label_blocks(doc), CHR_OK);
	assert_int_equal(doc->blocks[0].p.label, CHR_LABEL_TITLE);
	assert_int_equal(doc->blocks[1].p.label, CHR_LABEL_BODY);
	assert_int_equal(doc->blocks[2].p.label, CHR_LABEL_BODY);
	assert_int_equal(doc->blocks[3].p.label, CHR_LABEL_REPEAT);
	assert_int_equal(doc->blocks[4].p.label, CHR_LABEL_LEGAL);
	chr_doc_free(doc);
}

/* Without a notice, bare lines after the last paragraph are furniture;
 * a subheading inside the article is not. */
static void trailing_furniture(void **state)
{
	(void)state;
	chr_doc *doc = clean_text(
		"Ferry strike ends\n"
		"Ferry workers in the harbour town ended their strike on Friday after the company agreed to "
		"raise wages by five percent.\n"
		"What comes next\n"
		"The union said it would meet the company again in June to talk about working hours and the "
		"new timetable.\n"
		"Tags: Harbour, Ferries, Strikes\n"
		"Print\n");
	assert_label(doc, "What comes next", CHR_LABEL_BODY);
	assert_label(doc, "Tags:", CHR_LABEL_CHROME);
	assert_label(doc, "Print", CHR_LABEL_CHROME);
	chr_doc_free(doc);
}

/* Glued widgets ("CommentsNo comment") are split at the case change. */
static void glued_widgets(void **state)
{
	(void)state;
	chr_doc *doc = clean_text(
		"Ministers agree on fishing quotas\n"
		"Fisheries ministers from the northern states agreed on new quotas for herring and cod on "
		"Thursday after two days of talks in the harbour town.\n"
		"ShareTweetPrint\n");
	assert_label(doc, "ShareTweetPrint", CHR_LABEL_CHROME);
	chr_doc_free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(english_article_zones),
		cmocka_unit_test(german_related_and_rights),
		cmocka_unit_test(french_cookie_banner),
		cmocka_unit_test(russian_notice),
		cmocka_unit_test(error_page_is_error),
		cmocka_unit_test(body_mentions_are_not_boilerplate),
		cmocka_unit_test(credit_opens_teasers),
		cmocka_unit_test(short_repeats_are_not_repeat),
		cmocka_unit_test(notice_heading_covers_next_paragraph),
		cmocka_unit_test(raw_keeps_everything),
		cmocka_unit_test(html_is_conservative),
		cmocka_unit_test(lone_short_recurrence_is_not_repeat),
		cmocka_unit_test(glued_widgets),
		cmocka_unit_test(trailing_furniture),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
