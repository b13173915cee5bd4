/*
 * html_dom.c - the gumbo tree as a flat table of elements and text blocks.
 *
 * One iterative pre-order walk (an explicit stack, so 100,000 nested
 * elements cost memory, not C stack) does all DOM work of the cleaner:
 * - drops what is never text: scripts, styles, templates, SVG, media, form
 *   controls, hidden elements (hidden, aria-hidden, display:none);
 * - records each block-level element (chr_hnode) with its parent and the
 *   signals in its tag, class, id, itemprop and role;
 * - cuts the text into blocks at every block-level boundary, so text
 *   directly inside a div becomes a paragraph of its own, and measures
 *   each block (characters, characters inside links, commas, words, stop
 *   words) as it is appended: one pass over the text;
 * - hands <head> elements, JSON-LD and <time> to html_meta.c.
 */
#include "clean/html_internal.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/fault.h"
#include "util/grow.h"

typedef struct frame {
	const GumboNode *node;
	unsigned next;           /* next child to visit */
	int32_t saved_owner;     /* owner before this element, restored on exit */
	uint8_t is_block;
	uint8_t is_link;
	uint8_t in_head;
} frame;

typedef struct walker {
	chr_hpage *page;
	frame *stack;
	size_t depth, alloc;
	int32_t owner;           /* innermost open block-level element */
	unsigned links;          /* open <a> elements */
	unsigned heads;          /* open <head> elements */
	size_t start;            /* where the current block's text starts */
	uint32_t chars, link_chars, commas;
	int after_img;           /* an image since the last block with text */
} walker;

static int is_block_tag(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_HTML: case GUMBO_TAG_BODY: case GUMBO_TAG_P: case GUMBO_TAG_DIV:
	case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_MAIN:
	case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER: case GUMBO_TAG_NAV: case GUMBO_TAG_ASIDE:
	case GUMBO_TAG_LI: case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_DL:
	case GUMBO_TAG_DD: case GUMBO_TAG_DT: case GUMBO_TAG_H1: case GUMBO_TAG_H2:
	case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
	case GUMBO_TAG_HGROUP: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_PRE:
	case GUMBO_TAG_TABLE: case GUMBO_TAG_TBODY: case GUMBO_TAG_THEAD: case GUMBO_TAG_TFOOT:
	case GUMBO_TAG_TR: case GUMBO_TAG_TD: case GUMBO_TAG_TH: case GUMBO_TAG_CAPTION:
	case GUMBO_TAG_FIGURE: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_FORM:
	case GUMBO_TAG_FIELDSET: case GUMBO_TAG_LEGEND: case GUMBO_TAG_ADDRESS: case GUMBO_TAG_HR:
	case GUMBO_TAG_CENTER: case GUMBO_TAG_DETAILS: case GUMBO_TAG_SUMMARY:
	case GUMBO_TAG_MENU: 
		return 1;
	default:
		return 0;
	}
}

static int is_dropped_tag(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT:
	case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_SVG: case GUMBO_TAG_MATH: case GUMBO_TAG_IFRAME:
	case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED: case GUMBO_TAG_CANVAS:
	case GUMBO_TAG_BUTTON: case GUMBO_TAG_SELECT: case GUMBO_TAG_OPTION: case GUMBO_TAG_INPUT:
	case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_VIDEO: case GUMBO_TAG_AUDIO: case GUMBO_TAG_MAP:
	case GUMBO_TAG_DATALIST: case GUMBO_TAG_OUTPUT: case GUMBO_TAG_PROGRESS:
	case GUMBO_TAG_METER: case GUMBO_TAG_APPLET: case GUMBO_TAG_FRAMESET:
	case GUMBO_TAG_NOFRAMES: case GUMBO_TAG_NOEMBED:
		return 1;
	default:
		return 0;
	}
}

static const char *attr(const GumboElement *el, const char *name)
{
	const GumboAttribute *a = gumbo_get_attribute(&el->attributes, name);
	return a ? a->value : NULL;
}

/* Case-insensitive search with the needle already lowercase. */
static int has(const char *hay, const char *needle)
{
	return strstr(hay, needle) != NULL;
}

static int has_any(const char *hay, const char *const *needles)
{
	for (; *needles; needles++)
		if (strstr(hay, *needles))
			return 1;
	return 0;
}

