/*
 * train_ner.c - trains the entity tagger's model (data/model/ner.txt).
 *
 * Usage:
 *   train_ner [--epochs N] [--out FILE] DIR     train, write the model, score dev
 *   train_ner --eval [--model FILE] [--show] DIR   score a model on the dev documents
 *   train_ner --cv K [--epochs N] DIR            K-fold cross-validation on train docs
 *   --swaps N: also train on N copies of each train document with names
 *   swapped for listed ones (needs the gazetteer lists in the build)
 *
 * DIR holds GUM CoNLL-U files (../shared/data/gum-ner/dep).  Training reads
 * only GUM's train documents: the four dev documents are held out and the
 * model is scored on them, exactly as score_ner.py would score the tagger
 * alone.  Each document's text is rebuilt from its tokens the way the
 * scorer does (SpaceAfter=No honoured, sentences joined by " ",
 * paragraphs by "\n\n"), tokenised by chr_tokenize like any article, and
 * the gold names are mapped onto our tokens as BILOU classes.
 *
 * Which GUM mentions are names (the scorer's rule, a fact about the data
 * format): a person / organization / place mention whose syntactic head is
 * a proper noun, after dropping leading determiners and possessives and
 * trailing punctuation and 's; first and last word capitalised (or a
 * digit) and every other word too or a lowercase name connector; a person
 * has no of/for/and/the, is not a plural proper noun and not titles only;
 * only the outermost such mentions count.  Spans are then normalised the
 * same way on both sides (a leading article, a trailing possessive or
 * punctuation, and for persons leading titles, are dropped).
 *
 * The perceptron is trained greedily with its own predicted history, for
 * a fixed number of epochs over the documents in a seeded shuffled order,
 * and averaged (Daume's trick: w - u/c).  Output is deterministic.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/types.h>
#include <time.h>

#include <utf8proc.h>

#include "analyze/tagger_int.h"
#include "analyze/token.h"
#include "util/arena.h"
#include "util/data.h"
#include "util/utf8.h"

/* Set to 1 once the gazetteer (chr_gaz_bits_fill) is in the library:
 * the model then learns from the lists' evidence. */
#define NER_USE_GAZ 0

static const char *const dev_docs[] = {
	"GUM_news_homeopathic", "GUM_news_iodine", "GUM_interview_cyclone", "GUM_interview_gaming", NULL
};

enum { TY_PER = 0, TY_ORG = 1, TY_LOC = 2 };  /* = chr_ent_type PERSON, ORG, PLACE */
static const char *const type_names[] = {"PER", "ORG", "LOC"};

/* ---------------------------------------------------------- word lists */

static const char *const lead_drop[] = {"the", "a", "an", "this", "that", "these", "those", "his", "her",
	"its", "their", "our", "my", "your", NULL};
static const char *const connectors[] = {"of", "for", "and", "the", "de", "du", "des", "la", "le", "del",
	"della", "van", "von", "der", "den", "al", "el", "bin", "ibn", "da", "di", "on", "in", "at", "&",
	"'s", "\xe2\x80\x99s", "-", ".", "'", "\xe2\x80\x99", "y", "e", "und", "to", "a", "an", NULL};
static const char *const per_no_connect[] = {"of", "for", "and", "the", "on", "in", "at", "to", "a", "an",
	"&", NULL};
static const char *const titles[] = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.", "prof",
	"prof.", "professor", "sir", "dame", "lord", "lady", "madam", "president", "vice", "prime",
	"minister", "premier", "chancellor", "secretary", "senator", "sen", "sen.", "representative", "rep",
	"rep.", "congressman", "congresswoman", "governor", "gov", "gov.", "mayor", "ambassador", "envoy",
	"special", "presidential", "deputy", "foreign", "defense", "defence", "interior", "finance",
	"chairman", "chairwoman", "chair", "director", "chief", "executive", "ceo", "spokesman",
	"spokeswoman", "general", "gen", "gen.", "colonel", "col", "col.", "captain", "capt", "capt.",
	"lieutenant", "lt", "lt.", "sergeant", "sgt", "sgt.", "major", "admiral", "commander", "marshal",
	"officer", "judge", "justice", "attorney", "king", "queen", "prince", "princess", "emperor", "pope",
	"cardinal", "archbishop", "bishop", "rev", "rev.", "reverend", "father", "sister", "brother",
	"rabbi", "imam", "sheikh", "ayatollah", "saint", "st", "st.", "coach", "aide", "adviser", "advisor",
	"assistant", "former", "late", "then", "us", "u.s.", "uk", "russian", "american", NULL};

/* Is s[0..n), lowercased (ASCII), one of words? */
static int in_list(const char *const *words, const char *s, size_t n)
{
	char low[32];
	if (n >= sizeof low)
		return 0;
	for (size_t i = 0; i < n; i++)
		low[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
	low[n] = '\0';
	for (size_t k = 0; words[k]; k++)
		if (strcmp(words[k], low) == 0)
			return 1;
	return 0;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* ------------------------------------------------------ growing arrays */

static void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q) {
		fprintf(stderr, "train_ner: out of memory\n");
		exit(1);
	}
	return q;
}

#define PUSH(arr, n, cap, val) do { \
	if ((n) == (cap)) { (cap) = (cap) ? 2 * (cap) : 64; (arr) = xrealloc((arr), (cap) * sizeof *(arr)); } \
	(arr)[(n)++] = (val); } while (0)

typedef struct span {
	uint32_t s, e;
	int type;
} span;

typedef struct document {
	char *id;
	char *text;
	size_t len;
	span *gold;        /* normalised, deduplicated */
	size_t ngold, capgold;
	int dev;
	int aug;           /* a copy with names swapped (never scored) */
	size_t train_index;/* n-th train document (a copy: its original's) */
} document;

/* ------------------------------------------------------- normalisation */

