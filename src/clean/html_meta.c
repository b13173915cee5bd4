/*
 * html_meta.c - hints from HTML metadata: title, site name, date, language, URL.
 *
 * The DOM walk (html_dom.c) hands over <html>, <title>, <meta>, <link>,
 * <time>, itemprop elements and JSON-LD scripts; each candidate is kept in
 * chr_hmeta (first one wins, except the longest JSON-LD articleBody), and
 * chr_html_meta_finish picks by trust: Open Graph and article meta first,
 * then JSON-LD, then microdata, then <title> and <time>.  JSON-LD is parsed
 * with jansson; a broken script is ignored (bad input is data).
 */
#include "clean/html_internal.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *attr(const GumboElement *el, const char *name)
{
	const GumboAttribute *a = gumbo_get_attribute(&el->attributes, name);
	return a ? a->value : NULL;
}

/* Keeps the first non-empty candidate; CHR_ENOMEM if the copy fails. */
static chr_status keep(char **slot, const char *value, size_t len)
{
	if (*slot || !value)
		return CHR_OK;
	while (len && (unsigned char)*value <= ' ') {
		value++;
		len--;
	}
	while (len && (unsigned char)value[len - 1] <= ' ')
		len--;
	if (len == 0)
		return CHR_OK;
	*slot = strndup(value, len);
	return *slot ? CHR_OK : CHR_ENOMEM;
}

static chr_status keep_str(char **slot, const char *value)
{
	return value ? keep(slot, value, strlen(value)) : CHR_OK;
}

/* The text of an element's first text child (enough for <title>). */
static const char *first_text(const GumboNode *node)
{
	const GumboVector *kids = &node->v.element.children;
	for (unsigned i = 0; i < kids->length; i++) {
		const GumboNode *k = kids->data[i];
		if (k->type == GUMBO_NODE_TEXT || k->type == GUMBO_NODE_CDATA)
			return k->v.text.text;
	}
	return NULL;
}

/* Meta names that carry the publication date: article:published_time,
 * pubdate, publish-date, parsely-pub-date, sn-post-date, dc.date.issued,
 * date...; never a modification date. */
static int names_publish_date(const char *name)
{
	char low[64];
	size_t n = 0;
	for (; name[n] && n < sizeof low - 1; n++)
		low[n] = (char)(name[n] >= 'A' && name[n] <= 'Z' ? name[n] + 32 : name[n]);
	low[n] = '\0';
	if (strstr(low, "modif") || strstr(low, "updat") || strstr(low, "expir"))
		return 0;
	return strstr(low, "publish") || strstr(low, "pubdate") || strstr(low, "pub-date") ||
	       strstr(low, "post-date") || strstr(low, "date.issued") || strstr(low, "date.created") ||
	       strcmp(low, "date") == 0 || strcmp(low, "sailthru.date") == 0 || strcmp(low, "dc.date") == 0;
}

static chr_status meta_tag(chr_hmeta *m, const GumboElement *el)
{
	const char *content = attr(el, "content");
	const char *key = attr(el, "property");
	const char *name = attr(el, "name");
	const char *prop = attr(el, "itemprop");
	chr_status st = CHR_OK;
	if (!content)
		return CHR_OK;
	for (int k = 0; k < 2 && st == CHR_OK; k++) {
		const char *p = k ? name : key;
		if (!p)
			continue;
		if (strcasecmp(p, "og:title") == 0)
			st = keep_str(&m->og_title, content);
		else if (strcasecmp(p, "og:site_name") == 0)
			st = keep_str(&m->og_site, content);
		else if (strcasecmp(p, "og:url") == 0)
			st = keep_str(&m->og_url, content);
		else if (strcasecmp(p, "application-name") == 0)
			st = keep_str(&m->app_name, content);
		else if (names_publish_date(p))
			st = keep_str(&m->meta_date, content);
	}
	if (st == CHR_OK && prop && strcasecmp(prop, "datePublished") == 0)
		st = keep_str(&m->prop_date, content);
	return st;
}

chr_status chr_html_meta_element(chr_hpage *page, const GumboNode *node)
{
	chr_hmeta *m = &page->meta;
	const GumboElement *el = &node->v.element;
	chr_status st = CHR_OK;
	switch (el->tag) {
	case GUMBO_TAG_HTML:
		st = keep_str(&m->lang, attr(el, "lang"));
		break;
	case GUMBO_TAG_TITLE:
		if (!m->html_title)
			st = keep_str(&m->html_title, first_text(node));
		break;
	case GUMBO_TAG_META:
		st = meta_tag(m, el);
		break;
	case GUMBO_TAG_LINK: {
		const char *rel = attr(el, "rel");
		if (rel && strcasecmp(rel, "canonical") == 0)
			st = keep_str(&m->canonical, attr(el, "href"));
		break;
	}
	case GUMBO_TAG_TIME:
		st = keep_str(&m->time_date, attr(el, "datetime"));
		break;
	case GUMBO_TAG_SCRIPT: {
		const char *type = attr(el, "type");
		const char *text = first_text(node);
		if (type && text && strcasecmp(type, "application/ld+json") == 0)
			st = chr_html_meta_jsonld(page, text, strlen(text));
		break;
	}
	default:
		break;
	}
	if (st == CHR_OK && el->tag != GUMBO_TAG_META) {
		const char *prop = attr(el, "itemprop");
		if (prop && strcasecmp(prop, "datePublished") == 0) {
			const char *v = attr(el, "datetime");
			st = keep_str(&m->prop_date, v ? v : attr(el, "content"));
		}
	}
	return st;
}

