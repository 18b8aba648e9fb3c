/* A 128-bit FNV-1a digest of bytes and strings. */
#include <stdio.h>

#include "digest.h"

#define FNV_PRIME 0x100000001b3ULL

void
digest_init(struct digest *d)
{
	d->a = 0xcbf29ce484222325ULL;
	d->b = 0x84222325cbf29ce4ULL;
}

void
digest_bytes(struct digest *d, const void *buf, size_t len)
{
	const unsigned char *p = buf;
	size_t i;

	for (i = 0; i < len; i++) {
		d->a = (d->a ^ p[i]) * FNV_PRIME;
		d->b = (d->b ^ p[i]) * FNV_PRIME;
	}
}

void
digest_string(struct digest *d, const char *s)
{
	size_t len = 0;

	while (s[len] != '\0')
		len++;
	digest_bytes(d, s, len + 1);
}

void
digest_hex(const struct digest *d, char hex[DIGEST_HEX_LEN + 1])
{
	snprintf(hex, DIGEST_HEX_LEN + 1, "%016llx%016llx",
		 (unsigned long long)d->a, (unsigned long long)d->b);
}