/* The scorer's span normalisation, on byte offsets. */
static void norm_span(const char *text, uint32_t *ps, uint32_t *pe, int type)
{
	uint32_t s = *ps, e = *pe;
	while (s < e && is_space(text[s]))
		s++;
	while (e > s && is_space(text[e - 1]))
		e--;
	static const char *const dets[] = {"the ", "a ", "an ", NULL};
	for (size_t k = 0; dets[k]; k++) {
		size_t dl = strlen(dets[k]);
		if (e - s > dl && strncasecmp(text + s, dets[k], dl) == 0) {
			s += (uint32_t)dl;
			break;
		}
	}
	/* Trailing ('s | ' | ’s | ’ | space . , ; : ! ? " “ ” ( ) [ ] -)+,
	 * unless that is the whole span. */
	uint32_t t = e;
	for (;;) {
		if (t >= s + 2 && text[t - 1] == 's' && text[t - 2] == '\'') {
			t -= 2;
		} else if (t >= s + 4 && text[t - 1] == 's' && memcmp(text + t - 4, "\xe2\x80\x99", 3) == 0) {
			t -= 4;
		} else if (t >= s + 3 && (memcmp(text + t - 3, "\xe2\x80\x99", 3) == 0 ||
					  memcmp(text + t - 3, "\xe2\x80\x9c", 3) == 0 ||
					  memcmp(text + t - 3, "\xe2\x80\x9d", 3) == 0)) {
			t -= 3;
		} else if (t > s && strchr("'.,;:!?\"()[]- \t\n\r\f\v", text[t - 1]) && text[t - 1]) {
			t -= 1;
		} else {
			break;
		}
	}
	if (t > s)
		e = t;
	while (s < e && is_space(text[s]))
		s++;
	while (e > s && is_space(text[e - 1]))
		e--;
	if (type == TY_PER) {
		uint32_t ws[64], we[64];
		size_t nw = 0;
		for (uint32_t i = s; i < e && nw < 64;) {
			while (i < e && is_space(text[i]))
				i++;
			if (i >= e)
				break;
			ws[nw] = i;
			while (i < e && !is_space(text[i]))
				i++;
			we[nw++] = i;
		}
		size_t k = 0;
		while (k + 1 < nw && in_list(titles, text + ws[k], we[k] - ws[k]))
			k++;
		if (k)
			s = ws[k];
	}
	*ps = s;
	*pe = e;
}

static int span_cmp(const void *a, const void *b)
{
	const span *x = a, *y = b;
	if (x->s != y->s)
		return x->s < y->s ? -1 : 1;
	if (x->e != y->e)
		return x->e > y->e ? -1 : 1;
	return x->type - y->type;
}

/* Sorts and removes duplicates. */
static size_t span_unique(span *v, size_t n)
{
	size_t m = 0;
	qsort(v, n, sizeof *v, span_cmp);
	for (size_t i = 0; i < n; i++)
		if (!m || v[m - 1].s != v[i].s || v[m - 1].e != v[i].e || v[m - 1].type != v[i].type)
			v[m++] = v[i];
	return m;
}

/* ------------------------------------------------------- CoNLL-U reader */

typedef struct row {
	int id;            /* word id, or 0 for a multi-word token line */
	int mwt_a, mwt_b;  /* range of a multi-word token */
	char *form, *upos, *xpos, *misc;
	int head;
	uint32_t s, e;     /* offsets in the document text */
} row;

typedef struct reader {
	document *docs;
	size_t ndocs, capdocs;
	char *text;
	size_t tlen, tcap;
	span *named;
	size_t nnamed, capnamed;
	int first, newpar, in_doc;
	char *doc_id;
} reader;

static void text_add(reader *r, const char *s, size_t n)
{
	while (r->tlen + n + 1 > r->tcap) {
		r->tcap = r->tcap ? 2 * r->tcap : 4096;
		r->text = xrealloc(r->text, r->tcap);
	}
	memcpy(r->text + r->tlen, s, n);
	r->tlen += n;
	r->text[r->tlen] = '\0';
}

static int has_misc(const char *misc, const char *item)
{
	size_t il = strlen(item);
	for (const char *p = misc; *p;) {
		const char *bar = strchr(p, '|');
		size_t n = bar ? (size_t)(bar - p) : strlen(p);
		if (n == il && memcmp(p, item, n) == 0)
			return 1;
		p += n + (bar ? 1 : 0);
	}
	return 0;
}

static int first_cap(const char *form)
{
	size_t i = 0, len = strlen(form);
	if (!len)
		return 0;
	uint32_t cp = chr_utf8_next(form, len, &i);
	utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
	return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_ND;
}

typedef struct open_m {
	char eid[64];
	int start;
	char content[256];
} open_m;

/* Applies the named-entity rule to mention [st, en] of one sentence. */
static void judge_mention(reader *r, row *rows, size_t nrows, int st, int en, const char *content)
{
	const char *dash = strchr(content, '-');
	int type = -1;
	if (dash) {
		const char *d2 = strchr(dash + 1, '-');
		size_t n = d2 ? (size_t)(d2 - dash - 1) : strlen(dash + 1);
		if (n == 6 && memcmp(dash + 1, "person", 6) == 0)
			type = TY_PER;
		else if (n == 12 && memcmp(dash + 1, "organization", 12) == 0)
			type = TY_ORG;
		else if (n == 5 && memcmp(dash + 1, "place", 5) == 0)
			type = TY_LOC;
	}
	if (type < 0)
		return;
	row *w[512];
	size_t nw = 0;
	for (size_t k = 0; k < nrows && nw < 512; k++)
		if (rows[k].id >= st && rows[k].id <= en)
			w[nw++] = &rows[k];
	row *head = NULL;
	for (size_t k = 0; k < nw && !head; k++)
		if (w[k]->head < st || w[k]->head > en)
			head = w[k];
	if (!head || strcmp(head->upos, "PROPN") != 0)
		return;
	size_t a = 0, b = nw;
	while (a < b && in_list(lead_drop, w[a]->form, strlen(w[a]->form)))
		a++;
	while (b > a && (strcmp(w[b - 1]->upos, "PUNCT") == 0 || strcmp(w[b - 1]->form, "'s") == 0 ||
			 strcmp(w[b - 1]->form, "\xe2\x80\x99s") == 0 || strcmp(w[b - 1]->form, "'") == 0 ||
			 strcmp(w[b - 1]->form, "\xe2\x80\x99") == 0))
		b--;
	if (a == b)
		return;
	if (!first_cap(w[a]->form) || !first_cap(w[b - 1]->form))
		return;
	int all_titles = 1;
	for (size_t k = a; k < b; k++) {
		size_t fl = strlen(w[k]->form);
		if (!first_cap(w[k]->form) && !in_list(connectors, w[k]->form, fl))
			return;
		if (type == TY_PER && in_list(per_no_connect, w[k]->form, fl))
			return;
		if (!in_list(titles, w[k]->form, fl))
			all_titles = 0;
	}
	if (type == TY_PER && (strcmp(head->xpos, "NNPS") == 0 || all_titles))
		return;
	span sp = {w[a]->s, w[b - 1]->e, type};
	PUSH(r->named, r->nnamed, r->capnamed, sp);
}

