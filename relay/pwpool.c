/* One worker thread, two lists under one mutex. */
#include "relay/pwpool.h"
#include "common/err.h"
#include "common/xalloc.h"

#include <libwebsockets.h>
#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>

struct pwpool {
	struct lws_context *ctx;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct pwjob *todo, *done; /* FIFO heads */
	int n_todo;
	bool stop, joined;
};

static void push_tail(struct pwjob **head, struct pwjob *j)
{
	j->next = NULL;
	while (*head)
		head = &(*head)->next;
	*head = j;
}

static void *worker(void *arg)
{
	struct pwpool *p = arg;
	struct pwjob *j;

	pthread_mutex_lock(&p->lock);
	for (;;) {
		while (!p->todo && !p->stop)
			pthread_cond_wait(&p->cond, &p->lock);
		if (p->stop)
			break;
		j = p->todo;
		p->todo = j->next;
		p->n_todo--;
		pthread_mutex_unlock(&p->lock);

		j->result = auth_password_verify(j->hash[0] ? j->hash : NULL,
						 j->password);
		if (j->result == 0 && auth_password_needs_rehash(j->hash) &&
		    auth_password_hash(j->password, j->newhash,
				       sizeof(j->newhash)) == 0)
			j->rehashed = true;
		sodium_memzero(j->password, sizeof(j->password));

		pthread_mutex_lock(&p->lock);
		push_tail(&p->done, j);
		lws_cancel_service(p->ctx);
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

struct pwpool *pwpool_new(struct lws_context *ctx)
{
	struct pwpool *p = XNEW(struct pwpool);

	p->ctx = ctx;
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->cond, NULL);
	if (pthread_create(&p->thread, NULL, worker, p) != 0) {
		pthread_mutex_destroy(&p->lock);
		pthread_cond_destroy(&p->cond);
		free(p);
		return NULL;
	}
	return p;
}

static void free_list(struct pwjob *j)
{
	while (j) {
		struct pwjob *n = j->next;

		pwjob_free(j);
		j = n;
	}
}

void pwpool_stop(struct pwpool *p)
{
	if (!p || p->joined)
		return;
	pthread_mutex_lock(&p->lock);
	p->stop = true;
	pthread_cond_signal(&p->cond);
	pthread_mutex_unlock(&p->lock);
	pthread_join(p->thread, NULL);
	p->joined = true;
}

void pwpool_free(struct pwpool *p)
{
	if (!p)
		return;
	pwpool_stop(p);
	free_list(p->todo);
	free_list(p->done);
	pthread_mutex_destroy(&p->lock);
	pthread_cond_destroy(&p->cond);
	free(p);
}

struct pwjob *pwjob_new(void)
{
	return XNEW(struct pwjob);
}

void pwjob_free(struct pwjob *j)
{
	if (!j)
		return;
	sodium_memzero(j->password, sizeof(j->password));
	free(j);
}

int pwpool_submit(struct pwpool *p, struct pwjob *j)
{
	int rc = 0;

	pthread_mutex_lock(&p->lock);
	if (p->n_todo >= PWPOOL_QUEUE) {
		rc = LC_EAGAIN;
	} else {
		push_tail(&p->todo, j);
		p->n_todo++;
		pthread_cond_signal(&p->cond);
	}
	pthread_mutex_unlock(&p->lock);
	return rc;
}

struct pwjob *pwpool_take(struct pwpool *p)
{
	struct pwjob *j;

	pthread_mutex_lock(&p->lock);
	j = p->done;
	if (j)
		p->done = j->next;
	pthread_mutex_unlock(&p->lock);
	if (j)
		j->next = NULL;
	return j;
}
