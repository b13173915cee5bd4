/*
 * reader.c - read stage, top: the public chr_reader.  Keeps the queue of
 * inputs, walks directories, opens each input as a stream, picks its format
 * and pulls documents from the format's reader; every document leaves
 * through chr_read_emit, which repairs it.
 *
 * Directory walk: entries are visited in byte order of their full paths
 * (a directory sorts as its name plus '/', so "x.txt" comes before "x/a").
 * Hidden entries (names starting with '.', such as .git) are skipped, and so
 * are symbolic links to directories (no cycles), anything that is not a
 * regular file or a directory, and files whose extension says they are not
 * articles (.md, .json, .csv, images, databases: see not_an_article).  A path given explicitly is always read,
 * whatever its name or kind (a FIFO from process substitution works).
 */
#include "read/read.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "read/header.h"
#include "util/fault.h"
#include "util/grow.h"
#include "util/utf8.h"

/* How much of an input is looked at to pick its format. */
#define SNIFF_BYTES (64u * 1024u)
/* Binary files are recognised from this many leading bytes. */
#define BINARY_SNIFF_BYTES 4096u

chr_status chr_reader_new(chr_reader **out, const chr_read_opts *opts)
{
	chr_reader *r = chr_calloc(1, sizeof *r);
	if (!r)
		return CHR_ENOMEM;
	if (opts)
		r->opts = *opts;
	r->max_doc = r->opts.max_doc_bytes ? r->opts.max_doc_bytes : CHR_READ_DEFAULT_MAX;
	if (r->max_doc > SIZE_MAX / 4)
		r->max_doc = SIZE_MAX / 4;
	/* Lines are JSON documents or WARC header lines (up to 256 KiB). */
	chr_buf_init(&r->line, (r->max_doc > (1u << 20) ? r->max_doc : (1u << 20)) + 1);
	/* A document is read up to one byte past the limit to see it is over. */
	chr_buf_init(&r->rec, r->max_doc + 1);
	chr_buf_init(&r->tmp, 0);
	chr_buf_init(&r->body, 0);
	chr_buf_init(&r->dec, 0);
	chr_buf_init(&r->conv, 0);
	chr_buf_init(&r->meta, 0);
	*out = r;
	return CHR_OK;
}

static chr_status queue_push(chr_reader *r, const chr_input_spec *spec)
{
	if (chr_grow(&r->queue, &r->aqueue, r->nqueue, sizeof *r->queue, 8) != CHR_OK)
		return CHR_ENOMEM;
	r->queue[r->nqueue++] = *spec;
	return CHR_OK;
}

chr_status chr_reader_add(chr_reader *r, const char *path)
{
	if (!r || !path)
		return CHR_EINVAL;
	chr_input_spec spec = {0};
	spec.path = strdup(path);
	if (!spec.path)
		return CHR_ENOMEM;
	chr_status st = queue_push(r, &spec);
	if (st != CHR_OK)
		free(spec.path);
	return st;
}

chr_status chr_reader_add_memory(chr_reader *r, const char *name, const void *data, size_t len)
{
	if (!r || !name)
		return CHR_EINVAL;
	chr_input_spec spec = {0};
	spec.path = strdup(name);
	if (!spec.path)
		return CHR_ENOMEM;
	spec.mem = data;
	spec.mem_len = len;
	spec.is_mem = 1;
	chr_status st = queue_push(r, &spec);
	if (st != CHR_OK)
		free(spec.path);
	return st;
}

/* ------------------------------------------------------------ reports -- */

static void report_v(chr_reader *r, const char *where, const char *fmt, va_list ap)
{
	r->problems++;
	if (r->in_open && ++r->in.reports > CHR_READ_MAX_REPORTS_PER_FILE)
		return;
	if (!r->opts.report)
		return;
	char msg[512];
	vsnprintf(msg, sizeof msg, fmt, ap);
	r->opts.report(r->opts.report_ctx, where, msg);
}

void chr_read_report(chr_reader *r, const char *where, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report_v(r, where ? where : r->in.name, fmt, ap);
	va_end(ap);
}

/* "NAME:LINE" or "NAME: record N": the place inside the current input. */
static void report_numbered(chr_reader *r, const char *separator, size_t n, const char *fmt, va_list ap)
{
	char where[4200];
	snprintf(where, sizeof where, "%s%s%zu", r->in.name, separator, n);
	report_v(r, where, fmt, ap);
}

void chr_read_report_line(chr_reader *r, size_t line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report_numbered(r, ":", line, fmt, ap);
	va_end(ap);
}

