/* Date arithmetic on the proleptic Gregorian calendar, no time zones. */
#include <stdio.h>
#include <string.h>

#include "date.h"

static const char *day_names[] = {"mon", "tue", "wed", "thu",
				  "fri", "sat", "sun"};
static const char *day_titles[] = {"Mon", "Tue", "Wed", "Thu",
				   "Fri", "Sat", "Sun"};

/* Howard Hinnant's days_from_civil. */
date_t
date_from_ymd(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
date_to_ymd(date_t z, int *y, int *m, int *d)
{
	int era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

int
date_weekday(date_t z)
{
	/* 1970-01-01 was a Thursday. */
	int w = (z + 3) % 7;

	return w < 0 ? w + 7 : w;
}

static int
digits(const char *s, int n, int *out)
{
	int i, v = 0;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

static int
days_in_month(int y, int m)
{
	static const int len[] = {31, 28, 31, 30, 31, 30,
				  31, 31, 30, 31, 30, 31};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : len[m - 1];
}

int
date_parse(const char *s, date_t *out)
{
	int y, m, d;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	if (digits(s, 4, &y) || digits(s + 5, 2, &m) || digits(s + 8, 2, &d))
		return -1;
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return -1;
	*out = date_from_ymd(y, m, d);
	return 0;
}

int
date_parse_uk(const char *s, date_t *out)
{
	int f[3] = {0, 0, 0}, len[3] = {0, 0, 0}, i = 0;

	for (; *s != '\0'; s++) {
		if (*s == '/') {
			if (++i > 2)
				return -1;
		} else if (*s >= '0' && *s <= '9' && len[i] < 4) {
			f[i] = f[i] * 10 + (*s - '0');
			len[i]++;
		} else
			return -1;
	}
	if (i != 2 || len[0] < 1 || len[0] > 2 || len[1] < 1 || len[1] > 2 ||
	    len[2] != 4)
		return -1;
	if (f[2] < 1900 || f[1] < 1 || f[1] > 12 || f[0] < 1 ||
	    f[0] > days_in_month(f[2], f[1]))
		return -1;
	*out = date_from_ymd(f[2], f[1], f[0]);
	return 0;
}

void
date_format(date_t z, char *buf)
{
	int y, m, d;

	date_to_ymd(z, &y, &m, &d);
	snprintf(buf, 11, "%04d-%02d-%02d", y, m, d);
}

date_t
date_week_monday(date_t z)
{
	return z - date_weekday(z);
}

/* The Monday of ISO week 1: the week holding 4 January. */
static date_t
isoweek_one(int y)
{
	return date_week_monday(date_from_ymd(y, 1, 4));
}

int
date_parse_isoweek(const char *s, date_t *monday)
{
	int y, w;
	date_t first;

	if (strlen(s) != 8 || s[4] != '-' || (s[5] != 'W' && s[5] != 'w'))
		return -1;
	if (digits(s, 4, &y) || digits(s + 6, 2, &w) || y < 1900 || w < 1)
		return -1;
	first = isoweek_one(y);
	if (w > (isoweek_one(y + 1) - first) / 7)
		return -1;
	*monday = first + (w - 1) * 7;
	return 0;
}

void
date_format_isoweek(date_t z, char *buf)
{
	int y, m, d;
	date_t thursday = date_week_monday(z) + 3;

	/* The ISO year is the year of the week's Thursday. */
	date_to_ymd(thursday, &y, &m, &d);
	snprintf(buf, 16, "%04u-W%02u", (unsigned)y % 10000u,
		 (unsigned)((thursday - isoweek_one(y)) / 7 + 1) % 100u);
}

int
date_parse_hhmm(const char *s, int *minutes)
{
	int h, m;

	if (strlen(s) != 5 || s[2] != ':')
		return -1;
	if (digits(s, 2, &h) || digits(s + 3, 2, &m) || h > 23 || m > 59)
		return -1;
	*minutes = h * 60 + m;
	return 0;
}

void
date_format_hhmm(int minutes, char *buf)
{
	snprintf(buf, 8, "%02d:%02d", (minutes / 60) % 100, minutes % 60);
}

const char *
date_day_name(int weekday)
{
	return day_names[weekday];
}

const char *
date_day_title(int weekday)
{
	return day_titles[weekday];
}

int
date_day_from_name(const char *s)
{
	int i;

	for (i = 0; i < 7; i++)
		if (strcmp(s, day_names[i]) == 0)
			return i;
	return -1;
}

void
date_format_stamp(date_t d, int minutes, char buf[DATE_STAMP_LEN])
{
	int y, m, dd;

	date_to_ymd(d, &y, &m, &dd);
	snprintf(buf, DATE_STAMP_LEN, "%04u%02u%02uT%02u%02u00",
		 (unsigned)y % 10000, (unsigned)m % 100, (unsigned)dd % 100,
		 (unsigned)minutes / 60 % 100, (unsigned)minutes % 60);
}
