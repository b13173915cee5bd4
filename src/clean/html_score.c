/*
 * html_score.c - main-content selection and block labels for HTML.
 *
 * Input: the flat element and block tables of html_dom.c.  Three linear
 * passes over the elements, no recursion:
 * 1. totals: characters and link characters per subtree (children come
 *    after parents in pre-order, so one reverse pass adds each to its
 *    parent), and flags inherited from ancestors (one forward pass);
 * 2. Readability's content score: every prose-like block outside chrome
 *    zones gives 1 + commas + min(chars/100, 3) to its container, half to
 *    the next one up, and less to three more; containers start from their
 *    tag and class/id weight; the score is scaled by (1 - link density).
 *    The best container, its close-scoring siblings and strong hints
 *    (itemprop=articleBody, <article>) make the selection;
 * 3. inside the selection, blocks in chrome, teaser, caption or advert
 *    zones and link lists are cut (jusText-style features); outside it,
 *    blocks are chrome, teaser (related-story zones, link headlines after
 *    the article) or legal (rights notices).  When the selection is too
 *    small for the page, a jusText classification of the whole page
 *    (length, link density, stop-word density, neighbours) replaces it.
 */
#include "clean/html_internal.h"

#include <stdlib.h>
#include <string.h>

#include "util/fault.h"

enum { ZONE_CHROME = HN_BOILER | HN_UNLIKELY };

typedef struct scorer {
	chr_hpage *page;
	uint16_t *inh;           /* flags of the element and all its ancestors */
	uint8_t *sel;            /* 1 when the element is inside the selection */
	uint16_t *inner;         /* flags inherited from inside the selection only */
} scorer;

static float stop_density(const chr_hpage *page, const chr_hblock *b)
{
	if (page->lang < 0 || b->words == 0)
		return 0.0f;
	return (float)b->stops[page->lang] / (float)b->words;
}

static float link_density(const chr_hblock *b)
{
	return b->chars ? (float)b->link_chars / (float)b->chars : 0.0f;
}

static int prose_kind(chr_block_kind k)
{
	return k == CHR_BLOCK_PARAGRAPH || k == CHR_BLOCK_PRE || k == CHR_BLOCK_QUOTE ||
	       k == CHR_BLOCK_CELL;
}

static float tag_base(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_DIV: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_SECTION: case GUMBO_TAG_MAIN:
		return 5.0f;
	case GUMBO_TAG_PRE: case GUMBO_TAG_TD: case GUMBO_TAG_BLOCKQUOTE:
		return 3.0f;
	case GUMBO_TAG_ADDRESS: case GUMBO_TAG_OL: case GUMBO_TAG_UL: case GUMBO_TAG_DL:
	case GUMBO_TAG_DD: case GUMBO_TAG_DT: case GUMBO_TAG_LI: case GUMBO_TAG_FORM:
		return -3.0f;
	case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
	case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_TH:
		return -5.0f;
	default:
		return 0.0f;
	}
}

static void add_score(chr_hnode *n, float s)
{
	if (n->score < 0.0f)
		n->score = tag_base((GumboTag)n->tag) + (float)n->class_weight;
	n->score += s;
}

static float final_score(const chr_hnode *n)
{
	if (n->score < 0.0f)
		return -1.0f;
	float ld = n->chars ? (float)n->link_chars / (float)n->chars : 0.0f;
	return n->score * (1.0f - ld);
}

