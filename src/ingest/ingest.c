/*
 * ingest.c - the ingest pipeline: read -> (clean, analyze, fingerprint) in
 * worker threads -> one writer, in input order.
 *
 * The calling thread reads documents (or analysis lines) and stores the
 * finished ones; jobs.workers threads do everything in between.  A ring of
 * QUEUE_PER_WORKER * workers slots bounds the documents in flight, so memory
 * does not grow with the input.  The writer takes them strictly in input
 * order, which makes fusion (order-dependent by nature) reproducible.
 *
 * Workers have their own read-only connection: a document whose text is
 * already stored is recognised right after cleaning and never analysed,
 * which is what makes a second ingest of the same input cheap; and a new
 * one's band keys and paragraphs are looked up there among the committed
 * documents, which takes index reads off the writer (chr_write_lookup).
 *
 * The writer commits every `batch` documents (and at the end): a kill -9
 * loses at most the open batch, and the re-run stores it again.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/syscall.h>

#include "chronicle.h"
#include "ingest/docrec.h"
#include "ingest/write_doc.h"
#include "read/stream.h"
#include "util/buf.h"
#include "util/fault.h"

/* Deep enough that workers keep going while the writer commits a batch
 * (a few hundred milliseconds), small enough to stay a few megabytes. */
#define QUEUE_PER_WORKER 64
#define MAX_LINE (256u * 1024u * 1024u)

typedef struct job {
	/* input: a raw document (copied) or an analysis line */
	chr_raw_doc raw;
	char *strings;            /* one allocation behind raw's strings */
	char *line;
	size_t line_len;
	char where[256];          /* for reports: file:line */
	/* output */
	chr_docrec rec;
	chr_status st;
	int done;
} job;

typedef struct pipeline {
	const chr_ingest_opts *opts;
	const char *db_path;
	chr_store *writer;        /* only its txn_seq is read, atomically */
	job *ring;
	size_t cap;
	size_t read_seq;          /* jobs handed in */
	size_t claim_seq;         /* jobs taken by workers */
	int eof;
	int abort;
	pthread_mutex_t mu;
	pthread_cond_t work_cv, done_cv;
} pipeline;

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void report(const chr_ingest_opts *opts, const char *where, const char *msg)
{
	if (opts->report)
		opts->report(opts->report_ctx, where, msg);
}

/* ---- workers ---- */

/* The writer's transaction now: read before a worker's lookups, so that
 * they are known to have seen what was committed before it. */
static int64_t writer_seq(const pipeline *p)
{
	return __atomic_load_n(&p->writer->txn_seq, __ATOMIC_ACQUIRE);
}

static void work_raw(job *j, chr_store *reader, const pipeline *p)
{
	const chr_ingest_opts *opts = p->opts;
	chr_clean_opts copts = { .raw = opts->raw, .date = opts->date };
	chr_doc *doc = NULL;
	j->st = chr_doc_clean(&j->raw, &copts, &doc);
	if (j->st != CHR_OK) {
		if (j->st != CHR_ENOMEM) {
			j->rec.state = CHR_DOCREC_FAILED;
			snprintf(j->rec.error, sizeof j->rec.error, "clean: %s", chr_strerror(j->st));
			j->st = CHR_OK;
		}
		return;
	}
	j->rec.bytes = j->raw.body_len;
	size_t len = 0;
	const char *text = chr_doc_text(doc, &len);
	int words = 0;
	for (size_t i = 0; i < len && !words; i++)
		words = (unsigned char)text[i] > ' ';
	if (!words) {
		j->rec.state = CHR_DOCREC_EMPTY;
		goto out;
	}
	chr_text_identity(text, len, j->rec.identity);
	j->rec.identity_known = 1;   /* the analysis line carries this same text */
	if (reader && chr_store_has_identity(reader, j->rec.identity)) {
		j->rec.state = CHR_DOCREC_KNOWN;
		const char *outlet = chr_doc_outlet(doc);
		j->rec.known_name = strdup(chr_doc_id(doc));
		j->rec.known_source = strdup(chr_doc_source(doc));
		j->rec.known_outlet = outlet ? strdup(outlet) : NULL;
		if (!j->rec.known_name || !j->rec.known_source || (outlet && !j->rec.known_outlet))
			j->st = CHR_ENOMEM;
		goto out;
	}
	if ((j->st = chr_doc_analyze(doc)) != CHR_OK) {
		if (j->st != CHR_ENOMEM) {
			j->rec.state = CHR_DOCREC_FAILED;
			snprintf(j->rec.error, sizeof j->rec.error, "analyze: %s", chr_strerror(j->st));
			j->st = CHR_OK;
		}
		goto out;
	}
	j->st = chr_docrec_from_doc(&j->rec, doc);
	if (j->st == CHR_OK && reader)
		chr_write_lookup(reader, writer_seq(p), &j->rec);
out:
	chr_doc_free(doc);
}

