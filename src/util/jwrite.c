/*
 * jwrite.c - JSON values as text or as a tree (jwrite.h).
 *
 * The text is what util/json.c writes: compact, escaped the same way.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util/json.h"
#include "util/jwrite.h"

#define MAX_DEPTH 63   /* bits of members/objects */

void chr_jw_text(chr_jw *w, chr_buf *out)
{
	memset(w, 0, sizeof *w);
	w->buf = out;
}

void chr_jw_tree(chr_jw *w, chr_jbuild *tree)
{
	memset(w, 0, sizeof *w);
	w->tree = tree;
}

chr_status chr_jw_status(const chr_jw *w)
{
	return w->st;
}

void chr_jw_fail(chr_jw *w, chr_status st)
{
	if (w->st == CHR_OK)
		w->st = st;
}

static void put(chr_jw *w, chr_status st)
{
	chr_jw_fail(w, st);
}

/* Text: the comma before a value or a member name. */
static void separate(chr_jw *w)
{
	if (w->keyed) {
		w->keyed = 0;
		return;
	}
	uint64_t bit = 1ull << w->depth;
	if (w->depth > 0 && (w->members & bit))
		put(w, chr_buf_putc(w->buf, ','));
	w->members |= bit;
}

static void open_container(chr_jw *w, int object)
{
	if (w->st != CHR_OK)
		return;
	if (w->tree) {
		chr_jbuild_open(w->tree, object ? CHR_JV_OBJECT : CHR_JV_ARRAY);
		return;
	}
	if (w->depth >= MAX_DEPTH) {
		w->st = CHR_EINVAL;
		return;
	}
	separate(w);
	put(w, chr_buf_putc(w->buf, object ? '{' : '['));
	w->depth++;
	uint64_t bit = 1ull << w->depth;
	w->members &= ~bit;
	w->objects = object ? w->objects | bit : w->objects & ~bit;
}

void chr_jw_object(chr_jw *w)
{
	open_container(w, 1);
}

void chr_jw_array(chr_jw *w)
{
	open_container(w, 0);
}

void chr_jw_end(chr_jw *w)
{
	if (w->st != CHR_OK)
		return;
	if (w->tree) {
		chr_jbuild_close(w->tree);
		return;
	}
	if (w->depth == 0) {
		w->st = CHR_EINVAL;
		return;
	}
	put(w, chr_buf_putc(w->buf, (w->objects >> w->depth) & 1 ? '}' : ']'));
	w->depth--;
}

void chr_jw_key(chr_jw *w, const char *key)
{
	if (w->st != CHR_OK)
		return;
	if (w->tree) {
		chr_jbuild_key(w->tree, key);
		return;
	}
	uint64_t bit = 1ull << w->depth;
	put(w, chr_json_key(w->buf, key, !(w->members & bit)));
	w->members |= bit;
	w->keyed = 1;
}

void chr_jw_string(chr_jw *w, const char *s, size_t len)
{
	if (w->st != CHR_OK)
		return;
	if (w->tree) {
		chr_jbuild_string(w->tree, s, len);
		return;
	}
	separate(w);
	put(w, chr_json_string(w->buf, s, len));
}

void chr_jw_null(chr_jw *w)
{
	if (w->st != CHR_OK)
		return;
	if (w->tree) {
		chr_jbuild_null(w->tree);
		return;
	}
	separate(w);
	put(w, chr_buf_puts(w->buf, "null"));
}

void chr_jw_cstr(chr_jw *w, const char *s)
{
	if (s)
		chr_jw_string(w, s, strlen(s));
	else
		chr_jw_null(w);
}

void chr_jw_uint(chr_jw *w, uint32_t v)
{
	if (w->st != CHR_OK)
		return;
	if (w->tree) {
		chr_jbuild_int(w->tree, v);
		return;
	}
	separate(w);
	put(w, chr_json_uint(w->buf, v));
}

void chr_jw_number(chr_jw *w, double v)
{
	if (v >= 0 && v < 4e9 && v == floor(v)) {
		chr_jw_uint(w, (uint32_t)v);
		return;
	}
	if (w->st != CHR_OK)
		return;
	char num[40];
	int n = snprintf(num, sizeof num, "%.6g", v);
	if (w->tree) {
		/* read back as the text would be: six digits, not all of v */
		chr_jbuild_number(w->tree, num, (size_t)n);
		return;
	}
	separate(w);
	put(w, chr_buf_append(w->buf, num, (size_t)n));
}

void chr_jw_span(chr_jw *w, uint32_t start, uint32_t end)
{
	if (w->st != CHR_OK)
		return;
	if (w->tree) {
		chr_jw_array(w);
		chr_jw_uint(w, start);
		chr_jw_uint(w, end);
		chr_jw_end(w);
		return;
	}
	separate(w);
	put(w, chr_json_span(w->buf, start, end));
}

void chr_jw_member_cstr(chr_jw *w, const char *key, const char *s)
{
	chr_jw_key(w, key);
	chr_jw_cstr(w, s);
}

void chr_jw_member_uint(chr_jw *w, const char *key, uint32_t v)
{
	chr_jw_key(w, key);
	chr_jw_uint(w, v);
}

void chr_jw_member_span(chr_jw *w, const char *text, uint32_t start, uint32_t end)
{
	chr_jw_key(w, "text");
	chr_jw_string(w, text + start, end - start);
	chr_jw_member_uint(w, "start", start);
	chr_jw_member_uint(w, "end", end);
}
