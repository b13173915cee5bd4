/*
 * jdom.c - the JSON reader of jdom.h: recursive descent with a depth limit;
 * and the builder, which makes the same trees from values handed to it.
 *
 * Container members are collected on one growing scratch stack and copied
 * to the arena when the container closes, so every array and object is
 * one contiguous block and nothing is reallocated inside the arena.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/fault.h"
#include "util/jdom.h"

#ifdef __SSE2__
#include <emmintrin.h>   /* baseline on x86-64 */
#endif

#define MAX_DEPTH CHR_JDOM_MAX_DEPTH

typedef struct parser {
	const unsigned char *p, *start, *end;
	chr_jbuild *b;             /* the arena, the scratch stack, the failure */
} parser;

static void skip_ws(parser *ps)
{
	while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\n' || *ps->p == '\r' || *ps->p == '\t'))
		ps->p++;
}

static int build_fail(chr_jbuild *b, const char *why)
{
	if (!b->error)
		b->error = why;
	return 0;
}

static int fail(parser *ps, const char *why)
{
	return build_fail(ps->b, why);
}

static int out_of_memory(chr_jbuild *b)
{
	b->nomem = 1;
	return build_fail(b, "out of memory");
}

static int push(chr_jbuild *b, const chr_jv *v)
{
	if (b->nstack == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 256;
		chr_jv *grown = chr_realloc(b->stack, cap * sizeof *grown);
		if (!grown)
			return out_of_memory(b);
		b->stack = grown;
		b->cap = cap;
	}
	b->stack[b->nstack++] = *v;
	return 1;
}

static int hex4(const unsigned char *s, unsigned *out)
{
	unsigned v = 0;
	for (int i = 0; i < 4; i++) {
		unsigned c = s[i], d;
		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return 0;
		v = v * 16 + d;
	}
	*out = v;
	return 1;
}

static size_t put_utf8(char *o, unsigned cp)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xc0 | cp >> 6);
		o[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xe0 | cp >> 12);
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		o[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (char)(0xf0 | cp >> 18);
	o[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	o[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	o[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* Length of the valid UTF-8 sequence at s (at most n bytes), 0 if invalid:
 * no overlong forms, no surrogates, nothing above U+10FFFF. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	if (c < 0x80)
		return 1;
	size_t len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 ? 2 : 0;
	if (!len || len > n || c > 0xf4)
		return 0;
	for (size_t i = 1; i < len; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	if ((c == 0xe0 && s[1] < 0xa0) || (c == 0xed && s[1] > 0x9f) || (c == 0xf0 && s[1] < 0x90) ||
	    (c == 0xf4 && s[1] > 0x8f))
		return 0;
	return len;
}

/* How many bytes from p on need no look: printable ASCII other than '"'
 * and '\\'.  Most of an analysis line is article text in long strings. */
static size_t plain_run(const unsigned char *p, const unsigned char *end)
{
	const unsigned char *q = p;
#ifdef __SSE2__
	const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'), space = _mm_set1_epi8(0x20);
	while (end - q >= 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)q);
		/* signed: bytes >= 0x80 are negative, so "< 0x20" takes them too */
		__m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, backslash)),
					   _mm_cmplt_epi8(x, space));
		int mask = _mm_movemask_epi8(hit);
		if (mask)
			return (size_t)(q - p) + (size_t)__builtin_ctz((unsigned)mask);
		q += 16;
	}
#endif
	while (q < end && *q >= 0x20 && *q < 0x80 && *q != '"' && *q != '\\')
		q++;
	return (size_t)(q - p);
}

