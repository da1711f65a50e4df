/* Wire protocol: every media header field, every rejection, and every
 * control message type parsed, formatted and refused. */
#include "common/err.h"
#include "common/proto.h"
#include "tests/tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint8_t frame[PROTO_MEDIA_HEADER + 16];

static void make_frame(void)
{
	struct proto_media h = {
		.kind = PROTO_KIND_VIDEO,
		.flags = PROTO_FLAG_KEY | PROTO_FLAG_SYNC,
		.layer = 0,
		.track = 0x01020304,
		.seq = 0xfffffffe,
		.capture_us = 0x0123456789abcdefULL,
		.length = 16,
	};

	proto_media_write(&h, frame);
	memset(frame + PROTO_MEDIA_HEADER, 0xab, 16);
}

static int parse_frame(size_t len)
{
	struct proto_media h;
	const uint8_t *p;

	return proto_media_parse(frame, len, &h, &p);
}

static void test_media(void)
{
	static const uint8_t want_hdr[PROTO_MEDIA_HEADER] = {
		1,    1,    3,	  0,	1,    2,    3,	  4,
		0xff, 0xff, 0xff, 0xfe, 0x01, 0x23, 0x45, 0x67,
		0x89, 0xab, 0xcd, 0xef, 0,    0,    0,	  16,
	};
	struct proto_media h;
	const uint8_t *p;
	size_t len = sizeof(frame);

	make_frame();
	ok(memcmp(frame, want_hdr, sizeof(want_hdr)) == 0,
	   "header bytes are big-endian as documented");
	is_int(proto_media_parse(frame, len, &h, &p), 0, "valid frame parses");
	is_int(h.version, 1, "version");
	is_int(h.kind, PROTO_KIND_VIDEO, "kind");
	is_int(h.flags, PROTO_FLAG_KEY | PROTO_FLAG_SYNC, "flags");
	is_int(h.layer, 0, "layer");
	is_int(h.track, 0x01020304, "track");
	ok(h.seq == 0xfffffffe, "sequence number");
	ok(h.capture_us == 0x0123456789abcdefULL, "capture timestamp");
	is_int(h.length, 16, "payload length");
	ok(p == frame + PROTO_MEDIA_HEADER, "payload follows the header");

	for (size_t n = 0; n < PROTO_MEDIA_HEADER; n++)
		if (parse_frame(n) != LC_EP_SHORT)
			ok(0, "short frame of %zu bytes", n);
	ok(1, "every length under the header is LC_EP_SHORT");
	ok(proto_media_parse(frame, 3, &h, &p) < 0 && p == NULL,
	   "payload pointer is NULL on error");

	frame[0] = 2;
	is_int(parse_frame(len), LC_EP_VERSION, "version 2 refused");
	frame[0] = 0;
	is_int(parse_frame(len), LC_EP_VERSION, "version 0 refused");
	make_frame();
	frame[1] = 3;
	is_int(parse_frame(len), LC_EP_KIND, "kind 3 refused");
	frame[1] = 0;
	is_int(parse_frame(len), LC_EP_KIND, "kind 0 refused");
	frame[1] = PROTO_KIND_AUDIO;
	frame[2] = 0;
	is_int(parse_frame(len), 0, "audio kind accepted");
	frame[2] = 0x10;
	is_int(parse_frame(len), LC_EP_FLAGS, "reserved flag 0x10 refused");
	frame[2] = 0x80;
	is_int(parse_frame(len), LC_EP_FLAGS, "reserved flag 0x80 refused");
	make_frame();
	frame[2] = 0;
	frame[3] = 2;
	is_int(parse_frame(len), 0, "layer 2 accepted");
	frame[3] = PROTO_MAX_LAYERS;
	is_int(parse_frame(len), LC_EP_LAYER, "layer 3 refused");
	frame[2] = PROTO_FLAG_KEY;
	frame[3] = 1;
	is_int(parse_frame(len), LC_EP_LAYER, "keyframe above layer 0 refused");
	make_frame();
	is_int(parse_frame(len - 1), LC_EP_LENGTH, "truncated payload refused");
	frame[23] = 15;
	is_int(parse_frame(len), LC_EP_LENGTH, "trailing bytes refused");
	frame[20] = 0xff;
	is_int(parse_frame(len), LC_EP_TOOBIG, "4 GiB length refused");
	make_frame();
	frame[23] = 0;
	is_int(parse_frame(PROTO_MEDIA_HEADER), LC_EP_EMPTY,
	       "empty payload refused");
}

