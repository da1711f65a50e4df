/* The audit log as CSV (RFC 4180: CRLF line ends, quotes doubled, cells
 * with a comma, quote or line break quoted), shared by the relay's
 * export and lucarne-admin. A cell that a spreadsheet would run as a
 * formula (starting with = + - @, tab or CR) gets a leading apostrophe:
 * audit rows hold text typed by outsiders, such as a failed login's
 * user name. Times are local (the process's TZ) in ISO 8601 with the
 * offset.
 */
#ifndef LUCARNE_STORE_AUDITCSV_H
#define LUCARNE_STORE_AUDITCSV_H

#include <stdbool.h>
#include <stddef.h>

#include "store/store.h"

/* A growing text buffer; zero-initialise, free data with free(). */
struct auditcsv {
	char *data;
	size_t len, cap;
};

/* Append the header line. */
void auditcsv_add_header(struct auditcsv *b);
/* Append one row. */
void auditcsv_add_row(struct auditcsv *b, const struct store_audit_row *w);
/* Append one cell and then ',' or, for a row's @last cell, CRLF. */
void auditcsv_add_cell(struct auditcsv *b, const char *s, bool last);

#endif
