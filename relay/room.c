/* Rooms at run time: the publisher, the viewers, the frame cache and the
 * state viewers see. A room is loaded from the database on first use and
 * refreshed when the database changes (broadcast, consent, removal).
 *
 * Privacy by default: frames are forwarded and cached only while the
 * room's broadcast is on and its consent register complete; otherwise
 * they are dropped on arrival and the cache is emptied.
 */
#define LOG_TAG "room"
#include "relay/relay.h"
#include "common/clock.h"
#include "common/err.h"
#include "common/log.h"
#include "common/xalloc.h"

#include <stdlib.h>
#include <string.h>

static bool room_open(const struct room *room)
{
	return room->broadcast && room->consent && !room->gone;
}

static void load_flags(struct room *room, const struct store_room *sr)
{
	room->broadcast = sr->broadcast;
	room->consent = sr->consent;
	snprintf(room->title, sizeof(room->title), "%s", sr->title);
}

struct room *room_get(struct relay *r, const char *name)
{
	struct store_room sr;
	struct room *room;

	for (room = r->rooms; room; room = room->next) {
		if (strcmp(room->name, name) != 0)
			continue;
		if (room->gone) {
			/* Removed, perhaps added again since. */
			if (store_room_get(r->store, name, &sr) < 0)
				return NULL;
			room->gone = false;
			load_flags(room, &sr);
		}
		return room;
	}
	if (store_room_get(r->store, name, &sr) < 0)
		return NULL;
	room = XNEW(struct room);
	room->relay = r;
	snprintf(room->name, sizeof(room->name), "%s", sr.name);
	load_flags(room, &sr);
	room->fan = fanout_room_new(&r->fst);
	room->next = r->rooms;
	r->rooms = room;
	return room;
}

void room_free_all(struct relay *r)
{
	while (r->rooms) {
		struct room *room = r->rooms;

		r->rooms = room->next;
		fanout_room_free(room->fan);
		free(room);
	}
}

enum proto_state room_state(const struct room *room)
{
	if (!room_open(room))
		return PROTO_ST_OFF;
	if (!room->publisher)
		return PROTO_ST_OFFLINE;
	return PROTO_ST_LIVE;
}

void room_state_msg(const struct room *room, struct proto_ctl *m)
{
	memset(m, 0, sizeof(*m));
	m->type = PROTO_STATE;
	snprintf(m->room, sizeof(m->room), "%s", room->name);
	m->state = room_state(room);
	m->viewers = room->n_viewers;
	if (m->state == PROTO_ST_LIVE && room->pub.width) {
		snprintf(m->codec, sizeof(m->codec), "%s", room->pub.codec);
		m->width = room->pub.width;
		m->height = room->pub.height;
	}
}

/* Tell every viewer the room's state, and restart their media at the
 * next keyframe when it goes live. */
static void broadcast_state(struct room *room)
{
	struct proto_ctl m;
	int need_key = 0;

	room_state_msg(room, &m);
	for (struct conn *c = room->viewers; c; c = c->vnext) {
		conn_send(c, &m);
		if (m.state == PROTO_ST_LIVE)
			need_key |= fanout_viewer_join(room->fan, c->fv);
	}
	if (need_key)
		room_request_key(room);
}

void room_add_viewer(struct room *room, struct conn *c)
{
	struct proto_ctl m;

	c->room = room;
	c->vprev = NULL;
	c->vnext = room->viewers;
	if (room->viewers)
		room->viewers->vprev = c;
	room->viewers = c;
	room->n_viewers++;
	if (!c->fv)
		c->fv = fanout_viewer_new();
	room_state_msg(room, &m);
	conn_send(c, &m);
	if (m.state == PROTO_ST_LIVE &&
	    (fanout_viewer_join(room->fan, c->fv) & FANOUT_F_KEY))
		room_request_key(room);
	conn_wake(c);
}

void room_remove_viewer(struct room *room, struct conn *c)
{
	if (c->room != room || c->publisher)
		return;
	if (c->vprev)
		c->vprev->vnext = c->vnext;
	else
		room->viewers = c->vnext;
	if (c->vnext)
		c->vnext->vprev = c->vprev;
	c->vprev = c->vnext = NULL;
	c->room = NULL;
	room->n_viewers--;
}

