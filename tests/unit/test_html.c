/*
 * test_html.c - unit tests for the HTML cleaner (src/clean/html*.c).
 *
 * Small pages written for these tests: what is dropped, what is kept and in
 * which order, the labels of chrome, teasers, legal notices and the title,
 * the metadata hints, and hostile input (deep nesting, garbage, empty).
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

#include "helpers.h"

#include "clean/clean.h"
#include "doc.h"
#include "util/buf.h"

/* Four paragraphs of prose, enough for the content scorer to trust. */
#define PROSE \
	"<p>The harbour authority said on Tuesday that the new ferry line, which was planned " \
	"for more than a decade, will start carrying passengers in the spring, and that " \
	"tickets will cost less than the old service.</p>" \
	"<p>Residents of the island, many of whom commute to the mainland every day, have " \
	"waited for years for a faster connection, and several of them said they were " \
	"relieved that the plan was finally going ahead.</p>" \
	"<p>The boats, built in a yard on the northern coast, are smaller than the ones " \
	"they replace, but they are quicker, use less fuel and can dock at both ends of " \
	"the route in any weather that is expected in the area.</p>" \
	"<p>Officials added that the timetable would be published next month, after a " \
	"final round of talks with the unions representing the crews and with the " \
	"operators of the bus lines that meet the boats.</p>"

static const char *const page_html =
	"<!DOCTYPE html><html lang=\"en-GB\"><head>"
	"<title>Ferry line to start in spring | The Harbour Gazette</title>"
	"<meta property=\"og:site_name\" content=\"The Harbour Gazette\">"
	"<meta property=\"article:published_time\" content=\"2021-03-04T08:15:00Z\">"
	"<link rel=\"canonical\" href=\"https://example.org/ferry\">"
	"<style>p { color: red }</style>"
	"<script>var secret = 'script text must not appear';</script>"
	"</head><body>"
	"<nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/news\">News</a></li>"
	"<li><a href=\"/sport\">Sport</a></li></ul></nav>"
	"<header><div class=\"masthead\">The Harbour Gazette</div></header>"
	"<div class=\"menu\"><a href=\"/a\">Weather</a> <a href=\"/b\">Traffic</a> <a href=\"/c\">Jobs</a></div>"
	"<main><article>"
	"<h1>Ferry line to start in spring</h1>"
	PROSE
	"<h2>What changes for commuters</h2>"
	"<ul><li>Boats every twenty minutes during the morning peak, and every hour at night.</li>"
	"<li>One ticket for the boat and the connecting bus, valid for ninety minutes.</li></ul>"
	"<blockquote>We have waited long enough, and now we can plan our lives again.</blockquote>"
	"<p>Fares &amp; timetables: caf&eacute; owners expect more visitors &#8212; and the "
	"council&#8217;s estimate is that trade will grow by a tenth, according to its report.</p>"
	"<div style=\"display: none\">hidden promo text must not appear</div>"
	"<p hidden>hidden attribute text must not appear</p>"
	"<form><input value=\"form value must not appear\"><button>Send button text</button></form>"
	"</article></main>"
	"<aside class=\"related-stories\"><h3>Related stories</h3><ul>"
	"<li><a href=\"/x\">Bridge repairs delayed again after storm damage to the piers</a></li>"
	"<li><a href=\"/y\">Council approves budget for new school buildings in the north</a></li>"
	"</ul></aside>"
	"<footer><p>Copyright 2021 The Harbour Gazette. All rights reserved.</p></footer>"
	"</body></html>";

static chr_doc *clean_html(const char *html, size_t len)
{
	chr_raw_doc raw;
	memset(&raw, 0, sizeof raw);
	raw.id = "t";
	raw.source = "t.html";
	raw.body = html;
	raw.body_len = len;
	raw.format = CHR_FORMAT_HTML;
	chr_doc *doc = chr_doc_new_from_raw(&raw);
	assert_non_null(doc);
	assert_int_equal(chr_html_to_blocks(doc, html, len), CHR_OK);
	return doc;
}

static const chr_block *find_block(const chr_doc *doc, const char *needle)
{
	for (size_t i = 0; i < doc->nblocks; i++)
		if (strstr(doc->blocks[i].p.text, needle))
			return &doc->blocks[i];
	return NULL;
}

