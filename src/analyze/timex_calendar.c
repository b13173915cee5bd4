/*
 * timex_calendar.c - calendar arithmetic for time expressions: day numbers,
 * weekdays, ISO weeks, month steps and the article date.
 *
 * Proleptic Gregorian over years 1..9999 (the range TIMEX3 can write in
 * four digits).  Day numbers use the civil-from-days method, so every step
 * is O(1) and no date ever loops.
 */
#include "analyze/timex_int.h"

int chr_tx_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int chr_tx_month_days(int y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m < 1 || m > 12)
		return 0;
	return days[m - 1] + (m == 2 && chr_tx_leap(y));
}

int chr_tx_valid_date(int y, int m, int d)
{
	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= chr_tx_month_days(y, m);
}

int64_t chr_tx_days(int y, int m, int d)
{
	int64_t yy = y - (m <= 2);
	int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
	int64_t yoe = yy - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void chr_tx_civil(int64_t z, int *y, int *m, int *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

int chr_tx_weekday(int y, int m, int d)
{
	int64_t z = chr_tx_days(y, m, d);
	/* 1970-01-01 was a Thursday (4) */
	int64_t w = ((z % 7) + 7 + 3) % 7;
	return (int)w + 1;
}

void chr_tx_iso_week(int y, int m, int d, int *wy, int *w)
{
	/* the week belongs to the year of its Thursday */
	int64_t z = chr_tx_days(y, m, d);
	int64_t thu = z - (chr_tx_weekday(y, m, d) - 4);
	int ty, tm, td;
	chr_tx_civil(thu, &ty, &tm, &td);
	*wy = ty;
	*w = (int)((thu - chr_tx_days(ty, 1, 1)) / 7 + 1);
}

void chr_tx_add_months(int *y, int *m, int delta)
{
	int total = *y * 12 + (*m - 1) + delta;
	*y = total / 12;
	*m = total % 12 + 1;
}

tx_anchor chr_tx_anchor(const char *s)
{
	tx_anchor a = { 0, 0, 0, 0 };
	if (!s)
		return a;
	int v[3] = { 0, 0, 0 };
	static const int width[3] = { 4, 2, 2 };
	const char *p = s;
	for (int f = 0; f < 3; f++) {
		for (int k = 0; k < width[f]; k++, p++) {
			if (*p < '0' || *p > '9')
				return a;
			v[f] = v[f] * 10 + (*p - '0');
		}
		if (f < 2 && *p++ != '-')
			return a;
	}
	if (!chr_tx_valid_date(v[0], v[1], v[2]))
		return a;
	a.ok = 1;
	a.y = v[0];
	a.m = v[1];
	a.d = v[2];
	return a;
}