struct ctl_case {
	const char *json;
	int rc;
	const char *why;
};

static const struct ctl_case rejects[] = {
	{ "", LC_EP_JSON, "empty text" },
	{ "{", LC_EP_JSON, "truncated JSON" },
	{ "[1,2]", LC_EP_JSON, "array" },
	{ "\"hello\"", LC_EP_JSON, "bare string" },
	{ "{\"type\":\"a\",\"type\":\"b\"}", LC_EP_JSON, "duplicate key" },
	{ "{}", LC_EP_TYPE, "no type" },
	{ "{\"type\":7}", LC_EP_TYPE, "numeric type" },
	{ "{\"type\":\"dance\"}", LC_EP_TYPE, "unknown type" },
	{ "{\"type\":\"hello\"}", LC_EP_FIELD, "hello without v" },
	{ "{\"type\":\"hello\",\"v\":0}", LC_EP_FIELD, "hello v 0" },
	{ "{\"type\":\"hello\",\"v\":\"1\"}", LC_EP_FIELD, "hello v string" },
	{ "{\"type\":\"hello\",\"v\":1.5}", LC_EP_FIELD, "hello v real" },
	{ "{\"type\":\"hello\",\"v\":1,\"agent\":\"a\\nb\"}", LC_EP_FIELD,
	  "control char in agent" },
	{ "{\"type\":\"hello\",\"v\":1,\"role\":\"Parent\"}", LC_EP_FIELD,
	  "role not a token" },
	{ "{\"type\":\"subscribe\"}", LC_EP_FIELD, "subscribe without room" },
	{ "{\"type\":\"subscribe\",\"room\":\"\"}", LC_EP_FIELD, "empty room" },
	{ "{\"type\":\"subscribe\",\"room\":\"../etc\"}", LC_EP_FIELD,
	  "room with slash" },
	{ "{\"type\":\"subscribe\",\"room\":\"-x\"}", LC_EP_FIELD,
	  "room starting with dash" },
	{ "{\"type\":\"subscribe\",\"room\":\"a\\u0000b\"}", LC_EP_JSON,
	  "room with NUL" },
	{ "{\"type\":\"subscribe\",\"room\":\"caf\\u00e9\"}", LC_EP_FIELD,
	  "room with non-ASCII" },
	{ "{\"type\":\"subscribe\",\"room\":"
	  "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}",
	  LC_EP_FIELD, "65-character room" },
	{ "{\"type\":\"subscribe\",\"room\":null}", LC_EP_FIELD, "null room" },
	{ "{\"type\":\"publish\",\"room\":\"r\",\"codec\":\"vp8\","
	  "\"width\":640,\"height\":480}",
	  LC_EP_FIELD, "publish without fps" },
	{ "{\"type\":\"publish\",\"room\":\"r\",\"codec\":\"vp8\","
	  "\"width\":8,\"height\":480,\"fps\":30}",
	  LC_EP_FIELD, "width under 16" },
	{ "{\"type\":\"publish\",\"room\":\"r\",\"codec\":\"vp8\","
	  "\"width\":640,\"height\":9000,\"fps\":30}",
	  LC_EP_FIELD, "height over 8192" },
	{ "{\"type\":\"publish\",\"room\":\"r\",\"codec\":\"vp8\","
	  "\"width\":640,\"height\":480,\"fps\":0}",
	  LC_EP_FIELD, "fps 0" },
	{ "{\"type\":\"publish\",\"room\":\"r\",\"codec\":\"vp8\","
	  "\"width\":640,\"height\":480,\"fps\":30,\"layers\":4}",
	  LC_EP_FIELD, "4 layers" },
	{ "{\"type\":\"publish\",\"room\":\"r\",\"codec\":\"VP8!\","
	  "\"width\":640,\"height\":480,\"fps\":30}",
	  LC_EP_FIELD, "codec not a token" },
	{ "{\"type\":\"state\",\"room\":\"r\"}", LC_EP_FIELD, "state missing" },
	{ "{\"type\":\"state\",\"room\":\"r\",\"state\":\"asleep\"}",
	  LC_EP_FIELD, "unknown state" },
	{ "{\"type\":\"state\",\"room\":\"r\",\"state\":\"live\","
	  "\"viewers\":-1}",
	  LC_EP_FIELD, "negative viewers" },
	{ "{\"type\":\"state\",\"room\":\"r\",\"state\":\"closed\","
	  "\"until\":-5}",
	  LC_EP_FIELD, "negative until" },
	{ "{\"type\":\"state\",\"room\":\"r\",\"state\":\"closed\","
	  "\"quota_left\":-1}",
	  LC_EP_FIELD, "negative quota_left" },
	{ "{\"type\":\"state\",\"room\":\"r\",\"state\":\"closed\","
	  "\"quota_left\":\"10\"}",
	  LC_EP_FIELD, "quota_left as a string" },
	{ "{\"type\":\"state\",\"room\":\"r\",\"state\":\"closed\","
	  "\"reason\":\"Quota\"}",
	  LC_EP_FIELD, "reason not a token" },
	{ "{\"type\":\"error\"}", LC_EP_FIELD, "error without code" },
	{ "{\"type\":\"error\",\"code\":\"x\",\"message\":5}", LC_EP_FIELD,
	  "numeric message" },
	{ "{\"type\":\"bitrate\",\"kbps\":1}", LC_EP_FIELD, "kbps 1" },
	{ "{\"type\":\"bitrate\",\"kbps\":99999999999}", LC_EP_FIELD,
	  "huge kbps" },
	{ "{\"type\":\"viewers\"}", LC_EP_FIELD, "viewers without count" },
	{ "{\"type\":\"pause\",\"paused\":1}", LC_EP_FIELD, "pause not bool" },
	{ "{\"type\":\"controls\"}", LC_EP_FIELD, "controls without list" },
	{ "{\"type\":\"controls\",\"controls\":[{\"name\":\"brightness\","
	  "\"label\":\"B\",\"kind\":\"int\",\"min\":0,\"max\":255,"
	  "\"step\":1,\"default\":128,\"value\":300}]}",
	  LC_EP_FIELD, "control value out of its range" },
	{ "{\"type\":\"controls\",\"controls\":{}}", LC_EP_FIELD,
	  "controls not an array" },
	{ "{\"type\":\"set_controls\",\"values\":{}}", LC_EP_FIELD,
	  "set_controls with no value" },
	{ "{\"type\":\"set_controls\",\"values\":{\"brightness\":\"1\"}}",
	  LC_EP_FIELD, "set_controls value as a string" },
	{ "{\"type\":\"set_controls\",\"values\":{\"brightness\":true}}",
	  LC_EP_FIELD, "set_controls value as a boolean" },
	{ "{\"type\":\"set_controls\",\"values\":{\"Bright\":1}}", LC_EP_FIELD,
	  "set_controls name not a token" },
	{ "{\"type\":\"masks\"}", LC_EP_FIELD, "masks without rects" },
	{ "{\"type\":\"masks\",\"rects\":{}}", LC_EP_FIELD,
	  "masks: rects not an array" },
	{ "{\"type\":\"masks\",\"rects\":[{\"x\":0,\"y\":0,\"w\":0.5}]}",
	  LC_EP_FIELD, "masks: h missing" },
	{ "{\"type\":\"masks\",\"rects\":[{\"x\":0.6,\"y\":0,\"w\":0.5,"
	  "\"h\":1}]}",
	  LC_EP_FIELD, "masks: past the right edge" },
	{ "{\"type\":\"masks\",\"rects\":[{\"x\":0,\"y\":0,\"w\":0,\"h\":1}]}",
	  LC_EP_FIELD, "masks: empty rectangle" },
	{ "{\"type\":\"masks\",\"rects\":[{\"x\":\"0\",\"y\":0,\"w\":1,"
	  "\"h\":1}]}",
	  LC_EP_FIELD, "masks: a string coordinate" },
	{ "{\"type\":\"masks\",\"rects\":[{\"x\":-0.1,\"y\":0,\"w\":0.5,"
	  "\"h\":1}]}",
	  LC_EP_FIELD, "masks: negative x" },
	{ "{\"type\":\"masks\",\"rects\":[1]}", LC_EP_FIELD,
	  "masks: a rectangle not an object" },
	{ "{\"type\":\"masks\",\"rects\":[{\"x\":0,\"y\":0,\"w\":1,\"h\":1},"
	  "{\"x\":0,\"y\":0,\"w\":1,\"h\":1},{\"x\":0,\"y\":0,\"w\":1,\"h\":1},"
	  "{\"x\":0,\"y\":0,\"w\":1,\"h\":1},{\"x\":0,\"y\":0,\"w\":1,\"h\":1},"
	  "{\"x\":0,\"y\":0,\"w\":1,\"h\":1},{\"x\":0,\"y\":0,\"w\":1,\"h\":1},"
	  "{\"x\":0,\"y\":0,\"w\":1,\"h\":1},{\"x\":0,\"y\":0,\"w\":1,\"h\":1}"
	  "]}",
	  LC_EP_FIELD, "masks: nine rectangles" },
	{ "{\"type\":\"viewers\",\"viewers\":1,\"names\":\"a\"}", LC_EP_FIELD,
	  "viewers: names not an array" },
	{ "{\"type\":\"viewers\",\"viewers\":2,\"names\":[\"a\",\"a\"]}",
	  LC_EP_FIELD, "viewers: a name twice" },
	{ "{\"type\":\"viewers\",\"viewers\":1,\"names\":[\"a,b\"]}",
	  LC_EP_FIELD, "viewers: a bad name" },
	{ "{\"type\":\"viewers\",\"viewers\":1,\"names\":[3]}", LC_EP_FIELD,
	  "viewers: a number as name" },
};

