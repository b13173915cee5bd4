/*
 * stream.c - read stage, bottom layer: bytes from a file descriptor or from
 * memory, gzip/zstd decoded on the fly, served from one fixed buffer so
 * that the formats above (plain, JSON Lines, WARC) never hold a whole file.
 */
#include "read/stream.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>
#include <zstd.h>
#include <zstd_errors.h>

#include "util/fault.h"

/* Raw (compressed) bytes are read in blocks of this size. */
#define RAW_BUF (64u * 1024u)

enum codec { CODEC_UNKNOWN = 0, CODEC_NONE, CODEC_GZIP, CODEC_ZSTD };

struct chr_stream {
	int fd;
	int close_fd;
	const unsigned char *mem;   /* memory input, or NULL */
	size_t mem_len;

	/* Raw input: for memory it points into mem, else at raw_store. */
	const unsigned char *in;
	unsigned char *raw_store;
	size_t in_pos, in_end;
	int raw_eof;
	int sized;                  /* the file's size is known (chr_stream_set_size) */
	unsigned long long left;    /* then: bytes not read yet */

	enum codec codec;
	z_stream z;
	int z_ready;
	int member_done;            /* a gzip member ended; another may follow */
	ZSTD_DCtx *zd;
	size_t zret;                /* ZSTD_decompressStream's last hint; 0 = frame done */

	/* Decoded bytes buf[pos..end). */
	char *buf;
	size_t cap, pos, end;
	int eof;

	int nomem;
	char err[128];
};

static void set_error(chr_stream *s, const char *msg, const char *detail)
{
	if (!s->err[0]) {
		if (detail)
			snprintf(s->err, sizeof s->err, "%s: %s", msg, detail);
		else
			snprintf(s->err, sizeof s->err, "%s", msg);
	}
	s->raw_eof = 1;
	s->in_pos = s->in_end;
}

static chr_status stream_new(chr_stream **out)
{
	chr_stream *s = chr_calloc(1, sizeof *s);
	if (!s)
		return CHR_ENOMEM;
	s->fd = -1;
	s->buf = chr_malloc(CHR_STREAM_BUF);
	if (!s->buf) {
		free(s);
		return CHR_ENOMEM;
	}
	s->cap = CHR_STREAM_BUF;
	*out = s;
	return CHR_OK;
}

chr_status chr_stream_open_fd(chr_stream **out, int fd, int close_fd)
{
	chr_stream *s = NULL;
	chr_status st = stream_new(&s);
	if (st != CHR_OK)
		goto fail;
	s->raw_store = chr_malloc(RAW_BUF);
	if (!s->raw_store) {
		st = CHR_ENOMEM;
		goto fail;
	}
	s->in = s->raw_store;
	s->fd = fd;
	s->close_fd = close_fd;
	*out = s;
	return CHR_OK;
fail:
	chr_stream_free(s);
	if (close_fd)
		close(fd);
	return st;
}

/* Closes the input and the decoders, keeping the buffers. */
static void stream_end(chr_stream *s)
{
	if (s->z_ready)
		inflateEnd(&s->z);
	s->z_ready = 0;
	ZSTD_freeDCtx(s->zd);
	s->zd = NULL;
	if (s->close_fd && s->fd >= 0)
		close(s->fd);
	s->fd = -1;
}

void chr_stream_retire(chr_stream *s, chr_stream **spare)
{
	if (!s)
		return;
	/* Only an fd stream whose buffer is back at its normal size is kept. */
	if (*spare || s->mem || !s->raw_store || s->cap != CHR_STREAM_BUF) {
		chr_stream_free(s);
		return;
	}
	stream_end(s);
	*spare = s;
}

chr_status chr_stream_open_fd_reuse(chr_stream **out, chr_stream **spare, int fd, int close_fd)
{
	chr_stream *s = *spare;
	if (!s)
		return chr_stream_open_fd(out, fd, close_fd);
	*spare = NULL;
	/* Everything as stream_new and chr_stream_open_fd leave it, but for
	 * the buffers. */
	char *buf = s->buf;
	unsigned char *raw = s->raw_store;
	memset(s, 0, sizeof *s);
	s->buf = buf;
	s->cap = CHR_STREAM_BUF;
	s->raw_store = raw;
	s->in = raw;
	s->fd = fd;
	s->close_fd = close_fd;
	*out = s;
	return CHR_OK;
}

