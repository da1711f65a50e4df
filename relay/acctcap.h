/* A cap on how many of something each account holds at once (the relay:
 * viewer sockets per account, --max-viewer-sockets). Pure: a small hash
 * table of counters keyed by account id, O(1) per take and give, with
 * an entry only for an account that holds at least one.
 */
#ifndef LUCARNE_RELAY_ACCTCAP_H
#define LUCARNE_RELAY_ACCTCAP_H

#include <stdint.h>

struct acctcap;

/* A table allowing @max (>= 1) per account. Never NULL (allocation
 * failure aborts). */
struct acctcap *acctcap_new(int max);
/* Free @ac; NULL is accepted. */
void acctcap_free(struct acctcap *ac);
/* Take one for account @id. Returns 0, or LC_EBUSY when @id already
 * holds the maximum (nothing is taken then). */
int acctcap_take(struct acctcap *ac, int64_t id);
/* Give back one taken by acctcap_take; giving back more than was taken
 * is ignored. */
void acctcap_give(struct acctcap *ac, int64_t id);
/* How many account @id holds now. */
int acctcap_held(const struct acctcap *ac, int64_t id);

#endif
