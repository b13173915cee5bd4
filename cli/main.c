/*
 * main.c - the chronicle command-line tool: argument parsing and dispatch.
 *
 * Uses only the public header.  Exit status: 0 success, 1 runtime error
 * (including "nothing could be read"), 2 usage error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "chronicle.h"

enum { EXIT_RUNTIME = 1, EXIT_USAGE = 2 };

typedef struct cli_opts {
	int raw;
	const char *date;
	char **inputs;
	int ninputs;
} cli_opts;

typedef struct command {
	const char *name;
	const char *synopsis;
	const char *help;
	int (*run)(const cli_opts *opts);
} command;

static int run_text(const cli_opts *opts);
static int run_analyze(const cli_opts *opts);

static const command commands[] = {
	{"text", "chronicle text [--raw] [--date D] INPUT...",
	 "Prints the cleaned main text of each document: its body paragraphs\n"
	 "joined by blank lines.  Several documents are separated by a line\n"
	 "holding a single form feed.",
	 run_text},
	{"analyze", "chronicle analyze [--raw] [--date D] INPUT...",
	 "Prints one JSON object per document (JSON Lines): metadata, text and\n"
	 "labelled paragraphs, with entities, times, quotes, events and claims.",
	 run_analyze},
	{NULL, NULL, NULL, NULL},
};

static const char common_help[] =
	"INPUT is a file (text, HTML, .jsonl, .warc, optionally .gz or .zst),\n"
	"a directory (read recursively in sorted order), or - for standard input.\n"
	"\n"
	"Options:\n"
	"  --raw        the input is already clean text: no cleaning, every line body\n"
	"  --date D     the article date (YYYY-MM-DD) for documents that have none\n"
	"  -h, --help   this help\n";

static void usage(FILE *out)
{
	fprintf(out, "chronicle %s - scraped news to a clean, sourced timeline\n\n"
		"Usage:\n", chr_version());
	for (const command *c = commands; c->name; c++)
		fprintf(out, "  %s\n", c->synopsis);
	fprintf(out, "\nRun 'chronicle COMMAND --help' for a command's details.\n"
		"  --version    print the version\n");
}

static int valid_date(const char *s)
{
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	int month = (s[5] - '0') * 10 + (s[6] - '0');
	int day = (s[8] - '0') * 10 + (s[9] - '0');
	return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

static void report(void *ctx, const char *where, const char *message)
{
	(void)ctx;
	fprintf(stderr, "chronicle: %s: %s\n", where, message);
}

/* Streams every document through clean and hands it to `emit`. */
static int for_each_doc(const cli_opts *opts, int (*emit)(chr_doc *doc, size_t index))
{
	/* 64 KB of output per write(): with stdio's default (the 4 KB block
	 * size) a folder of small articles cost one system call per article.
	 * A terminal keeps its line buffering. */
	static char outbuf[64 * 1024];
	if (!isatty(fileno(stdout)))
		setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
	chr_read_opts ropts = {.report = report};
	chr_clean_opts copts = {.raw = opts->raw, .date = opts->date};
	chr_reader *reader = NULL;
	chr_status st = chr_reader_new(&reader, &ropts);
	int rc = 0;
	for (int i = 0; st == CHR_OK && i < opts->ninputs; i++)
		st = chr_reader_add(reader, opts->inputs[i]);
	size_t emitted = 0;
	while (st == CHR_OK) {
		const chr_raw_doc *raw = NULL;
		st = chr_reader_next(reader, &raw);
		if (st != CHR_OK)
			break;
		chr_doc *doc = NULL;
		chr_status cs = chr_doc_clean(raw, &copts, &doc);
		if (cs != CHR_OK) {
			fprintf(stderr, "chronicle: %s: %s\n", raw->source, chr_strerror(cs));
			if (cs == CHR_ENOMEM) {
				st = cs;
				break;
			}
			continue;
		}
		rc = emit(doc, emitted++);
		chr_doc_free(doc);
		if (rc)
			break;
	}
	size_t skipped = chr_reader_skipped_records(reader);
	if (skipped)
		fprintf(stderr, "chronicle: %zu non-HTML WARC record%s skipped\n", skipped, skipped == 1 ? "" : "s");
	if (st != CHR_OK && st != CHR_DONE) {
		fprintf(stderr, "chronicle: %s\n", chr_strerror(st));
		rc = EXIT_RUNTIME;
	} else if (!rc && emitted == 0) {
		fprintf(stderr, "chronicle: no document could be read\n");
		rc = EXIT_RUNTIME;
	}
	chr_reader_free(reader);
	if (fflush(stdout) != 0 && !rc) {
		perror("chronicle: stdout");
		rc = EXIT_RUNTIME;
	}
	return rc;
}

