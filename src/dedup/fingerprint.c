/*
 * fingerprint.c - document identity, paragraph keys, MinHash and LSH keys.
 *
 * MinHash uses one 64-bit hash per shingle and CHR_MINHASH_K cheap
 * permutations of it (multiply by an odd constant, add, keep the high 32
 * bits): the usual universal-hashing family, 60 multiplications per
 * shingle.  Done one at a time that was a fifth of a worker's time; the 60
 * (padded to 64) lanes are independent, so the loop is written for the
 * vectorizer and built for three instruction sets (target_clones picks
 * one at load time), giving the same values everywhere.
 */
#include <pthread.h>
#include <string.h>

#define XXH_INLINE_ALL  /* short inputs: the call would cost more than the hash */
#include <xxhash.h>

#include "dedup/fingerprint.h"

#define SHINGLE 4

/* Bytes of multi-byte UTF-8 characters count as letters, so Cyrillic and
 * accented words shingle as words too.  Upper-case ASCII maps to lower
 * case, other word bytes to themselves, the rest to 0. */
static unsigned char word_bytes[256];
static pthread_once_t word_bytes_once = PTHREAD_ONCE_INIT;

static void make_word_bytes(void)
{
	for (unsigned c = 0; c < 256; c++)
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80)
			word_bytes[c] = (unsigned char)c;
		else if (c >= 'A' && c <= 'Z')
			word_bytes[c] = (unsigned char)(c + 32);
}

static const unsigned char white_space[256] = { [' '] = 1, ['\n'] = 1, ['\t'] = 1, ['\r'] = 1 };

/* The hash of the text with its white-space runs made single spaces and
 * its ends trimmed, fed to XXH3 a chunk at a time.  The stored identities
 * depend on exactly this form (tests/unit/test_dedup.c pins it). */
void chr_text_identity(const char *text, size_t len, unsigned char out[16])
{
	const unsigned char *s = (const unsigned char *)text;
	XXH3_state_t state;
	XXH3_128bits_reset(&state);
	char chunk[4096];
	size_t n = 0, i = 0;
	while (i < len && white_space[s[i]])
		i++;
	while (i < len) {
		while (i < len && !white_space[s[i]]) {
			if (n == sizeof chunk) {
				XXH3_128bits_update(&state, chunk, n);
				n = 0;
			}
			chunk[n++] = (char)s[i++];
		}
		while (i < len && white_space[s[i]])
			i++;
		if (i < len) {
			if (n == sizeof chunk) {
				XXH3_128bits_update(&state, chunk, n);
				n = 0;
			}
			chunk[n++] = ' ';
		}
	}
	XXH3_128bits_update(&state, chunk, n);
	XXH128_hash_t h = XXH3_128bits_digest(&state);
	XXH128_canonical_t canon;
	XXH128_canonicalFromHash(&canon, h);
	memcpy(out, canon.digest, 16);
}

/* Calls fn(word hash) for each lowercased word of the text. */
#define FOR_EACH_WORD(text, len, body)                                          \
	do {                                                                    \
		pthread_once(&word_bytes_once, make_word_bytes);               \
		char word_[64];                                                 \
		size_t wn_ = 0;                                                 \
		for (size_t i_ = 0; i_ <= (len); i_++) {                        \
			unsigned char c_ = i_ < (len) ? word_bytes[(unsigned char)(text)[i_]] : 0; \
			if (c_) {                                               \
				if (wn_ < sizeof word_)                         \
					word_[wn_++] = (char)c_;                \
				continue;                                       \
			}                                                       \
			if (!wn_)                                               \
				continue;                                       \
			uint64_t word_hash = XXH3_64bits(word_, wn_);           \
			wn_ = 0;                                                \
			body                                                    \
		}                                                               \
	} while (0)

/* A paragraph key takes the words' hashes one after another. */
static inline uint64_t key_step(uint64_t h, uint64_t word_hash)
{
	h = (h ^ word_hash) * 0x9e3779b97f4a7c15ULL;
	return h ^ h >> 29;
}

uint64_t chr_paragraph_key(const char *text, size_t len)
{
	uint64_t h = 0;
	size_t words = 0;
	FOR_EACH_WORD(text, len, {
		h = key_step(h, word_hash);
		words++;
	});
	return words ? h | 1 : 0;
}

