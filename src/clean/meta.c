/*
 * meta.c - title, outlet, language and date (placeholder).
 */
#include "clean/clean.h"

chr_status chr_meta_detect(chr_doc *doc, const chr_clean_opts *opts)
{
	if (!doc->date && opts->date) {
		doc->date = chr_arena_strdup(&doc->arena, opts->date);
		if (!doc->date)
			return CHR_ENOMEM;
		doc->date_basis = CHR_DATE_INPUT;
	}
	return CHR_OK;
}
