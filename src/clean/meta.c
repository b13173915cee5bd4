/*
 * meta.c - clean stage: the document's title, outlet, language and date
 * (with its basis), from the labelled paragraphs and the HTML hints.
 *
 * Order of evidence, strongest first:
 *   title    the input's own title (JSON), the paragraph labelled title,
 *            the HTML hints (og:title, <title>).
 *   outlet   the dateline's agency (/TASS/), a credit opening or closing
 *            the body ("(MENAFN) ...", "... (AP)", "— Reuters"), the HTML
 *            og:site_name, then a notice naming the publisher ("All
 *            rights ... reserved by X", "© 2025 X", "Official website of
 *            the X"); known spellings map to one name (data/outlets/).
 *   language stop words and script over the text (label.c), else the
 *            HTML lang attribute.
 *   date     the reader's header or input date; else the dateline (a
 *            dateline without a year takes the year of the latest date
 *            written with a year in the text, never the clock); else the
 *            HTML metadata (basis text); else --date (basis input).
 *            When a header and a dateline disagree the header wins: it is
 *            the crawler's record of the page, while a dateline can be
 *            stale text copied from an older story.
 */
#include "clean/clean.h"

#include <stdio.h>
#include <string.h>

#include "clean/dateline.h"
#include "clean/lexicon.h"

static chr_status set_str(chr_doc *doc, const char **field, const char *s, size_t n)
{
	/* Trim blanks and trailing punctuation a name does not end with. */
	while (n && (s[0] == ' '))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == ',' || s[n - 1] == ';' || s[n - 1] == ':' ||
		     s[n - 1] == '-' || s[n - 1] == '|'))
		n--;
	if (!n)
		return CHR_OK;
	char *c = chr_arena_strndup(&doc->arena, s, n);
	if (!c)
		return CHR_ENOMEM;
	*field = c;
	return CHR_OK;
}

/* ---- language -------------------------------------------------------------- */

/* Used when the labeller did not run (--raw): the same counts, over the
 * first 64 KB of text, which is plenty to tell languages apart. */
static void detect_lang(chr_doc *doc, const chr_lexicon *lex)
{
	uint32_t stops[CHR_LEX_MAX_LANGS] = {0}, words = 0, cyr = 0, latin = 0;
	size_t budget = 64 * 1024;
	for (size_t i = 0; i < doc->nblocks && budget; i++) {
		const chr_paragraph *p = &doc->blocks[i].p;
		size_t len = p->len < budget ? p->len : budget, pos = 0;
		chr_tok t;
		budget -= len;
		while (chr_tok_next(p->text, len, &pos, &t)) {
			unsigned mask = chr_lex_stop(lex, t.hash);
			for (unsigned l = 0; mask; l++, mask >>= 1)
				stops[l] += mask & 1;
			words++;
			if (t.flags & CHR_TOK_CYR)
				cyr++;
			else if (t.flags & CHR_TOK_LATIN)
				latin++;
		}
	}
	doc->lang = chr_lex_lang_decide(lex, stops, words, cyr, latin);
}

/* ---- outlet -------------------------------------------------------------------- */

/* The canonical name of an outlet string, or NULL when unknown. */
static const char *canonical(const chr_lexicon *lex, const char *s, size_t n)
{
	return chr_lex_agency(lex, chr_lex_key(s, n));
}

/* ASCII case-insensitive search for pat in s[0..len). */
static const char *find_ci(const char *s, size_t len, const char *pat)
{
	size_t m = strlen(pat);
	for (size_t i = 0; m <= len && i <= len - m; i++) {
		size_t j = 0;
		while (j < m) {
			char a = s[i + j], b = pat[j];
			if (a >= 'A' && a <= 'Z')
				a = (char)(a + 32);
			if (a != b)
				break;
			j++;
		}
		if (j == m)
			return s + i;
	}
	return NULL;
}

/* A known outlet named anywhere in a notice: token spans of 1..4 words,
 * at least 4 bytes long (so "AP" inside a notice is not a credit). */
