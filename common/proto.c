/* Wire protocol: media header codec and JSON control messages. One field
 * table drives both parsing and formatting so that they cannot disagree.
 */
#include "common/proto.h"
#include "common/err.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

/* ---- media frames ----------------------------------------------------- */

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
		(uint32_t)p[2] << 8 | p[3];
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

int proto_media_parse(const void *buf, size_t len, struct proto_media *hdr,
		      const uint8_t **payload)
{
	const uint8_t *p = buf;

	*payload = NULL;
	if (len < PROTO_MEDIA_HEADER)
		return LC_EP_SHORT;
	hdr->version = p[0];
	hdr->kind = p[1];
	hdr->flags = p[2];
	hdr->layer = p[3];
	hdr->track = get32(p + 4);
	hdr->seq = get32(p + 8);
	hdr->capture_us = (uint64_t)get32(p + 12) << 32 | get32(p + 16);
	hdr->length = get32(p + 20);
	if (hdr->version != PROTO_VERSION)
		return LC_EP_VERSION;
	if (hdr->kind != PROTO_KIND_VIDEO && hdr->kind != PROTO_KIND_AUDIO)
		return LC_EP_KIND;
	if (hdr->flags & ~PROTO_FLAGS_KNOWN)
		return LC_EP_FLAGS;
	if (hdr->layer >= PROTO_MAX_LAYERS ||
	    (hdr->layer && (hdr->flags & PROTO_FLAG_KEY)))
		return LC_EP_LAYER;
	if (hdr->length > PROTO_MAX_PAYLOAD)
		return LC_EP_TOOBIG;
	if (hdr->length != len - PROTO_MEDIA_HEADER)
		return LC_EP_LENGTH;
	if (hdr->length == 0)
		return LC_EP_EMPTY;
	*payload = p + PROTO_MEDIA_HEADER;
	return 0;
}

void proto_media_write(const struct proto_media *hdr, void *out)
{
	uint8_t *p = out;

	p[0] = PROTO_VERSION;
	p[1] = hdr->kind;
	p[2] = hdr->flags;
	p[3] = hdr->layer;
	put32(p + 4, hdr->track);
	put32(p + 8, hdr->seq);
	put32(p + 12, (uint32_t)(hdr->capture_us >> 32));
	put32(p + 16, (uint32_t)hdr->capture_us);
	put32(p + 20, hdr->length);
}

/* ---- control messages ------------------------------------------------- */

enum fkind {
	F_INT, /* int, range checked */
	F_I64, /* int64_t, range checked */
	F_BOOL, /* bool */
	F_NAME, /* room or account name (proto_name_valid) */
	F_TOKEN, /* [a-z0-9_]+ */
	F_TEXT, /* free text without control characters */
	F_STATE, /* enum proto_state by name */
	F_COUNT, /* int64_t >= 0, where -1 means absent (0 is a value) */
	F_CTLS, /* struct camctl_list: array of full controls */
	F_VALUES, /* struct camctl_list: object of name -> integer */
	F_NAMES, /* array of distinct names <-> "a,b" */
	F_RECTS, /* array of {x,y,w,h} fractions <-> struct masks */
};

/* A member as it is on the wire, whatever the type that carries it. */
struct field {
	const char *key;
	enum fkind kind;
	long long min, max; /* numbers: range; names: count */
	long long absent; /* integers: the value when an optional member
			   * is missing */
};

enum fid {
	FD_V,
	FD_AGENT,
	FD_USER,
	FD_ROLE,
	FD_ROOM,
	FD_CODEC,
	FD_WIDTH,
	FD_HEIGHT,
	FD_FPS,
	FD_LAYERS,
	FD_KBPS,
	FD_STATE,
	FD_VIEWERS,
	FD_UNTIL,
	FD_CODE,
	FD_MESSAGE,
	FD_PAUSED,
	FD_QUOTA_LEFT,
	FD_REASON,
	FD_CONTROLS,
	FD_VALUES,
	FD_NAMES,
	FD_RECTS,
};

