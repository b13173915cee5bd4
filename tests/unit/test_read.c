/*
 * test_read.c - unit tests for src/read: every input format, compression,
 * directory order, headers, limits and each kind of bad input.
 *
 * Fixtures are written at run time into a temporary directory (gzip and
 * zstd with the libraries' own APIs), so no binary file is committed.
 * Each test renders what the reader returned as text ("docs") and what it
 * reported ("reports") and checks those.
 */
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include <zlib.h>
#include <zstd.h>

#include "chronicle.h"
#include "read/header.h"
#include "read/read.h"
#include "util/buf.h"
#include "util/fault.h"

static char tmpdir[64];

static int setup_dir(void **state)
{
	(void)state;
	strcpy(tmpdir, "/tmp/chr-test-read.XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int remove_dir(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

/* The path of `name` inside the temporary directory (static storage, 8 slots). */
static const char *path_of(const char *name)
{
	static char paths[8][512];
	static int next;
	char *p = paths[next++ % 8];
	snprintf(p, 512, "%s/%s", tmpdir, name);
	return p;
}

static void write_file(const char *name, const void *data, size_t len)
{
	const char *path = path_of(name);
	char dir[512];
	snprintf(dir, sizeof dir, "%s", path);
	for (char *s = dir + strlen(tmpdir) + 1; (s = strchr(s, '/')) != NULL; s++) {
		*s = '\0';
		mkdir(dir, 0755);
		*s = '/';
	}
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static void write_str(const char *name, const char *s) { write_file(name, s, strlen(s)); }

/* gzip of data[0..len) appended to out (one member). */
static void gzip_append(chr_buf *out, const void *data, size_t len)
{
	z_stream z;
	memset(&z, 0, sizeof z);
	assert_int_equal(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
	size_t bound = deflateBound(&z, (uLong)len) + 32;
	assert_int_equal(chr_buf_reserve(out, bound), CHR_OK);
	z.next_in = (unsigned char *)data;
	z.avail_in = (uInt)len;
	z.next_out = (unsigned char *)out->data + out->len;
	z.avail_out = (uInt)bound;
	assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
	out->len += bound - z.avail_out;
	deflateEnd(&z);
}

static void zstd_append(chr_buf *out, const void *data, size_t len)
{
	size_t bound = ZSTD_compressBound(len);
	assert_int_equal(chr_buf_reserve(out, bound), CHR_OK);
	size_t n = ZSTD_compress(out->data + out->len, bound, data, len, 3);
	assert_false(ZSTD_isError(n));
	out->len += n;
}

/* ------------------------------------------------------------ harness -- */

typedef struct result {
	chr_buf docs;      /* one line per document: id|source|date|basis|format|status|title|body */
	chr_buf reports;   /* one line per report: where: message */
	size_t ndocs, problems, skipped;
	chr_status last;
} result;

static void on_report(void *ctx, const char *where, const char *message)
{
	result *res = ctx;
	chr_buf_printf(&res->reports, "%s: %s\n", where, message);
}

static void render(chr_buf *out, const chr_raw_doc *d)
{
	static const char *basis[] = {"none", "header", "dateline", "text", "input"};
	/* A capture date (WARC-Date) shows as "~DATE" with basis "fallback". */
	chr_buf_printf(out, "%s|%s|%s%s|%s|%s|%d|%s|", d->id, d->source,
		       d->fallback_date ? "~" : "", d->date ? d->date : d->fallback_date ? d->fallback_date : "-",
		       d->fallback_date ? "fallback" : basis[d->date_basis], d->format == CHR_FORMAT_HTML ? "html" : "text",
		       d->http_status, d->title ? d->title : "-");
	assert_int_equal(strlen(d->body), d->body_len);
	for (size_t i = 0; i < d->body_len; i++) {
		unsigned char c = (unsigned char)d->body[i];
		assert_true(c >= 0x20 || c == '\n' || c == '\t');
		chr_buf_putc(out, c == '\n' ? '/' : (char)c);
	}
	chr_buf_putc(out, '\n');
}

static void run_reader(result *res, size_t max, const char *const *names, size_t n)
{
	memset(res, 0, sizeof *res);
	chr_buf_init(&res->docs, 0);
	chr_buf_init(&res->reports, 0);
	chr_read_opts opts = {.max_doc_bytes = max, .report = on_report, .report_ctx = res};
	chr_reader *r = NULL;
	assert_int_equal(chr_reader_new(&r, &opts), CHR_OK);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(chr_reader_add(r, names[i][0] == '/' || !strcmp(names[i], "-") ?
						   names[i] : path_of(names[i])), CHR_OK);
	const chr_raw_doc *d;
	while ((res->last = chr_reader_next(r, &d)) == CHR_OK)
		render(&res->docs, d);
	res->ndocs = chr_reader_docs(r);
	res->problems = chr_reader_problems(r);
	res->skipped = chr_reader_skipped_records(r);
	chr_reader_free(r);
	if (!res->docs.data)
		chr_buf_puts(&res->docs, "");
	if (!res->reports.data)
		chr_buf_puts(&res->reports, "");
}

static void read_one(result *res, const char *name) { run_reader(res, 0, &name, 1); }

static void result_free(result *res)
{
	chr_buf_free(&res->docs);
	chr_buf_free(&res->reports);
}

static size_t count_lines(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += *s == '\n';
	return n;
}

/* -------------------------------------------------------------- tests -- */

static void header_variants(void **state)
{
	(void)state;
	chr_text_header h;
	assert_true(chr_text_header_parse(" date 2025-12-11\nBody", 21, &h));
	assert_string_equal(h.date, "2025-12-11");
	assert_int_equal(h.http_status, 0);
	assert_int_equal(h.body_offset, 17);
	const char *s = " date 2025-12-11 403\nForbidden";
	assert_true(chr_text_header_parse(s, strlen(s), &h));
	assert_int_equal(h.http_status, 403);
	assert_string_equal(s + h.body_offset, "Forbidden");
	s = " date 2025-12-11 MOSCOW, December 11. /TASS/.";
	assert_true(chr_text_header_parse(s, strlen(s), &h));
	assert_string_equal(s + h.body_offset, "MOSCOW, December 11. /TASS/.");
	s = " date 2025-12-11 200 people gathered";   /* a number that runs into words */
	assert_true(chr_text_header_parse(s, strlen(s), &h));
	assert_int_equal(h.http_status, 0);
	assert_string_equal(s + h.body_offset, "200 people gathered");
	assert_false(chr_text_header_parse("date: yesterday", 15, &h));
	assert_false(chr_text_header_parse(" date 2025-13-01 x", 18, &h));
	char d[11];
	assert_true(chr_read_date_prefix("2025-12-11T08:00:00Z", 20, d));
	assert_string_equal(d, "2025-12-11");
	assert_false(chr_read_date_prefix("11/12/2025", 10, d));
}

static void stems(void **state)
{
	(void)state;
	const char *cases[][2] = {
		{"000_x.txt", "000_x"}, {"dir/a.html.gz", "a"}, {"b.jsonl.zst", "b"},
		{"noext", "noext"}, {".hidden", ".hidden"}, {"Mr. Smith speaks", "Mr. Smith speaks"},
		{"c.warc.gz", "c"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *s = chr_read_stem(cases[i][0]);
		assert_string_equal(s, cases[i][1]);
		free(s);
	}
}

static void plain_text_and_header(void **state)
{
	(void)state;
	result res;
	write_str("000_a.txt", " date 2025-12-11 403\nAccess denied.\n");
	read_one(&res, "000_a.txt");
	char want[600];
	snprintf(want, sizeof want, "000_a|%s|2025-12-11|header|text|403|-|Access denied./\n",
		 path_of("000_a.txt"));
	assert_string_equal(res.docs.data, want);
	assert_string_equal(res.reports.data, "");
	result_free(&res);

	write_str("run.txt", " date 2025-01-02 MOSCOW, January 2. /TASS/. Text.");
	read_one(&res, "run.txt");
	assert_non_null(strstr(res.docs.data, "|2025-01-02|header|text|0|-|MOSCOW, January 2. /TASS/. Text.\n"));
	result_free(&res);

	write_str("crlf.txt", "\xEF\xBB\xBFLine one\r\nLine two\r\n");
	read_one(&res, "crlf.txt");
	assert_non_null(strstr(res.docs.data, "|-|none|text|0|-|Line one/Line two/\n"));
	result_free(&res);
}

static void html_by_name_and_content(void **state)
{
	(void)state;
	result res;
	write_str("page.htm", "<p>Hello</p>");
	write_str("page2", "\n  <!DOCTYPE html><html><body><p>Hi</p></body></html>");
	write_str("page3.txt", " date 2025-05-05 200\n<HTML><HEAD><title>t</title></HEAD></HTML>");
	write_str("notes.txt", "<b>bold</b> is not a page");
	const char *names[] = {"page.htm", "page2", "page3.txt", "notes.txt"};
	run_reader(&res, 0, names, 4);
	assert_int_equal(res.ndocs, 4);
	char *line = res.docs.data;
	assert_non_null(strstr(line, "page|"));
	const char *want[] = {"|html|", "|html|", "|html|200|", "|text|"};
	for (int i = 0; i < 4; i++) {
		char *end = strchr(line, '\n');
		*end = '\0';
		assert_non_null(strstr(line, want[i]));
		line = end + 1;
	}
	result_free(&res);
}

static void jsonl_fields_and_bad_lines(void **state)
{
	(void)state;
	result res;
	write_str("feed.jsonl",
		  "{\"id\":\"a1\",\"url\":\"https://ex.org/1\",\"date\":\"2025-12-11T08:00:00Z\","
		  "\"title\":\"T\\u00e9\",\"text\":\"Body \\u0001one\"}\n"
		  "\n"
		  "   \n"
		  "{\"id\":42,\"html\":\"<p>x</p>\",\"date\":\"soon\"}\n"
		  "not json\n"
		  "[1,2]\n"
		  "{\"title\":\"no body\"}\n"
		  "{\"text\":\"\"}\n"
		  "{\"text\":\"no id\",\"date\":\"2025-01-01\"}\n"
		  "{\"text\":\"caf\xe9\"}");
	read_one(&res, "feed.jsonl");
	char want[2048];
	const char *p = path_of("feed.jsonl");
	snprintf(want, sizeof want,
		 "a1|https://ex.org/1|2025-12-11|input|text|0|T\xC3\xA9|Body one\n"
		 "42|%s|-|none|html|0|-|<p>x</p>\n"
		 "feed:9|%s|2025-01-01|input|text|0|-|no id\n"
		 "feed:10|%s|-|none|text|0|-|caf\xEF\xBF\xBD\n", p, p, p);
	assert_string_equal(res.docs.data, want);
	snprintf(want, sizeof want,
		 "%s:5: not JSON ('[' or '{' expected near 'not'), skipped\n"
		 "%s:6: not a JSON object, skipped\n"
		 "%s:7: no \"text\" or \"html\" field, skipped\n"
		 "%s:8: empty text, skipped\n"
		 "%s:10: invalid UTF-8 replaced by U+FFFD (count 1)\n", p, p, p, p, p);
	assert_string_equal(res.reports.data, want);
	assert_int_equal(res.problems, 5);
	result_free(&res);
}

static void json_scanner_accepts_only_json(void **state)
{
	(void)state;
	chr_jsonl_fields f;
	const char *ok[] = {
		"{}", " { } \r", "{\"text\":\"a\\u00e9\\ud83d\\ude00\\n\\\"\",\"n\":[1,{\"a\":[true,false,null,-0.5e+3]}],\"id\":12}",
		"{\"a\":{},\"b\":[],\"text\":\"x\",\"text\":null}",
	};
	const char *bad[] = {
		"", "[]", "{", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{\"a\":[1,2:3]}", "{\"a\":[1 2]}",
		"{\"a\":{\"b\"}}", "{\"a\":01}", "{\"a\":\"\\x\"}", "{\"a\":\"tab\there\"}",
		"{\"a\":1} x", "{\"a\":tru}", "{\"a\":[}", "{\"a\":\"\\u12g4\"}",
	};
	for (size_t i = 0; i < sizeof ok / sizeof *ok; i++)
		assert_true(chr_jsonl_scan(ok[i], strlen(ok[i]), &f));
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_false(chr_jsonl_scan(bad[i], strlen(bad[i]), &f));
	assert_true(chr_jsonl_scan(ok[2], strlen(ok[2]), &f));
	assert_int_equal(f.id.type, CHR_JSON_NUMBER);
	chr_buf b;
	chr_buf_init(&b, 0);
	assert_int_equal(chr_json_unescape(ok[2] + f.text.off, f.text.len, &b), CHR_OK);
	assert_string_equal(b.data, "a\xc3\xa9\xf0\x9f\x98\x80\n\"");
	chr_buf_free(&b);
	assert_true(chr_jsonl_scan(ok[3], strlen(ok[3]), &f));
	assert_int_equal(f.text.type, CHR_JSON_OTHER);   /* the later duplicate wins */
	/* Nesting deeper than jansson allows is left to jansson. */
	chr_buf deep;
	chr_buf_init(&deep, 0);
	chr_buf_puts(&deep, "{\"a\":");
	for (int i = 0; i < 5000; i++)
		chr_buf_putc(&deep, '[');
	for (int i = 0; i < 5000; i++)
		chr_buf_putc(&deep, ']');
	chr_buf_putc(&deep, '}');
	assert_false(chr_jsonl_scan(deep.data, deep.len, &f));
	chr_buf_free(&deep);
}

/* The string scanner skips 16 or 8 bytes at a time: a quote, a backslash,
 * a control byte or a byte above ASCII at every offset of strings of
 * every length up to 80 must give what the one-byte-at-a-time grammar
 * says (the line is an exact-size heap copy, so ASan sees any overread). */
static void json_scanner_special_byte_at_every_offset(void **state)
{
	(void)state;
	static const char *kinds[] = {"\\\"", "\\\\", "\\u00e9", "\x01", "\x1f", "\x7f", "\xc3\xa9", "\xff", " ", "\"x"};
	for (size_t n = 0; n <= 80; n++) {
		for (size_t at = 0; at <= n; at++) {
			for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++) {
				chr_buf b;
				chr_buf_init(&b, 0);
				chr_buf_puts(&b, "{\"text\":\"");
				for (size_t i = 0; i < n; i++) {
					if (i == at)
						chr_buf_puts(&b, kinds[k]);
					chr_buf_putc(&b, (char)('a' + i % 26));
				}
				if (at == n)
					chr_buf_puts(&b, kinds[k]);
				chr_buf_puts(&b, "\"}");
				char *line = malloc(b.len);
				assert_non_null(line);
				memcpy(line, b.data, b.len);
				chr_jsonl_fields f;
				int ok = chr_jsonl_scan(line, b.len, &f);
				int control = kinds[k][0] == '\x01' || kinds[k][0] == '\x1f';
				int stray_quote = kinds[k][0] == '"';
				assert_int_equal(ok, !control && !stray_quote);
				if (ok) {
					size_t klen = strlen(kinds[k]);
					assert_int_equal(f.text.type, CHR_JSON_STRING);
					assert_int_equal(f.text.off, 9);
					assert_int_equal(f.text.len, n + klen);
					assert_int_equal(f.text.escaped, kinds[k][0] == '\\');
				}
				free(line);
				chr_buf_free(&b);
			}
		}
	}
}

/* Unescaping copies 16 bytes at a time up to each backslash: an escape
 * at every offset of strings up to 70 bytes, one or two of them, gives
 * the text built directly (the input is an exact-size heap copy). */
static void json_unescape_at_every_offset(void **state)
{
	(void)state;
	static const char *esc[] = {"\\n", "\\\"", "\\\\", "\\u00e9", "\\ud83d\\ude00", "\\/"};
	static const char *plain[] = {"\n", "\"", "\\", "\xc3\xa9", "\xf0\x9f\x98\x80", "/"};
	for (size_t n = 0; n <= 70; n++) {
		for (size_t at = 0; at <= n; at++) {
			for (size_t k = 0; k < sizeof esc / sizeof *esc; k++) {
				chr_buf in, want, got;
				chr_buf_init(&in, 0);
				chr_buf_init(&want, 0);
				chr_buf_init(&got, 0);
				for (size_t i = 0; i <= n; i++) {
					if (i == at || i == n / 2 + 3) {
						chr_buf_puts(&in, esc[k]);
						chr_buf_puts(&want, plain[k]);
					}
					if (i < n) {
						chr_buf_putc(&in, (char)('a' + i % 26));
						chr_buf_putc(&want, (char)('a' + i % 26));
					}
				}
				char *copy = malloc(in.len);
				assert_non_null(copy);
				memcpy(copy, in.data, in.len);
				assert_int_equal(chr_json_unescape(copy, in.len, &got), CHR_OK);
				assert_int_equal(got.len, want.len);
				assert_memory_equal(got.data, want.data, want.len);
				assert_int_equal(got.data[got.len], '\0');
				free(copy);
				chr_buf_free(&in);
				chr_buf_free(&want);
				chr_buf_free(&got);
			}
		}
	}
}

static void jsonl_by_content_and_header(void **state)
{
	(void)state;
	result res;
	write_str("dump", "{\"id\":\"z\",\"text\":\" date 2024-02-03 200\\nHeadered body\"}\n");
	read_one(&res, "dump");
	assert_non_null(strstr(res.docs.data, "z|"));
	assert_non_null(strstr(res.docs.data, "|2024-02-03|header|text|200|-|Headered body\n"));
	result_free(&res);
}

/* One WARC record; length_delta makes Content-Length lie. */
static void warc_record(chr_buf *out, const char *type, const char *uri, const char *id,
			const char *extra, const void *content, size_t len, long length_delta)
{
	chr_buf_printf(out, "WARC/1.1\r\nWARC-Type: %s\r\n", type);
	if (uri)
		chr_buf_printf(out, "WARC-Target-URI: %s\r\n", uri);
	if (id)
		chr_buf_printf(out, "WARC-Record-ID: <urn:uuid:%s>\r\n", id);
	chr_buf_printf(out, "WARC-Date: 2025-12-11T08:00:00Z\r\n%sContent-Length: %ld\r\n\r\n",
		       extra ? extra : "", (long)len + length_delta);
	chr_buf_append(out, content, len);
	chr_buf_puts(out, "\r\n\r\n");
}

static void http_response(chr_buf *out, const char *headers, const char *body)
{
	chr_buf_printf(out, "HTTP/1.1 200 OK\r\n%s\r\n%s", headers, body);
}

static void build_warc(chr_buf *w)
{
	chr_buf http;
	chr_buf_init(&http, 0);
	warc_record(w, "warcinfo", NULL, "i0", "Content-Type: application/warc-fields\r\n",
		    "software: test\r\n", 16, 0);
	warc_record(w, "request", "http://ex.org/a", "q1", NULL, "GET / HTTP/1.1\r\n\r\n", 18, 0);
	http_response(&http, "Content-Type: text/html; charset=utf-8\r\n",
		      "<html><body><p>Page A</p></body></html>");
	warc_record(w, "response", "http://ex.org/a", "aaaa-1", NULL, http.data, http.len, 0);
	/* chunked and gzip-encoded */
	chr_buf gz, chunked;
	chr_buf_init(&gz, 0);
	chr_buf_init(&chunked, 0);
	const char *page = "<html><body><p>Page B, compressed and chunked</p></body></html>";
	gzip_append(&gz, page, strlen(page));
	chr_buf_printf(&chunked, "%zx;ext=1\r\n", (size_t)10);
	chr_buf_append(&chunked, gz.data, 10);
	chr_buf_printf(&chunked, "\r\n%zx\r\n", gz.len - 10);
	chr_buf_append(&chunked, gz.data + 10, gz.len - 10);
	chr_buf_puts(&chunked, "\r\n0\r\n\r\n");
	chr_buf_clear(&http);
	chr_buf_puts(&http, "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n"
		     "Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n");
	chr_buf_append(&http, chunked.data, chunked.len);
	warc_record(w, "response", "http://ex.org/b", "bbbb-2", NULL, http.data, http.len, 0);
	/* an image: skipped and counted */
	chr_buf_clear(&http);
	http_response(&http, "Content-Type: image/png\r\n", "\x89PNG\r\n");
	warc_record(w, "response", "http://ex.org/c.png", "cccc-3", NULL, http.data, http.len, 0);
	/* a resource record with no id: stem:record */
	const char *res = "<!doctype html><p>Resource D</p>";
	warc_record(w, "resource", "http://ex.org/d", NULL, "Content-Type: text/html\r\n", res,
		    strlen(res), 0);
	/* metadata: silent */
	warc_record(w, "metadata", "http://ex.org/d", "mmmm", NULL, "x: y\r\n", 6, 0);
	/* a redirect with no body: counted */
	warc_record(w, "response", "http://ex.org/e", "eeee-5", NULL,
		    "HTTP/1.1 301 Moved\r\nLocation: /\r\n\r\n", 35, 0);
	chr_buf_free(&http);
	chr_buf_free(&gz);
	chr_buf_free(&chunked);
}

static void warc_records(void **state)
{
	(void)state;
	chr_buf w;
	chr_buf_init(&w, 0);
	build_warc(&w);
	write_file("crawl.warc", w.data, w.len);
	write_file("crawl-noext", w.data, w.len);
	chr_buf gz;
	chr_buf_init(&gz, 0);
	/* one gzip member per record, as WARC writers do */
	size_t start = 0;
	for (size_t i = 1; i + 9 <= w.len; i++)
		if (memcmp(w.data + i, "\r\n\r\nWARC/", 9) == 0) {
			gzip_append(&gz, w.data + start, i + 4 - start);
			start = i + 4;
		}
	gzip_append(&gz, w.data + start, w.len - start);
	write_file("crawl.warc.gz", gz.data, gz.len);
	chr_buf zs;
	chr_buf_init(&zs, 0);
	zstd_append(&zs, w.data, w.len / 2);
	zstd_append(&zs, w.data + w.len / 2, w.len - w.len / 2);
	write_file("crawl.warc.zst", zs.data, zs.len);

	const char *names[] = {"crawl.warc", "crawl-noext", "crawl.warc.gz", "crawl.warc.zst"};
	for (int i = 0; i < 4; i++) {
		result res;
		read_one(&res, names[i]);
		char want[1024];
		snprintf(want, sizeof want,
			 "aaaa-1|http://ex.org/a|~2025-12-11|fallback|html|200|-|<html><body><p>Page A</p></body></html>\n"
			 "bbbb-2|http://ex.org/b|~2025-12-11|fallback|html|404|-|<html><body><p>Page B, compressed and chunked</p></body></html>\n"
			 "%s:6|http://ex.org/d|~2025-12-11|fallback|html|0|-|<!doctype html><p>Resource D</p>\n",
			 i == 1 ? "crawl-noext" : "crawl");
		assert_string_equal(res.docs.data, want);
		assert_string_equal(res.reports.data, "");
		assert_int_equal(res.skipped, 2);
		result_free(&res);
	}
	chr_buf_free(&w);
	chr_buf_free(&gz);
	chr_buf_free(&zs);
}

static void warc_lying_lengths(void **state)
{
	(void)state;
	const long deltas[] = {-20, 40, 4000, -200};
	for (size_t k = 0; k < sizeof deltas / sizeof *deltas; k++) {
		chr_buf w, http;
		chr_buf_init(&w, 0);
		chr_buf_init(&http, 0);
		const char *pages[] = {"<p>One</p>", "<p>Two, which lies</p>", "<p>Three</p>", "<p>Four</p>"};
		for (int i = 0; i < 4; i++) {
			chr_buf_clear(&http);
			http_response(&http, "Content-Type: text/html\r\n", pages[i]);
			char id[8];
			snprintf(id, sizeof id, "r%d", i + 1);
			warc_record(&w, "response", "http://ex.org/", id, NULL, http.data, http.len,
				    i == 1 ? deltas[k] : 0);
		}
		write_file("lie.warc", w.data, w.len);
		result res;
		read_one(&res, "lie.warc");
		assert_non_null(strstr(res.docs.data, "r1|"));
		assert_null(strstr(res.docs.data, "r2|"));
		assert_non_null(strstr(res.docs.data, "r3|"));
		assert_non_null(strstr(res.docs.data, "r4|"));
		assert_int_equal(count_lines(res.reports.data), 1);
		/* -200 makes the length negative: reported as invalid */
		assert_non_null(strstr(res.reports.data, "lie.warc: record 2: "));
		result_free(&res);
		chr_buf_free(&w);
		chr_buf_free(&http);
	}
	/* Garbage before the first record, and a header without a length. */
	write_str("junk.warc", "garbage\r\nmore\r\nWARC/1.0\r\nWARC-Type: response\r\n\r\n"
		  "WARC/1.0\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:uuid:ok>\r\n"
		  "Content-Type: text/html\r\nContent-Length: 9\r\n\r\n<p>ok</p>\r\n\r\n");
	result res;
	read_one(&res, "junk.warc");
	assert_non_null(strstr(res.docs.data, "ok|"));
	assert_int_equal(count_lines(res.reports.data), 2);
	assert_non_null(strstr(res.reports.data, "junk.warc: record 1: no WARC header"));
	assert_non_null(strstr(res.reports.data, "junk.warc: record 1: no valid Content-Length"));
	result_free(&res);
}

static void compressed_plain_and_members(void **state)
{
	(void)state;
	chr_buf gz, zs;
	chr_buf_init(&gz, 0);
	chr_buf_init(&zs, 0);
	gzip_append(&gz, "first member, ", 14);
	gzip_append(&gz, "second member", 13);
	write_file("two.txt.gz", gz.data, gz.len);
	write_file("nosuffix", gz.data, gz.len);   /* detected by magic bytes */
	zstd_append(&zs, "zstd frame one, ", 16);
	zstd_append(&zs, "frame two", 9);
	write_file("b.html.zst", zs.data, zs.len);
	const char *names[] = {"two.txt.gz", "nosuffix", "b.html.zst"};
	result res;
	run_reader(&res, 0, names, 3);
	char want[1024];
	snprintf(want, sizeof want,
		 "two|%s|-|none|text|0|-|first member, second member\n"
		 "nosuffix|%s|-|none|text|0|-|first member, second member\n"
		 "b|%s|-|none|html|0|-|zstd frame one, frame two\n",
		 path_of("two.txt.gz"), path_of("nosuffix"), path_of("b.html.zst"));
	assert_string_equal(res.docs.data, want);
	assert_string_equal(res.reports.data, "");
	result_free(&res);
	chr_buf_free(&gz);
	chr_buf_free(&zs);
}

static void truncated_streams(void **state)
{
	(void)state;
	chr_buf lines, gz, zs;
	chr_buf_init(&lines, 0);
	chr_buf_init(&gz, 0);
	chr_buf_init(&zs, 0);
	/* zstd decodes whole blocks of up to 128 KiB: several are needed */
	for (int i = 0; i < 20000; i++)
		chr_buf_printf(&lines, "{\"id\":\"n%d\",\"text\":\"line %d with a few words %d\"}\n", i, i, i * 7919);
	gzip_append(&gz, lines.data, lines.len);
	write_file("cut.jsonl.gz", gz.data, gz.len / 2);
	zstd_append(&zs, lines.data, lines.len);
	write_file("cut.jsonl.zst", zs.data, zs.len / 2);
	write_file("cut.htm.gz", gz.data, gz.len - 3);
	const char *names[] = {"cut.jsonl.gz", "cut.jsonl.zst", "cut.htm.gz"};
	for (int i = 0; i < 3; i++) {
		result res;
		read_one(&res, names[i]);
		assert_int_equal(count_lines(res.reports.data), 1);
		assert_non_null(strstr(res.reports.data, names[i]));
		assert_non_null(strstr(res.reports.data, i == 1 ? "truncated zstd data" : "truncated gzip data"));
		if (i < 2) {
			assert_true(res.ndocs > 10);
			assert_true(res.ndocs < 20000);
			assert_non_null(strstr(res.docs.data, "n0|"));
		} else {
			assert_int_equal(res.ndocs, 0);
		}
		result_free(&res);
	}
	/* Corrupt data in the middle of a gzip member: zlib may decode some
	 * garbage (reported as bad lines) before it notices; it always does by
	 * the CRC at the latest, and the records before stay. */
	gz.data[gz.len / 2] ^= 0x55;
	gz.data[gz.len / 2 + 1] ^= 0x55;
	write_file("bad.jsonl.gz", gz.data, gz.len);
	result res;
	read_one(&res, "bad.jsonl.gz");
	assert_non_null(strstr(res.reports.data, "corrupt gzip data"));
	assert_non_null(strstr(res.docs.data, "n0|"));
	result_free(&res);
	chr_buf_free(&lines);
	chr_buf_free(&gz);
	chr_buf_free(&zs);
}

static void directories_in_byte_order(void **state)
{
	(void)state;
	write_str("tree/b.txt", "b");
	write_str("tree/x.txt", "x.txt");
	write_str("tree/x/a.txt", "x/a");
	write_str("tree/x/Z.txt", "x/Z");
	write_str("tree/a.txt", "a");
	write_str("tree/.hidden.txt", "hidden");
	write_str("tree/.git/config", "git");
	write_str("tree/B.txt", "B");
	result res;
	read_one(&res, "tree/");
	char want[2048];
	const char *p = path_of("tree");
	snprintf(want, sizeof want,
		 "B|%s/B.txt|-|none|text|0|-|B\n"
		 "a|%s/a.txt|-|none|text|0|-|a\n"
		 "b|%s/b.txt|-|none|text|0|-|b\n"
		 "x|%s/x.txt|-|none|text|0|-|x.txt\n"
		 "Z|%s/x/Z.txt|-|none|text|0|-|x/Z\n"
		 "a|%s/x/a.txt|-|none|text|0|-|x/a\n", p, p, p, p, p, p);
	assert_string_equal(res.docs.data, want);
	assert_string_equal(res.reports.data, "");
	result_free(&res);
}

/* A stream told its file's size reads exactly that many bytes, whatever
 * the size is next to the raw and decoded buffers; the walk reads files,
 * links to files and nested folders the same with or without lstat. */
static void sized_streams_and_walk_types(void **state)
{
	(void)state;
	static const size_t sizes[] = {0, 1, 4095, 65535, 65536, 65537, 262144, 300001};
	for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
		size_t n = sizes[k];
		char *data = malloc(n + 1);
		assert_non_null(data);
		for (size_t i = 0; i < n; i++)
			data[i] = (char)('a' + (i * 7 + k) % 26);
		write_file("sized.txt", data, n);
		for (int hint = 0; hint < 3; hint++) {
			int fd = open(path_of("sized.txt"), O_RDONLY);
			assert_true(fd >= 0);
			chr_stream *st = NULL;
			assert_int_equal(chr_stream_open_fd(&st, fd, 1), CHR_OK);
			/* hint 0: none; 1: the true size; 2: one byte short. */
			size_t want = n;
			if (hint == 1)
				chr_stream_set_size(st, n);
			if (hint == 2 && n) {
				chr_stream_set_size(st, n - 1);
				want = n - 1;
			}
			chr_buf b;
			chr_buf_init(&b, 0);
			size_t got = 0;
			assert_int_equal(chr_stream_read(st, &b, n + 10, &got), CHR_OK);
			/* A size below the truth (a file that grew) stops the
			 * reading after the read() that reaches it. */
			assert_true(got == want || (hint == 2 && got == n));
			assert_true(got == 0 || memcmp(b.data, data, got) == 0);
			assert_null(chr_stream_error(st));
			chr_buf_free(&b);
			chr_stream_free(st);
		}
		free(data);
	}
	write_str("types/a.txt", "alpha");
	write_str("types/sub/b.txt", "beta");
	assert_int_equal(symlink(path_of("types/a.txt"), path_of("types/c.txt")), 0);
	assert_int_equal(symlink(path_of("types/sub"), path_of("types/d")), 0);   /* a link to a folder: skipped */
	result res;
	read_one(&res, "types");
	char want[1024];
	const char *p = path_of("types");
	snprintf(want, sizeof want,
		 "a|%s/a.txt|-|none|text|0|-|alpha\n"
		 "c|%s/c.txt|-|none|text|0|-|alpha\n"
		 "b|%s/sub/b.txt|-|none|text|0|-|beta\n", p, p, p);
	assert_string_equal(res.docs.data, want);
	assert_string_equal(res.reports.data, "");
	result_free(&res);
}

/* The one-byte-at-a-time definition of a binary file, for the SSE2 path. */
static int binary_reference(const unsigned char *p, size_t n)
{
	size_t ctrl = 0, nul = 0;
	for (size_t i = 0; i < n; i++) {
		nul += p[i] == 0;
		if (p[i] < 0x20 && p[i] != '\t' && p[i] != '\n' && p[i] != '\r' && p[i] != '\f' && p[i] != '\v' &&
		    p[i] != 0x1b)
			ctrl++;
	}
	return (ctrl >= 4 && ctrl * 10 > n) || (nul >= 2 && nul * 50 > n);
}

/* Every byte value at every offset of buffers up to 70 bytes, alone and
 * in runs, against the definition (exact-size heap copies for ASan). */
static void binary_detection_matches_definition(void **state)
{
	(void)state;
	unsigned seed = 7;
	for (size_t n = 0; n <= 70; n++) {
		for (unsigned c = 0; c < 256; c++) {
			for (size_t at = 0; at < n || (n == 0 && at == 0); at++) {
				unsigned char *b = malloc(n ? n : 1);
				assert_non_null(b);
				for (size_t i = 0; i < n; i++) {
					seed = seed * 1103515245u + 12345u;
					/* mostly text, some controls and NULs */
					unsigned r = (seed >> 16) % 40;
					b[i] = r == 0 ? 0 : r == 1 ? 1 : r == 2 ? '\n' : (unsigned char)('a' + r % 26);
				}
				if (n) {
					b[at] = (unsigned char)c;
					for (size_t i = at; i < n && i < at + (c % 5); i++)
						b[i] = (unsigned char)c;
				}
				assert_int_equal(chr_detect_binary((const char *)b, n), binary_reference(b, n));
				free(b);
				if (n == 0)
					break;
			}
		}
	}
	/* Two 64-byte blocks and a tail: the special bytes at every offset. */
	static const unsigned char special[] = {0, 1, 8, 9, 10, 13, 14, 27, 31, 32, 0x7f, 0x80};
	for (size_t n = 120; n <= 136; n++) {
		for (size_t c = 0; c < sizeof special; c++) {
			for (size_t at = 0; at < n; at++) {
				unsigned char *b = malloc(n);
				assert_non_null(b);
				for (size_t i = 0; i < n; i++) {
					seed = seed * 1103515245u + 12345u;
					unsigned r = (seed >> 16) % 24;   /* controls near the 10 % bar */
					b[i] = r == 0 ? 0 : r == 1 ? 2 : r == 2 ? '\n' : (unsigned char)('a' + r);
				}
				for (size_t i = at; i < n && i < at + 1 + c % 7; i++)
					b[i] = special[c];
				assert_int_equal(chr_detect_binary((const char *)b, n), binary_reference(b, n));
				free(b);
			}
		}
	}
}

/* A retired stream's buffers serve the next file: plain, gzip, zstd,
 * truncated gzip and plain again read as fresh streams would, and a
 * stream whose buffer grew (chr_stream_unread) is not kept. */
static void streams_reused_across_files(void **state)
{
	(void)state;
	const char *text = "reused stream text, long enough to compress a little, a little";
	size_t tlen = strlen(text);
	chr_buf gz, zs;
	chr_buf_init(&gz, 0);
	chr_buf_init(&zs, 0);
	gzip_append(&gz, text, tlen);
	zstd_append(&zs, text, tlen);
	write_file("r1.txt", text, tlen);
	write_file("r2.gz", gz.data, gz.len);
	write_file("r3.zst", zs.data, zs.len);
	write_file("r4.gz", gz.data, gz.len / 2);
	write_file("r5.txt", text, 5);
	static const char *names[] = {"r1.txt", "r2.gz", "r3.zst", "r4.gz", "r5.txt", "r2.gz"};
	chr_stream *spare = NULL;
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		int fd = open(path_of(names[i]), O_RDONLY);
		assert_true(fd >= 0);
		chr_stream *st = NULL;
		assert_int_equal(chr_stream_open_fd_reuse(&st, &spare, fd, 1), CHR_OK);
		assert_null(spare);
		chr_buf b;
		chr_buf_init(&b, 0);
		size_t got = 0;
		assert_int_equal(chr_stream_read(st, &b, 1000, &got), CHR_OK);
		if (i == 3) {
			assert_non_null(chr_stream_error(st));   /* truncated gzip */
		} else {
			assert_null(chr_stream_error(st));
			assert_int_equal(got, i == 4 ? 5 : tlen);
			assert_memory_equal(b.data, text, got);
		}
		if (i == 5) {
			/* A grown buffer goes back to the heap, not to spare. */
			char big[CHR_STREAM_BUF + 10];
			memset(big, 'x', sizeof big);
			assert_int_equal(chr_stream_unread(st, big, sizeof big), CHR_OK);
		}
		chr_stream_retire(st, &spare);
		assert_true(i == 5 ? spare == NULL : spare != NULL);
		chr_buf_free(&b);
	}
	chr_stream_free(spare);
	chr_buf_free(&gz);
	chr_buf_free(&zs);
}

static void empty_binary_missing(void **state)
{
	(void)state;
	write_file("empty.txt", "", 0);
	write_str("blank.txt", "  \n\n");
	write_str("hdr.txt", " date 2025-01-01 404\n");
	write_file("img.png", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
	write_file("utf16.txt", "\xff\xfeH\0i\0", 6);
	write_str("ok.txt", "fine \x01text\x7f here");
	const char *names[] = {"empty.txt", "blank.txt", "hdr.txt", "img.png", "utf16.txt",
			       "missing.txt", "ok.txt"};
	result res;
	run_reader(&res, 0, names, 7);
	assert_int_equal(res.ndocs, 1);
	assert_non_null(strstr(res.docs.data, "|fine text here\n"));
	char want[2048];
	snprintf(want, sizeof want,
		 "%s: empty file\n%s: no text, skipped\n%s: no text, skipped\n"
		 "%s: binary file, skipped\n%s: binary file, skipped\n%s: No such file or directory\n",
		 path_of("empty.txt"), path_of("blank.txt"), path_of("hdr.txt"), path_of("img.png"),
		 path_of("utf16.txt"), path_of("missing.txt"));
	assert_string_equal(res.reports.data, want);
	assert_int_equal(res.problems, 6);
	result_free(&res);
}

static void invalid_utf8_repaired_once(void **state)
{
	(void)state;
	write_str("latin1.txt", "Caf\xe9 cr\xe8me \xc3\x28 ok \xf0\x9f\x98\x80");
	result res;
	read_one(&res, "latin1.txt");
	assert_non_null(strstr(res.docs.data, "|Caf\xEF\xBF\xBD cr\xEF\xBF\xBDme \xEF\xBF\xBD( ok \xf0\x9f\x98\x80\n"));
	assert_int_equal(count_lines(res.reports.data), 1);
	assert_non_null(strstr(res.reports.data, "latin1.txt: invalid UTF-8 replaced by U+FFFD (count 3)"));
	result_free(&res);
}

static void legacy_charsets_converted(void **state)
{
	(void)state;
	/* "Москва" in windows-1251, declared by HTTP; "Café" in latin1 declared
	 * by a meta tag; a page that declares latin1 but is UTF-8. */
	chr_buf w, http;
	chr_buf_init(&w, 0);
	chr_buf_init(&http, 0);
	http_response(&http, "Content-Type: text/html; charset=windows-1251\r\n",
		      "<p>\xcc\xee\xf1\xea\xe2\xe0</p>");
	warc_record(&w, "response", "http://ru/", "ru", NULL, http.data, http.len, 0);
	write_file("ru.warc", w.data, w.len);
	write_str("fr.html", "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"><p>Caf\xe9</p>");
	write_str("liar.html", "<meta charset='iso-8859-1'><p>caf\xc3\xa9</p>");
	const char *names[] = {"ru.warc", "fr.html", "liar.html"};
	result res;
	run_reader(&res, 0, names, 3);
	assert_non_null(strstr(res.docs.data, "|<p>\xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0</p>\n"));
	assert_non_null(strstr(res.docs.data, "<p>Caf\xc3\xa9</p>\n"));
	assert_non_null(strstr(res.docs.data, "<p>caf\xc3\xa9</p>\n"));
	assert_string_equal(res.reports.data, "");
	result_free(&res);
	chr_buf_free(&w);
	chr_buf_free(&http);
}

static void size_limits(void **state)
{
	(void)state;
	char big[300];
	memset(big, 'x', sizeof big);
	write_file("big.txt", big, sizeof big);
	write_file("fits.txt", big, 100);
	chr_buf b;
	chr_buf_init(&b, 0);
	gzip_append(&b, big, sizeof big);
	write_file("big.txt.gz", b.data, b.len);   /* size known only after decoding */
	chr_buf_clear(&b);
	chr_buf_puts(&b, "{\"text\":\"");
	chr_buf_append(&b, big, sizeof big);
	chr_buf_puts(&b, "\"}\n{\"text\":\"small\"}\n");
	write_file("big.jsonl", b.data, b.len);
	chr_buf_clear(&b);
	chr_buf http;
	chr_buf_init(&http, 0);
	http_response(&http, "Content-Type: text/html\r\n", "<p>");
	chr_buf_append(&http, big, sizeof big);
	warc_record(&b, "response", "http://big/", "big", NULL, http.data, http.len, 0);
	chr_buf_clear(&http);
	http_response(&http, "Content-Type: image/jpeg\r\n", "");
	chr_buf_append(&http, big, sizeof big);
	warc_record(&b, "response", "http://img/", "img", NULL, http.data, http.len, 0);
	warc_record(&b, "resource", "http://small/", "small", "Content-Type: text/html\r\n", "<p>s</p>", 8, 0);
	write_file("big.warc", b.data, b.len);
	const char *names[] = {"big.txt", "fits.txt", "big.txt.gz", "big.jsonl", "big.warc"};
	result res;
	run_reader(&res, 200, names, 5);
	assert_int_equal(res.ndocs, 3);
	assert_non_null(strstr(res.docs.data, "fits|"));
	assert_non_null(strstr(res.docs.data, "|small\n"));
	assert_non_null(strstr(res.docs.data, "small|http://small/"));
	char want[2048];
	snprintf(want, sizeof want,
		 "%s: document larger than 200 bytes, skipped\n"
		 "%s: document larger than 200 bytes, skipped\n"
		 "%s:1: document larger than 200 bytes, skipped\n"
		 "%s: record 1: document larger than 200 bytes, skipped\n",
		 path_of("big.txt"), path_of("big.txt.gz"), path_of("big.jsonl"), path_of("big.warc"));
	assert_string_equal(res.reports.data, want);
	assert_int_equal(res.skipped, 1);   /* the image */
	result_free(&res);
	chr_buf_free(&b);
	chr_buf_free(&http);
}

static void memory_inputs_pick_format_by_name(void **state)
{
	(void)state;
	chr_reader *r = NULL;
	assert_int_equal(chr_reader_new(&r, NULL), CHR_OK);
	static const char jl[] = "{\"id\":\"m\",\"text\":\"from memory\"}\n";
	assert_int_equal(chr_reader_add_memory(r, "mem.jsonl", jl, sizeof jl - 1), CHR_OK);
	const chr_raw_doc *d;
	assert_int_equal(chr_reader_next(r, &d), CHR_OK);
	assert_string_equal(d->id, "m");
	assert_string_equal(d->body, "from memory");
	assert_int_equal(chr_reader_next(r, &d), CHR_DONE);
	assert_int_equal(chr_reader_next(r, &d), CHR_DONE);
	chr_reader_free(r);
}

/* Every allocation failure surfaces as CHR_ENOMEM, never a crash or leak. */
static void out_of_memory(void **state)
{
	(void)state;
	chr_buf w;
	chr_buf_init(&w, 0);
	build_warc(&w);
	chr_buf gz;
	chr_buf_init(&gz, 0);
	gzip_append(&gz, w.data, w.len);
	static const char jl[] = "{\"id\":\"m\",\"text\":\"x\"}\nbad\n{\"html\":\"<p>y</p>\"}\n";
	int saw_enomem = 0, completed = 0;
	for (long n = 0; n < 400 && !completed; n++) {
		chr_reader *r = NULL;
		chr_fault_fail_after(n);
		chr_status st = chr_reader_new(&r, NULL);
		if (st == CHR_OK)
			st = chr_reader_add_memory(r, "a.warc.gz", gz.data, gz.len);
		if (st == CHR_OK)
			st = chr_reader_add_memory(r, "b.jsonl", jl, sizeof jl - 1);
		if (st == CHR_OK)
			st = chr_reader_add(r, path_of("tree"));
		const chr_raw_doc *d;
		while (st == CHR_OK)
			st = chr_reader_next(r, &d);
		chr_fault_fail_after(-1);
		assert_true(st == CHR_DONE || st == CHR_ENOMEM);
		saw_enomem |= st == CHR_ENOMEM;
		completed = st == CHR_DONE;
		chr_reader_free(r);
	}
	assert_true(saw_enomem);
	assert_true(completed);
	chr_buf_free(&w);
	chr_buf_free(&gz);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(header_variants),
		cmocka_unit_test(stems),
		cmocka_unit_test(plain_text_and_header),
		cmocka_unit_test(html_by_name_and_content),
		cmocka_unit_test(jsonl_fields_and_bad_lines),
		cmocka_unit_test(json_scanner_accepts_only_json),
		cmocka_unit_test(json_scanner_special_byte_at_every_offset),
		cmocka_unit_test(json_unescape_at_every_offset),
		cmocka_unit_test(jsonl_by_content_and_header),
		cmocka_unit_test(warc_records),
		cmocka_unit_test(warc_lying_lengths),
		cmocka_unit_test(compressed_plain_and_members),
		cmocka_unit_test(truncated_streams),
		cmocka_unit_test(directories_in_byte_order),
		cmocka_unit_test(sized_streams_and_walk_types),
		cmocka_unit_test(streams_reused_across_files),
		cmocka_unit_test(binary_detection_matches_definition),
		cmocka_unit_test(empty_binary_missing),
		cmocka_unit_test(invalid_utf8_repaired_once),
		cmocka_unit_test(legacy_charsets_converted),
		cmocka_unit_test(size_limits),
		cmocka_unit_test(memory_inputs_pick_format_by_name),
		cmocka_unit_test(out_of_memory),
	};
	return cmocka_run_group_tests_name("read", tests, setup_dir, remove_dir);
}