static size_t block_index(const chr_doc *doc, const char *needle)
{
	for (size_t i = 0; i < doc->nblocks; i++)
		if (strstr(doc->blocks[i].p.text, needle))
			return i;
	return (size_t)-1;
}

static int any_block_has(const chr_doc *doc, const char *needle)
{
	return find_block(doc, needle) != NULL;
}

static void drops_scripts_styles_hidden_and_forms(void **state)
{
	(void)state;
	chr_doc *doc = clean_html(page_html, strlen(page_html));
	assert_false(any_block_has(doc, "script text"));
	assert_false(any_block_has(doc, "color: red"));
	assert_false(any_block_has(doc, "hidden promo"));
	assert_false(any_block_has(doc, "hidden attribute"));
	assert_false(any_block_has(doc, "form value"));
	assert_false(any_block_has(doc, "Send button"));
	chr_doc_free(doc);
}

static void keeps_body_in_order_with_kinds(void **state)
{
	(void)state;
	chr_doc *doc = clean_html(page_html, strlen(page_html));
	const char *order[] = { "harbour authority said", "Residents of the island", "The boats, built",
				"Officials added", "What changes for commuters", "Boats every twenty",
				"One ticket", "We have waited", "Fares & timetables" };
	size_t prev = 0;
	for (size_t k = 0; k < sizeof order / sizeof order[0]; k++) {
		size_t i = block_index(doc, order[k]);
		assert_true(i != (size_t)-1);
		assert_int_equal(doc->blocks[i].p.label, CHR_LABEL_BODY);
		if (k)
			assert_true(i > prev);
		prev = i;
	}
	const chr_block *h2 = find_block(doc, "What changes");
	assert_int_equal(h2->kind, CHR_BLOCK_HEADING);
	assert_int_equal(h2->heading_level, 2);
	assert_int_equal(find_block(doc, "Boats every")->kind, CHR_BLOCK_LIST_ITEM);
	assert_int_equal(find_block(doc, "We have waited")->kind, CHR_BLOCK_QUOTE);
	assert_int_equal(find_block(doc, "Officials added")->kind, CHR_BLOCK_PARAGRAPH);
	chr_doc_free(doc);
}

static void decodes_entities(void **state)
{
	(void)state;
	chr_doc *doc = clean_html(page_html, strlen(page_html));
	const chr_block *b = find_block(doc, "Fares & timetables: caf\xC3\xA9 owners expect more visitors "
				       "\xE2\x80\x94 and the council\xE2\x80\x99s estimate");
	assert_non_null(b);
	chr_doc_free(doc);
}

static void labels_chrome_teaser_legal_title(void **state)
{
	(void)state;
	chr_doc *doc = clean_html(page_html, strlen(page_html));
	const chr_block *b = find_block(doc, "Home");
	assert_non_null(b);
	assert_int_equal(b->p.label, CHR_LABEL_CHROME);
	assert_true(b->label_final);
	b = find_block(doc, "Weather");
	assert_non_null(b);
	assert_int_equal(b->p.label, CHR_LABEL_CHROME);
	b = find_block(doc, "Bridge repairs delayed");
	assert_non_null(b);
	assert_int_equal(b->p.label, CHR_LABEL_TEASER);
	assert_true(b->label_final);
	assert_true(b->link_density > 0.9f);
	b = find_block(doc, "All rights reserved");
	assert_non_null(b);
	assert_int_equal(b->p.label, CHR_LABEL_LEGAL);
	b = find_block(doc, "Ferry line to start in spring");
	assert_non_null(b);
	assert_int_equal(b->p.label, CHR_LABEL_TITLE);
	assert_int_equal(b->kind, CHR_BLOCK_HEADING);
	chr_doc_free(doc);
}

static void fills_hints(void **state)
{
	(void)state;
	chr_doc *doc = clean_html(page_html, strlen(page_html));
	assert_string_equal(doc->hints.title, "Ferry line to start in spring");
	assert_string_equal(doc->hints.site_name, "The Harbour Gazette");
	assert_string_equal(doc->hints.date, "2021-03-04");
	assert_string_equal(doc->hints.lang, "en");
	assert_string_equal(doc->hints.url, "https://example.org/ferry");
	chr_doc_free(doc);
}

