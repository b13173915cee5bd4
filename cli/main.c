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
	const char *db;
	unsigned jobs;
	unsigned batch;
	int from_analysis;
	int json;
	double near;
	chr_query query;
	const char *name;       /* the command */
} cli_opts;

typedef struct command {
	const char *name;
	const char *synopsis;
	const char *help;
	int (*run)(const cli_opts *opts);
	int options;
	chr_query_kind kind;
} command;

static int run_text(const cli_opts *opts);
static int run_analyze(const cli_opts *opts);
int cli_run_ingest(const char *db, char **inputs, int ninputs, const chr_ingest_opts *iopts);
int cli_run_query(const char *db, const chr_query *query);
static int run_ingest(const cli_opts *opts);
static int run_query(const cli_opts *opts);

/* Which options a command takes. */
enum { OPT_INPUT = 1, OPT_CLEAN = 2, OPT_DB = 4, OPT_INGEST = 8, OPT_FILTER = 16, OPT_JSON = 32 };

#define QUERY_FILTERS "[--db FILE] [--actor NAME] [--from D] [--to D] [--type T] [--story N] [--limit N] [--json]"
static const command commands[] = {
	{"text", "chronicle text [--raw] [--date D] INPUT...",
	 "Prints the cleaned main text of each document: its body paragraphs\n"
	 "joined by blank lines.  Several documents are separated by a line\n"
	 "holding a single form feed.",
	 run_text, OPT_INPUT | OPT_CLEAN, 0},
	{"analyze", "chronicle analyze [--raw] [--date D] INPUT...",
	 "Prints one JSON object per document (JSON Lines): metadata, text and\n"
	 "labelled paragraphs, with entities, times, quotes, events and claims.",
	 run_analyze, OPT_INPUT | OPT_CLEAN, 0},
	{"ingest", "chronicle ingest [--db FILE] [--raw] [--date D] [--jobs N] [--batch N] [--from-analysis] INPUT...",
	 "Reads, cleans and analyses the documents and stores them in the database\n"
	 "(default ./chronicle.db): near-duplicates and syndication groups, stories,\n"
	 "corpus entities, fused events.  A document whose text is already stored\n"
	 "changes nothing.  --from-analysis: the inputs are `chronicle analyze`\n"
	 "JSON Lines made elsewhere.  --jobs N: worker threads (default: cores).\n"
	 "--batch N: documents per transaction (default 65536; a kill loses at most\n"
	 "one batch, which the next run stores again).\n"
	 "--near-threshold J: MinHash Jaccard for near-duplicates (default 0.70).\n"
	 "Progress goes to stderr.",
	 run_ingest, OPT_INPUT | OPT_CLEAN | OPT_DB | OPT_INGEST, 0},
	{"timeline", "chronicle timeline " QUERY_FILTERS,
	 "The fused, dated events in date order: date, type, actors, place, the\n"
	 "number of independent sources, and ! where the sources disagree.",
	 run_query, OPT_DB | OPT_FILTER | OPT_JSON, CHR_QUERY_TIMELINE},
	{"events", "chronicle events " QUERY_FILTERS,
	 "Every fused event, undated ones last, with its sources (--json).",
	 run_query, OPT_DB | OPT_FILTER | OPT_JSON, CHR_QUERY_EVENTS},
	{"entities", "chronicle entities [--db FILE] [--actor NAME] [--limit N] [--json]",
	 "Corpus entities, most widespread first, with their aliases.",
	 run_query, OPT_DB | OPT_FILTER | OPT_JSON, CHR_QUERY_ENTITIES},
	{"quotes", "chronicle quotes [--db FILE] [--actor NAME] [--from D] [--to D] [--story N] [--limit N] [--json]",
	 "Quotes with their speakers, each once, with every document carrying it.",
	 run_query, OPT_DB | OPT_FILTER | OPT_JSON, CHR_QUERY_QUOTES},
	{"conflicts", "chronicle conflicts [--db FILE] [--actor NAME] [--story N] [--limit N] [--json]",
	 "Where sources disagree: numbers about one subject in a story, dates and\n"
	 "durations of one event, roles (\"former X\" against \"X\").",
	 run_query, OPT_DB | OPT_FILTER | OPT_JSON, CHR_QUERY_CONFLICTS},
	{"stories", "chronicle stories [--db FILE] [--actor NAME] [--from D] [--to D] [--story N] [--json]",
	 "Stories: documents clustered by shared entities and dates.",
	 run_query, OPT_DB | OPT_FILTER | OPT_JSON, CHR_QUERY_STORIES},
	{"sources", "chronicle sources [--db FILE] [--limit N] [--json]",
	 "Syndication groups: documents that are copies of one text (exact or\n"
	 "near-duplicate, or close and from one outlet); each counts as one source.",
	 run_query, OPT_DB | OPT_FILTER | OPT_JSON, CHR_QUERY_SOURCES},
	{NULL, NULL, NULL, NULL, 0, 0},
};

