/* The relay's SQLite database in --data DIR (lucarne.db): rooms, users and
 * their room links, devices, login sessions and the audit log.
 *
 * The relay and lucarne-admin open the same file at the same time: WAL
 * mode lets the relay read while the admin tool writes, and
 * store_data_version() tells the relay that another process changed
 * something (a revoked device, a new password) so that it can re-check its
 * live connections. The schema is versioned with PRAGMA user_version and
 * upgraded by store_open(), one migration per version.
 *
 * Only token and password hashes are stored, never the secrets. No media
 * is ever written here.
 */
#ifndef LUCARNE_STORE_H
#define LUCARNE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/masks.h"
#include "common/proto.h"

struct store;

/* Roles of people's accounts, in the order of the schema's CHECK. */
enum store_role {
	ROLE_ADMIN = 0,
	ROLE_DIRECTOR,
	ROLE_TEACHER,
	ROLE_PARENT,
	ROLE_TRAINER,
	ROLE_SENIOR,
	ROLE_COUNT
};

enum store_kind { KIND_CAMERA = 0, KIND_KIOSK, KIND_COUNT };

#define STORE_HASH_MAX 128 /* crypto_pwhash_STRBYTES */
#define STORE_TITLE_MAX 128 /* bytes of a room title */
#define STORE_WINDOW_MAX 512 /* bytes of a viewing window (WINDOW_TEXT_MAX) */
#define STORE_QUOTA_MAX 1440 /* minutes a day */

struct store_room {
	int64_t id;
	char name[PROTO_NAME_MAX + 1];
	char title[STORE_TITLE_MAX + 1];
	bool broadcast; /* director turned the broadcast on */
	bool consent; /* consent register complete */
	char window[STORE_WINDOW_MAX + 1]; /* viewing window (window.h) */
	int quota_min; /* daily minutes per account, 0: unlimited */
	bool paused; /* teacher pause */
	bool teacher_ptz; /* teachers may move and zoom the camera */
};

struct store_user {
	int64_t id;
	char name[PROTO_NAME_MAX + 1];
	enum store_role role;
	char pwhash[STORE_HASH_MAX];
};

struct store_device {
	int64_t id;
	char name[PROTO_NAME_MAX + 1];
	enum store_kind kind;
	int64_t room_id;
	char room[PROTO_NAME_MAX + 1];
};

struct store_session {
	int64_t id;
	int64_t expires; /* Unix seconds */
	struct store_user user;
};

/* Open (creating if needed, mode 0600) DIR/lucarne.db and migrate it to
 * the current schema. DIR must exist. On failure returns LC_EDB or LC_EIO with a
 * message in @err and sets *@out to NULL. */
int store_open(const char *dir, struct store **out, char *err, size_t errlen);
/* Close the database; NULL is accepted. */
void store_close(struct store *st);
/* Schema version of an open store (for tests). */
int store_schema_version(struct store *st);
/* A number that changes whenever another connection commits a change to
 * the database (PRAGMA data_version); cheap enough to poll often. */
int64_t store_data_version(struct store *st);
/* Last SQLite error text, for messages. */
const char *store_errmsg(struct store *st);

/* Names of roles and kinds on the wire and in the database. */
const char *store_role_name(enum store_role r);
int store_role_parse(const char *s); /* role or LC_EINVAL */
const char *store_kind_name(enum store_kind k);
int store_kind_parse(const char *s); /* kind or LC_EINVAL */

/* ---- rooms ---- */
/* Add a room (broadcast off, consent incomplete: privacy by default).
 * Returns 0, LC_EEXIST, LC_EINVAL (bad name) or LC_EDB. */
int store_room_add(struct store *st, const char *name, const char *title);
/* Remove a room and its user links. Refused with LC_EBUSY while devices
 * are bound to it. Returns 0, LC_ENOENT, LC_EBUSY or LC_EDB. */
int store_room_remove(struct store *st, const char *name);
/* Change a room's flags; a negative value leaves the flag unchanged. */
int store_room_set(struct store *st, const char *name, int broadcast,
		   int consent);
/* Change a room's title; NULL leaves it unchanged. */
int store_room_set_title(struct store *st, const char *name, const char *title);
/* Set a room's viewing window, already checked by window_parse() (the
 * store keeps the text). 0, LC_ENOENT, LC_EINVAL (too long) or LC_EDB. */
