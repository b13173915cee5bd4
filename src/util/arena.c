/*
 * arena.c - bump allocation for per-document data (see arena.h).
 */
#include "util/arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/fault.h"

struct chr_arena_block {
	chr_arena_block *prev;
	size_t size;
	size_t used;
	_Alignas(16) unsigned char data[];
};

/* A 4 KB article needs 10-16 KB of arena (paragraphs, features, sets):
 * a first block that size spares two malloc/free pairs per document. */
enum { ARENA_FIRST_BLOCK = 16384, ARENA_MAX_GROWTH = 8u << 20, ARENA_ALIGN = 16 };

void chr_arena_init(chr_arena *arena)
{
	arena->head = NULL;
	arena->next_block_size = ARENA_FIRST_BLOCK;
	arena->total = 0;
}

static chr_arena_block *arena_grow(chr_arena *arena, size_t need)
{
	size_t size = arena->next_block_size;
	while (size < need) {
		if (size > SIZE_MAX / 2)
			return NULL;
		size *= 2;
	}
	chr_arena_block *block = chr_malloc(sizeof *block + size);
	if (!block)
		return NULL;
	block->prev = arena->head;
	block->size = size;
	block->used = 0;
	arena->head = block;
	/* Double up to a bound so huge documents do not reserve huge tails. */
	if (arena->next_block_size < ARENA_MAX_GROWTH)
		arena->next_block_size *= 2;
	return block;
}

void *chr_arena_alloc(chr_arena *arena, size_t size)
{
	if (size == 0)
		size = 1;
	if (size > SIZE_MAX - ARENA_ALIGN)
		return NULL;
	size = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	chr_arena_block *block = arena->head;
	if (!block || block->size - block->used < size) {
		block = arena_grow(arena, size);
		if (!block)
			return NULL;
	}
	void *p = block->data + block->used;
	block->used += size;
	arena->total += size;
	return p;
}

void *chr_arena_calloc(chr_arena *arena, size_t count, size_t size)
{
	if (size && count > SIZE_MAX / size)
		return NULL;
	void *p = chr_arena_alloc(arena, count * size);
	if (p)
		memset(p, 0, count * size);
	return p;
}

char *chr_arena_strndup(chr_arena *arena, const char *s, size_t len)
{
	char *p = chr_arena_alloc(arena, len + 1);
	if (p) {
		if (len)
			memcpy(p, s, len);
		p[len] = '\0';
	}
	return p;
}

char *chr_arena_strdup(chr_arena *arena, const char *s)
{
	return s ? chr_arena_strndup(arena, s, strlen(s)) : NULL;
}

void chr_arena_free(chr_arena *arena)
{
	chr_arena_block *block = arena->head;
	while (block) {
		chr_arena_block *prev = block->prev;
		free(block);
		block = prev;
	}
	chr_arena_init(arena);
}
