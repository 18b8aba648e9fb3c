/* QR codes as SVG, for a phone to scan a feed's address off a page. */
#ifndef QR_H
#define QR_H

#include <stdio.h>

/*
 * Writes text as a QR code (libqrencode, error correction M) in an
 * inline <svg> element with the given title; -1 when it cannot be encoded.
 */
int qr_svg(FILE *, const char *text, const char *title);

#endif
