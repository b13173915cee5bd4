/*
 * entity_rules.c - analyze stage: the patterns of entity recognition for
 * names no list holds.
 *
 * - office title + capitalised name: "Foreign Minister Sergey Lavrov",
 *   "US Special Presidential Envoy Steve Witkoff", "former US President Joe
 *   Biden"; the role (with its country or demonym) is kept for the
 *   mention, "former" sets the flag, honorifics (Mr, Dr) mark a name but
 *   are no role;
 * - capitalised sequences: a listed given name first ("Cres Eastman"),
 *   an organisation head word ("... Centre for Control of ...", "University
 *   of NSW"), a place head word ("Murray River").
 * Each pattern looks at a bounded window (MAX_SPAN_TOKENS), so the passes
 * are linear in the document's tokens.
 */
#include "analyze/entity_internal.h"

#include <string.h>

/* A place or country that can stand before a title ("US President"). */
static int country_before(const ent_ctx *c, size_t k, size_t lim, size_t *start)
{
	for (size_t j = k >= lim + 4 ? k - 4 : lim; j < k; j++) {
		const chr_gaz_entry *e;
		size_t n = ent_gaz(c, j, &e);
		if (n && j + n == k && (e->type == CHR_ENT_PLACE || e->type == CHR_ENT_MISC)) {
			*start = j;
			return 1;
		}
	}
	return 0;
}

size_t ent_role_before(const ent_ctx *c, size_t i, int *former)
{
	const chr_tokens *t = c->t;
	size_t s0 = t->sent[t->tok[i].sentence].tok_begin;
	size_t lim = i >= s0 + 12 ? i - 12 : s0;
	size_t k = i;
	int any = 0;
	*former = 0;
	for (;;) {
		size_t best = k;
		for (size_t j = k >= lim + 6 ? k - 6 : lim; j < k; j++)
			if (c->title[j] && j + c->title[j] == k) {
				best = j;
				break;
			}
		if (best < k) {
			k = best;
			any = 1;
			continue;
		}
		if (!any || k <= lim)
			break;
		/* A country or demonym belongs to a capitalised title only:
		 * "US President", but "US president" is a place and a title. */
		size_t st;
		if ((t->tok[k].flags & CHR_TF_UPPER) && country_before(c, k, lim, &st)) {
			k = st;
			continue;
		}
		break;
	}
	if (!any)
		return i;
	if ((k > s0 && ent_is_former(c, k - 1)) || (c->wc[k] & EW_EX_TITLE))
		*former = 1;
	return k;
}

static int is_particle(const ent_ctx *c, size_t i)
{
	return (c->wc[i] & EW_PARTICLE) != 0;
}

/* An initial: one capital letter with its period ("J."). */
static int is_initial(const ent_ctx *c, size_t i)
{
	const chr_token *t = &c->t->tok[i];
	return ent_is_cap(c, i) && (t->flags & CHR_TF_ABBREV) && t->end - t->start == 2;
}

/* Weekdays and months end a name: "... McGuire Sunday, May 28". */
static int is_calendar_word(const ent_ctx *c, size_t i)
{
	return (c->wc[i] & EW_CALENDAR) != 0;
}

/* The end of a person's name starting at k: capitalised words (and
 * initials, inner particles), at most 4, none a title, a stop word or a
 * word the document writes in lowercase (a title-case heading). */
static size_t name_end(const ent_ctx *c, size_t k)
{
	const chr_tokens *t = c->t;
	size_t send = t->sent[t->tok[k].sentence].tok_end;
	size_t j = k;
	while (j < send && j - k < 4) {
		if (c->own[j] != OWN_FREE)
			break;
		if (is_particle(c, j) && j > k && j + 1 < send && ent_is_cap(c, j + 1)) {
			j++;
			continue;
		}
		if (!ent_is_cap(c, j) || c->title[j] || ent_is_honorific(c, j))
			break;
		uint64_t key = t->tok[j].key;
		/* A word the document also writes in lowercase starts no name
		 * ("President Says ..." in a heading), but may end one
		 * ("Senator Rick Santorum" beside "santorum"). */
		if (!is_initial(c, j) && (chr_gaz_stop(c->g, key) || is_calendar_word(c, j) ||
					  (j == k && ent_seen_lower(c, key) && !chr_gaz_first_name(c->g, key))))
			break;
		const chr_gaz_entry *e;
		size_t n = ent_gaz(c, j, &e);
		if (n && e->type != CHR_ENT_PERSON && j == k)
			break;   /* "President Kennedy Airport" is rare; "Minister Moscow" is no name */
		if (n && e->type == CHR_ENT_PERSON && j == k)
			return j + n;
		j++;
	}
	return j;
}

static void reserve_role(ent_ctx *c, size_t rb, size_t re)
{
	for (size_t i = rb; i < re; i++)
		if (c->own[i] == OWN_FREE)
			c->own[i] = OWN_ROLE;
}