/* The union is sized by its largest member (a controls list), after the
 * tag and its padding: nothing else is in the struct. */
#define MAX2(a, b) ((a) > (b) ? (a) : (b))
#define ALIGN_UP(n, a) (((n) + (a)-1) / (a) * (a))
#define LARGEST                                                                \
	MAX2(MAX2(MAX2(sizeof(struct proto_msg_hello),                         \
		       sizeof(struct proto_msg_subscribe)),                    \
		  MAX2(sizeof(struct proto_msg_publish),                       \
		       sizeof(struct proto_msg_state))),                       \
	     MAX2(MAX2(MAX2(sizeof(struct proto_msg_error),                    \
			    sizeof(struct proto_msg_bitrate)),                 \
		       MAX2(sizeof(struct proto_msg_viewers),                  \
			    sizeof(struct proto_msg_pause))),                  \
		  MAX2(MAX2(sizeof(struct proto_msg_masks),                    \
			    sizeof(struct proto_msg_controls)),                \
		       sizeof(struct proto_msg_set_controls))))
_Static_assert(offsetof(struct proto_ctl, u) ==
		       ALIGN_UP(sizeof(enum proto_type),
				_Alignof(struct proto_ctl)),
	       "the tag, then only padding before the union");
_Static_assert(sizeof(struct proto_ctl) ==
		       ALIGN_UP(offsetof(struct proto_ctl, u) + LARGEST,
				_Alignof(struct proto_ctl)),
	       "struct proto_ctl is the tag and its largest member");
