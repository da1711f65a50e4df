/* Login rate limiting: at most N failures per key (an account name, a
 * client address, a known device) in a sliding window; past that, every
 * attempt on the key is refused until the oldest failure leaves the
 * window. The login records each attempt as a failure when it starts
 * and forgives it if it succeeds (api/login.c).
 *
 * Pure logic: the caller passes the time, so tests drive a fake clock.
 * The table is bounded (capacity keys); when full, the key whose newest
 * failure is oldest is forgotten first, so a spray of addresses cannot
 * grow memory.
 */
#ifndef LUCARNE_RELAY_RATELIMIT_H
#define LUCARNE_RELAY_RATELIMIT_H

#include <stddef.h>
#include <stdint.h>

#define RATELIMIT_MAX_FAIL 16 /* largest @max_fail accepted */
#define RATELIMIT_KEY_MAX 96

struct ratelimit;

/* A limiter allowing @max_fail (1..RATELIMIT_MAX_FAIL) failures per
 * @window_ms for up to @capacity keys. */
struct ratelimit *ratelimit_new(unsigned max_fail, int64_t window_ms,
				size_t capacity);
void ratelimit_free(struct ratelimit *rl);

/* 0 if @key may try now, else the milliseconds to wait (> 0). */
int64_t ratelimit_check(struct ratelimit *rl, const char *key, int64_t now_ms);
/* Record one failure for @key at @now_ms. */
void ratelimit_fail(struct ratelimit *rl, const char *key, int64_t now_ms);
/* Forget @key's newest failure: an attempt counted when it started
 * (so that concurrent ones cannot outrun the limit) that went well. */
void ratelimit_forgive(struct ratelimit *rl, const char *key);
/* Forget @key's failures (after a successful login on an account). */
void ratelimit_reset(struct ratelimit *rl, const char *key);

#endif
