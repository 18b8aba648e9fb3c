/*
 * libFuzzer harness: the network-file loader and validator. The input is
 * the file; it is handed to cfg_load through a memfd, read as the tool
 * reads any path. A valid file is also walked by the queries the solver
 * uses, so a model that passed validation but breaks them shows up.
 * The one-reader property is checked on every input: whatever pcnrota's
 * reader accepts, iniparser reads the same (tests/ini_oracle.c).
 */
#include <sys/mman.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cfg.h"
#include "date.h"
#include "net.h"

#include "../ini_oracle.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
walk(const struct net *n)
{
	struct net_slot *slots = NULL;
	date_t monday = date_from_ymd(2026, 11, 30);
	int ns, i, r, s;

	ns = net_slots(n, monday, 1, &slots);
	for (s = 0; s < n->nstaff; s++) {
		(void)net_capacity(n, s, monday);
		for (i = 0; i < ns; i++)
			(void)net_can_work(n, s, &slots[i]);
	}
	for (r = 0; r < n->nroles; r++)
		for (i = 0; i < n->npractices; i++)
			(void)net_share_weight(n, r, i);
	free(slots);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *devnull;
	char path[64];
	struct diag d;
	struct net n;
	char why[512];
	int fd;

	if (ini_oracle_compare((const char *)data, size, why, sizeof why) < 0) {
		fprintf(stderr, "one reader: %s\n", why);
		abort();
	}
	if (devnull == NULL)
		devnull = fopen("/dev/null", "w");
	if ((fd = memfd_create("network.ini", 0)) < 0)
		abort();
	if (size > 0 && write(fd, data, size) != (ssize_t)size)
		abort();
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	diag_init(&d);
	if (cfg_load(path, &n, &d) == 0) {
		walk(&n);
		net_free(&n);
	}
	diag_print(&d, devnull);
	diag_free(&d);
	close(fd);
	return 0;
}
