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

struct proto_ctl {
	enum proto_type type;
	int v; /* hello: protocol version */
	char agent[64]; /* hello: software name and version */
	char user[PROTO_NAME_MAX + 1]; /* hello from relay: account name */
	char role[16]; /* hello from relay: account role */
	char room[PROTO_NAME_MAX + 1]; /* subscribe, publish, state; hello
					* to a device: its room */
	char codec[8]; /* publish, state: "vp8" */
	int width, height, fps; /* publish, state (0: unknown) */
	int layers; /* publish: temporal layers, 1..3 */
	int kbps; /* bitrate */
	enum proto_state state; /* state */
	int viewers; /* state, viewers */
	int64_t until; /* state: Unix seconds, 0: none */
	/* state: seconds of viewing left today for this account, or -1
	 * (absent) when no quota applies. 0 is a value, not "absent": the
	 * parser sets -1 when the member is missing from a state message,
	 * and a state message to format must set it (-1 for none). */
	int64_t quota_left;
	char reason[16]; /* state: why not live (window, quota, teacher,
			  * director); "" when none */
	char code[32]; /* error: stable lc_err_name() */
	char message[256]; /* error: human sentence */
	bool paused; /* pause */
	/* viewers: the watching accounts (parents), each once, joined with
	 * ',' (names have no comma); "" when none. At most PROTO_MAX_NAMES. */
	char names[PROTO_NAMES_TEXT];
	struct masks masks; /* masks: the rectangles ("rects"), maybe none */
	/* controls: the full list (ranges and values); set_controls: the
	 * change set (only each entry's name and value). Last, and most of
	 * the struct's size (~9 KiB): hot paths that fill other types may
	 * clear only what comes before it (see room_view). */
	struct camctl_list ctls;
};

/* Parse a text message of @len bytes (need not be NUL-terminated).
 * Unknown members are ignored; every known member is checked. Returns 0
 * or LC_EP_JSON, LC_EP_TYPE, LC_EP_FIELD or LC_EP_TOOBIG. */
int proto_ctl_parse(const char *text, size_t len, struct proto_ctl *msg);

/* Serialise @msg as compact JSON into @out (NUL-terminated). Returns the
 * length, or LC_EINVAL if a field is invalid or LC_ETOOBIG if @outlen is
 * too small. */
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
