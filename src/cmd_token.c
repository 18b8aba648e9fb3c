/* pcnrota token: show or rotate the secret name of a staff feed. */
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
    "token", "token NETWORK.ini --out DIR [--state FILE] [--rotate] STAFF",
    cmd_token_exec};

static int
usage(void)
{
	fprintf(stderr, "usage: pcnrota %s\n", cmd_token_entry.usage);
	return PCN_EXIT_USAGE;
}

static int
cmd_token_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"out", required_argument, NULL, 'o'},
	    {"state", required_argument, NULL, 's'},
	    {"rotate", no_argument, NULL, 'r'},
	    {NULL, 0, NULL, 0}};
	char token[STORE_TOKEN_LEN + 1], *path = NULL, *cause = NULL, hint[80];
	const char *outdir = NULL, *state = NULL, *staff;
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
	staff = argv[optind + 1];
	if ((rc = cmd_load_network(argv[optind], &n, outdir)) != PCN_EXIT_OK)
		return rc;
	if (net_find_staff(&n, staff) < 0) {
		fprintf(stderr, "pcnrota: %s: no staff member \"%s\"%s\n",
			argv[optind], staff,
			cmd_staff_hint(&n, staff, hint, sizeof hint));
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
		if (store_rotate_token(store, staff, token, &cause) != 0 ||
		    feed_write(&n, store, outdir, &fo, &cause) != 0)
			rc = PCN_EXIT_OUTPUT;
	} else if (store_token(store, staff, token, &cause) != 0)
		rc = PCN_EXIT_OUTPUT;
	if (rc == PCN_EXIT_OK)
		printf("%s/feeds/%s.ics\n", outdir, token);
	else {
		fprintf(stderr, "pcnrota: %s\n", cause);
		free(cause);
	}
	store_close(store);
	lock_release(lock);
	free(path);
	net_free(&n);
	return rc;
}