/* Builds the sentence's text and judges its mentions. */
static void end_sentence(reader *r, row *rows, size_t nrows)
{
	if (!nrows)
		return;
	if (!r->first)
		text_add(r, r->newpar ? "\n\n" : " ", r->newpar ? 2 : 1);
	r->first = 0;
	r->newpar = 0;
	size_t k = 0;
	while (k < nrows) {
		row *t = &rows[k];
		int space;
		if (t->id == 0) {
			uint32_t s = (uint32_t)r->tlen;
			text_add(r, t->form, strlen(t->form));
			for (size_t j = 0; j < nrows; j++)
				if (rows[j].id >= t->mwt_a && rows[j].id <= t->mwt_b) {
					rows[j].s = s;
					rows[j].e = (uint32_t)r->tlen;
				}
			space = !has_misc(t->misc, "SpaceAfter=No");
			k += 1 + (size_t)(t->mwt_b - t->mwt_a + 1);
		} else {
			t->s = (uint32_t)r->tlen;
			text_add(r, t->form, strlen(t->form));
			t->e = (uint32_t)r->tlen;
			space = !has_misc(t->misc, "SpaceAfter=No");
			k++;
		}
		if (space && k < nrows)
			text_add(r, " ", 1);
	}
	open_m open[64];
	size_t nopen = 0;
	for (size_t j = 0; j < nrows; j++) {
		if (rows[j].id == 0)
			continue;
		const char *m = rows[j].misc, *ent = NULL;
		for (const char *p = m; (p = strstr(p, "Entity=")); p++)
			if (p == m || p[-1] == '|') {
				ent = p + 7;
				break;
			}
		if (!ent)
			continue;
		size_t vl = strcspn(ent, "|");
		size_t i = 0;
		while (i < vl) {
			if (ent[i] == '(') {
				size_t q = i + 1;
				while (q < vl && ent[q] != '(' && ent[q] != ')')
					q++;
				open_m o = {{0}, rows[j].id, {0}};
				size_t cl = q - i - 1 < sizeof o.content - 1 ? q - i - 1 : sizeof o.content - 1;
				memcpy(o.content, ent + i + 1, cl);
				size_t el = strcspn(o.content, "-");
				memcpy(o.eid, o.content, el < sizeof o.eid - 1 ? el : sizeof o.eid - 1);
				i = q;
				if (q < vl && ent[q] == ')') {
					judge_mention(r, rows, nrows, o.start, rows[j].id, o.content);
					i = q + 1;
				} else if (nopen < 64) {
					open[nopen++] = o;
				}
			} else {
				size_t q = i;
				while (q < vl && ent[q] != ')')
					q++;
				char eid[64] = {0};
				memcpy(eid, ent + i, q - i < sizeof eid - 1 ? q - i : sizeof eid - 1);
				for (size_t z = nopen; z-- > 0;)
					if (strcmp(open[z].eid, eid) == 0) {
						judge_mention(r, rows, nrows, open[z].start, rows[j].id, open[z].content);
						memmove(open + z, open + z + 1, (nopen - z - 1) * sizeof *open);
						nopen--;
						break;
					}
				i = q + 1;
			}
		}
	}
}

static void end_document(reader *r)
{
	if (!r->in_doc || !r->tlen)
		goto reset;
	document d = {0};
	d.id = r->doc_id;
	r->doc_id = NULL;
	d.text = r->text;
	d.len = r->tlen;
	r->text = NULL;
	r->tlen = r->tcap = 0;
	/* Outermost names only (flat NER). */
	size_t n = span_unique(r->named, r->nnamed);
	span *flat = NULL;
	size_t nflat = 0, capflat = 0;
	for (size_t i = 0; i < n; i++) {
		int drop = 0;
		for (size_t j = 0; j < nflat && !drop; j++)
			drop = r->named[i].s >= flat[j].s && r->named[i].e <= flat[j].e;
		if (!drop)
			PUSH(flat, nflat, capflat, r->named[i]);
	}
	for (size_t i = 0; i < nflat; i++) {
		span g = flat[i];
		norm_span(d.text, &g.s, &g.e, g.type);
		if (g.e > g.s)
			PUSH(d.gold, d.ngold, d.capgold, g);
	}
	free(flat);
	d.ngold = span_unique(d.gold, d.ngold);
	for (size_t k = 0; dev_docs[k]; k++)
		if (d.id && strcmp(d.id, dev_docs[k]) == 0)
			d.dev = 1;
	PUSH(r->docs, r->ndocs, r->capdocs, d);
reset:
	free(r->doc_id);
	r->doc_id = NULL;
	r->tlen = 0;
	r->nnamed = 0;
	r->first = 1;
	r->in_doc = 0;
}

static int read_conllu(reader *r, const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		perror(path);
		return -1;
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t got;
	row *rows = NULL;
	size_t nrows = 0, caprows = 0, lineno = 0;
	int mwt_end = 0;
	while ((got = getline(&line, &cap, f)) >= 0) {
		lineno++;
		while (got > 0 && (line[got - 1] == '\n' || line[got - 1] == '\r'))
			line[--got] = '\0';
		if (strncmp(line, "# newdoc id", 11) == 0) {
			end_document(r);
			const char *eq = strchr(line, '=');
			const char *v = eq ? eq + 1 : "";
			while (*v == ' ')
				v++;
			r->doc_id = strdup(v);
			r->in_doc = 1;
			r->first = 1;
			continue;
		}
		if (strncmp(line, "# newpar", 8) == 0) {
			r->newpar = 1;
			continue;
		}
		if (line[0] == '#')
			continue;
		if (!line[0]) {
			end_sentence(r, rows, nrows);
			for (size_t k = 0; k < nrows; k++) {
				free(rows[k].form);
				free(rows[k].upos);
				free(rows[k].xpos);
				free(rows[k].misc);
			}
			nrows = 0;
			continue;
		}
		char *col[10];
		int nc = 0;
		for (char *p = line; nc < 10;) {
			col[nc++] = p;
			char *tab = strchr(p, '\t');
			if (!tab)
				break;
			*tab = '\0';
			p = tab + 1;
		}
		if (nc < 10) {
			fprintf(stderr, "%s:%zu: not a CoNLL-U token line, skipped\n", path, lineno);
			continue;
		}
		if (strchr(col[0], '.'))
			continue;
		row rw = {0};
		if (strchr(col[0], '-')) {
			rw.mwt_a = atoi(col[0]);
			rw.mwt_b = atoi(strchr(col[0], '-') + 1);
			mwt_end = rw.mwt_b;
		} else {
			rw.id = atoi(col[0]);
			rw.head = atoi(col[6]);
		}
		(void)mwt_end;
		rw.form = strdup(col[1]);
		rw.upos = strdup(col[3]);
		rw.xpos = strdup(col[4]);
		rw.misc = strdup(col[9]);
		PUSH(rows, nrows, caprows, rw);
	}
	end_sentence(r, rows, nrows);
	for (size_t k = 0; k < nrows; k++) {
		free(rows[k].form);
		free(rows[k].upos);
		free(rows[k].xpos);
		free(rows[k].misc);
	}
	end_document(r);
	free(rows);
	free(line);
	fclose(f);
	return 0;
}

static int path_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

#include <dirent.h>