static const char *known_in(const chr_lexicon *lex, const char *s, size_t len)
{
	enum { MAXT = 160 };
	chr_tok t[MAXT];
	size_t pos = 0;
	int n = 0;
	while (n < MAXT && chr_tok_next(s, len, &pos, &t[n]))
		n++;
	for (int i = 0; i < n; i++) {
		uint64_t key = CHR_FNV_OFFSET;
		for (int k = i; k < n && k < i + 4; k++) {
			key = (key ^ t[k].hash) * CHR_FNV_PRIME + 0x9e3779b97f4a7c15ULL;
			if (t[k].start + t[k].len - t[i].start < 4)
				continue;
			const char *c = chr_lex_agency(lex, key);
			if (c)
				return c;
		}
	}
	return NULL;
}

/* The publisher a notice names: the words after "reserved by", "©",
 * "copyright" or "official website of (the)", up to the end of the
 * clause.  Returns its length (0: none) and sets *out. */
static size_t notice_object(const char *s, size_t len, const char **out)
{
	static const char *const intro[] = {
		"reserved by ", "official website of the ", "official website of ",
		"official site of the ", "official site of ", "\xC2\xA9 ", "copyright ", NULL,
	};
	for (int k = 0; intro[k]; k++) {
		const char *p = find_ci(s, len, intro[k]);
		if (!p)
			continue;
		p += strlen(intro[k]);
		size_t rest = len - (size_t)(p - s), i = 0;
		/* "© 2025 Name": skip a year or a range of years. */
		while (i < rest && ((p[i] >= '0' && p[i] <= '9') || p[i] == '-' || p[i] == ' ' ||
				    (unsigned char)p[i] == 0xC2 || (unsigned char)p[i] == 0xA9))
			i++;
		/* A name starts with a capital (or another script). */
		if (i >= rest || !((p[i] >= 'A' && p[i] <= 'Z') || (unsigned char)p[i] >= 0x80))
			continue;
		size_t b = i;
		while (i < rest && i - b < 80 && p[i] != '.' && p[i] != ',' && p[i] != ';' && p[i] != '|' &&
		       p[i] != '(' && !(p[i] == ' ' && i + 1 < rest && p[i + 1] == '-'))
			i++;
		if (find_ci(p + b, i - b, "all rights"))
			i = b + (size_t)(find_ci(p + b, i - b, "all rights") - (p + b));
		if (i > b) {
			*out = p + b;
			return i - b;
		}
	}
	return 0;
}

/* "Meridian Wire Ltd owns the copyright ...": the capitalised words
 * just before "owns". */
static size_t notice_subject(const char *s, size_t len, const char **out)
{
	const char *p = find_ci(s, len, " owns the copyright");
	if (!p)
		p = find_ci(s, len, " owns all rights");
	if (!p)
		return 0;
	const char *b = p;
	int words = 0;
	while (b > s && words < 5) {
		const char *w = b;
		while (w > s && w[-1] != ' ' && w[-1] != ':' && w[-1] != '.')
			w--;
		if (w == b || !((*w >= 'A' && *w <= 'Z') || (unsigned char)*w >= 0x80))
			break;
		b = w;
		words++;
		if (b > s && b[-1] == ' ')
			b--;
		else
			break;
	}
	while (b < p && *b == ' ')
		b++;
	if (b >= p)
		return 0;
	*out = b;
	return (size_t)(p - b);
}

/* Drops a company-form suffix ("Ltd", "GmbH", "Inc."), so a publisher is
 * named the same in its notices and its datelines. */
static size_t strip_company_form(const char *s, size_t n)
{
	static const char *const forms[] = {" Ltd.", " Ltd", " LLC", " Inc.", " Inc", " GmbH", " plc",
					    " PLC", " AG", " S.A.", " SA", " A.\xC5\x9E.", NULL};
	while (n && (s[n - 1] == ' ' || s[n - 1] == ','))
		n--;
	for (int k = 0; forms[k]; k++) {
		size_t m = strlen(forms[k]);
		if (n > m && memcmp(s + n - m, forms[k], m) == 0)
			return n - m;
	}
	return n;
}