chr_status ent_rules_titles(ent_ctx *c)
{
	const chr_tokens *t = c->t;
	for (size_t i = 0; i < t->n; i++) {
		size_t len = c->title[i];
		int hon = 0;
		if (!len && ent_is_honorific(c, i)) {
			len = 1;
			hon = 1;
		}
		if (!len)
			continue;
		size_t k = i + len;
		if (k >= t->n || t->tok[k].sentence != t->tok[i].sentence)
			continue;
		const chr_gaz_entry *te;
		size_t tn = ent_gaz(c, i, &te);
		if (tn > len && te->type != CHR_ENT_MISC)
			continue;   /* "St. Louis", "General Motors": a listed name */
		if (!ent_is_cap(c, k) || c->title[k])
			continue;
		size_t e = name_end(c, k);
		if (e == k)
			continue;
		if (!ent_free_range(c, k, e))
			continue;
		const chr_gaz_entry *ge;
		size_t gn = ent_gaz(c, k, &ge);
		long si = ent_accept(c, (uint32_t)k, (uint32_t)e, CHR_ENT_PERSON, SRC_TITLE,
				     gn == e - k && ge && ge->type == CHR_ENT_PERSON ? ge : NULL);
		if (si < 0)
			continue;
		int former;
		size_t rb = ent_role_before(c, k, &former);
		if (hon && rb == k)
			rb = i;   /* Mr, Dr: owned, but no role */
		reserve_role(c, rb, k);
		i = e - 1;
	}
	return CHR_OK;
}

static int has_class(const ent_ctx *c, size_t i, uint32_t cls)
{
	return (c->wc[i] & cls) != 0;
}

static int is_connector(const ent_ctx *c, size_t i)
{
	return has_class(c, i, EW_RUN_CONNECTOR) ||
	       (c->t->tok[i].kind == CHR_TOK_SYMBOL && c->t->text[c->t->tok[i].start] == '&');
}

/* An organisation's head word among the words before the first
 * connector, or last: "Medical Journal of Australia", "Tass News Agency". */
static int has_org_head(const ent_ctx *c, size_t b, size_t e)
{
	if (has_class(c, e - 1, EW_ORG_HEAD))
		return 1;
	for (size_t j = b; j < e && !is_connector(c, j); j++)
		if (has_class(c, j, EW_ORG_HEAD) && j + 1 < e)
			return 1;
	return 0;
}

/* A run of capitalised words [i, *end), connectors allowed inside. */
static size_t caps_run(const ent_ctx *c, size_t i)
{
	const chr_tokens *t = c->t;
	size_t send = t->sent[t->tok[i].sentence].tok_end;
	size_t j = i;
	while (j < send && j - i < MAX_SPAN_TOKENS && c->own[j] == OWN_FREE) {
		if (j > i && is_calendar_word(c, j))
			break;
		/* "Washington State University Simon Ličen": a given name after
		 * an organisation's head word starts another name */
		if (j > i && ((c->bits[j] & CHR_GAZ_FIRST_NAME) != 0) && has_class(c, j - 1, EW_ORG_HEAD))
			break;
		if (ent_is_cap(c, j) || (j > i && is_initial(c, j))) {
			j++;
			continue;
		}
		/* "Troy Patterson of Slate Magazine": a person's name ends at
		 * the connector */
		if (j > i && ((c->bits[i] & CHR_GAZ_FIRST_NAME) != 0) && !has_org_head(c, i, j))
			break;
		if (j > i && j + 1 < send && (is_connector(c, j) || (is_particle(c, j))) && ent_is_cap(c, j + 1) &&
		    c->own[j + 1] == OWN_FREE) {
			j++;
			continue;
		}
		/* "Korean People's Army", "New People's Party" */
		if (j > i && j + 1 < send && (t->tok[j].flags & CHR_TF_POSSESSIVE) && ent_is_cap(c, j + 1) &&
		    has_class(c, j + 1, EW_ORG_HEAD) && c->own[j + 1] == OWN_FREE) {
			j++;
			continue;
		}
		/* "Foundation for the Visual Arts", "Council for the Welfare of" */
		if (j > i && j + 2 < send && has_class(c, j, EW_OF) && has_class(c, j + 1, EW_THE) &&
		    ent_is_cap(c, j + 2) && c->own[j + 1] == OWN_FREE && c->own[j + 2] == OWN_FREE &&
		    has_org_head(c, i, j)) {
			j += 2;
			continue;
		}
		break;
	}
	return j;
}

/* The first token at or after i that is capitalised and owned by no span
 * yet (t->n when there is none): where the run rules look for a name. */
static size_t next_free_cap(const ent_ctx *c, size_t i)
{
	while (i < c->t->n && (c->own[i] != OWN_FREE || !ent_is_cap(c, i)))
		i++;
	return i;
}

