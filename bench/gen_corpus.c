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
 */
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

static void put_n(out_buf *b, const char *s, size_t n)
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

/* A plain-text article of about 4 KB in the seeds' shape. */
static void make_text_article(out_buf *b, unsigned long index, uint64_t seed, int with_header)
{
	rng_state = seed ^ (0x5851f42d4c957f2dULL * (index + 1));
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
		put_title(b);
		put(b, "\n\n");
	}
	const char *dateline = PICK(datelines);
	putf(b, dateline, PICK(cities), months[m.month - 1], m.day);
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
			"       gen_corpus jsonl FILE N [SEED]\n");
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
			make_text_article(&b, i, seed, !jsonl);
		if (jsonl) {
			doc_meta m;
			rng_state = seed ^ (0x5851f42d4c957f2dULL * (i + 1));
			m = pick_date();
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
