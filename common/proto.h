/* The Lucarne wire protocol (docs/protocol.md is the specification).
 *
 * Over one WebSocket with subprotocol "lucarne.v1":
 *  - binary messages are media frames: a fixed 24-byte big-endian header
 *    (struct proto_media) followed by one encoded frame;
 *  - text messages are JSON control objects with a "type" member
 *    (struct proto_ctl).
 * Both parsers check every field, return a specific LC_EP_* code for each
 * kind of malformed input and never read outside the buffer they are
 * given. This module is pure: no I/O, no allocation kept after return.
 */
#ifndef LUCARNE_PROTO_H
#define LUCARNE_PROTO_H

#include "common/camctl.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/masks.h"

#define PROTO_SUBPROTOCOL "lucarne.v1"
#define PROTO_VERSION 1
#define PROTO_MEDIA_HEADER 24
/* Caps: a 1080p VP8 keyframe at high quality is well under 1 MiB. */
#define PROTO_MAX_PAYLOAD (2u * 1024 * 1024)
#define PROTO_MAX_CTL 8192
#define PROTO_MAX_LAYERS 3
#define PROTO_NAME_MAX 64
/* viewers: at most this many account names (the count stays exact) */
#define PROTO_MAX_NAMES 64
#define PROTO_NAMES_TEXT (PROTO_MAX_NAMES * (PROTO_NAME_MAX + 1))

enum proto_kind {
	PROTO_KIND_VIDEO = 1, /* VP8 frame, as libvpx outputs it */
	PROTO_KIND_AUDIO = 2, /* one Opus packet */
};

enum proto_flag {
	PROTO_FLAG_KEY = 0x01, /* keyframe: decodable on its own */
	PROTO_FLAG_SYNC = 0x02, /* layer sync: refers to layer 0 only */
	PROTO_FLAG_SLATE = 0x04, /* drawn by the agent, no camera pixel */
	PROTO_FLAG_DROPPABLE = 0x08, /* no later frame refers to it */
};
#define PROTO_FLAGS_KNOWN 0x0f

struct proto_media {
	uint8_t version; /* PROTO_VERSION */
	uint8_t kind; /* enum proto_kind */
	uint8_t flags; /* enum proto_flag bits */
	uint8_t layer; /* temporal layer, 0 = base */
	uint32_t track; /* track id within the room, 0 = main camera */
	uint32_t seq; /* per-track sequence number, wraps */
	uint64_t capture_us; /* capture time, µs since the Unix epoch */
	uint32_t length; /* payload bytes after the header */
};

/* Parse a binary message of @len bytes. On success fills @hdr, points
 * *@payload at the frame inside @buf and returns 0; otherwise returns an
 * LC_EP_* code and leaves *@payload NULL. */
int proto_media_parse(const void *buf, size_t len, struct proto_media *hdr,
		      const uint8_t **payload);

/* Write @hdr as PROTO_MEDIA_HEADER bytes at @out (version forced to 1). */
void proto_media_write(const struct proto_media *hdr, void *out);

enum proto_type {
	PROTO_NONE = 0,
	PROTO_HELLO, /* both ways: version and identity */
	PROTO_SUBSCRIBE, /* viewer -> relay: watch a room */
	PROTO_UNSUBSCRIBE, /* viewer -> relay: stop watching */
	PROTO_PUBLISH, /* camera -> relay: start sending a room */
	PROTO_KEYFRAME, /* viewer -> relay -> camera: send a keyframe */
	PROTO_STATE, /* relay -> client: a room's state */
	PROTO_ERROR, /* relay -> client: refusal, then close */
	PROTO_BITRATE, /* relay -> camera: new target bitrate */
	PROTO_VIEWERS, /* relay -> camera: how many watch now */
	PROTO_PAUSE, /* relay -> camera: teacher paused/resumed */
	PROTO_MASKS, /* relay -> camera: privacy masks to black out */
	PROTO_CONTROLS, /* camera -> relay: its controls, ranges, values */
	PROTO_SET_CONTROLS, /* relay -> camera: change some controls */
	PROTO_TYPE_COUNT
};

enum proto_state {
	PROTO_ST_LIVE = 0, /* frames flowing */
	PROTO_ST_PAUSED, /* teacher paused the camera */
	PROTO_ST_OFFLINE, /* no camera connected to the room */
	PROTO_ST_OFF, /* broadcast turned off by the director */
	PROTO_ST_CLOSED, /* outside viewing hours */
	PROTO_ST_COUNT
};

