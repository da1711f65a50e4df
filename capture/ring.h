/* Encoded frames handed from the capture/encode thread to the lws thread:
 * a small bounded single-producer single-consumer ring of reference-
 * counted packets. When the ring is full the producer's push fails and it
 * drops the new frame (see pipeline.c for what follows); nothing ever
 * queues without bound.
 *
 * A packet is allocated with room for the WebSocket framing and the media
 * header in front of the VP8 data, so the lws thread sends it without a
 * copy.
 */
#ifndef LUCARNE_CAPTURE_RING_H
#define LUCARNE_CAPTURE_RING_H

#include <stddef.h>
#include <stdint.h>

#define RING_MAX 64

struct ring_pkt {
	uint8_t flags; /* PROTO_FLAG_* */
	uint8_t layer; /* temporal layer */
	int64_t capture_us; /* wall clock */
	size_t len; /* VP8 bytes at data */
	uint8_t *data; /* the VP8 frame */
	uint8_t *wire; /* WSC_PRE bytes before the media header */
	int refs; /* atomic; see ring_pkt_ref */
};

/* A packet with room for @len payload bytes and one reference held by
 * the caller. Aborts if out of memory. */
struct ring_pkt *ring_pkt_new(size_t len);
/* Take one more reference; returns @p. Thread-safe. */
struct ring_pkt *ring_pkt_ref(struct ring_pkt *p);
/* Drop one reference, freeing on the last; NULL is fine. Thread-safe. */
void ring_pkt_unref(struct ring_pkt *p);
/* Write the media header (with @seq) before the data and return the
 * address of the message (header + payload), whose length is
 * PROTO_MEDIA_HEADER + p->len; WSC_PRE bytes are free before it. */
uint8_t *ring_pkt_frame(struct ring_pkt *p, uint32_t seq);

struct ring;

/* A ring holding at most @capacity packets (1..RING_MAX). */
struct ring *ring_new(unsigned capacity);
/* Drop the packets still queued and free; NULL is fine. */
void ring_free(struct ring *r);
/* Producer: queue @p, taking a new reference. Returns 0, or LC_EAGAIN if
 * the ring is full (nothing taken: the caller keeps its reference). */
int ring_push(struct ring *r, struct ring_pkt *p);
/* Consumer: the oldest packet, whose reference passes to the caller, or
 * NULL if the ring is empty. */
struct ring_pkt *ring_pop(struct ring *r);
/* Consumer: drop every queued packet; returns how many. */
unsigned ring_clear(struct ring *r);
/* Packets queued now (a snapshot). */
unsigned ring_count(struct ring *r);

#endif