void chr_read_report_record(chr_reader *r, size_t record, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report_numbered(r, ": record ", record, fmt, ap);
	va_end(ap);
}

/* ---------------------------------------------------------- directory -- */

typedef struct dir_entry {
	char *path;
	char *key;    /* the name, plus '/' for a directory */
	int is_file;
} dir_entry;

static int entry_cmp(const void *a, const void *b)
{
	return strcmp(((const dir_entry *)a)->key, ((const dir_entry *)b)->key);
}

static chr_status stack_push(chr_reader *r, char *path, int is_file)
{
	if (chr_grow(&r->stack, &r->astack, r->nstack, sizeof *r->stack, 16) != CHR_OK)
		return CHR_ENOMEM;
	chr_input_spec spec = {0};
	spec.path = path;
	spec.from_walk = 1;
	spec.is_file = is_file;
	r->stack[r->nstack++] = spec;
	return CHR_OK;
}

/*
 * Whether a file met in a directory walk is, by its extension, something
 * other than an article: notes, tables, code, images, databases (the
 * corpus database may well live in the corpus folder).  A folder of scraped
 * pages often carries a README or an index.json beside them; reading those
 * as news put their text on the timeline.  Compressed names are judged by
 * the name inside (.md.gz).
 */
static int not_an_article(const char *name, size_t len)
{
	static const char *const skip[] = {
		"md", "markdown", "rst", "json", "csv", "tsv", "yml", "yaml", "toml", "ini", "cfg",
		"py", "c", "h", "sh", "js", "css", "png", "jpg", "jpeg", "gif", "svg", "webp", "ico",
		"pdf", "db", "sqlite", "sqlite3", "db-wal", "db-shm", "db-journal", "log",
	};
	for (int pass = 0; pass < 2; pass++) {
		const char *dot = NULL;
		for (size_t i = len; i > 0; i--)
			if (name[i - 1] == '.') {
				dot = name + i - 1;
				break;
			}
		if (!dot || dot == name)
			return 0;
		size_t elen = len - (size_t)(dot + 1 - name);
		if (pass == 0 && ((elen == 2 && !strncasecmp(dot + 1, "gz", 2)) ||
				  (elen == 3 && !strncasecmp(dot + 1, "zst", 3)))) {
			len = (size_t)(dot - name);
			continue;
		}
		for (size_t k = 0; k < sizeof skip / sizeof skip[0]; k++)
			if (strlen(skip[k]) == elen && !strncasecmp(dot + 1, skip[k], elen))
				return 1;
		return 0;
	}
	return 0;
}

/* Pushes the directory's visible entries so that they pop in sorted order. */
static chr_status expand_dir(chr_reader *r, const char *path)
{
	chr_status st = CHR_OK;
	dir_entry *ents = NULL;
	size_t n = 0, alloc = 0;
	DIR *d = opendir(path);
	if (!d) {
		chr_read_report(r, path, "%s", strerror(errno));
		return CHR_OK;
	}
	size_t plen = strlen(path);
	int slash = plen > 0 && path[plen - 1] == '/';
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		size_t nlen = strlen(de->d_name);
		/* Directories are named without extensions as a rule; a file's
		 * kind is checked once it is known to be a file, below. */
		int skip_if_file = not_an_article(de->d_name, nlen);
		char *full = chr_malloc(plen + nlen + 2);
		if (!full) {
			st = CHR_ENOMEM;
			goto done;
		}
		memcpy(full, path, plen);
		if (!slash)
			full[plen] = '/';
		memcpy(full + plen + !slash, de->d_name, nlen + 1);
		int is_dir = 0, known = 0;
#ifdef _DIRENT_HAVE_D_TYPE
		/* The entry's type from the directory itself spares an lstat
		 * per file; links and unknown types are looked at below. */
		if (de->d_type == DT_REG || de->d_type == DT_DIR) {
			is_dir = de->d_type == DT_DIR;
			known = 1;
		} else if (de->d_type != DT_LNK && de->d_type != DT_UNKNOWN) {
			free(full);
			continue;   /* a FIFO, socket or device */
		}
#endif
		if (!known) {
			struct stat sb;
			if (lstat(full, &sb) != 0) {
				chr_read_report(r, full, "%s", strerror(errno));
				free(full);
				continue;
			}
			if (S_ISLNK(sb.st_mode) && (stat(full, &sb) != 0 || !S_ISREG(sb.st_mode))) {
				free(full);
				continue;
			}
			if (S_ISDIR(sb.st_mode))
				is_dir = 1;
			else if (!S_ISREG(sb.st_mode)) {
				free(full);
				continue;
			}
		}
		if (!is_dir && skip_if_file) {
			free(full);
			continue;
		}
		char *key = chr_malloc(nlen + 2);
		if (!key) {
			free(full);
			st = CHR_ENOMEM;
			goto done;
		}
		memcpy(key, de->d_name, nlen);
		key[nlen] = is_dir ? '/' : '\0';
		key[nlen + 1] = '\0';
		if (chr_grow(&ents, &alloc, n, sizeof *ents, 32) != CHR_OK) {
			free(full);
			free(key);
			st = CHR_ENOMEM;
			goto done;
		}
		ents[n].path = full;
		ents[n].key = key;
		ents[n].is_file = !is_dir;
		n++;
	}
	if (n)
		qsort(ents, n, sizeof *ents, entry_cmp);
	while (n > 0) {
		n--;
		free(ents[n].key);
		if ((st = stack_push(r, ents[n].path, ents[n].is_file)) != CHR_OK) {
			free(ents[n].path);
			goto done;
		}
	}