static int read_dir(reader *r, const char *dir)
{
	DIR *dh = opendir(dir);
	if (!dh) {
		perror(dir);
		return -1;
	}
	char **names = NULL;
	size_t n = 0, capn = 0;
	struct dirent *de;
	while ((de = readdir(dh))) {
		size_t l = strlen(de->d_name);
		if (l > 7 && strcmp(de->d_name + l - 7, ".conllu") == 0) {
			char *p = xrealloc(NULL, strlen(dir) + l + 2);
			sprintf(p, "%s/%s", dir, de->d_name);
			PUSH(names, n, capn, p);
		}
	}
	closedir(dh);
	qsort(names, n, sizeof *names, path_cmp);
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		if (read_conllu(r, names[i]) != 0)
			rc = -1;
		free(names[i]);
	}
	free(names);
	return rc;
}

/* ------------------------------------------------- tokens and gold classes */

typedef struct prepared {
	document *doc;
	chr_arena arena;
	chr_tokens toks;
	uint8_t *gold;      /* class per token */
	chr_gaz_bits *gaz;  /* NULL unless NER_USE_GAZ */
} prepared;

static size_t misaligned, crossing, lowstart;

static void prepare(prepared *p, document *d)
{
	memset(p, 0, sizeof *p);
	p->doc = d;
	chr_arena_init(&p->arena);
	if (chr_tokenize(&p->arena, d->text, d->len, &p->toks) != CHR_OK) {
		fprintf(stderr, "train_ner: %s: tokenising failed\n", d->id);
		exit(1);
	}
	p->gold = calloc(p->toks.n ? p->toks.n : 1, 1);
	if (!p->gold)
		exit(1);
#if NER_USE_GAZ
	p->gaz = calloc(p->toks.n ? p->toks.n : 1, sizeof *p->gaz);
	if (!p->gaz || chr_gaz_bits_fill(&p->toks, p->gaz) != CHR_OK)
		exit(1);
#endif
	const chr_token *t = p->toks.tok;
	size_t n = p->toks.n, i = 0;
	for (size_t g = 0; g < d->ngold; g++) {
		span sp = d->gold[g];
		while (i > 0 && t[i - 1].end > sp.s)
			i--;
		while (i < n && t[i].end <= sp.s)
			i++;
		size_t b = i, l = i;
		if (b >= n)
			break;
		while (l + 1 < n && t[l + 1].start < sp.e)
			l++;
		if (t[b].sentence != t[l].sentence) {
			crossing++;
			continue;
		}
		int busy = 0;
		for (size_t k = b; k <= l; k++)
			busy |= p->gold[k] != 0;
		if (busy)
			continue;
		uint32_t s2 = t[b].start, e2 = t[l].end;
		norm_span(d->text, &s2, &e2, sp.type);
		if (s2 != sp.s || e2 != sp.e)
			misaligned++;
		if (!(t[b].flags & (CHR_TF_UPPER | CHR_TF_DIGIT)))
			lowstart++;  /* the tagger skips such tokens: it could never find this name */
		if (b == l) {
			p->gold[b] = (uint8_t)chr_ner_class(CHR_BIO_U, sp.type);
		} else {
			p->gold[b] = (uint8_t)chr_ner_class(CHR_BIO_B, sp.type);
			for (size_t k = b + 1; k < l; k++)
				p->gold[k] = (uint8_t)chr_ner_class(CHR_BIO_I, sp.type);
			p->gold[l] = (uint8_t)chr_ner_class(CHR_BIO_L, sp.type);
		}
	}
}

static void unprepare(prepared *p)
{
	chr_arena_free(&p->arena);
	free(p->gold);
	free(p->gaz);
}

/* --------------------------------------------------------- perceptron */

typedef struct wtab {
	uint64_t *key;
	uint32_t *idx;
	size_t mask, n;
	float *w;     /* n * NCLASS current weights */
	double *u;    /* n * NCLASS sums of c * update (for averaging) */
	size_t capw;
} wtab;

static void wtab_init(wtab *t)
{
	memset(t, 0, sizeof *t);
	t->mask = (1u << 20) - 1;
	t->key = calloc(t->mask + 1, sizeof *t->key);
	t->idx = calloc(t->mask + 1, sizeof *t->idx);
	if (!t->key || !t->idx)
		exit(1);
}

static size_t wtab_slot(const wtab *t, uint64_t key)
{
	size_t h = (size_t)(key ^ (key >> 31)) & t->mask;
	while (t->key[h] && t->key[h] != key)
		h = (h + 1) & t->mask;
	return h;
}

static void wtab_grow(wtab *t)
{
	wtab big = *t;
	big.mask = 2 * t->mask + 1;
	big.key = calloc(big.mask + 1, sizeof *big.key);
	big.idx = calloc(big.mask + 1, sizeof *big.idx);
	if (!big.key || !big.idx)
		exit(1);
	for (size_t i = 0; i <= t->mask; i++)
		if (t->key[i]) {
			size_t h = wtab_slot(&big, t->key[i]);
			big.key[h] = t->key[i];
			big.idx[h] = t->idx[i];
		}
	free(t->key);
	free(t->idx);
	*t = big;
}

/* Index of key's weights, created (zero) when create is set; -1 if absent. */
static long wtab_get(wtab *t, uint64_t key, int create)
{
	size_t h = wtab_slot(t, key);
	if (t->key[h])
		return t->idx[h];
	if (!create)
		return -1;
	if (2 * (t->n + 1) > t->mask) {
		wtab_grow(t);
		h = wtab_slot(t, key);
	}
	if (t->n == t->capw) {
		t->capw = t->capw ? 2 * t->capw : 65536;
		t->w = xrealloc(t->w, t->capw * CHR_NER_NCLASS * sizeof *t->w);
		t->u = xrealloc(t->u, t->capw * CHR_NER_NCLASS * sizeof *t->u);
	}
	memset(t->w + t->n * CHR_NER_NCLASS, 0, CHR_NER_NCLASS * sizeof *t->w);
	memset(t->u + t->n * CHR_NER_NCLASS, 0, CHR_NER_NCLASS * sizeof *t->u);
	t->key[h] = key;
	t->idx[h] = (uint32_t)t->n;
	return (long)t->n++;
}

static void wtab_free(wtab *t)
{
	free(t->key);
	free(t->idx);
	free(t->w);
	free(t->u);
}

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

static uint64_t rng_next(void)
{
	uint64_t x = rng_state;
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return rng_state = x;
}

/* One pass over a document: greedy decoding with the current weights,
 * updating on each mistake.  Returns the number of mistakes. */
/* How many training tokens fire each feature: features seen fewer than
 * min_count times are left out of training, so the model does not spend
 * its weight on words it met once. */
typedef struct counts {
	uint64_t *key;
	uint32_t *n;
	size_t mask, used;
} counts;