/* A string at ps->p (the opening quote), unescaped into the arena. */
static int parse_string(parser *ps, chr_jv *v)
{
	const unsigned char *s = ++ps->p;
	int escapes = 0;
	for (;;) {
		ps->p += plain_run(ps->p, ps->end);
		if (ps->p >= ps->end || *ps->p == '"')
			break;
		if (*ps->p < 0x20)
			return fail(ps, "control character in a string");
		if (*ps->p >= 0x80) {
			/* JSON text is UTF-8 (RFC 8259); what is stored must be too. */
			size_t k = utf8_seq(ps->p, (size_t)(ps->end - ps->p));
			if (!k)
				return fail(ps, "invalid UTF-8 in a string");
			ps->p += k;
			continue;
		}
		if (*ps->p == '\\') {
			escapes = 1;
			ps->p++;
		}
		ps->p++;
	}
	if (ps->p >= ps->end)
		return fail(ps, "unterminated string");
	size_t raw = (size_t)(ps->p - s);
	ps->p++;
	/* Unescaping never lengthens: \uXXXX (6 bytes) is at most 3 bytes,
	 * a surrogate pair (12) is 4. */
	char *out = chr_arena_alloc(ps->b->arena, raw + 1);
	if (!out)
		return out_of_memory(ps->b);
	size_t n = 0;
	if (!escapes) {
		memcpy(out, s, raw);
		n = raw;
	} else {
		for (size_t i = 0; i < raw; i++) {
			if (s[i] != '\\') {
				out[n++] = (char)s[i];
				continue;
			}
			unsigned char c = s[++i];
			switch (c) {
			case '"': out[n++] = '"'; break;
			case '\\': out[n++] = '\\'; break;
			case '/': out[n++] = '/'; break;
			case 'b': out[n++] = '\b'; break;
			case 'f': out[n++] = '\f'; break;
			case 'n': out[n++] = '\n'; break;
			case 'r': out[n++] = '\r'; break;
			case 't': out[n++] = '\t'; break;
			case 'u': {
				unsigned cp, lo;
				if (i + 4 >= raw || !hex4(s + i + 1, &cp))
					return fail(ps, "bad \\u escape");
				i += 4;
				if (cp >= 0xd800 && cp < 0xdc00) {
					if (i + 6 >= raw || s[i + 1] != '\\' || s[i + 2] != 'u' ||
					    !hex4(s + i + 3, &lo) || lo < 0xdc00 || lo >= 0xe000)
						return fail(ps, "lone surrogate in a string");
					cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
					i += 6;
				} else if (cp >= 0xdc00 && cp < 0xe000) {
					return fail(ps, "lone surrogate in a string");
				}
				if (cp == 0)
					return fail(ps, "NUL character in a string");
				n += put_utf8(out + n, cp);
				break;
			}
			default:
				return fail(ps, "bad escape in a string");
			}
		}
	}
	out[n] = '\0';
	v->type = CHR_JV_STRING;
	v->n = (uint32_t)n;
	v->u.str = out;
	return 1;
}

static int parse_number(parser *ps, chr_jv *v)
{
	const unsigned char *s = ps->p;
	int frac = 0;
	if (ps->p < ps->end && *ps->p == '-')
		ps->p++;
	if (ps->p >= ps->end || *ps->p < '0' || *ps->p > '9')
		return fail(ps, "bad number");
	if (*ps->p == '0')
		ps->p++;
	else
		while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9')
			ps->p++;
	if (ps->p < ps->end && *ps->p == '.') {
		frac = 1;
		ps->p++;
		if (ps->p >= ps->end || *ps->p < '0' || *ps->p > '9')
			return fail(ps, "bad number");
		while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9')
			ps->p++;
	}
	if (ps->p < ps->end && (*ps->p == 'e' || *ps->p == 'E')) {
		frac = 1;
		ps->p++;
		if (ps->p < ps->end && (*ps->p == '+' || *ps->p == '-'))
			ps->p++;
		if (ps->p >= ps->end || *ps->p < '0' || *ps->p > '9')
			return fail(ps, "bad number");
		while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9')
			ps->p++;
	}
	size_t len = (size_t)(ps->p - s);
	v->type = CHR_JV_NUMBER;
	if (!frac && len <= 18) {
		int64_t x = 0;
		size_t k = *s == '-';
		for (; k < len; k++)
			x = x * 10 + (s[k] - '0');
		v->i = *s == '-' ? -x : x;
		v->is_int = 1;
		v->u.num = (double)v->i;
		return 1;
	}
	char buf[64];
	if (len >= sizeof buf)
		return fail(ps, "number too long");
	memcpy(buf, s, len);
	buf[len] = '\0';
	v->u.num = strtod(buf, NULL);
	if (!isfinite(v->u.num))
		return fail(ps, "number out of range");
	return 1;
}

static int parse_value(parser *ps, chr_jv *v, int depth);

/* Closes a container: its values (the stack's from base on) move to the arena. */
static int close_container(chr_jbuild *b, chr_jv *v, size_t base, chr_jv_type type)
{
	size_t count = b->nstack - base;
	chr_jv *items = NULL;
	if (count) {
		items = chr_arena_alloc(b->arena, count * sizeof *items);
		if (!items)
			return out_of_memory(b);
		memcpy(items, b->stack + base, count * sizeof *items);
	}
	b->nstack = base;
	v->type = (uint8_t)type;
	v->n = (uint32_t)(type == CHR_JV_OBJECT ? count / 2 : count);
	v->u.items = items;
	return 1;
}