static void work_line(job *j, chr_store *reader, const pipeline *p)
{
	j->rec.bytes = j->line_len;
	j->st = chr_docrec_parse(&j->rec, j->line, j->line_len);
	if (j->st == CHR_OK && j->rec.state == CHR_DOCREC_NEW && reader &&
	    chr_store_has_identity(reader, j->rec.identity))
		j->rec.state = CHR_DOCREC_KNOWN;
	if (j->st == CHR_OK && reader)
		chr_write_lookup(reader, writer_seq(p), &j->rec);
}

/* The writer is the pipeline's one serial stage: on a machine with as
 * many workers as cores, a worker that took its core from it idled every
 * other.  A higher nice value (Linux keeps one per thread) leaves the
 * workers what the writer does not use.  Unprivileged, so it cannot fail
 * in a way that matters; without it the pipeline is merely slower. */
#define WORKER_NICE_STEP 10

static void yield_to_writer(void)
{
#ifdef __linux__
	pid_t tid = (pid_t)syscall(SYS_gettid);
	errno = 0;
	int nice = getpriority(PRIO_PROCESS, (id_t)tid);
	if (errno == 0)
		setpriority(PRIO_PROCESS, (id_t)tid, nice + WORKER_NICE_STEP > 19 ? 19 : nice + WORKER_NICE_STEP);
#endif
}

static void *worker(void *arg)
{
	pipeline *p = arg;
	yield_to_writer();
	/* A read-only connection of its own; without one (the file is being
	 * created) every document is simply analysed. */
	chr_store *reader = NULL;
	if (chr_store_open(p->db_path, CHR_STORE_EXISTING, &reader, NULL, 0) == CHR_OK)
		chr_store_exec(reader, "PRAGMA cache_size=-8192");   /* index lookups only */
	for (;;) {
		pthread_mutex_lock(&p->mu);
		while (p->claim_seq == p->read_seq && !p->eof && !p->abort)
			pthread_cond_wait(&p->work_cv, &p->mu);
		if (p->abort || p->claim_seq == p->read_seq) {
			pthread_mutex_unlock(&p->mu);
			break;
		}
		job *j = &p->ring[p->claim_seq++ % p->cap];
		pthread_mutex_unlock(&p->mu);
		if (j->line)
			work_line(j, reader, p);
		else
			work_raw(j, reader, p);
		pthread_mutex_lock(&p->mu);
		j->done = 1;
		pthread_cond_broadcast(&p->done_cv);
		pthread_mutex_unlock(&p->mu);
	}
	chr_store_close(reader);
	return NULL;
}

/* ---- reading ---- */

/* Copies what the reader lends until its next call. */
static chr_status copy_raw(job *j, const chr_raw_doc *raw)
{
	const char *src[6] = { raw->id, raw->source, raw->date, raw->fallback_date, raw->title, raw->body };
	size_t lens[6], total = 0;
	for (int i = 0; i < 6; i++) {
		lens[i] = src[i] ? (i == 5 ? raw->body_len : strlen(src[i])) : 0;
		total += lens[i] + 1;
	}
	j->strings = chr_malloc(total);
	if (!j->strings)
		return CHR_ENOMEM;
	const char *dst[6];
	char *w = j->strings;
	for (int i = 0; i < 6; i++) {
		if (!src[i]) {
			dst[i] = NULL;
			continue;
		}
		memcpy(w, src[i], lens[i]);
		w[lens[i]] = '\0';
		dst[i] = w;
		w += lens[i] + 1;
	}
	j->raw = *raw;
	j->raw.id = dst[0] ? dst[0] : "";
	j->raw.source = dst[1] ? dst[1] : "";
	j->raw.date = dst[2];
	j->raw.fallback_date = dst[3];
	j->raw.title = dst[4];
	j->raw.body = dst[5] ? dst[5] : "";
	snprintf(j->where, sizeof j->where, "%s", j->raw.source);
	return CHR_OK;
}

typedef struct line_source {
	const char *const *inputs;
	size_t ninputs, next;
	chr_stream *stream;
	const char *name;
	size_t lineno;
	chr_buf line;
} line_source;

