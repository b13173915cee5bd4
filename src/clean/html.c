/*
 * html.c - HTML to labelled blocks (clean stage, step 1 for HTML input).
 *
 * Parses with gumbo into a per-call arena (gumbo's frees are ignored and
 * the arena is released at once, which also avoids gumbo's recursive
 * destroy on deeply nested pages), then runs the cleaner's parts in order:
 * html_dom.c (walk), html_score.c (main content and labels), html_meta.c
 * (hints), and appends the blocks to the document.
 */
#include "clean/clean.h"

#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include "clean/html_internal.h"
#include "util/fault.h"

/*
 * gumbo cannot cope with a failed allocation, so running out of memory
 * jumps straight back to chr_html_to_blocks.  That is safe because every
 * byte gumbo holds lives in the parse arena, which is released there.
 */
typedef struct gumbo_heap {
	chr_arena arena;
	jmp_buf out_of_memory;
} gumbo_heap;

static void *gumbo_arena_alloc(void *userdata, size_t size)
{
	gumbo_heap *heap = userdata;
	void *p = chr_arena_alloc(&heap->arena, size);
	if (!p)
		longjmp(heap->out_of_memory, 1);
	return p;
}

static void gumbo_arena_free(void *userdata, void *ptr)
{
	(void)userdata;
	(void)ptr;
}

/*
 * gumbo checks element scopes by scanning its stack of open elements, so
 * nesting N deep costs O(N^2) (100,000 divs: 24 s).  Real pages nest a few
 * hundred deep; this byte scan estimates the depth (start tags that are
 * neither void nor self-closing, minus end tags) and returns the length of
 * the prefix that stays within CHR_HTML_MAX_DEPTH, so pathological input is
 * cut there instead of stalling the pipeline.
 */
enum { CHR_HTML_MAX_DEPTH = 10000 };

static int is_void_name(const char *name, size_t n)
{
	static const char *const names[] = {
		"br", "img", "hr", "input", "meta", "link", "p", "li", "td", "tr", "th", "option",
		"dt", "dd", "wbr", "source", "area", "col", "param", "track", "embed", "base",
		"keygen", NULL
	};
	for (int i = 0; names[i]; i++)
		if (strlen(names[i]) == n && memcmp(names[i], name, n) == 0)
			return 1;
	return 0;
}

static size_t depth_limited_len(const char *html, size_t len)
{
	size_t depth = 0;
	const char *p = html, *end = html + len;
	while ((p = memchr(p, '<', (size_t)(end - p))) != NULL && p + 1 < end) {
		const char *q = p + 1;
		if (*q == '/') {
			if (depth)
				depth--;
			p = q;
			continue;
		}
		char name[8];
		size_t n = 0;
		while (q < end && n < sizeof name && (((*q | 0x20) >= 'a' && (*q | 0x20) <= 'z') ||
						     (*q >= '0' && *q <= '9')))
			name[n++] = (char)(*q++ | 0x20);
		if (n == 0) {
			p = q;
			continue;
		}
		const char *gt = memchr(q, '>', (size_t)(end - q));
		int self_closing = gt && gt[-1] == '/';
		if (!self_closing && !is_void_name(name, n) && ++depth > CHR_HTML_MAX_DEPTH)
			return (size_t)(p - html);
		p = gt ? gt : q;
	}
	return len;
}

void chr_hpage_free(chr_hpage *page)
{
	chr_hmeta *m = &page->meta;
	char **strs[] = { &m->og_title, &m->ld_headline, &m->html_title, &m->h1, &m->og_site,
			  &m->ld_publisher, &m->app_name, &m->meta_date, &m->ld_date, &m->prop_date,
			  &m->time_date, &m->lang, &m->canonical, &m->og_url, &m->ld_body };
	for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++) {
		free(*strs[i]);
		*strs[i] = NULL;
	}
	free(page->nodes);
	free(page->blocks);
	chr_buf_free(&page->text);
	memset(page, 0, sizeof *page);
}

static chr_status emit_blocks(const chr_hpage *page, chr_doc *doc)
{
	chr_status st = CHR_OK;
	for (size_t i = 0; i < page->nblocks && st == CHR_OK; i++) {
		const chr_hblock *hb = &page->blocks[i];
		chr_block *b = NULL;
		st = chr_doc_add_block(doc, page->text.data + hb->start, hb->len, hb->kind, hb->label, &b);
		if (st == CHR_OK && b) {
			b->heading_level = hb->level;
			b->label_final = hb->label_final;
			b->link_density = hb->chars ? (float)hb->link_chars / (float)hb->chars : 0.0f;
		}
	}
	return st;
}

/* Parses into heap's arena; *out stays NULL when memory ran out.  Kept
 * apart so that no local of the caller is live across the longjmp. */
static chr_status parse_guarded(gumbo_heap *heap, const GumboOptions *opts, const char *html,
				size_t len, GumboOutput **out)
{
	*out = NULL;
	if (setjmp(heap->out_of_memory))
		return CHR_ENOMEM;
	*out = gumbo_parse_with_options(opts, html, len);
	return *out ? CHR_OK : CHR_ENOMEM;
}

chr_status chr_html_to_blocks(chr_doc *doc, const char *html, size_t len)
{
	gumbo_heap *heap = NULL;
	chr_hpage page;
	chr_status st = CHR_OK;
	GumboOptions opts = kGumboDefaultOptions;
	GumboOutput *out = NULL;
	memset(&page, 0, sizeof page);
	chr_buf_init(&page.text, 0);
	page.lang = -1;
	heap = chr_calloc(1, sizeof *heap);
	if (!heap)
		return CHR_ENOMEM;
	chr_arena_init(&heap->arena);
	opts.allocator = gumbo_arena_alloc;
	opts.deallocator = gumbo_arena_free;
	opts.userdata = heap;
	opts.max_errors = 0;
	if (!html) {
		html = "";
		len = 0;
	}
	len = depth_limited_len(html, len);
	if ((st = parse_guarded(heap, &opts, html, len, &out)) != CHR_OK)
		goto done;
	if ((st = chr_html_walk(&page, out->document)) != CHR_OK)
		goto done;
	if ((st = chr_html_meta_finish(&page, doc)) != CHR_OK)
		goto done;
	page.lang = chr_html_lang_index(doc->hints.lang);
	chr_html_score(&page);
	st = emit_blocks(&page, doc);
done:
	chr_hpage_free(&page);
	chr_arena_free(&heap->arena);
	free(heap);
	return st;
}
