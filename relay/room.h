/* Rooms at run time (room.c): a room's publisher, its viewers, its frame
 * log (fanout.c) and camera state (camera.c), and the state each viewer
 * sees; and the registry of loaded rooms (struct rooms).
 *
 * The media path goes down only: a connection (ws.c) joins a room and
 * hands it a struct room_sink and a context; the room reaches its members
 * through that sink alone, and knows nothing of sockets. Everything runs
 * on the lws service thread.
 */
#ifndef LUCARNE_RELAY_ROOM_H
#define LUCARNE_RELAY_ROOM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/proto.h"
#include "relay/camera.h"
#include "relay/fanout.h"
#include "relay/metrics.h"
#include "relay/relay.h"
#include "store/store.h"

struct room;
struct rooms;
struct room_viewer;

/* The civil clock of windows and quotas (Unix seconds), read once per
 * tick by the relay: the real clock, or a test's fake time. */
struct room_clock {
	int64_t now_s, prev_now_s;
	int today; /* window_day_key(now_s) */
	uint64_t ticks; /* ticks so far */
};

/* How a room reaches one of its members: given by the member's
 * connection when it joins, called with the context given with it. A call
 * may make the member leave the room (a close, or a control queue that is
 * full), never free its handle. */
struct room_sink {
	/* Queue a control message of @type (@body: its member struct of
	 * common/proto.h, NULL for types without members). */
	void (*send)(void *ctx, enum proto_type type, const void *body);
	/* A frame was added to the log: write it now if the connection
	 * waits for nothing else (room_viewer_next), else later. */
	void (*push)(void *ctx);
	/* Frames wait: ask for a writable callback. */
	void (*wake)(void *ctx);
	/* Close with @code after what is queued; the member leaves. */
	void (*close)(void *ctx, int code);
	/* A viewer receiving media: a look at whether it is alive (called
	 * at each slow-viewer check). */
	void (*confirm_alive)(void *ctx, int64_t now_us);
};

/* ---- the registry ---- */

/* An empty registry. @store, @met and @fst (counters the rooms bump)
 * must outlive it; @clock is copied. Never NULL. */
struct rooms *rooms_new(struct store *store, struct metrics *met,
			struct fanout_stats *fst,
			const struct room_clock *clock);
/* Free every room. NULL is accepted. Members must have left. */
void rooms_free(struct rooms *rs);
/* The room named @name, loaded from the database on first use; NULL if
 * the database has no such room. */
struct room *rooms_get(struct rooms *rs, const char *name);
/* Loaded rooms the database still has, in no order: the first with @prev
 * NULL, then the one after @prev; NULL at the end. */
struct room *rooms_next(struct rooms *rs, struct room *prev);
/* Periodic work on the civil clock @clock (copied): window openings and
 * closings, quota accounting and cuts, quota flushes. */
void rooms_clock_tick(struct rooms *rs, const struct room_clock *clock,
		      int64_t now_us);
/* Periodic work: due keyframe requests, viewer counts and names to the
 * publishers, and with @check_slow the slow-viewer cut and the alive
 * confirmation of viewers receiving media. */
void rooms_tick(struct rooms *rs, int64_t now_us, bool check_slow);
/* Re-read every loaded room from the database and apply changes. */
void rooms_refresh_all(struct rooms *rs);
/* Write every account's pending quota use to the database. */
void rooms_flush_quotas(struct rooms *rs);

/* ---- one room ---- */

const char *room_name(const struct room *room);
/* The state of @room for everyone now (off, closed, paused, offline or
 * live), before any account's quota. */
enum proto_state room_state(const struct room *room);
/* Fill the "state" message account @user_id with @role gets for @room
 * now: the room's state, its reason, until (next opening when closed,
 * window end otherwise), and the account's quota (closed with reason
 * "quota" when used up; quota_left -1 when no quota applies). */