/* The next non-blank analysis line: CHR_OK with it in ls->line, CHR_DONE. */
static chr_status next_line(line_source *ls, const chr_ingest_opts *opts)
{
	for (;;) {
		if (!ls->stream) {
			if (ls->next == ls->ninputs)
				return CHR_DONE;
			ls->name = ls->inputs[ls->next++];
			struct stat sb;
			if (strcmp(ls->name, "-") != 0 && stat(ls->name, &sb) == 0 && S_ISDIR(sb.st_mode)) {
				report(opts, ls->name, "a directory: --from-analysis reads files of analysis lines or -");
				continue;
			}
			int fd = strcmp(ls->name, "-") == 0 ? 0 : open(ls->name, O_RDONLY | O_CLOEXEC);
			if (fd < 0) {
				char msg[160];
				snprintf(msg, sizeof msg, "cannot open: %s", strerror(errno));
				report(opts, ls->name, msg);
				continue;
			}
			chr_status s = chr_stream_open_fd(&ls->stream, fd, fd != 0);
			if (s != CHR_OK) {
				if (fd)
					close(fd);
				return s;
			}
			ls->lineno = 0;
		}
		chr_buf_clear(&ls->line);
		int oversize = 0, newline = 0;
		chr_status s = chr_stream_read_line(ls->stream, &ls->line, MAX_LINE, &oversize, &newline);
		if (s == CHR_DONE) {
			chr_stream_free(ls->stream);
			ls->stream = NULL;
			continue;
		}
		if (s != CHR_OK)
			return s;
		ls->lineno++;
		if (oversize) {
			char where[300];
			snprintf(where, sizeof where, "%s:%zu", ls->name, ls->lineno);
			report(opts, where, "line longer than 256 MB; skipped");
			continue;
		}
		size_t k = 0;
		while (k < ls->line.len && (ls->line.data[k] == ' ' || ls->line.data[k] == '\t' || ls->line.data[k] == '\r'))
			k++;
		if (k < ls->line.len)
			return CHR_OK;
	}
}

/* ---- the writer ---- */

static void job_clear(job *j)
{
	chr_docrec_clear(&j->rec);
	free(j->strings);
	free(j->line);
	memset(j, 0, sizeof *j);
}

static chr_status write_job(chr_store *store, job *j, const chr_ingest_opts *opts, const chr_near_opts *near,
			    chr_ingest_stats *stats, size_t *in_batch)
{
	stats->bytes += j->rec.bytes ? j->rec.bytes : j->raw.body_len + j->line_len;
	if (j->st != CHR_OK)
		return j->st;
	switch (j->rec.state) {
	case CHR_DOCREC_FAILED:
		stats->failed++;
		report(opts, j->where, j->rec.error);
		return CHR_OK;
	case CHR_DOCREC_EMPTY:
		stats->empty++;
		return CHR_OK;
	default:
		break;
	}
	chr_status s = store->in_txn ? CHR_OK : chr_write_batch_begin(store);
	if (s != CHR_OK)
		return s;
	chr_write_outcome outcome;
	if ((s = chr_write_doc(store, &j->rec, near, &outcome)) != CHR_OK)
		return s;
	if (outcome == CHR_WRITE_KNOWN) {
		stats->known++;
	} else {
		stats->added++;
		stats->near_dups += outcome == CHR_WRITE_NEAR;
	}
	if (++*in_batch >= (opts->batch ? opts->batch : CHR_INGEST_BATCH)) {
		*in_batch = 0;
		return chr_write_batch_commit(store);
	}
	return CHR_OK;
}

static unsigned default_jobs(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 64 ? 64 : (unsigned)n;
}