chr_status chr_stream_open_mem(chr_stream **out, const void *data, size_t len)
{
	chr_stream *s = NULL;
	chr_status st = stream_new(&s);
	if (st != CHR_OK)
		return st;
	s->mem = data ? data : (const void *)"";
	s->mem_len = len;
	s->in = s->mem;
	s->in_end = len;
	s->raw_eof = 1;
	*out = s;
	return CHR_OK;
}

void chr_stream_free(chr_stream *s)
{
	if (!s)
		return;
	if (s->z_ready)
		inflateEnd(&s->z);
	ZSTD_freeDCtx(s->zd);
	if (s->close_fd && s->fd >= 0)
		close(s->fd);
	free(s->raw_store);
	free(s->buf);
	free(s);
}

void chr_stream_set_size(chr_stream *s, unsigned long long size)
{
	if (s->mem)
		return;
	s->sized = 1;
	s->left = size;
	if (size == 0)
		s->raw_eof = 1;
}

/* Counts n bytes read from a sized file; the end is reached without a
 * read() that returns 0. */
static void count_read(chr_stream *s, size_t n)
{
	if (!s->sized)
		return;
	if (n >= s->left) {
		s->left = 0;
		s->raw_eof = 1;
	} else {
		s->left -= n;
	}
}

/* Reads more raw bytes into raw_store (fd input only). */
static void raw_fill(chr_stream *s)
{
	if (s->raw_eof)
		return;
	if (s->in_pos == s->in_end) {
		s->in_pos = s->in_end = 0;
	} else if (s->in_pos > 0) {
		memmove(s->raw_store, s->raw_store + s->in_pos, s->in_end - s->in_pos);
		s->in_end -= s->in_pos;
		s->in_pos = 0;
	}
	if (s->in_end == RAW_BUF)
		return;
	ssize_t n;
	do
		n = read(s->fd, s->raw_store + s->in_end, RAW_BUF - s->in_end);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		set_error(s, "read error", strerror(errno));
	else if (n == 0)
		s->raw_eof = 1;
	else {
		s->in_end += (size_t)n;
		count_read(s, (size_t)n);
	}
}

/* Looks at the first raw bytes and sets up the decoder they call for. */
static void detect_codec(chr_stream *s)
{
	while (s->in_end - s->in_pos < 4 && !s->raw_eof)
		raw_fill(s);
	const unsigned char *p = s->in + s->in_pos;
	size_t n = s->in_end - s->in_pos;
	s->codec = CODEC_NONE;
	if (n >= 2 && p[0] == 0x1f && p[1] == 0x8b) {
		memset(&s->z, 0, sizeof s->z);
		int rc = inflateInit2(&s->z, 15 + 16);
		if (rc == Z_MEM_ERROR) {
			s->nomem = 1;
			set_error(s, "out of memory", NULL);
			return;
		}
		s->z_ready = rc == Z_OK;
		s->codec = CODEC_GZIP;
	} else if (n >= 4 && ((p[0] == 0x28 && p[1] == 0xb5 && p[2] == 0x2f && p[3] == 0xfd) ||
			      ((p[0] & 0xf0) == 0x50 && p[1] == 0x2a && p[2] == 0x4d && p[3] == 0x18))) {
		/* A zstd frame, or a zstd skippable frame (0x184D2A5?). */
		s->zd = ZSTD_createDCtx();
		if (!s->zd) {
			s->nomem = 1;
			set_error(s, "out of memory", NULL);
			return;
		}
		s->codec = CODEC_ZSTD;
		s->zret = 1;
	}
}

/* One step of decoding into dst[0..room); returns bytes produced. */
static size_t gzip_step(chr_stream *s, char *dst, size_t room)
{
	size_t avail = s->in_end - s->in_pos;
	if (s->member_done) {
		if (avail == 0)
			return 0;
		if (s->in[s->in_pos] != 0x1f) {
			/* Like gzip -d: padding or garbage after the last member is
			 * ignored. */
			s->raw_eof = 1;
			s->in_pos = s->in_end;
			return 0;
		}
		inflateReset(&s->z);
		s->member_done = 0;
	}
	s->z.next_in = (unsigned char *)(s->in + s->in_pos);
	s->z.avail_in = (uInt)(avail > (1u << 30) ? (1u << 30) : avail);
	s->z.next_out = (unsigned char *)dst;
	s->z.avail_out = (uInt)(room > (1u << 30) ? (1u << 30) : room);
	uInt in0 = s->z.avail_in, out0 = s->z.avail_out;
	int rc = inflate(&s->z, Z_NO_FLUSH);
	size_t consumed = in0 - s->z.avail_in, produced = out0 - s->z.avail_out;
	s->in_pos += consumed;
	if (rc == Z_STREAM_END) {
		s->member_done = 1;
	} else if (rc == Z_MEM_ERROR) {
		s->nomem = 1;
		set_error(s, "out of memory", NULL);
	} else if (rc != Z_OK && rc != Z_BUF_ERROR) {
		set_error(s, "corrupt gzip data", s->z.msg ? s->z.msg : "bad stream");
	} else if (!consumed && !produced && s->in_pos == s->in_end && s->raw_eof) {
		set_error(s, "truncated gzip data", NULL);
	} else if (!consumed && !produced && s->in_pos < s->in_end) {
		set_error(s, "corrupt gzip data", "no progress");
	}
	return produced;
}