static int parse_container(parser *ps, chr_jv *v, int depth, int object)
{
	if (depth >= MAX_DEPTH)
		return fail(ps, "nested too deeply");
	char close = object ? '}' : ']';
	size_t base = ps->b->nstack;
	ps->p++;
	skip_ws(ps);
	if (ps->p < ps->end && *ps->p == close) {
		ps->p++;
		return close_container(ps->b, v, base, object ? CHR_JV_OBJECT : CHR_JV_ARRAY);
	}
	for (;;) {
		chr_jv item = { 0 };
		skip_ws(ps);
		if (object) {
			if (ps->p >= ps->end || *ps->p != '"')
				return fail(ps, "expected a member name");
			if (!parse_string(ps, &item) || !push(ps->b, &item))
				return 0;
			skip_ws(ps);
			if (ps->p >= ps->end || *ps->p != ':')
				return fail(ps, "expected ':'");
			ps->p++;
			skip_ws(ps);
			memset(&item, 0, sizeof item);
		}
		if (!parse_value(ps, &item, depth + 1) || !push(ps->b, &item))
			return 0;
		skip_ws(ps);
		if (ps->p >= ps->end)
			return fail(ps, "unexpected end");
		if (*ps->p == ',') {
			ps->p++;
			continue;
		}
		if (*ps->p == close) {
			ps->p++;
			return close_container(ps->b, v, base, object ? CHR_JV_OBJECT : CHR_JV_ARRAY);
		}
		return fail(ps, object ? "expected ',' or '}'" : "expected ',' or ']'");
	}
}

static int literal(parser *ps, const char *word, size_t n)
{
	if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n) != 0)
		return fail(ps, "unexpected character");
	ps->p += n;
	return 1;
}

static int parse_value(parser *ps, chr_jv *v, int depth)
{
	if (ps->p >= ps->end)
		return fail(ps, "unexpected end");
	switch (*ps->p) {
	case '{': return parse_container(ps, v, depth, 1);
	case '[': return parse_container(ps, v, depth, 0);
	case '"': return parse_string(ps, v);
	case 't': v->type = CHR_JV_BOOL; v->u.flag = 1; return literal(ps, "true", 4);
	case 'f': v->type = CHR_JV_BOOL; v->u.flag = 0; return literal(ps, "false", 5);
	case 'n': v->type = CHR_JV_NULL; return literal(ps, "null", 4);
	default: return parse_number(ps, v);
	}
}

#define NO_POSITION ((size_t)-1)   /* a built tree has no text to point into */

static chr_status finish(chr_jbuild *b, int ok, size_t at, const chr_jv **out, char *err, size_t errcap)
{
	free(b->stack);
	b->stack = NULL;
	b->nstack = b->cap = 0;
	if (b->nomem)
		return CHR_ENOMEM;
	if (!ok || b->error) {
		if (err && errcap && at == NO_POSITION)
			snprintf(err, errcap, "%s", b->error);
		else if (err && errcap)
			snprintf(err, errcap, "%s at byte %zu", b->error, at);
		return CHR_EFORMAT;
	}
	*out = b->root;
	return CHR_OK;
}

chr_status chr_jdom_parse(chr_arena *arena, const char *text, size_t len, const chr_jv **out, char *err,
			  size_t errcap)
{
	chr_jbuild b;
	chr_jbuild_init(&b, arena);
	parser ps = { .p = (const unsigned char *)text, .start = (const unsigned char *)text,
		      .end = (const unsigned char *)text + len, .b = &b };
	*out = NULL;
	if (!(b.root = chr_arena_calloc(arena, 1, sizeof *b.root)))
		return CHR_ENOMEM;
	skip_ws(&ps);
	int ok = parse_value(&ps, b.root, 0);
	if (ok) {
		skip_ws(&ps);
		if (ps.p != ps.end)
			ok = fail(&ps, "text after the value");
	}
	return finish(&b, ok, (size_t)(ps.p - ps.start), out, err, errcap);
}

/* ---- the builder ---- */

void chr_jbuild_init(chr_jbuild *b, chr_arena *arena)
{
	memset(b, 0, sizeof *b);
	b->arena = arena;
}

/* A value in place: the root, or the open container's next member. */
static void build_value(chr_jbuild *b, const chr_jv *v)
{
	if (b->error)
		return;
	if (b->depth > 0) {
		push(b, v);
		return;
	}
	if (b->root)
		build_fail(b, "text after the value");
	else if (!(b->root = chr_arena_alloc(b->arena, sizeof *b->root)))
		out_of_memory(b);
	else
		*b->root = *v;
}

void chr_jbuild_open(chr_jbuild *b, chr_jv_type type)
{
	if (b->error)
		return;
	if (b->depth >= MAX_DEPTH) {
		build_fail(b, "nested too deeply");
		return;
	}
	b->base[b->depth] = b->nstack;
	b->type[b->depth++] = (uint8_t)type;
}

void chr_jbuild_close(chr_jbuild *b)
{
	if (b->error)
		return;
	if (b->depth == 0) {
		build_fail(b, "a close without an open");
		return;
	}
	b->depth--;
	if ((b->nstack - b->base[b->depth]) % 2 && b->type[b->depth] == CHR_JV_OBJECT) {
		build_fail(b, "expected a member value");
		return;
	}
	chr_jv v = { 0 };
	if (close_container(b, &v, b->base[b->depth], (chr_jv_type)b->type[b->depth]))
		build_value(b, &v);
}

