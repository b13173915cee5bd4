/*
 * buf.h - a growing byte buffer with a size cap.
 *
 * The contents are always NUL-terminated once anything was appended.
 * Appends past `cap` fail with CHR_ELIMIT and leave the buffer unchanged,
 * so one oversized input cannot take all memory.  chr_buf_take hands the
 * storage to the caller (free it with free()).
 */
#ifndef CHR_UTIL_BUF_H
#define CHR_UTIL_BUF_H

#include <stddef.h>

#include "chronicle.h"

typedef struct chr_buf {
	char *data;
	size_t len;
	size_t alloc;
	size_t cap;    /* 0 = no cap */
} chr_buf;

void chr_buf_init(chr_buf *b, size_t cap);
chr_status chr_buf_reserve(chr_buf *b, size_t extra);
chr_status chr_buf_append(chr_buf *b, const void *data, size_t len);
chr_status chr_buf_putc(chr_buf *b, char c);
chr_status chr_buf_puts(chr_buf *b, const char *s);
chr_status chr_buf_printf(chr_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void chr_buf_clear(chr_buf *b);                /* length 0, storage kept */
char *chr_buf_take(chr_buf *b, size_t *len);   /* caller frees; buffer emptied */
void chr_buf_free(chr_buf *b);

#endif
