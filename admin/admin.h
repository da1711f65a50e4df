/* What lucarne-admin's command files (room.c, room_set.c, user.c,
 * device.c, consent.c, audit.c) share with main.c: the shape of a command
 * (admin/report.h: the helpers that make every message and audit row
 * look the same).
 *
 * Each command is one struct admin_cmd defined in its family's file and
 * listed in main.c's table, in --help order. Its options are a conf_spec
 * of its own (args_only), read by common/conf.c like the program's global
 * options, so that a bad value reads the same everywhere and
 * "lucarne-admin FAMILY NAME --help" lists them.
 */
#ifndef LUCARNE_ADMIN_H
#define LUCARNE_ADMIN_H

#include "admin/report.h"
#include "common/conf.h"

struct store;

struct admin_cmd {
	const char *family; /* "room" */
	const char *name; /* "set" */
	/* .prog "lucarne-admin FAMILY NAME"; .usage the synopsis after it,
	 * its first n_args words being the positional arguments; .about
	 * the paragraph (lines of at most 66 columns); .opts the options;
	 * .args_only set. Commands that share one paragraph (pause and
	 * resume) point at the same .about and are listed together. */
	struct conf_spec spec;
	int n_args;
	/* Do it, with the n_args positional arguments in @args and the
	 * options already in the file's variables. Returns the exit
	 * status: 0 done, 1 refused or failed, 2 bad usage. */
	int (*run)(const struct admin_cmd *self, struct store *st, char **args);
};

/* The .family, .name and .spec.prog of a command entry. */
#define ADMIN_CMD_NAME(f, n)                                                   \
	.family = f, .name = n, .spec.prog = "lucarne-admin " f " " n,         \
	.spec.args_only = true

extern const struct admin_cmd admin_room_add, admin_room_list,
	admin_room_remove, admin_room_set, admin_room_pause, admin_room_resume;
extern const struct admin_cmd admin_user_add, admin_user_list,
	admin_user_remove, admin_user_passwd, admin_user_link,
	admin_user_unlink;
extern const struct admin_cmd admin_device_add, admin_device_list,
	admin_device_remove;
extern const struct admin_cmd admin_consent_list, admin_consent_set;
extern const struct admin_cmd admin_audit_list, admin_audit_purge;

#endif
