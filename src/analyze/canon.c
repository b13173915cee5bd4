/*
 * canon.c - analyze stage: canonical ids of entity names (chr_entity_slug,
 * chr_entity_key in chronicle.h), used for every entity id a document gets
 * and by the corpus stage to merge the same entity across documents.
 *
 * Cyrillic is transliterated from the original letters (a simplified
 * BGN/PCGN scheme: й -> y, х -> kh, щ -> shch) before any folding, since
 * stripping diacritics first would turn й into и.  Other non-ASCII text is
 * folded with chr_fold (case and diacritics), a few letters that do not
 * decompose (ø, æ, ł, đ, ı) are spelled out, and what remains is kept as
 * UTF-8 so distinct names in other scripts keep distinct slugs.
 */
#include <string.h>

#include "analyze/token.h"
#include "chronicle.h"

typedef struct out_buf {
	char *p;
	size_t n, cap;
	int sep;   /* a separator is pending */
} out_buf;

static void put_raw(out_buf *o, const char *s, size_t len)
{
	if (o->sep && o->n) {
		if (o->n + 1 < o->cap)
			o->p[o->n++] = '-';
	}
	o->sep = 0;
	if (o->n + len >= o->cap)
		return;   /* truncated: never half a character */
	memcpy(o->p + o->n, s, len);
	o->n += len;
}

static void put_sep(out_buf *o)
{
	o->sep = 1;
}

/* Lowercase Cyrillic U+0430..U+045F and U+0490/U+0491 -> Latin; NULL if not. */
static const char *cyr_latin(unsigned cp)
{
	static const char *const basic[32] = {
		"a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p",
		"r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"};
	static const char *const ext[16] = {
		"e", "e", "dj", "g", "ye", "s", "i", "yi", "j", "l", "n", "c", "k", "i", "u", "dz"};
	if (cp >= 0x430 && cp <= 0x44F)
		return basic[cp - 0x430];
	if (cp >= 0x450 && cp <= 0x45F)
		return ext[cp - 0x450];
	if (cp == 0x491)
		return "g";
	return NULL;
}

static unsigned cyr_lower(unsigned cp)
{
	if (cp >= 0x410 && cp <= 0x42F)
		return cp + 0x20;
	if (cp >= 0x400 && cp <= 0x40F)
		return cp + 0x50;
	if (cp == 0x490)
		return 0x491;
	return cp;
}

/* Letters that folding leaves alone, spelled in ASCII. */
static const char *latin_extra(unsigned cp)
{
	switch (cp) {
	case 0xF8: return "o";    /* ø */
	case 0xE6: return "ae";   /* æ */
	case 0xF0: return "d";    /* ð */
	case 0xFE: return "th";   /* þ */
	case 0xDF: return "ss";   /* ß */
	case 0x131: return "i";   /* ı */
	case 0x142: return "l";   /* ł */
	case 0x111: return "d";   /* đ */
	case 0x153: return "oe";  /* œ */
	default: return NULL;
	}
}

/* Decodes one UTF-8 character at s (len > 0); returns its length, sets *cp
 * (U+FFFD for a bad sequence, length 1). */
static size_t decode(const unsigned char *s, size_t len, unsigned *cp)
{
	unsigned c = s[0];
	size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
	if (!n || n > len) {
		*cp = 0xFFFD;
		return 1;
	}
	unsigned v = n == 1 ? c : n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return 1;
		}
		v = v << 6 | (s[i] & 0x3F);
	}
	*cp = v;
	return n;
}