/* Pass 1: subtree totals and inherited flags. */
static void totals(scorer *sc)
{
	chr_hpage *page = sc->page;
	for (size_t i = 0; i < page->nblocks; i++) {
		const chr_hblock *b = &page->blocks[i];
		if (b->node < 0)
			continue;
		chr_hnode *n = &page->nodes[b->node];
		n->chars += b->chars;
		n->link_chars += b->link_chars;
		if (prose_kind(b->kind) && b->chars >= 80 && link_density(b) < 0.3f)
			n->good += b->chars;
	}
	for (size_t i = page->nnodes; i-- > 0;) {
		const chr_hnode *n = &page->nodes[i];
		if (n->parent >= 0) {
			chr_hnode *p = &page->nodes[n->parent];
			p->chars += n->chars;
			p->link_chars += n->link_chars;
			p->good += n->good;
		}
	}
	uint32_t page_good = 0;
	for (size_t i = 0; i < page->nnodes; i++)
		if (page->nodes[i].parent < 0)
			page_good += page->nodes[i].good;
	for (size_t i = 0; i < page->nnodes; i++) {
		chr_hnode *n = &page->nodes[i];
		/* A "header" or "sidebar" holding most of the page's prose, or an
		 * article-body hint, is where the site put its article after all. */
		if ((n->flags & (HN_ARTICLE | HN_BODYPROP | HN_MAIN)) ||
		    (page_good > 0 && n->good * 2 >= page_good && !(n->flags & HN_COMMENTS)))
			n->flags &= (uint16_t)~ZONE_CHROME;
		sc->inh[i] = (uint16_t)(n->flags | (n->parent >= 0 ? sc->inh[n->parent] : 0));
	}
}

/* Pass 2: content scores; returns the best container or -1. */
static int32_t best_container(scorer *sc)
{
	chr_hpage *page = sc->page;
	for (size_t i = 0; i < page->nblocks; i++) {
		const chr_hblock *b = &page->blocks[i];
		if (b->node < 0 || !prose_kind(b->kind) || b->chars < 25)
			continue;
		if (sc->inh[b->node] & ZONE_CHROME)
			continue;
		float s = 1.0f + (float)b->commas + (b->chars >= 300 ? 3.0f : (float)(b->chars / 100));
		/* Text directly in a div is its own paragraph, like a <p>. */
		int32_t a = page->nodes[b->node].parent;
		for (int level = 0; a >= 0 && level < 5; level++, a = page->nodes[a].parent) {
			float div = level == 0 ? 1.0f : level == 1 ? 2.0f : (float)level * 3.0f;
			add_score(&page->nodes[a], s / div);
		}
	}
	int32_t best = -1;
	float best_score = 0.0f;
	for (size_t i = 0; i < page->nnodes; i++) {
		chr_hnode *n = &page->nodes[i];
		if (n->score < 0.0f)
			continue;
		float f = final_score(n);
		if (f > best_score) {
			best_score = f;
			best = (int32_t)i;
		}
	}
	if (best < 0)
		return -1;
	/* Readability: climb while a parent scores at least as well. */
	float last = best_score;
	for (int32_t p = page->nodes[best].parent; p >= 0; p = page->nodes[p].parent) {
		const chr_hnode *pn = &page->nodes[p];
		if (pn->tag == GUMBO_TAG_BODY || pn->tag == GUMBO_TAG_HTML)
			break;
		if (pn->score < 0.0f)
			continue;
		float ps = final_score(pn);
		if (ps < last / 3.0f)
			break;
		if (ps > last) {
			best = p;
			break;
		}
		last = ps;
	}
	return best;
}

/* The article can be split over several containers (ads, widgets between
 * its parts); when an ancestor of the chosen one is marked as the article
 * body (itemprop=articleBody, article-body classes) or is an <article>, and
 * holds clearly more prose, that ancestor is the content. */
static int32_t widen_to_hint(const scorer *sc, int32_t top)
{
	const chr_hpage *page = sc->page;
	uint32_t top_good = page->nodes[top].good;
	int32_t best = top;
	for (int32_t a = page->nodes[top].parent; a >= 0; a = page->nodes[a].parent) {
		const chr_hnode *n = &page->nodes[a];
		if (n->tag == GUMBO_TAG_BODY || n->tag == GUMBO_TAG_HTML)
			break;
		if ((n->flags & (HN_BODYPROP | HN_ARTICLE)) && n->good * 2 >= top_good * 3) {
			best = a;
			break;
		}
	}
	return best;
}