static size_t zstd_step(chr_stream *s, char *dst, size_t room)
{
	ZSTD_inBuffer ib = {s->in + s->in_pos, s->in_end - s->in_pos, 0};
	/* A finished frame with no input left: asking again would start
	 * waiting for a new frame. */
	if (ib.size == 0 && s->zret == 0)
		return 0;
	ZSTD_outBuffer ob = {dst, room, 0};
	size_t rc = ZSTD_decompressStream(s->zd, &ob, &ib);
	s->in_pos += ib.pos;
	if (ZSTD_isError(rc)) {
		if (ZSTD_getErrorCode(rc) == ZSTD_error_memory_allocation) {
			s->nomem = 1;
			set_error(s, "out of memory", NULL);
		} else {
			set_error(s, "corrupt zstd data", ZSTD_getErrorName(rc));
		}
		return ob.pos;
	}
	s->zret = rc;
	if (!ob.pos && !ib.pos && s->in_pos == s->in_end && s->raw_eof && s->zret != 0)
		set_error(s, "truncated zstd data", NULL);
	return ob.pos;
}

/* Decodes into dst[0..room), room > 0; returns 0 only at the end. */
static size_t decode(chr_stream *s, char *dst, size_t room)
{
	if (s->codec == CODEC_UNKNOWN)
		detect_codec(s);
	for (;;) {
		if (s->err[0])
			return 0;
		if (s->codec == CODEC_NONE) {
			size_t avail = s->in_end - s->in_pos;
			if (avail) {
				size_t n = avail < room ? avail : room;
				memcpy(dst, s->in + s->in_pos, n);
				s->in_pos += n;
				return n;
			}
			if (s->raw_eof)
				return 0;
			ssize_t n;
			do
				n = read(s->fd, dst, room);
			while (n < 0 && errno == EINTR);
			if (n < 0)
				set_error(s, "read error", strerror(errno));
			if (n <= 0) {
				s->raw_eof = 1;
				return 0;
			}
			count_read(s, (size_t)n);
			return (size_t)n;
		}
		if (s->in_pos == s->in_end && !s->raw_eof)
			raw_fill(s);
		size_t got = s->codec == CODEC_GZIP ? gzip_step(s, dst, room) : zstd_step(s, dst, room);
		if (got)
			return got;
		if (s->in_pos == s->in_end && s->raw_eof) {
			/* One more call lets the decoder flush what it still holds. */
			got = s->codec == CODEC_GZIP ? gzip_step(s, dst, room) : zstd_step(s, dst, room);
			if (got)
				return got;
			if (s->codec == CODEC_GZIP && !s->member_done && !s->err[0])
				set_error(s, "truncated gzip data", NULL);
			if (s->codec == CODEC_ZSTD && s->zret != 0 && !s->err[0])
				set_error(s, "truncated zstd data", NULL);
			return 0;
		}
	}
}

/* Makes at least `want` bytes available in buf[pos..end), or all that is left. */
static void fill(chr_stream *s, size_t want)
{
	if (s->end - s->pos >= want && want)
		return;
	/* Back to the normal size once what chr_stream_unread put back is read. */
	if (s->cap > CHR_STREAM_BUF && s->end - s->pos <= CHR_STREAM_BUF / 2) {
		char *nb = chr_malloc(CHR_STREAM_BUF);
		if (nb) {
			memcpy(nb, s->buf + s->pos, s->end - s->pos);
			free(s->buf);
			s->buf = nb;
			s->cap = CHR_STREAM_BUF;
			s->end -= s->pos;
			s->pos = 0;
		}
	}
	if (want > s->cap)
		want = s->cap;
	if (s->end - s->pos >= want)
		return;
	if (s->cap - s->pos < want || s->pos == s->end) {
		memmove(s->buf, s->buf + s->pos, s->end - s->pos);
		s->end -= s->pos;
		s->pos = 0;
	}
	while (s->end - s->pos < want && !s->eof) {
		size_t n = decode(s, s->buf + s->end, s->cap - s->end);
		if (n == 0)
			s->eof = 1;
		s->end += n;
	}
}