void chr_jbuild_key(chr_jbuild *b, const char *key)
{
	chr_jv v = { .type = CHR_JV_STRING, .n = (uint32_t)strlen(key), .u.str = key };
	if (b->depth == 0 || b->type[b->depth - 1] != CHR_JV_OBJECT || (b->nstack - b->base[b->depth - 1]) % 2)
		build_fail(b, "expected a value");
	build_value(b, &v);
}

/* Why the reader would refuse these string bytes, or NULL: it unescapes
 * everything but a NUL, and takes only valid UTF-8. */
static const char *string_flaw(const unsigned char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
#ifdef __SSE2__
		const __m128i zero = _mm_setzero_si128();
		while (len - i >= 16) {
			__m128i x = _mm_loadu_si128((const __m128i *)(s + i));
			/* signed: bytes >= 0x80 are negative */
			int mask = _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(x, zero), _mm_cmplt_epi8(x, zero)));
			if (mask) {
				i += (size_t)__builtin_ctz((unsigned)mask);
				break;
			}
			i += 16;
		}
		if (i >= len)
			break;
#endif
		if (s[i] == 0)
			return "NUL character in a string";
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		size_t k = utf8_seq(s + i, len - i);
		if (!k)
			return "invalid UTF-8 in a string";
		i += k;
	}
	return NULL;
}

void chr_jbuild_string(chr_jbuild *b, const char *s, size_t len)
{
	if (b->error)
		return;
	const char *flaw = string_flaw((const unsigned char *)s, len);
	if (flaw) {
		build_fail(b, flaw);
		return;
	}
	char *copy = chr_arena_alloc(b->arena, len + 1);
	if (!copy) {
		out_of_memory(b);
		return;
	}
	memcpy(copy, s, len);
	copy[len] = '\0';
	chr_jv v = { .type = CHR_JV_STRING, .n = (uint32_t)len, .u.str = copy };
	build_value(b, &v);
}

void chr_jbuild_int(chr_jbuild *b, int64_t i)
{
	chr_jv v = { .type = CHR_JV_NUMBER, .is_int = 1, .u.num = (double)i, .i = i };
	build_value(b, &v);
}

void chr_jbuild_number(chr_jbuild *b, const char *text, size_t len)
{
	if (b->error)
		return;
	parser ps = { .p = (const unsigned char *)text, .start = (const unsigned char *)text,
		      .end = (const unsigned char *)text + len, .b = b };
	chr_jv v = { 0 };
	if (!parse_number(&ps, &v))
		return;
	if (ps.p != ps.end) {
		build_fail(b, "bad number");
		return;
	}
	build_value(b, &v);
}

void chr_jbuild_null(chr_jbuild *b)
{
	chr_jv v = { .type = CHR_JV_NULL };
	build_value(b, &v);
}

chr_status chr_jbuild_finish(chr_jbuild *b, const chr_jv **out, char *err, size_t errcap)
{
	*out = NULL;
	int ok = b->root && b->depth == 0;
	if (!ok && !b->error)
		build_fail(b, b->root ? "unclosed container" : "no value");
	return finish(b, ok, NO_POSITION, out, err, errcap);
}

const chr_jv *chr_jv_get(const chr_jv *object, const char *key)
{
	if (!object || object->type != CHR_JV_OBJECT)
		return NULL;
	size_t klen = strlen(key);
	/* The last of duplicate names wins, as in most readers. */
	const chr_jv *found = NULL;
	for (uint32_t i = 0; i < object->n; i++) {
		const chr_jv *k = &object->u.items[2 * i];
		if (k->n == klen && memcmp(k->u.str, key, klen) == 0)
			found = &object->u.items[2 * i + 1];
	}
	return found;
}

const chr_jv *chr_jv_at(const chr_jv *array, size_t index)
{
	if (!array || array->type != CHR_JV_ARRAY || index >= array->n)
		return NULL;
	return &array->u.items[index];
}

size_t chr_jv_len(const chr_jv *array)
{
	return array && array->type == CHR_JV_ARRAY ? array->n : 0;
}

const char *chr_jv_str(const chr_jv *v)
{
	return v && v->type == CHR_JV_STRING ? v->u.str : NULL;
}

int chr_jv_int(const chr_jv *v, int64_t *out)
{
	if (!v || v->type != CHR_JV_NUMBER || !v->is_int)
		return 0;
	*out = v->i;
	return 1;
}

int chr_jv_number(const chr_jv *v, double *out)
{
	if (!v || v->type != CHR_JV_NUMBER)
		return 0;
	*out = v->u.num;
	return 1;
}