void room_set_publisher(struct room *room, struct conn *c,
			const struct proto_ctl *publish)
{
	struct conn *old = room->publisher;

	if (old && old != c) {
		/* The newer connection wins: a camera that reconnects after
		 * a network cut must not wait for its dead socket. */
		log_info("room %s: publisher replaced", room->name);
		room->relay->met.publishers_replaced++;
		old->room = NULL;
		old->publisher = false;
		conn_close(old, CLOSE_REPLACED);
	}
	room->publisher = c;
	room->pub = *publish;
	c->room = room;
	c->publisher = true;
	room->sent_viewers = -1; /* tell it the count at the next tick */
	room->key_pending = false;
	room->key_sent_us = 0;
	fanout_room_reset(room->fan);
	broadcast_state(room);
}

void room_remove_publisher(struct room *room, struct conn *c)
{
	if (room->publisher != c)
		return;
	room->publisher = NULL;
	c->room = NULL;
	c->publisher = false;
	memset(&room->pub, 0, sizeof(room->pub));
	/* The camera is gone: forget its frames (nothing is kept that no
	 * one can watch) and show "offline". */
	fanout_room_reset(room->fan);
	broadcast_state(room);
}

void room_push_frame(struct room *room, struct frame *f)
{
	int rc;

	room->cnt.frames_in++;
	room->cnt.bytes_in += f->len;
	if (!room_open(room)) {
		room->relay->met.frames_off++;
		return;
	}
	rc = fanout_room_push(room->fan, f);
	if (rc & FANOUT_F_KEY)
		room_request_key(room);
	if (f->flags & PROTO_FLAG_KEY)
		room->key_pending = false; /* a keyframe answers them all */
	/* Wake every viewer that is not already waiting to write: this and
	 * the writes themselves are the only per-viewer work per frame. */
	for (struct conn *c = room->viewers; c; c = c->vnext)
		if (!c->want_write)
			conn_wake(c);
}

static void send_key_request(struct room *room, int64_t now)
{
	struct proto_ctl m = { .type = PROTO_KEYFRAME };

	conn_send(room->publisher, &m);
	room->key_sent_us = now;
	room->key_pending = false;
	room->cnt.keyframe_requests++;
}

void room_request_key(struct room *room)
{
	int64_t now = clock_mono_us();

	if (!room->publisher)
		return;
	if (room->key_pending) {
		room->cnt.keyframe_coalesced++;
		return;
	}
	if (now - room->key_sent_us >= RELAY_KEY_INTERVAL_US)
		send_key_request(room, now);
	else
		room->key_pending = true; /* sent by room_tick when due */
}

void room_tick(struct relay *r, int64_t now_us, bool check_slow)
{
	for (struct room *room = r->rooms; room; room = room->next) {
		if (room->publisher && room->key_pending &&
		    now_us - room->key_sent_us >= RELAY_KEY_INTERVAL_US)
			send_key_request(room, now_us);
		if (room->publisher) {
			int n = room_open(room) ? room->n_viewers : 0;

			/* Counts are coalesced to one message per tick: a
			 * hundred viewers joining send one update. */
			if (n != room->sent_viewers) {
				struct proto_ctl m = { .type = PROTO_VIEWERS,
						       .viewers = n };

				conn_send(room->publisher, &m);
				room->sent_viewers = n;
			}
		}
		if (!check_slow)
			continue;
		for (struct conn *c = room->viewers, *n; c; c = n) {
			n = c->vnext;
			if (room_state(room) == PROTO_ST_LIVE &&
			    fanout_viewer_check(room->fan, c->fv)) {
				log_info("room %s: viewer %s too slow, cut",
					 room->name, c->who.name);
				conn_close(c, CLOSE_SLOW);
			}
		}
	}
}

void room_refresh_all(struct relay *r)
{
	for (struct room *room = r->rooms; room; room = room->next) {
		struct store_room sr;
		enum proto_state before = room_state(room);
		int rc = store_room_get(r->store, room->name, &sr);

		if (rc == LC_ENOENT)
			room->gone = true;
		else if (rc == 0)
			load_flags(room, &sr);
		if (room_state(room) != before) {
			log_info("room %s: now %s", room->name,
				 proto_state_name(room_state(room)));
			if (!room_open(room))
				fanout_room_reset(room->fan);
			else if (room->publisher)
				room_request_key(room);
			broadcast_state(room);
		}
	}
}
