/* Rooms at run time: the publisher, the viewers, the frame cache and the
 * state viewers see. A room is loaded from the database on first use and
 * refreshed when the database changes (broadcast, consent, window,
 * quota, pause, removal).
 *
 * Privacy by default: frames are forwarded and cached only while the
 * room's broadcast is on, its consent register complete and its viewing
 * window open; otherwise they are dropped on arrival and the cache is
 * emptied. While the teacher's pause holds, only frames the capture agent
 * flagged SLATE (drawn by itself, no camera pixel) are kept: a camera
 * frame that was already on its way when the pause began is dropped.
 *
 * What a viewer sees is computed per viewer (room_view): the room's
 * state, then the account's daily quota on top. Each viewer remembers
 * the last state it was sent (conn->vstate); media flows only while that
 * is live (or paused: slates), so a cut needs no other bookkeeping.
 */
#define LOG_TAG "room"
#include "relay/relay.h"
#include "common/clock.h"
#include "common/err.h"
#include "common/log.h"
#include "common/xalloc.h"

#include <inttypes.h>
#include <stdlib.h>
#include <stddef.h>
#include <string.h>

/* Viewing time of one account in one room on one local day. */
struct quota_acct {
	struct quota_acct *next;
	int64_t user_id;
	int day; /* YYYYMMDD */
	int64_t used, saved; /* seconds; saved: as in the database */
	uint64_t counted_tick; /* ticks value when last counted */
};

static bool room_open(const struct room *room)
{
	return room->broadcast && room->consent && !room->gone;
}

/* Whether camera frames may be cached and sent at all now. */
static bool media_allowed(const struct room *room)
{
	return room_open(room) && room->win_open;
}

static bool media_state(enum proto_state s)
{
	return s == PROTO_ST_LIVE || s == PROTO_ST_PAUSED;
}

static void window_update(struct room *room)
{
	int64_t now = room->relay->now_s;

	room->win_open = window_is_open(&room->win, now, &room->win_change);
	room->win_at = now;
}

/* The room's privacy masks. A stored value that cannot be read (only
 * lucarne-admin and the API write it, after the same check) masks the
 * whole picture rather than none: fail closed. */
static void load_masks(struct room *room)
{
	char err[160];
	int rc = store_room_get_masks(room->relay->store, room->name,
				      &room->masks, err, sizeof(err));

	if (rc == LC_EINVAL) {
		log_error("room %s: masks: %s; masking the whole picture",
			  room->name, err);
		masks_set_all(&room->masks);
	} else if (rc == LC_EDB) {
		log_error("room %s: cannot read the masks; masking the whole "
			  "picture",
			  room->name);
		masks_set_all(&room->masks);
	}
}

