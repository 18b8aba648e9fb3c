/*
 * A 128-bit digest (two FNV-1a lanes) of bytes and strings: stable names
 * for things (event UIDs) and a fingerprint of the inputs a run read, to
 * tell a night with nothing new. Not a defence against a forger.
 */
#ifndef DIGEST_H
#define DIGEST_H

#include <stddef.h>
#include <stdint.h>

#define DIGEST_HEX_LEN 32

struct digest {
	uint64_t a, b;
};

void digest_init(struct digest *);
void digest_bytes(struct digest *, const void *, size_t);
/* The string and its terminating NUL: "ab","c" differs from "a","bc". */
void digest_string(struct digest *, const char *);
void digest_hex(const struct digest *, char hex[DIGEST_HEX_LEN + 1]);

#endif
