/* The files pcnrota ships (bank holidays), installed or not. */
#ifndef DATA_H
#define DATA_H

/*
 * The absolute path of name under the data folder: $PCNROTA_DATADIR when
 * set (and then only there), else the installed $(pkgdatadir), else the
 * source tree's data/ (an uninstalled build). Returns a path to free, or
 * NULL with *cause (to free) naming where it looked.
 */
char *data_find(const char *name, char **cause);

#endif
