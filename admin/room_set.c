/* lucarne-admin room set: change several settings of a room at once.
 * Every value is checked before anything is written, then the store
 * applies them in one transaction (store_room_update): a refusal at any
 * point, such as staff consent missing for --consent complete, leaves the
 * room exactly as it was. */
#include "admin/admin.h"
#include "common/err.h"
#include "common/masks.h"
#include "common/window.h"
#include "store/store.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static char *o_title, *o_window, *o_masks;
/* -1 while not given (no default: unchanged). */
static int o_broadcast = -1, o_consent = -1, o_quota = -1, o_ptz = -1;
static const char *const off_on[] = { "off", "on", NULL };
static const char *const consent_words[] = { "incomplete", "complete", NULL };

static const struct conf_opt opts[] = {
	{ "title", CONF_STR, &o_title, NULL, 0, 0, NULL, "TEXT",
	  "The room's title, at most 128 bytes." },
	{ "broadcast", CONF_ENUM, &o_broadcast, NULL, 0, 0, off_on, "on|off",
	  "The director's broadcast switch." },
	{ "consent", CONF_ENUM, &o_consent, NULL, 0, 0, consent_words,
	  "complete|incomplete",
	  "Whether the consent register is complete (refused while a linked "
	  "teacher's consent is missing)." },
	{ "window", CONF_STR, &o_window, NULL, 0, 0, NULL, "WINDOW",
	  "When the room may be watched: always, none, or days and hours "
	  "such as 'mon-fri 08:30-11:30'." },
	{ "quota-min", CONF_INT, &o_quota, NULL, 0, STORE_QUOTA_MAX, NULL,
	  "MINUTES",
	  "Minutes a day each account may watch (0: unlimited; teachers and "
	  "directors are not counted)." },
	{ "masks", CONF_STR, &o_masks, NULL, 0, 0, NULL, "MASKS",
	  "Privacy masks 'x,y,w,h;...' (at most 8, fractions 0 to 1), or "
	  "none." },
	{ "teacher-ptz", CONF_ENUM, &o_ptz, NULL, 0, 0, off_on, "on|off",
	  "Whether the room's teachers may move and zoom the camera." },
};

