/* A worker thread for argon2id: checking a password costs tens of
 * milliseconds and 64 MiB, which must not stall the service loop that
 * feeds every viewer. The loop submits a job and carries on; the worker
 * verifies (and rehashes when the costs changed), then wakes the loop
 * with lws_cancel_service(); the loop collects finished jobs in
 * LWS_CALLBACK_EVENT_WAIT_CANCELLED.
 *
 * Jobs belong to the loop thread except between submit and collection,
 * when only the worker touches their input and output fields. The
 * @owner field is the loop's alone (it clears it when the HTTP request
 * goes away before the job finishes).
 */
#ifndef LUCARNE_RELAY_PWPOOL_H
#define LUCARNE_RELAY_PWPOOL_H

#include <stdbool.h>
#include <stdint.h>

#include "common/proto.h"
#include "common/auth.h"
#include "store/store.h"

#define PWPOOL_QUEUE 32 /* jobs waiting at most; more are refused */

struct lws_context;

struct pwjob {
	/* input */
	char hash[STORE_HASH_MAX]; /* empty: unknown account (dummy) */
	char password[AUTH_PW_MAX + 1];
	/* output */
	int result; /* 0 match, LC_EAUTH, LC_EIO */
	bool rehashed; /* newhash holds a fresh hash */
	char newhash[STORE_HASH_MAX];
	/* the loop's context */
	void *owner;
	struct store_user user;
	struct pwjob *next;
};

struct pwpool;

/* Start the worker; @ctx is woken when a job finishes. NULL on failure
 * to create the thread. */
struct pwpool *pwpool_new(struct lws_context *ctx);
/* Stop the worker thread (jobs stay allocated); idempotent. */
void pwpool_stop(struct pwpool *p);
/* Stop the worker and free every job. NULL is accepted. */
void pwpool_free(struct pwpool *p);
/* A zeroed job for the caller to fill and submit. */
struct pwjob *pwjob_new(void);
/* Free a job (wipes the password). */
void pwjob_free(struct pwjob *j);
/* Queue @j. Returns 0, or LC_EAGAIN when PWPOOL_QUEUE jobs are waiting
 * (the caller keeps @j). */
int pwpool_submit(struct pwpool *p, struct pwjob *j);
/* Take one finished job, or NULL. */
struct pwjob *pwpool_take(struct pwpool *p);

#endif
