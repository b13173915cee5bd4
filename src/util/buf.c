/*
 * buf.c - growing byte buffers (see buf.h).
 */
#include "util/buf.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/fault.h"

void chr_buf_init(chr_buf *b, size_t cap)
{
	b->data = NULL;
	b->len = 0;
	b->alloc = 0;
	b->cap = cap;
}

chr_status chr_buf_reserve(chr_buf *b, size_t extra)
{
	if (extra > SIZE_MAX - b->len - 1)
		return CHR_ELIMIT;
	size_t need = b->len + extra + 1;
	if (b->cap && need > b->cap + 1)
		return CHR_ELIMIT;
	if (need <= b->alloc)
		return CHR_OK;
	size_t alloc = b->alloc ? b->alloc : 256;
	while (alloc < need)
		alloc = alloc > SIZE_MAX / 2 ? need : alloc * 2;
	if (b->cap && alloc > b->cap + 1)
		alloc = b->cap + 1;
	char *p = chr_realloc(b->data, alloc);
	if (!p)
		return CHR_ENOMEM;
	b->data = p;
	b->alloc = alloc;
	return CHR_OK;
}

chr_status chr_buf_append(chr_buf *b, const void *data, size_t len)
{
	/* The JSON writer appends a few bytes at a time: when they fit (and an
	 * allocation never exceeds the cap) there is nothing to check. */
	if (len >= b->alloc || b->len + len >= b->alloc) {
		chr_status st = chr_buf_reserve(b, len);
		if (st != CHR_OK)
			return st;
	}
	if (len)
		memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
	return CHR_OK;
}

chr_status chr_buf_putc(chr_buf *b, char c)
{
	if (b->len + 1 >= b->alloc)
		return chr_buf_append(b, &c, 1);
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
	return CHR_OK;
}

chr_status chr_buf_puts(chr_buf *b, const char *s)
{
	return chr_buf_append(b, s, strlen(s));
}

chr_status chr_buf_printf(chr_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return CHR_EINVAL;
	chr_status st = chr_buf_reserve(b, (size_t)n);
	if (st != CHR_OK)
		return st;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return CHR_OK;
}

void chr_buf_clear(chr_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

char *chr_buf_take(chr_buf *b, size_t *len)
{
	char *p = b->data;
	if (len)
		*len = b->len;
	chr_buf_init(b, b->cap);
	return p;
}

void chr_buf_free(chr_buf *b)
{
	free(b->data);
	chr_buf_init(b, b->cap);
}
