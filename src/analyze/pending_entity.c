/*
 * pending_entity.c - TEMPORARY while issue 3 is built in parallel: an empty
 * chr_entities_find so main links before entity.c lands.  The branch that
 * adds entity.c deletes this file.
 */
#include <string.h>

#include "analyze/entity.h"

chr_status chr_entities_find(chr_arena *arena, const chr_tokens *toks,
						    chr_entities *out)
{
	(void)arena; (void)toks;
	memset(out, 0, sizeof *out);
	return CHR_OK;
}