static counts feat_counts;
static unsigned min_count = 3;
static uint64_t seed;

static uint32_t *count_slot(counts *c, uint64_t key, int create)
{
	if (create && 2 * (c->used + 1) > c->mask) {
		counts big = {0};
		big.mask = c->mask ? 2 * c->mask + 1 : (1u << 16) - 1;
		big.key = calloc(big.mask + 1, sizeof *big.key);
		big.n = calloc(big.mask + 1, sizeof *big.n);
		if (!big.key || !big.n)
			exit(1);
		for (size_t i = 0; c->key && i <= c->mask; i++)
			if (c->key[i]) {
				size_t h = (size_t)(c->key[i] ^ (c->key[i] >> 31)) & big.mask;
				while (big.key[h])
					h = (h + 1) & big.mask;
				big.key[h] = c->key[i];
				big.n[h] = c->n[i];
			}
		big.used = c->used;
		free(c->key);
		free(c->n);
		*c = big;
	}
	if (!c->key)
		return NULL;
	size_t h = (size_t)(key ^ (key >> 31)) & c->mask;
	while (c->key[h] && c->key[h] != key)
		h = (h + 1) & c->mask;
	if (!c->key[h]) {
		if (!create)
			return NULL;
		c->key[h] = key;
		c->used++;
	}
	return &c->n[h];
}

static void count_features(prepared *p)
{
	chr_ner_doc d;
	uint64_t keys[CHR_NER_MAX_STATIC];
	if (chr_ner_doc_init(&d, &p->toks, p->gaz) != CHR_OK)
		exit(1);
	for (size_t i = 0; i < p->toks.n; i++) {
		size_t nk = chr_ner_static(&d, i, keys);
		for (size_t k = 0; k < nk; k++)
			(*count_slot(&feat_counts, keys[k], 1))++;
	}
	chr_ner_doc_free(&d);
}

static int frequent(uint64_t key)
{
	if (min_count <= 1)
		return 1;
	uint32_t *n = count_slot(&feat_counts, key, 0);
	/* Tag-history features are not counted: there are few of them. */
	return !n || *n >= min_count;
}

static size_t train_doc(wtab *t, prepared *p, double *clock)
{
	chr_ner_doc d;
	size_t errors = 0;
	if (chr_ner_doc_init(&d, &p->toks, p->gaz) != CHR_OK)
		exit(1);
	uint64_t keys[CHR_NER_MAX_STATIC + CHR_NER_MAX_DYNAMIC];
	int prev1 = CHR_NER_NCLASS, prev2 = CHR_NER_NCLASS;
	const chr_token *tk = p->toks.tok;
	for (size_t i = 0; i < p->toks.n; i++) {
		if (i == 0 || tk[i - 1].sentence != tk[i].sentence)
			prev1 = prev2 = CHR_NER_NCLASS;
		int last = i + 1 == p->toks.n || tk[i + 1].sentence != tk[i].sentence;
		size_t ns = chr_ner_static(&d, i, keys), nk = 0;
		for (size_t k = 0; k < ns; k++)
			if (frequent(keys[k]))
				keys[nk++] = keys[k];
		nk += chr_ner_dynamic(&d, i, prev1, prev2, keys + nk);
		float score[CHR_NER_NCLASS] = {0};
		for (size_t k = 0; k < nk; k++) {
			long ix = wtab_get(t, keys[k], 0);
			if (ix < 0)
				continue;
			const float *w = t->w + (size_t)ix * CHR_NER_NCLASS;
			for (int c = 0; c < CHR_NER_NCLASS; c++)
				score[c] += w[c];
		}
		/* Training picks among all classes, legal or not: restricting it
		 * makes updates towards a gold class that cannot follow a wrong
		 * guess, which only inflate the I and L weights (5 points of F1
		 * in cross-validation). */
		int best = -1;
		(void)last;
		for (int c = 0; c < CHR_NER_NCLASS; c++)
			if (best < 0 || score[c] > score[best])
				best = c;
		int gold = p->gold[i];
		*clock += 1;
		if (best != gold) {
			errors++;
			for (size_t k = 0; k < nk; k++) {
				long ix = wtab_get(t, keys[k], 1);
				float *w = t->w + (size_t)ix * CHR_NER_NCLASS;
				double *u = t->u + (size_t)ix * CHR_NER_NCLASS;
				w[gold] += 1;
				u[gold] += *clock;
				w[best] -= 1;
				u[best] -= *clock;
			}
		}
		chr_ner_remember(&d, i, best);
		prev2 = prev1;
		prev1 = best;
	}
	chr_ner_doc_free(&d);
	return errors;
}

/* The averaged weights, quantised to int16 and pruned, as model text.
 * The scale maps the largest weight to 30000: a sum of 70 features still
 * fits an int32 and no weight is clipped. */
static char *model_text(const wtab *t, double clock, int prune, size_t *len, size_t *nfeat)
{
	double big = 1e-9;
	for (size_t i = 0; i < t->n * CHR_NER_NCLASS; i++) {
		double a = t->w[i] - t->u[i] / clock;
		if (a > big)
			big = a;
		if (-a > big)
			big = -a;
	}
	double scale = 30000 / big;
	typedef struct { uint64_t key; uint32_t idx; } kv;
	kv *order = xrealloc(NULL, (t->n ? t->n : 1) * sizeof *order);
	size_t n = 0;
	for (size_t h = 0; h <= t->mask; h++)
		if (t->key[h])
			order[n++] = (kv){t->key[h], t->idx[h]};
	/* Sorted by key: the file does not depend on the table's layout. */
	for (size_t gap = n / 2; gap > 0; gap /= 2)
		for (size_t i = gap; i < n; i++)
			for (size_t j = i; j >= gap && order[j - gap].key > order[j].key; j -= gap) {
				kv tmp = order[j];
				order[j] = order[j - gap];
				order[j - gap] = tmp;
			}
	char *out = NULL;
	size_t ol = 0, cap = 0, kept = 0;
	char line[512];
	for (size_t i = 0; i < n; i++) {
		const float *w = t->w + (size_t)order[i].idx * CHR_NER_NCLASS;
		const double *u = t->u + (size_t)order[i].idx * CHR_NER_NCLASS;
		int l = snprintf(line, sizeof line, "%016llx", (unsigned long long)order[i].key);
		int any = 0;
		for (int c = 0; c < CHR_NER_NCLASS; c++) {
			double avg = w[c] - u[c] / clock;
			long q = (long)(avg * scale + (avg >= 0 ? 0.5 : -0.5));
			if (q > 32767)
				q = 32767;
			if (q < -32767)
				q = -32767;
			if (q > -prune && q < prune)
				continue;
			l += snprintf(line + l, sizeof line - (size_t)l, " %d:%ld", c, q);
			any = 1;
		}
		if (!any)
			continue;
		line[l++] = '\n';
		while (ol + (size_t)l + 1 > cap) {
			cap = cap ? 2 * cap : 1 << 20;
			out = xrealloc(out, cap);
		}
		memcpy(out + ol, line, (size_t)l);
		ol += (size_t)l;
		kept++;
	}
	free(order);
	char head[256];
	int hl = snprintf(head, sizeof head,
			  "chronicle-ner version=1 featset=%d classes=%d features=%zu scale=%.3f gaz=%d"
			  " data=gum-train-35 licence=CC-BY-4.0\n",
			  CHR_NER_FEATSET, CHR_NER_NCLASS, kept, scale, NER_USE_GAZ);
	char *all = xrealloc(NULL, (size_t)hl + ol + 1);
	memcpy(all, head, (size_t)hl);
	if (ol)
		memcpy(all + hl, out, ol);
	all[hl + ol] = '\0';
	free(out);
	*len = (size_t)hl + ol;
	*nfeat = kept;
	return all;
}