_Static_assert(LARGEST == sizeof(struct proto_msg_controls),
	       "a controls list is the largest member");

/* Each type's member struct, for formatting it alone. */
static const size_t body_size[PROTO_TYPE_COUNT] = {
	[PROTO_HELLO] = sizeof(struct proto_msg_hello),
	[PROTO_SUBSCRIBE] = sizeof(struct proto_msg_subscribe),
	[PROTO_PUBLISH] = sizeof(struct proto_msg_publish),
	[PROTO_STATE] = sizeof(struct proto_msg_state),
	[PROTO_ERROR] = sizeof(struct proto_msg_error),
	[PROTO_BITRATE] = sizeof(struct proto_msg_bitrate),
	[PROTO_VIEWERS] = sizeof(struct proto_msg_viewers),
	[PROTO_PAUSE] = sizeof(struct proto_msg_pause),
	[PROTO_MASKS] = sizeof(struct proto_msg_masks),
	[PROTO_CONTROLS] = sizeof(struct proto_msg_controls),
	[PROTO_SET_CONTROLS] = sizeof(struct proto_msg_set_controls),
};

/* Each type with every member set. Static: every byte of the union past
 * the member set is zero, as the parser leaves it. */
static const struct proto_ctl in[] = {
	{ .type = PROTO_HELLO,
	  .u.hello = { .v = 1,
		       .agent = "lucarne-view 0.1",
		       .user = "alice",
		       .role = "parent" } },
	{ .type = PROTO_HELLO,
	  .u.hello = { .v = 1,
		       .user = "cam1",
		       .role = "camera",
		       .room = "pommes" } },
	{ .type = PROTO_SUBSCRIBE, .u.subscribe = { .room = "Pomme.2_b-c" } },
	{ .type = PROTO_UNSUBSCRIBE },
	{ .type = PROTO_PUBLISH,
	  .u.publish = { .room = "r",
			 .codec = "vp8",
			 .width = 1280,
			 .height = 720,
			 .fps = 30,
			 .layers = 3 } },
	{ .type = PROTO_KEYFRAME },
	{ .type = PROTO_STATE,
	  .u.state = { .room = "r",
		       .state = PROTO_ST_CLOSED,
		       .viewers = 3,
		       .until = 1764142200,
		       .codec = "vp8",
		       .width = 640,
		       .height = 480 } },
	{ .type = PROTO_STATE,
	  .u.state = { .room = "r",
		       .state = PROTO_ST_CLOSED,
		       .until = 1764142200,
		       .quota_left = 0,
		       .reason = "quota" } },
	{ .type = PROTO_STATE,
	  .u.state = { .room = "r",
		       .state = PROTO_ST_PAUSED,
		       .quota_left = -1,
		       .reason = "teacher" } },
	{ .type = PROTO_STATE,
	  .u.state = { .room = "r",
		       .state = PROTO_ST_LIVE,
		       .until = 1764142200,
		       .quota_left = 540 } },
	{ .type = PROTO_ERROR,
	  .u.error = { .code = "forbidden",
		       .message = "Vous n'avez pas accès à cette salle." } },
	{ .type = PROTO_BITRATE, .u.bitrate = { .kbps = 800 } },
	{ .type = PROTO_VIEWERS, .u.viewers = { .viewers = 2 } },
	{ .type = PROTO_PAUSE, .u.pause = { .paused = true } },
	{ .type = PROTO_CONTROLS },
	{ .type = PROTO_CONTROLS,
	  .u.controls.controls = { 2,
				   { { .name = "brightness",
				       .label = "Brightness",
				       .kind = CAMCTL_INT,
				       .min = 0,
				       .max = 255,
				       .step = 1,
				       .def = 128,
				       .value = 140 },
				     { .name = "power_line",
				       .label = "Power Line Frequency",
				       .kind = CAMCTL_MENU,
				       .min = 0,
				       .max = 2,
				       .step = 1,
				       .def = 1,
				       .value = 2,
				       .n_items = 2,
				       .items = { { 1, "50 Hz" },
						  { 2, "60 Hz" } } } } } },
	{ .type = PROTO_SET_CONTROLS,
	  .u.set_controls.values = { 2,
				     { { .name = "brightness", .value = 140 },
				       { .name = "zoom", .value = -3 } } } },
	{ .type = PROTO_VIEWERS,
	  .u.viewers = { .viewers = 3, .names = "alice,bob" } },
	{ .type = PROTO_MASKS },
	{ .type = PROTO_MASKS,
	  .u.masks.rects = { 2,
			     { { 2500, 1000, 5000, 3000 },
			       { 0, 0, MASKS_SCALE, 1 } } } },
};