/* Append to @out (of @size bytes, holding *@len) without overflowing. */
static void add(char *out, size_t size, size_t *len, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void add(char *out, size_t size, size_t *len, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (*len >= size)
		return;
	va_start(ap, fmt);
	n = vsnprintf(out + *len, size - *len, fmt, ap);
	va_end(ap);
	if (n > 0)
		*len += (size_t)n;
}

/* The audit row's detail: what changed (" broadcast=on ..."). */
static void describe(char *out, size_t size, const char *window,
		     const char *masks)
{
	size_t len = 0;

	out[0] = '\0';
	if (o_title)
		add(out, size, &len, " title=%s", o_title);
	if (o_broadcast >= 0)
		add(out, size, &len, " broadcast=%s", off_on[o_broadcast]);
	if (o_consent >= 0)
		add(out, size, &len, " consent=%s", consent_words[o_consent]);
	if (window)
		add(out, size, &len, " window=%s", window);
	if (o_quota >= 0)
		add(out, size, &len, " quota-min=%d", o_quota);
	if (masks)
		add(out, size, &len, " masks=%s", masks[0] ? masks : "none");
	if (o_ptz >= 0)
		add(out, size, &len, " teacher-ptz=%s", off_on[o_ptz]);
}

static int room_set(const struct admin_cmd *self, struct store *st, char **args)
{
	struct store_room_change ch = STORE_ROOM_CHANGE_NONE;
	char wtext[WINDOW_TEXT_MAX + 1], mtext[MASKS_TEXT_MAX], err[200],
		missing[256],
		detail[160 + STORE_TITLE_MAX + WINDOW_TEXT_MAX +
		       MASKS_TEXT_MAX];
	const char *name = args[0];
	struct window w;
	struct masks m;
	int rc;

	/* Check everything before changing anything. */
	if (o_title && strlen(o_title) > STORE_TITLE_MAX)
		return admin_usage(self, "--title: at most %d bytes, not %zu",
				   STORE_TITLE_MAX, strlen(o_title));
	if (o_window) {
		if (window_parse(o_window, &w, err, sizeof(err)) < 0)
			return admin_usage(self, "--window \"%s\": %s",
					   o_window, err + strlen("window: "));
		window_format(&w, wtext, sizeof(wtext));
		ch.window = wtext;
	}
	if (o_masks) {
		if (masks_parse(o_masks, &m, err, sizeof(err)) < 0)
			return admin_usage(self, "--masks \"%s\": %s", o_masks,
					   err);
		masks_format(&m, mtext, sizeof(mtext));
		ch.masks = &m;
	}
	ch.title = o_title;
	ch.broadcast = o_broadcast;
	ch.consent = o_consent;
	ch.quota_min = o_quota;
	ch.teacher_ptz = o_ptz;
	if (!ch.title && !ch.window && !ch.masks && ch.broadcast < 0 &&
	    ch.consent < 0 && ch.quota_min < 0 && ch.teacher_ptz < 0)
		return admin_usage(self, "nothing to change (see --help)");
	rc = store_room_update(st, name, &ch, missing, sizeof(missing));
	if (rc == LC_ESTATE) {
		fprintf(stderr,
			"lucarne-admin: room %s: the consent register cannot "
			"be complete: staff consent missing for %s (consent "
			"set %s USER given); nothing was changed\n",
			name, missing, name);
		return 1;
	}
	if (rc < 0)
		return admin_fail(rc, "room", name);
	describe(detail, sizeof(detail), ch.window, ch.masks ? mtext : NULL);
	admin_audit(st, "room set", name, detail[0] ? detail + 1 : NULL);
	printf("room %s updated\n", name);
	return 0;
}

static const char about[] =
	"Change a room, all or nothing: when one change is refused,\n"
	"none is made. Viewers watch only when broadcast is on and\n"
	"consent is complete; turning either off stops live viewers.\n"
	"--window: when the room may be watched, in the relay's time\n"
	"zone (Europe/Paris by default): \"always\" (a new room's\n"
	"value), \"none\", or day ranges and hours such as\n"
	"'mon-fri 08:30-11:30,13:30-16:00; sat 09:00-10:00'\n"
	"(days mon tue wed thu fri sat sun, a-b ranges and lists\n"
	"with \",\"; times HH:MM to 24:00; groups separated by \";\").\n"
	"Viewers are cut when it ends. --quota-min: minutes a day each\n"
	"account other than teachers and directors may watch the room\n"
	"(0 = unlimited, the default; at most 1440).\n"
	"--masks: privacy masks the camera blacks out before encoding,\n"
	"at most 8 rectangles 'x,y,w,h;x,y,w,h' as fractions of the\n"
	"picture from 0 to 1 (such as 0.25,0.1,0.5,0.3: from a quarter\n"
	"of the width and a tenth of the height, half as wide and 0.3\n"
	"as high), or none. A live camera applies them at once.\n"
	"--teacher-ptz: whether the room's teachers may move and zoom\n"
	"the camera (pan, tilt, zoom) from their page; off, the\n"
	"default, leaves it to the director alone.";

const struct admin_cmd admin_room_set = {
	ADMIN_CMD_NAME("room", "set"),
	.spec.usage = "ROOM [--title TEXT] [--broadcast on|off] "
		      "[--consent complete|incomplete] [--window WINDOW] "
		      "[--quota-min MINUTES] [--masks MASKS] "
		      "[--teacher-ptz on|off]",
	.spec.about = about,
	.spec.opts = opts,
	.spec.n_opts = sizeof(opts) / sizeof(opts[0]),
	.n_args = 1,
	.run = room_set,
};