static void reads_json_ld_hints(void **state)
{
	(void)state;
	static const char html[] =
		"<html><head><script type=\"application/ld+json\">"
		"{\"@context\":\"https://schema.org\",\"@graph\":[{\"@type\":\"WebSite\",\"name\":\"x\"},"
		"{\"@type\":\"NewsArticle\",\"headline\":\"Mill reopens after fire\","
		"\"datePublished\":\"2019-07-30T10:00:00+02:00\","
		"\"publisher\":{\"@type\":\"Organization\",\"name\":\"Valley Post\"}}]}"
		"</script><script type=\"application/ld+json\">{ broken json</script>"
		"<title>Something else entirely - Other</title></head>"
		"<body><p>The mill reopened.</p><time datetime=\"2001-01-01\">then</time></body></html>";
	chr_doc *doc = clean_html(html, sizeof html - 1);
	assert_string_equal(doc->hints.title, "Mill reopens after fire");
	assert_string_equal(doc->hints.site_name, "Valley Post");
	assert_string_equal(doc->hints.date, "2019-07-30");
	assert_null(doc->hints.lang);
	assert_non_null(find_block(doc, "The mill reopened."));
	chr_doc_free(doc);
}

static void falls_back_to_title_and_time(void **state)
{
	(void)state;
	static const char html[] =
		"<html lang=\"DE\"><head><title>Neue Br\xC3\xBC" "cke er\xC3\xB6" "ffnet \xE2\x80\x94 Stadtbote</title>"
		"<meta name=\"application-name\" content=\"Stadtbote\"></head>"
		"<body><article><time datetime=\"2020-02-29T12:00\">29. Februar</time>"
		"<p>Die Br\xC3\xBC" "cke ist seit Montag offen.</p></article></body></html>";
	chr_doc *doc = clean_html(html, sizeof html - 1);
	assert_string_equal(doc->hints.title, "Neue Br\xC3\xBC" "cke er\xC3\xB6" "ffnet");
	assert_string_equal(doc->hints.site_name, "Stadtbote");
	assert_string_equal(doc->hints.date, "2020-02-29");
	assert_string_equal(doc->hints.lang, "de");
	chr_doc_free(doc);
}

static void dates_in_words_and_site_suffixes(void **state)
{
	(void)state;
	static const char a[] =
		"<html><head><title>Harbour news | Local | Sport | Weather</title>"
		"<meta name=\"sn-post-date\" content=\"x\">"
		"<meta name=\"last-modified\" content=\"2022-01-01\"></head><body>"
		"<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":"
		"\"Tue Nov 19 2019 05:44:06 GMT+0000\"}</script><p>Text.</p></body></html>";
	chr_doc *doc = clean_html(a, sizeof a - 1);
	assert_string_equal(doc->hints.title, "Harbour news");
	assert_string_equal(doc->hints.date, "2019-11-19");
	chr_doc_free(doc);
	static const char b[] =
		"<html><head><title>Pear jam for winter evenings | The Pantry Shelf Kitchen</title>"
		"<meta property=\"og:site_name\" content=\"The Pantry Shelf Kitchen\">"
		"<meta name=\"pubdate\" content=\"March 3, 2017\"></head><body><p>Text.</p></body></html>";
	doc = clean_html(b, sizeof b - 1);
	assert_string_equal(doc->hints.title, "Pear jam for winter evenings");
	assert_string_equal(doc->hints.date, "2017-03-03");
	chr_doc_free(doc);
}

static void link_menus_are_not_body(void **state)
{
	(void)state;
	static const char html[] =
		"<html><body><div id=\"top\"><div><a href=\"1\">Politics</a> | <a href=\"2\">Business</a> | "
		"<a href=\"3\">Culture</a> | <a href=\"4\">Science and technology news</a></div></div>"
		"<div class=\"story\">" PROSE "</div>"
		"<div><ul><li><a href=\"5\">About us</a></li><li><a href=\"6\">Contact the newsroom</a></li>"
		"<li><a href=\"7\">Advertise with us</a></li></ul></div></body></html>";
	chr_doc *doc = clean_html(html, sizeof html - 1);
	assert_int_not_equal(find_block(doc, "Politics")->p.label, CHR_LABEL_BODY);
	assert_int_not_equal(find_block(doc, "Contact the newsroom")->p.label, CHR_LABEL_BODY);
	assert_int_equal(find_block(doc, "Officials added")->p.label, CHR_LABEL_BODY);
	chr_doc_free(doc);
}

