/*
 * stream.h - a buffered byte stream over a file descriptor or memory, with
 * gzip and zstd decoded on the fly.
 *
 * Compression is recognised by magic bytes (never by the file name), so a
 * .gz without its extension, or stdin, is decoded too.  Concatenated gzip
 * members and zstd frames are read one after another.
 *
 * Errors in the input (a read error, corrupt or truncated compressed data)
 * are not returned by the reading calls: the stream behaves as if it ended
 * there and chr_stream_error() says what happened, so a caller can keep
 * what was complete and report the problem once.  Only running out of
 * memory is returned (CHR_ENOMEM).
 *
 * Memory: one decoded buffer of CHR_STREAM_BUF bytes plus the decoder's
 * state, whatever the size of the input.  The stream owns nothing the caller
 * passes in except a file descriptor opened with close_fd set.
 */
#ifndef CHR_READ_STREAM_H
#define CHR_READ_STREAM_H

#include <stddef.h>

#include "chronicle.h"
#include "util/buf.h"

#define CHR_STREAM_BUF (256u * 1024u)

typedef struct chr_stream chr_stream;

/* A stream reading fd; closes it in chr_stream_free if close_fd is set. */
chr_status chr_stream_open_fd(chr_stream **out, int fd, int close_fd);

/* A stream over data[0..len), which must outlive the stream. */
chr_status chr_stream_open_mem(chr_stream **out, const void *data, size_t len);

void chr_stream_free(chr_stream *s);

/*
 * For readers of many small files: chr_stream_retire ends s (closes its
 * descriptor, drops its decoder) and parks an fd stream's buffers in
 * *spare when that is empty (else frees s); chr_stream_open_fd_reuse is
 * chr_stream_open_fd that takes *spare's buffers when there are some.
 * A fresh 320 KB of buffers per file cost a malloc, a free and a heap
 * consolidation each.  Free what is left in *spare with chr_stream_free.
 */
void chr_stream_retire(chr_stream *s, chr_stream **spare);
chr_status chr_stream_open_fd_reuse(chr_stream **out, chr_stream **spare, int fd, int close_fd);

/*
 * Tells an fd stream that its file holds `size` bytes (fstat of a regular
 * file), so it stops after reading them instead of asking read() once
 * more for the end: one system call less per file, which counts when a
 * folder holds tens of thousands of small articles.  Bytes appended
 * after the fstat are read only as far as the read() that reaches
 * `size` happens to take them.
 */
void chr_stream_set_size(chr_stream *s, unsigned long long size);

/*
 * Makes up to `want` (at most CHR_STREAM_BUF) decoded bytes available
 * without consuming them; *p points at them until the next call on the
 * stream.  Returns how many are available: fewer than `want` only at the end.
 */
size_t chr_stream_peek(chr_stream *s, size_t want, const char **p);

/*
 * Reads one line and appends it, without its '\n', to `line`, keeping at
 * most `max` bytes in `line`: the rest of a longer line is consumed and
 * dropped, and *oversize is set.  *newline says whether the line ended with
 * '\n' (not at the end of the input).  Returns CHR_OK, CHR_DONE when the
 * input is exhausted before any byte, or CHR_ENOMEM.
 */
chr_status chr_stream_read_line(chr_stream *s, chr_buf *line, size_t max, int *oversize,
				int *newline);

/* Appends up to n bytes to out; *got receives the count, short only at the end. */
chr_status chr_stream_read(chr_stream *s, chr_buf *out, size_t n, size_t *got);

/* Consumes up to n bytes without keeping them; returns how many. */
size_t chr_stream_skip(chr_stream *s, size_t n);

/* Puts data[0..len) back in front of the unread bytes (a copy is made). */
chr_status chr_stream_unread(chr_stream *s, const char *data, size_t len);

/* NULL, or what stopped the stream early ("truncated gzip data", ...). */
const char *chr_stream_error(const chr_stream *s);

/* True once the decoder ran out of memory (the stream then looks ended). */
int chr_stream_nomem(const chr_stream *s);

/* "gzip", "zstd" or NULL: the compression recognised. */
const char *chr_stream_codec(const chr_stream *s);

#endif