size_t chr_stream_peek(chr_stream *s, size_t want, const char **p)
{
	fill(s, want);
	*p = s->buf + s->pos;
	return s->end - s->pos < want ? s->end - s->pos : want;
}

chr_status chr_stream_read_line(chr_stream *s, chr_buf *line, size_t max, int *oversize,
				int *newline)
{
	int any = 0;
	*oversize = 0;
	*newline = 0;
	for (;;) {
		if (s->pos == s->end) {
			fill(s, 1);
			if (s->pos == s->end)
				break;
		}
		const char *start = s->buf + s->pos;
		size_t avail = s->end - s->pos;
		const char *nl = memchr(start, '\n', avail);
		size_t take = nl ? (size_t)(nl - start) : avail;
		any = 1;
		if (!*oversize) {
			size_t room = max > line->len ? max - line->len : 0;
			size_t keep = take < room ? take : room;
			chr_status st = keep ? chr_buf_append(line, start, keep) : CHR_OK;
			if (st == CHR_ENOMEM)
				return st;
			if (take > room || st != CHR_OK)
				*oversize = 1;   /* longer than max, or than the buffer's cap */
		}
		s->pos += take;
		if (nl) {
			s->pos++;
			*newline = 1;
			break;
		}
	}
	if (s->nomem)
		return CHR_ENOMEM;
	return any ? CHR_OK : CHR_DONE;
}

/* Moves up to n bytes past the read position, appending them to out
 * unless out is NULL (a skip). */
static chr_status consume(chr_stream *s, chr_buf *out, size_t n, size_t *got)
{
	chr_status st = CHR_OK;
	size_t done = 0;
	while (done < n) {
		if (s->pos == s->end) {
			fill(s, 1);
			if (s->pos == s->end)
				break;
		}
		size_t take = s->end - s->pos;
		if (take > n - done)
			take = n - done;
		if (out && (st = chr_buf_append(out, s->buf + s->pos, take)) != CHR_OK)
			break;
		s->pos += take;
		done += take;
	}
	*got = done;
	return st;
}

chr_status chr_stream_read(chr_stream *s, chr_buf *out, size_t n, size_t *got)
{
	chr_status st = CHR_OK;
	*got = 0;
	if (n && (st = chr_buf_reserve(out, n < s->cap ? n : s->cap)) != CHR_OK)
		return st;
	st = consume(s, out, n, got);
	if (st == CHR_OK && s->nomem)
		st = CHR_ENOMEM;
	return st;
}

size_t chr_stream_skip(chr_stream *s, size_t n)
{
	size_t done;
	consume(s, NULL, n, &done);
	return done;
}

chr_status chr_stream_unread(chr_stream *s, const char *data, size_t len)
{
	size_t rest = s->end - s->pos;
	if (len <= s->pos) {
		s->pos -= len;
		memmove(s->buf + s->pos, data, len);
		return CHR_OK;
	}
	/* The buffer grows past CHR_STREAM_BUF only to hold what was put back,
	 * which the caller already held in memory (one record at most). */
	size_t cap = len + rest > CHR_STREAM_BUF ? len + rest : CHR_STREAM_BUF;
	char *nb = chr_malloc(cap);
	if (!nb)
		return CHR_ENOMEM;
	memcpy(nb, data, len);
	memcpy(nb + len, s->buf + s->pos, rest);
	free(s->buf);
	s->buf = nb;
	s->cap = cap;
	s->pos = 0;
	s->end = len + rest;
	return CHR_OK;
}

const char *chr_stream_error(const chr_stream *s)
{
	return s->err[0] && !s->nomem ? s->err : NULL;
}

int chr_stream_nomem(const chr_stream *s) { return s->nomem; }

const char *chr_stream_codec(const chr_stream *s)
{
	return s->codec == CODEC_GZIP ? "gzip" : s->codec == CODEC_ZSTD ? "zstd" : NULL;
}