static int is_punct_cp(unsigned cp)
{
	return (cp >= 0x2000 && cp <= 0x206F) || (cp >= 0xA0 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 ||
	       (cp >= 0x3000 && cp <= 0x303F) || cp == 0xFFFD || (cp >= 0xFF00 && cp <= 0xFF0F);
}

static int is_apostrophe(unsigned cp)
{
	return cp == '\'' || cp == 0x2019 || cp == 0x2018 || cp == 0x2BC || cp == 0x60 || cp == 0xB4;
}

/* Appends the slug of folded (already lowercase, no diacritics) text. */
static void put_folded(out_buf *o, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	while (i < len) {
		unsigned cp;
		size_t n = decode(u + i, len - i, &cp);
		const char *lat;
		if (cp < 0x80) {
			char c = (char)cp;
			if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
				put_raw(o, &c, 1);
			else if (c >= 'A' && c <= 'Z') {
				c = (char)(c - 'A' + 'a');
				put_raw(o, &c, 1);
			} else if (!is_apostrophe(cp))
				put_sep(o);
		} else if (is_apostrophe(cp)) {
			/* dropped: O'Brien -> obrien */
		} else if ((lat = latin_extra(cp)) != NULL) {
			put_raw(o, lat, strlen(lat));
		} else if ((lat = cyr_latin(cyr_lower(cp))) != NULL) {
			put_raw(o, lat, strlen(lat));
		} else if (is_punct_cp(cp) || cp == 0x301 || (cp >= 0x300 && cp <= 0x36F)) {
			if (cp < 0x300 || cp > 0x36F)
				put_sep(o);
		} else {
			put_raw(o, s + i, n);
		}
		i += n;
	}
}

size_t chr_entity_slug(const char *name, size_t len, char *out, size_t cap)
{
	out_buf o = {out, 0, cap, 0};
	if (!cap)
		return 0;
	const unsigned char *u = (const unsigned char *)name;
	size_t i = 0;
	while (i < len) {
		if (u[i] < 0x80) {
			/* ASCII inline: letters and digits kept (lowercase),
			 * apostrophes dropped, anything else one separator */
			char ch = (char)u[i++];
			if (ch >= 'A' && ch <= 'Z')
				ch = (char)(ch - 'A' + 'a');
			if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
				if (o.sep && o.n && o.n + 1 < o.cap)
					o.p[o.n++] = '-';
				o.sep = 0;
				if (o.n + 1 < o.cap)
					o.p[o.n++] = ch;
			} else if (ch != '\'' && ch != '`') {
				o.sep = 1;
			}
			continue;
		}
		unsigned cp;
		size_t n = decode(u + i, len - i, &cp);
		const char *lat = cyr_latin(cyr_lower(cp));
		if (lat) {
			put_raw(&o, lat, strlen(lat));
			i += n;
			continue;
		}
		/* A run of other non-ASCII characters: fold it as a whole so
		 * combining marks go with their letters. */
		size_t j = i + n;
		while (j < len && u[j] >= 0x80) {
			unsigned c2;
			size_t n2 = decode(u + j, len - j, &c2);
			if (cyr_latin(cyr_lower(c2)) || j + n2 - i > 120)
				break;
			j += n2;
		}
		char folded[256];
		size_t fl = chr_fold(name + i, j - i, folded, sizeof folded);
		put_folded(&o, folded, fl);
		i = j;
	}
	out[o.n] = '\0';
	return o.n;
}

static int vowel(char c) { return c && strchr("aeiouy", c) != NULL; }

size_t chr_entity_key(const char *name, size_t len, char *out, size_t cap)
{
	size_t n = chr_entity_slug(name, len, out, cap);
	size_t w = 0;
	for (size_t r = 0; r < n; r++) {
		char c = out[r] == 'y' ? 'i' : out[r];
		/* German and Polish spell a closing й as j: Arkadij, Sergej, Andrej */
		if (c == 'j' && r > 0 && vowel(out[r - 1]) && (r + 1 == n || out[r + 1] == '-'))
			c = 'i';
		if (w && out[w - 1] == c && c >= 'a' && c <= 'z')
			continue;   /* Zelenskyy -> zelenskii -> zelenski, Witkoff -> witkof */
		out[w++] = c;
	}
	if (cap)
		out[w] = '\0';
	return w;
}