static void text_in_divs_becomes_paragraphs(void **state)
{
	(void)state;
	static const char html[] =
		"<html><body><div>First loose paragraph of text, written straight into a div."
		"<div>Inner block.</div>Tail text after the inner block.</div></body></html>";
	chr_doc *doc = clean_html(html, sizeof html - 1);
	size_t a = block_index(doc, "First loose"), b = block_index(doc, "Inner block"),
	       c = block_index(doc, "Tail text");
	assert_true(a != (size_t)-1 && b != (size_t)-1 && c != (size_t)-1);
	assert_true(a < b && b < c);
	chr_doc_free(doc);
}

static void deep_nesting_returns(void **state)
{
	(void)state;
	enum { DEPTH = 100000 };
	chr_buf b;
	chr_buf_init(&b, 0);
	assert_int_equal(chr_buf_puts(&b, "<html><body><p>Before the deep part.</p>"), CHR_OK);
	for (int i = 0; i < DEPTH; i++)
		assert_int_equal(chr_buf_puts(&b, "<div>"), CHR_OK);
	assert_int_equal(chr_buf_puts(&b, "deep"), CHR_OK);
	for (int i = 0; i < DEPTH; i++)
		assert_int_equal(chr_buf_puts(&b, "</div>"), CHR_OK);
	clock_t t0 = clock();
	chr_doc *doc = clean_html(b.data, b.len);
	double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	assert_non_null(find_block(doc, "Before the deep part."));
	/* Generous bound: without the depth guard gumbo needs ~24 s here. */
	assert_true(secs < 5.0);
	chr_doc_free(doc);
	/* Deep inline nesting goes through the same walk. */
	chr_buf_clear(&b);
	for (int i = 0; i < DEPTH; i++)
		assert_int_equal(chr_buf_puts(&b, "<span>"), CHR_OK);
	assert_int_equal(chr_buf_puts(&b, "x"), CHR_OK);
	doc = clean_html(b.data, b.len);
	chr_doc_free(doc);
	chr_buf_free(&b);
}

static void empty_and_garbage_input(void **state)
{
	(void)state;
	chr_doc *doc = clean_html("", 0);
	assert_int_equal(doc->nblocks, 0);
	assert_null(doc->hints.title);
	chr_doc_free(doc);
	static const char garbage[] = "<<<>>><a <p <<!-- </div></div></p>&#xFFFFFF;&#0;&bogus; \xEF\xBF\xBD <";
	doc = clean_html(garbage, sizeof garbage - 1);
	chr_doc_free(doc);
	unsigned char bin[4096];
	uint32_t x = 12345;
	for (size_t i = 0; i < sizeof bin; i++) {
		x = x * 1103515245u + 12345u;
		bin[i] = (unsigned char)(x >> 24);
	}
	doc = clean_html((const char *)bin, sizeof bin);
	chr_doc_free(doc);
}

#define STORY_P1 "The village council voted on Monday to keep the old library open for two more years."
#define STORY_P2 "Its members said that the building, although small and cold in winter, was still used " \
	"by many families who have no other quiet place to read."
#define STORY_P3 "A new library will be planned once the budget for the school extension is settled."

static void json_ld_body_guides_selection(void **state)
{
	(void)state;
	/* The long essay outscores the short story on commas and length; the
	 * JSON-LD articleBody says the story is the article. */
	static const char html[] =
		"<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
		"\"headline\":\"Library stays open\",\"articleBody\":\"" STORY_P1 " " STORY_P2 " " STORY_P3 "\"}"
		"</script></head><body>"
		"<div class=\"x1\"><p>" STORY_P1 "</p><p>" STORY_P2 "</p><p>" STORY_P3 "</p></div>"
		"<div class=\"x2\"><div>"
		"<p>Our town, which sits on a bend of the river, has a long history of trade, fishing, "
		"farming, weaving, and, more recently, tourism, which now brings in most of its income.</p>"
		"<p>In summer, visitors come for the beaches, the boats, the markets, and the festivals, "
		"while in winter, when the roads are icy, the streets are quiet, and the shops close early.</p>"
		"<p>The old mill, the chapel, the bridge, and the harbour wall were all built, as far as "
		"anyone knows, in the same decade, by the same families, with stone from the same quarry.</p>"
		"<p>Local clubs, including the rowing club, the choir, the chess circle, and the walking "
		"group, meet every week, and new members, whether young or old, are always welcome.</p>"
		"</div></div></body></html>";
	chr_doc *doc = clean_html(html, sizeof html - 1);
	assert_int_equal(find_block(doc, "village council voted")->p.label, CHR_LABEL_BODY);
	assert_int_equal(find_block(doc, "A new library will be planned")->p.label, CHR_LABEL_BODY);
	assert_int_not_equal(find_block(doc, "Our town, which sits")->p.label, CHR_LABEL_BODY);
	assert_int_not_equal(find_block(doc, "Local clubs")->p.label, CHR_LABEL_BODY);
	chr_doc_free(doc);
}