int store_room_set_window(struct store *st, const char *name,
			  const char *window);
/* Set a room's daily quota in minutes (0: unlimited, at most
 * STORE_QUOTA_MAX). 0, LC_ENOENT, LC_EINVAL or LC_EDB. */
int store_room_set_quota(struct store *st, const char *name, int minutes);
/* Set or clear the teacher pause. 0, LC_ENOENT or LC_EDB. */
int store_room_set_paused(struct store *st, const char *name, bool paused);
/* Let the room's teachers set the camera's pan, tilt and zoom, or not
 * (the default: the director alone). 0, LC_ENOENT or LC_EDB. */
int store_room_set_teacher_ptz(struct store *st, const char *name, bool on);
/* ---- several settings at once (store_room_update.c) ---- */
/* The settings store_room_update changes; a NULL pointer or a negative
 * number leaves that one unchanged (start from STORE_ROOM_CHANGE_NONE). */
struct store_room_change {
	const char *title; /* at most STORE_TITLE_MAX bytes */
	int broadcast; /* 0 off, 1 on */
	int consent; /* 0 incomplete, 1 complete (staff consent needed) */
	const char *window; /* checked by window_parse(), canonical */
	int quota_min; /* 0 (unlimited) .. STORE_QUOTA_MAX */
	const struct masks *masks; /* no rectangle: none */
	int teacher_ptz; /* 0 off, 1 on */
};
#define STORE_ROOM_CHANGE_NONE                                                 \
	{                                                                      \
		.broadcast = -1, .consent = -1, .quota_min = -1,               \
		.teacher_ptz = -1                                              \
	}
/* Apply every setting of @ch to room @name in one transaction: all of
 * them or, on any failure, none. Marking the consent register complete
 * is checked in that transaction (store_consent_staff_ready), so that a
 * teacher's withdrawal committed meanwhile cannot slip in between; when
 * a teacher's consent is missing, their names go to @missing ("a, b",
 * truncated to @size) and LC_ESTATE is returned. Returns 0, LC_ENOENT (no
 * such room), LC_EINVAL (a value out of range), LC_ESTATE or LC_EDB (also
 * when the database is busy or read-only). */
int store_room_update(struct store *st, const char *name,
		      const struct store_room_change *ch, char *missing,
		      size_t size);
/* ---- privacy masks (store_masks.c) ---- */
/* Replace a room's masks (none when @m has no rectangle). 0, LC_ENOENT,
 * LC_EINVAL (an invalid rectangle) or LC_EDB. */
int store_room_set_masks(struct store *st, const char *name,
			 const struct masks *m);
/* Read a room's masks into @out. 0, LC_ENOENT, LC_EDB, or LC_EINVAL with a
 * sentence in @err when the stored text is broken (then @out is empty:
 * the caller decides how to fail closed). */
int store_room_get_masks(struct store *st, const char *name, struct masks *out,
			 char *err, size_t errlen);
/* Fill @out; 0, LC_ENOENT or LC_EDB. */
int store_room_get(struct store *st, const char *name, struct store_room *out);
/* Call @cb for every room in name order; stops early if @cb returns
 * nonzero. Returns 0 or LC_EDB. */
int store_room_list(struct store *st,
		    int (*cb)(void *ctx, const struct store_room *r),
		    void *ctx);

/* ---- users ---- */
/* Add a user with an already hashed password, linked to @rooms (all of
 * which must exist, else LC_ENOENT and nothing is added). */
int store_user_add(struct store *st, const char *name, enum store_role role,
		   const char *pwhash, const char *const *rooms,
		   size_t n_rooms);
/* Remove a user, their links and sessions. 0, LC_ENOENT or LC_EDB. */
int store_user_remove(struct store *st, const char *name);
/* Replace a password hash. With @revoke, also delete every session of
 * the user (password change); without, keep them (rehash on login). */
int store_user_set_password(struct store *st, int64_t user_id,
			    const char *pwhash, bool revoke);
int store_user_get(struct store *st, const char *name, struct store_user *out);
int store_user_list(struct store *st,
		    int (*cb)(void *ctx, const struct store_user *u),
		    void *ctx);
/* Link or unlink a user and a room (unlinking also forgets the account's
 * consent for the room). */
