/*
 * label.c - paragraph labels (placeholder: everything not final is body).
 */
#include "clean/clean.h"

chr_status chr_label_blocks(chr_doc *doc)
{
	(void)doc;
	return CHR_OK;
}
