/* Error codes shared by every Lucarne program.
 *
 * Functions return 0 on success or one of these negative codes. Each code
 * has a stable wire name (used in JSON "error" messages and logs) and an
 * English sentence for humans. Never renumber: tests and clients rely on
 * the names, and the numbers appear in logs.
 */
#ifndef LUCARNE_ERR_H
#define LUCARNE_ERR_H

enum lc_err {
	LC_OK = 0,
	LC_EINVAL = -1, /* bad argument or malformed value */
	LC_ENOENT = -2, /* no such thing (room, user, file) */
	LC_EEXIST = -3, /* already exists */
	LC_EAUTH = -4, /* not authenticated */
	LC_EPERM = -5, /* authenticated but not allowed */
	LC_EIO = -6, /* I/O or system call failed */
	LC_EAGAIN = -7, /* try again later (full ring, no frame yet) */
	LC_ETOOBIG = -8, /* over a documented size cap */
	LC_ECLOSED = -9, /* peer or device went away */
	LC_ETIMEDOUT = -10,
	LC_ENODEV = -11, /* camera missing or unplugged */
	LC_EBUSY = -12, /* already in use (second publisher) */
	LC_ERATE = -13, /* rate limited */
	LC_EDB = -14, /* database error */
	LC_EVERSION = -15, /* unsupported protocol version */
	LC_ESTATE = -16, /* not possible in the current state */
	/* Wire protocol parser rejections (see docs/protocol.md). */
	LC_EP_SHORT = -32, /* shorter than the media header */
	LC_EP_VERSION = -33, /* media header version not 1 */
	LC_EP_KIND = -34, /* unknown media kind */
	LC_EP_FLAGS = -35, /* reserved flag bits set */
	LC_EP_LAYER = -36, /* temporal layer out of range */
	LC_EP_LENGTH = -37, /* payload length disagrees with message */
	LC_EP_TOOBIG = -38, /* payload over PROTO_MAX_PAYLOAD */
	LC_EP_JSON = -39, /* control message is not a JSON object */
	LC_EP_TYPE = -40, /* missing or unknown "type" */
	LC_EP_FIELD = -41, /* missing, mistyped or out-of-range field */
	LC_EP_EMPTY = -42, /* empty payload */
	LC_ERR_MIN = -43
};

/* Stable snake_case name of @err ("not_found"); "unknown" if not a code. */
const char *lc_err_name(int err);

/* One English sentence describing @err, never NULL. */
const char *lc_strerror(int err);

#endif
