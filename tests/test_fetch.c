/* Unit tests: an address shown redacted, never whole. */
#include <stdlib.h>
#include <string.h>

#include "../src/absence.h"
#include "../src/fetch.h"
#include "unit.h"

/* The redacted form of address; it must begin with want. */
static void
redacts_to(const char *address, const char *want)
{
	char *r = fetch_redact(address);

	CU_ASSERT_EQUAL(strncmp(r, want, strlen(want)), 0);
	/* Then "…#" and six hex digits, nothing more. */
	CU_ASSERT_EQUAL(strlen(r), strlen(want) + strlen("…#") + 6);
	CU_ASSERT_PTR_NOT_NULL(strstr(r, "…#"));
	free(r);
}

static void
test_redact_forms(void)
{
	redacts_to(
	    "https://calendar.example.org/ical/abc/private-123/basic.ics",
	    "https://calendar.example.org/");
	redacts_to("https://host.example:8443/x?token=s3cret",
		   "https://host.example:8443/");
	redacts_to("webcal://Outlook.Office365.com/owa/calendar/k/reach.ics",
		   "webcal://outlook.office365.com/");
	redacts_to("HTTPS://host.example", "https://host.example/");
	redacts_to("https://host.example?key=s3cret", "https://host.example/");
	redacts_to("https://host.example#s3cret", "https://host.example/");
	/* A password in the address is a secret too. */
	redacts_to("https://user:pa55word@host.example/c.ics",
		   "https://host.example/");
	redacts_to("https://a@b@host.example/c.ics", "https://host.example/");
	/* Odd bytes in the host are not echoed. */
	redacts_to("https://ho\x1bst/c.ics", "https://ho?st/");
	/* No scheme: nothing but the digest. */
	redacts_to("not an address", "");
}

static void
test_redact_secret(void)
{
	const char *a = "https://calendar.example.org/s3cret-path?t=T0KEN#frag";
	const char *b = "https://calendar.example.org/s3cret-path?t=T0KEM#frag";
	char *ra = fetch_redact(a), *rb = fetch_redact(b), *again;

	CU_ASSERT_PTR_NULL(strstr(ra, "s3cret"));
	CU_ASSERT_PTR_NULL(strstr(ra, "T0KEN"));
	CU_ASSERT_PTR_NULL(strstr(ra, "frag"));
	/* Two addresses of one host are told apart; one is always the same. */
	CU_ASSERT_STRING_NOT_EQUAL(ra, rb);
	again = fetch_redact(a);
	CU_ASSERT_STRING_EQUAL(ra, again);
	free(again);
	free(ra);
	free(rb);
}

static void
test_is_address(void)
{
	CU_ASSERT_TRUE(fetch_is_address("https://x/y"));
	CU_ASSERT_TRUE(fetch_is_address("HTTPS://x/y"));
	CU_ASSERT_TRUE(fetch_is_address("webcal://x/y"));
	CU_ASSERT_FALSE(fetch_is_address("http://x/y"));
	CU_ASSERT_FALSE(fetch_is_address("ftp://x/y"));
	CU_ASSERT_FALSE(fetch_is_address("leave/https://x"));
	CU_ASSERT_FALSE(fetch_is_address("team.ics"));
}

static void
test_absence_kinds(void)
{
	CU_ASSERT_EQUAL(absence_kind("sickness"), NET_SICKNESS);
	CU_ASSERT_EQUAL(absence_kind("leave"), NET_LEAVE);
	CU_ASSERT_EQUAL(absence_kind("training"), NET_TRAINING);
	CU_ASSERT_EQUAL(absence_kind("holiday"), -1);
	CU_ASSERT_EQUAL(absence_kind("Sickness"), -1);
	CU_ASSERT_STRING_EQUAL(absence_kind_name(NET_SICKNESS), "sickness");
}

const struct unit_test unit_fetch_tests[] = {
    {"redacted forms", test_redact_forms},
    {"redacted: no secret, told apart", test_redact_secret},
    {"what is an address", test_is_address},
    {"absence reasons", test_absence_kinds},
    {NULL, NULL}};
