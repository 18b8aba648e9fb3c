/* Civil dates as day numbers, ISO weeks and wall-clock times of day. */
#ifndef DATE_H
#define DATE_H

typedef int date_t; /* days since 1970-01-01 */

enum { DATE_MON, DATE_TUE, DATE_WED, DATE_THU, DATE_FRI, DATE_SAT, DATE_SUN };

date_t date_from_ymd(int y, int m, int d);
void date_to_ymd(date_t, int *y, int *m, int *d);
int date_weekday(date_t); /* DATE_MON .. DATE_SUN */
/* Strict YYYY-MM-DD, years 1900-9999; 0 on success, -1 otherwise. */
int date_parse(const char *, date_t *);
/* D/M/YYYY or DD/MM/YYYY, as a UK spreadsheet saves a date; 0 or -1. */
int date_parse_uk(const char *, date_t *);
/* buf holds at least 11 bytes. */
void date_format(date_t, char *buf);
/* Strict YYYY-Www; sets the Monday of that ISO week. */
int date_parse_isoweek(const char *, date_t *monday);
/* buf holds at least 16 bytes: "2026-W49". */
void date_format_isoweek(date_t, char *buf);
date_t date_week_monday(date_t);
/* Strict HH:MM (00:00 .. 23:59) as minutes after midnight. */
int date_parse_hhmm(const char *, int *minutes);
/* buf holds at least 8 bytes: "08:30". */
void date_format_hhmm(int minutes, char *buf);
/* A local date and time as iCalendar writes it: "20261130T083000". */
#define DATE_STAMP_LEN 16
void date_format_stamp(date_t, int minutes, char buf[DATE_STAMP_LEN]);
const char *date_day_name(int weekday);	 /* "mon" */
const char *date_day_title(int weekday); /* "Mon" */
int date_day_from_name(const char *);	 /* -1 when unknown */

#endif
