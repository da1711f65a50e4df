/* Per-account counters in a chained hash table (see acctcap.h). The
 * table has a fixed number of buckets: thousands of accounts make chains
 * of a few entries, and an entry goes away with its account's last
 * socket, so memory follows the accounts connected now. */
#include "relay/acctcap.h"
#include "common/err.h"
#include "common/xalloc.h"

#include <stdlib.h>

#define BUCKET_BITS 10
#define BUCKETS (1 << BUCKET_BITS)

struct acct {
	struct acct *next;
	int64_t id;
	int n;
};

struct acctcap {
	int max;
	struct acct *bucket[BUCKETS];
};

static size_t bucket_of(int64_t id)
{
	/* Fibonacci hashing: ids are small consecutive integers. */
	uint64_t h = (uint64_t)id * 11400714819323198485ull;

	return (size_t)(h >> (64 - BUCKET_BITS));
}

struct acctcap *acctcap_new(int max)
{
	struct acctcap *ac = XNEW(struct acctcap);

	ac->max = max > 0 ? max : 1;
	return ac;
}

void acctcap_free(struct acctcap *ac)
{
	if (!ac)
		return;
	for (int i = 0; i < BUCKETS; i++)
		for (struct acct *a = ac->bucket[i], *n; a; a = n) {
			n = a->next;
			free(a);
		}
	free(ac);
}

static struct acct *find(const struct acctcap *ac, int64_t id)
{
	for (struct acct *a = ac->bucket[bucket_of(id)]; a; a = a->next)
		if (a->id == id)
			return a;
	return NULL;
}

int acctcap_take(struct acctcap *ac, int64_t id)
{
	struct acct *a = find(ac, id);
	size_t b;

	if (a) {
		if (a->n >= ac->max)
			return LC_EBUSY;
		a->n++;
		return 0;
	}
	b = bucket_of(id);
	a = XNEW(struct acct);
	a->id = id;
	a->n = 1;
	a->next = ac->bucket[b];
	ac->bucket[b] = a;
	return 0;
}

void acctcap_give(struct acctcap *ac, int64_t id)
{
	for (struct acct **pp = &ac->bucket[bucket_of(id)], *a; (a = *pp);
	     pp = &a->next)
		if (a->id == id) {
			if (--a->n <= 0) {
				*pp = a->next;
				free(a);
			}
			return;
		}
}

int acctcap_held(const struct acctcap *ac, int64_t id)
{
	const struct acct *a = find(ac, id);

	return a ? a->n : 0;
}