static chr_status find_outlet(chr_doc *doc, const chr_lexicon *lex, const chr_dateline *dl)
{
	char credit[64];
	const char *c;
	if (dl && dl->agency[0]) {
		c = canonical(lex, dl->agency, strlen(dl->agency));
		return set_str(doc, &doc->outlet, c ? c : dl->agency, strlen(c ? c : dl->agency));
	}
	/* Credits: leading in the first body paragraphs, trailing anywhere
	 * in the body (the last one wins: it closes the article). */
	const char *found = NULL;
	char last[64] = "";
	size_t seen_body = 0;
	for (size_t i = 0; i < doc->nblocks; i++) {
		const chr_paragraph *p = &doc->blocks[i].p;
		if (p->label != CHR_LABEL_BODY)
			continue;
		if (seen_body++ < 3 && !last[0] && chr_credit_leading(lex, p->text, p->len, credit, sizeof credit, NULL))
			memcpy(last, credit, sizeof credit);
		if (chr_credit_trailing(lex, p->text, p->len, credit, sizeof credit, NULL))
			memcpy(last, credit, sizeof credit);
	}
	if (last[0])
		return set_str(doc, &doc->outlet, last, strlen(last));
	if (doc->hints.site_name && doc->hints.site_name[0]) {
		const char *sn = doc->hints.site_name;
		c = canonical(lex, sn, strlen(sn));
		return set_str(doc, &doc->outlet, c ? c : sn, strlen(c ? c : sn));
	}
	/* Notices: legal paragraphs, and furniture that names the site. */
	const char *obj = NULL;
	size_t objn = 0, looked = 0;
	for (size_t i = 0; i < doc->nblocks && looked < 32 && !found; i++) {
		const chr_paragraph *p = &doc->blocks[i].p;
		if ((p->label != CHR_LABEL_LEGAL && p->label != CHR_LABEL_CHROME) || p->len > 1200)
			continue;
		const char *o = NULL;
		size_t on = notice_object(p->text, p->len, &o);
		if (!on)
			on = notice_subject(p->text, p->len, &o);
		if (!on && p->label != CHR_LABEL_LEGAL)
			continue;
		looked++;
		found = known_in(lex, p->text, p->len);
		if (!found && on && !obj) {
			obj = o;
			objn = on;
		}
	}
	if (found)
		return set_str(doc, &doc->outlet, found, strlen(found));
	if (obj) {
		objn = strip_company_form(obj, objn);
		c = canonical(lex, obj, objn);
		return set_str(doc, &doc->outlet, c ? c : obj, c ? strlen(c) : objn);
	}
	return CHR_OK;
}

/* ---- date ------------------------------------------------------------------------ */

static int valid_date(int y, int m, int d)
{
	static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 0;
	return 1;
}

static int text_label(chr_label l)
{
	return l == CHR_LABEL_BODY || l == CHR_LABEL_TITLE || l == CHR_LABEL_DATELINE;
}

/* The year a dateline without one takes: that of the latest date written
 * with its year in the article's own text (not in teasers), else 0. */
/* True if s has a run of exactly four digits starting 19 or 20: only
 * such paragraphs are worth tokenizing for dates.  memchr finds the
 * rare '1' and '2' far faster than a loop over every byte. */
static int has_year(const char *s, size_t len)
{
	for (int lead = '1'; lead <= '2'; lead++) {
		const char *p = s, *end = s + len;
		while ((p = memchr(p, lead, (size_t)(end - p))) != NULL) {
			if (end - p >= 4 && p[1] == (lead == '1' ? '9' : '0') &&
			    (unsigned)(p[2] - '0') < 10 && (unsigned)(p[3] - '0') < 10 &&
			    (p == s || (unsigned)(p[-1] - '0') >= 10) &&
			    (end - p == 4 || (unsigned)(p[4] - '0') >= 10))
				return 1;
			p++;
		}
	}
	return 0;
}

/*
 * The year of a dateline that has none: the year of the latest date the
 * text writes with its year.  News looks back, so a dateline month more
 * than six months before that date's month falls in the following year
 * (a January wire recalling "December 28, 2025").  0 when the text has no
 * dated mention: the year is never taken from the clock.
 */
static int inferred_year(const chr_doc *doc, const chr_lexicon *lex, int dateline_month)
{
	long best = 0;
	for (size_t i = 0; i < doc->nblocks; i++) {
		const chr_paragraph *p = &doc->blocks[i].p;
		if (text_label(p->label) && has_year(p->text, p->len))
			chr_dates_latest(lex, p->text, p->len, &best);
	}
	int year = (int)(best / 10000), month = (int)(best / 100 % 100);
	if (year && month && dateline_month + 6 < month)
		year++;
	return year;
}

