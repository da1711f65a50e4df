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

struct field {
	const char *key;
	enum fkind kind;
	size_t off;
	size_t size; /* strings: buffer size */
	long long min, max;
};

#define FIELD(k, kind, member, lo, hi)                                         \
	{                                                                      \
		k, kind, offsetof(struct proto_ctl, member),                   \
			sizeof(((struct proto_ctl *)0)->member), lo, hi        \
	}

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
	[FD_V] = FIELD("v", F_INT, v, 1, 255),
	[FD_AGENT] = FIELD("agent", F_TEXT, agent, 0, 0),
	[FD_USER] = FIELD("user", F_NAME, user, 0, 0),
	[FD_ROLE] = FIELD("role", F_TOKEN, role, 0, 0),
	[FD_ROOM] = FIELD("room", F_NAME, room, 0, 0),
	[FD_CODEC] = FIELD("codec", F_TOKEN, codec, 0, 0),
	[FD_WIDTH] = FIELD("width", F_INT, width, 16, 8192),
	[FD_HEIGHT] = FIELD("height", F_INT, height, 16, 8192),
	[FD_FPS] = FIELD("fps", F_INT, fps, 1, 240),
	[FD_LAYERS] = FIELD("layers", F_INT, layers, 1, PROTO_MAX_LAYERS),
	[FD_KBPS] = FIELD("kbps", F_INT, kbps, 16, 100000),
	[FD_STATE] = FIELD("state", F_STATE, state, 0, 0),
	[FD_VIEWERS] = FIELD("viewers", F_INT, viewers, 0, 10000000),
	[FD_UNTIL] = FIELD("until", F_I64, until, 0, 1LL << 40),
	[FD_CODE] = FIELD("code", F_TOKEN, code, 0, 0),
	[FD_MESSAGE] = FIELD("message", F_TEXT, message, 0, 0),
	[FD_PAUSED] = FIELD("paused", F_BOOL, paused, 0, 0),
	[FD_QUOTA_LEFT] =
		FIELD("quota_left", F_COUNT, quota_left, 0, 1LL << 40),
	[FD_REASON] = FIELD("reason", F_TOKEN, reason, 0, 0),
	[FD_CONTROLS] = FIELD("controls", F_CTLS, ctls, 0, 0),
	[FD_VALUES] = FIELD("values", F_VALUES, ctls, 0, 0),
	[FD_NAMES] = FIELD("names", F_NAMES, names, 0, PROTO_MAX_NAMES),
	[FD_RECTS] = FIELD("rects", F_RECTS, masks, 0, MASKS_MAX),
};

#define REQ 0x100 /* or-ed into a field id: the member must be present */
#define MAX_USES 12

struct type_desc {
	const char *name;
	int uses[MAX_USES]; /* field ids, terminated by -1 */
};

