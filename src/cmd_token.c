/* pcnrota token: show or rotate the secret name of a feed. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmd.h"
#include "feed.h"
#include "lock.h"
#include "net.h"
#include "store.h"
#include "xmalloc.h"

static int cmd_token_exec(int, char **);

const struct cmd_entry cmd_token_entry = {
    "token", "token NETWORK.ini --out DIR [--state FILE] [--rotate] FEED",
    cmd_token_exec};

static int
usage(void)
{
	fprintf(stderr, "usage: pcnrota %s\n", cmd_token_entry.usage);
	return PCN_EXIT_USAGE;
}

/*
 * FEED as the state keeps its token: STAFF or staff:STAFF, practice:ID,
 * role:ID, network; NULL (printed) when the network has no such feed.
 */
static char *
token_owner(const struct net *n, const char *file, const char *feed)
{
	const char *colon = strchr(feed, ':'), *id = colon ? colon + 1 : feed;
	size_t len = colon ? (size_t)(colon - feed) : 0;
	char *kind = colon ? xstrndup(feed, len) : xstrdup("staff"), *key;
	char hint[80];
	int found;

	if (strcmp(feed, "network") == 0 && net_find_staff(n, feed) < 0) {
		free(kind);
		kind = xstrdup("network");
	}
	if (strcmp(kind, "network") == 0)
		found = *id == '\0' || strcmp(id, "network") == 0;
	else if (strcmp(kind, "staff") == 0)
		found = net_find_staff(n, id) >= 0;
	else if (strcmp(kind, "practice") == 0)
		found = net_find_practice(n, id) >= 0;
	else if (strcmp(kind, "role") == 0)
		found = net_find_role(n, id) >= 0;
	else
		found = 0;
	key = found ? feed_token_owner(kind, id) : NULL;
	if (!found && strcmp(kind, "staff") == 0)
		fprintf(stderr,
			"pcnrota: %s: no staff member \"%s\"%s (or give "
			"practice:ID, role:ID or network)\n",
			file, id, cmd_staff_hint(n, id, hint, sizeof hint));
	else if (!found)
		fprintf(stderr,
			"pcnrota: %s: no feed \"%s\": give a staff "
			"member, practice:ID, role:ID or network\n",
			file, feed);
	free(kind);
	return key;
}

static int
cmd_token_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"out", required_argument, NULL, 'o'},
	    {"state", required_argument, NULL, 's'},
	    {"rotate", no_argument, NULL, 'r'},
	    {NULL, 0, NULL, 0}};
	char token[STORE_TOKEN_LEN + 1], *path = NULL, *cause = NULL, *owner,
					 name[STORE_TOKEN_LEN + 8], *url;
	const char *outdir = NULL, *state = NULL;
	struct feed_opts fo;
	struct store *store;
	struct net n;
	int ch, rotate = 0, rc, lock;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 'o':
			outdir = optarg;
			break;
		case 's':
			state = optarg;
			break;
		case 'r':
			rotate = 1;
			break;
		default:
			return usage();
		}
	}
	if (argc - optind != 2 || outdir == NULL)
		return usage();
	if ((rc = cmd_load_network(argv[optind], &n, outdir)) != PCN_EXIT_OK)
		return rc;
	if ((owner = token_owner(&n, argv[optind], argv[optind + 1])) == NULL) {
		net_free(&n);
		return PCN_EXIT_USAGE;
	}
	path = cmd_state_path(state, outdir);
	rc = PCN_EXIT_OK;
	store = NULL;
	/* Tokens are made and rotated in the state: one run at a time. */
	if ((lock = lock_take(path, 60, &cause)) < 0)
		rc = lock == -2 ? PCN_EXIT_BUSY : PCN_EXIT_OUTPUT;
	else if ((store = store_open(path, &cause)) == NULL)
		rc = PCN_EXIT_OUTPUT;
	else if (rotate) {
		/* Write the feeds under the new name; the old file goes. */
		cmd_feed_opts(&n, NULL, &fo);
		if (store_rotate_token(store, owner, token, &cause) != 0 ||
		    feed_write(&n, store, outdir, &fo, &cause) != 0)
			rc = PCN_EXIT_OUTPUT;
	} else if (store_token(store, owner, token, &cause) != 0)
		rc = PCN_EXIT_OUTPUT;
	if (rc == PCN_EXIT_OK) {
		/* The file, then where subscribers find it. */
		snprintf(name, sizeof name, "%s.ics", token);
		printf("%s/feeds/%s\n", outdir, name);
		if ((url = feed_address(&n, name, false)) != NULL)
			printf("%s\n", url);
		free(url);
		if ((url = feed_address(&n, name, true)) != NULL)
			printf("%s\n", url);
		free(url);
	} else {
		fprintf(stderr, "pcnrota: %s\n", cause);
		free(cause);
	}
	store_close(store);
	lock_release(lock);
	free(path);
	free(owner);
	net_free(&n);
	return rc;
}
