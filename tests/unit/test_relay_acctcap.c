/* Per-account caps: take up to the cap, refuse past it, give back. */
#include "relay/acctcap.h"
#include "common/err.h"
#include "tests/tap.h"

#include <stddef.h>

int main(void)
{
	struct acctcap *ac = acctcap_new(4);
	int i, fails = 0;

	for (i = 0; i < 4; i++)
		is_int(acctcap_take(ac, 7), 0, "account 7 takes one");
	is_int(acctcap_take(ac, 7), LC_EBUSY, "the fifth is refused");
	is_int(acctcap_held(ac, 7), 4, "it still holds 4");
	is_int(acctcap_take(ac, 8), 0, "another account is not affected");
	acctcap_give(ac, 7);
	is_int(acctcap_take(ac, 7), 0, "one given back: one more taken");
	for (i = 0; i < 4; i++)
		acctcap_give(ac, 7);
	is_int(acctcap_held(ac, 7), 0, "all given back");
	acctcap_give(ac, 7);
	acctcap_give(ac, 99);
	is_int(acctcap_held(ac, 7), 0, "extra gives are ignored");
	is_int(acctcap_take(ac, 7), 0, "and do not make room past the cap");
	for (i = 0; i < 3; i++)
		acctcap_take(ac, 7);
	is_int(acctcap_take(ac, 7), LC_EBUSY, "the cap holds after that");

	/* Many accounts, colliding buckets: each keeps its own count. */
	for (int64_t id = 1000; id < 6000; id++)
		for (i = 0; i < 2; i++)
			fails += acctcap_take(ac, id) != 0;
	is_int(fails, 0, "5000 accounts take two each");
	for (int64_t id = 1000; id < 6000; id += 2)
		acctcap_give(ac, id);
	is_int(acctcap_held(ac, 1000), 1, "even ids gave one back");
	is_int(acctcap_held(ac, 1001), 2, "odd ids did not");
	is_int(acctcap_held(ac, 8), 1, "account 8 unchanged");
	acctcap_free(ac);
	acctcap_free(NULL);
	return done();
}
