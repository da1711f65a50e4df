/* Rooms at run time (room.h): the publisher, the viewers, the frame
 * cache and the state viewers see. A room is loaded from the database on
 * first use and refreshed when the database changes (broadcast, consent,
 * window, quota, pause, removal).
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
 * the last state it was sent (vstate); media flows only while that is
 * live (or paused: slates), so a cut needs no other bookkeeping.
 *
 * Members are reached through the sink their connection gave
 * (struct room_sink): a sink call may make the member leave (its
 * connection closes), so loops over viewers keep the next one first.
 */
#define LOG_TAG "room"
#include "relay/room.h"
#include "common/clock.h"
#include "common/err.h"
#include "common/log.h"
#include "common/window.h"
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

/* A member's way back to its connection. */
struct room_member {
	const struct room_sink *sink; /* NULL: none */
	void *ctx;
};

struct room_viewer {
	struct room *room; /* NULL once detached */
	struct room_viewer *prev, *next; /* room->viewers */
	struct room_member m;
	/* Who watches (copied at attach). */
	int64_t user_id;
	bool person; /* an account, not a device */
	enum store_role role;
	char name[PROTO_NAME_MAX + 1];
	char addr[64];
	/* The last state sent: media flows only in live and paused
	 * (slates), and a change of state, reason or until is sent again. */
	bool vsent;
	enum proto_state vstate;
	char vreason[16];
	int64_t vuntil;
	struct fanout_viewer *fv;
	int next_flags; /* FANOUT_F_* of the frame room_viewer_next gave */
};

struct room {
	struct room *next; /* rs->list */
	struct rooms *rs;
	char name[PROTO_NAME_MAX + 1];
	char title[STORE_TITLE_MAX + 1];
	bool broadcast, consent; /* from the database */
	bool paused; /* teacher pause, from the database */
	int quota_min; /* daily minutes per account, 0: unlimited */
	struct window win;
	bool win_open; /* at the clock's now_s */
	int64_t win_change; /* next change of win_open, 0: none */
	int64_t win_at; /* now_s when win_open was computed */
	struct quota_acct *accts; /* quota use of accounts seen here */
	bool gone; /* removed from the database */
	struct room_member publisher; /* sink NULL: none */
	struct room_viewer *viewers;
	int n_viewers;
	int sent_viewers; /* last count told to the publisher */
	char sent_names[PROTO_NAMES_TEXT]; /* and the names with it */
	struct masks masks; /* privacy masks, from the database */
	struct fanout_room *fan;
	struct proto_msg_publish pub; /* the publisher's publish message */
	struct camera *cam; /* the publisher's controls, RAM only */
	int64_t key_sent_us; /* last keyframe request sent */
	bool key_pending; /* a request waits for the interval */
	struct room_counters cnt;
};

struct rooms {
	struct room *list;
	struct store *store;
	struct metrics *met;
	struct fanout_stats *fst;
	struct room_clock clk;
	int64_t next_flush_us; /* quota flush */
};

static bool has_publisher(const struct room *room)
{
	return room->publisher.sink != NULL;
}

/* A control message to the publisher, if there is one. */
static void pub_send(struct room *room, enum proto_type type, const void *body)
{
	if (has_publisher(room))
		room->publisher.sink->send(room->publisher.ctx, type, body);
}

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
	int64_t now = room->rs->clk.now_s;

	room->win_open = window_is_open(&room->win, now, &room->win_change);
	room->win_at = now;
}

/* The room's privacy masks. A stored value that cannot be read (only
 * lucarne-admin and the API write it, after the same check) masks the
 * whole picture rather than none: fail closed. */
