/*
 * gen_corpus.c - benchmark input: a seeded generator of scraped-news-shaped
 * documents (bench/run.sh feeds them to `chronicle text` and the bench_*
 * programs).  Standalone: uses only the C library.
 *
 *   gen_corpus text  DIR  N [SEED]   N plain-text articles of about 4 KB,
 *                                    DIR/NNN/NNNNNN.txt (1000 per folder)
 *   gen_corpus jsonl FILE N [SEED]   the same N articles as JSON Lines
 *                                    {"id","url","date","title","text"}
 *   gen_corpus html  DIR  N [SEED]   N HTML pages of about 80 KB,
 *                                    DIR/NNN/NNNNNN.html
 *   gen_corpus dupes FILE N [SEED]   N JSON Lines articles of which about 10%
 *                                    are near copies and 5% exact copies of an
 *                                    earlier one, and FILE.truth.tsv:
 *                                    copy_id<TAB>original_id<TAB>near|exact
 *
 * A given SEED always gives the same bytes, and document i is the same
 * whatever N is, so a 10x corpus contains the 1x corpus as its first part.
 * Text articles have the seeds' shape: a ` date` header (sometimes running
 * into the body, sometimes with an HTTP status), site chrome, a title, an
 * agency dateline, 8-15 body paragraphs, sometimes a repeated paragraph, a
 * legal notice and unrelated teasers.  HTML pages wrap a similar article in
 * a head with metadata and JSON-LD, big scripts and styles, navigation,
 * share bars, asides, comments and a footer, as real news pages do (the
 * article is about a tenth of the page).
 *
 * The dupes corpus tests duplicate detection (bench/ingest_scale.sh scores
 * it with bench/score_dedup.py).  Its originals are the jsonl articles with
 * the same index.  An exact copy repeats an original's text under another
 * id and url.  A near copy is the story as another outlet reprints it: its
 * own chrome, legal notice and teasers, the same title and dateline (so the
 * same agency credit), and 1-3 sub-editor's edits: words substituted,
 * deleted or inserted, a sentence dropped or added, a new lead, house-style
 * quotes, commas or capitals, a credit or "Read more" line appended.  Copies
 * follow their original within 5,000 documents and favour a fifth of the
 * originals ("wire stories"): of a million documents, 111,302 groups, 81,640
 * of 2 documents and 4 of 9.  Word 5-shingle Jaccard of whole texts, seed
 * 42: unrelated originals 0.005 on average, at most 0.06 in 500,000 pairs;
 * near copies against their original median 0.83, 5th percentile 0.67,
 * least 0.44 (a short story with a new lead); the stories alone, without
 * chrome, notices and teasers, median 0.93.  One million documents (3.9 GB)
 * take about 30 s here, in 3 MB of memory.
 */
#include <assert.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- deterministic randomness (splitmix64: tiny, good enough, seedable) ---- */

static uint64_t rng_state;

