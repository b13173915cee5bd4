/*
 * bench_html.c - speed of the HTML clean stage against gumbo's own floor.
 *
 * Usage: bench_html [-n ROUNDS] [-r REPEATS] [-m chronicle|gumbo] FILE.html...
 * (-m runs one side once, for instruction counts under callgrind.)
 * Loads the pages once, then times, in the same run and on the same pages:
 *   chronicle : chr_doc_clean on a chr_raw_doc of format HTML (public API:
 *               parse, walk, main-content selection, labels, meta, join);
 *   gumbo     : gumbo_parse with its default allocator, the text of every
 *               node outside script/style/noscript/template appended to a
 *               buffer, gumbo_destroy_output: the "parse and extract" floor.
 * Each measurement passes over all pages ROUNDS times; REPEATS measurements
 * are taken alternately and the median is reported (machines are noisy;
 * compare within one run).  Prints pages/s, MB/s and chronicle/gumbo.
 */
#include <gumbo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "chronicle.h"
#include "bench_util.h"

typedef struct page {
	char *data;
	size_t len;
} page;

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int load(const char *path, page *out)
{
	out->data = bench_read_file(path, &out->len);
	return out->data ? 0 : -1;
}

/* Text of the tree, iteratively (pages can nest deep). */
static size_t gumbo_text(const GumboNode *root, char **buf, size_t *alloc)
{
	size_t len = 0, depth = 0, cap = 256;
	const GumboNode **stack = malloc(cap * sizeof *stack);
	if (!stack)
		return 0;
	stack[depth++] = root;
	while (depth) {
		const GumboNode *n = stack[--depth];
		if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE) {
			size_t tl = strlen(n->v.text.text);
			if (len + tl + 2 > *alloc) {
				size_t na = (*alloc + tl + 2) * 2;
				char *b = realloc(*buf, na);
				if (!b)
					break;
				*buf = b;
				*alloc = na;
			}
			memcpy(*buf + len, n->v.text.text, tl);
			len += tl;
			(*buf)[len++] = ' ';
			continue;
		}
		if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_DOCUMENT)
			continue;
		if (n->type == GUMBO_NODE_ELEMENT) {
			GumboTag t = n->v.element.tag;
			if (t == GUMBO_TAG_SCRIPT || t == GUMBO_TAG_STYLE || t == GUMBO_TAG_NOSCRIPT ||
			    t == GUMBO_TAG_TEMPLATE)
				continue;
		}
		const GumboVector *kids = n->type == GUMBO_NODE_DOCUMENT ? &n->v.document.children :
			&n->v.element.children;
		if (depth + kids->length > cap) {
			cap = (depth + kids->length) * 2;
			const GumboNode **s = realloc(stack, cap * sizeof *s);
			if (!s)
				break;
			stack = s;
		}
		/* Reverse, so the first child is popped first (document order). */
		for (unsigned i = kids->length; i-- > 0;)
			stack[depth++] = kids->data[i];
	}
	free(stack);
	return len;
}

static double run_gumbo(const page *pages, size_t np, int rounds, size_t *sink)
{
	char *buf = NULL;
	size_t alloc = 0;
	double t0 = now();
	for (int r = 0; r < rounds; r++)
		for (size_t i = 0; i < np; i++) {
			GumboOutput *out = gumbo_parse_with_options(&kGumboDefaultOptions, pages[i].data, pages[i].len);
			*sink += gumbo_text(out->document, &buf, &alloc);
			gumbo_destroy_output(&kGumboDefaultOptions, out);
		}
	double t = now() - t0;
	free(buf);
	return t;
}

static double run_chronicle(const page *pages, size_t np, int rounds, size_t *sink)
{
	double t0 = now();
	for (int r = 0; r < rounds; r++)
		for (size_t i = 0; i < np; i++) {
			chr_raw_doc raw;
			memset(&raw, 0, sizeof raw);
			raw.id = "bench";
			raw.source = "bench.html";
			raw.body = pages[i].data;
			raw.body_len = pages[i].len;
			raw.format = CHR_FORMAT_HTML;
			chr_doc *doc = NULL;
			if (chr_doc_clean(&raw, NULL, &doc) != CHR_OK) {
				fprintf(stderr, "bench_html: clean failed\n");
				exit(1);
			}
			size_t tl = 0;
			chr_doc_text(doc, &tl);
			*sink += tl;
			chr_doc_free(doc);
		}
	return now() - t0;
}

int main(int argc, char **argv)
{
	int rounds = 3, repeats = 5, first = 1;
	const char *only = NULL;
	while (first + 1 < argc && argv[first][0] == '-') {
		if (strcmp(argv[first], "-n") == 0)
			rounds = atoi(argv[first + 1]);
		else if (strcmp(argv[first], "-r") == 0)
			repeats = atoi(argv[first + 1]);
		else if (strcmp(argv[first], "-m") == 0)
			only = argv[first + 1];
		else
			break;
		first += 2;
	}
	if (first >= argc || rounds < 1 || repeats < 1 || repeats > 99) {
		fprintf(stderr, "usage: bench_html [-n ROUNDS] [-r REPEATS] [-m chronicle|gumbo] FILE.html...\n");
		return 2;
	}
	size_t np = (size_t)(argc - first), bytes = 0, sink = 0;
	page *pages = calloc(np, sizeof *pages);
	if (!pages)
		return 1;
	for (size_t i = 0; i < np; i++) {
		if (load(argv[first + (int)i], &pages[i]) != 0)
			return 1;
		bytes += pages[i].len;
	}
	if (only) {
		double t = strcmp(only, "gumbo") == 0 ? run_gumbo(pages, np, rounds, &sink) :
			   run_chronicle(pages, np, rounds, &sink);
		printf("%s: %.3f s (checksum %zu)\n", only, t, sink % 1000);
		for (size_t i = 0; i < np; i++)
			free(pages[i].data);
		free(pages);
		return 0;
	}
	double tc[99], tg[99];
	run_chronicle(pages, np, 1, &sink);   /* warm caches and lazy tables */
	run_gumbo(pages, np, 1, &sink);
	for (int k = 0; k < repeats; k++) {
		tc[k] = run_chronicle(pages, np, rounds, &sink);
		tg[k] = run_gumbo(pages, np, rounds, &sink);
	}
	qsort(tc, (size_t)repeats, sizeof tc[0], bench_cmp_double);
	qsort(tg, (size_t)repeats, sizeof tg[0], bench_cmp_double);
	double c = tc[repeats / 2], g = tg[repeats / 2];
	double n = (double)np * rounds, mb = (double)bytes * rounds / 1e6;
	printf("pages %zu (%.1f KB average), rounds %d, median of %d\n", np,
	       (double)bytes / (double)np / 1e3, rounds, repeats);
	printf("%-28s %10.0f pages/s %8.1f MB/s\n", "chronicle (chr_doc_clean)", n / c, mb / c);
	printf("%-28s %10.0f pages/s %8.1f MB/s\n", "gumbo parse + text", n / g, mb / g);
	printf("ratio chronicle/gumbo %.2f  (checksum %zu)\n", g / c, sink % 1000);
	for (size_t i = 0; i < np; i++)
		free(pages[i].data);
	free(pages);
	return 0;
}