int store_link_add(struct store *st, const char *user, const char *room);
int store_link_remove(struct store *st, const char *user, const char *room);
/* True (1) if @user_id is linked to the room named @room, 0 if not, or
 * LC_EDB. */
int store_link_exists(struct store *st, int64_t user_id, const char *room);
/* Rooms linked to @user_id, in name order. */
int store_user_rooms(struct store *st, int64_t user_id,
		     int (*cb)(void *ctx, const struct store_room *r),
		     void *ctx);

/* ---- devices ---- */
/* Add a device bound to @room with the hash of its token. */
int store_device_add(struct store *st, const char *name, enum store_kind kind,
		     const char *room, const char *token_hash);
int store_device_remove(struct store *st, const char *name);
/* Find a device by token hash: 0, LC_ENOENT or LC_EDB. */
int store_device_by_token(struct store *st, const char *token_hash,
			  struct store_device *out);
int store_device_list(struct store *st,
		      int (*cb)(void *ctx, const struct store_device *d),
		      void *ctx);

/* ---- sessions ---- */
/* Record a session for @user_id expiring at @expires (Unix seconds). */
int store_session_add(struct store *st, const char *token_hash, int64_t user_id,
		      int64_t expires, int64_t *id);
/* Find a live session (expires > @now) with its user: 0, LC_ENOENT or
 * LC_EDB. */
int store_session_get(struct store *st, const char *token_hash, int64_t now,
		      struct store_session *out);
/* True (1) if session @id still exists and is unexpired at @now. */
int store_session_alive(struct store *st, int64_t id, int64_t now);
/* Delete one session (logout). 0 or LC_ENOENT. */
int store_session_remove(struct store *st, const char *token_hash);
/* Delete expired sessions; returns how many or LC_EDB. */
int store_session_purge(struct store *st, int64_t now);
/* Number of sessions of @user (all when NULL), for tests and admin. */
int store_session_count(struct store *st, const char *user);

/* ---- quotas ---- */
/* Seconds account @user_id watched room @room on local day @day
 * (YYYYMMDD) into *@seconds (0 if none recorded). 0 or LC_EDB. */
int store_quota_get(struct store *st, int64_t user_id, const char *room,
		    int day, int64_t *seconds);
/* Record that total. 0 or LC_EDB. */
int store_quota_set(struct store *st, int64_t user_id, const char *room,
		    int day, int64_t seconds);

/* ---- audit ---- */
/* Append one audit row. @event is a short word ("login", "login_failed",
 * "logout", "view", "admin"); the other fields may be NULL. */
int store_audit_add(struct store *st, const char *event, const char *actor,
		    const char *room, const char *addr, const char *detail);
/* Open a viewing row (start now) and return its id in *@id. */
int store_audit_view_start(struct store *st, const char *actor,
			   const char *room, const char *addr, int64_t *id);
/* Close viewing row @id with its end time and bytes sent. */
int store_audit_view_end(struct store *st, int64_t id, uint64_t bytes);
/* Count audit rows of @event (tests). */
int store_audit_count(struct store *st, const char *event);
/* Like store_audit_add, with @subject: the account the action is about
 * when it is not @actor (a consent recorded by the director), so that
 * the subject's own history shows it. */
int store_audit_add_about(struct store *st, const char *event,
			  const char *actor, const char *subject,
			  const char *room, const char *addr,
			  const char *detail);

#define STORE_AUDIT_EVENT_MAX 32
#define STORE_AUDIT_ADDR_MAX 64
#define STORE_AUDIT_DETAIL_MAX 1024

/* One audit row as read back. Texts that were NULL read as "". */
struct store_audit_row {
	int64_t id;
	int64_t ts; /* Unix seconds */
	int64_t end_ts; /* viewing rows: end, 0 while open */
	int64_t bytes; /* viewing rows: bytes sent, -1 if unknown */
	char event[STORE_AUDIT_EVENT_MAX + 1];
	char actor[PROTO_NAME_MAX + 1];
	char subject[PROTO_NAME_MAX + 1];
	char room[PROTO_NAME_MAX + 1];
	char addr[STORE_AUDIT_ADDR_MAX + 1];
	char detail[STORE_AUDIT_DETAIL_MAX + 1];
};

/* Which rows store_audit_query reads; NULL and 0 fields do not filter.
 * With @room: the rows of that room plus the logins, failed logins and
 * logouts of the accounts linked to it. With @user: the rows that
 * account made or that are about it (subject). Rows come newest first
 * (by id), those with id < @before when @before > 0, at most @limit. */