static int emit_text(chr_doc *doc, size_t index)
{
	size_t len;
	const char *text = chr_doc_text(doc, &len);
	if (index)
		fputs("\f\n", stdout);
	fwrite(text, 1, len, stdout);
	if (len)
		fputc('\n', stdout);
	return ferror(stdout) ? EXIT_RUNTIME : 0;
}

static int emit_json(chr_doc *doc, size_t index)
{
	(void)index;
	return chr_doc_write_json(doc, stdout) == CHR_OK ? 0 : EXIT_RUNTIME;
}

static int run_text(const cli_opts *opts) { return for_each_doc(opts, emit_text); }
static int emit_analysis(chr_doc *doc, size_t index)
{
	chr_status st = chr_doc_analyze(doc);
	if (st != CHR_OK) {
		fprintf(stderr, "chronicle: %s: analyze: %s\n", chr_doc_source(doc), chr_strerror(st));
		return st == CHR_ENOMEM ? EXIT_RUNTIME : 0;
	}
	return emit_json(doc, index);
}

static int run_analyze(const cli_opts *opts) { return for_each_doc(opts, emit_analysis); }

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	const char *name = argv[1];
	if (!strcmp(name, "--version") || !strcmp(name, "version")) {
		printf("chronicle %s\n", chr_version());
		return 0;
	}
	if (!strcmp(name, "--help") || !strcmp(name, "-h") || !strcmp(name, "help")) {
		usage(stdout);
		return 0;
	}
	const command *cmd = commands;
	while (cmd->name && strcmp(cmd->name, name))
		cmd++;
	if (!cmd->name) {
		fprintf(stderr, "chronicle: unknown command '%s'\n", name);
		usage(stderr);
		return EXIT_USAGE;
	}
	cli_opts opts = {0};
	opts.inputs = calloc((size_t)argc, sizeof *opts.inputs);
	if (!opts.inputs)
		return EXIT_RUNTIME;
	int only_inputs = 0, rc;
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i];
		if (only_inputs || a[0] != '-' || !strcmp(a, "-")) {
			opts.inputs[opts.ninputs++] = argv[i];
		} else if (!strcmp(a, "--")) {
			only_inputs = 1;
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			printf("Usage: %s\n\n%s\n\n%s", cmd->synopsis, cmd->help, common_help);
			free(opts.inputs);
			return 0;
		} else if (!strcmp(a, "--raw")) {
			opts.raw = 1;
		} else if (!strcmp(a, "--date") || !strncmp(a, "--date=", 7)) {
			const char *v = a[6] == '=' ? a + 7 : (i + 1 < argc ? argv[++i] : NULL);
			if (!v || !valid_date(v)) {
				fprintf(stderr, "chronicle %s: --date needs a date YYYY-MM-DD%s%s\n", name,
					v ? ", not " : "", v ? v : "");
				free(opts.inputs);
				return EXIT_USAGE;
			}
			opts.date = v;
		} else {
			fprintf(stderr, "chronicle %s: unknown option '%s'\nUsage: %s\n", name, a, cmd->synopsis);
			free(opts.inputs);
			return EXIT_USAGE;
		}
	}
	if (opts.ninputs == 0) {
		fprintf(stderr, "chronicle %s: no INPUT given\nUsage: %s\n", name, cmd->synopsis);
		free(opts.inputs);
		return EXIT_USAGE;
	}
	rc = cmd->run(&opts);
	free(opts.inputs);
	return rc;
}