done:
	for (size_t i = 0; i < n; i++) {
		free(ents[i].path);
		free(ents[i].key);
	}
	free(ents);
	closedir(d);
	return st;
}

/* -------------------------------------------------------------- inputs -- */

static void close_input(chr_reader *r)
{
	if (!r->in_open)
		return;
	if (r->in.reports > CHR_READ_MAX_REPORTS_PER_FILE && r->opts.report) {
		char msg[96];
		snprintf(msg, sizeof msg, "%zu more problems in this file not shown",
			 r->in.reports - CHR_READ_MAX_REPORTS_PER_FILE);
		r->opts.report(r->opts.report_ctx, r->in.name, msg);
	}
	/* What cut the stream short is always shown, past the per-file cap. */
	const char *err = chr_stream_error(r->in.stream);
	if (err) {
		r->problems++;
		if (r->opts.report)
			r->opts.report(r->opts.report_ctx, r->in.name, err);
	}
	chr_stream_retire(r->in.stream, &r->spare);
	free(r->in.name);
	free(r->in.stem);
	memset(&r->in, 0, sizeof r->in);
	r->in_open = 0;
}

static int take_spec(chr_reader *r, chr_input_spec *spec)
{
	if (r->nstack) {
		*spec = r->stack[--r->nstack];
		return 1;
	}
	if (r->qnext < r->nqueue) {
		*spec = r->queue[r->qnext];
		r->queue[r->qnext++].path = NULL;
		return 1;
	}
	return 0;
}

/* Opens spec as the current input; CHR_DONE when it was skipped instead. */
static chr_status open_spec(chr_reader *r, chr_input_spec *spec)
{
	chr_status st = CHR_OK;
	int fd = -1;
	int is_stdin = !spec->is_mem && strcmp(spec->path, "-") == 0;
	off_t file_size = -1;
	if (!spec->is_mem && !is_stdin && spec->is_file) {
		/* A regular file found by the walk: open, then fstat for its
		 * size (no lookup of the path a second time). */
		struct stat sb;
		fd = open(spec->path, O_RDONLY | O_CLOEXEC);
		if (fd < 0 || fstat(fd, &sb) != 0) {
			chr_read_report(r, spec->path, "%s", strerror(errno));
			if (fd >= 0)
				close(fd);
			return CHR_DONE;
		}
		if (S_ISREG(sb.st_mode))
			file_size = sb.st_size;
	} else if (!spec->is_mem && !is_stdin) {
		struct stat sb;
		if (stat(spec->path, &sb) != 0) {
			chr_read_report(r, spec->path, "%s", strerror(errno));
			return CHR_DONE;
		}
		if (S_ISDIR(sb.st_mode))
			return expand_dir(r, spec->path) == CHR_ENOMEM ? CHR_ENOMEM : CHR_DONE;
		fd = open(spec->path, O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			chr_read_report(r, spec->path, "%s", strerror(errno));
			return CHR_DONE;
		}
		if (S_ISREG(sb.st_mode))
			file_size = sb.st_size;
	}
	memset(&r->in, 0, sizeof r->in);
	r->in.name = strdup(is_stdin ? "<stdin>" : spec->path);
	r->in.stem = is_stdin ? strdup("stdin") : chr_read_stem(spec->path);
	if (!r->in.name || !r->in.stem) {
		st = CHR_ENOMEM;
		goto fail;
	}
	if (spec->is_mem)
		st = chr_stream_open_mem(&r->in.stream, spec->mem, spec->mem_len);
	else
		st = chr_stream_open_fd_reuse(&r->in.stream, &r->spare, is_stdin ? 0 : fd, !is_stdin);
	fd = -1;
	if (st != CHR_OK)
		goto fail;
	r->in_open = 1;
	if (file_size >= 0)
		chr_stream_set_size(r->in.stream, (unsigned long long)file_size);

	const char *p;
	size_t n = chr_stream_peek(r->in.stream, SNIFF_BYTES, &p);
	if (chr_stream_nomem(r->in.stream)) {
		st = CHR_ENOMEM;
		goto fail;
	}
	if (n == 0) {
		if (!chr_stream_error(r->in.stream))
			chr_read_report(r, NULL, "empty file");
		close_input(r);
		return CHR_DONE;
	}
	int known = 0;
	r->in.kind = chr_detect_by_name(r->in.name, &known);
	if (!known)
		r->in.kind = chr_detect_by_content(p, n);
	if (r->in.kind == CHR_KIND_TEXT || r->in.kind == CHR_KIND_HTML) {
		if (chr_detect_binary(p, n < BINARY_SNIFF_BYTES ? n : BINARY_SNIFF_BYTES)) {
			chr_read_report(r, NULL, "binary file, skipped");
			close_input(r);
			return CHR_DONE;
		}
		/* An uncompressed file's size tells at once that it is too big. */
		if (file_size >= 0 && !chr_stream_codec(r->in.stream) &&
		    (unsigned long long)file_size > (unsigned long long)r->max_doc) {
			chr_read_report(r, NULL, "document larger than %zu bytes, skipped", r->max_doc);
			close_input(r);
			return CHR_DONE;
		}
	}
	return CHR_OK;
fail:
	if (fd >= 0)
		close(fd);
	if (r->in_open) {
		close_input(r);
	} else {
		free(r->in.name);
		free(r->in.stem);
		memset(&r->in, 0, sizeof r->in);
	}
	return st;
}

