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
#include <strings.h>

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

/* The slug's looser form in place: y read as i, a word-final j after a
 * vowel too, doubled letters collapsed. */
static size_t fold_key(char *s, size_t n)
{
	size_t w = 0;
	for (size_t r = 0; r < n; r++) {
		char c = s[r] == 'y' ? 'i' : s[r];
		/* German and Polish spell a closing й as j: Arkadij, Sergej, Andrej */
		if (c == 'j' && r > 0 && vowel(s[r - 1]) && (r + 1 == n || s[r + 1] == '-'))
			c = 'i';
		if (w && s[w - 1] == c && c >= 'a' && c <= 'z')
			continue;   /* Zelenskyy -> zelenskii -> zelenski, Witkoff -> witkof */
		s[w++] = c;
	}
	return w;
}

size_t chr_entity_key(const char *name, size_t len, char *out, size_t cap)
{
	size_t w = fold_key(out, chr_entity_slug(name, len, out, cap));
	if (cap)
		out[w] = '\0';
	return w;
}

/*
 * Respellings.  German and French news write a Russian or Ukrainian name in
 * their own romanisation, where the English press writes another: Arkadij
 * Schelnin and Arkadi Jelnine for Arkady Zhelnin, Juri Uschakow and Iouri
 * Ouchakov for Yuri Ushakov.  The rules below read a slug the way that
 * language spells those sounds and write it the English way.  German sch
 * stands for both ш (sh) and ж (zh), so a German name gives two.  The rules
 * fit Slavic names only: a respelling is an extra key to look for, never
 * the name's own.
 */
enum { RULE_ANY, RULE_BEFORE_VOWEL };

typedef struct respell_rule {
	const char *from, *to;
	unsigned char at;   /* RULE_ANY, or RULE_BEFORE_VOWEL: only where a vowel follows */
} respell_rule;

/* '\1' marks German sch, expanded to sh and to zh. */
static const respell_rule german[] = {
	{ "schtsch", "shch", RULE_ANY },   /* Chruschtschow: щ */
	{ "tsch", "ch", RULE_ANY },        /* Tschernomyrdin: ч */
	{ "sch", "\1", RULE_ANY },
	{ "ch", "kh", RULE_ANY },          /* Michail: х */
	{ "ck", "k", RULE_ANY },
	{ "w", "v", RULE_ANY },            /* Lawrow */
	{ "z", "ts", RULE_ANY },           /* Jelzin: ц */
	{ "j", "y", RULE_BEFORE_VOWEL },   /* Juri, Jelena, Majakowski */
	{ NULL, NULL, 0 },
};

static const respell_rule french[] = {
	{ "tch", "ch", RULE_ANY },         /* Tchekhov: ч */
	{ "ch", "sh", RULE_ANY },          /* Ouchakov: ш */
	{ "ou", "u", RULE_ANY },           /* Iouri, Poutine */
	{ "j", "zh", RULE_ANY },           /* Jelnine, Jirinovski: ж */
	{ "gue", "ge", RULE_ANY },         /* Sergueï */
	{ "gui", "gi", RULE_ANY },
	{ NULL, NULL, 0 },
};

static int word_end(const char *s, size_t n, size_t i) { return i >= n || s[i] == '-'; }

/* Appends src respelled by rules to out (cap bytes with the NUL); returns
 * the length, or 0 when it did not fit. */
static size_t respell(const char *src, size_t n, const respell_rule *rules, int drop_final_e, char *out,
		      size_t cap)
{
	size_t w = 0;
	for (size_t i = 0; i < n;) {
		const respell_rule *hit = NULL;
		for (const respell_rule *r = rules; r->from && !hit; r++) {
			size_t fl = strlen(r->from);
			if (i + fl > n || memcmp(src + i, r->from, fl) != 0)
				continue;
			if (r->at == RULE_BEFORE_VOWEL && (i + fl >= n || !vowel(src[i + fl])))
				continue;
			hit = r;
		}
		const char *put = hit ? hit->to : src + i;
		size_t pl = hit ? strlen(hit->to) : 1;
		/* French writes a final consonant with a mute e: Jelnine, Poutine */
		if (!hit && drop_final_e && src[i] == 'e' && word_end(src, n, i + 1) && w >= 3 && !vowel(out[w - 1]) &&
		    out[w - 1] != '-')
			pl = 0;
		if (w + pl + 1 > cap)
			return 0;
		memcpy(out + w, put, pl);
		w += pl;
		i += hit ? strlen(hit->from) : 1;
	}
	/* German writes ё after a hushing sound as o, English as e: Gorbatschow */
	if (rules == german)
		for (size_t i = 0; i + 2 <= w; i++)
			if ((i + 2 == w || out[i + 2] == '-') && memcmp(out + i, "ov", 2) == 0 && i >= 1 &&
			    (out[i - 1] == '\1' || (i >= 2 && (out[i - 1] == 'h' && out[i - 2] == 'c'))))
				out[i] = 'e';
	out[w] = '\0';
	return w;
}

/* out with every '\1' written as with (two letters); 0 when too long. */
static size_t expand_marks(const char *s, size_t n, const char *with, char *out, size_t cap)
{
	size_t w = 0;
	for (size_t i = 0; i < n; i++) {
		size_t pl = s[i] == '\1' ? 2 : 1;
		if (w + pl + 1 > cap)
			return 0;
		memcpy(out + w, s[i] == '\1' ? with : s + i, pl);
		w += pl;
	}
	out[w] = '\0';
	return w;
}

/* Whether a language tag is code, alone or with a region (de, de-AT, fr_CH). */
static int language_is(const char *tag, const char *code)
{
	size_t n = strlen(code);
	return tag && strncasecmp(tag, code, n) == 0 && (!tag[n] || tag[n] == '-' || tag[n] == '_');
}

size_t chr_entity_respellings(const char *name, size_t len, const char *lang, char out[][CHR_KEY_MAX],
			      size_t max)
{
	const respell_rule *rules = language_is(lang, "de") ? german : language_is(lang, "fr") ? french : NULL;
	if (!rules || !max)
		return 0;
	char slug[CHR_KEY_MAX], own[CHR_KEY_MAX], marked[CHR_KEY_MAX];
	size_t sl = chr_entity_slug(name, len, slug, sizeof slug);
	size_t ml = respell(slug, sl, rules, rules == french, marked, sizeof marked);
	memcpy(own, slug, sl + 1);
	size_t ol = fold_key(own, sl);
	own[ol] = '\0';
	static const char *const sounds[] = { "sh", "zh" };
	size_t n = 0;
	for (size_t v = 0; ml && v < (memchr(marked, '\1', ml) ? 2u : 1u) && n < max; v++) {
		size_t kl = expand_marks(marked, ml, sounds[v], out[n], CHR_KEY_MAX);
		if (!kl)
			break;
		kl = fold_key(out[n], kl);
		out[n][kl] = '\0';
		int again = strcmp(out[n], own) == 0;
		for (size_t k = 0; k < n && !again; k++)
			again = strcmp(out[k], out[n]) == 0;
		n += !again;
	}
	return n;
}