static const char *json_str(const json_t *obj, const char *key)
{
	const json_t *v = json_object_get(obj, key);
	if (json_is_array(v) && json_array_size(v) > 0)
		v = json_array_get(v, 0);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* Depth-limited: JSON-LD nests @graph, arrays and objects a few levels. */
static chr_status jsonld_visit(chr_hmeta *m, const json_t *v, int depth)
{
	chr_status st = CHR_OK;
	if (depth > 6)
		return CHR_OK;
	if (json_is_array(v)) {
		for (size_t i = 0; i < json_array_size(v) && st == CHR_OK; i++)
			st = jsonld_visit(m, json_array_get(v, i), depth + 1);
		return st;
	}
	if (!json_is_object(v))
		return CHR_OK;
	const json_t *graph = json_object_get(v, "@graph");
	if (graph && (st = jsonld_visit(m, graph, depth + 1)) != CHR_OK)
		return st;
	const char *type = json_str(v, "@type");
	int creative = type && (strstr(type, "Article") || strstr(type, "Posting") ||
				strstr(type, "Report") || strcmp(type, "WebPage") == 0 ||
				strstr(type, "Review"));
	if (!creative && !json_object_get(v, "articleBody"))
		return CHR_OK;
	if ((st = keep_str(&m->ld_headline, json_str(v, "headline"))) != CHR_OK)
		return st;
	if ((st = keep_str(&m->ld_date, json_str(v, "datePublished"))) != CHR_OK)
		return st;
	const json_t *pub = json_object_get(v, "publisher");
	if (json_is_array(pub))
		pub = json_array_get(pub, 0);
	if (json_is_object(pub) && (st = keep_str(&m->ld_publisher, json_str(pub, "name"))) != CHR_OK)
		return st;
	const char *body = json_str(v, "articleBody");
	if (body && strlen(body) > m->ld_body_len) {
		char *copy = strdup(body);
		if (!copy)
			return CHR_ENOMEM;
		free(m->ld_body);
		m->ld_body = copy;
		m->ld_body_len = strlen(copy);
	}
	return CHR_OK;
}

chr_status chr_html_meta_jsonld(chr_hpage *page, const char *json, size_t len)
{
	json_error_t err;
	/* Raw newlines and tabs inside strings are common in JSON-LD and make it
	 * invalid JSON; outside strings they are white space, so blanking every
	 * control byte keeps valid JSON valid and repairs the rest. */
	char *copy = malloc(len + 1);
	if (!copy)
		return CHR_ENOMEM;
	for (size_t i = 0; i < len; i++)
		copy[i] = (unsigned char)json[i] < 0x20 ? ' ' : json[i];
	copy[len] = '\0';
	json_t *root = json_loadb(copy, len, JSON_DISABLE_EOF_CHECK | JSON_ALLOW_NUL, &err);
	free(copy);
	if (!root)
		return CHR_OK;   /* broken JSON-LD is common; it only loses a hint */
	chr_status st = jsonld_visit(&page->meta, root, 0);
	json_decref(root);
	return st;
}

static int month_index(const char *w, size_t n)
{
	static const char months[] = "janfebmaraprmayjunjulaugsepoctnovdec";
	if (n < 3)
		return 0;
	char m[3] = { (char)(w[0] | 0x20), (char)(w[1] | 0x20), (char)(w[2] | 0x20) };
	for (int i = 0; i < 12; i++)
		if (memcmp(months + 3 * i, m, 3) == 0)
			return i + 1;
	return 0;
}

/* English dates in words: "19 Nov 2019 07:09 GMT", "Tue Nov 19 2019",
 * "November 19, 2019": a month name, a day of one or two digits and a
 * four-digit year, in any order; times (digits next to ':') are skipped. */
static const char *words_date(const char *s, char *out)
{
	int year = 0, month = 0, day = 0;
	const char *p = s;
	while (*p && !(year && month && day)) {
		while (*p && !((*p >= '0' && *p <= '9') || ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z')))
			p++;
		const char *w = p;
		if (*p >= '0' && *p <= '9') {
			while (*p >= '0' && *p <= '9')
				p++;
			size_t n = (size_t)(p - w);
			if (*p == ':' || (w > s && w[-1] == ':')) {
				while (*p == ':' || (*p >= '0' && *p <= '9'))
					p++;
				continue;
			}
			int v = atoi(w);
			if (n == 4 && v >= 1900 && v <= 2099 && !year)
				year = v;
			else if (n <= 2 && v >= 1 && v <= 31 && !day)
				day = v;
		} else {
			while (((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z'))
				p++;
			int m = month_index(w, (size_t)(p - w));
			if (m && !month)
				month = m;
		}
	}
	if (!(year && month && day))
		return NULL;
	char buf[32];
	snprintf(buf, sizeof buf, "%04d-%02d-%02d", year % 10000, month % 100, day % 100);
	memcpy(out, buf, 11);
	return out;
}

/* "YYYY-MM-DD" from the start of an ISO-like date ("2019-11-19T10:00Z",
 * "2019/11/19") or from an English date in words, else NULL; out has room
 * for 11 bytes. */
static const char *norm_date(const char *s, char *out)
{
	if (!s)
		return NULL;
	if (!(s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' && s[2] >= '0' && s[2] <= '9' &&
	      s[3] >= '0' && s[3] <= '9'))
		return words_date(s, out);
	while (*s == ' ')
		s++;
	for (int i = 0; i < 10; i++) {
		char c = s[i];
		if (i == 4 || i == 7) {
			if (c != '-' && c != '/')
				return NULL;
			out[i] = '-';
		} else {
			if (c < '0' || c > '9')
				return NULL;
			out[i] = c;
		}
	}
	out[10] = '\0';
	int month = (out[5] - '0') * 10 + (out[6] - '0');
	int day = (out[8] - '0') * 10 + (out[9] - '0');
	if (month < 1 || month > 12 || day < 1 || day > 31 || out[0] < '1')
		return NULL;
	return out;
}

/* Separators before a site name at the end of a title. */
static size_t title_cut(const char *t, const char *site)
{
	static const char *const seps[] = { " | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " :: ",
					    " \xC2\xB7 ", " \xE2\x80\xA2 ", NULL };
	size_t len = strlen(t), best = len;
	for (int k = 0; seps[k]; k++) {
		const char *p = t, *last = NULL, *first_long = NULL;
		int count = 0;
		while ((p = strstr(p, seps[k])) != NULL) {
			if (!first_long && p - t >= 12)
				first_long = p;
			last = p;
			count++;
			p++;
		}
		if (!last)
			continue;
		size_t head = (size_t)(last - t);
		/* The tail is the site's own name. */
		if (site && head >= 4 && strcasecmp(last + strlen(seps[k]), site) == 0 && head < best) {
			best = head;
			continue;
		}
		/* "Headline | Section | Site": everything after the first separator
		 * that leaves a real headline is the site's trail. */
		if (count >= 2 && first_long && (size_t)(first_long - t) < best)
			best = (size_t)(first_long - t);
		/* The site part is the short one; keep titles that merely contain a dash. */
		if (head >= 12 && len - head <= head / 2 + 8 && head < best)
			best = head;
	}
	return best;
}

const char *chr_html_meta_title(const chr_hpage *page)
{
	const chr_hmeta *m = &page->meta;
	return m->og_title ? m->og_title : m->ld_headline ? m->ld_headline : m->html_title;
}

static chr_status put(chr_doc *doc, const char **slot, const char *s, size_t len)
{
	if (!s)
		return CHR_OK;
	char *copy = chr_arena_strndup(&doc->arena, s, len);
	if (!copy)
		return CHR_ENOMEM;
	*slot = copy;
	return CHR_OK;
}

chr_status chr_html_meta_finish(chr_hpage *page, chr_doc *doc)
{
	const chr_hmeta *m = &page->meta;
	chr_html_hints *h = &doc->hints;
	chr_status st;
	char datebuf[11];
	const char *title = chr_html_meta_title(page);
	const char *site = m->og_site ? m->og_site : m->ld_publisher ? m->ld_publisher : m->app_name;
	if (title && (st = put(doc, &h->title, title, title_cut(title, site))) != CHR_OK)
		return st;
	if (site && (st = put(doc, &h->site_name, site, strlen(site))) != CHR_OK)
		return st;
	const char *date = norm_date(m->meta_date, datebuf);
	if (!date)
		date = norm_date(m->ld_date, datebuf);
	if (!date)
		date = norm_date(m->prop_date, datebuf);
	if (!date)
		date = norm_date(m->time_date, datebuf);
	if (date && (st = put(doc, &h->date, date, 10)) != CHR_OK)
		return st;
	if (m->lang) {
		char lang[9];
		size_t n = 0;
		for (const char *s = m->lang; *s && *s != '-' && *s != '_' && n < 8; s++) {
			char c = *s;
			if (c >= 'A' && c <= 'Z')
				c += 32;
			if (c < 'a' || c > 'z')
				break;
			lang[n++] = c;
		}
		if (n >= 2 && n <= 3 && (st = put(doc, &h->lang, lang, n)) != CHR_OK)
			return st;
	}
	const char *url = m->canonical ? m->canonical : m->og_url;
	if (url && (st = put(doc, &h->url, url, strlen(url))) != CHR_OK)
		return st;
	return CHR_OK;
}