static chr_status set_date(chr_doc *doc, int y, int m, int d, chr_date_basis basis)
{
	char buf[16];
	snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
	char *c = chr_arena_strdup(&doc->arena, buf);
	if (!c)
		return CHR_ENOMEM;
	doc->date = c;
	doc->date_basis = basis;
	return CHR_OK;
}

/* "YYYY-MM-DD" at the start of s (HTML hints may carry a time after it). */
static int parse_iso(const char *s, int *y, int *m, int *d)
{
	for (int i = 0; i < 10; i++) {
		char c = s[i];
		if (i == 4 || i == 7 ? c != '-' : (c < '0' || c > '9'))
			return 0;
	}
	*y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	*m = (s[5] - '0') * 10 + (s[6] - '0');
	*d = (s[8] - '0') * 10 + (s[9] - '0');
	return valid_date(*y, *m, *d);
}

/* The dateline: opening the first body paragraph, or a paragraph of its
 * own (labelled dateline). */
static int find_dateline(const chr_doc *doc, const chr_lexicon *lex, chr_dateline *dl)
{
	int first_body_seen = 0;
	for (size_t i = 0; i < doc->nblocks; i++) {
		const chr_paragraph *p = &doc->blocks[i].p;
		if (p->label == CHR_LABEL_DATELINE) {
			if (chr_dateline_parse(lex, p->text, p->len, dl) && dl->month)
				return 1;
		} else if (p->label == CHR_LABEL_BODY && !first_body_seen) {
			first_body_seen = 1;
			if (chr_dateline_parse(lex, p->text, p->len, dl))
				return 1;
		}
	}
	return 0;
}

chr_status chr_meta_detect(chr_doc *doc, const chr_clean_opts *opts)
{
	chr_status st = CHR_OK;
	const chr_lexicon *lex = chr_lex_get();
	chr_dateline dl;
	int have_dl;
	if (!lex)
		return CHR_ENOMEM;

	if (!doc->lang)
		detect_lang(doc, lex);
	if (!doc->lang && doc->hints.lang && doc->hints.lang[0])
		doc->lang = doc->hints.lang;

	if (doc->input_title && doc->input_title[0]) {
		doc->title = doc->input_title;
	} else {
		for (size_t i = 0; i < doc->nblocks && !doc->title; i++)
			if (doc->blocks[i].p.label == CHR_LABEL_TITLE)
				doc->title = doc->blocks[i].p.text;
		if (!doc->title && doc->hints.title && doc->hints.title[0])
			doc->title = doc->hints.title;
	}

	have_dl = find_dateline(doc, lex, &dl);
	if (!doc->outlet && (st = find_outlet(doc, lex, have_dl ? &dl : NULL)) != CHR_OK)
		return st;

	int y, m, d;
	if (doc->date)
		return CHR_OK;   /* header or input date: it wins */
	/* --raw is for annotated corpora whose creation date comes with them:
	 * the caller's date is authoritative there. */
	if (opts && opts->raw && opts->date && strlen(opts->date) >= 10 && parse_iso(opts->date, &y, &m, &d))
		return set_date(doc, y, m, d, CHR_DATE_INPUT);
	if (have_dl && dl.month && dl.day) {
		int year = dl.year ? dl.year : inferred_year(doc, lex, dl.month);
		if (valid_date(year, dl.month, dl.day))
			return set_date(doc, year, dl.month, dl.day, CHR_DATE_DATELINE);
	}
	if (doc->hints.date && strlen(doc->hints.date) >= 10 && parse_iso(doc->hints.date, &y, &m, &d))
		return set_date(doc, y, m, d, CHR_DATE_TEXT);
	if (doc->fallback_date && parse_iso(doc->fallback_date, &y, &m, &d))
		return set_date(doc, y, m, d, CHR_DATE_INPUT);
	if (opts && opts->date && strlen(opts->date) >= 10 && parse_iso(opts->date, &y, &m, &d))
		return set_date(doc, y, m, d, CHR_DATE_INPUT);
	return CHR_OK;
}
