/*
 * QR codes as SVG. libqrencode makes the matrix; each run of dark modules
 * in a row becomes one rectangle of a single path, with the four-module
 * quiet zone the standard asks for, so the page needs no image files.
 */
#include <qrencode.h>

#include "html.h"
#include "qr.h"

#define QR_QUIET 4 /* modules of white margin on each side */

int
qr_svg(FILE *f, const char *text, const char *title)
{
	QRcode *qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	int x, y, run, w, size;

	if (qr == NULL)
		return -1;
	w = qr->width;
	size = w + 2 * QR_QUIET;
	fprintf(f,
		"<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
		"viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
		"shape-rendering=\"crispEdges\"><title>",
		size, size, size * 4, size * 4);
	html_text(f, title);
	fprintf(f,
		"</title><rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>"
		"<path fill=\"#000\" d=\"",
		size, size);
	for (y = 0; y < w; y++)
		for (x = 0; x<w; x += run> 0 ? run : 1) {
			for (run = 0; x + run < w &&
				      (qr->data[y * w + x + run] & 1) != 0;
			     run++)
				;
			if (run > 0)
				fprintf(f, "M%d %dh%dv1h-%dz", x + QR_QUIET,
					y + QR_QUIET, run, run);
		}
	fputs("\"/></svg>", f);
	QRcode_free(qr);
	return 0;
}
