/*
 * timex_norm.c - writes TIMEX3 values: dates with X for what the text
 * leaves open ("XXXX-12-03"), ISO weeks ("2025-W50"), durations ("PT5H",
 * "P3D", "PXW").  Every writer is bounded by the 32-byte value field.
 */
#include <stdio.h>
#include <string.h>

#include "analyze/timex_int.h"

/* Writes v as exactly width digits (the callers bound v). */
static char *put_digits(char *p, int v, int width)
{
	for (int k = width - 1; k >= 0; k--) {
		p[k] = (char)('0' + v % 10);
		v /= 10;
	}
	return p + width;
}

/* These run for every date the pass writes, so they build the string by
 * hand rather than through snprintf. */
void chr_tx_fmt_year(char *out, int y)
{
	if (y <= 0 || y > 9999)
		memcpy(out, "XXXX", 5);
	else
		*put_digits(out, y, 4) = '\0';
}

void chr_tx_fmt_month(char *out, int y, int m)
{
	chr_tx_fmt_year(out, y);
	out[4] = '-';
	if (m >= 1 && m <= 12)
		put_digits(out + 5, m, 2);
	else
		memcpy(out + 5, "XX", 2);
	out[7] = '\0';
}

void chr_tx_fmt_day(char *out, int y, int m, int d)
{
	chr_tx_fmt_month(out, y, m);
	out[7] = '-';
	if (d >= 1 && d <= 31)
		put_digits(out + 8, d, 2);
	else
		memcpy(out + 8, "XX", 2);
	out[10] = '\0';
}

void chr_tx_fmt_week(char *out, int y, int w)
{
	chr_tx_fmt_year(out, y);
	memcpy(out + 4, "-W", 2);
	if (w >= 1 && w <= 53)
		put_digits(out + 6, w, 2);
	else
		memcpy(out + 6, "XX", 2);
	out[8] = '\0';
}

void chr_tx_fmt_rel_day(char *out, const tx_anchor *a, int delta)
{
	int y = 0, m = 0, d = 0;
	if (a->ok) {
		chr_tx_civil(chr_tx_days(a->y, a->m, a->d) + delta, &y, &m, &d);
		if (y < 1 || y > 9999)
			y = m = d = 0;
	}
	chr_tx_fmt_day(out, y, m, d);
}

void chr_tx_fmt_duration(char *out, double n, int unit)
{
	const char *u = "D";
	int time = 0;
	switch (unit) {
	case TXS_S: u = "S"; time = 1; break;
	case TXS_MIN: u = "M"; time = 1; break;
	case TXS_H: u = "H"; time = 1; break;
	case TXS_D: u = "D"; break;
	case TXS_W: u = "W"; break;
	case TXS_WE: u = "D"; n = n < 0 ? n : n * 2; break;
	case TXS_FN: u = "W"; n = n < 0 ? n : n * 2; break;
	case TXS_M: u = "M"; break;
	case TXS_Q: u = "M"; n = n < 0 ? n : n * 3; break;
	case TXS_HA: u = "M"; n = n < 0 ? n : n * 6; break;
	case TXS_Y: u = "Y"; break;
	case TXS_DE: u = "Y"; n = n < 0 ? n : n * 10; break;
	case TXS_CE: u = "Y"; n = n < 0 ? n : n * 100; break;
	case TXS_ML: u = "Y"; n = n < 0 ? n : n * 1000; break;
	default: break;
	}
	double whole = (double)(long long)n;
	if (n >= 0 && n < 1e6 && n - whole == 0.5) {
		/* halves in the next smaller unit: "5 1/2 hours" is PT5H30M */
		long long w = (long long)whole;
		const char *half = NULL;
		switch (unit) {
		case TXS_H: half = "30M"; break;
		case TXS_MIN: half = "30S"; break;
		case TXS_Y: half = "6M"; break;
		case TXS_D: half = "T12H"; break;
		default: break;
		}
		if (half) {
			if (w)
				snprintf(out, 32, "P%s%lld%s%s", time ? "T" : "", w, u, half);
			else
				snprintf(out, 32, "P%s%s", time ? "T" : "", half);
			return;
		}
	}
	if (n < 0)
		snprintf(out, 32, "P%sX%s", time ? "T" : "", u);
	else if (n == (double)(long long)n && n < 1e9)
		snprintf(out, 32, "P%s%lld%s", time ? "T" : "", (long long)n, u);
	else if (n < 1e9)
		snprintf(out, 32, "P%s%g%s", time ? "T" : "", n, u);
	else
		snprintf(out, 32, "P%sX%s", time ? "T" : "", u);
}
