/*
 * fault.h - the library's allocation entry points, with fault injection.
 *
 * All library allocations go through chr_malloc/chr_realloc so that tests
 * can make the Nth allocation fail (chr_fault_fail_after) and check that
 * every caller returns CHR_ENOMEM instead of crashing.  Without a test
 * arming it, the check is one predictable branch.
 */
#ifndef CHR_UTIL_FAULT_H
#define CHR_UTIL_FAULT_H

#include <stddef.h>

void *chr_malloc(size_t size);
void *chr_realloc(void *p, size_t size);
void *chr_calloc(size_t count, size_t size);

/* After `n` more successful allocations, every allocation fails; -1 disarms. */
void chr_fault_fail_after(long n);

#endif