/* Word lists for class and id names (facts about how sites name things). */
static const char *const w_unlikely[] = {
	"comment", "sidebar", "side-bar", "footer", "masthead", "menu", "navbar", "navigation",
	"breadcrumb", "share", "sharing", "social", "newsletter", "subscribe", "signup",
	"sign-up", "cookie", "gdpr", "consent", "popup", "modal", "banner", "promo",
	"sponsor", "widget", "toolbar", "pagination", "pager", "disqus", "login",
	"shoutbox", "combx", "community", "remark", "replies", "supplemental",
	"nav-", "-nav", "_nav", "nav_", "header", NULL
};
static const char *const w_comments[] = { "comment", "disqus", "replies", "respond", NULL };
static const char *const w_maybe[] = {
	"article", "body", "content", "main", "story", "column", "text", "entry", "embed",
	"tweet", NULL
};
static const char *const w_positive[] = {
	"article", "body", "content", "entry", "hentry", "main", "post", "text", "story",
	"blog", "page", NULL
};
static const char *const w_negative[] = {
	"comment", "footer", "foot", "sidebar", "masthead", "promo", "related", "share",
	"social", "sponsor", "widget", "tool", "banner", "combx", "contact", "outbrain",
	"taboola", "shoutbox", "skyscraper", "shopping", "tags", "hidden", "scroll",
	"caption", "credit", "byline", "author", "newsletter", "subscribe", "nav", "menu",
	"recommend", "trending", "popular", "meta", NULL
};
static const char *const w_teaser[] = {
	"related", "recommend", "more-stories", "morestories", "more-from", "read-more",
	"readmore", "read-next", "readnext", "outbrain", "taboola", "trending", "popular",
	"most-read", "mostread", "most-viewed", "recirc", "teaser", "you-may", "youmay",
	"up-next", "upnext", "next-article", "also-read", "further-reading", "latest",
	"headlines", "other-stories", NULL
};
static const char *const w_legal[] = { "copyright", "disclaimer", "legal", "rights", NULL };
static const char *const w_caption[] = { "caption", "credit", "photo-desc", NULL };
static const char *const w_bodyprop[] = {
	"articlebody", "article-body", "article__body", "article_body", "story-body",
	"storybody", "story__body", "entry-content", "post-content", "post-body",
	"article-content", "article__content", "articlecontent", "story-content",
	"article-text", "articletext", "body-text", "bodytext", "post-entry", "body-copy",
	"story-text", "entry-body", "main-content", "content-body", "article-copy", NULL
};

/* True when some class token is an advertisement name: ad, ads, ad-*, *-ad, advert*. */
static int names_ad(const char *s)
{
	const char *p = s;
	while (*p) {
		while (*p == ' ')
			p++;
		const char *e = p;
		while (*e && *e != ' ')
			e++;
		size_t n = (size_t)(e - p);
		if ((n == 2 && memcmp(p, "ad", 2) == 0) || (n == 3 && memcmp(p, "ads", 3) == 0) ||
		    (n > 3 && (memcmp(p, "ad-", 3) == 0 || memcmp(p, "ad_", 3) == 0)) ||
		    (n > 3 && (memcmp(e - 3, "-ad", 3) == 0 || memcmp(e - 3, "_ad", 3) == 0)) ||
		    (n >= 6 && memcmp(p, "advert", 6) == 0))
			return 1;
		for (const char *q = p; q + 4 <= e; q++)
			if ((q[0] == '-' || q[0] == '_') && q[1] == 'a' && q[2] == 'd' && (q[3] == '-' || q[3] == '_'))
				return 1;
		p = e;
	}
	return 0;
}

static uint32_t hash_str(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h | 1;
}

