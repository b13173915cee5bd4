/*
 * baseline_gumbo.c - the HTML speed bound bench/run.sh compares
 * `chronicle text` with: gumbo's own parse plus a plain text walk (every
 * text node outside script, style, noscript and template, joined by
 * newlines), nothing else.  The issue asks chronicle's HTML rate to be at
 * least 0.7x of this, measured in the same run.
 *
 *   baseline_gumbo PATH...    files, or directories read recursively
 *
 * Prints "docs BYTES_IN BYTES_OUT" on stdout; timing is done by the caller
 * so that both programs are measured the same way.
 */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <gumbo.h>

static unsigned long docs;
static unsigned long long bytes_in, bytes_out;
static char *text;
static size_t text_len, text_cap;

static void append(const char *s, size_t n)
{
	if (text_len + n + 1 > text_cap) {
		size_t cap = text_cap ? text_cap : 65536;
		while (cap < text_len + n + 1)
			cap *= 2;
		char *p = realloc(text, cap);
		if (!p) {
			fprintf(stderr, "baseline_gumbo: out of memory\n");
			exit(1);
		}
		text = p;
		text_cap = cap;
	}
	memcpy(text + text_len, s, n);
	text_len += n;
}

/* Depth-first over an explicit stack: pages nest deeply, recursion need not. */
static void walk(const GumboNode *root)
{
	size_t cap = 256, top = 0;
	const GumboNode **stack = malloc(cap * sizeof *stack);
	if (!stack)
		exit(1);
	stack[top++] = root;
	while (top) {
		const GumboNode *node = stack[--top];
		if (node->type == GUMBO_NODE_TEXT) {
			append(node->v.text.text, strlen(node->v.text.text));
			append("\n", 1);
			continue;
		}
		if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_DOCUMENT)
			continue;
		if (node->type == GUMBO_NODE_ELEMENT) {
			GumboTag tag = node->v.element.tag;
			if (tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_NOSCRIPT ||
			    tag == GUMBO_TAG_TEMPLATE)
				continue;
		}
		const GumboVector *children = node->type == GUMBO_NODE_DOCUMENT ? &node->v.document.children
										: &node->v.element.children;
		if (top + children->length > cap) {
			while (top + children->length > cap)
				cap *= 2;
			const GumboNode **p = realloc(stack, cap * sizeof *stack);
			if (!p)
				exit(1);
			stack = p;
		}
		/* Pushed in reverse so text comes out in document order. */
		for (unsigned i = children->length; i > 0; i--)
			stack[top++] = children->data[i - 1];
	}
	free(stack);
}

static int visit(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)ftw;
	if (flag != FTW_F || !S_ISREG(st->st_mode))
		return 0;
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return 0;
	}
	char *buf = malloc((size_t)st->st_size + 1);
	size_t n = buf ? fread(buf, 1, (size_t)st->st_size, f) : 0;
	fclose(f);
	if (!buf)
		return 1;
	GumboOutput *out = gumbo_parse_with_options(&kGumboDefaultOptions, buf, n);
	text_len = 0;
	walk(out->document);
	gumbo_destroy_output(&kGumboDefaultOptions, out);
	free(buf);
	docs++;
	bytes_in += n;
	bytes_out += text_len;
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: baseline_gumbo PATH...\n");
		return 2;
	}
	/* nftw visits a directory's entries in readdir order; the order does not
	 * matter for a throughput figure. */
	for (int i = 1; i < argc; i++)
		if (nftw(argv[i], visit, 32, FTW_PHYS) != 0) {
			perror(argv[i]);
			return 1;
		}
	printf("%lu %llu %llu\n", docs, bytes_in, bytes_out);
	free(text);
	return 0;
}