static void load_flags(struct room *room, const struct store_room *sr)
{
	char err[160];

	room->broadcast = sr->broadcast;
	room->consent = sr->consent;
	room->paused = sr->paused;
	room->quota_min = sr->quota_min;
	snprintf(room->title, sizeof(room->title), "%s", sr->title);
	if (window_parse(sr->window, &room->win, err, sizeof(err)) < 0) {
		/* Only lucarne-admin writes it, after the same check: a
		 * broken value keeps the room closed rather than open. */
		log_error("room %s: %s; the room stays closed", room->name,
			  err);
		memset(&room->win, 0, sizeof(room->win));
	}
	window_update(room);
	load_masks(room);
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

/* ---- quotas ------------------------------------------------------------ */

static void acct_flush(struct room *room, struct quota_acct *a)
{
	if (a->used == a->saved)
		return;
	if (store_quota_set(room->relay->store, a->user_id, room->name, a->day,
			    a->used) < 0) {
		log_warn("room %s: cannot record quota use", room->name);
		return;
	}
	a->saved = a->used;
}

static void acct_load(struct room *room, struct quota_acct *a, int day)
{
	a->day = day;
	if (store_quota_get(room->relay->store, a->user_id, room->name, day,
			    &a->used) < 0)
		log_warn("room %s: cannot read quota use", room->name);
	a->saved = a->used;
}

/* The account's use today, loaded on first sight and at a new day. */
static struct quota_acct *acct_get(struct room *room, int64_t user_id)
{
	int today = room->relay->today;
	struct quota_acct *a;

	for (a = room->accts; a; a = a->next)
		if (a->user_id == user_id)
			break;
	if (!a) {
		a = XNEW(struct quota_acct);
		a->user_id = user_id;
		a->next = room->accts;
		room->accts = a;
		acct_load(room, a, today);
	} else if (a->day != today) {
		acct_flush(room, a);
		acct_load(room, a, today);
	}
	return a;
}

/* Staff watch their own room at work: the quota is for families. */
static bool quota_applies(const struct room *room, enum store_role role)
{
	return room->quota_min > 0 && role != ROLE_TEACHER &&
		role != ROLE_DIRECTOR;
}

void room_flush_quotas(struct relay *r)
{
	for (struct room *room = r->rooms; room; room = room->next)
		for (struct quota_acct *a = room->accts; a; a = a->next)
			acct_flush(room, a);
}

void room_free_all(struct relay *r)
{
	while (r->rooms) {
		struct room *room = r->rooms;

		r->rooms = room->next;
		while (room->accts) {
			struct quota_acct *a = room->accts;

			room->accts = a->next;
			free(a);
		}
		fanout_room_free(room->fan);
		camera_forget(room);
		free(room->cam_want);
		free(room);
	}
}

/* ---- states ------------------------------------------------------------ */

enum proto_state room_state(const struct room *room)
{
	if (!room_open(room))
		return PROTO_ST_OFF;
	if (!room->win_open)
		return PROTO_ST_CLOSED;
	if (room->paused)
		return PROTO_ST_PAUSED;
	if (!room->publisher)
		return PROTO_ST_OFFLINE;
	return PROTO_ST_LIVE;
}

static const char *state_reason(enum proto_state s)
{
	switch (s) {
	case PROTO_ST_OFF:
		return "director";
	case PROTO_ST_CLOSED:
		return "window";
	case PROTO_ST_PAUSED:
		return "teacher";
	default:
		return "";
	}
}

void room_view(struct room *room, int64_t user_id, enum store_role role,
	       struct proto_msg_state *m)
{
	struct relay *r = room->relay;

	*m = (struct proto_msg_state){ .quota_left = -1 };
	snprintf(m->room, sizeof(m->room), "%s", room->name);
	m->state = room_state(room);
	snprintf(m->reason, sizeof(m->reason), "%s", state_reason(m->state));
	m->viewers = room->n_viewers;
	/* until: the next opening when closed, the window's end otherwise
	 * (none for "always"). */
	if (m->state != PROTO_ST_OFF)
		m->until = room->win_change;
	if (m->state != PROTO_ST_OFF && quota_applies(room, role)) {
		struct quota_acct *a = acct_get(room, user_id);
		int64_t left = (int64_t)room->quota_min * 60 - a->used;

		m->quota_left = left > 0 ? left : 0;
		if (left <= 0) {
			/* Used up: closed until the first opening of a
			 * later day. */
			int64_t t = window_next_midnight(r->now_s);

			m->state = PROTO_ST_CLOSED;
			snprintf(m->reason, sizeof(m->reason), "quota");
			m->until = window_next_open(&room->win, t);
		}
	}
	if (m->state == PROTO_ST_LIVE && room->pub.width) {
		snprintf(m->codec, sizeof(m->codec), "%s", room->pub.codec);
		m->width = room->pub.width;
		m->height = room->pub.height;
	}
}

/* Send @c its state if it changed, and start its media at the cached
 * keyframe when it enters live or paused (or with @rejoin, when the
 * room's frame log was reset). Returns FANOUT_F_KEY when a keyframe is
 * needed. */
static int update_viewer(struct room *room, struct conn *c, bool rejoin)
{
	struct relay *r = room->relay;
	bool was_media = c->vsent && media_state(c->vstate);
	struct proto_msg_state m;
	int need_key = 0;

	room_view(room, c->who.id, c->who.role, &m);
	if (!c->vsent || m.state != c->vstate ||
	    strcmp(m.reason, c->vreason) != 0 || m.until != c->vuntil) {
		conn_send(c, PROTO_STATE, &m);
		if (was_media && m.state == PROTO_ST_CLOSED) {
			char detail[48];
			bool quota = strcmp(m.reason, "quota") == 0;

			snprintf(detail, sizeof(detail), "until=%" PRId64,
				 m.until);
			log_info("room %s: %s cut (%s)", room->name,
				 c->who.name, m.reason);
			if (store_audit_add(r->store,
					    quota ? "quota_cut" : "window_cut",
					    c->who.name, room->name, c->addr,
					    detail) < 0)
				log_warn("audit: cannot record the cut");
		}
		c->vsent = true;
		c->vstate = m.state;
		c->vuntil = m.until;
		snprintf(c->vreason, sizeof(c->vreason), "%s", m.reason);
		if (media_state(m.state) && !was_media)
			rejoin = true;
	}
	if (rejoin && media_state(c->vstate)) {
		need_key = fanout_viewer_join(room->fan, c->fv);
		conn_wake(c);
	}
	return need_key;
}

/* Bring every viewer up to date; @rejoin after the frame log was reset. */
static void broadcast_state(struct room *room, bool rejoin)
{
	int need_key = 0;

	for (struct conn *c = room->viewers; c; c = c->vnext)
		need_key |= update_viewer(room, c, rejoin);
	if (need_key)
		room_request_key(room);
}

void room_add_viewer(struct room *room, struct conn *c)
{
	c->room = room;
	c->vprev = NULL;
	c->vnext = room->viewers;
	if (room->viewers)
		room->viewers->vprev = c;
	room->viewers = c;
	room->n_viewers++;
	if (!c->fv)
		c->fv = fanout_viewer_new();
	c->vsent = false;
	if (update_viewer(room, c, true) & FANOUT_F_KEY)
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
	c->vsent = false;
	room->n_viewers--;
	/* A restart must not give back the time just watched. */
	for (struct quota_acct *a = room->accts; a; a = a->next)
		if (a->user_id == c->who.id)
			acct_flush(room, a);
}

static void send_pause(struct room *room)
{
	struct proto_msg_pause m = { .paused = room->paused };

	if (room->publisher)
		conn_send(room->publisher, PROTO_PAUSE, &m);
}

/* The camera sends no pixel of a connection before this (fail closed). */
static void send_masks(struct room *room)
{
	struct proto_msg_masks m = { .rects = room->masks };

	if (room->publisher)
		conn_send(room->publisher, PROTO_MASKS, &m);
}

void room_set_publisher(struct room *room, struct conn *c,
			const struct proto_msg_publish *publish)
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
	camera_forget(room); /* the new camera sends its own list */
	room->publisher = c;
	room->pub = *publish;
	c->room = room;
	c->publisher = true;
	room->sent_viewers = -1; /* tell it the count at the next tick */
	room->key_pending = false;
	room->key_sent_us = 0;
	fanout_room_reset(room->fan);
	send_masks(room);
	/* A camera that (re)connects during a pause is paused at once. */
	if (room->paused)
		send_pause(room);
	broadcast_state(room, true);
}