/* Formatted then parsed back; and the member alone, in a heap block of
 * exactly its size (so that a sanitizer build sees any read past it),
 * formats the same. */
static void test_roundtrip(void)
{
	unsigned seen = 0;

	for (size_t i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
		static struct proto_ctl out;
		size_t size = body_size[in[i].type];
		void *body = size ? malloc(size) : NULL;
		char text[1024], alone[1024];
		int n = proto_ctl_format(&in[i], text, sizeof(text));

		ok(n > 0 && proto_ctl_parse(text, (size_t)n, &out) == 0 &&
			   memcmp(&in[i], &out, sizeof(out)) == 0,
		   "%s round-trips: %s", proto_type_name(in[i].type), text);
		if (size)
			memcpy(body, &in[i].u, size);
		ok(proto_msg_format(in[i].type, body, alone, sizeof(alone)) ==
				   n &&
			   strcmp(alone, text) == 0,
		   "%s formats from its member alone",
		   proto_type_name(in[i].type));
		free(body);
		seen |= 1u << in[i].type;
	}
	is_int(seen, (1u << PROTO_TYPE_COUNT) - 2, "every type round-trips");
}

/* The last of the messages above of @type. */
static const struct proto_ctl *last_of(enum proto_type type)
{
	const struct proto_ctl *m = NULL;

	for (size_t i = 0; i < sizeof(in) / sizeof(in[0]); i++)
		if (in[i].type == type)
			m = &in[i];
	return m;
}