static uint64_t rng_next(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A number in [lo, hi]. */
static unsigned rng_range(unsigned lo, unsigned hi)
{
	return lo + (unsigned)(rng_next() % (uint64_t)(hi - lo + 1));
}

#define PICK(arr) (arr[rng_next() % (sizeof arr / sizeof arr[0])])

/* ---- vocabulary (our own word lists) ---- */

static const char *const stop_words[] = {
	"the", "the", "the", "of", "of", "and", "and", "to", "to", "in", "a", "a",
	"that", "for", "on", "with", "as", "by", "at", "from", "was", "is", "were",
	"has", "had", "would", "will", "it", "its", "their", "after", "before",
	"over", "into", "but", "not", "which", "who", "this", "between",
};

static const char *const content_words[] = {
	"talks", "delegation", "agreement", "proposal", "ministry", "government",
	"border", "crossing", "reservoir", "negotiations", "envoy", "mediator",
	"officials", "statement", "parliament", "committee", "framework", "draft",
	"water", "data", "inspections", "engineers", "dam", "release", "fishermen",
	"families", "capital", "session", "round", "progress", "concerns",
	"security", "trade", "lorries", "harvest", "farmers", "region", "province",
	"treaty", "protocol", "commission", "sanctions", "economy", "budget",
	"election", "opposition", "spokesman", "spokeswoman", "reporters",
	"journalists", "meeting", "summit", "visit", "conference", "ceasefire",
	"prisoners", "exchange", "guarantees", "sequence", "points", "document",
	"discussed", "agreed", "rejected", "proposed", "confirmed", "announced",
	"insisted", "warned", "welcomed", "criticised", "described", "expected",
	"signed", "reopened", "delayed", "postponed", "prepared", "presented",
	"constructive", "difficult", "practical", "useful", "cautious", "formal",
	"joint", "bilateral", "regional", "national", "technical", "humanitarian",
	"several", "further", "important", "possible", "first", "second", "final",
	"weeks", "months", "years", "morning", "evening", "night", "days",
};

static const char *const first_names[] = {
	"Maren", "Arkady", "Ines", "Tomas", "Lena", "Pavel", "Anja", "Viktor",
	"Clara", "Jonas", "Irina", "Mateo", "Sofia", "Emil", "Nadia", "Oskar",
};

static const char *const last_names[] = {
	"Holst", "Zhelnin", "Albrecht", "Varga", "Marquart", "Orlov", "Lind",
	"Kessler", "Novak", "Brandt", "Sorel", "Petrov", "Aalto", "Dumas",
};

static const char *const roles[] = {
	"Foreign Minister", "Deputy Foreign Minister", "special representative",
	"presidential aide", "the mediator", "Prime Minister", "Defence Minister",
	"the ambassador", "a senior official", "the spokeswoman",
};

static const char *const cities[] = {
	"GENEVA", "VIENNA", "SARVEL", "OSTREL", "OSLO", "HELSINKI", "BRUSSELS",
	"ISTANBUL", "DOHA", "ROME", "WARSAW", "PRAGUE",
};

/* Dateline formats: city, month, day, then the agency's credit style. */
static const char *const datelines[] = {
	"%s, %s %u. /DRAVPRESS/. ", "%s, %s %u (Meridian Wire) - ", "%s, %s %u. /NORDAGENCY/. ",
	"(Harbour Post) %s, %s %u: ", "%s, %s %u -- ", "%s, %s %u. /KNA/. ",
};

static const char *const months[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

static const char *const weekdays[] = {
	"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
};

static const char *const chrome_lines[] = {
	"Menu", "Search", "Subscribe", "Sign in", "Font size:", "Share", "Print",
	"Skip to main content", "View settings", "Site colours:", "Images",
	"Home | World | Politics | Business | Sport", "Listen to this article",
	"Главная", "Startseite", "Accueil",
};

static const char *const legal_lines[] = {
	"© 2025 The Sarvel Courier. All rights reserved. Reproduction in whole or in part without written permission is prohibited.",
	"LEGAL NOTICE: The publisher owns the copyright in all text, photographs and video on this site. Republishing any of it requires written permission.",
	"Disclaimer: This material is republished as received. The publisher is not liable for errors or omissions in it.",
	"Copyright 2025 Meridian Wire Ltd. All rights reserved.",
	"© 2025 Lessa-Rundschau. Alle Rechte vorbehalten.",
	"Tous droits réservés © 2025 L'Écho des Nations.",
};

static const char *const teaser_topics[] = {
	"football club wins the cup after extra time in a match halted by fog",
	"rail workers announce a two-day strike over pay in the eastern provinces",
	"new exhibition of medieval maps opens at the city museum",
	"central bank leaves its main interest rate unchanged for a third time",
	"storm warning issued for the northern coast as temperatures fall",
	"tech start-up raises funds to build a battery plant near the capital",
	"city council approves a new tram line after two years of debate",
	"firefighters bring a warehouse blaze under control after six hours",
};

/* ---- a growing output buffer ---- */

typedef struct out_buf {
	char *data;
	size_t len, cap;
} out_buf;

/* Room for N more bytes and the terminating NUL. */
static void reserve(out_buf *b, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 8192;
		while (cap < b->len + n + 1)
			cap *= 2;
		char *p = realloc(b->data, cap);
		if (!p) {
			fprintf(stderr, "gen_corpus: out of memory\n");
			exit(1);
		}
		b->data = p;
		b->cap = cap;
	}
}

static void put_n(out_buf *b, const char *s, size_t n)
{
	reserve(b, n);
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

static void put(out_buf *b, const char *s) { put_n(b, s, strlen(s)); }

static void putf(out_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void putf(out_buf *b, const char *fmt, ...)
{
	char tmp[1024];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n > 0)
		put_n(b, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

/* ---- article pieces ---- */

static void put_name(out_buf *b)
{
	putf(b, "%s %s", PICK(first_names), PICK(last_names));
}

/* One sentence of 10-26 words, about 40% stop words, sometimes a name,
 * a number or a quotation. */
static void put_sentence(out_buf *b)
{
	unsigned words = rng_range(10, 26);
	unsigned quote = rng_range(0, 5) == 0;
	if (quote)
		put(b, "\"");
	for (unsigned i = 0; i < words; i++) {
		if (i)
			put(b, " ");
		unsigned r = rng_range(0, 99);
		const char *w;
		if (r < 40)
			w = PICK(stop_words);
		else if (r < 44 && i > 0) {
			put_name(b);
			continue;
		} else if (r < 46) {
			putf(b, "%u", rng_range(2, 3000));
			continue;
		} else if (r < 48 && i > 0) {
			putf(b, "on %s", PICK(weekdays));
			continue;
		} else
			w = PICK(content_words);
		if (i == 0) {
			char first[64];
			snprintf(first, sizeof first, "%s", w);
			if (first[0] >= 'a' && first[0] <= 'z')
				first[0] = (char)(first[0] - 'a' + 'A');
			put(b, first);
		} else {
			put(b, w);
		}
		if (i + 1 < words && rng_range(0, 11) == 0)
			put(b, ",");
	}
	if (quote) {
		put(b, ",\" ");
		put_name(b);
		put(b, " said.");
	} else {
		put(b, ".");
	}
}

static void put_paragraph(out_buf *b, unsigned min_sentences, unsigned max_sentences)
{
	unsigned n = rng_range(min_sentences, max_sentences);
	for (unsigned i = 0; i < n; i++) {
		if (i)
			put(b, " ");
		put_sentence(b);
	}
}

static void put_title(out_buf *b)
{
	putf(b, "%s %s %s %s in %s", PICK(roles), PICK(last_names), PICK(content_words),
	     PICK(content_words), PICK(cities));
}

typedef struct doc_meta {
	unsigned month, day;
} doc_meta;

static doc_meta pick_date(void)
{
	doc_meta m = {rng_range(1, 12), rng_range(1, 28)};
	return m;
}

/* Where the parts of a text article lie in its buffer, so that a near copy
 * can keep the dateline (and with it the agency credit) and edit only the
 * story.  Offsets into the buffer; title == title_end when there is none. */
typedef struct article_spans {
	size_t title, title_end;
	size_t dateline, lead, body_end; /* lead: the first sentence after the dateline */
} article_spans;

static void seed_text_article(unsigned long index, uint64_t seed)
{
	rng_state = seed ^ (0x5851f42d4c957f2dULL * (index + 1));
}

/* The date of text article INDEX: the first draw after seeding. */
static doc_meta text_article_date(unsigned long index, uint64_t seed)
{
	seed_text_article(index, seed);
	return pick_date();
}

/* A plain-text article of about 4 KB in the seeds' shape.  SPANS (OUT, may be
 * NULL) receives where its parts are; it draws nothing from the generator, so
 * the article is the same bytes either way. */
static void make_text_article(out_buf *b, unsigned long index, uint64_t seed, int with_header,
			      article_spans *spans)
{
	article_spans sp = {0};
	seed_text_article(index, seed);
	doc_meta m = pick_date();
	unsigned shape = rng_range(0, 3);
	if (with_header) {
		if (shape == 0)
			putf(b, " date 2025-%02u-%02u ", m.month, m.day); /* runs into the body */
		else if (shape == 1)
			putf(b, " date 2025-%02u-%02u 404\nSorry, the page you requested could not be found.\n\n",
			     m.month, m.day);
		else
			putf(b, " date 2025-%02u-%02u\n", m.month, m.day);
	}
	if (shape != 0) {
		unsigned chrome = rng_range(0, 5);
		for (unsigned i = 0; i < chrome; i++) {
			put(b, PICK(chrome_lines));
			put(b, "\n\n");
		}
		sp.title = b->len;
		put_title(b);
		sp.title_end = b->len;
		put(b, "\n\n");
	}
	const char *dateline = PICK(datelines);
	sp.dateline = b->len;
	putf(b, dateline, PICK(cities), months[m.month - 1], m.day);
	sp.lead = b->len;
	put_paragraph(b, 2, 3);
	put(b, "\n\n");
	unsigned paras = rng_range(8, 15);
	size_t repeat_from = 0, repeat_len = 0;
	for (unsigned i = 0; i < paras; i++) {
		size_t start = b->len;
		put_paragraph(b, 1, 3);
		if (i == 2) {
			repeat_from = start;
			repeat_len = b->len - start;
		}
		put(b, "\n\n");
	}
	if (repeat_len && rng_range(0, 4) == 0) {
		/* A paragraph repeated inside the page, as scrapers of "read more"
		 * widgets produce; copied out first because put_n may move data. */
		char *copy = malloc(repeat_len);
		if (copy) {
			memcpy(copy, b->data + repeat_from, repeat_len);
			put_n(b, copy, repeat_len);
			put(b, "\n\n");
			free(copy);
		}
	}
	sp.body_end = b->len;
	if (spans)
		*spans = sp;
	put(b, PICK(legal_lines));
	put(b, "\n\n");
	unsigned teasers = rng_range(1, 3);
	for (unsigned i = 0; i < teasers; i++) {
		const char *t = PICK(teaser_topics);
		putf(b, "%c%s.\n\n", t[0] - 'a' + 'A', t + 1);
	}
}

/* JSON string escaping for the few characters the generator can emit. */
static void put_json_string(out_buf *b, const char *s, size_t n)
{
	put(b, "\"");
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *esc = NULL;
		if (c == '"')
			esc = "\\\"";
		else if (c == '\\')
			esc = "\\\\";
		else if (c == '\n')
			esc = "\\n";
		else if (c == '\t')
			esc = "\\t";
		if (esc) {
			put_n(b, s + run, i - run);
			put(b, esc);
			run = i + 1;
		}
	}
	put_n(b, s + run, n - run);
	put(b, "\"");
}

/* ---- HTML pages ---- */

static void put_link_list(out_buf *b, const char *cls, unsigned n)
{
	putf(b, "<ul class=\"%s\">\n", cls);
	for (unsigned i = 0; i < n; i++) {
		putf(b, "<li class=\"%s__item\"><a class=\"%s__link\" href=\"/%s/%s-%u\" data-track=\"%s-%u\">",
		     cls, cls, PICK(content_words), PICK(content_words), rng_range(1000, 99999), cls, i);
		const char *t = PICK(teaser_topics);
		putf(b, "%c%s</a></li>\n", t[0] - 'a' + 'A', t + 1);
	}
	put(b, "</ul>\n");
}

/* Minified-looking script text: the bulk of a real news page. */
static void put_script_body(out_buf *b, size_t bytes)
{
	size_t end = b->len + bytes;
	while (b->len < end)
		putf(b, "var %s_%u=function(e,t){if(!e||!t)return null;var n=document.querySelectorAll(\"[data-%s]\");"
		     "for(var r=0;r<n.length;r++){n[r].setAttribute(\"data-%s-%u\",t+r)}return n.length};",
		     PICK(content_words), rng_range(0, 99999), PICK(content_words), PICK(content_words),
		     rng_range(0, 999));
}

static void put_style_body(out_buf *b, size_t bytes)
{
	size_t end = b->len + bytes;
	while (b->len < end)
		putf(b, ".%s-%u{margin:%upx %upx;padding:0 %upx;color:#%06x;font-size:%u.%upx}\n",
		     PICK(content_words), rng_range(0, 999), rng_range(0, 40), rng_range(0, 40),
		     rng_range(0, 30), (unsigned)(rng_next() & 0xffffff), rng_range(10, 28), rng_range(0, 9));
}

static void make_html_page(out_buf *b, unsigned long index, uint64_t seed)
{
	rng_state = seed ^ (0x2545f4914f6cdd1dULL * (index + 1));
	doc_meta m = pick_date();
	out_buf title = {0};
	put_title(&title);
	put(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
	putf(b, "<title>%s | The Alpine Ledger</title>\n", title.data);
	put(b, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	       "<meta property=\"og:site_name\" content=\"The Alpine Ledger\">\n");
	putf(b, "<meta property=\"og:title\" content=\"%s\">\n", title.data);
	putf(b, "<meta property=\"article:published_time\" content=\"2025-%02u-%02uT%02u:%02u:00+01:00\">\n",
	     m.month, m.day, rng_range(6, 22), rng_range(0, 59));
	for (unsigned i = 0; i < 25; i++)
		putf(b, "<link rel=\"preload\" as=\"script\" href=\"/static/js/chunk-%u.%08x.js\">\n", i,
		     (unsigned)rng_next());
	putf(b, "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\","
	     "\"headline\":\"%s\",\"datePublished\":\"2025-%02u-%02uT08:00:00+01:00\","
	     "\"publisher\":{\"@type\":\"Organization\",\"name\":\"The Alpine Ledger\"}}</script>\n",
	     title.data, m.month, m.day);
	put(b, "<style>\n");
	put_style_body(b, rng_range(7000, 10000));
	put(b, "</style>\n<script>\n");
	put_script_body(b, rng_range(18000, 24000));
	put(b, "</script>\n</head>\n<body class=\"page page--article\">\n");
	put(b, "<div class=\"cookie-banner\"><p>We use cookies to improve your experience. By continuing to "
	       "browse you accept our use of cookies.</p><button>Accept all</button><button>Manage settings</button></div>\n");
	put(b, "<header class=\"site-header\"><div class=\"wrap\"><a class=\"logo\" href=\"/\">The Alpine Ledger</a>\n"
	       "<nav class=\"main-nav\" aria-label=\"Main\">\n");
	put_link_list(b, "nav", rng_range(40, 60));
	put(b, "</nav>\n<form class=\"search\" action=\"/search\"><input type=\"search\" name=\"q\">"
	       "<button>Search</button></form></div></header>\n");
	put(b, "<main><div class=\"layout\"><div class=\"layout__main\"><div class=\"container\">\n<article class=\"story\">\n");
	putf(b, "<h1 class=\"story__title\">%s</h1>\n", title.data);
	putf(b, "<p class=\"byline\">By %s %s &middot; <time datetime=\"2025-%02u-%02u\">%u %s 2025</time></p>\n",
	     PICK(first_names), PICK(last_names), m.month, m.day, m.day, months[m.month - 1]);
	put(b, "<div class=\"share-bar\"><a href=\"#\">Share</a> <a href=\"#\">Tweet</a> <a href=\"#\">Email</a></div>\n");
	put(b, "<figure><img src=\"/img/lead.jpg\" alt=\"\"><figcaption>");
	put_sentence(b);
	put(b, " Photo: Ledger staff</figcaption></figure>\n");
	unsigned paras = rng_range(10, 15);
	for (unsigned i = 0; i < paras; i++) {
		if (i == 0)
			putf(b, "<p>%s, %s %u (Ledger) &ndash; ", PICK(cities), months[m.month - 1], m.day);
		else
			put(b, "<p>");
		put_paragraph(b, 2, 4);
		put(b, "</p>\n");
		if (i == 4) {
			put(b, "<blockquote><p>&ldquo;");
			put_sentence(b);
			put(b, "&rdquo;</p></blockquote>\n");
		}
		if (i == 7) {
			put(b, "<div class=\"ad-slot\" data-slot=\"mid\"><script>window.ads&&ads.push(\"mid\")</script></div>\n");
		}
	}
	put(b, "</article>\n</div></div>\n<aside class=\"related\"><h2>Related stories</h2>\n");
	put_link_list(b, "related", rng_range(15, 25));
	put(b, "</aside>\n<section class=\"comments\"><h2>Comments</h2>\n");
	for (unsigned i = 0, n = rng_range(3, 8); i < n; i++) {
		put(b, "<div class=\"comment\"><span class=\"comment__author\">");
		put_name(b);
		put(b, "</span><p>");
		put_sentence(b);
		put(b, "</p></div>\n");
	}
	put(b, "</section>\n</div></main>\n<footer class=\"site-footer\">\n");
	put_link_list(b, "footer", rng_range(40, 60));
	put(b, "<p>&copy; 2025 The Alpine Ledger AG. All rights reserved.</p>\n</footer>\n<script>\n");
	/* Pad the trailing script so pages land near 80 KB, as the benchmark
	 * figures in PERFORMANCE.md assume. */
	size_t target = 80 * 1024 + rng_range(0, 8192) - 4096;
	put_script_body(b, b->len < target ? target - b->len : 1000);
	put(b, "\n</script>\n</body>\n</html>\n");
	free(title.data);
}

/* ---- the dupes corpus: text articles, some of them copies of earlier ones ---- */

/* Shares of copies, per mille of all documents (the rest are originals). */
enum { NEAR_PER_MILLE = 100, EXACT_PER_MILLE = 50 };

/* A copy reproduces a story at most COPY_WINDOW documents earlier: scrapes
 * are roughly in time order and syndication follows within days.  It tries
 * COPY_TRIES earlier documents for a wire story before taking any original. */
enum { COPY_WINDOW = 5000, COPY_TRIES = 8 };

/* Sentences the sentence edits look at: a story has at most about 60. */
enum { MAX_SENTENCES = 512 };

enum doc_kind { DOC_ORIGINAL, DOC_NEAR, DOC_EXACT };

static const char *const copy_outlets[] = {
	"sarvel-courier.example", "alpine-ledger.example", "harbour-post.example",
	"lessa-rundschau.example", "echo-des-nations.example", "northgate-times.example",
	"ostrel-daily.example", "meridian-wire.example", "baltic-observer.example",
	"valley-gazette.example", "dravpress.example", "the-lantern.example",
};

/* Words a sub-editor slips in. */
static const char *const inserted_words[] = {
	"also", "reportedly", "now", "again", "formally", "later", "still", "already",
	"officially", "finally", "largely", "partly", "publicly", "quietly",
};

static const char *const read_more[] = {
	"Read more:", "Also read:", "Related:", "See also:", "More on this story:",
};

static uint64_t mix64(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A draw that depends only on (seed, index, salt), not on the documents
 * written before: what document i is and what it copies must be the same
 * whatever N is, and must cost no memory to look up again. */
static uint64_t doc_hash(uint64_t seed, unsigned long index, unsigned salt)
{
	return mix64(seed ^ mix64(((uint64_t)index << 8 | salt) + 0x632be59bd9b4e019ULL));
}

static enum doc_kind doc_kind_of(unsigned long index, uint64_t seed)
{
	if (index == 0)
		return DOC_ORIGINAL;
	unsigned r = (unsigned)(doc_hash(seed, index, 1) % 1000);
	if (r < NEAR_PER_MILLE)
		return DOC_NEAR;
	return r < NEAR_PER_MILLE + EXACT_PER_MILLE ? DOC_EXACT : DOC_ORIGINAL;
}

/* One original in five is a wire story, which draws most of the copies, so
 * groups vary in size as syndication groups do (one copy, or five). */
static int is_wire_story(unsigned long index, uint64_t seed)
{
	return doc_hash(seed, index, 2) % 5 == 0;
}

/* The original that copy INDEX reproduces: always an original, never another
 * copy, so that every copy is one edit step from the text the truth file
 * names.  The recursion goes to strictly earlier documents and is rarely
 * taken (when all tries land on copies). */
static unsigned long original_of(unsigned long index, uint64_t seed)
{
	assert(index > 0);
	unsigned long window = index < COPY_WINDOW ? index : COPY_WINDOW;
	unsigned long j = 0;
	for (unsigned t = 0; t < COPY_TRIES; t++) {
		j = index - 1 - (unsigned long)(doc_hash(seed, index, 3 + t) % window);
		if (doc_kind_of(j, seed) == DOC_ORIGINAL && is_wire_story(j, seed))
			return j;
	}
	return doc_kind_of(j, seed) == DOC_ORIGINAL ? j : original_of(j, seed);
}

/* Replaces B[at, at + del) by INS[0, n).  INS must not point into B, whose
 * data may move. */
static void splice(out_buf *b, size_t at, size_t del, const char *ins, size_t n)
{
	assert(at + del <= b->len);
	if (n > del)
		reserve(b, n - del);
	memmove(b->data + at + n, b->data + at + del, b->len - at - del + 1);
	memcpy(b->data + at, ins, n);
	b->len = b->len - del + n;
}

static int is_lower(char c) { return c >= 'a' && c <= 'z'; }

static int is_upper(char c) { return c >= 'A' && c <= 'Z'; }

/* A plain lowercase word at or after a random point of W, as [*start, *end):
 * names, numbers and sentence starts are left alone, as a sub-editor would.
 * The word is followed by a space, so deleting it with that space leaves
 * tidy text.  Returns 0 when W has none. */
static int find_word(const out_buf *w, size_t *start, size_t *end)
{
	if (w->len < 2)
		return 0;
	size_t from = (size_t)(rng_next() % w->len);
	for (size_t k = 0; k < w->len; k++) {
		size_t p = (from + k) % w->len;
		if (p == 0 || w->data[p - 1] != ' ' || !is_lower(w->data[p]))
			continue;
		size_t e = p;
		while (e < w->len && is_lower(w->data[e]))
			e++;
		if (e < w->len && w->data[e] == ' ') {
			*start = p;
			*end = e;
			return 1;
		}
	}
	return 0;
}

/* Where W's sentences start: at 0, after ". " and after a paragraph break.
 * Generated sentences hold no other ". " (no abbreviations, quotes end in
 * ",\""), so this is exact for them. */
static size_t find_sentences(const out_buf *w, size_t *starts)
{
	size_t n = 0;
	for (size_t p = 0; p < w->len && n < MAX_SENTENCES; p++) {
		if (p == 0 || (p >= 2 && ((w->data[p - 2] == '.' && w->data[p - 1] == ' ') ||
					  (w->data[p - 2] == '\n' && w->data[p - 1] == '\n'))))
			starts[n++] = p;
	}
	return n;
}

static void edit_substitute_words(out_buf *w)
{
	for (unsigned k = rng_range(1, 4); k > 0; k--) {
		size_t s, e;
		if (!find_word(w, &s, &e))
			return;
		const char *r = PICK(content_words);
		if (strlen(r) == e - s && !memcmp(r, w->data + s, e - s))
			r = PICK(inserted_words);
		splice(w, s, e - s, r, strlen(r));
	}
}

static void edit_delete_words(out_buf *w)
{
	for (unsigned k = rng_range(1, 3); k > 0; k--) {
		size_t s, e;
		if (find_word(w, &s, &e))
			splice(w, s, e + 1 - s, "", 0);
	}
}

static void edit_insert_words(out_buf *w)
{
	for (unsigned k = rng_range(1, 3); k > 0; k--) {
		size_t s, e;
		if (!find_word(w, &s, &e))
			return;
		char ins[64];
		int n = snprintf(ins, sizeof ins, "%s ", rng_range(0, 2) ? PICK(inserted_words) : PICK(content_words));
		splice(w, s, 0, ins, (size_t)n);
	}
}

static void edit_drop_sentence(out_buf *w)
{
	size_t starts[MAX_SENTENCES];
	size_t n = find_sentences(w, starts);
	if (n < 2)
		return;
	size_t k = rng_next() % n, s = starts[k];
	if (k + 1 < n) {
		size_t e = starts[k + 1];
		if (w->data[e - 1] == ' ' || s == 0 || w->data[s - 1] == '\n')
			splice(w, s, e - s, "", 0); /* with its space, or its whole paragraph */
		else
			splice(w, s - 1, e - 2 - (s - 1), "", 0); /* the last of its paragraph */
	} else {
		size_t from = w->data[s - 1] == ' ' ? s - 1 : s - 2;
		splice(w, from, w->len - from, "", 0);
	}
}

static void edit_add_sentence(out_buf *w, out_buf *tmp)
{
	size_t starts[MAX_SENTENCES];
	size_t n = find_sentences(w, starts);
	tmp->len = 0;
	put_sentence(tmp);
	put(tmp, " ");
	splice(w, n ? starts[rng_next() % n] : 0, 0, tmp->data, tmp->len);
}

/* Another outlet's lead: new opening sentences behind the same dateline. */
static void edit_new_lead(out_buf *w, out_buf *tmp)
{
	const char *brk = strstr(w->data, "\n\n");
	size_t lead_len = brk ? (size_t)(brk - w->data) : w->len;
	tmp->len = 0;
	put_paragraph(tmp, 2, 3);
	splice(w, 0, lead_len, tmp->data, tmp->len);
}

/* House style: typographic quotes, fewer commas, a capitalised word. */
static void edit_punctuation(out_buf *w, out_buf *tmp)
{
	unsigned how = rng_range(0, 2);
	if (!w->len)
		return;
	if (how == 0 && strchr(w->data, '"')) {
		tmp->len = 0;
		for (size_t p = 0; p < w->len; p++) {
			if (w->data[p] != '"')
				put_n(tmp, w->data + p, 1);
			else if (p == 0 || w->data[p - 1] == ' ' || w->data[p - 1] == '\n')
				put(tmp, "\xe2\x80\x9c");
			else
				put(tmp, "\xe2\x80\x9d");
		}
		w->len = 0;
		put_n(w, tmp->data, tmp->len);
		return;
	}
	for (unsigned k = rng_range(1, 3); k > 0; k--) {
		size_t s, e;
		if (how == 1) {
			const char *c = strchr(w->data + rng_next() % w->len, ',');
			if (c && c[1] == ' ')
				splice(w, (size_t)(c - w->data), 1, "", 0);
		} else if (find_word(w, &s, &e)) {
			w->data[s] = (char)(w->data[s] - 'a' + 'A');
		}
	}
}

/* The agency credit in a dateline, "/DRAVPRESS/" or "(Meridian Wire)", into
 * OUT; returns 0 when the dateline has none. */
static int dateline_agency(const char *d, size_t n, char *out, size_t cap)
{
	for (size_t p = 0; p < n; p++) {
		char close = d[p] == '/' ? '/' : d[p] == '(' ? ')' : 0;
		if (!close)
			continue;
		const char *e = memchr(d + p + 1, close, n - p - 1);
		if (e && (size_t)(e - d - p - 1) < cap) {
			snprintf(out, cap, "%.*s", (int)(e - d - p - 1), d + p + 1);
			return 1;
		}
	}
	return 0;
}

/* Near copy INDEX of original ORIG as another outlet prints it: its own site
 * chrome, legal notice and teasers around the original's title and story,
 * the dateline kept (with the agency credit), the story edited 1-3 times.
 * Sets *date to the copy's date. */
static void make_near_copy(out_buf *b, unsigned long index, unsigned long orig, uint64_t seed,
			   doc_meta *date, out_buf *src, out_buf *w, out_buf *tmp)
{
	article_spans sp;
	src->len = 0;
	make_text_article(src, orig, seed, 0, &sp);
	*date = text_article_date(orig, seed);
	rng_state = seed ^ (0x9fb21c651e98df25ULL * (index + 1));
	if (rng_range(0, 3) == 0 && !(date->month == 2 && date->day == 28))
		date->day++; /* a day later; days stop at 28, so this stays a date */

	w->len = 0;
	put_n(w, src->data + sp.lead, sp.body_end - sp.lead);
	while (w->len && w->data[w->len - 1] == '\n')
		w->data[--w->len] = '\0';
	int city_case = 0, appended = 0;
	for (unsigned k = 0, ops = rng_range(0, 9) < 5 ? 1 : rng_range(2, 3); k < ops; k++) {
		/* The first edit changes words, so no near copy is an exact
		 * copy of the story behind different chrome. */
		unsigned op = rng_range(0, k == 0 ? 77 : 99);
		if (op < 22)
			edit_substitute_words(w);
		else if (op < 34)
			edit_delete_words(w);
		else if (op < 46)
			edit_insert_words(w);
		else if (op < 60)
			edit_drop_sentence(w);
		else if (op < 70)
			edit_add_sentence(w, tmp);
		else if (op < 78)
			edit_new_lead(w, tmp);
		else if (op < 88)
			edit_punctuation(w, tmp);
		else if (op < 92)
			city_case = 1;
		else
			appended = 1;
	}

	b->len = 0;
	for (unsigned k = rng_range(0, 3); k > 0; k--) {
		put(b, PICK(chrome_lines));
		put(b, "\n\n");
	}
	if (sp.title_end > sp.title) {
		size_t at = b->len;
		put_n(b, src->data + sp.title, sp.title_end - sp.title);
		if (rng_range(0, 2) == 0) /* title case */
			for (size_t p = at + 1; p < b->len; p++)
				if (b->data[p - 1] == ' ' && is_lower(b->data[p]))
					b->data[p] = (char)(b->data[p] - 'a' + 'A');
		put(b, "\n\n");
	}
	size_t at = b->len;
	put_n(b, src->data + sp.dateline, sp.lead - sp.dateline);
	if (city_case) { /* GENEVA -> Geneva: the city is the dateline's first capitals */
		size_t p = at;
		while (p + 1 < b->len && !(is_upper(b->data[p]) && is_upper(b->data[p + 1])))
			p++;
		for (p++; p < b->len && is_upper(b->data[p]); p++)
			b->data[p] = (char)(b->data[p] - 'A' + 'a');
	}
	put_n(b, w->data, w->len);
	put(b, "\n\n");
	if (appended) {
		char agency[64];
		unsigned how = rng_range(0, 2);
		if (how == 0 && dateline_agency(src->data + sp.dateline, sp.lead - sp.dateline, agency, sizeof agency))
			putf(b, "This story was first published by %s.", agency);
		else if (how <= 1) {
			put(b, "(Reporting by ");
			put_name(b);
			put(b, "; editing by ");
			put_name(b);
			put(b, ")");
		} else {
			const char *t = PICK(teaser_topics);
			putf(b, "%s %c%s.", PICK(read_more), t[0] - 'a' + 'A', t + 1);
		}
		put(b, "\n\n");
	}
	put(b, PICK(legal_lines));
	put(b, "\n\n");
	for (unsigned k = rng_range(0, 2); k > 0; k--) {
		const char *t = PICK(teaser_topics);
		putf(b, "%c%s.\n\n", t[0] - 'a' + 'A', t + 1);
	}
}

/* gen_corpus dupes: N JSON Lines documents and FILE.truth.tsv naming, for
 * each copy, the original it reproduces.  Streams: memory stays a few
 * buffers whatever N is, because an original is regenerated from its index
 * when a copy needs it. */
static int write_dupes(const char *path, unsigned long n, uint64_t seed)
{
	char truth_path[4096];
	snprintf(truth_path, sizeof truth_path, "%s.truth.tsv", path);
	FILE *jf = fopen(path, "wb"), *tf = fopen(truth_path, "wb");
	if (!jf || !tf) {
		perror(jf ? truth_path : path);
		if (jf)
			fclose(jf);
		if (tf)
			fclose(tf);
		return 1;
	}
	static char jbuf[1 << 20], tbuf[1 << 16];
	setvbuf(jf, jbuf, _IOFBF, sizeof jbuf);
	setvbuf(tf, tbuf, _IOFBF, sizeof tbuf);
	fputs("copy_id\toriginal_id\tkind\n", tf);
	out_buf b = {0}, line = {0}, src = {0}, w = {0}, tmp = {0};
	int rc = 0;
	for (unsigned long i = 0; i < n && !rc; i++) {
		enum doc_kind kind = doc_kind_of(i, seed);
		unsigned long orig = kind == DOC_ORIGINAL ? i : original_of(i, seed);
		doc_meta m;
		b.len = 0;
		if (kind == DOC_NEAR) {
			make_near_copy(&b, i, orig, seed, &m, &src, &w, &tmp);
		} else {
			make_text_article(&b, orig, seed, 0, NULL);
			m = text_article_date(orig, seed);
		}
		line.len = 0;
		putf(&line, "{\"id\":\"dup-%07lu\",\"url\":\"https://www.%s/news/2025/%02u/%02u/%07lu\","
		     "\"date\":\"2025-%02u-%02u\",\"title\":null,\"text\":",
		     i, copy_outlets[doc_hash(seed, i, 20) % (sizeof copy_outlets / sizeof copy_outlets[0])],
		     m.month, m.day, i, m.month, m.day);
		put_json_string(&line, b.data, b.len);
		put(&line, "}\n");
		if (fwrite(line.data, 1, line.len, jf) != line.len)
			rc = 1;
		if (kind != DOC_ORIGINAL &&
		    fprintf(tf, "dup-%07lu\tdup-%07lu\t%s\n", i, orig, kind == DOC_NEAR ? "near" : "exact") < 0)
			rc = 1;
	}
	if (fclose(jf) != 0)
		rc = 1;
	if (fclose(tf) != 0)
		rc = 1;
	if (rc)
		fprintf(stderr, "gen_corpus: writing %s failed\n", path);
	free(b.data);
	free(line.data);
	free(src.data);
	free(w.data);
	free(tmp.data);
	return rc;
}

/* ---- files ---- */

static int make_dirs(const char *path)
{
	char tmp[4096];
	snprintf(tmp, sizeof tmp, "%s", path);
	for (char *p = tmp + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(tmp, 0777) != 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	if (mkdir(tmp, 0777) != 0 && errno != EEXIST)
		return -1;
	return 0;
}

static int write_file(const char *path, const out_buf *b)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		return -1;
	size_t n = fwrite(b->data, 1, b->len, f);
	int rc = fclose(f);
	return n == b->len && rc == 0 ? 0 : -1;
}

static int usage(void)
{
	fprintf(stderr, "usage: gen_corpus text|html DIR N [SEED]\n"
			"       gen_corpus jsonl|dupes FILE N [SEED]\n");
	return 2;
}

int main(int argc, char **argv)
{
	if (argc < 4 || argc > 5)
		return usage();
	const char *kind = argv[1], *out = argv[2];
	char *end;
	unsigned long n = strtoul(argv[3], &end, 10);
	if (*end || n == 0)
		return usage();
	uint64_t seed = argc == 5 ? strtoull(argv[4], NULL, 10) : 42;
	if (!strcmp(kind, "dupes"))
		return write_dupes(out, n, seed);
	int html = !strcmp(kind, "html"), jsonl = !strcmp(kind, "jsonl");
	if (!html && !jsonl && strcmp(kind, "text"))
		return usage();

	FILE *jf = NULL;
	if (jsonl) {
		jf = fopen(out, "wb");
		if (!jf) {
			perror(out);
			return 1;
		}
	} else if (make_dirs(out) != 0) {
		perror(out);
		return 1;
	}
	out_buf b = {0}, line = {0};
	char path[4096];
	int rc = 0;
	for (unsigned long i = 0; i < n && !rc; i++) {
		b.len = 0;
		if (html)
			make_html_page(&b, i, seed);
		else
			make_text_article(&b, i, seed, !jsonl, NULL);
		if (jsonl) {
			doc_meta m = text_article_date(i, seed);
			line.len = 0;
			putf(&line, "{\"id\":\"bench-%06lu\",\"url\":\"https://bench.example/news/%06lu\","
			     "\"date\":\"2025-%02u-%02u\",\"title\":null,\"text\":", i, i, m.month, m.day);
			put_json_string(&line, b.data, b.len);
			put(&line, "}\n");
			if (fwrite(line.data, 1, line.len, jf) != line.len)
				rc = 1;
			continue;
		}
		snprintf(path, sizeof path, "%s/%03lu", out, i / 1000);
		if (i % 1000 == 0 && make_dirs(path) != 0) {
			perror(path);
			rc = 1;
			break;
		}
		snprintf(path, sizeof path, "%s/%03lu/%06lu.%s", out, i / 1000, i, html ? "html" : "txt");
		if (write_file(path, &b) != 0) {
			perror(path);
			rc = 1;
		}
	}
	if (jf && fclose(jf) != 0)
		rc = 1;
	if (rc)
		fprintf(stderr, "gen_corpus: writing %s failed\n", out);
	free(b.data);
	free(line.data);
	return rc;
}
