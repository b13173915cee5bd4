/*
 * dates.c - TIMEX3 date values as day ranges, for comparing dates of
 * different precision: "2025-12" covers "2025-12-03", "2025-W49" covers
 * Monday to Sunday of that ISO week.
 */
#include <stdlib.h>
#include <string.h>

#include "analyze/timex_int.h"
#include "fuse/fuse.h"

static int digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 1;
}

int chr_date_span(const char *value, int64_t *lo, int64_t *hi)
{
	if (!value)
		return 0;
	size_t len = strlen(value);
	int y, m, d;
	if (len < 4 || !digits(value, 4, &y) || y < 1)
		return 0;
	if (len == 4) {
		*lo = chr_tx_days(y, 1, 1);
		*hi = chr_tx_days(y, 12, 31);
		return 1;
	}
	if (value[4] != '-')
		return 0;
	if (len == 8 && value[5] == 'W' && digits(value + 6, 2, &d) && d >= 1 && d <= 53) {
		/* ISO week 1 holds January 4th. */
		int64_t jan4 = chr_tx_days(y, 1, 4);
		int64_t monday = jan4 - (chr_tx_weekday(y, 1, 4) - 1);
		*lo = monday + (int64_t)(d - 1) * 7;
		*hi = *lo + 6;
		return 1;
	}
	if (len >= 7 && digits(value + 5, 2, &m) && m >= 1 && m <= 12) {
		if (len == 7) {
			*lo = chr_tx_days(y, m, 1);
			*hi = chr_tx_days(y, m, chr_tx_month_days(y, m));
			return 1;
		}
		if (len == 10 && value[7] == '-' && digits(value + 8, 2, &d) && chr_tx_valid_date(y, m, d)) {
			*lo = *hi = chr_tx_days(y, m, d);
			return 1;
		}
	}
	return 0;
}