void room_remove_publisher(struct room *room, struct conn *c)
{
	if (room->publisher != c)
		return;
	room->publisher = NULL;
	c->room = NULL;
	c->publisher = false;
	memset(&room->pub, 0, sizeof(room->pub));
	camera_forget(room);
	/* The camera is gone: forget its frames (nothing is kept that no
	 * one can watch) and show "offline". */
	fanout_room_reset(room->fan);
	broadcast_state(room, true);
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
	if (!room->win_open) {
		room->relay->met.frames_closed++;
		return;
	}
	if (room->paused && !(f->flags & PROTO_FLAG_SLATE)) {
		/* Defence in depth: the agent stops the camera itself, but
		 * a frame already on its way must not reach anyone. */
		room->relay->met.frames_paused++;
		return;
	}
	rc = fanout_room_push(room->fan, f);
	if (rc & FANOUT_F_KEY)
		room_request_key(room);
	if (f->flags & PROTO_FLAG_KEY)
		room->key_pending = false; /* a keyframe answers them all */
	/* Send it to every viewer that is not already waiting to write:
	 * this is the only per-viewer work per frame. conn_push() may drop
	 * @c from the list (a dead or too slow viewer). */
	for (struct conn *c = room->viewers, *next; c; c = next) {
		next = c->vnext;
		conn_push(c);
	}
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void room_viewer_names(const struct room *room, char *out, size_t size)
{
	const char *names[PROTO_MAX_NAMES] = { 0 };
	size_t len = 0;
	int n = 0;

	out[0] = '\0';
	for (const struct conn *c = room->viewers; c; c = c->vnext) {
		bool seen = false;

		/* Like the teacher page's watchers: accounts, not staff. */
		if (c->who.kind != ID_USER || c->who.role == ROLE_ADMIN ||
		    c->who.role == ROLE_DIRECTOR || c->who.role == ROLE_TEACHER)
			continue;
		for (int i = 0; i < n && !seen; i++)
			seen = strcmp(names[i], c->who.name) == 0;
		if (!seen && n < PROTO_MAX_NAMES)
			names[n++] = c->who.name;
	}
	/* A stable order, so that a lamp or screen changes only when who
	 * watches does. */
	qsort(names, (size_t)n, sizeof(names[0]), cmp_name);
	for (int i = 0; i < n; i++) {
		size_t k = strlen(names[i]);

		if (len + k + 2 > size)
			break;
		len += (size_t)snprintf(out + len, size - len, "%s%s",
					len ? "," : "", names[i]);
	}
}

static void send_key_request(struct room *room, int64_t now)
{
	conn_send(room->publisher, PROTO_KEYFRAME, NULL);
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
			struct proto_msg_viewers m = { .viewers = n };

			if (n)
				room_viewer_names(room, m.names,
						  sizeof(m.names));
			/* Counts are coalesced to one message per tick: a
			 * hundred viewers joining send one update. */
			if (n != room->sent_viewers ||
			    strcmp(m.names, room->sent_names) != 0) {
				conn_send(room->publisher, PROTO_VIEWERS, &m);
				room->sent_viewers = n;
				memcpy(room->sent_names, m.names,
				       sizeof(m.names));
			}
		}
		if (!check_slow)
			continue;
		for (struct conn *c = room->viewers, *n; c; c = n) {
			n = c->vnext;
			if (!c->vsent || !media_state(c->vstate))
				continue;
			if (fanout_viewer_check(room->fan, c->fv)) {
				log_info("room %s: viewer %s too slow, cut",
					 room->name, c->who.name);
				conn_close(c, CLOSE_SLOW);
			} else {
				conn_confirm_alive(c, now_us);
			}
		}
	}
}