/* Class, id, itemprop and role of an element as flags and a weight. */
static void classify(chr_hnode *n, const GumboElement *el)
{
	char names[320];
	size_t len = 0;
	const char *cls = attr(el, "class"), *id = attr(el, "id");
	for (int k = 0; k < 2; k++) {
		const char *s = k ? id : cls;
		for (; s && *s && len < sizeof names - 3; s++) {
			unsigned char c = (unsigned char)*s;
			names[len++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c == '\t' || c == '\n' ? ' ' : c);
		}
		names[len++] = ' ';
	}
	names[len] = '\0';
	/* Classes on <html> and <body> describe the page, not a region of it. */
	if (el->tag == GUMBO_TAG_HTML || el->tag == GUMBO_TAG_BODY)
		len = 0;
	if (cls && *cls)
		n->class_hash = hash_str(cls);
	if (len > 2) {
		int maybe = has_any(names, w_maybe);
		if (has_any(names, w_unlikely) && !maybe)
			n->flags |= HN_UNLIKELY;
		if (has_any(names, w_positive))
			n->class_weight += 25;
		if (has_any(names, w_negative))
			n->class_weight -= 25;
		if (has_any(names, w_teaser))
			n->flags |= HN_TEASER;
		if (has_any(names, w_legal))
			n->flags |= HN_LEGAL;
		if (has_any(names, w_caption))
			n->flags |= HN_CAPTION;
		if (has_any(names, w_bodyprop))
			n->flags |= HN_BODYPROP;
		if (names_ad(names))
			n->flags |= HN_AD;
		if ((n->flags & HN_UNLIKELY) && has_any(names, w_comments))
			n->flags |= HN_COMMENTS;
	}
	const char *prop = attr(el, "itemprop");
	if (prop && (strcasecmp(prop, "articleBody") == 0 || strcasecmp(prop, "reviewBody") == 0 ||
		     strcasecmp(prop, "text") == 0))
		n->flags |= HN_BODYPROP;
	const char *role = attr(el, "role");
	if (role) {
		if (strcasecmp(role, "navigation") == 0 || strcasecmp(role, "banner") == 0 ||
		    strcasecmp(role, "contentinfo") == 0 || strcasecmp(role, "complementary") == 0 ||
		    strcasecmp(role, "menu") == 0 || strcasecmp(role, "menubar") == 0 ||
		    strcasecmp(role, "search") == 0 || strcasecmp(role, "dialog") == 0 ||
		    strcasecmp(role, "alert") == 0)
			n->flags |= HN_BOILER;
		else if (strcasecmp(role, "main") == 0 || strcasecmp(role, "article") == 0)
			n->flags |= HN_MAIN;
	}
	switch (el->tag) {
	case GUMBO_TAG_NAV: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FOOTER: case GUMBO_TAG_HEADER:
	case GUMBO_TAG_MENU: 
		n->flags |= HN_BOILER;
		break;
	case GUMBO_TAG_ARTICLE:
		n->flags |= HN_ARTICLE;
		break;
	case GUMBO_TAG_MAIN:
		n->flags |= HN_MAIN;
		break;
	default:
		break;
	}
	(void)has;
}

/* An inline element (span, small) whose class names a caption or credit:
 * made a block of its own so the caption can be told from the prose. */
static int is_inline_caption(const GumboElement *el)
{
	const char *cls = attr(el, "class");
	char low[128];
	size_t n = 0;
	if (!cls)
		return 0;
	for (; *cls && n < sizeof low - 1; cls++)
		low[n++] = (char)(*cls >= 'A' && *cls <= 'Z' ? *cls + 32 : *cls);
	low[n] = '\0';
	return has_any(low, w_caption);
}

/* hidden, aria-hidden="true", or an inline style hiding the element. */
static int is_hidden(const GumboElement *el)
{
	if (gumbo_get_attribute(&el->attributes, "hidden"))
		return 1;
	const char *aria = attr(el, "aria-hidden");
	if (aria && strcasecmp(aria, "true") == 0)
		return 1;
	const char *style = attr(el, "style");
	if (style) {
		char compact[128];
		size_t n = 0;
		for (const char *s = style; *s && n < sizeof compact - 1; s++)
			if (*s != ' ' && *s != '\t' && *s != '\n')
				compact[n++] = (char)(*s >= 'A' && *s <= 'Z' ? *s + 32 : *s);
		compact[n] = '\0';
		if (strstr(compact, "display:none") || strstr(compact, "visibility:hidden"))
			return 1;
	}
	return 0;
}