void room_view(struct room *room, int64_t user_id, enum store_role role,
	       struct proto_msg_state *m);
/* Re-read @room from the database (after the relay itself changed it)
 * and apply the changes. */
void room_refresh(struct room *room);
/* Ask the publisher for a keyframe (coalesced, rate-limited). */
void room_request_key(struct room *room);
/* The accounts watching @room other than staff (parents), each once, in
 * alphabetical (byte) order: up to @max names into @names (borrowed until
 * the room's viewers change). Returns how many. */
int room_watchers(const struct room *room, const char **names, int max);
/* The same joined with ',' into @out (at most PROTO_MAX_NAMES; @size
 * PROTO_NAMES_TEXT holds them all). */
void room_viewer_names(const struct room *room, char *out, size_t size);

/* Counters and gauges of a room, for /metrics. */
struct room_stats {
	const char *name; /* borrowed from the room */
	int viewers;
	bool publisher;
	struct room_counters cnt;
	uint64_t cache_bytes; /* media held in RAM */
	uint64_t backlog_max; /* largest viewer backlog, bytes */
};
void room_get_stats(const struct room *room, struct room_stats *st);

/* ---- the publisher ---- */

/* Make the connection @ctx (reached through @sink) the publisher of
 * @room, with its publish message @publish; an older publisher is closed
 * with 4409 first. */
void room_set_publisher(struct room *room, const struct room_sink *sink,
			void *ctx, const struct proto_msg_publish *publish);
/* The same publisher announced a new size or rate. */
void room_update_publish(struct room *room,
			 const struct proto_msg_publish *publish);
/* The publisher @ctx left (nothing if it is no longer the publisher). */
void room_remove_publisher(struct room *room, void *ctx);
/* A frame from the publisher: cache it (the room takes a reference) and
 * hand it to the viewers. */
void room_push_frame(struct room *room, struct frame *f);
/* The controls the publisher just reported; on its first list, the
 * values the staff chose before are sent back to it. */
void room_camera_list(struct room *room, const struct camctl_list *list);
/* The room's camera state (the list is NULL when no camera reports). */
const struct camera *room_camera(const struct room *room);
/* Send the change set @set to the publisher and remember it. Returns 0,
 * or LC_ESTATE when no camera publishes. */
int room_send_controls(struct room *room, const struct camctl_list *set);

/* ---- viewers ---- */

/* Attach the connection @ctx of @who (from @addr) as a viewer: it is
 * sent its state, and its media starts at the cached keyframe. Returns
 * its handle, which the connection keeps until room_viewer_free. */
struct room_viewer *room_add_viewer(struct room *room, const struct ident *who,
				    const char *addr,
				    const struct room_sink *sink, void *ctx);
/* Detach @v from its room (nothing if already detached); @v stays valid
 * and receives nothing more. */
void room_remove_viewer(struct room_viewer *v);
/* Detach and free @v. NULL is accepted. Not from inside a sink call. */
void room_viewer_free(struct room_viewer *v);
/* The room @v watches, or NULL once detached. */
struct room *room_viewer_room(const struct room_viewer *v);

enum room_media {
	ROOM_MEDIA_IDLE = 0, /* nothing to write now */
	ROOM_MEDIA_SEND, /* write *out whole, then room_viewer_sent() */
	ROOM_MEDIA_SLOW, /* past the hard cap: close with 4408 */
};
/* The next media frame for @v, if its state carries media (live, or
 * paused: the agent's slates), with the lag policy applied and keyframe
 * requests sent. *@out is borrowed until the next frame is pushed. */
enum room_media room_viewer_next(struct room_viewer *v, struct frame **out);
/* @f, from room_viewer_next, was handed whole to the socket: count it
 * and its fan-out delay. Returns true if more frames wait for @v. */
bool room_viewer_sent(struct room_viewer *v, const struct frame *f);
/* True if frames wait for @v. */
bool room_viewer_pending(const struct room_viewer *v);

#endif
