/*
 * fault.c - allocation wrappers with an optional injected failure.
 */
#include "util/fault.h"

#include <stdlib.h>

/* Per thread, so parallel tests do not fail each other's allocations. */
static _Thread_local long allocations_left = -1;

static int fault_now(void)
{
	if (allocations_left < 0)
		return 0;
	if (allocations_left == 0)
		return 1;
	allocations_left--;
	return 0;
}

void chr_fault_fail_after(long n)
{
	allocations_left = n;
}

void *chr_malloc(size_t size)
{
	return fault_now() ? NULL : malloc(size ? size : 1);
}

void *chr_realloc(void *p, size_t size)
{
	return fault_now() ? NULL : realloc(p, size ? size : 1);
}

void *chr_calloc(size_t count, size_t size)
{
	return fault_now() ? NULL : calloc(count ? count : 1, size ? size : 1);
}
