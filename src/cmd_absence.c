/*
 * pcnrota absence: record, list or remove an absence in the network's
 * absences file, for the next replan to read.
 */
#include <ctype.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "absence.h"
#include "cfg.h"
#include "cmd.h"
#include "xmalloc.h"

static int cmd_absence_exec(int, char **);

const struct cmd_entry cmd_absence_entry = {
    "absence",
    "absence NETWORK.ini (STAFF DATE[..DATE] [--session SESSION] "
    "[--reason leave|sickness|training] | --list | --remove UID|NUMBER)",
    cmd_absence_exec};

static int
usage(void)
{
	fprintf(stderr, "usage: pcnrota %s\n", cmd_absence_entry.usage);
	return PCN_EXIT_USAGE;
}

/* DATE or DATE..DATE; -1 with the problem printed. */
static int
parse_dates(const char *v, date_t *from, date_t *to)
{
	const char *dots = strstr(v, "..");
	char first[16];

	if (dots == NULL) {
		if (date_parse(v, from) != 0)
			goto bad;
		*to = *from;
		return 0;
	}
	if ((size_t)(dots - v) >= sizeof first)
		goto bad;
	memcpy(first, v, (size_t)(dots - v));
	first[dots - v] = '\0';
	if (date_parse(first, from) != 0 || date_parse(dots + 2, to) != 0)
		goto bad;
	if (*to < *from) {
		fprintf(stderr, "pcnrota: %s ends before it starts\n", v);
		return -1;
	}
	if (*to - *from >= ABSENCE_MAX_DAYS) {
		fprintf(stderr,
			"pcnrota: %s is longer than %d days: record it in "
			"parts\n",
			v, ABSENCE_MAX_DAYS);
		return -1;
	}
	return 0;
bad:
	fprintf(stderr,
		"pcnrota: bad date \"%s\": use YYYY-MM-DD or "
		"YYYY-MM-DD..YYYY-MM-DD\n",
		v);
	return -1;
}

/* The network, read without fetching calendars by address. */
static int
load(const char *path, struct net *n)
{
	struct cfg_opts opts = {.offline = true};
	struct diag d;

	diag_init(&d);
	if (cfg_load_opts(path, n, &d, &opts) != 0) {
		diag_print(&d, stderr);
		diag_free(&d);
		return -1;
	}
	diag_free(&d);
	if (n->absences == NULL) {
		fprintf(stderr,
			"pcnrota: %s: no absences file: name one in "
			"[network] (absences = absences.ics)\n",
			path);
		net_free(n);
		return -1;
	}
	return 0;
}

static int
record(struct net *n, const char *who, const char *dates, const char *session,
       const char *reason)
{
	struct absence a;
	char uid[ABSENCE_UID_LEN + 1], *id, *cause = NULL, *p, hint[80];
	int kind, rc;

	memset(&a, 0, sizeof a);
	id = xstrdup(who);
	for (p = id; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	a.staff = net_find_staff(n, id);
	free(id);
	if (a.staff < 0) {
		fprintf(stderr, "pcnrota: no staff \"%s\" in %s%s\n", who,
			n->file, cmd_staff_hint(n, who, hint, sizeof hint));
		return PCN_EXIT_USAGE;
	}
	if (parse_dates(dates, &a.from, &a.to) != 0)
		return PCN_EXIT_USAGE;
	a.session = -1;
	if (session != NULL) {
		id = xstrdup(session);
		for (p = id; *p != '\0'; p++)
			*p = (char)tolower((unsigned char)*p);
		a.session = net_find_session(n, id);
		free(id);
		if (a.session < 0 || n->sessions[a.session].start < 0) {
			fprintf(stderr, "pcnrota: no session \"%s\" in %s\n",
				session, n->file);
			return PCN_EXIT_USAGE;
		}
	}
	if ((kind = absence_kind(reason)) < 0) {
		fprintf(stderr,
			"pcnrota: unknown reason \"%s\": use leave, sickness "
			"or training\n",
			reason);
		return PCN_EXIT_USAGE;
	}
	a.kind = (enum net_absence)kind;
	if ((rc = absence_add(n->absences, n, &a, uid, &cause)) != 0) {
		fprintf(stderr, "pcnrota: %s\n", cause);
		free(cause);
		return rc == -2 ? PCN_EXIT_USAGE : PCN_EXIT_OUTPUT;
	}
	printf("%s\n", uid);
	return fflush(stdout) == 0 ? PCN_EXIT_OK : PCN_EXIT_OUTPUT;
}

static int
cmd_absence_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"session", required_argument, NULL, 's'},
	    {"reason", required_argument, NULL, 'r'},
	    {"list", no_argument, NULL, 'l'},
	    {"remove", required_argument, NULL, 'R'},
	    {NULL, 0, NULL, 0}};
	const char *session = NULL, *reason = "leave", *remove = NULL;
	char *cause = NULL;
	bool list = false;
	struct net n;
	int ch, rc = PCN_EXIT_OK, args;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 's':
			session = optarg;
			break;
		case 'r':
			reason = optarg;
			break;
		case 'l':
			list = true;
			break;
		case 'R':
			remove = optarg;
			break;
		default:
			return usage();
		}
	}
	args = argc - optind;
	if (list || remove != NULL) {
		if (args != 1 || (list && remove != NULL) || session != NULL)
			return usage();
	} else if (args != 3)
		return usage();
	if (load(argv[optind], &n) != 0)
		return PCN_EXIT_CONFIG;
	if (list) {
		if (absence_list(n.absences, stdout, &cause) != 0 ||
		    fflush(stdout) != 0)
			rc = PCN_EXIT_OUTPUT;
	} else if (remove != NULL) {
		if ((rc = absence_remove(n.absences, &n, remove, &cause)) != 0)
			rc = rc == -2 ? PCN_EXIT_USAGE : PCN_EXIT_OUTPUT;
	} else
		rc = record(&n, argv[optind + 1], argv[optind + 2], session,
			    reason);
	if (cause != NULL) {
		fprintf(stderr, "pcnrota: %s\n", cause);
		free(cause);
	}
	net_free(&n);
	return rc;
}
