/* Names and sentences for the shared error codes. */
#include "common/err.h"

#include <stddef.h>

struct err_desc {
	const char *name;
	const char *text;
};

/* Indexed by -err. */
static const struct err_desc err_table[] = {
	[0] = { "ok", "success" },
	[-LC_EINVAL] = { "bad_request", "invalid argument or value" },
	[-LC_ENOENT] = { "not_found", "no such item" },
	[-LC_EEXIST] = { "exists", "already exists" },
	[-LC_EAUTH] = { "unauthorized", "authentication required or failed" },
	[-LC_EPERM] = { "forbidden", "not allowed" },
	[-LC_EIO] = { "io", "input/output error" },
	[-LC_EAGAIN] = { "again", "temporarily unavailable, try again" },
	[-LC_ETOOBIG] = { "too_big", "over the size limit" },
	[-LC_ECLOSED] = { "closed", "connection or device closed" },
	[-LC_ETIMEDOUT] = { "timeout", "timed out" },
	[-LC_ENODEV] = { "no_device", "device missing" },
	[-LC_EBUSY] = { "busy", "already in use" },
	[-LC_ERATE] = { "rate_limited", "too many attempts, wait a moment" },
	[-LC_EDB] = { "database", "database error" },
	[-LC_EVERSION] = { "unsupported_version",
			   "unsupported protocol version" },
	[-LC_ESTATE] = { "bad_state", "not possible in the current state" },
	[-LC_EP_SHORT] = { "short_frame", "media frame shorter than header" },
	[-LC_EP_VERSION] = { "bad_frame_version",
			     "unknown media frame version" },
	[-LC_EP_KIND] = { "bad_kind", "unknown media kind" },
	[-LC_EP_FLAGS] = { "bad_flags", "reserved media flag bits set" },
	[-LC_EP_LAYER] = { "bad_layer", "temporal layer out of range" },
	[-LC_EP_LENGTH] = { "bad_length",
			    "payload length disagrees with frame size" },
	[-LC_EP_TOOBIG] = { "frame_too_big", "media payload over the limit" },
	[-LC_EP_JSON] = { "bad_json", "control message is not a JSON object" },
	[-LC_EP_TYPE] = { "bad_type", "missing or unknown message type" },
	[-LC_EP_FIELD] = { "bad_field",
			   "missing, mistyped or out-of-range field" },
	[-LC_EP_EMPTY] = { "empty_frame", "media frame without payload" },
};

static const struct err_desc *err_lookup(int err)
{
	if (err > 0 || err <= LC_ERR_MIN)
		return NULL;
	if ((size_t)-err >= sizeof(err_table) / sizeof(err_table[0]))
		return NULL;
	if (!err_table[-err].name)
		return NULL;
	return &err_table[-err];
}

const char *lc_err_name(int err)
{
	const struct err_desc *d = err_lookup(err);

	return d ? d->name : "unknown";
}

const char *lc_strerror(int err)
{
	const struct err_desc *d = err_lookup(err);

	return d ? d->text : "unknown error";
}
