/*
 * header.c - read stage: the " date YYYY-MM-DD [STATUS]" header that the
 * scrapers put at the start of a text file, alone on its line or running
 * straight into the body, and the dates given with JSON Lines and WARC
 * records.  The header's date becomes the document date (basis "header").
 */
#include "read/header.h"

#include <string.h>

static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_blank(char c) { return c == ' ' || c == '\t'; }

static int valid_ymd(const char *p)
{
	for (int i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (p[i] != '-')
				return 0;
		} else if (!is_digit(p[i])) {
			return 0;
		}
	}
	int month = (p[5] - '0') * 10 + (p[6] - '0');
	int day = (p[8] - '0') * 10 + (p[9] - '0');
	return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

int chr_text_header_parse(const char *s, size_t len, chr_text_header *out)
{
	size_t i = 0;
	memset(out, 0, sizeof *out);
	while (i < len && is_blank(s[i]))
		i++;
	if (len - i < 4 + 1 + 10 || memcmp(s + i, "date", 4) != 0 || !is_blank(s[i + 4]))
		return 0;
	i += 4;
	while (i < len && is_blank(s[i]))
		i++;
	if (len - i < 10 || !valid_ymd(s + i) || (len - i > 10 && is_digit(s[i + 10])))
		return 0;
	memcpy(out->date, s + i, 10);
	out->date[10] = '\0';
	i += 10;
	size_t j = i;
	while (j < len && is_blank(s[j]))
		j++;
	/* A status is three digits 100-599 ending the line; a number that runs
	 * on into words belongs to the body. */
	if (j > i && len - j >= 3 && is_digit(s[j]) && is_digit(s[j + 1]) && is_digit(s[j + 2]) &&
	    s[j] >= '1' && s[j] <= '5' && (len - j == 3 || s[j + 3] == '\n' || s[j + 3] == '\r')) {
		out->http_status = (s[j] - '0') * 100 + (s[j + 1] - '0') * 10 + (s[j + 2] - '0');
		j += 3;
	}
	while (j < len && (is_blank(s[j]) || s[j] == '\n' || s[j] == '\r'))
		j++;
	out->body_offset = j;
	return 1;
}

int chr_read_date_prefix(const char *s, size_t len, char out[11])
{
	size_t i = 0;
	while (i < len && is_blank(s[i]))
		i++;
	if (len - i < 10 || !valid_ymd(s + i) || (len - i > 10 && is_digit(s[i + 10])))
		return 0;
	memcpy(out, s + i, 10);
	out[10] = '\0';
	return 1;
}