struct store_audit_filter {
	const char *room;
	const char *user;
	int64_t from, to; /* ts >= from, ts < to (0: unbounded) */
	int64_t before;
	int limit;
};

/* Call @cb for each row of @f; stops early if @cb returns nonzero.
 * Returns the number of rows passed to @cb, or LC_EDB. */
int store_audit_query(struct store *st, const struct store_audit_filter *f,
		      int (*cb)(void *ctx, const struct store_audit_row *row),
		      void *ctx);
/* Delete the audit rows older than @before (Unix seconds). Returns how
 * many, or LC_EDB. */
int store_audit_purge(struct store *st, int64_t before);

/* ---- consent register (store_consent.c) ---- */
enum store_consent {
	CONSENT_NONE = 0, /* nothing recorded: no access */
	CONSENT_GIVEN,
	CONSENT_WITHDRAWN,
};

/* One entry of a room's register: a linked parent or teacher and their
 * consent. */
struct store_consent_row {
	char user[PROTO_NAME_MAX + 1];
	enum store_role role;
	enum store_consent status;
	char recorded_by[PROTO_NAME_MAX + 1]; /* "" when none */
	int64_t ts; /* when recorded, 0 when none */
};

const char *store_consent_name(enum store_consent c); /* "none", ... */
/* "given" or "withdrawn" (not "none"), or LC_EINVAL. */
int store_consent_parse(const char *s);
/* Record @user's consent for @room (given or withdrawn) by
 * @recorded_by. Only a parent or a teacher linked to the room has one
 * (LC_EINVAL otherwise, LC_ENOENT when the user or room does not
 * exist). Withdrawing a teacher's consent also marks the room's
 * register incomplete (staff consent is a condition of broadcasting),
 * in the same transaction. Returns 0, LC_ENOENT, LC_EINVAL or LC_EDB. */
int store_consent_set(struct store *st, const char *room, const char *user,
		      enum store_consent status, const char *recorded_by);
/* The consent of account @user_id for @room into *@out (CONSENT_NONE
 * when nothing is recorded). 0 or LC_EDB. */
int store_consent_get(struct store *st, int64_t user_id, const char *room,
		      enum store_consent *out);
/* The consent of account @user_id for @room with who recorded it and
 * when into @out (status, recorded_by, ts; CONSENT_NONE, "" and 0 when
 * nothing is recorded; user and role are left alone). 0 or LC_EDB. */
int store_consent_get_row(struct store *st, int64_t user_id, const char *room,
			  struct store_consent_row *out);
/* Call @cb for each parent and teacher linked to @room (teachers first,
 * then by name) with their consent. 0 or LC_EDB. */
int store_consent_list(struct store *st, const char *room,
		       int (*cb)(void *ctx, const struct store_consent_row *c),
		       void *ctx);
/* Whether the register of @room may be marked complete: every linked
 * teacher has given consent. Returns 0 if so, LC_ESTATE with the names
 * of those missing ("a, b", truncated to @size) in @missing, or LC_EDB. */
int store_consent_staff_ready(struct store *st, const char *room, char *missing,
			      size_t size);

/* ---- camera presets (store_camera.c) ---- */
#define STORE_PRESETS_MAX 16 /* per room */
#define STORE_PRESET_TEXT_MAX 2048 /* the values as JSON text */
/* Save preset @name of room @room as @controls (JSON text of name ->
 * value), replacing one of that name. Returns 0, LC_ENOENT (no room),
 * LC_ETOOBIG (STORE_PRESETS_MAX other presets already) or LC_EDB. */
int store_preset_save(struct store *st, const char *room, const char *name,
		      const char *controls);
/* Read preset @name into @out (NUL-terminated). 0, LC_ENOENT or LC_EDB. */
int store_preset_get(struct store *st, const char *room, const char *name,
		     char *out, size_t outlen);
/* 0, LC_ENOENT (no such preset) or LC_EDB. */
int store_preset_delete(struct store *st, const char *room, const char *name);
/* Call @fn for each preset of @room, by name; stops at a nonzero return.
 * 0 or LC_EDB. */
int store_preset_list(struct store *st, const char *room,
		      int (*fn)(void *ctx, const char *name,
				const char *controls),
		      void *ctx);

#endif