static chr_block_kind kind_of(const chr_hpage *page, int32_t owner, uint8_t *level)
{
	*level = 0;
	if (owner < 0)
		return CHR_BLOCK_OTHER;
	GumboTag t = (GumboTag)page->nodes[owner].tag;
	switch (t) {
	case GUMBO_TAG_P: {
		int32_t parent = page->nodes[owner].parent;
		if (parent >= 0 && page->nodes[parent].tag == GUMBO_TAG_BLOCKQUOTE)
			return CHR_BLOCK_QUOTE;
		return CHR_BLOCK_PARAGRAPH;
	}
	case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
	case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
		*level = (uint8_t)(t - GUMBO_TAG_H1 + 1);
		return CHR_BLOCK_HEADING;
	case GUMBO_TAG_LI: return CHR_BLOCK_LIST_ITEM;
	case GUMBO_TAG_DD: case GUMBO_TAG_DT: return CHR_BLOCK_LIST_ITEM;
	case GUMBO_TAG_BLOCKQUOTE: return CHR_BLOCK_QUOTE;
	case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_CAPTION: return CHR_BLOCK_CAPTION;
	case GUMBO_TAG_PRE: return CHR_BLOCK_PRE;
	case GUMBO_TAG_TD: case GUMBO_TAG_TH: return CHR_BLOCK_CELL;
	case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_MAIN:
	case GUMBO_TAG_BODY: case GUMBO_TAG_CENTER: case GUMBO_TAG_ADDRESS:
		return CHR_BLOCK_PARAGRAPH;
	default:
		return CHR_BLOCK_OTHER;
	}
}

/* Ends the current block: it becomes a chr_hblock if it has any text. */
static chr_status flush(walker *w)
{
	chr_hpage *page = w->page;
	chr_status st = CHR_OK;
	if (w->chars == 0) {
		page->text.len = w->start;
		goto done;
	}
	if ((st = chr_grow(&page->blocks, &page->blocks_alloc, page->nblocks, sizeof *page->blocks, 256)) != CHR_OK)
		goto done;
	chr_hblock *b = &page->blocks[page->nblocks++];
	memset(b, 0, sizeof *b);
	b->start = (uint32_t)w->start;
	b->len = (uint32_t)(page->text.len - w->start);
	b->node = w->owner;
	b->chars = w->chars;
	b->link_chars = w->link_chars;
	b->commas = (uint16_t)(w->commas > 0xFFFF ? 0xFFFF : w->commas);
	b->kind = kind_of(page, w->owner, &b->level);
	if (w->link_chars * 10 >= w->chars * 9)
		b->flags |= HB_IN_LINK;
	if (w->after_img)
		b->flags |= HB_AFTER_IMG;
	w->after_img = 0;
	const char *s = page->text.data + b->start;
	size_t e = b->len;
	/* Trailing blanks, including no-break spaces (C2 A0). */
	for (;;) {
		if (e > 0 && (unsigned char)s[e - 1] <= ' ')
			e--;
		else if (e > 1 && (unsigned char)s[e - 2] == 0xC2 && (unsigned char)s[e - 1] == 0xA0)
			e -= 2;
		else
			break;
	}
	if (e > 0) {
		unsigned char c = (unsigned char)s[e - 1];
		if (c == '.' || c == '!' || c == '?' || c == '"' || c == ':' || c == ')' ||
		    (e >= 3 && (unsigned char)s[e - 3] == 0xE2 && (unsigned char)s[e - 2] == 0x80 &&
		     (c == 0x9D || c == 0xA6 || c == 0x99)))
			b->flags |= HB_END_PUNCT;
	}
	chr_html_count_words(s, b->len, b);
done:
	w->start = page->text.len;
	w->chars = w->link_chars = w->commas = 0;
	return st;
}

static chr_status add_text(walker *w, const char *s)
{
	size_t len = strlen(s);
	uint32_t chars = 0, commas = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		chars += c > ' ';
		commas += c == ',';
	}
	w->chars += chars;
	w->commas += commas;
	if (w->links)
		w->link_chars += chars;
	return chr_buf_append(&w->page->text, s, len);
}

static chr_status push_node(walker *w, const GumboElement *el)
{
	chr_hpage *page = w->page;
	if (chr_grow(&page->nodes, &page->nodes_alloc, page->nnodes, sizeof *page->nodes, 256) != CHR_OK)
		return CHR_ENOMEM;
	chr_hnode *n = &page->nodes[page->nnodes];
	memset(n, 0, sizeof *n);
	n->parent = w->owner;
	n->tag = (uint16_t)el->tag;
	n->depth = w->owner >= 0 ? (uint16_t)(page->nodes[w->owner].depth < 0xFFFF ?
					      page->nodes[w->owner].depth + 1 : 0xFFFF) : 0;
	n->score = -1.0f;
	classify(n, el);
	w->owner = (int32_t)page->nnodes++;
	return CHR_OK;
}

