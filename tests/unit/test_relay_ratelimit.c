/* Login rate limiter with a fake clock. */
#include "relay/ratelimit.h"
#include "tests/tap.h"

#include <stdio.h>

int main(void)
{
	struct ratelimit *rl = ratelimit_new(5, 60000, 4);
	int64_t t = 1000000;
	char key[16];

	ok(ratelimit_check(rl, "u:alice", t) == 0, "fresh key may try");
	for (int i = 0; i < 4; i++)
		ratelimit_fail(rl, "u:alice", t + i * 1000);
	ok(ratelimit_check(rl, "u:alice", t + 4000) == 0,
	   "4 failures: still allowed");
	ratelimit_fail(rl, "u:alice", t + 4000);
	is_int(ratelimit_check(rl, "u:alice", t + 5000), 55000,
	       "5th failure: blocked until the first leaves the window");
	ok(ratelimit_check(rl, "u:bob", t + 5000) == 0,
	   "other keys are not affected");
	ok(ratelimit_check(rl, "u:alice", t + 60000) == 0,
	   "allowed again once the oldest failure is a minute old");
	ratelimit_fail(rl, "u:alice", t + 60000);
	ok(ratelimit_check(rl, "u:alice", t + 60500) > 0,
	   "sliding window: a new failure blocks again");
	ratelimit_reset(rl, "u:alice");
	ok(ratelimit_check(rl, "u:alice", t + 60500) == 0,
	   "reset forgets the key");

	/* An attempt counted when it starts and forgiven when it succeeds
	 * leaves the count as it was. */
	for (int i = 0; i < 5; i++)
		ratelimit_fail(rl, "u:carol", t + i);
	ok(ratelimit_check(rl, "u:carol", t + 10) > 0, "5 attempts: blocked");
	ratelimit_forgive(rl, "u:carol");
	ok(ratelimit_check(rl, "u:carol", t + 10) == 0,
	   "one forgiven: allowed again");
	ratelimit_fail(rl, "u:carol", t + 20);
	ok(ratelimit_check(rl, "u:carol", t + 30) > 0,
	   "counted again: blocked again");
	ratelimit_forgive(rl, "u:nobody");
	ratelimit_reset(rl, "u:carol");

	/* Bounded: a spray of keys evicts the quietest, never grows. */
	for (int i = 0; i < 5; i++)
		ratelimit_fail(rl, "a:1.2.3.4", t + i);
	for (int i = 0; i < 10; i++) {
		snprintf(key, sizeof(key), "a:spray%d", i);
		ratelimit_fail(rl, key, t + 100 + i);
	}
	ok(ratelimit_check(rl, "a:spray9", t + 200) == 0,
	   "one failure on a sprayed key is allowed");
	ratelimit_free(rl);
	ratelimit_free(NULL);
	return done();
}