static const struct field fields[] = {
	[FD_V] = { "v", F_INT, 1, 255, 0 },
	[FD_AGENT] = { "agent", F_TEXT, 0, 0, 0 },
	[FD_USER] = { "user", F_NAME, 0, 0, 0 },
	[FD_ROLE] = { "role", F_TOKEN, 0, 0, 0 },
	[FD_ROOM] = { "room", F_NAME, 0, 0, 0 },
	[FD_CODEC] = { "codec", F_TOKEN, 0, 0, 0 },
	[FD_WIDTH] = { "width", F_INT, 16, 8192, 0 },
	[FD_HEIGHT] = { "height", F_INT, 16, 8192, 0 },
	[FD_FPS] = { "fps", F_INT, 1, 240, 0 },
	[FD_LAYERS] = { "layers", F_INT, 1, PROTO_MAX_LAYERS, 1 },
	[FD_KBPS] = { "kbps", F_INT, 16, 100000, 0 },
	[FD_STATE] = { "state", F_STATE, 0, 0, 0 },
	[FD_VIEWERS] = { "viewers", F_INT, 0, 10000000, 0 },
	[FD_UNTIL] = { "until", F_I64, 0, 1LL << 40, 0 },
	[FD_CODE] = { "code", F_TOKEN, 0, 0, 0 },
	[FD_MESSAGE] = { "message", F_TEXT, 0, 0, 0 },
	[FD_PAUSED] = { "paused", F_BOOL, 0, 0, 0 },
	[FD_QUOTA_LEFT] = { "quota_left", F_COUNT, 0, 1LL << 40, -1 },
	[FD_REASON] = { "reason", F_TOKEN, 0, 0, 0 },
	[FD_CONTROLS] = { "controls", F_CTLS, 0, 0, 0 },
	[FD_VALUES] = { "values", F_VALUES, 0, 0, 0 },
	[FD_NAMES] = { "names", F_NAMES, 0, PROTO_MAX_NAMES, 0 },
	[FD_RECTS] = { "rects", F_RECTS, 0, MASKS_MAX, 0 },
};

/* Where a type keeps a member: offset and size in its struct
 * proto_msg_TYPE, which is what the parser and formatter index. */
struct use {
	int fid; /* enum fid, -1 ends the list */
	bool req; /* the member must be present */
	size_t off;
	size_t size; /* strings: buffer size */
};

#define MAX_USES 10
#define REQ true
#define OPT false
#define USE(T, fid, member, req)                                               \
	{                                                                      \
		fid, req, offsetof(struct proto_msg_##T, member),              \
			sizeof(((struct proto_msg_##T *)0)->member)            \
	}
#define END                                                                    \
	{                                                                      \
		-1, false, 0, 0                                                \
	}

struct type_desc {
	const char *name;
	struct use uses[MAX_USES]; /* ended by END */
};

static const struct type_desc types[PROTO_TYPE_COUNT] = {
	[PROTO_HELLO] = { "hello",
			  { USE(hello, FD_V, v, REQ),
			    USE(hello, FD_AGENT, agent, OPT),
			    USE(hello, FD_USER, user, OPT),
			    USE(hello, FD_ROLE, role, OPT),
			    USE(hello, FD_ROOM, room, OPT), END } },
	[PROTO_SUBSCRIBE] = { "subscribe",
			      { USE(subscribe, FD_ROOM, room, REQ), END } },
	[PROTO_UNSUBSCRIBE] = { "unsubscribe", { END } },
	[PROTO_PUBLISH] = { "publish",
			    { USE(publish, FD_ROOM, room, REQ),
			      USE(publish, FD_CODEC, codec, REQ),
			      USE(publish, FD_WIDTH, width, REQ),
			      USE(publish, FD_HEIGHT, height, REQ),
			      USE(publish, FD_FPS, fps, REQ),
			      USE(publish, FD_LAYERS, layers, OPT), END } },
	[PROTO_KEYFRAME] = { "keyframe", { END } },
	[PROTO_STATE] = { "state",
			  { USE(state, FD_ROOM, room, REQ),
			    USE(state, FD_STATE, state, REQ),
			    USE(state, FD_VIEWERS, viewers, OPT),
			    USE(state, FD_UNTIL, until, OPT),
			    USE(state, FD_REASON, reason, OPT),
			    USE(state, FD_QUOTA_LEFT, quota_left, OPT),
			    USE(state, FD_CODEC, codec, OPT),
			    USE(state, FD_WIDTH, width, OPT),
			    USE(state, FD_HEIGHT, height, OPT), END } },
	[PROTO_ERROR] = { "error",
			  { USE(error, FD_CODE, code, REQ),
			    USE(error, FD_MESSAGE, message, OPT), END } },
	[PROTO_BITRATE] = { "bitrate",
			    { USE(bitrate, FD_KBPS, kbps, REQ), END } },
	[PROTO_VIEWERS] = { "viewers",
			    { USE(viewers, FD_VIEWERS, viewers, REQ),
			      USE(viewers, FD_NAMES, names, OPT), END } },
	[PROTO_PAUSE] = { "pause",
			  { USE(pause, FD_PAUSED, paused, REQ), END } },
	[PROTO_MASKS] = { "masks", { USE(masks, FD_RECTS, rects, REQ), END } },
	[PROTO_CONTROLS] = { "controls",
			     { USE(controls, FD_CONTROLS, controls, REQ),
			       END } },
	[PROTO_SET_CONTROLS] = { "set_controls",
				 { USE(set_controls, FD_VALUES, values, REQ),
				   END } },
};

static const char *const state_names[PROTO_ST_COUNT] = {
	"live", "paused", "offline", "off", "closed",
};

const char *proto_type_name(enum proto_type t)
{
	return t > PROTO_NONE && t < PROTO_TYPE_COUNT ? types[t].name : NULL;
}

const char *proto_state_name(enum proto_state s)
{
	return (unsigned)s < PROTO_ST_COUNT ? state_names[s] : NULL;
}

bool proto_name_valid(const char *s)
{
	size_t n = 0;

	if (!s || !*s || *s == '.' || *s == '-')
		return false;
	for (; s[n]; n++) {
		char c = s[n];

		if (n >= PROTO_NAME_MAX)
			return false;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '.' || c == '_' ||
		      c == '-'))
			return false;
	}
	return true;
}

static bool token_valid(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      *s == '_'))
			return false;
	return true;
}