/* Parsing type A then type B into one struct leaves nothing of A: the
 * union is cleared whole, even where B's member is much smaller. */
static void test_cleared_whole(void)
{
	static struct proto_ctl m, want;
	const char *sub = "{\"type\":\"subscribe\",\"room\":\"r\"}";
	const char *bad = "{\"type\":\"subscribe\",\"room\":\"no/slash\"}";
	char text[PROTO_MAX_CTL];
	int n;

	n = proto_ctl_format(last_of(PROTO_CONTROLS), text, sizeof(text));
	ok(n > 0 && proto_ctl_parse(text, (size_t)n, &m) == 0 &&
		   m.u.controls.controls.n == 2,
	   "a controls list parsed");
	want.type = PROTO_SUBSCRIBE;
	snprintf(want.u.subscribe.room, sizeof(want.u.subscribe.room), "r");
	ok(proto_ctl_parse(sub, strlen(sub), &m) == 0 &&
		   memcmp(&m, &want, sizeof(m)) == 0,
	   "then a subscribe: nothing of the list is left");
	n = proto_ctl_format(last_of(PROTO_VIEWERS), text, sizeof(text));
	ok(n > 0 && proto_ctl_parse(text, (size_t)n, &m) == 0 &&
		   m.u.viewers.names[0],
	   "viewers with names parsed");
	want = (struct proto_ctl){ .type = PROTO_SUBSCRIBE };
	ok(proto_ctl_parse(bad, strlen(bad), &m) == LC_EP_FIELD &&
		   memcmp(&m, &want, sizeof(m)) == 0,
	   "then a refused subscribe: only its type is left");
}

/* The formatter reads the member for the type and nothing else. */
static void test_format_member(void)
{
	static struct proto_ctl m;
	char out[256];

	memset(&m, 0x5a, sizeof(m));
	m.type = PROTO_SUBSCRIBE;
	m.u.subscribe = (struct proto_msg_subscribe){ .room = "r" };
	ok(proto_ctl_format(&m, out, sizeof(out)) > 0 &&
		   strcmp(out, "{\"type\":\"subscribe\",\"room\":\"r\"}") == 0,
	   "a subscribe amid other bytes formats alone: %s", out);
	ok(proto_msg_format(PROTO_KEYFRAME, NULL, out, sizeof(out)) > 0 &&
		   strcmp(out, "{\"type\":\"keyframe\"}") == 0,
	   "a keyframe needs no member: %s", out);
	is_int(proto_msg_format(PROTO_STATE, NULL, out, sizeof(out)), LC_EINVAL,
	       "a state needs its member");
	is_int(proto_msg_format(PROTO_TYPE_COUNT, &m.u, out, sizeof(out)),
	       LC_EINVAL, "an unknown type is refused");
}