chr_status ent_rules_caps(ent_ctx *c)
{
	const chr_tokens *t = c->t;
	for (size_t i = 0; (i = next_free_cap(c, i)) < t->n;) {
		size_t e = caps_run(c, i);
		size_t b = i;
		size_t next = e > i ? e : i + 1;
		if (e - b >= MAX_SPAN_TOKENS) {
			/* a heading or a list in capitals: skip the whole run */
			while (next < t->n && ent_is_cap(c, next))
				next++;
			i = next;
			continue;
		}
		/* Sentence-initial common word: "Following the talks". */
		while (b < e && ent_sentence_start(c, b) && (((c->bits[b] & CHR_GAZ_STOP) != 0) ||
		       (ent_seen_lower(c, t->tok[b].key) && !((c->bits[b] & CHR_GAZ_FIRST_NAME) != 0))))
			b++;
		while (e > b && !ent_is_cap(c, e - 1))
			e--;
		/* A capitalised noun before a given name is no part of the name:
		 * German "Vizeaussenministerin Maren Holst", an unlisted title. */
		while (b + 2 <= e - 1 && !(c->bits[b] & CHR_GAZ_FIRST_NAME) &&
		       (c->bits[b + 1] & CHR_GAZ_FIRST_NAME) && !c->gm_n[b] && ent_is_cap(c, b + 2))
			b++;
		if (b >= e) {
			i = next;
			continue;
		}
		int type = -1;
		int hon = b > 0 && ent_is_honorific(c, b - 1);
		int first = ((c->bits[b] & CHR_GAZ_FIRST_NAME) != 0) && !ent_seen_lower(c, t->tok[b].key);
		int conn = 0;
		for (size_t j = b; j < e; j++)
			if (!ent_is_cap(c, j))
				conn = 1;
		const chr_gaz_entry *ge;
		size_t gn = e - b >= 2 ? ent_gaz(c, b + 1, &ge) : 0;
		if (e - b >= 2 && has_org_head(c, b, e))
			type = CHR_ENT_ORG;
		else if (gn && gn == e - b - 1 && ge->type == CHR_ENT_PLACE && has_class(c, b, EW_COMPASS))
			type = CHR_ENT_PLACE;   /* "Western Australia", "South Sudan" */
		else if (has_class(c, e - 1, EW_PLACE_HEAD) && e - b >= 2)
			type = CHR_ENT_PLACE;
		else if (!conn && ((hon && e - b <= 3) || (first && e - b >= 2 && e - b <= 4)))
			type = CHR_ENT_PERSON;
		else if (!conn && e - b <= 3 && e < t->n && has_class(c, e, EW_SPEECH) && !c->gm_n[b] &&
			 !(c->bits[b] & CHR_GAZ_STOP))
			type = CHR_ENT_PERSON;   /* "..., Giuliani said": someone speaking */
		if (type >= 0)
			ent_accept(c, (uint32_t)b, (uint32_t)e, (chr_ent_type)type, SRC_RULE, NULL);
		i = next;
	}
	return CHR_OK;
}

chr_status ent_rules_orgs(ent_ctx *c)
{
	const chr_tokens *t = c->t;
	for (size_t i = 0; (i = next_free_cap(c, i)) < t->n;) {
		size_t e = caps_run(c, i);
		size_t b = i;
		size_t next = e > i ? e : i + 1;
		while (b < e && ent_sentence_start(c, b) && ((c->bits[b] & CHR_GAZ_STOP) != 0))
			b++;
		while (e > b && !ent_is_cap(c, e - 1))
			e--;
		/* "Director of Media ...": an office title opens no organisation */
		while (b < e && c->title[b] && b + c->title[b] < e && is_connector(c, b + c->title[b]))
			b += c->title[b] + 1;
		/* "Jann Wenner of Rolling Stone Magazine": when the head word
		 * comes only after the connector, the name starts after it */
		size_t k = b;
		while (k < e && !is_connector(c, k))
			k++;
		if (k + 2 < e && !has_org_head(c, b, k) && has_org_head(c, k + 1, e))
			b = k + 1;
		const chr_gaz_entry *ge;
		size_t gn = b < e && e - b >= 2 ? ent_gaz(c, b + 1, &ge) : 0;
		if (b < e && e - b < MAX_SPAN_TOKENS && e - b >= 2 && has_org_head(c, b, e))
			ent_accept(c, (uint32_t)b, (uint32_t)e, CHR_ENT_ORG, SRC_RULE, NULL);
		else if (gn && gn == e - b - 1 && ge->type == CHR_ENT_PLACE && has_class(c, b, EW_COMPASS))
			ent_accept(c, (uint32_t)b, (uint32_t)e, CHR_ENT_PLACE, SRC_RULE, NULL);
		i = next;
	}
	return CHR_OK;
}

int ent_is_event_head(const ent_ctx *c, size_t i)
{
	return has_class(c, i, EW_EVENT_HEAD);
}

int ent_head_type(const ent_ctx *c, size_t b, size_t e)
{
	if (e - b >= 2 && has_class(c, e - 1, EW_EVENT_HEAD))
		return CHR_ENT_MISC;
	if (e - b >= 2 && has_org_head(c, b, e))
		return CHR_ENT_ORG;
	if (e - b >= 2 && has_class(c, e - 1, EW_PLACE_HEAD))
		return CHR_ENT_PLACE;
	return -1;
}
