/* The packet ring: bounded, FIFO, drop on full, reference counts, and the
 * media header written in front of the payload. */
#include "capture/ring.h"
#include "common/err.h"
#include "common/proto.h"
#include "tests/tap.h"

#include <pthread.h>
#include <string.h>

static int refs(const struct ring_pkt *p)
{
	return __atomic_load_n(&p->refs, __ATOMIC_SEQ_CST);
}

static struct ring *shared;

static void *producer(void *arg)
{
	(void)arg;
	for (int i = 0; i < 10000; i++) {
		struct ring_pkt *p = ring_pkt_new(8);

		memcpy(p->data, &i, sizeof(i));
		while (ring_push(shared, p) < 0)
			;
		ring_pkt_unref(p);
	}
	return NULL;
}

int main(void)
{
	struct ring *r = ring_new(3);
	struct ring_pkt *p[4], *q;
	struct proto_media h;
	const uint8_t *payload;
	pthread_t t;
	int next = 0;
	bool in_order = true;

	plan(12);
	for (int i = 0; i < 4; i++) {
		p[i] = ring_pkt_new(10);
		p[i]->data[0] = (uint8_t)i;
	}
	ok(ring_push(r, p[0]) == 0 && ring_push(r, p[1]) == 0 &&
		   ring_push(r, p[2]) == 0,
	   "three fit");
	ok(ring_push(r, p[3]) == LC_EAGAIN && refs(p[3]) == 1,
	   "the fourth is refused and not referenced");
	ok(refs(p[0]) == 2, "a queued packet holds a reference");
	ok(ring_count(r) == 3, "count");
	q = ring_pop(r);
	ok(q == p[0] && refs(q) == 2, "FIFO, the ring's reference passes on");
	ring_pkt_unref(q);
	ok(ring_clear(r) == 2 && ring_count(r) == 0 && refs(p[1]) == 1 &&
		   refs(p[2]) == 1,
	   "clear drops the queued references");
	ok(ring_pop(r) == NULL, "empty ring pops NULL");

	p[0]->flags = PROTO_FLAG_KEY;
	p[0]->layer = 0;
	p[0]->capture_us = 1234567890123LL;
	memset(p[0]->data, 0xab, p[0]->len);
	ok(proto_media_parse(ring_pkt_frame(p[0], 42),
			     PROTO_MEDIA_HEADER + p[0]->len, &h, &payload) == 0,
	   "header in front of the payload parses");
	ok(h.seq == 42 && h.flags == PROTO_FLAG_KEY && h.length == 10 &&
		   h.capture_us == 1234567890123ULL && payload == p[0]->data,
	   "header fields");
	for (int i = 0; i < 4; i++)
		ring_pkt_unref(p[i]);
	ring_free(r);

	/* Threads: everything pushed comes out once, in order. */
	shared = ring_new(4);
	pthread_create(&t, NULL, producer, NULL);
	while (next < 10000) {
		q = ring_pop(shared);
		if (!q)
			continue;
		int v;

		memcpy(&v, q->data, sizeof(v));
		in_order &= v == next++;
		ring_pkt_unref(q);
	}
	pthread_join(t, NULL);
	ok(in_order, "10000 packets across threads, in order");
	ok(ring_count(shared) == 0, "nothing left");
	ring_free(shared);
	r = ring_new(1000);
	for (int i = 0; i < RING_MAX; i++) {
		q = ring_pkt_new(1);
		ring_push(r, q);
		ring_pkt_unref(q);
	}
	q = ring_pkt_new(1);
	ok(ring_push(r, q) == LC_EAGAIN, "capacity capped at RING_MAX");
	ring_pkt_unref(q);
	ring_free(r);
	return done();
}
