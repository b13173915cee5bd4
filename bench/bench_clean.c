/*
 * bench_clean.c - speed of the plain-text clean stage (chr_doc_clean).
 *
 * Builds a synthetic corpus in memory from a seeded generator: articles of
 * about 4 KB with site chrome, a title, a dateline, body prose, a repeated
 * paragraph, a rights notice and teasers, in our own made-up words.  Then
 * cleans every article several times and prints the median MB/s and
 * docs/s.  Usage: bench_clean [DOCS [RUNS]]   (defaults 20000, 11).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "chronicle.h"
#include "bench_util.h"

static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;

static uint32_t rnd(uint32_t n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t)(rng_state % n);
}

static const char *const words[] = {
	"the", "of", "and", "to", "in", "a", "that", "was", "for", "on", "with", "said", "by", "at",
	"from", "has", "had", "been", "would", "their", "which", "after", "talks", "minister", "council",
	"harbour", "railway", "budget", "farmers", "delegation", "proposal", "agreement", "weather",
	"region", "officials", "committee", "reporters", "meeting", "visit", "border", "trade",
	"energy", "prices", "museum", "bridge", "festival", "election", "mayor", "river", "harvest",
	"governor", "envoy", "summit", "treaty", "ceasefire", "ministry", "statement", "capital",
};
static const char *const names[] = {
	"Marta Kolven", "Ivo Brandt", "Selim Oruc", "Anna Petrova", "Tomas Ruiz", "Lena Vogt",
	"Northbridge", "Valdoria", "Kestrel Bay", "Ostmark", "Rivena", "Port Alder",
};
static const char *const months[] = {
	"January", "February", "March", "April", "May", "June", "July", "August", "September",
	"October", "November", "December",
};

static void sentence(char **p, int nwords)
{
	for (int i = 0; i < nwords; i++) {
		const char *w = rnd(9) == 0 ? names[rnd(12)] : words[rnd(sizeof words / sizeof *words)];
		if (i == 0)
			*p += sprintf(*p, "%c%s", (w[0] >= 'a' && w[0] <= 'z') ? w[0] - 32 : w[0], w + 1);
		else
			*p += sprintf(*p, " %s", w);
		if (i && i % 11 == 0 && i + 1 < nwords)
			*p += sprintf(*p, ",");
	}
	*p += sprintf(*p, ". ");
}

static void paragraph(char **p, int sentences)
{
	for (int s = 0; s < sentences; s++)
		sentence(p, 8 + (int)rnd(14));
	(*p)[-1] = '\n';
	*p += sprintf(*p, "\n");
}

/* One article of about 4 KB into buf; returns its length. */
static size_t article(char *buf)
{
	char *p = buf;
	p += sprintf(p, "Menu\nFont size:\nShare\n");
	p += sprintf(p, "%s and %s agree on new %s plan\n\n", names[rnd(12)], names[rnd(12)], words[22 + rnd(30)]);
	p += sprintf(p, "PORT ALDER, %s %u. /NEWSWIRE/. ", months[rnd(12)], 1 + rnd(28));
	char *rep = NULL;
	size_t replen = 0;
	for (int i = 0; i < 12; i++) {
		char *start = p;
		paragraph(&p, 2 + (int)rnd(2));
		if (i == 2) {
			rep = start;
			replen = (size_t)(p - start);
		}
	}
	memmove(p, rep, replen);
	p += replen;
	p += sprintf(p, "Copyright 2025 Newswire. All rights reserved. Reproduction without prior written "
		     "permission is not allowed.\n");
	for (int i = 0; i < 2; i++)
		paragraph(&p, 1);
	p += sprintf(p, "Comments\n");
	return (size_t)(p - buf);
}

int main(int argc, char **argv)
{
	size_t ndocs = argc > 1 ? (size_t)atol(argv[1]) : 20000;
	int runs = argc > 2 ? atoi(argv[2]) : 11;
	if (ndocs == 0 || runs <= 0 || runs > 100) {
		fprintf(stderr, "usage: bench_clean [DOCS [RUNS]]\n");
		return 2;
	}
	char *corpus = malloc(ndocs * 8192);
	size_t *off = malloc((ndocs + 1) * sizeof *off);
	double *t = malloc((size_t)runs * sizeof *t);
	if (!corpus || !off || !t)
		return 1;
	size_t total = 0;
	for (size_t i = 0; i < ndocs; i++) {
		off[i] = total;
		total += article(corpus + total);
		corpus[total++] = '\0';
	}
	off[ndocs] = total;
	const char *dump = getenv("BENCH_CLEAN_DUMP");   /* to look at the corpus */
	if (dump) {
		FILE *df = fopen(dump, "wb");
		if (df) {
			fwrite(corpus, 1, total, df);
			fclose(df);
		}
	}
	size_t kept = 0;
	for (int r = 0; r < runs; r++) {
		double t0 = bench_now();
		for (size_t i = 0; i < ndocs; i++) {
			chr_raw_doc raw = {0};
			raw.id = "bench";
			raw.source = "bench";
			raw.body = corpus + off[i];
			raw.body_len = off[i + 1] - off[i] - 1;
			raw.format = CHR_FORMAT_TEXT;
			chr_doc *doc = NULL;
			if (chr_doc_clean(&raw, NULL, &doc) != CHR_OK)
				return 1;
			size_t len;
			chr_doc_text(doc, &len);
			kept += len;
			chr_doc_free(doc);
		}
		t[r] = bench_now() - t0;
	}
	qsort(t, (size_t)runs, sizeof *t, bench_cmp_double);
	double med = t[runs / 2];
	/* Reference in the same run: a byte-table tokenizer alone (count
	 * words, FNV-hash their bytes), the floor any cleaner sits above. */
	static unsigned char word_byte[256];
	for (int c = 0; c < 256; c++)
		word_byte[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
	double *rt = malloc((size_t)runs * sizeof *rt);
	uint64_t sink = 0;
	if (!rt)
		return 1;
	for (int r = 0; r < runs; r++) {
		double t0 = bench_now();
		uint64_t h = 0xcbf29ce484222325ULL, nwords = 0;
		int in = 0;
		for (size_t i = 0; i < total; i++) {
			unsigned char c = (unsigned char)corpus[i];
			if (word_byte[c]) {
				h = (h ^ c) * 0x100000001b3ULL;
				nwords += !in;
				in = 1;
			} else {
				in = 0;
			}
		}
		sink += h + nwords;
		rt[r] = bench_now() - t0;
	}
	qsort(rt, (size_t)runs, sizeof *rt, bench_cmp_double);
	double ref = rt[runs / 2];
	free(rt);
	size_t bytes = total - ndocs;
	printf("clean (plain text): %zu docs, %.1f MB, median of %d runs: %.1f MB/s, %.0f docs/s "
	       "(kept %.0f%% of bytes)\n",
	       ndocs, (double)bytes / 1e6, runs, (double)bytes / 1e6 / med, (double)ndocs / med,
	       100.0 * (double)kept / (double)runs / (double)bytes);
	printf("reference, byte-table tokenizer alone: %.1f MB/s (clean runs at %.2f of it)%s\n",
	       (double)total / 1e6 / ref, ref / med, sink == 42 ? " " : "");
	free(corpus);
	free(off);
	free(t);
	return 0;
}
