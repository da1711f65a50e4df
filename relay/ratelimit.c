/* Sliding-window failure counter per key, in a small bounded table. A
 * linear scan is enough: it runs once per login attempt, not per frame. */
#include "relay/ratelimit.h"
#include "common/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rl_entry {
	char key[RATELIMIT_KEY_MAX];
	unsigned n; /* failures recorded, <= max_fail */
	unsigned head; /* next slot in fails[] */
	int64_t fails[RATELIMIT_MAX_FAIL]; /* ring of failure times */
	int64_t last; /* newest failure */
};

struct ratelimit {
	unsigned max_fail;
	int64_t window;
	size_t cap, used;
	struct rl_entry *e;
};

struct ratelimit *ratelimit_new(unsigned max_fail, int64_t window_ms,
				size_t capacity)
{
	struct ratelimit *rl = XNEW(struct ratelimit);

	if (max_fail < 1)
		max_fail = 1;
	if (max_fail > RATELIMIT_MAX_FAIL)
		max_fail = RATELIMIT_MAX_FAIL;
	rl->max_fail = max_fail;
	rl->window = window_ms;
	rl->cap = capacity ? capacity : 1;
	rl->e = xcalloc(rl->cap, sizeof(*rl->e));
	return rl;
}

void ratelimit_free(struct ratelimit *rl)
{
	if (!rl)
		return;
	free(rl->e);
	free(rl);
}

static struct rl_entry *find(struct ratelimit *rl, const char *key)
{
	for (size_t i = 0; i < rl->used; i++)
		if (strncmp(rl->e[i].key, key, RATELIMIT_KEY_MAX - 1) == 0)
			return &rl->e[i];
	return NULL;
}

/* Drop failures older than the window. */
static void expire(struct ratelimit *rl, struct rl_entry *e, int64_t now)
{
	while (e->n) {
		unsigned oldest =
			(e->head + rl->max_fail - e->n) % rl->max_fail;

		if (now - e->fails[oldest] < rl->window)
			break;
		e->n--;
	}
}

int64_t ratelimit_check(struct ratelimit *rl, const char *key, int64_t now_ms)
{
	struct rl_entry *e = find(rl, key);
	unsigned oldest;

	if (!e)
		return 0;
	expire(rl, e, now_ms);
	if (e->n < rl->max_fail)
		return 0;
	oldest = (e->head + rl->max_fail - e->n) % rl->max_fail;
	return e->fails[oldest] + rl->window - now_ms;
}

void ratelimit_fail(struct ratelimit *rl, const char *key, int64_t now_ms)
{
	struct rl_entry *e = find(rl, key);

	if (!e) {
		if (rl->used < rl->cap) {
			e = &rl->e[rl->used++];
		} else {
			/* Full: reuse the entry that has been quiet longest. */
			e = &rl->e[0];
			for (size_t i = 1; i < rl->used; i++)
				if (rl->e[i].last < e->last)
					e = &rl->e[i];
		}
		memset(e, 0, sizeof(*e));
		snprintf(e->key, sizeof(e->key), "%s", key);
	}
	expire(rl, e, now_ms);
	e->fails[e->head] = now_ms;
	e->head = (e->head + 1) % rl->max_fail;
	if (e->n < rl->max_fail)
		e->n++;
	e->last = now_ms;
}

void ratelimit_forgive(struct ratelimit *rl, const char *key)
{
	struct rl_entry *e = find(rl, key);

	if (!e || !e->n)
		return;
	e->head = (e->head + rl->max_fail - 1) % rl->max_fail;
	e->n--;
}

void ratelimit_reset(struct ratelimit *rl, const char *key)
{
	struct rl_entry *e = find(rl, key);

	if (!e)
		return;
	*e = rl->e[--rl->used];
}
