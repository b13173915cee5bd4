/*
 * status.c - status names and the library version.
 */
#include "chronicle.h"

const char *chr_strerror(chr_status status)
{
	switch (status) {
	case CHR_OK: return "success";
	case CHR_DONE: return "no more items";
	case CHR_ENOMEM: return "out of memory";
	case CHR_EIO: return "input/output error";
	case CHR_EINVAL: return "invalid argument";
	case CHR_EFORMAT: return "unrecognised format";
	case CHR_ELIMIT: return "size limit exceeded";
	}
	return "unknown status";
}

const char *chr_version(void)
{
	return CHR_VERSION;
}