/* ----------------------------------------------------------- evaluation */

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Predicted names of a tagged document, normalised like the gold ones. */
static size_t tags_to_spans(const prepared *p, const uint8_t *tags, span **out)
{
	span *v = NULL;
	size_t n = 0, cap = 0;
	const chr_token *t = p->toks.tok;
	for (size_t i = 0; i < p->toks.n; i++) {
		int pos = CHR_TAG_POS(tags[i]), ty = CHR_TAG_TYPE(tags[i]);
		size_t b = i;
		if (pos == CHR_BIO_B) {
			while (i + 1 < p->toks.n && CHR_TAG_POS(tags[i + 1]) == CHR_BIO_I)
				i++;
			if (i + 1 < p->toks.n && CHR_TAG_POS(tags[i + 1]) == CHR_BIO_L)
				i++;
		} else if (pos != CHR_BIO_U) {
			continue;
		}
		if (ty > TY_LOC)
			continue;
		span sp = {t[b].start, t[i].end, ty};
		norm_span(p->doc->text, &sp.s, &sp.e, ty);
		if (sp.e > sp.s)
			PUSH(v, n, cap, sp);
	}
	n = v ? span_unique(v, n) : 0;
	*out = v;
	return n;
}

static int span_has(const span *v, size_t n, span x)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].s == x.s && v[i].e == x.e && v[i].type == x.type)
			return 1;
	return 0;
}

static void show_span(const char *what, const document *d, span x)
{
	printf("  %s %s %s \"%.*s\"\n", d->id, what, type_names[x.type], (int)(x.e - x.s), d->text + x.s);
}

typedef struct score {
	size_t tp[3], np[3], ng[3], ntok;
	size_t untyped_tp;  /* right span, any type */
	double seconds;
} score;

/* Tags the documents marked in test with model and adds up the counts. */
static void evaluate(const chr_tagger *model, prepared *docs, size_t ndocs, const int *test, int show,
		     score *sc)
{
	for (size_t k = 0; k < ndocs; k++) {
		prepared *p = &docs[k];
		if (!test[k])
			continue;
		uint8_t *tags = calloc(p->toks.n ? p->toks.n : 1, 1);
		if (!tags)
			exit(1);
		double t0 = now();
		int reps = 10;
		for (int r = 0; r < reps; r++)
			if (chr_tagger_tag(model, &p->toks, p->gaz, tags) != CHR_OK)
				exit(1);
		sc->seconds += (now() - t0) / reps;
		sc->ntok += p->toks.n;
		span *pred = NULL;
		size_t npred = tags_to_spans(p, tags, &pred);
		const document *d = p->doc;
		for (size_t i = 0; i < npred; i++) {
			sc->np[pred[i].type]++;
			for (int ty = 0; ty < 3; ty++) {
				span x = pred[i];
				x.type = ty;
				if (span_has(d->gold, d->ngold, x)) {
					sc->untyped_tp++;
					break;
				}
			}
			if (span_has(d->gold, d->ngold, pred[i]))
				sc->tp[pred[i].type]++;
			else if (show)
				show_span("FP", d, pred[i]);
		}
		for (size_t i = 0; i < d->ngold; i++) {
			sc->ng[d->gold[i].type]++;
			if (show && !span_has(pred, npred, d->gold[i]))
				show_span("FN", d, d->gold[i]);
		}
		free(pred);
		free(tags);
	}
}

/* Prints P/R/F1 per type and micro-averaged; returns the micro F1. */
static double print_score(const score *sc)
{
	size_t T = 0, P = 0, G = 0;
	printf("%-6s %6s %6s %6s %6s %6s\n", "type", "P", "R", "F1", "gold", "pred");
	for (int ty = 0; ty < 3; ty++) {
		double pr = sc->np[ty] ? (double)sc->tp[ty] / sc->np[ty] : 0;
		double rc = sc->ng[ty] ? (double)sc->tp[ty] / sc->ng[ty] : 0;
		printf("%-6s %6.3f %6.3f %6.3f %6zu %6zu\n", type_names[ty], pr, rc,
		       pr + rc ? 2 * pr * rc / (pr + rc) : 0, sc->ng[ty], sc->np[ty]);
		T += sc->tp[ty];
		P += sc->np[ty];
		G += sc->ng[ty];
	}
	double pr = P ? (double)T / P : 0, rc = G ? (double)T / G : 0, f = pr + rc ? 2 * pr * rc / (pr + rc) : 0;
	printf("%-6s %6.3f %6.3f %6.3f %6zu %6zu\n", "micro", pr, rc, f, G, P);
	pr = P ? (double)sc->untyped_tp / P : 0;
	rc = G ? (double)sc->untyped_tp / G : 0;
	printf("%-6s %6.3f %6.3f %6.3f\n", "span", pr, rc, pr + rc ? 2 * pr * rc / (pr + rc) : 0);
	printf("tagging: %zu tokens in %.2f ms = %.2f M tokens/s\n", sc->ntok, sc->seconds * 1e3,
	       sc->seconds > 0 ? sc->ntok / sc->seconds / 1e6 : 0);
	return f;
}

/* Trains on the documents marked in use; returns the model text. */
static int ensemble = 1;

/* Trains on the documents marked in use; returns the model text.  With
 * ensemble > 1, that many perceptrons are trained on differently shuffled
 * orders and their averaged weights averaged again: with 35 documents the
 * order alone moves F1 by two points, and the mean of several runs is
 * steadier than any one of them. */