/* Count this tick's seconds for each account watching live, once per
 * account however many of its devices watch. */
static void count_quota(struct room *room, int64_t dt)
{
	struct relay *r = room->relay;

	if (dt <= 0 || room->quota_min <= 0)
		return;
	for (struct conn *c = room->viewers; c; c = c->vnext) {
		struct quota_acct *a;

		if (!c->vsent || c->vstate != PROTO_ST_LIVE ||
		    !quota_applies(room, c->who.role))
			continue;
		a = acct_get(room, c->who.id);
		if (a->counted_tick == r->ticks)
			continue;
		a->counted_tick = r->ticks;
		a->used += dt;
	}
}

/* The window opened or closed: empty or refill the frame log. */
static void window_changed(struct room *room)
{
	log_info("room %s: window %s", room->name,
		 room->win_open ? "opens" : "closes");
	if (!room->win_open)
		fanout_room_reset(room->fan);
	else if (room->publisher)
		room_request_key(room);
}

void room_clock_tick(struct relay *r, int64_t now_us)
{
	int64_t dt = r->now_s - r->prev_now_s;

	for (struct room *room = r->rooms; room; room = room->next) {
		bool was_open = room->win_open;

		/* Recompute at the announced change, or if the clock went
		 * back (a test's fake time, or the wall clock set). */
		if ((room->win_change && r->now_s >= room->win_change) ||
		    r->now_s < room->win_at)
			window_update(room);
		if (room->win_open != was_open)
			window_changed(room);
		count_quota(room, dt);
		broadcast_state(room, room->win_open != was_open);
	}
	if (now_us >= r->next_flush_us) {
		r->next_flush_us = now_us + RELAY_QUOTA_FLUSH_US;
		room_flush_quotas(r);
	}
}

void room_refresh(struct room *room)
{
	struct relay *r = room->relay;
	struct store_room sr;
	enum proto_state before = room_state(room);
	bool was_paused = room->paused, was_allowed = media_allowed(room);
	bool reset = false;
	struct masks masks_before = room->masks;
	int rc = store_room_get(r->store, room->name, &sr);

	if (rc == LC_ENOENT)
		room->gone = true;
	else if (rc == 0)
		load_flags(room, &sr);
	if (!masks_equal(&masks_before, &room->masks) && !room->gone) {
		log_info("room %s: %d privacy mask%s", room->name,
			 room->masks.n, room->masks.n == 1 ? "" : "s");
		send_masks(room); /* live: the camera applies them at once */
	}
	if (room->paused != was_paused && !room->gone) {
		log_info("room %s: %s", room->name,
			 room->paused ? "paused" : "resumed");
		send_pause(room);
		/* Nothing cached from before a pause may be sent after it,
		 * and the slates go at the resume: start from a fresh
		 * keyframe either way. */
		fanout_room_reset(room->fan);
		reset = true;
		if (!room->paused)
			room_request_key(room);
	}
	if (media_allowed(room) != was_allowed) {
		reset = true;
		if (!media_allowed(room))
			fanout_room_reset(room->fan);
		else if (room->publisher)
			room_request_key(room);
	}
	if (room_state(room) != before)
		log_info("room %s: now %s", room->name,
			 proto_state_name(room_state(room)));
	broadcast_state(room, reset);
}

void room_refresh_all(struct relay *r)
{
	for (struct room *room = r->rooms; room; room = room->next)
		room_refresh(room);
}