static const char input_help[] =
	"INPUT is a file (text, HTML, .jsonl, .warc, optionally .gz or .zst),\n"
	"a directory (read recursively in sorted order), or - for standard input.\n"
	"\n"
	"Options:\n"
	"  --raw        the input is already clean text: no cleaning, every line body\n"
	"  --date D     the article date (YYYY-MM-DD) for documents that have none\n"
	"  -h, --help   this help\n";
static const char query_help[] =
	"\n"
	"Options:\n"
	"  --db FILE      the database (default ./chronicle.db)\n"
	"  --actor NAME   only what involves this entity (a name, alias or id)\n"
	"  --from D       nothing that ends before D (YYYY, YYYY-MM or YYYY-MM-DD)\n"
	"  --to D         nothing that starts after D\n"
	"  --type T       an event type (meet), family (meeting) or CAMEO prefix (04)\n"
	"  --story N      only story N\n"
	"  --limit N      at most N lines\n"
	"  --json         JSON Lines (the SPEC's objects) instead of a table\n"
	"  -h, --help     this help\n";

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

/* YYYY, YYYY-MM or a valid YYYY-MM-DD: the filters' dates. */
static int valid_partial_date(const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	if (n == 4)
		return 1;
	if (n < 7 || s[4] != '-')
		return 0;
	int month = (s[5] - '0') * 10 + (s[6] - '0');
	if (n == 7)
		return month >= 1 && month <= 12;
	return n == 10 && valid_date(s);
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

static int run_ingest(const cli_opts *opts)
{
	chr_ingest_opts io = { .raw = opts->raw, .date = opts->date, .from_analysis = opts->from_analysis,
			       .jobs = opts->jobs, .batch = opts->batch, .near_threshold = opts->near };
	return cli_run_ingest(opts->db, opts->inputs, opts->ninputs, &io);
}

static int run_query(const cli_opts *opts) { return cli_run_query(opts->db, &opts->query); }

/* The value of an option given as "--name V" or "--name=V"; NULL if missing. */
static const char *option_value(const char *a, const char *name, int *i, int argc, char **argv)
{
	size_t n = strlen(name);
	if (a[n] == '=')
		return a + n + 1;
	return *i + 1 < argc ? argv[++*i] : NULL;
}

static int is_option(const char *a, const char *name)
{
	size_t n = strlen(name);
	return strncmp(a, name, n) == 0 && (a[n] == '\0' || a[n] == '=');
}

static int positive(const char *v, unsigned long max, unsigned long *out)
{
	char *end = NULL;
	if (!v || !*v || *v == '-')
		return 0;
	unsigned long n = strtoul(v, &end, 10);
	if (*end || n == 0 || n > max)
		return 0;
	*out = n;
	return 1;
}

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
	opts.name = name;
	opts.db = "chronicle.db";
	opts.query.kind = cmd->kind;
	opts.inputs = calloc((size_t)argc, sizeof *opts.inputs);
	if (!opts.inputs)
		return EXIT_RUNTIME;
	int only_inputs = 0, rc;
	const char *bad = NULL, *why = NULL;
	for (int i = 2; i < argc && !bad; i++) {
		const char *a = argv[i];
		const int o = cmd->options;
		unsigned long n = 0;
		if ((o & OPT_INPUT) && (only_inputs || a[0] != '-' || !strcmp(a, "-"))) {
			opts.inputs[opts.ninputs++] = argv[i];
		} else if ((o & OPT_INPUT) && !strcmp(a, "--")) {
			only_inputs = 1;
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			printf("Usage: %s\n\n%s\n%s", cmd->synopsis, cmd->help,
			       (o & OPT_INPUT) ? "\n" : "");
			fputs((o & OPT_INPUT) ? input_help : query_help, stdout);
			free(opts.inputs);
			return 0;
		} else if ((o & OPT_CLEAN) && !strcmp(a, "--raw")) {
			opts.raw = 1;
		} else if ((o & OPT_CLEAN) && is_option(a, "--date")) {
			const char *v = option_value(a, "--date", &i, argc, argv);
			if (!v || !valid_date(v))
				bad = a, why = "needs a date YYYY-MM-DD";
			opts.date = v;
		} else if ((o & OPT_DB) && is_option(a, "--db")) {
			opts.db = option_value(a, "--db", &i, argc, argv);
			if (!opts.db || !*opts.db)
				bad = a, why = "needs a file name";
		} else if ((o & OPT_INGEST) && is_option(a, "--jobs")) {
			if (!positive(option_value(a, "--jobs", &i, argc, argv), 256, &n))
				bad = a, why = "needs a number of threads from 1 to 256";
			opts.jobs = (unsigned)n;
		} else if ((o & OPT_INGEST) && is_option(a, "--batch")) {
			if (!positive(option_value(a, "--batch", &i, argc, argv), 1000000, &n))
				bad = a, why = "needs a number of documents from 1 to 1000000";
			opts.batch = (unsigned)n;
		} else if ((o & OPT_INGEST) && !strcmp(a, "--from-analysis")) {
			opts.from_analysis = 1;
		} else if ((o & OPT_INGEST) && is_option(a, "--near-threshold")) {
			const char *v = option_value(a, "--near-threshold", &i, argc, argv);
			char *end = NULL;
			opts.near = v ? strtod(v, &end) : 0;
			if (!v || *end || opts.near <= 0 || opts.near > 1)
				bad = a, why = "needs a similarity above 0 and at most 1";
		} else if ((o & OPT_JSON) && !strcmp(a, "--json")) {
			opts.query.json = 1;
		} else if ((o & OPT_FILTER) && is_option(a, "--actor")) {
			opts.query.actor = option_value(a, "--actor", &i, argc, argv);
			if (!opts.query.actor || !*opts.query.actor)
				bad = a, why = "needs a name";
		} else if ((o & OPT_FILTER) && (is_option(a, "--from") || is_option(a, "--to"))) {
			int from = is_option(a, "--from");
			const char *v = option_value(a, from ? "--from" : "--to", &i, argc, argv);
			if (!v || !valid_partial_date(v))
				bad = a, why = "needs a date YYYY, YYYY-MM or YYYY-MM-DD";
			*(from ? &opts.query.from : &opts.query.to) = v;
		} else if ((o & OPT_FILTER) && is_option(a, "--type")) {
			opts.query.type = option_value(a, "--type", &i, argc, argv);
			if (!opts.query.type || !*opts.query.type)
				bad = a, why = "needs an event type or CAMEO code";
		} else if ((o & OPT_FILTER) && is_option(a, "--story")) {
			if (!positive(option_value(a, "--story", &i, argc, argv), (unsigned long)-1 >> 1, &n))
				bad = a, why = "needs a story number";
			opts.query.story = (long long)n;
		} else if ((o & OPT_FILTER) && is_option(a, "--limit")) {
			if (!positive(option_value(a, "--limit", &i, argc, argv), (unsigned long)-1 >> 1, &n))
				bad = a, why = "needs a positive number";
			opts.query.limit = n;
		} else {
			bad = a, why = NULL;
		}
	}
	if (bad) {
		if (why)
			fprintf(stderr, "chronicle %s: %s %s\nUsage: %s\n", name, bad, why, cmd->synopsis);
		else
			fprintf(stderr, "chronicle %s: unknown option '%s'\nUsage: %s\n", name, bad, cmd->synopsis);
		free(opts.inputs);
		return EXIT_USAGE;
	}
	if ((cmd->options & OPT_INPUT) && opts.ninputs == 0) {
		fprintf(stderr, "chronicle %s: no INPUT given\nUsage: %s\n", name, cmd->synopsis);
		free(opts.inputs);
		return EXIT_USAGE;
	}
	rc = cmd->run(&opts);
	free(opts.inputs);
	return rc;
}
