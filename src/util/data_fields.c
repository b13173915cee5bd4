/*
 * data_fields.c - the lexicon files of data/ read line by line into
 * fields, the one format every word list shares (see data.h).
 */
#include <string.h>

#include "util/data.h"

int chr_data_fields(const char *name, size_t max,
		    void (*fn)(void *ctx, const char *const *f, const size_t *n, size_t k), void *ctx)
{
	size_t len = 0;
	const char *text = chr_data_get(name, &len);
	if (!text)
		return 0;
	if (max > CHR_DATA_MAX_FIELDS)
		max = CHR_DATA_MAX_FIELDS;
	const char *p = text, *end = text + len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *line_end = nl ? nl : end;
		const char *f[CHR_DATA_MAX_FIELDS];
		size_t n[CHR_DATA_MAX_FIELDS], k = 0;
		while (p < line_end && k < max) {
			while (p < line_end && (*p == ' ' || *p == '\t' || *p == '\r'))
				p++;
			if (p >= line_end || *p == '#')
				break;
			f[k] = p;
			while (p < line_end && *p != ' ' && *p != '\t' && *p != '\r')
				p++;
			n[k] = (size_t)(p - f[k]);
			k++;
		}
		if (k)
			fn(ctx, f, n, k);
		p = line_end + 1;
	}
	return 1;
}
