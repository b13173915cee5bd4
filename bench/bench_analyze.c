/*
 * bench_analyze.c - speed of each part of the analyze stage.
 *
 * Usage: bench_analyze [-r RUNS] FILE...   (each file is one article)
 *
 * Cleans every file once (not timed), then times, over all cleaned texts,
 * the tokenizer alone, tokens + times, tokens + entities, the language
 * layer (tokens, times, entities), and the whole chr_analysis_run, which
 * adds quotes, events and claims; each as the median of RUNS passes.  MB/s and docs/s
 * are per core (thread CPU time); bytes are the cleaned texts' bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/analyze.h"
#include "chronicle.h"
#include "doc.h"
#include "bench_util.h"

enum { PART_TOKENS, PART_TIMES, PART_ENTITIES, PART_LANGUAGE, PART_ALL, NPARTS };
static const char *const part_names[NPARTS] = {
	"tokens + sentences", "tokens + times", "tokens + entities",
	"language layer (tokens, times, entities)", "whole analyze (+ quotes, events, claims)"
};

static int run_part(int part, const char *text, size_t len, const char *date)
{
	chr_arena arena;
	chr_analysis an;
	chr_status st;
	chr_arena_init(&arena);
	memset(&an, 0, sizeof an);
	if (part == PART_ALL) {
		st = chr_analysis_run(&arena, text, len, date, NULL, &an);
	} else {
		st = chr_tokenize(&arena, text, len, &an.toks);
		if (st == CHR_OK && (part == PART_TIMES || part == PART_LANGUAGE))
			st = chr_timex_find(&arena, &an.toks, date, &an.times);
		if (st == CHR_OK && (part == PART_ENTITIES || part == PART_LANGUAGE))
			st = chr_entities_find(&arena, &an.toks, &an.ents);
	}
	chr_arena_free(&arena);
	return st == CHR_OK;
}

int main(int argc, char **argv)
{
	int runs = 5, first = 1;
	if (argc > 2 && strcmp(argv[1], "-r") == 0) {
		runs = atoi(argv[2]);
		first = 3;
	}
	if (first >= argc || runs <= 0 || runs > 100) {
		fprintf(stderr, "usage: bench_analyze [-r RUNS] FILE...\n");
		return 2;
	}
	size_t ndocs = (size_t)(argc - first), bytes = 0;
	chr_doc **docs = calloc(ndocs, sizeof *docs);
	double *t = malloc((size_t)runs * sizeof *t);
	if (!docs || !t)
		return 1;
	for (size_t i = 0; i < ndocs; i++) {
		size_t len = 0;
		char *body = bench_read_file(argv[first + (int)i], &len);
		if (!body)
			return 1;
		chr_raw_doc raw = {0};
		raw.id = raw.source = argv[first + (int)i];
		raw.body = body;
		raw.body_len = len;
		raw.format = CHR_FORMAT_TEXT;
		chr_clean_opts opts = {.date = "2025-12-12"};
		if (chr_doc_clean(&raw, &opts, &docs[i]) != CHR_OK)
			return 1;
		free(body);
		size_t tl;
		chr_doc_text(docs[i], &tl);
		bytes += tl;
	}
	printf("analyze parts over %zu cleaned articles, %.1f MB of text, median of %d runs, per core:\n\n",
	       ndocs, (double)bytes / 1e6, runs);
	printf("| part | MB/s | docs/s |\n|---|---:|---:|\n");
	for (int part = 0; part < NPARTS; part++) {
		for (int r = 0; r < runs; r++) {
			double t0 = bench_now();
			for (size_t i = 0; i < ndocs; i++) {
				size_t len;
				const char *text = chr_doc_text(docs[i], &len);
				if (!run_part(part, text, len, chr_doc_date(docs[i])))
					return 1;
			}
			t[r] = bench_now() - t0;
		}
		double med = bench_median(t, (size_t)runs);
		if (med <= 0)
			med = 1e-9;
		printf("| %s | %.1f | %.0f |\n", part_names[part], (double)bytes / 1e6 / med, (double)ndocs / med);
	}
	for (size_t i = 0; i < ndocs; i++)
		chr_doc_free(docs[i]);
	free(docs);
	free(t);
	return 0;
}