/* Marks top and the siblings that belong with it (Readability). */
static void select_siblings(scorer *sc, int32_t top)
{
	chr_hpage *page = sc->page;
	const chr_hnode *t = &page->nodes[top];
	float ts = final_score(t);
	float threshold = ts * 0.2f > 10.0f ? ts * 0.2f : 10.0f;
	int32_t parent = t->parent;
	sc->sel[top] = 1;
	if (parent < 0)
		return;
	for (size_t i = (size_t)parent + 1; i < page->nnodes; i++) {
		const chr_hnode *n = &page->nodes[i];
		if (n->depth <= page->nodes[parent].depth)
			break;
		if (n->parent != parent || (int32_t)i == top)
			continue;
		if (sc->inh[i] & ZONE_CHROME)
			continue;
		float bonus = t->class_hash && n->class_hash == t->class_hash ? ts * 0.2f : 0.0f;
		float s = final_score(n);
		float ld = n->chars ? (float)n->link_chars / (float)n->chars : 1.0f;
		if (s >= 0.0f && s + bonus >= threshold)
			sc->sel[i] = 1;
		else if (n->chars > 80 && ld < 0.25f && (n->tag == GUMBO_TAG_P || n->good * 10 >= n->chars * 7))
			sc->sel[i] = 1;
	}
}

static void propagate_selection(scorer *sc)
{
	chr_hpage *page = sc->page;
	for (size_t i = 0; i < page->nnodes; i++) {
		const chr_hnode *n = &page->nodes[i];
		int parent_sel = n->parent >= 0 && sc->sel[n->parent];
		if (parent_sel) {
			sc->sel[i] = 1;
			sc->inner[i] = (uint16_t)(sc->inner[n->parent] | n->flags);
		} else if (sc->sel[i]) {
			sc->inner[i] = (uint16_t)(n->flags & ~(ZONE_CHROME | HN_TEASER | HN_CAPTION | HN_AD | HN_LEGAL));
		}
	}
}