chr_status chr_ingest(chr_store *store, const char *const *inputs, size_t ninputs, const chr_ingest_opts *opts,
		      chr_ingest_stats *stats)
{
	memset(stats, 0, sizeof *stats);
	chr_near_opts near = { opts->near_threshold > 0 ? opts->near_threshold : 0.70,
			       opts->syndication_threshold > 0 ? opts->syndication_threshold : 0.50 };
	unsigned workers = opts->jobs ? opts->jobs : default_jobs();
	double t0 = now(), last_progress = t0;
	pipeline p = { .opts = opts, .db_path = sqlite3_db_filename(store->db, "main"), .writer = store };
	/* Another ingest on the file holds the lock for a whole batch, which
	 * can outlast the busy timeout: this one waits its turn. */
	store->patient = 1;
	p.cap = (size_t)workers * QUEUE_PER_WORKER;
	p.ring = chr_calloc(p.cap, sizeof *p.ring);
	pthread_t *threads = chr_calloc(workers, sizeof *threads);
	chr_reader *reader = NULL;
	line_source ls = { .inputs = inputs, .ninputs = ninputs };
	chr_buf_init(&ls.line, 0);
	size_t started = 0, written = 0, in_batch = 0;
	chr_status st = CHR_OK;
	if (!p.ring || !threads) {
		free(p.ring);
		free(threads);
		return CHR_ENOMEM;
	}
	pthread_mutex_init(&p.mu, NULL);
	pthread_cond_init(&p.work_cv, NULL);
	pthread_cond_init(&p.done_cv, NULL);
	if (!opts->from_analysis) {
		chr_read_opts ropts = { .report = opts->report, .report_ctx = opts->report_ctx };
		st = chr_reader_new(&reader, &ropts);
		for (size_t i = 0; st == CHR_OK && i < ninputs; i++)
			st = chr_reader_add(reader, inputs[i]);
	}
	for (unsigned w = 0; st == CHR_OK && w < workers; w++) {
		if (pthread_create(&threads[w], NULL, worker, &p) != 0) {
			st = CHR_ENOMEM;
			break;
		}
		started++;
	}
	int eof = 0;
	double waited = 0, storing = 0;   /* the writer's seconds, for CHRONICLE_SQL_PROFILE */
	while (st == CHR_OK) {
		/* Fill the ring. */
		while (!eof && p.read_seq - written < p.cap) {
			job *j = &p.ring[p.read_seq % p.cap];
			chr_status r;
			if (opts->from_analysis) {
				r = next_line(&ls, opts);
				if (r == CHR_OK) {
					j->line = chr_buf_take(&ls.line, &j->line_len);
					snprintf(j->where, sizeof j->where, "%s:%zu", ls.name, ls.lineno);
					if (!j->line)
						r = CHR_ENOMEM;
				}
			} else {
				const chr_raw_doc *raw = NULL;
				r = chr_reader_next(reader, &raw);
				if (r == CHR_OK)
					r = copy_raw(j, raw);
			}
			if (r == CHR_DONE) {
				eof = 1;
				break;
			}
			if (r != CHR_OK) {
				st = r;
				break;
			}
			stats->read++;
			pthread_mutex_lock(&p.mu);
			p.read_seq++;
			pthread_cond_signal(&p.work_cv);
			pthread_mutex_unlock(&p.mu);
		}
		if (eof) {
			pthread_mutex_lock(&p.mu);
			p.eof = 1;
			pthread_cond_broadcast(&p.work_cv);
			pthread_mutex_unlock(&p.mu);
		}
		if (st != CHR_OK || written == p.read_seq)
			break;
		/* Store the oldest job once it is done. */
		job *j = &p.ring[written % p.cap];
		double wait_from = now();
		pthread_mutex_lock(&p.mu);
		int ready = j->done;
		pthread_mutex_unlock(&p.mu);
		/* Idle time is the writer's to spend on the full-text index. */
		if (!ready && (st = chr_write_fts_idle(store)) != CHR_OK)
			break;
		pthread_mutex_lock(&p.mu);
		while (!j->done)
			pthread_cond_wait(&p.done_cv, &p.mu);
		pthread_mutex_unlock(&p.mu);
		double store_from = now();
		st = write_job(store, j, opts, &near, stats, &in_batch);
		double t = now();
		waited += store_from - wait_from;
		storing += t - store_from;
		job_clear(j);
		written++;
		if (opts->progress && t - last_progress >= 0.5) {
			stats->seconds = t - t0;
			opts->progress(opts->progress_ctx, stats, 0);
			last_progress = t;
		}
	}
	double commit_from = now();
	if (st == CHR_OK)
		st = chr_write_batch_commit(store);
	else
		chr_store_rollback(store);
	if (store->profile)
		fprintf(stderr, "ingest: the writer stored for %.2f s (commits included), waited for analysis %.2f s"
			" (full-text indexing meanwhile included), and took %.2f s for the last commit\n",
			storing, waited, now() - commit_from);
	pthread_mutex_lock(&p.mu);
	p.abort = st != CHR_OK;
	p.eof = 1;
	pthread_cond_broadcast(&p.work_cv);
	pthread_mutex_unlock(&p.mu);
	for (size_t w = 0; w < started; w++)
		pthread_join(threads[w], NULL);
	for (size_t i = 0; i < p.cap; i++)
		job_clear(&p.ring[i]);
	free(p.ring);
	free(threads);
	chr_reader_free(reader);
	if (ls.stream)
		chr_stream_free(ls.stream);
	chr_buf_free(&ls.line);
	pthread_mutex_destroy(&p.mu);
	pthread_cond_destroy(&p.work_cv);
	pthread_cond_destroy(&p.done_cv);
	stats->seconds = now() - t0;
	if (opts->progress)
		opts->progress(opts->progress_ctx, stats, 1);
	return st;
}