static void load_masks(struct room *room)
{
	char err[160];
	int rc = store_room_get_masks(room->rs->store, room->name, &room->masks,
				      err, sizeof(err));

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

struct rooms *rooms_new(struct store *store, struct metrics *met,
			struct fanout_stats *fst,
			const struct room_clock *clock)
{
	struct rooms *rs = XNEW(struct rooms);

	rs->store = store;
	rs->met = met;
	rs->fst = fst;
	rs->clk = *clock;
	return rs;
}

struct room *rooms_get(struct rooms *rs, const char *name)
{
	struct store_room sr;
	struct room *room;

	for (room = rs->list; room; room = room->next) {
		if (strcmp(room->name, name) != 0)
			continue;
		if (room->gone) {
			/* Removed, perhaps added again since. */
			if (store_room_get(rs->store, name, &sr) < 0)
				return NULL;
			room->gone = false;
			load_flags(room, &sr);
		}
		return room;
	}
	if (store_room_get(rs->store, name, &sr) < 0)
		return NULL;
	room = XNEW(struct room);
	room->rs = rs;
	snprintf(room->name, sizeof(room->name), "%s", sr.name);
	load_flags(room, &sr);
	room->fan = fanout_room_new(rs->fst);
	room->cam = camera_new();
	room->next = rs->list;
	rs->list = room;
	return room;
}

struct room *rooms_next(struct rooms *rs, struct room *prev)
{
	struct room *room = prev ? prev->next : rs->list;

	while (room && room->gone)
		room = room->next;
	return room;
}

const char *room_name(const struct room *room)
{
	return room->name;
}

/* ---- quotas ------------------------------------------------------------ */

static void acct_flush(struct room *room, struct quota_acct *a)
{
	if (a->used == a->saved)
		return;
	if (store_quota_set(room->rs->store, a->user_id, room->name, a->day,
			    a->used) < 0) {
		log_warn("room %s: cannot record quota use", room->name);
		return;
	}
	a->saved = a->used;
}

static void acct_load(struct room *room, struct quota_acct *a, int day)
{
	a->day = day;
	if (store_quota_get(room->rs->store, a->user_id, room->name, day,
			    &a->used) < 0)
		log_warn("room %s: cannot read quota use", room->name);
	a->saved = a->used;
}

/* The account's use today, loaded on first sight and at a new day. */
static struct quota_acct *acct_get(struct room *room, int64_t user_id)
{
	int today = room->rs->clk.today;
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

void rooms_flush_quotas(struct rooms *rs)
{
	for (struct room *room = rs->list; room; room = room->next)
		for (struct quota_acct *a = room->accts; a; a = a->next)
			acct_flush(room, a);
}

void rooms_free(struct rooms *rs)
{
	if (!rs)
		return;
	while (rs->list) {
		struct room *room = rs->list;

		rs->list = room->next;
		while (room->accts) {
			struct quota_acct *a = room->accts;

			room->accts = a->next;
			free(a);
		}
		fanout_room_free(room->fan);
		camera_free(room->cam);
		free(room);
	}
	free(rs);
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
	if (!has_publisher(room))
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
			int64_t t = window_next_midnight(room->rs->clk.now_s);

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

static void log_slow(const struct room_viewer *v)
{
	log_info("room %s: viewer %s too slow, cut", v->room->name, v->name);
}

/* Send @v its state if it changed, and start its media at the cached
 * keyframe when it enters live or paused (or with @rejoin, when the
 * room's frame log was reset). Returns FANOUT_F_KEY when a keyframe is
 * needed. */
static int update_viewer(struct room *room, struct room_viewer *v, bool rejoin)
{
	bool was_media = v->vsent && media_state(v->vstate);
	struct proto_msg_state m;
	int need_key = 0;

	room_view(room, v->user_id, v->role, &m);
	if (!v->vsent || m.state != v->vstate ||
	    strcmp(m.reason, v->vreason) != 0 || m.until != v->vuntil) {
		v->m.sink->send(v->m.ctx, PROTO_STATE, &m);
		if (was_media && m.state == PROTO_ST_CLOSED) {
			char detail[48];
			bool quota = strcmp(m.reason, "quota") == 0;

			snprintf(detail, sizeof(detail), "until=%" PRId64,
				 m.until);
			log_info("room %s: %s cut (%s)", room->name, v->name,
				 m.reason);
			if (store_audit_add(room->rs->store,
					    quota ? "quota_cut" : "window_cut",
					    v->name, room->name, v->addr,
					    detail) < 0)
				log_warn("audit: cannot record the cut");
		}
		v->vsent = true;
		v->vstate = m.state;
		v->vuntil = m.until;
		snprintf(v->vreason, sizeof(v->vreason), "%s", m.reason);
		if (media_state(m.state) && !was_media)
			rejoin = true;
	}
	if (rejoin && media_state(v->vstate)) {
		need_key = fanout_viewer_join(room->fan, v->fv);
		v->m.sink->wake(v->m.ctx);
	}
	return need_key;
}

/* Bring every viewer up to date; @rejoin after the frame log was reset. */
static void broadcast_state(struct room *room, bool rejoin)
{
	int need_key = 0;

	for (struct room_viewer *v = room->viewers, *n; v; v = n) {
		n = v->next;
		need_key |= update_viewer(room, v, rejoin);
	}
	if (need_key)
		room_request_key(room);
}

struct room_viewer *room_add_viewer(struct room *room, const struct ident *who,
				    const char *addr,
				    const struct room_sink *sink, void *ctx)
{
	struct room_viewer *v = XNEW(struct room_viewer);

	v->user_id = who->id;
	v->person = who->kind == ID_USER;
	v->role = who->role;
	snprintf(v->name, sizeof(v->name), "%s", who->name);
	snprintf(v->addr, sizeof(v->addr), "%s", addr);
	v->m.sink = sink;
	v->m.ctx = ctx;
	v->fv = fanout_viewer_new();
	v->room = room;
	v->next = room->viewers;
	if (room->viewers)
		room->viewers->prev = v;
	room->viewers = v;
	room->n_viewers++;
	if (update_viewer(room, v, true) & FANOUT_F_KEY)
		room_request_key(room);
	v->m.sink->wake(v->m.ctx);
	return v;
}

void room_remove_viewer(struct room_viewer *v)
{
	struct room *room = v ? v->room : NULL;

	if (!room)
		return;
	if (v->prev)
		v->prev->next = v->next;
	else
		room->viewers = v->next;
	if (v->next)
		v->next->prev = v->prev;
	v->prev = v->next = NULL;
	v->room = NULL;
	v->vsent = false;
	room->n_viewers--;
	/* A restart must not give back the time just watched. */
	for (struct quota_acct *a = room->accts; a; a = a->next)
		if (a->user_id == v->user_id)
			acct_flush(room, a);
}

void room_viewer_free(struct room_viewer *v)
{
	if (!v)
		return;
	room_remove_viewer(v);
	fanout_viewer_free(v->fv);
	free(v);
}

struct room *room_viewer_room(const struct room_viewer *v)
{
	return v->room;
}

enum room_media room_viewer_next(struct room_viewer *v, struct frame **out)
{
	struct room *room = v->room;
	int rc;

	if (!room || !v->vsent || !media_state(v->vstate))
		return ROOM_MEDIA_IDLE;
	rc = fanout_viewer_next(room->fan, v->fv, out);
	if (rc & FANOUT_F_KEY)
		room_request_key(room);
	if (rc & FANOUT_F_SLOW) {
		log_slow(v);
		return ROOM_MEDIA_SLOW;
	}
	if (!(rc & FANOUT_F_SEND))
		return ROOM_MEDIA_IDLE;
	v->next_flags = rc;
	return ROOM_MEDIA_SEND;
}

bool room_viewer_sent(struct room_viewer *v, const struct frame *f)
{
	struct room *room = v->room;

	if (!room)
		return false;
	/* The frame's delay ends here: the whole message is the kernel's
	 * (or lws's, for the rest of a short send). A joining viewer's
	 * cached GOP is old by design and not counted. */
	if (!(v->next_flags & FANOUT_F_CATCHUP))
		delay_hist_add(&room->rs->fst->delay,
			       clock_mono_us() - f->arrival_us);
	room->cnt.frames_out++;
	room->cnt.bytes_out += f->len;
	return fanout_viewer_pending(room->fan, v->fv);
}

bool room_viewer_pending(const struct room_viewer *v)
{
	return v->room && fanout_viewer_pending(v->room->fan, v->fv);
}

static void send_pause(struct room *room)
{
	struct proto_msg_pause m = { .paused = room->paused };

	pub_send(room, PROTO_PAUSE, &m);
}

/* The camera sends no pixel of a connection before this (fail closed). */
static void send_masks(struct room *room)
{
	struct proto_msg_masks m = { .rects = room->masks };

	pub_send(room, PROTO_MASKS, &m);
}

void room_set_publisher(struct room *room, const struct room_sink *sink,
			void *ctx, const struct proto_msg_publish *publish)
{
	struct room_member old = room->publisher;

	/* The new one first: the old one's close must find it replaced. */
	room->publisher.sink = sink;
	room->publisher.ctx = ctx;
	if (old.sink && old.ctx != ctx) {
		/* The newer connection wins: a camera that reconnects after
		 * a network cut must not wait for its dead socket. */
		log_info("room %s: publisher replaced", room->name);
		room->rs->met->publishers_replaced++;
		old.sink->close(old.ctx, CLOSE_REPLACED);
	}
	camera_forget(room->cam); /* the new camera sends its own list */
	room->pub = *publish;
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

void room_update_publish(struct room *room,
			 const struct proto_msg_publish *publish)
{
	room->pub = *publish;
}

void room_remove_publisher(struct room *room, void *ctx)
{
	if (!has_publisher(room) || room->publisher.ctx != ctx)
		return;
	room->publisher.sink = NULL;
	room->publisher.ctx = NULL;
	memset(&room->pub, 0, sizeof(room->pub));
	camera_forget(room->cam);
	/* The camera is gone: forget its frames (nothing is kept that no
	 * one can watch) and show "offline". */
	fanout_room_reset(room->fan);
	broadcast_state(room, true);
}

void room_push_frame(struct room *room, struct frame *f)
{
	struct metrics *met = room->rs->met;
	int rc;

	room->cnt.frames_in++;
	room->cnt.bytes_in += f->len;
	if (!room_open(room)) {
		met->frames_off++;
		return;
	}
	if (!room->win_open) {
		met->frames_closed++;
		return;
	}
	if (room->paused && !(f->flags & PROTO_FLAG_SLATE)) {
		/* Defence in depth: the agent stops the camera itself, but
		 * a frame already on its way must not reach anyone. */
		met->frames_paused++;
		return;
	}
	rc = fanout_room_push(room->fan, f);
	if (rc & FANOUT_F_KEY)
		room_request_key(room);
	if (f->flags & PROTO_FLAG_KEY)
		room->key_pending = false; /* a keyframe answers them all */
	/* The only per-viewer work per frame: one call through the sink,
	 * which writes the frame at once if the connection waits for
	 * nothing else. It may remove that viewer from the list (a dead
	 * or too slow one). */
	for (struct room_viewer *v = room->viewers, *next; v; v = next) {
		next = v->next;
		v->m.sink->push(v->m.ctx);
	}
}

void room_camera_list(struct room *room, const struct camctl_list *list)
{
	struct proto_msg_set_controls *m = XNEW(
		struct proto_msg_set_controls); /* 9 KiB: not on the stack */
	int n = camera_set_list(room->cam, list, &m->values);

	if (n && has_publisher(room)) {
		pub_send(room, PROTO_SET_CONTROLS, m);
		log_info("%s: %d camera setting%s restored", room->name, n,
			 n == 1 ? "" : "s");
	}
	free(m);
}

const struct camera *room_camera(const struct room *room)
{
	return room->cam;
}

int room_send_controls(struct room *room, const struct camctl_list *set)
{
	struct proto_msg_set_controls *m;

	if (!has_publisher(room))
		return LC_ESTATE;
	m = XNEW(struct proto_msg_set_controls);
	m->values = *set;
	pub_send(room, PROTO_SET_CONTROLS, m);
	free(m);
	camera_remember(room->cam, set);
	return 0;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int room_watchers(const struct room *room, const char **names, int max)
{
	int n = 0;

	for (const struct room_viewer *v = room->viewers; v; v = v->next) {
		bool seen = false;

		/* The teacher page's watchers: accounts, not staff. */
		if (!v->person || v->role == ROLE_ADMIN ||
		    v->role == ROLE_DIRECTOR || v->role == ROLE_TEACHER)
			continue;
		for (int i = 0; i < n && !seen; i++)
			seen = strcmp(names[i], v->name) == 0;
		if (!seen && n < max)
			names[n++] = v->name;
	}
	/* A stable order, so that a lamp or screen changes only when who
	 * watches does. */
	qsort(names, (size_t)n, sizeof(names[0]), cmp_name);
	return n;
}

void room_viewer_names(const struct room *room, char *out, size_t size)
{
	const char *names[PROTO_MAX_NAMES] = { 0 };
	int n = room_watchers(room, names, PROTO_MAX_NAMES);
	size_t len = 0;

	out[0] = '\0';
	for (int i = 0; i < n; i++) {
		size_t k = strlen(names[i]);

		if (len + k + 2 > size)
			break;
		len += (size_t)snprintf(out + len, size - len, "%s%s",
					len ? "," : "", names[i]);
	}
}

void room_get_stats(const struct room *room, struct room_stats *st)
{
	st->name = room->name;
	st->viewers = room->n_viewers;
	st->publisher = has_publisher(room);
	st->cnt = room->cnt;
	st->cache_bytes = fanout_room_bytes(room->fan);
	st->backlog_max = 0;
	for (const struct room_viewer *v = room->viewers; v; v = v->next) {
		uint64_t b = fanout_viewer_backlog(room->fan, v->fv);

		if (b > st->backlog_max)
			st->backlog_max = b;
	}
}

static void send_key_request(struct room *room, int64_t now)
{
	pub_send(room, PROTO_KEYFRAME, NULL);
	room->key_sent_us = now;
	room->key_pending = false;
	room->cnt.keyframe_requests++;
}

void room_request_key(struct room *room)
{
	int64_t now = clock_mono_us();

	if (!has_publisher(room))
		return;
	if (room->key_pending) {
		room->cnt.keyframe_coalesced++;
		return;
	}
	if (now - room->key_sent_us >= RELAY_KEY_INTERVAL_US)
		send_key_request(room, now);
	else
		room->key_pending = true; /* sent by rooms_tick when due */
}

/* The viewer count and names, coalesced to one message per tick: a
 * hundred viewers joining send one update. */
static void send_viewers(struct room *room)
{
	int n = room_open(room) ? room->n_viewers : 0;
	struct proto_msg_viewers m = { .viewers = n };

	if (n)
		room_viewer_names(room, m.names, sizeof(m.names));
	if (n != room->sent_viewers || strcmp(m.names, room->sent_names) != 0) {
		pub_send(room, PROTO_VIEWERS, &m);
		room->sent_viewers = n;
		memcpy(room->sent_names, m.names, sizeof(m.names));
	}
}

/* Cut the viewers past the hard cap that never became writable; confirm
 * the others alive. */
static void check_viewers(struct room *room, int64_t now_us)
{
	for (struct room_viewer *v = room->viewers, *n; v; v = n) {
		n = v->next;
		if (!v->vsent || !media_state(v->vstate))
			continue;
		if (fanout_viewer_check(room->fan, v->fv)) {
			log_slow(v);
			v->m.sink->close(v->m.ctx, CLOSE_SLOW);
		} else {
			v->m.sink->confirm_alive(v->m.ctx, now_us);
		}
	}
}

void rooms_tick(struct rooms *rs, int64_t now_us, bool check_slow)
{
	for (struct room *room = rs->list; room; room = room->next) {
		if (has_publisher(room) && room->key_pending &&
		    now_us - room->key_sent_us >= RELAY_KEY_INTERVAL_US)
			send_key_request(room, now_us);
		if (has_publisher(room))
			send_viewers(room);
		if (check_slow)
			check_viewers(room, now_us);
	}
}

/* Count this tick's seconds for each account watching live, once per
 * account however many of its devices watch. */
static void count_quota(struct room *room, int64_t dt)
{
	uint64_t ticks = room->rs->clk.ticks;

	if (dt <= 0 || room->quota_min <= 0)
		return;
	for (struct room_viewer *v = room->viewers; v; v = v->next) {
		struct quota_acct *a;

		if (!v->vsent || v->vstate != PROTO_ST_LIVE ||
		    !quota_applies(room, v->role))
			continue;
		a = acct_get(room, v->user_id);
		if (a->counted_tick == ticks)
			continue;
		a->counted_tick = ticks;
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
	else if (has_publisher(room))
		room_request_key(room);
}

void rooms_clock_tick(struct rooms *rs, const struct room_clock *clock,
		      int64_t now_us)
{
	int64_t dt = clock->now_s - clock->prev_now_s;

	rs->clk = *clock;
	for (struct room *room = rs->list; room; room = room->next) {
		bool was_open = room->win_open;

		/* Recompute at the announced change, or if the clock went
		 * back (a test's fake time, or the wall clock set). */
		if ((room->win_change && clock->now_s >= room->win_change) ||
		    clock->now_s < room->win_at)
			window_update(room);
		if (room->win_open != was_open)
			window_changed(room);
		count_quota(room, dt);
		broadcast_state(room, room->win_open != was_open);
	}
	if (now_us >= rs->next_flush_us) {
		rs->next_flush_us = now_us + RELAY_QUOTA_FLUSH_US;
		rooms_flush_quotas(rs);
	}
}

void room_refresh(struct room *room)
{
	struct store_room sr;
	enum proto_state before = room_state(room);
	bool was_paused = room->paused, was_allowed = media_allowed(room);
	bool reset = false;
	struct masks masks_before = room->masks;
	int rc = store_room_get(room->rs->store, room->name, &sr);

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
		else if (has_publisher(room))
			room_request_key(room);
	}
	if (room_state(room) != before)
		log_info("room %s: now %s", room->name,
			 proto_state_name(room_state(room)));
	broadcast_state(room, reset);
}

void rooms_refresh_all(struct rooms *rs)
{
	for (struct room *room = rs->list; room; room = room->next)
		room_refresh(room);
}