static bool text_valid(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return false;
	return true;
}

static bool string_ok(const struct field *f, size_t size, const char *s)
{
	if (strlen(s) >= size)
		return false;
	switch (f->kind) {
	case F_NAME:
		return proto_name_valid(s);
	case F_TOKEN:
		return token_valid(s);
	default:
		return text_valid(s);
	}
}

/* A JSON array of at most f->max distinct names, joined with ',' into
 * @size bytes at @dst. */
static bool names_read(const struct field *f, size_t size, json_t *v, char *dst)
{
	size_t i, len = 0;
	json_t *e;

	if (!json_is_array(v) || json_array_size(v) > (size_t)f->max)
		return false;
	dst[0] = '\0';
	json_array_foreach(v, i, e)
	{
		const char *s = json_string_value(e);
		size_t n = s ? strlen(s) : 0;

		if (!s || json_string_length(e) != n || !proto_name_valid(s))
			return false;
		for (size_t j = 0; j < i; j++)
			if (strcmp(json_string_value(json_array_get(v, j)),
				   s) == 0)
				return false;
		if (len + n + 2 > size)
			return false;
		len += (size_t)sprintf(dst + len, "%s%s", i ? "," : "", s);
	}
	return true;
}

/* A JSON array of at most MASKS_MAX {x,y,w,h} objects, checked by
 * masks_add (fractions of the picture, inside it, not empty). */
static bool rects_read(json_t *v, struct masks *m)
{
	static const char *const keys[4] = { "x", "y", "w", "h" };
	char err[96];
	size_t i;
	json_t *e;

	memset(m, 0, sizeof(*m));
	if (!json_is_array(v) || json_array_size(v) > MASKS_MAX)
		return false;
	json_array_foreach(v, i, e)
	{
		double d[4];

		if (!json_is_object(e))
			return false;
		for (int k = 0; k < 4; k++) {
			json_t *n = json_object_get(e, keys[k]);

			if (!json_is_number(n))
				return false;
			d[k] = json_number_value(n);
		}
		if (masks_add(m, d[0], d[1], d[2], d[3], err, sizeof(err)) < 0)
			return false;
	}
	return true;
}

/* Store an integer of field @f at @dst (int or int64_t by kind). */
static void int_store(const struct field *f, char *dst, long long n)
{
	if (f->kind == F_INT)
		*(int *)dst = (int)n;
	else
		*(int64_t *)dst = n;
}

/* Check one JSON value and store it at @dst (a member of @size bytes);
 * false if invalid. */
