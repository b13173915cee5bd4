/*
 * pending_timex.c - TEMPORARY while issue 3 is built in parallel: an empty
 * chr_timex_find so main links before timex.c lands.  The branch that adds
 * timex.c deletes this file.
 */
#include <string.h>

#include "analyze/timex.h"

chr_status chr_timex_find(chr_arena *arena, const chr_tokens *toks,
						 const char *anchor, chr_timexes *out)
{
	(void)arena; (void)toks; (void)anchor;
	memset(out, 0, sizeof *out);
	return CHR_OK;
}
