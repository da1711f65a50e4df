/* lucarne-admin room add, list, remove, pause and resume (room set is in
 * room_set.c). */
#define LOG_TAG "admin"
#include "admin/admin.h"
#include "common/err.h"
#include "common/log.h"
#include "store/store.h"

#include <stdio.h>
#include <string.h>

/* ---- room add ---- */

static char *add_title;
static const struct conf_opt add_opts[] = {
	{ "title", CONF_STR, &add_title, NULL, 0, 0, NULL, "TEXT",
	  "The room's title, at most 128 bytes." },
};

static int room_add(const struct admin_cmd *self, struct store *st, char **args)
{
	int rc;

	if (add_title && strlen(add_title) > STORE_TITLE_MAX)
		return admin_usage(self, "--title: at most %d bytes, not %zu",
				   STORE_TITLE_MAX, strlen(add_title));
	if ((rc = store_room_add(st, args[0], add_title)) < 0)
		return admin_fail(rc, "room", args[0]);
	admin_audit(st, "room add", args[0], NULL);
	printf("room %s added (broadcast off, consent incomplete)\n", args[0]);
	return 0;
}

static const char add_about[] =
	"Create a room. A new room does not broadcast (broadcast off,\n"
	"consent incomplete) until both are turned on with room set.";

const struct admin_cmd admin_room_add = {
	ADMIN_CMD_NAME("room", "add"),
	.spec.usage = "ROOM [--title TEXT]",
	.spec.about = add_about,
	.spec.opts = add_opts,
	.spec.n_opts = 1,
	.n_args = 1,
	.run = room_add,
};

/* ---- room list ---- */

static int print_room(void *ctx, const struct store_room *r)
{
	char quota[16], masks[MASKS_TEXT_MAX], err[160];
	struct masks m;

	snprintf(quota, sizeof(quota), "%d", r->quota_min);
	if (store_room_get_masks(ctx, r->name, &m, err, sizeof(err)) < 0)
		snprintf(masks, sizeof(masks), "unreadable");
	else if (masks_format(&m, masks, sizeof(masks)) <= 0)
		snprintf(masks, sizeof(masks), "none");
	printf("%-24s %-9s %-10s %-20s window=%s quota-min=%s masks=%s "
	       "teacher-ptz=%s%s\n",
	       r->name, r->broadcast ? "on" : "off",
	       r->consent ? "complete" : "incomplete", r->title, r->window,
	       r->quota_min ? quota : "unlimited", masks,
	       r->teacher_ptz ? "on" : "off", r->paused ? " paused" : "");
	return 0;
}

static int room_list(const struct admin_cmd *self, struct store *st,
		     char **args)
{
	(void)self;
	(void)args;
	printf("%-24s %-9s %-10s %-20s %s\n", "ROOM", "BROADCAST", "CONSENT",
	       "TITLE", "WINDOW, QUOTA, MASKS, PTZ, PAUSE");
	return store_room_list(st, print_room, st) < 0 ? 1 : 0;
}

static const char list_about[] =
	"List rooms with their broadcast and consent flags, title,\n"
	"viewing window, daily quota, masks, whether teachers may\n"
	"move the camera (teacher-ptz) and \"paused\" while the\n"
	"teacher's pause holds.";

const struct admin_cmd admin_room_list = {
	ADMIN_CMD_NAME("room", "list"),
	.spec.usage = "",
	.spec.about = list_about,
	.run = room_list,
};

/* ---- room remove ---- */

static int room_remove(const struct admin_cmd *self, struct store *st,
		       char **args)
{
	int rc = store_room_remove(st, args[0]);

	(void)self;
	if (rc == LC_EBUSY) {
		fprintf(stderr,
			"lucarne-admin: room %s has devices; remove them "
			"first\n",
			args[0]);
		return 1;
	}
	if (rc < 0)
		return admin_fail(rc, "room", args[0]);
	admin_audit(st, "room remove", args[0], NULL);
	printf("room %s removed\n", args[0]);
	return 0;
}

static const char remove_about[] =
	"Remove a room and its account links (refused while devices\n"
	"are bound to it: remove them first).";

const struct admin_cmd admin_room_remove = {
	ADMIN_CMD_NAME("room", "remove"),
	.spec.usage = "ROOM",
	.spec.about = remove_about,
	.n_args = 1,
	.run = room_remove,
};

/* ---- room pause, room resume ---- */

static int room_pause(const struct admin_cmd *self, struct store *st,
		      char **args)
{
	bool pause = strcmp(self->name, "pause") == 0;
	int rc;

	if ((rc = store_room_set_paused(st, args[0], pause)) < 0)
		return admin_fail(rc, "room", args[0]);
	if (store_audit_add(st, pause ? "pause" : "resume", admin_actor(),
			    args[0], "lucarne-admin", NULL) < 0)
		log_warn("could not write the audit row");
	printf("room %s %s\n", args[0], pause ? "paused" : "resumed");
	return 0;
}

static const char pause_about[] =
	"The teacher's pause: the camera stops and viewers see\n"
	"\"paused\" until resume. Kept across restarts.";

const struct admin_cmd admin_room_pause = {
	ADMIN_CMD_NAME("room", "pause"),
	.spec.usage = "ROOM",
	.spec.about = pause_about,
	.n_args = 1,
	.run = room_pause,
};

const struct admin_cmd admin_room_resume = {
	ADMIN_CMD_NAME("room", "resume"),
	.spec.usage = "ROOM",
	.spec.about = pause_about,
	.n_args = 1,
	.run = room_pause,
};