static void test_ctl(void)
{
	struct proto_ctl m;
	char out[256];
	const char *pub = "{\"type\":\"publish\",\"room\":\"cp\",\"codec\":"
			  "\"vp8\",\"width\":640,\"height\":480,\"fps\":25,"
			  "\"extra\":[1]}";

	is_int(proto_ctl_parse(pub, strlen(pub), &m), 0,
	       "publish parses, unknown member ignored");
	ok(m.type == PROTO_PUBLISH && strcmp(m.u.publish.room, "cp") == 0 &&
		   m.u.publish.width == 640 && m.u.publish.height == 480 &&
		   m.u.publish.fps == 25 && m.u.publish.layers == 1,
	   "publish fields read, layers default to 1");
	is_int(proto_ctl_parse(pub, 20, &m), LC_EP_JSON,
	       "length is honoured (no NUL needed)");
	ok(m.type == PROTO_NONE, "message cleared on error");

	for (size_t i = 0; i < sizeof(rejects) / sizeof(rejects[0]); i++)
		is_int(proto_ctl_parse(rejects[i].json, strlen(rejects[i].json),
				       &m),
		       rejects[i].rc, rejects[i].why);

	{
		size_t big = PROTO_MAX_CTL + 1;
		char *s = malloc(big);

		memset(s, ' ', big);
		is_int(proto_ctl_parse(s, big, &m), LC_EP_TOOBIG,
		       "message over PROTO_MAX_CTL refused");
		free(s);
	}

	test_roundtrip();
	test_cleared_whole();
	test_format_member();

	{
		const char *st = "{\"type\":\"state\",\"room\":\"r\","
				 "\"state\":\"live\"}";
		const char *q0 = "{\"type\":\"state\",\"room\":\"r\","
				 "\"state\":\"closed\",\"quota_left\":0,"
				 "\"reason\":\"quota\"}";
		struct proto_msg_state s = { .room = "r",
					     .state = PROTO_ST_CLOSED,
					     .quota_left = 0 };

		ok(proto_ctl_parse(st, strlen(st), &m) == 0 &&
			   m.u.state.quota_left == -1 &&
			   m.u.state.reason[0] == '\0',
		   "state without quota_left: -1 (no quota), no reason");
		ok(proto_ctl_parse(q0, strlen(q0), &m) == 0 &&
			   m.u.state.quota_left == 0 &&
			   strcmp(m.u.state.reason, "quota") == 0,
		   "quota_left 0 is a value, reason read");
		ok(proto_msg_format(PROTO_STATE, &s, out, sizeof(out)) > 0 &&
			   strstr(out, "\"quota_left\":0"),
		   "quota_left 0 is sent: %s", out);
		s.quota_left = -1;
		ok(proto_msg_format(PROTO_STATE, &s, out, sizeof(out)) > 0 &&
			   !strstr(out, "quota_left"),
		   "quota_left -1 is left out: %s", out);
	}

	{
		struct proto_msg_subscribe bad = { .room = "no/slash" };
		struct proto_msg_state st = { .room = "r",
					      .state = PROTO_ST_COUNT };
		struct proto_msg_bitrate br = { .kbps = 5 };
		struct proto_msg_subscribe sub = { .room = "r" };

		is_int(proto_msg_format(PROTO_SUBSCRIBE, &bad, out,
					sizeof(out)),
		       LC_EINVAL, "formatting refuses an invalid room");
		is_int(proto_msg_format(PROTO_STATE, &st, out, sizeof(out)),
		       LC_EINVAL, "formatting refuses an invalid state");
		is_int(proto_msg_format(PROTO_NONE, &sub, out, sizeof(out)),
		       LC_EINVAL, "formatting refuses type none");
		is_int(proto_msg_format(PROTO_BITRATE, &br, out, sizeof(out)),
		       LC_EINVAL, "formatting refuses kbps out of range");
		is_int(proto_msg_format(PROTO_SUBSCRIBE, &sub, out, 10),
		       LC_ETOOBIG,
		       "formatting into a small buffer fails cleanly");
	}
	ok(proto_ctl_format_error(LC_EPERM, NULL, out, sizeof(out)) > 0 &&
		   strcmp(out,
			  "{\"type\":\"error\",\"code\":\"forbidden\","
			  "\"message\":\"not allowed\"}") == 0,
	   "error message from a code: %s", out);
	{
		const char *mk = "{\"type\":\"masks\",\"rects\":[{\"x\":0.1,"
				 "\"y\":0,\"w\":0.9,\"h\":0.333333,"
				 "\"extra\":1}]}";
		const struct masks *r = &m.u.masks.rects;
		struct proto_msg_masks empty = { { 1, { { 0, 0, 0, 1 } } } };
		static struct proto_msg_viewers many = { .viewers = 1 };

		ok(proto_ctl_parse(mk, strlen(mk), &m) == 0 && r->n == 1 &&
			   r->r[0].x == 1000 && r->r[0].y == 0 &&
			   r->r[0].w == 9000 && r->r[0].h == 3333,
		   "masks: integer and real coordinates read");
		ok(proto_ctl_format(&m, out, sizeof(out)) > 0 &&
			   strcmp(out,
				  "{\"type\":\"masks\",\"rects\":[{\"x\":0.1,"
				  "\"y\":0.0,\"w\":0.9,\"h\":0.3333}]}") == 0,
		   "masks formatted with short decimals: %s", out);
		is_int(proto_msg_format(PROTO_MASKS, &empty, out, sizeof(out)),
		       LC_EINVAL, "formatting refuses an empty rectangle");
		snprintf(many.names, sizeof(many.names), "a,,b");
		is_int(proto_msg_format(PROTO_VIEWERS, &many, out, sizeof(out)),
		       LC_EINVAL, "formatting refuses an empty name");
		ok(proto_ctl_parse("{\"type\":\"viewers\",\"viewers\":0}", 30,
				   &m) == 0 &&
			   m.u.viewers.names[0] == '\0',
		   "viewers without names: none");
	}
	is_str(proto_state_name(PROTO_ST_PAUSED), "paused", "state name");
	ok(proto_state_name(PROTO_ST_COUNT) == NULL, "state name range");
	ok(proto_type_name(PROTO_TYPE_COUNT) == NULL, "type name range");
	ok(proto_name_valid("a") && proto_name_valid("Salle_1.b-2") &&
		   !proto_name_valid(".x") && !proto_name_valid("a b") &&
		   !proto_name_valid(NULL),
	   "name validation");
}

