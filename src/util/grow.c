/*
 * grow.c - geometric growth of vectors (see grow.h).
 */
#include "util/grow.h"

#include <stdint.h>
#include <string.h>

#include "util/fault.h"

chr_status chr_grow(void *items_ptr, size_t *alloc, size_t used, size_t elem_size, size_t first)
{
	void *items;
	if (used < *alloc)
		return CHR_OK;
	size_t n = *alloc ? *alloc * 2 : (first ? first : 8);
	if (n <= used)
		n = used + 1;
	if (n > SIZE_MAX / elem_size)
		return CHR_ENOMEM;
	/* The pointer is read and written as bytes so that one function
	 * serves vectors of every element type. */
	memcpy(&items, items_ptr, sizeof items);
	items = chr_realloc(items, n * elem_size);
	if (!items)
		return CHR_ENOMEM;
	memcpy(items_ptr, &items, sizeof items);
	*alloc = n;
	return CHR_OK;
}
