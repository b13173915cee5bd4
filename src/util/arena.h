/*
 * arena.h - a bump allocator for per-document data.
 *
 * Everything a document owns (paragraphs, strings, features) is carved from
 * one arena and released with one chr_arena_free.  Blocks grow
 * geometrically, so the number of malloc calls is logarithmic in the
 * document's size.  Allocations are 16-byte aligned.
 */
#ifndef CHR_UTIL_ARENA_H
#define CHR_UTIL_ARENA_H

#include <stddef.h>

typedef struct chr_arena_block chr_arena_block;

typedef struct chr_arena {
	chr_arena_block *head;
	size_t next_block_size;
	size_t total;          /* bytes handed out, for limits and tests */
} chr_arena;

/* An empty arena; nothing is allocated until the first chr_arena_alloc. */
void chr_arena_init(chr_arena *arena);

/* `size` bytes, uninitialised; NULL when memory runs out. */
void *chr_arena_alloc(chr_arena *arena, size_t size);

/* `size` zeroed bytes; NULL when memory runs out. */
void *chr_arena_calloc(chr_arena *arena, size_t count, size_t size);

/* A NUL-terminated copy of s[0..len); NULL when memory runs out. */
char *chr_arena_strndup(chr_arena *arena, const char *s, size_t len);
char *chr_arena_strdup(chr_arena *arena, const char *s);

/* Releases every block; the arena can be used again afterwards. */
void chr_arena_free(chr_arena *arena);

#endif