static char *train(prepared *pd, size_t ndocs, const int *use, int epochs, int prune, int verbose,
		   size_t *len, size_t *nfeat)
{
	wtab all;
	size_t *order = xrealloc(NULL, ndocs * sizeof *order), no = 0, ntok = 0;
	wtab_init(&all);
	free(feat_counts.key);
	free(feat_counts.n);
	memset(&feat_counts, 0, sizeof feat_counts);
	for (size_t k = 0; k < ndocs; k++)
		if (use[k]) {
			ntok += pd[k].toks.n;
			if (min_count > 1)
				count_features(&pd[k]);
		}
	for (int run = 0; run < ensemble; run++) {
		wtab t;
		double clock = 0;
		wtab_init(&t);
		rng_state = 0x9E3779B97F4A7C15ull + seed + (uint64_t)run * 0x1000193ull;
		no = 0;
		for (size_t k = 0; k < ndocs; k++)
			if (use[k])
				order[no++] = k;
		for (int ep = 0; ep < epochs; ep++) {
			for (size_t i = no; i > 1; i--) {
				size_t j = (size_t)(rng_next() % i), tmp = order[i - 1];
				order[i - 1] = order[j];
				order[j] = tmp;
			}
			size_t err = 0;
			for (size_t i = 0; i < no; i++)
				err += train_doc(&t, &pd[order[i]], &clock);
			if (verbose)
				printf("run %d epoch %2d: %zu token errors (%.2f%%), %zu features\n", run + 1, ep + 1,
				       err, 100.0 * err / (ntok ? ntok : 1), t.n);
		}
		if (ensemble == 1) {
			char *text = model_text(&t, clock, prune, len, nfeat);
			wtab_free(&t);
			free(order);
			wtab_free(&all);
			return text;
		}
		/* all.w accumulates the runs' averaged weights (all.u stays 0). */
		for (size_t h = 0; h <= t.mask; h++) {
			if (!t.key[h])
				continue;
			size_t ix = t.idx[h];
			long jx = wtab_get(&all, t.key[h], 1);
			for (int c = 0; c < CHR_NER_NCLASS; c++)
				all.w[(size_t)jx * CHR_NER_NCLASS + c] +=
					(float)((t.w[ix * CHR_NER_NCLASS + c] - t.u[ix * CHR_NER_NCLASS + c] / clock) /
						ensemble);
		}
		wtab_free(&t);
	}
	char *text = model_text(&all, 1, prune, len, nfeat);
	free(order);
	wtab_free(&all);
	return text;
}

/* ------------------------------------------------------- augmentation */

/* Names from the compiled-in gazetteer lists (data/gazetteer, when this
 * build has them), by type. */
typedef struct name_list {
	char **name;
	size_t n, cap;
} name_list;

static name_list lists[3];

static void collect_names(void *ctx, const char *file, const char *text, size_t len)
{
	(void)ctx;
	(void)file;
	const char *p = text, *end = text + len;
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		const char *tab = memchr(p, '\t', (size_t)(eol - p));
		if (tab && *p != '#') {
			int type = -1;
			size_t tl = (size_t)(tab - p);
			if (tl == 6 && memcmp(p, "PERSON", 6) == 0)
				type = TY_PER;
			else if (tl == 3 && memcmp(p, "ORG", 3) == 0)
				type = TY_ORG;
			else if (tl == 5 && memcmp(p, "PLACE", 5) == 0)
				type = TY_LOC;
			const char *name = tab + 1, *ne = memchr(name, '\t', (size_t)(eol - name));
			if (!ne)
				ne = eol;
			if (type >= 0 && ne > name && ne - name < 80) {
				char *copy = xrealloc(NULL, (size_t)(ne - name) + 1);
				memcpy(copy, name, (size_t)(ne - name));
				copy[ne - name] = '\0';
				PUSH(lists[type].name, lists[type].n, lists[type].cap, copy);
			}
		}
		p = eol + 1;
	}
}

/*
 * Mention replacement (Dai & Adel 2020): copies of the train documents in
 * which each name is, with probability 1/2, swapped for a listed name of
 * the same type.  With 1,200 names to learn from, the tagger otherwise
 * leans on the words of the names it saw; the copies make it lean on
 * context and shape.  Returns the number of copies made.
 */
static size_t augment(reader *r, int copies)
{
	chr_data_each("gazetteer/", collect_names, NULL);
	if (!lists[TY_PER].n || !lists[TY_ORG].n || !lists[TY_LOC].n)
		return 0;
	size_t norig = r->ndocs, made = 0;
	for (int c = 0; c < copies; c++)
		for (size_t k = 0; k < norig; k++) {
			if (r->docs[k].dev)
				continue;
			const document *o = &r->docs[k];
			document d = {0};
			char *text = NULL;
			size_t tl = 0, tcap = 0, at = 0;
			char idbuf[160];
			snprintf(idbuf, sizeof idbuf, "%s+swap%d", o->id, c + 1);
			d.id = strdup(idbuf);
			d.aug = 1;
			d.train_index = o->train_index;
			for (size_t g = 0; g <= o->ngold; g++) {
				size_t s = g < o->ngold ? o->gold[g].s : o->len;
				if (s < at)
					continue;  /* overlapping gold: keep the first */
				for (size_t i = at; i < s; i++)
					PUSH(text, tl, tcap, o->text[i]);
				if (g == o->ngold)
					break;
				span sp = o->gold[g];
				const char *name = o->text + sp.s;
				size_t nl = sp.e - sp.s;
				if (rng_next() % 2) {
					const name_list *l = &lists[sp.type];
					name = l->name[rng_next() % l->n];
					nl = strlen(name);
				}
				span ns = {(uint32_t)tl, (uint32_t)(tl + nl), sp.type};
				for (size_t i = 0; i < nl; i++)
					PUSH(text, tl, tcap, name[i]);
				PUSH(d.gold, d.ngold, d.capgold, ns);
				at = sp.e;
			}
			PUSH(text, tl, tcap, '\0');
			d.text = text;
			d.len = tl - 1;
			PUSH(r->docs, r->ndocs, r->capdocs, d);
			made++;
		}
	for (int t = 0; t < 3; t++) {
		for (size_t i = 0; i < lists[t].n; i++)
			free(lists[t].name[i]);
		free(lists[t].name);
		memset(&lists[t], 0, sizeof lists[t]);
	}
	return made;
}

/* ----------------------------------------------------------------- main */

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0;
	if (!f) {
		perror(path);
		return NULL;
	}
	for (;;) {
		if (n + 65536 + 1 > cap) {
			cap = cap ? 2 * cap : 1 << 20;
			buf = xrealloc(buf, cap);
		}
		size_t got = fread(buf + n, 1, 65536, f);
		n += got;
		if (got == 0)
			break;
	}
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

