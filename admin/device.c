/* lucarne-admin device add, list and remove. */
#include "admin/admin.h"
#include "common/auth.h"
#include "common/err.h"
#include "store/store.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* ---- device add ---- */

static int add_kind = -1;
static struct conf_list add_room;
static const char *const kinds[] = { "camera", "kiosk", NULL };

static const struct conf_opt add_opts[] = {
	{ "kind", CONF_ENUM, &add_kind, NULL, 0, 0, kinds, "camera|kiosk",
	  "What the device is (needed)." },
	{ "room", CONF_LIST, &add_room, NULL, 0, 1, NULL, "ROOM",
	  "The one room it is bound to (needed)." },
};

static int device_add(const struct admin_cmd *self, struct store *st,
		      char **args)
{
	char tok[AUTH_TOKEN_LEN + 1], hash[AUTH_TOKEN_HASH_LEN + 1];
	const char *room;
	int rc;

	if (add_kind < 0 || add_room.n != 1)
		return admin_usage(self,
				   "needs --kind and one --room (see "
				   "--help)");
	room = add_room.v[0];
	auth_token_new(AUTH_TOKEN_DEVICE, tok);
	auth_token_hash(tok, hash);
	rc = store_device_add(
		st, args[0], (enum store_kind)store_kind_parse(kinds[add_kind]),
		room, hash);
	if (rc == LC_ENOENT)
		return admin_fail(rc, "room", room);
	if (rc < 0)
		return admin_fail(rc, "device", args[0]);
	admin_audit(st, "device add", room, args[0]);
	/* The token alone on stdout, so scripts can capture it. */
	printf("%s\n", tok);
	if (isatty(STDERR_FILENO))
		fprintf(stderr,
			"device %s added (%s, room %s); its token is shown "
			"once, above: store it now\n",
			args[0], kinds[add_kind], room);
	memset(tok, 0, sizeof(tok));
	return 0;
}

const struct admin_cmd admin_device_add = {
	ADMIN_CMD_NAME("device", "add"),
	.spec.usage = "NAME --kind camera|kiosk --room ROOM",
	.spec.about =
		"Register a device bound to a room and print its token once on\n"
		"standard output (only its hash is kept: store it now).",
	.spec.opts = add_opts,
	.spec.n_opts = sizeof(add_opts) / sizeof(add_opts[0]),
	.n_args = 1,
	.run = device_add,
};

/* ---- device list, remove ---- */

static int print_device(void *ctx, const struct store_device *d)
{
	(void)ctx;
	printf("%-24s %-7s %s\n", d->name, store_kind_name(d->kind), d->room);
	return 0;
}

static int device_list(const struct admin_cmd *self, struct store *st,
		       char **args)
{
	(void)self;
	(void)args;
	printf("%-24s %-7s %s\n", "DEVICE", "KIND", "ROOM");
	return store_device_list(st, print_device, NULL) < 0 ? 1 : 0;
}

const struct admin_cmd admin_device_list = {
	ADMIN_CMD_NAME("device", "list"),
	.spec.usage = "",
	.spec.about = "List devices with their kind and room.",
	.run = device_list,
};

static int device_remove(const struct admin_cmd *self, struct store *st,
			 char **args)
{
	int rc;

	(void)self;
	if ((rc = store_device_remove(st, args[0])) < 0)
		return admin_fail(rc, "device", args[0]);
	admin_audit(st, "device remove", NULL, args[0]);
	printf("device %s removed\n", args[0]);
	return 0;
}

const struct admin_cmd admin_device_remove = {
	ADMIN_CMD_NAME("device", "remove"),
	.spec.usage = "NAME",
	.spec.about =
		"Remove a device; its token stops working and a connected\n"
		"device is cut within a second.",
	.n_args = 1,
	.run = device_remove,
};