static chr_status push_frame(walker *w, const GumboNode *node)
{
	if (chr_grow(&w->stack, &w->alloc, w->depth, sizeof *w->stack, 64) != CHR_OK)
		return CHR_ENOMEM;
	frame *f = &w->stack[w->depth++];
	memset(f, 0, sizeof *f);
	f->node = node;
	f->saved_owner = w->owner;
	return CHR_OK;
}

/* Entering an element: decide whether to walk it and what it opens. */
static chr_status enter(walker *w, const GumboNode *node, int *skip)
{
	const GumboElement *el = &node->v.element;
	GumboTag t = el->tag;
	chr_status st = CHR_OK;
	*skip = 0;
	if (t == GUMBO_TAG_HEAD || w->heads) {
		if ((st = chr_html_meta_element(w->page, node)) != CHR_OK)
			return st;
		if (t == GUMBO_TAG_SCRIPT || t == GUMBO_TAG_STYLE || t == GUMBO_TAG_TITLE) {
			*skip = 1;
			return CHR_OK;
		}
	} else if (t == GUMBO_TAG_SCRIPT || t == GUMBO_TAG_TIME || t == GUMBO_TAG_META ||
		   t == GUMBO_TAG_LINK || t == GUMBO_TAG_HTML || t == GUMBO_TAG_TITLE ||
		   gumbo_get_attribute(&el->attributes, "itemprop")) {
		if ((st = chr_html_meta_element(w->page, node)) != CHR_OK)
			return st;
	}
	if (is_dropped_tag(t) || t == GUMBO_TAG_TITLE || (node->type == GUMBO_NODE_ELEMENT && is_hidden(el))) {
		*skip = 1;
		return CHR_OK;
	}
	if ((st = push_frame(w, node)) != CHR_OK)
		return st;
	frame *f = &w->stack[w->depth - 1];
	if (t == GUMBO_TAG_HEAD) {
		f->in_head = 1;
		w->heads++;
	}
	if (t == GUMBO_TAG_A) {
		f->is_link = 1;
		w->links++;
	}
	if (t == GUMBO_TAG_BR) {
		st = chr_buf_putc(&w->page->text, '\n');
	} else if (!w->heads && (is_block_tag(t) || (el->attributes.length && is_inline_caption(el)))) {
		f->is_block = 1;
		if ((st = flush(w)) == CHR_OK)
			st = push_node(w, el);
	} else if (t == GUMBO_TAG_IMG) {
		if (w->chars == 0)
			w->after_img = 1;
	}
	return st;
}

static chr_status leave(walker *w)
{
	frame *f = &w->stack[--w->depth];
	chr_status st = CHR_OK;
	if (f->is_block) {
		st = flush(w);
		w->owner = f->saved_owner;
	}
	if (f->is_link)
		w->links--;
	if (f->in_head)
		w->heads--;
	return st;
}

chr_status chr_html_walk(chr_hpage *page, const GumboNode *root)
{
	walker w;
	chr_status st = CHR_OK;
	memset(&w, 0, sizeof w);
	w.page = page;
	w.owner = -1;
	w.start = page->text.len;
	if ((st = push_frame(&w, root)) != CHR_OK)
		goto done;
	while (w.depth > 0) {
		frame *f = &w.stack[w.depth - 1];
		const GumboVector *kids = f->node->type == GUMBO_NODE_DOCUMENT ?
			&f->node->v.document.children : &f->node->v.element.children;
		if (f->next >= kids->length) {
			if ((st = leave(&w)) != CHR_OK)
				goto done;
			continue;
		}
		const GumboNode *child = kids->data[f->next++];
		switch (child->type) {
		case GUMBO_NODE_TEXT: case GUMBO_NODE_CDATA: case GUMBO_NODE_WHITESPACE:
			if (!w.heads)
				st = add_text(&w, child->v.text.text);
			break;
		case GUMBO_NODE_ELEMENT: {
			int skip;
			st = enter(&w, child, &skip);
			break;
		}
		default:   /* comments, templates */
			break;
		}
		if (st != CHR_OK)
			goto done;
	}
	st = flush(&w);
done:
	free(w.stack);
	return st;
}