static int contains_legal(const char *s, size_t len)
{
	char low[512];
	size_t n = len < sizeof low - 1 ? len : sizeof low - 1;
	for (size_t i = 0; i < n; i++)
		low[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
	low[n] = '\0';
	return strstr(low, "\xC2\xA9") || strstr(low, "copyright") || strstr(low, "all rights reserved") ||
	       strstr(low, "(c) 2") || strstr(low, "terms of use") || strstr(low, "privacy policy");
}

/* jusText's block classes. */
enum { JT_BAD, JT_SHORT, JT_NEAR, JT_GOOD };

static int justext_class(const chr_hpage *page, const chr_hblock *b)
{
	float ld = link_density(b);
	float sd = stop_density(page, b);
	if (ld > 0.2f)
		return JT_BAD;
	if (b->chars < 60)
		return JT_SHORT;
	if (sd >= 0.32f || (page->lang < 0 && (b->flags & HB_END_PUNCT)))
		return b->chars > 180 ? JT_GOOD : JT_NEAR;
	if (sd >= 0.28f)
		return JT_NEAR;
	return JT_BAD;
}

/* Fallback: jusText over the whole page, chrome zones excluded. */
static void justext_page(scorer *sc, uint8_t *keep)
{
	chr_hpage *page = sc->page;
	size_t nb = page->nblocks;
	int *cls = chr_malloc((nb ? nb : 1) * sizeof *cls);
	if (!cls) {
		for (size_t i = 0; i < nb; i++)
			keep[i] = 1;
		return;
	}
	for (size_t i = 0; i < nb; i++) {
		const chr_hblock *b = &page->blocks[i];
		cls[i] = justext_class(page, b);
		if (b->node >= 0 && (sc->inh[b->node] & ZONE_CHROME))
			cls[i] = JT_BAD;
	}
	/* Short and near-good blocks take the class of their good or bad neighbours. */
	int prev = JT_BAD;
	int *left = chr_malloc((nb ? nb : 1) * sizeof *left);
	if (!left) {
		free(cls);
		for (size_t i = 0; i < nb; i++)
			keep[i] = 1;
		return;
	}
	for (size_t i = 0; i < nb; i++) {
		left[i] = prev;
		if (cls[i] == JT_GOOD || cls[i] == JT_BAD)
			prev = cls[i];
	}
	int next = JT_BAD;
	for (size_t i = nb; i-- > 0;) {
		int c = cls[i];
		if (c == JT_GOOD) {
			keep[i] = 1;
		} else if (c == JT_NEAR) {
			keep[i] = left[i] == JT_GOOD || next == JT_GOOD;
		} else if (c == JT_SHORT) {
			keep[i] = left[i] == JT_GOOD && next == JT_GOOD;
		} else {
			keep[i] = 0;
		}
		if (c == JT_GOOD || c == JT_BAD)
			next = c;
	}
	free(left);
	free(cls);
}

/* A short line without sentence punctuation or function words: a byline,
 * a date stamp, a kicker. */
static int is_stamp(const chr_hpage *page, const chr_hblock *b)
{
	return (b->kind == CHR_BLOCK_PARAGRAPH || b->kind == CHR_BLOCK_OTHER) && b->chars < 100 && !(b->flags & HB_END_PUNCT) &&
	       stop_density(page, b) < 0.25f;
}

/* Stamps before the first prose block and after the last one are not body. */
static void trim_edges(const chr_hpage *page, uint8_t *keep)
{
	size_t nb = page->nblocks, first = nb, last = 0;
	for (size_t i = 0; i < nb; i++) {
		if (!keep[i])
			continue;
		int c = justext_class(page, &page->blocks[i]);
		if (c == JT_GOOD || c == JT_NEAR) {
			if (first == nb)
				first = i;
			last = i;
		}
	}
	if (first == nb)
		return;
	for (size_t i = 0; i < first; i++)
		if (keep[i] && is_stamp(page, &page->blocks[i]))
			keep[i] = 0;
	/* A list of links after the last prose block is a "more stories" list,
	 * with the short line that announces it. */
	size_t items = 0, linked = 0, run_start = nb;
	for (size_t i = last + 1; i < nb; i++) {
		if (!keep[i])
			continue;
		const chr_hblock *b = &page->blocks[i];
		if (b->kind == CHR_BLOCK_LIST_ITEM) {
			if (run_start == nb)
				run_start = i;
			items++;
			linked += b->link_chars * 4 >= b->chars;
		}
	}
	if (items >= 3 && linked * 4 >= items * 3) {
		for (size_t i = run_start; i < nb; i++)
			if (keep[i] && page->blocks[i].kind == CHR_BLOCK_LIST_ITEM)
				keep[i] = 0;
		for (size_t i = run_start; i-- > last + 1;)
			if (keep[i]) {
				if (page->blocks[i].chars < 80 && !(page->blocks[i].flags & HB_END_PUNCT))
					keep[i] = 0;
				break;
			}
	}
}

/* Calls to action that close articles: follow, subscribe, share, write to
 * us.  Matched lowercase in short blocks at the end of the body only. */
static const char *const w_outro[] = {
	"subscribe", "newsletter", "follow us", "follow him", "follow her", "follow me",
	"sign up", "click here", "requires javascript", "share this", "share it with",
	"tell us what", "have a tip", "news tip", "let us know", "join our", "download our",
	"our app", "all rights reserved", NULL
};

static int is_outro(const chr_hpage *page, const chr_hblock *b)
{
	char low[320];
	if (b->chars >= 200 || b->len >= sizeof low)
		return 0;
	const char *s = page->text.data + b->start;
	for (size_t i = 0; i < b->len; i++)
		low[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
	low[b->len] = '\0';
	for (int k = 0; w_outro[k]; k++)
		if (strstr(low, w_outro[k]))
			return 1;
	return 0;
}

/* Up to three closing blocks of the body that are calls to action. */
static void trim_outro(const chr_hpage *page, uint8_t *keep)
{
	int seen = 0;
	for (size_t i = page->nblocks; i-- > 0 && seen < 3;) {
		if (!keep[i])
			continue;
		seen++;
		if (is_outro(page, &page->blocks[i]))
			keep[i] = 0;
	}
}

/* Normalised comparison of a heading with the page title. */
static int matches_title(const char *s, size_t len, const char *title)
{
	if (!title)
		return 0;
	size_t tl = strlen(title), i = 0, j = 0, same = 0;
	while (i < len && j < tl) {
		unsigned char a = (unsigned char)s[i], b = (unsigned char)title[j];
		if (a <= ' ') { i++; continue; }
		if (b <= ' ') { j++; continue; }
		if ((a | 0x20) != (b | 0x20))
			break;
		same++;
		i++;
		j++;
	}
	/* The heading is the title, or its first part (the title adds " | Site"). */
	while (i < len && (unsigned char)s[i] <= ' ')
		i++;
	return i == len && same >= 10;
}

/* Blocks of the selection that are not chrome, captions or link lists;
 * returns their characters. */
static size_t keep_selection(const scorer *sc, uint8_t *keep)
{
	const chr_hpage *page = sc->page;
	size_t chars = 0;
	for (size_t i = 0; i < page->nblocks; i++) {
		const chr_hblock *b = &page->blocks[i];
		keep[i] = 0;
		if (b->node < 0 || !sc->sel[b->node])
			continue;
		uint16_t f = sc->inner[b->node];
		if (f & (ZONE_CHROME | HN_TEASER | HN_AD | HN_CAPTION | HN_LEGAL))
			continue;
		if (b->kind == CHR_BLOCK_CAPTION)
			continue;
		/* The short unpunctuated line under a picture is its caption. */
		if ((b->flags & HB_AFTER_IMG) && b->kind != CHR_BLOCK_HEADING && b->chars < 120 &&
		    !(b->flags & HB_END_PUNCT))
			continue;
		if (link_density(b) > 0.5f)
			continue;
		keep[i] = 1;
		chars += b->chars;
	}
	return chars;
}

/*
 * When the kept blocks cover less than half of the JSON-LD articleBody,
 * the scorer picked the wrong container: take instead the element whose
 * blocks hold most of the articleBody's trigrams and few others.
 */
static size_t follow_guide(scorer *sc, const chr_hguide *g, uint8_t *keep, size_t sel_chars)
{
	chr_hpage *page = sc->page;
	uint64_t covered = 0;
	for (size_t i = 0; i < page->nblocks; i++)
		if (keep[i])
			covered += g->hits[i];
	if (covered * 2 >= g->body_grams)
		return sel_chars;
	size_t nn = page->nnodes;
	uint32_t *hits = chr_calloc(nn ? nn : 1, sizeof *hits);
	uint32_t *grams = chr_calloc(nn ? nn : 1, sizeof *grams);
	if (!hits || !grams)
		goto done;
	for (size_t i = 0; i < page->nblocks; i++) {
		const chr_hblock *b = &page->blocks[i];
		if (b->node < 0)
			continue;
		hits[b->node] += g->hits[i];
		grams[b->node] += g->grams[i];
	}
	for (size_t i = nn; i-- > 0;) {
		int32_t p = page->nodes[i].parent;
		if (p >= 0) {
			hits[p] += hits[i];
			grams[p] += grams[i];
		}
	}
	int32_t best = -1;
	double best_score = (double)covered;
	for (size_t i = 0; i < nn; i++) {
		double s = (double)hits[i] - 0.5 * (double)(grams[i] - hits[i]);
		if (s > best_score * 1.2 + 10.0) {
			best_score = s;
			best = (int32_t)i;
		}
	}
	if (best >= 0) {
		memset(sc->sel, 0, nn);
		memset(sc->inner, 0, nn * sizeof *sc->inner);
		sc->sel[best] = 1;
		propagate_selection(sc);
		sel_chars = keep_selection(sc, keep);
	}
done:
	free(hits);
	free(grams);
	return sel_chars;
}

void chr_html_score(chr_hpage *page)
{
	chr_hguide guide = { 0 };
	scorer sc;
	size_t nn = page->nnodes ? page->nnodes : 1;
	size_t nb = page->nblocks;
	uint8_t *keep = NULL;
	int labelled = 0;
	memset(&sc, 0, sizeof sc);
	sc.page = page;
	sc.inh = chr_calloc(nn, sizeof *sc.inh);
	sc.sel = chr_calloc(nn, 1);
	sc.inner = chr_calloc(nn, sizeof *sc.inner);
	keep = chr_calloc(nb ? nb : 1, 1);
	if (!sc.inh || !sc.sel || !sc.inner || !keep) {
		/* Out of memory: keep everything as body rather than lose text. */
		goto done;
	}
	if (page->lang < 0) {
		uint32_t sum[CHR_HLANG_COUNT] = { 0 }, best = 0;
		for (size_t i = 0; i < nb; i++)
			for (int l = 0; l < CHR_HLANG_COUNT; l++)
				sum[l] += page->blocks[i].stops[l];
		for (int l = 0; l < CHR_HLANG_COUNT; l++)
			if (sum[l] > best) {
				best = sum[l];
				page->lang = l;
			}
	}
	totals(&sc);
	int32_t top = best_container(&sc);
	size_t sel_chars = 0, good_chars = 0;
	if (top >= 0) {
		top = widen_to_hint(&sc, top);
		select_siblings(&sc, top);
		propagate_selection(&sc);
	}
	sel_chars = keep_selection(&sc, keep);
	if (chr_html_guide_build(page, &guide) != CHR_OK)
		goto done;
	if (guide.body_grams)
		sel_chars = follow_guide(&sc, &guide, keep, sel_chars);
	for (size_t i = 0; i < page->nnodes; i++)
		if (page->nodes[i].parent < 0)
			good_chars += page->nodes[i].good;
	trim_edges(page, keep);
	if (top < 0 || sel_chars * 3 < good_chars) {
		memset(keep, 0, nb);
		justext_page(&sc, keep);
	}
	trim_outro(page, keep);
	size_t kept = 0;
	for (size_t i = 0; i < nb; i++)
		kept += keep[i];
	/* A page without any prose (a stub, a snippet): keep what is not chrome. */
	if (kept == 0 && good_chars == 0) {
		for (size_t i = 0; i < nb; i++) {
			const chr_hblock *b = &page->blocks[i];
			keep[i] = (b->node < 0 || !(sc.inh[b->node] & ZONE_CHROME)) && link_density(b) <= 0.5f &&
				  b->kind != CHR_BLOCK_CAPTION;
		}
	}
	const char *title = chr_html_meta_title(page);
	/* The page's headline is not body even when it differs from the
	 * metadata title: an h1 before the first kept paragraph. */
	size_t first_prose = nb;
	for (size_t i = 0; i < nb && first_prose == nb; i++)
		if (keep[i] && page->blocks[i].kind != CHR_BLOCK_HEADING)
			first_prose = i;
	for (size_t i = 0; i < first_prose; i++)
		if (keep[i] && page->blocks[i].level == 1)
			keep[i] = 2;
	size_t last_body = 0;
	for (size_t i = 0; i < nb; i++)
		if (keep[i])
			last_body = i + 1;
	for (size_t i = 0; i < nb; i++) {
		chr_hblock *b = &page->blocks[i];
		const char *s = page->text.data + b->start;
		uint16_t f = b->node >= 0 ? sc.inh[b->node] : 0;
		if ((b->kind == CHR_BLOCK_HEADING && b->level <= 2 && matches_title(s, b->len, title)) ||
		    keep[i] == 2) {
			b->label = CHR_LABEL_TITLE;
			b->label_final = 1;
		} else if (keep[i]) {
			b->label = CHR_LABEL_BODY;
		} else {
			b->label_final = 1;
			if ((f & HN_LEGAL) || (b->chars < 400 && contains_legal(s, b->len)))
				b->label = CHR_LABEL_LEGAL;
			else if ((f & HN_TEASER) || (i >= last_body && last_body > 0 &&
						     b->link_chars * 4 >= b->chars && b->chars >= 20))
				b->label = CHR_LABEL_TEASER;
			else
				b->label = CHR_LABEL_CHROME;
		}
	}
	labelled = 1;
done:
	if (!labelled) {
		for (size_t i = 0; i < nb; i++)
			page->blocks[i].label = CHR_LABEL_BODY;
	}
	chr_html_guide_free(&guide);
	free(keep);
	free(sc.inh);
	free(sc.sel);
	free(sc.inner);
}