static const struct type_desc types[PROTO_TYPE_COUNT] = {
	[PROTO_HELLO] = { "hello",
			  { FD_V | REQ, FD_AGENT, FD_USER, FD_ROLE, FD_ROOM,
			    -1 } },
	[PROTO_SUBSCRIBE] = { "subscribe", { FD_ROOM | REQ, -1 } },
	[PROTO_UNSUBSCRIBE] = { "unsubscribe", { -1 } },
	[PROTO_PUBLISH] = { "publish",
			    { FD_ROOM | REQ, FD_CODEC | REQ, FD_WIDTH | REQ,
			      FD_HEIGHT | REQ, FD_FPS | REQ, FD_LAYERS, -1 } },
	[PROTO_KEYFRAME] = { "keyframe", { -1 } },
	[PROTO_STATE] = { "state",
			  { FD_ROOM | REQ, FD_STATE | REQ, FD_VIEWERS, FD_UNTIL,
			    FD_REASON, FD_QUOTA_LEFT, FD_CODEC, FD_WIDTH,
			    FD_HEIGHT, -1 } },
	[PROTO_ERROR] = { "error", { FD_CODE | REQ, FD_MESSAGE, -1 } },
	[PROTO_BITRATE] = { "bitrate", { FD_KBPS | REQ, -1 } },
	[PROTO_VIEWERS] = { "viewers", { FD_VIEWERS | REQ, FD_NAMES, -1 } },
	[PROTO_PAUSE] = { "pause", { FD_PAUSED | REQ, -1 } },
	[PROTO_MASKS] = { "masks", { FD_RECTS | REQ, -1 } },
	[PROTO_CONTROLS] = { "controls", { FD_CONTROLS | REQ, -1 } },
	[PROTO_SET_CONTROLS] = { "set_controls", { FD_VALUES | REQ, -1 } },
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

static bool string_ok(const struct field *f, const char *s)
{
	if (strlen(s) >= f->size)
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

/* A JSON array of at most f->max distinct names, joined with ','. */
static bool names_read(const struct field *f, json_t *v, char *dst)
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
		if (len + n + 2 > f->size)
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

/* Check one JSON value and store it into @msg; false if invalid. */
static bool field_read(const struct field *f, json_t *v, struct proto_ctl *msg)
{
	char *dst = (char *)msg + f->off;
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
		if (f->kind == F_INT)
			*(int *)dst = (int)n;
		else
			*(int64_t *)dst = n;
		return true;
	case F_BOOL:
		if (!json_is_boolean(v))
			return false;
		*(bool *)dst = json_is_true(v);
		return true;
	case F_CTLS:
		return camctl_list_from_json(v, &msg->ctls) == 0;
	case F_VALUES:
		return camctl_values_from_json(v, false, &msg->ctls, NULL, 0) ==
			0;
	case F_STATE:
		if (!json_is_string(v))
			return false;
		for (int s = 0; s < PROTO_ST_COUNT; s++) {
			if (strcmp(json_string_value(v), state_names[s]) == 0) {
				msg->state = s;
				return true;
			}
		}
		return false;
	case F_NAMES:
		return names_read(f, v, dst);
	case F_RECTS:
		return rects_read(v, (struct masks *)(void *)dst);
	default:
		/* json_string_length counts embedded NULs, strlen does not. */
		if (!json_is_string(v) ||
		    json_string_length(v) != strlen(json_string_value(v)) ||
		    !string_ok(f, json_string_value(v)))
			return false;
		strcpy(dst, json_string_value(v));
		return true;
	}
}

int proto_ctl_parse(const char *text, size_t len, struct proto_ctl *msg)
{
	const struct type_desc *td = NULL;
	json_error_t jerr;
	json_t *root, *t;
	int rc = LC_EP_FIELD;

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
	if (json_is_string(t)) {
		for (int i = PROTO_NONE + 1; i < PROTO_TYPE_COUNT; i++) {
			if (strcmp(json_string_value(t), types[i].name) == 0) {
				td = &types[i];
				msg->type = i;
				break;
			}
		}
	}
	if (!td) {
		rc = LC_EP_TYPE;
		goto out;
	}
	if (msg->type == PROTO_PUBLISH)
		msg->layers = 1;
	for (int i = 0; i < MAX_USES && td->uses[i] >= 0; i++) {
		const struct field *f = &fields[td->uses[i] & ~REQ];
		json_t *v = json_object_get(root, f->key);

		if (f->kind == F_COUNT)
			*(int64_t *)((char *)msg + f->off) = -1;
		if (!v) {
			if (td->uses[i] & REQ)
				goto out;
			continue;
		}
		if (!field_read(f, v, msg))
			goto out;
	}
	rc = 0;
out:
	if (rc < 0) {
		enum proto_type type = msg->type;

		memset(msg, 0, sizeof(*msg));
		msg->type = rc == LC_EP_FIELD ? type : PROTO_NONE;
	}
	json_decref(root);
	return rc;
}

/* Whether an optional member holds something worth sending. */
static bool field_set(const struct field *f, const struct proto_ctl *msg)
{
	const char *src = (const char *)msg + f->off;

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
		return msg->ctls.n > 0;
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

static json_t *names_write(const struct field *f, const char *src)
{
	json_t *a = json_array();
	const char *p = src;
	char name[PROTO_NAME_MAX + 1];

	if (!memchr(src, '\0', f->size))
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

static json_t *field_write(const struct field *f, const struct proto_ctl *msg)
{
	const char *src = (const char *)msg + f->off;
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
		return camctl_list_to_json(&msg->ctls);
	case F_VALUES:
		return write_values(&msg->ctls);
	case F_STATE:
		if (!proto_state_name(msg->state))
			return NULL;
		return json_string(state_names[msg->state]);
	case F_NAMES:
		return names_write(f, src);
	case F_RECTS:
		return rects_write((const struct masks *)(const void *)src);
	default:
		if (!memchr(src, '\0', f->size) || !string_ok(f, src))
			return NULL;
		return json_string(src);
	}
}

int proto_ctl_format(const struct proto_ctl *msg, char *out, size_t outlen)
{
	const struct type_desc *td;
	json_t *root;
	size_t n;
	int rc = LC_EINVAL;

	if (!proto_type_name(msg->type))
		return LC_EINVAL;
	td = &types[msg->type];
	root = json_object();
	json_object_set_new(root, "type", json_string(td->name));
	for (int i = 0; i < MAX_USES && td->uses[i] >= 0; i++) {
		const struct field *f = &fields[td->uses[i] & ~REQ];
		json_t *v;

		if (!(td->uses[i] & REQ) && !field_set(f, msg))
			continue;
		v = field_write(f, msg);
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

int proto_ctl_format_error(int err, const char *message, char *out,
			   size_t outlen)
{
	struct proto_ctl m = { .type = PROTO_ERROR };

	snprintf(m.code, sizeof(m.code), "%s", lc_err_name(err));
	snprintf(m.message, sizeof(m.message), "%s",
		 message ? message : lc_strerror(err));
	return proto_ctl_format(&m, out, outlen);
}
