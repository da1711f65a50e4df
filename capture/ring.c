#include "capture/ring.h"
#include "common/err.h"
#include "common/proto.h"
#include "common/wsc.h"
#include "common/xalloc.h"

#include <pthread.h>
#include <stdlib.h>

struct ring {
	pthread_mutex_t lock; /* 30 operations a second: a mutex is cheap */
	unsigned cap, head, count;
	struct ring_pkt *slots[RING_MAX];
};

struct ring_pkt *ring_pkt_new(size_t len)
{
	size_t head = (sizeof(struct ring_pkt) + 15) & ~(size_t)15;
	struct ring_pkt *p = xmalloc(head + WSC_PRE + PROTO_MEDIA_HEADER + len);

	p->flags = 0;
	p->layer = 0;
	p->capture_us = 0;
	p->len = len;
	p->wire = (uint8_t *)p + head + WSC_PRE;
	p->data = p->wire + PROTO_MEDIA_HEADER;
	__atomic_store_n(&p->refs, 1, __ATOMIC_RELAXED);
	return p;
}

struct ring_pkt *ring_pkt_ref(struct ring_pkt *p)
{
	__atomic_add_fetch(&p->refs, 1, __ATOMIC_RELAXED);
	return p;
}

void ring_pkt_unref(struct ring_pkt *p)
{
	if (p && __atomic_sub_fetch(&p->refs, 1, __ATOMIC_ACQ_REL) == 0)
		free(p);
}

uint8_t *ring_pkt_frame(struct ring_pkt *p, uint32_t seq)
{
	struct proto_media h = {
		.version = PROTO_VERSION,
		.kind = PROTO_KIND_VIDEO,
		.flags = p->flags,
		.layer = p->layer,
		.track = 0,
		.seq = seq,
		.capture_us = (uint64_t)p->capture_us,
		.length = (uint32_t)p->len,
	};

	proto_media_write(&h, p->wire);
	return p->wire;
}

struct ring *ring_new(unsigned capacity)
{
	struct ring *r = XNEW(struct ring);

	if (capacity < 1)
		capacity = 1;
	if (capacity > RING_MAX)
		capacity = RING_MAX;
	r->cap = capacity;
	pthread_mutex_init(&r->lock, NULL);
	return r;
}

void ring_free(struct ring *r)
{
	if (!r)
		return;
	ring_clear(r);
	pthread_mutex_destroy(&r->lock);
	free(r);
}

int ring_push(struct ring *r, struct ring_pkt *p)
{
	int rc = LC_EAGAIN;

	pthread_mutex_lock(&r->lock);
	if (r->count < r->cap) {
		r->slots[(r->head + r->count) % r->cap] = ring_pkt_ref(p);
		r->count++;
		rc = 0;
	}
	pthread_mutex_unlock(&r->lock);
	return rc;
}

struct ring_pkt *ring_pop(struct ring *r)
{
	struct ring_pkt *p = NULL;

	pthread_mutex_lock(&r->lock);
	if (r->count) {
		p = r->slots[r->head];
		r->slots[r->head] = NULL;
		r->head = (r->head + 1) % r->cap;
		r->count--;
	}
	pthread_mutex_unlock(&r->lock);
	return p;
}

unsigned ring_clear(struct ring *r)
{
	struct ring_pkt *p;
	unsigned n = 0;

	while ((p = ring_pop(r))) {
		ring_pkt_unref(p);
		n++;
	}
	return n;
}

unsigned ring_count(struct ring *r)
{
	unsigned n;

	pthread_mutex_lock(&r->lock);
	n = r->count;
	pthread_mutex_unlock(&r->lock);
	return n;
}