/* Buffers grown for one big document are released before the next, so
 * that a rare 60 MB page does not keep its memory for the rest of a run. */
#define KEEP_BUF_BYTES ((size_t)16 << 20)

static void trim(chr_buf *b)
{
	if (b->alloc > KEEP_BUF_BYTES) {
		size_t cap = b->cap;
		chr_buf_free(b);
		chr_buf_init(b, cap);
	}
}

chr_status chr_reader_next(chr_reader *r, const chr_raw_doc **out)
{
	chr_status st = CHR_DONE;
	if (!r || !out)
		return CHR_EINVAL;
	*out = NULL;
	chr_buf *bufs[] = {&r->line, &r->rec, &r->tmp, &r->dec, &r->conv, &r->body, &r->meta};
	for (size_t i = 0; i < sizeof bufs / sizeof *bufs; i++)
		trim(bufs[i]);
	for (;;) {
		if (!r->in_open) {
			chr_input_spec spec;
			if (!take_spec(r, &spec)) {
				st = CHR_DONE;
				goto done;
			}
			st = open_spec(r, &spec);
			free(spec.path);
			if (st == CHR_DONE)
				continue;
			if (st != CHR_OK)
				goto done;
		}
		switch (r->in.kind) {
		case CHR_KIND_JSONL: st = chr_read_jsonl_next(r); break;
		case CHR_KIND_WARC: st = chr_read_warc_next(r); break;
		default: st = chr_read_plain_next(r); break;
		}
		if (st == CHR_OK && chr_stream_nomem(r->in.stream))
			st = CHR_ENOMEM;
		if (st == CHR_OK) {
			r->docs++;
			*out = &r->raw;
			goto done;
		}
		if (st != CHR_DONE)
			goto done;
		if (chr_stream_nomem(r->in.stream)) {
			st = CHR_ENOMEM;
			goto done;
		}
		close_input(r);
	}
done:
	return st;
}

size_t chr_reader_docs(const chr_reader *r) { return r ? r->docs : 0; }
size_t chr_reader_problems(const chr_reader *r) { return r ? r->problems : 0; }
size_t chr_reader_skipped_records(const chr_reader *r) { return r ? r->skipped : 0; }

void chr_reader_free(chr_reader *r)
{
	if (!r)
		return;
	close_input(r);
	chr_stream_free(r->spare);
	for (size_t i = r->qnext; i < r->nqueue; i++)
		free(r->queue[i].path);
	for (size_t i = 0; i < r->nstack; i++)
		free(r->stack[i].path);
	free(r->queue);
	free(r->stack);
	chr_buf_free(&r->line);
	chr_buf_free(&r->rec);
	chr_buf_free(&r->tmp);
	chr_buf_free(&r->body);
	chr_buf_free(&r->dec);
	chr_buf_free(&r->conv);
	chr_buf_free(&r->meta);
	free(r);
}