/* The capture agent's largest list (19 controls, 2 menus of 8 items,
 * every label and number at its longest) fits in one message. */
static void test_biggest_controls(void)
{
	static struct proto_ctl m, back;
	static char out[PROTO_MAX_CTL];
	struct camctl_list *l = &m.u.controls.controls;
	int n;

	m.type = PROTO_CONTROLS;
	l->n = 19;
	for (int i = 0; i < l->n; i++) {
		struct camctl *c = &l->c[i];

		snprintf(c->name, sizeof(c->name), "white_balance_auto_%02u",
			 (unsigned)i % 100u);
		memset(c->label, 'L', CAMCTL_LABEL_MAX - 1);
		c->kind = i < 2 ? CAMCTL_MENU : CAMCTL_INT;
		c->min = -2147483647 - 1;
		c->max = 2147483647;
		c->step = 1000000000;
		c->def = c->value = -2147483647;
		for (int k = 0; i < 2 && k < CAMCTL_ITEMS_MAX; k++) {
			c->items[k].value = -2147483647 + k;
			memset(c->items[k].label, 'I', CAMCTL_LABEL_MAX - 1);
			c->n_items = k + 1;
		}
	}
	n = proto_ctl_format(&m, out, sizeof(out));
	ok(n > 0 && proto_ctl_parse(out, (size_t)n, &back) == 0 &&
		   memcmp(&m, &back, sizeof(m)) == 0,
	   "the agent's largest controls list fits: %d bytes", n);
}

int main(void)
{
	test_biggest_controls();
	test_media();
	test_ctl();
	return done();
}
