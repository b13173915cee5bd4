/*
 * pending_tagger.c - TEMPORARY while issue 3 is built in parallel: no
 * model, so entity.c links and runs on lists and rules alone before
 * tagger.c lands.  The merge that brings tagger.c deletes this file.
 */
#include "analyze/tagger.h"

const chr_tagger *chr_tagger_default(void)
{
	return NULL;
}

chr_status chr_tagger_tag(const chr_tagger *model, const chr_tokens *toks, const chr_gaz_bits *gaz,
			  uint8_t *tags_out)
{
	(void)model; (void)toks; (void)gaz; (void)tags_out;
	return CHR_EINVAL;
}
