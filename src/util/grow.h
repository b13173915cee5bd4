/*
 * grow.h - room for one more element in a malloc'd vector.
 *
 * The vectors of the library (blocks, nodes, queues) all grow the same
 * way: doubling from a first size, failing with CHR_ENOMEM and leaving the
 * vector as it was.
 */
#ifndef CHR_UTIL_GROW_H
#define CHR_UTIL_GROW_H

#include <stddef.h>

#include "chronicle.h"

/*
 * Makes sure *items (pointed to by items_ptr, any object pointer type)
 * holds at least used + 1 elements of elem_size bytes, reallocating to
 * twice *alloc (or `first`) when full.  On failure nothing changes.
 */
chr_status chr_grow(void *items_ptr, size_t *alloc, size_t used, size_t elem_size, size_t first);

#endif