static bool field_read(const struct field *f, size_t size, json_t *v, char *dst)
{
	json_int_t n;

	switch (f->kind) {
	case F_INT:
	case F_I64:
	case F_COUNT:
		if (!json_is_integer(v))
			return false;
		n = json_integer_value(v);
		if (n < f->min || n > f->max)
			return false;
		int_store(f, dst, n);
		return true;
	case F_BOOL:
		if (!json_is_boolean(v))
			return false;
		*(bool *)dst = json_is_true(v);
		return true;
	case F_CTLS:
		return camctl_list_from_json(v, (void *)dst) == 0;
	case F_VALUES:
		return camctl_values_from_json(v, false, (void *)dst, NULL,
					       0) == 0;
	case F_STATE:
		if (!json_is_string(v))
			return false;
		for (int s = 0; s < PROTO_ST_COUNT; s++) {
			if (strcmp(json_string_value(v), state_names[s]) == 0) {
				*(enum proto_state *)dst = s;
				return true;
			}
		}
		return false;
	case F_NAMES:
		return names_read(f, size, v, dst);
	case F_RECTS:
		return rects_read(v, (struct masks *)(void *)dst);
	default:
		/* json_string_length counts embedded NULs, strlen does not. */
		if (!json_is_string(v) ||
		    json_string_length(v) != strlen(json_string_value(v)) ||
		    !string_ok(f, size, json_string_value(v)))
			return false;
		strcpy(dst, json_string_value(v));
		return true;
	}
}

/* Fill @body, the struct proto_msg_TYPE of @td, from @root. Returns 0 or
 * LC_EP_FIELD. */
static int body_read(const struct type_desc *td, json_t *root, char *body)
{
	for (int i = 0; i < MAX_USES && td->uses[i].fid >= 0; i++) {
		const struct use *u = &td->uses[i];
		const struct field *f = &fields[u->fid];
		json_t *v = json_object_get(root, f->key);

		if (v) {
			if (!field_read(f, u->size, v, body + u->off))
				return LC_EP_FIELD;
		} else if (u->req) {
			return LC_EP_FIELD;
		} else if (f->absent) {
			int_store(f, body + u->off, f->absent);
		}
	}
	return 0;
}

int proto_ctl_parse(const char *text, size_t len, struct proto_ctl *msg)
{
	json_error_t jerr;
	json_t *root, *t;
	int rc = LC_EP_TYPE;

	/* Whole: nothing of an earlier message may stay in the union. */
	memset(msg, 0, sizeof(*msg));
	if (len > PROTO_MAX_CTL)
		return LC_EP_TOOBIG;
	root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root)
		return LC_EP_JSON;
	if (!json_is_object(root)) {
		json_decref(root);
		return LC_EP_JSON;
	}
	t = json_object_get(root, "type");
	for (int i = PROTO_NONE + 1; json_is_string(t) && i < PROTO_TYPE_COUNT;
	     i++) {
		if (strcmp(json_string_value(t), types[i].name) == 0) {
			msg->type = i;
			rc = body_read(&types[i], root, (char *)&msg->u);
			break;
		}
	}
	if (rc < 0) {
		enum proto_type type = msg->type;

		memset(msg, 0, sizeof(*msg));
		msg->type = rc == LC_EP_FIELD ? type : PROTO_NONE;
	}
	json_decref(root);
	return rc;
}

/* Whether an optional member at @src holds something worth sending. */
static bool field_set(const struct field *f, const char *src)
{
	switch (f->kind) {
	case F_INT:
		return *(const int *)src != 0;
	case F_I64:
		return *(const int64_t *)src != 0;
	case F_COUNT:
		return *(const int64_t *)src >= 0;
	case F_BOOL:
		return *(const bool *)src;
	case F_STATE:
	case F_CTLS:
	case F_RECTS:
		return true;
	case F_VALUES:
		return ((const struct camctl_list *)(const void *)src)->n > 0;
	default:
		return src[0] != '\0';
	}
}

/* A change set as sent: 1..CAMCTL_MAX valid names, else NULL. */
static json_t *write_values(const struct camctl_list *l)
{
	if (l->n < 1 || l->n > CAMCTL_MAX)
		return NULL;
	for (int i = 0; i < l->n; i++)
		if (!camctl_name_valid(l->c[i].name))
			return NULL;
	return camctl_values_to_json(l);
}

