/*
 * html_words.c - words and stop words of a block (HTML cleaner features).
 *
 * Stop-word density (function words / all words) is high in prose and low
 * in menus and link lists, in every language (jusText).  The lists come from
 * data/stopwords/<lang>.txt and are loaded once into one open-addressing
 * table mapping a lowercase word to a bit set of languages.  Tokenising is a
 * byte loop: ASCII letters and digits and any non-ASCII letter form words;
 * Latin-1 and Cyrillic capitals are lowered inline, so no utf8proc is needed.
 */
#include "clean/html_internal.h"

#include <pthread.h>
#include <string.h>
#include <strings.h>

#include "util/data.h"

static const char *const lang_names[CHR_HLANG_COUNT] = { "en", "de", "fr", "es", "ru" };

enum { TABLE_SIZE = 2048, MAX_WORD = 32 };   /* ~600 words: load below 1/3 */

typedef struct slot {
	char word[MAX_WORD];
	uint8_t len;
	uint8_t langs;
} slot;

static slot table[TABLE_SIZE];
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

static uint32_t hash_word(const char *w, size_t len)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)w[i]) * 16777619u;
	return h;
}

static void table_add(const char *w, size_t len, int lang)
{
	if (len == 0 || len >= MAX_WORD)
		return;
	uint32_t i = hash_word(w, len) & (TABLE_SIZE - 1);
	for (;;) {
		slot *s = &table[i];
		if (s->len == 0) {
			memcpy(s->word, w, len);
			s->len = (uint8_t)len;
			s->langs = (uint8_t)(1u << lang);
			return;
		}
		if (s->len == len && memcmp(s->word, w, len) == 0) {
			s->langs |= (uint8_t)(1u << lang);
			return;
		}
		i = (i + 1) & (TABLE_SIZE - 1);
	}
}

static void table_load(void)
{
	char name[32];
	for (int l = 0; l < CHR_HLANG_COUNT; l++) {
		size_t len = 0;
		memcpy(name, "stopwords/", 10);
		memcpy(name + 10, lang_names[l], 2);
		memcpy(name + 12, ".txt", 5);
		const char *text = chr_data_get(name, &len);
		size_t i = 0;
		while (text && i < len) {
			size_t j = i;
			while (j < len && text[j] != '\n' && text[j] != '\r')
				j++;
			table_add(text + i, j - i, l);
			i = j + 1;
		}
	}
}

static unsigned lookup(const char *w, size_t len)
{
	if (len == 0 || len >= MAX_WORD)
		return 0;
	uint32_t i = hash_word(w, len) & (TABLE_SIZE - 1);
	for (;;) {
		const slot *s = &table[i];
		if (s->len == 0)
			return 0;
		if (s->len == len && memcmp(s->word, w, len) == 0)
			return s->langs;
		i = (i + 1) & (TABLE_SIZE - 1);
	}
}

/* Bytes that separate words: ASCII non-alphanumerics, Latin-1 punctuation
 * (C2 xx) and General Punctuation (E2 80/81 xx: dashes, curly quotes). */
static size_t separator_len(const unsigned char *s, size_t len, size_t i)
{
	unsigned char c = s[i];
	if (c < 0x80)
		return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || (c >= '0' && c <= '9') ? 0 : 1;
	if (c == 0xC2 && i + 1 < len)
		return 2;
	if (c == 0xE2 && i + 2 < len && (s[i + 1] == 0x80 || s[i + 1] == 0x81))
		return 3;
	return 0;
}

void chr_html_count_words(const char *text, size_t len, chr_hblock *b)
{
	const unsigned char *s = (const unsigned char *)text;
	char w[MAX_WORD];
	size_t i = 0;
	pthread_once(&table_once, table_load);
	while (i < len) {
		size_t sep = separator_len(s, len, i);
		if (sep) {
			i += sep;
			continue;
		}
		size_t wl = 0;
		int too_long = 0;
		while (i < len && !separator_len(s, len, i)) {
			unsigned char c = s[i];
			if (c < 0x80) {
				if (wl < MAX_WORD)
					w[wl++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
				else
					too_long = 1;
				i++;
				continue;
			}
			size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
			if (i + n > len)
				n = len - i;
			unsigned char c0 = c, c1 = n > 1 ? s[i + 1] : 0;
			/* Latin-1 capitals and Cyrillic capitals to lowercase. */
			if (c0 == 0xC3 && c1 >= 0x80 && c1 <= 0x9E && c1 != 0x97)
				c1 += 0x20;
			else if (c0 == 0xD0 && c1 >= 0x90 && c1 <= 0x9F)
				c1 += 0x20;
			else if (c0 == 0xD0 && c1 >= 0xA0 && c1 <= 0xAF) {
				c0 = 0xD1;
				c1 -= 0x20;
			} else if (c0 == 0xD0 && c1 == 0x81) {
				c0 = 0xD1;
				c1 = 0x91;
			}
			if (wl + n <= MAX_WORD) {
				w[wl] = (char)c0;
				if (n > 1)
					w[wl + 1] = (char)c1;
				for (size_t k = 2; k < n; k++)
					w[wl + k] = (char)s[i + k];
				wl += n;
			} else {
				too_long = 1;
			}
			i += n;
		}
		b->words++;
		unsigned langs = too_long ? 0 : lookup(w, wl);
		for (int l = 0; langs && l < CHR_HLANG_COUNT; l++, langs >>= 1)
			if (langs & 1)
				b->stops[l]++;
	}
}

int chr_html_lang_index(const char *tag)
{
	if (!tag)
		return -1;
	for (int l = 0; l < CHR_HLANG_COUNT; l++)
		if (strncasecmp(tag, lang_names[l], 2) == 0 && (tag[2] == '\0' || tag[2] == '-' || tag[2] == '_'))
			return l;
	return -1;
}

int chr_html_next_word(const char *text, size_t len, size_t *pos, uint64_t *hash)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = *pos;
	while (i < len) {
		size_t sep = separator_len(s, len, i);
		if (!sep)
			break;
		i += sep;
	}
	if (i >= len) {
		*pos = len;
		return 0;
	}
	uint64_t h = 14695981039346656037ull;
	while (i < len && !separator_len(s, len, i)) {
		unsigned char c = s[i++];
		if (c >= 'A' && c <= 'Z')
			c += 32;
		h = (h ^ c) * 1099511628211ull;
	}
	*pos = i;
	*hash = h;
	return 1;
}
