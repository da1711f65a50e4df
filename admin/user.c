/* lucarne-admin user add, list, remove, passwd, link and unlink, and the
 * password read from standard input. */
#include "admin/admin.h"
#include "common/auth.h"
#include "common/err.h"
#include "store/store.h"

#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#define MAX_ROOMS 64 /* --room values of one user add */

/* Read one line from stdin (no echo on a terminal). Returns 0, or 1 with
 * the reason on stderr. */
static int read_password(char *buf, size_t size)
{
	struct termios old, quiet;
	bool tty = isatty(STDIN_FILENO);
	size_t n;

	if (tty) {
		fprintf(stderr, "Password: ");
		tcgetattr(STDIN_FILENO, &old);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	if (!fgets(buf, (int)size, stdin))
		buf[0] = '\0';
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fprintf(stderr, "\n");
	}
	n = strlen(buf);
	if (n && buf[n - 1] != '\n' && n == size - 1 && !feof(stdin)) {
		fprintf(stderr,
			"lucarne-admin: password too long (at most %d "
			"characters)\n",
			AUTH_PW_MAX);
		return 1;
	}
	while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
		buf[--n] = '\0';
	if (auth_password_check(buf) < 0) {
		fprintf(stderr,
			"lucarne-admin: the password must have %d to %d "
			"characters and no control character (read one line "
			"from standard input)\n",
			AUTH_PW_MIN, AUTH_PW_MAX);
		return 1;
	}
	return 0;
}

/* Read a password and hash it into @hash; 0, or 1 with a message. */
static int hash_password(char *hash, size_t size)
{
	char pw[AUTH_PW_MAX + 2];
	int rc = read_password(pw, sizeof(pw));

	if (rc == 0 && auth_password_hash(pw, hash, size) < 0) {
		fprintf(stderr, "lucarne-admin: hashing failed (memory)\n");
		rc = 1;
	}
	memset(pw, 0, sizeof(pw));
	return rc;
}

/* ---- user add ---- */

static int add_role = -1;
static struct conf_list add_rooms;
/* In the order of enum store_role; mapped through store_role_parse. */
static const char *const roles[] = { "admin",	"director", "teacher", "parent",
				     "trainer", "senior",   NULL };

static const struct conf_opt add_opts[] = {
	{ "role", CONF_ENUM, &add_role, NULL, 0, 0, roles, "ROLE",
	  "The account's role (needed)." },
	{ "room", CONF_LIST, &add_rooms, NULL, 0, MAX_ROOMS, NULL, "ROOM",
	  "A room the account may watch." },
};

static int user_add(const struct admin_cmd *self, struct store *st, char **args)
{
	const char *const *rooms = (const char *const *)add_rooms.v;
	char hash[STORE_HASH_MAX];
	struct store_user u;
	struct store_room r;
	int rc;

	if (add_role < 0)
		return admin_usage(self, "--role is needed (see --help)");
	if (!proto_name_valid(args[0]))
		return admin_fail(LC_EINVAL, "user", args[0]);
	if (store_user_get(st, args[0], &u) == 0)
		return admin_fail(LC_EEXIST, "user", args[0]);
	/* Before the password is asked for. */
	for (size_t i = 0; i < add_rooms.n; i++)
		if (store_room_get(st, rooms[i], &r) < 0)
			return admin_fail(LC_ENOENT, "room", rooms[i]);
	if (hash_password(hash, sizeof(hash)))
		return 1;
	rc = store_user_add(st, args[0],
			    (enum store_role)store_role_parse(roles[add_role]),
			    hash, rooms, add_rooms.n);
	if (rc < 0)
		return admin_fail(rc, "user", args[0]);
	admin_audit(st, "user add", NULL, args[0]);
	printf("user %s added (%s)\n", args[0], roles[add_role]);
	return 0;
}

const struct admin_cmd admin_user_add = {
	ADMIN_CMD_NAME("user", "add"),
	.spec.usage = "NAME --role ROLE [--room ROOM]...",
	.spec.about =
		"Create an account; ROLE is admin, director, teacher, parent,\n"
		"trainer or senior. The password is read from standard input\n"
		"(one line, 8 to 256 characters). Each --room links the\n"
		"account to a room it may watch.",
	.spec.opts = add_opts,
	.spec.n_opts = sizeof(add_opts) / sizeof(add_opts[0]),
	.n_args = 1,
	.run = user_add,
};