int main(int argc, char **argv)
{
	int eval_only = 0, show = 0, on_train = 0, cv = 0, swaps = 0, epochs = 15, prune = 2;
	const char *out_path = "data/model/ner.txt", *model_path = NULL, *dir = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--eval") == 0)
			eval_only = 1;
		else if (strcmp(argv[i], "--show") == 0)
			show = 1;
		else if (strcmp(argv[i], "--on-train") == 0)
			on_train = 1;
		else if (strcmp(argv[i], "--ensemble") == 0 && i + 1 < argc)
			ensemble = atoi(argv[++i]) > 0 ? atoi(argv[i]) : 1;
		else if (strcmp(argv[i], "--swaps") == 0 && i + 1 < argc)
			swaps = atoi(argv[++i]);
		else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc)
			seed = strtoull(argv[++i], NULL, 0);
		else if (strcmp(argv[i], "--min-count") == 0 && i + 1 < argc)
			min_count = (unsigned)atoi(argv[++i]);
		else if (strcmp(argv[i], "--cv") == 0 && i + 1 < argc)
			cv = atoi(argv[++i]);
		else if (strcmp(argv[i], "--epochs") == 0 && i + 1 < argc)
			epochs = atoi(argv[++i]);
		else if (strcmp(argv[i], "--prune") == 0 && i + 1 < argc)
			prune = atoi(argv[++i]);
		else if (strcmp(argv[i], "--out") == 0 && i + 1 < argc)
			out_path = argv[++i];
		else if (strcmp(argv[i], "--model") == 0 && i + 1 < argc)
			model_path = argv[++i];
		else if (argv[i][0] != '-' && !dir)
			dir = argv[i];
		else {
			fprintf(stderr, "usage: train_ner [--epochs N] [--prune Q] [--min-count N] [--swaps N] [--ensemble K]"
					" [--seed S]"
					" [--out FILE] DIR\n"
					"       train_ner --eval [--model FILE] [--show] [--on-train] DIR\n"
					"       train_ner --cv K [--epochs N] DIR\n");
			return 2;
		}
	}
	if (!dir) {
		fprintf(stderr, "train_ner: no CoNLL-U directory given\n");
		return 2;
	}
	reader r = {0};
	r.first = 1;
	if (read_dir(&r, dir) != 0 || r.ndocs == 0) {
		fprintf(stderr, "train_ner: no documents read from %s\n", dir);
		return 1;
	}
	size_t ti = 0;
	for (size_t k = 0; k < r.ndocs; k++)
		if (!r.docs[k].dev)
			r.docs[k].train_index = ti++;
	rng_state = 0x243F6A8885A308D3ull;
	size_t naug = swaps > 0 ? augment(&r, swaps) : 0;
	prepared *pd = xrealloc(NULL, r.ndocs * sizeof *pd);
	size_t ntrain = 0, ndev = 0, ngold = 0, ntok = 0;
	for (size_t k = 0; k < r.ndocs; k++) {
		prepare(&pd[k], &r.docs[k]);
		if (r.docs[k].dev) {
			ndev++;
		} else if (!r.docs[k].aug) {
			ntrain++;
			ngold += r.docs[k].ngold;
			ntok += pd[k].toks.n;
		}
	}
	printf("documents: %zu train (%zu tokens, %zu names) + %zu with names swapped, %zu dev;"
	       " names not on token edges: %zu, across sentences: %zu, starting lowercase: %zu\n", ntrain,
	       ntok, ngold, naug, ndev, misaligned, crossing, lowstart);
	int rc = 0;
	int *mark = xrealloc(NULL, r.ndocs * sizeof *mark);
	score sc = {0};
	if (cv > 1) {
		/* K-fold cross-validation over the train documents only: a
		 * steadier guide for choosing features than 4 dev documents. */
		for (int f = 0; f < cv; f++) {
			size_t len, nfeat;
			for (size_t k = 0; k < r.ndocs; k++)
				mark[k] = !r.docs[k].dev && (int)(r.docs[k].train_index % (size_t)cv) != f;
			char *text = train(pd, r.ndocs, mark, epochs, prune, 0, &len, &nfeat);
			chr_tagger *model = chr_tagger_load(text, len);
			for (size_t k = 0; k < r.ndocs; k++)
				mark[k] = !r.docs[k].dev && !r.docs[k].aug &&
					  (int)(r.docs[k].train_index % (size_t)cv) == f;
			if (model)
				evaluate(model, pd, r.ndocs, mark, show, &sc);
			chr_tagger_free(model);
			free(text);
		}
		printf("%d-fold cross-validation on the train documents:\n", cv);
		print_score(&sc);
	} else if (eval_only) {
		chr_tagger *own = NULL;
		const chr_tagger *model = NULL;
		if (model_path) {
			size_t len;
			char *text = read_file(model_path, &len);
			own = text ? chr_tagger_load(text, len) : NULL;
			free(text);
			model = own;
		} else {
			model = chr_tagger_default();
		}
		if (!model) {
			fprintf(stderr, "train_ner: no usable model\n");
			rc = 1;
		} else {
			printf("model: %zu features\n", chr_tagger_size(model));
			for (size_t k = 0; k < r.ndocs; k++)
				mark[k] = on_train ? !r.docs[k].dev && !r.docs[k].aug : r.docs[k].dev;
			evaluate(model, pd, r.ndocs, mark, show, &sc);
			printf("%s:\n", on_train ? "train documents (fit, not a score)" : "dev documents");
			print_score(&sc);
		}
		chr_tagger_free(own);
	} else {
		size_t len, nfeat;
		double t0 = now();
		for (size_t k = 0; k < r.ndocs; k++)
			mark[k] = !r.docs[k].dev;
		char *text = train(pd, r.ndocs, mark, epochs, prune, 1, &len, &nfeat);
		double t1 = now();
		FILE *f = fopen(out_path, "wb");
		if (!f || fwrite(text, 1, len, f) != len || fclose(f) != 0) {
			perror(out_path);
			rc = 1;
		}
		printf("trained in %.2f s; model %s: %zu features, %.2f MB\n", t1 - t0, out_path, nfeat,
		       len / 1e6);
		double l0 = now();
		chr_tagger *model = chr_tagger_load(text, len);
		double l1 = now();
		if (!model) {
			fprintf(stderr, "train_ner: the model just written does not load\n");
			rc = 1;
		} else {
			printf("load: %.1f ms\ndev documents (tagger alone, trained on train only):\n",
			       (l1 - l0) * 1e3);
			for (size_t k = 0; k < r.ndocs; k++)
				mark[k] = r.docs[k].dev;
			evaluate(model, pd, r.ndocs, mark, show, &sc);
			print_score(&sc);
		}
		chr_tagger_free(model);
		free(text);
	}
	free(mark);
	for (size_t k = 0; k < r.ndocs; k++) {
		unprepare(&pd[k]);
		free(r.docs[k].id);
		free(r.docs[k].text);
		free(r.docs[k].gold);
	}
	free(pd);
	free(r.docs);
	free(r.named);
	free(r.text);
	free(r.doc_id);
	return rc;
}