static void captions_and_comments_are_not_body(void **state)
{
	(void)state;
	static const char html[] =
		"<html><body><div class=\"post\">" PROSE
		"<div><img src=\"a.jpg\"><span>The new ferry at the northern yard</span></div>"
		"<figure><img src=\"b.jpg\"><figcaption>Crew members during a test run.</figcaption></figure>"
		"<p>Follow us on social media for updates</p></div>"
		"<div id=\"comments\"><p>I think this is a great idea, and I hope that the boats will be on "
		"time, because the old ones never were, and we all lost hours every single week.</p>"
		"<p>Sadly, nobody asked the people who live near the harbour, and the noise will be terrible, "
		"especially in the early mornings, when the first boats leave.</p>"
		"<p>Another comment, which is long, detailed, and angry, about parking, fares, timetables, "
		"and the council, and which goes on and on for a long time.</p>"
		"<p>Yet another comment, equally long, about the unions, the crews, the weather, the buses, "
		"and the tickets, and about the town in general, for good measure.</p>"
		"<p>And one more, from a visitor, about the beaches, the cafes, the museum, the castle, and "
		"the old lighthouse, which has nothing to do with the ferry at all.</p></div>"
		"</body></html>";
	chr_doc *doc = clean_html(html, sizeof html - 1);
	assert_int_equal(find_block(doc, "Officials added")->p.label, CHR_LABEL_BODY);
	assert_int_not_equal(find_block(doc, "The new ferry at the northern yard")->p.label, CHR_LABEL_BODY);
	assert_int_not_equal(find_block(doc, "Crew members during")->p.label, CHR_LABEL_BODY);
	assert_int_not_equal(find_block(doc, "Follow us on social")->p.label, CHR_LABEL_BODY);
	assert_int_not_equal(find_block(doc, "I think this is a great idea")->p.label, CHR_LABEL_BODY);
	assert_int_not_equal(find_block(doc, "And one more")->p.label, CHR_LABEL_BODY);
	chr_doc_free(doc);
}

static void public_api_cleans_html(void **state)
{
	(void)state;
	chr_raw_doc raw = test_raw(page_html, CHR_FORMAT_HTML);
	chr_doc *doc = NULL;
	assert_int_equal(chr_doc_clean(&raw, NULL, &doc), CHR_OK);
	size_t len = 0;
	const char *text = chr_doc_text(doc, &len);
	assert_non_null(strstr(text, "The harbour authority said on Tuesday"));
	assert_null(strstr(text, "Home"));
	assert_null(strstr(text, "Bridge repairs"));
	assert_null(strstr(text, "All rights reserved"));
	chr_doc_free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(drops_scripts_styles_hidden_and_forms),
		cmocka_unit_test(keeps_body_in_order_with_kinds),
		cmocka_unit_test(decodes_entities),
		cmocka_unit_test(labels_chrome_teaser_legal_title),
		cmocka_unit_test(fills_hints),
		cmocka_unit_test(reads_json_ld_hints),
		cmocka_unit_test(falls_back_to_title_and_time),
		cmocka_unit_test(dates_in_words_and_site_suffixes),
		cmocka_unit_test(link_menus_are_not_body),
		cmocka_unit_test(text_in_divs_becomes_paragraphs),
		cmocka_unit_test(deep_nesting_returns),
		cmocka_unit_test(empty_and_garbage_input),
		cmocka_unit_test(json_ld_body_guides_selection),
		cmocka_unit_test(captions_and_comments_are_not_body),
		cmocka_unit_test(public_api_cleans_html),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