static json_t *names_write(const struct field *f, size_t size, const char *src)
{
	json_t *a = json_array();
	const char *p = src;
	char name[PROTO_NAME_MAX + 1];

	if (!memchr(src, '\0', size))
		goto bad;
	while (*p) {
		size_t n = strcspn(p, ",");

		if (n > PROTO_NAME_MAX || json_array_size(a) >= (size_t)f->max)
			goto bad;
		memcpy(name, p, n);
		name[n] = '\0';
		if (!proto_name_valid(name))
			goto bad;
		json_array_append_new(a, json_string(name));
		p += n;
		if (*p == ',' && !*++p)
			goto bad;
	}
	return a;
bad:
	json_decref(a);
	return NULL;
}

static json_t *rects_write(const struct masks *m)
{
	char err[96];
	struct masks check = { 0 };
	json_t *a;

	if (m->n < 0 || m->n > MASKS_MAX)
		return NULL;
	a = json_array();
	for (int i = 0; i < m->n; i++) {
		const struct mask_rect *r = &m->r[i];

		if (masks_add(&check, masks_frac(r->x), masks_frac(r->y),
			      masks_frac(r->w), masks_frac(r->h), err,
			      sizeof(err)) < 0) {
			json_decref(a);
			return NULL;
		}
		json_array_append_new(
			a,
			json_pack("{s:f,s:f,s:f,s:f}", "x", masks_frac(r->x),
				  "y", masks_frac(r->y), "w", masks_frac(r->w),
				  "h", masks_frac(r->h)));
	}
	return a;
}

/* The JSON value of the member at @src (@size bytes), or NULL if it is
 * invalid. */
static json_t *field_write(const struct field *f, size_t size, const char *src)
{
	enum proto_state st;
	long long n;

	switch (f->kind) {
	case F_INT:
	case F_I64:
	case F_COUNT:
		n = f->kind == F_INT ? *(const int *)src
				     : (long long)*(const int64_t *)src;
		if (n < f->min || n > f->max)
			return NULL;
		return json_integer(n);
	case F_BOOL:
		return json_boolean(*(const bool *)src);
	case F_CTLS:
		return camctl_list_to_json((const void *)src);
	case F_VALUES:
		return write_values((const void *)src);
	case F_STATE:
		st = *(const enum proto_state *)src;
		return proto_state_name(st) ? json_string(state_names[st])
					    : NULL;
	case F_NAMES:
		return names_write(f, size, src);
	case F_RECTS:
		return rects_write((const struct masks *)(const void *)src);
	default:
		if (!memchr(src, '\0', size) || !string_ok(f, size, src))
			return NULL;
		return json_string(src);
	}
}

int proto_msg_format(enum proto_type type, const void *body, char *out,
		     size_t outlen)
{
	const struct type_desc *td;
	json_t *root;
	size_t n;
	int rc = LC_EINVAL;

	if (!proto_type_name(type))
		return LC_EINVAL;
	td = &types[type];
	if (!body && td->uses[0].fid >= 0)
		return LC_EINVAL;
	root = json_object();
	json_object_set_new(root, "type", json_string(td->name));
	for (int i = 0; i < MAX_USES && td->uses[i].fid >= 0; i++) {
		const struct use *u = &td->uses[i];
		const struct field *f = &fields[u->fid];
		const char *src = (const char *)body + u->off;
		json_t *v;

		if (!u->req && !field_set(f, src))
			continue;
		v = field_write(f, u->size, src);
		if (!v)
			goto out;
		json_object_set_new(root, f->key, v);
	}
	/* Mask fractions have 4 decimals: 6 digits print them exactly. */
	n = json_dumpb(root, out, outlen,
		       JSON_COMPACT | JSON_PRESERVE_ORDER |
			       JSON_REAL_PRECISION(6));
	if (n == 0 || n >= outlen) {
		rc = LC_ETOOBIG;
		goto out;
	}
	out[n] = '\0';
	rc = (int)n;
out:
	json_decref(root);
	return rc;
}

int proto_ctl_format(const struct proto_ctl *msg, char *out, size_t outlen)
{
	return proto_msg_format(msg->type, &msg->u, out, outlen);
}

int proto_ctl_format_error(int err, const char *message, char *out,
			   size_t outlen)
{
	struct proto_msg_error m;

	snprintf(m.code, sizeof(m.code), "%s", lc_err_name(err));
	snprintf(m.message, sizeof(m.message), "%s",
		 message ? message : lc_strerror(err));
	return proto_msg_format(PROTO_ERROR, &m, out, outlen);
}