/* ---- user list ---- */

static int print_linked(void *ctx, const struct store_room *r)
{
	int *first = ctx;

	printf("%s%s", *first ? "" : ",", r->name);
	*first = 0;
	return 0;
}

static int print_user(void *ctx, const struct store_user *u)
{
	int first = 1;

	printf("%-24s %-9s ", u->name, store_role_name(u->role));
	store_user_rooms(ctx, u->id, print_linked, &first);
	printf("%s\n", first ? "-" : "");
	return 0;
}

static int user_list(const struct admin_cmd *self, struct store *st,
		     char **args)
{
	(void)self;
	(void)args;
	printf("%-24s %-9s %s\n", "USER", "ROLE", "ROOMS");
	return store_user_list(st, print_user, st) < 0 ? 1 : 0;
}

const struct admin_cmd admin_user_list = {
	ADMIN_CMD_NAME("user", "list"),
	.spec.usage = "",
	.spec.about = "List accounts with their role and rooms.",
	.run = user_list,
};

/* ---- user remove, passwd ---- */

static int user_remove(const struct admin_cmd *self, struct store *st,
		       char **args)
{
	int rc;

	(void)self;
	if ((rc = store_user_remove(st, args[0])) < 0)
		return admin_fail(rc, "user", args[0]);
	admin_audit(st, "user remove", NULL, args[0]);
	printf("user %s removed\n", args[0]);
	return 0;
}

const struct admin_cmd admin_user_remove = {
	ADMIN_CMD_NAME("user", "remove"),
	.spec.usage = "NAME",
	.spec.about = "Remove an account; its sessions end and its sockets "
		      "close.",
	.n_args = 1,
	.run = user_remove,
};

static int user_passwd(const struct admin_cmd *self, struct store *st,
		       char **args)
{
	char hash[STORE_HASH_MAX];
	struct store_user u;
	int rc;

	(void)self;
	if ((rc = store_user_get(st, args[0], &u)) < 0)
		return admin_fail(rc, "user", args[0]);
	if (hash_password(hash, sizeof(hash)))
		return 1;
	if ((rc = store_user_set_password(st, u.id, hash, true)) < 0)
		return admin_fail(rc, "user", args[0]);
	admin_audit(st, "user passwd", NULL, args[0]);
	printf("password of %s changed; its sessions are revoked\n", args[0]);
	return 0;
}

const struct admin_cmd admin_user_passwd = {
	ADMIN_CMD_NAME("user", "passwd"),
	.spec.usage = "NAME",
	.spec.about =
		"Set a new password (read from standard input); every session\n"
		"of the account is revoked.",
	.n_args = 1,
	.run = user_passwd,
};

/* ---- user link, unlink ---- */

static int user_link(const struct admin_cmd *self, struct store *st,
		     char **args)
{
	bool link = strcmp(self->name, "link") == 0;
	int rc;

	rc = link ? store_link_add(st, args[0], args[1])
		  : store_link_remove(st, args[0], args[1]);
	if (rc < 0)
		return admin_fail(rc, "user or room", args[0]);
	admin_audit(st, link ? "user link" : "user unlink", args[1], args[0]);
	printf("user %s %s room %s\n", args[0],
	       link ? "linked to" : "unlinked from", args[1]);
	return 0;
}

static const char link_about[] =
	"Give or take away an account's right to watch a room.";

const struct admin_cmd admin_user_link = {
	ADMIN_CMD_NAME("user", "link"),
	.spec.usage = "NAME ROOM",
	.spec.about = link_about,
	.n_args = 2,
	.run = user_link,
};

const struct admin_cmd admin_user_unlink = {
	ADMIN_CMD_NAME("user", "unlink"),
	.spec.usage = "NAME ROOM",
	.spec.about = link_about,
	.n_args = 2,
	.run = user_link,
};