/* One struct per message type, each holding the members docs/protocol.md
 * lists for it, named as on the wire. "unsubscribe" and "keyframe" have
 * no member and so no struct. A sender fills the one it sends (small,
 * except controls lists and viewers' names) and formats it with
 * proto_msg_format(); nothing clears or copies a whole struct proto_ctl
 * to send one message. */
struct proto_msg_hello { /* both ways */
	int v; /* protocol version */
	char agent[64]; /* software name and version */
	char user[PROTO_NAME_MAX + 1]; /* from the relay: account name */
	char role[16]; /* from the relay: account role */
	char room[PROTO_NAME_MAX + 1]; /* to a device: its room */
};

struct proto_msg_subscribe {
	char room[PROTO_NAME_MAX + 1];
};

struct proto_msg_publish {
	char room[PROTO_NAME_MAX + 1];
	char codec[8]; /* "vp8" */
	int width, height, fps;
	int layers; /* temporal layers, 1..3 (parsed: 1 when absent) */
};

struct proto_msg_state {
	char room[PROTO_NAME_MAX + 1];
	enum proto_state state;
	int viewers;
	int64_t until; /* Unix seconds, 0: none */
	/* Seconds of viewing left today for this account, or -1 (absent)
	 * when no quota applies. 0 is a value, not "absent": the parser
	 * sets -1 when the member is missing, and a sender must set it
	 * (-1 for none). */
	int64_t quota_left;
	char reason[16]; /* why not live (window, quota, teacher, director,
			  * consent); "" when none */
	char codec[8]; /* as in publish; "" and 0: unknown */
	int width, height;
};

struct proto_msg_error {
	char code[32]; /* stable lc_err_name() */
	char message[256]; /* human sentence */
};

struct proto_msg_bitrate {
	int kbps;
};

struct proto_msg_viewers {
	int viewers; /* how many watch, staff included */
	/* The watching accounts (parents), each once, joined with ','
	 * (names have no comma); "" when none. At most PROTO_MAX_NAMES. */
	char names[PROTO_NAMES_TEXT];
};

struct proto_msg_pause {
	bool paused;
};

struct proto_msg_masks {
	struct masks rects; /* the rectangles to black out, maybe none */
};

struct proto_msg_controls {
	struct camctl_list controls; /* the full list: ranges and values */
};

struct proto_msg_set_controls {
	struct camctl_list values; /* the change set: each name and value */
};

/* A parsed control message: the type tag and the member for it, sized by
 * the largest (a controls list, ~9 KiB). Only u's member for @type is
 * meaningful; the parser clears the whole struct before filling it. */
struct proto_ctl {
	enum proto_type type;
	union {
		struct proto_msg_hello hello;
		struct proto_msg_subscribe subscribe;
		struct proto_msg_publish publish;
		struct proto_msg_state state;
		struct proto_msg_error error;
		struct proto_msg_bitrate bitrate;
		struct proto_msg_viewers viewers;
		struct proto_msg_pause pause;
		struct proto_msg_masks masks;
		struct proto_msg_controls controls;
		struct proto_msg_set_controls set_controls;
	} u;
};

/* Parse a text message of @len bytes (need not be NUL-terminated) into
 * @msg, cleared whole first: afterwards only msg->u's member for
 * msg->type holds anything. Unknown members are ignored; every known
 * member is checked. Returns 0 or LC_EP_JSON, LC_EP_TYPE, LC_EP_FIELD or
 * LC_EP_TOOBIG; on error @msg is all zero but for msg->type, kept for
 * LC_EP_FIELD (PROTO_NONE otherwise). */
int proto_ctl_parse(const char *text, size_t len, struct proto_ctl *msg);

/* Serialise a message of @type whose members are at @body, the struct
 * proto_msg_TYPE for it (NULL for unsubscribe and keyframe, which have
 * none), as compact JSON into @out (NUL-terminated). Reads nothing of
 * @body beyond that struct. Returns the length, or LC_EINVAL if @type or
 * a field is invalid (or @body NULL for a type with members) or
 * LC_ETOOBIG if @outlen is too small. */
int proto_msg_format(enum proto_type type, const void *body, char *out,
		     size_t outlen);

/* proto_msg_format(msg->type, &msg->u, ...): a parsed message back. */
int proto_ctl_format(const struct proto_ctl *msg, char *out, size_t outlen);

/* Build and format an error message in one go. */
int proto_ctl_format_error(int err, const char *message, char *out,
			   size_t outlen);

/* Names used on the wire: "subscribe", "live", ...; NULL if out of range. */
const char *proto_type_name(enum proto_type t);
const char *proto_state_name(enum proto_state s);

/* True if @s is a valid room or account name: 1..64 of [A-Za-z0-9._-],
 * not starting with '.' or '-'. */
bool proto_name_valid(const char *s);

#endif