static uint64_t mix64(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* The permutation parameters: fixed forever, since signatures are stored.
 * Lanes past CHR_MINHASH_K only round the loop up to whole vectors. */
#define PERM_LANES CHR_SHINGLER_LANES
_Static_assert(CHR_MINHASH_K <= PERM_LANES, "the lanes hold every permutation");
static uint64_t perm_a[PERM_LANES], perm_b[PERM_LANES];
static pthread_once_t perms_once = PTHREAD_ONCE_INIT;

static void make_perms(void)
{
	uint64_t s = 0x6368726f6e69636cULL;   /* "chronicl" */
	for (int i = 0; i < PERM_LANES; i++) {
		perm_a[i] = mix64(s += 0x9e3779b97f4a7c15ULL) | 1;
		perm_b[i] = mix64(s += 0x9e3779b97f4a7c15ULL);
	}
}

static inline uint64_t rotl(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

static inline void fold_shingle(uint32_t *restrict mins, uint64_t h)
{
	for (int p = 0; p < PERM_LANES; p++) {
		uint32_t v = (uint32_t)((perm_a[p] * h + perm_b[p]) >> 32);
		mins[p] = v < mins[p] ? v : mins[p];
	}
}

static inline uint64_t shingle_hash(const uint64_t *window, size_t first, size_t n)
{
	uint64_t h = 0;
	for (size_t k = 0; k < n; k++)
		h ^= rotl(window[(first + k) % SHINGLE], (int)(k * 17 + 1));
	return mix64(h);
}

/* Loops over 64 independent lanes (MinHash permutations, SimHash bits) are
 * built for three instruction sets; the loader picks one (GCC on x86-64;
 * elsewhere, and under ASan, one plain build). */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(__SANITIZE_ADDRESS__)
#define LANE_CLONES __attribute__((target_clones("arch=x86-64-v4", "avx2", "default")))
#else
#define LANE_CLONES
#endif

void chr_shingler_init(chr_shingler *s)
{
	pthread_once(&perms_once, make_perms);
	for (int i = 0; i < PERM_LANES; i++)
		s->mins[i] = UINT32_MAX;
	memset(s->window, 0, sizeof s->window);
	s->words = s->shingles = 0;
}

_Static_assert(SHINGLE == sizeof ((chr_shingler *)0)->window / sizeof (uint64_t), "a window holds a shingle");

LANE_CLONES
uint64_t chr_shingler_add(chr_shingler *s, const char *text, size_t len)
{
	uint64_t key = 0;
	size_t words = 0;
	FOR_EACH_WORD(text, len, {
		key = key_step(key, word_hash);
		words++;
		s->window[s->words % SHINGLE] = word_hash;
		s->words++;
		if (s->words >= SHINGLE) {
			fold_shingle(s->mins, shingle_hash(s->window, s->words - SHINGLE, SHINGLE));
			s->shingles++;
		}
	});
	return words ? key | 1 : 0;
}

size_t chr_shingler_finish(chr_shingler *s, chr_signature *sig)
{
	if (s->words > 0 && s->words < SHINGLE) {
		/* A text shorter than one shingle is its own single shingle. */
		fold_shingle(s->mins, shingle_hash(s->window, 0, s->words));
		s->shingles = 1;
	}
	memcpy(sig->v, s->mins, sizeof sig->v);
	return s->shingles;
}

size_t chr_minhash(const char *text, size_t len, chr_signature *sig)
{
	chr_shingler s;
	chr_shingler_init(&s);
	chr_shingler_add(&s, text, len);
	return chr_shingler_finish(&s, sig);
}

void chr_lsh_keys(const chr_signature *sig, int64_t keys[CHR_LSH_BANDS])
{
	for (int b = 0; b < CHR_LSH_BANDS; b++) {
		uint64_t h = XXH3_64bits_withSeed(sig->v + b * CHR_LSH_ROWS, CHR_LSH_ROWS * sizeof(uint32_t),
						  (uint64_t)b);
		keys[b] = (int64_t)h;
	}
}

double chr_signature_similarity(const chr_signature *a, const chr_signature *b)
{
	int same = 0;
	for (int i = 0; i < CHR_MINHASH_K; i++)
		same += a->v[i] == b->v[i];
	return (double)same / CHR_MINHASH_K;
}

/*
 * SimHash counts, for each of the 64 bits, the shingles whose hash has it
 * set.  Bit by bit that is 64 steps per shingle; instead each byte of the
 * hash is looked up as eight one-byte counters side by side (spread[x]
 * has byte i = bit i of x) and added to a running word, eight additions
 * per shingle, emptied into the real counts before a byte can overflow.
 */
static uint64_t spread[256];
static pthread_once_t spread_once = PTHREAD_ONCE_INIT;

static void make_spread(void)
{
	for (unsigned x = 0; x < 256; x++)
		for (int i = 0; i < 8; i++)
			spread[x] |= (uint64_t)((x >> i) & 1) << (8 * i);
}

static void empty_counters(uint64_t acc[8], uint32_t counts[64])
{
	for (int k = 0; k < 8; k++) {
		for (int i = 0; i < 8; i++)
			counts[8 * k + i] += (uint32_t)((acc[k] >> (8 * i)) & 0xff);
		acc[k] = 0;
	}
}

uint64_t chr_simhash(const char *text, size_t len)
{
	pthread_once(&spread_once, make_spread);
	uint64_t acc[8] = { 0 };
	uint32_t counts[64] = { 0 };
	uint64_t w0 = 0, w1 = 0;
	size_t words = 0, shingles = 0, pending = 0;
	FOR_EACH_WORD(text, len, {
		words++;
		if (words >= 3) {
			uint64_t h = mix64(rotl(w0, 1) ^ rotl(w1, 18) ^ rotl(word_hash, 35));
			for (int k = 0; k < 8; k++)
				acc[k] += spread[(h >> (8 * k)) & 0xff];
			shingles++;
			if (++pending == 255) {
				empty_counters(acc, counts);
				pending = 0;
			}
		}
		w0 = w1;
		w1 = word_hash;
	});
	if (words < 3)
		return words ? mix64(w0 ^ rotl(w1, 18)) : 0;
	empty_counters(acc, counts);
	/* A bit is set when most shingles have it (more votes for than against). */
	uint64_t out = 0;
	for (int b = 0; b < 64; b++)
		if (2 * (uint64_t)counts[b] > shingles)
			out |= 1ULL << b;
	return out;
}

int chr_simhash_distance(uint64_t a, uint64_t b)
{
	return __builtin_popcountll(a ^ b);
}
