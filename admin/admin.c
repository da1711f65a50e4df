/* lucarne-admin: manage rooms, accounts, devices, the consent register
 * and the audit log in the relay's database. It writes to the same SQLite
 * file the relay reads; the relay notices each commit within a second
 * (PRAGMA data_version) and re-checks its live connections, so a removed
 * device, a changed password or a withdrawn consent cuts the affected
 * sockets without a restart.
 *
 * Exit status: 0 done, 1 refused or failed (message on stderr), 2 usage.
 */
#define LOG_TAG "admin"
#include "common/conf.h"
#include "common/err.h"
#include "common/log.h"
#include "common/xalloc.h"
#include "store/auditcsv.h"
#include "common/auth.h"
#include "store/store.h"
#include "common/window.h"

#include <errno.h>
#include <inttypes.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define MAX_ROOMS 64

static char *opt_data;
static int opt_log;
static const char *const log_levels[] = { "error", "warn", "info", "debug",
					  NULL };

static const struct conf_opt opts[] = {
	{ "data", CONF_STR, &opt_data, "/var/lib/lucarne", 0, 0, NULL, "DIR",
	  "Folder of the relay's database (lucarne.db), created if missing." },
	{ "log-level", CONF_ENUM, &opt_log, "warn", 0, 0, log_levels, "LEVEL",
	  "Messages to show on stderr." },
};

static const char usage_cmds[] =
	"Commands:\n"
	"  room add ROOM [--title TEXT]\n"
	"      Create a room. A new room does not broadcast (broadcast off,\n"
	"      consent incomplete) until both are turned on with room set.\n"
	"  room list\n"
	"      List rooms with their broadcast and consent flags.\n"
	"  room remove ROOM\n"
	"      Remove a room and its account links (refused while devices\n"
	"      are bound to it: remove them first).\n"
	"  room set ROOM [--title TEXT] [--broadcast on|off]\n"
	"           [--consent complete|incomplete] [--window WINDOW]\n"
	"           [--quota-min MINUTES] [--masks MASKS]\n"
	"           [--teacher-ptz on|off]\n"
	"      Change a room. Viewers watch only when broadcast is on and\n"
	"      consent is complete; turning either off stops live viewers.\n"
	"      --window: when the room may be watched, in the relay's time\n"
	"      zone (Europe/Paris by default): \"always\" (a new room's\n"
	"      value), \"none\", or day ranges and hours such as\n"
	"      'mon-fri 08:30-11:30,13:30-16:00; sat 09:00-10:00'\n"
	"      (days mon tue wed thu fri sat sun, a-b ranges and lists\n"
	"      with \",\"; times HH:MM to 24:00; groups separated by \";\").\n"
	"      Viewers are cut when it ends. --quota-min: minutes a day each\n"
	"      account other than teachers and directors may watch the room\n"
	"      (0 = unlimited, the default; at most 1440).\n"
	"      --masks: privacy masks the camera blacks out before encoding,\n"
	"      at most 8 rectangles 'x,y,w,h;x,y,w,h' as fractions of the\n"
	"      picture from 0 to 1 (such as 0.25,0.1,0.5,0.3: from a quarter\n"
	"      of the width and a tenth of the height, half as wide and 0.3\n"
	"      as high), or none. A live camera applies them at once.\n"
	"      --teacher-ptz: whether the room's teachers may move and zoom\n"
	"      the camera (pan, tilt, zoom) from their page; off, the\n"
	"      default, leaves it to the director alone.\n"
	"  room pause ROOM | room resume ROOM\n"
	"      The teacher's pause: the camera stops and viewers see\n"
	"      \"paused\" until resume. Kept across restarts.\n"
	"  user add NAME --role ROLE [--room ROOM]...\n"
	"      Create an account; ROLE is admin, director, teacher, parent,\n"
	"      trainer or senior. The password is read from standard input\n"
	"      (one line, 8 to 256 characters). Each --room links the\n"
	"      account to a room it may watch.\n"
	"  user list\n"
	"      List accounts with their role and rooms.\n"
	"  user remove NAME\n"
	"      Remove an account; its sessions end and its sockets close.\n"
	"  user passwd NAME\n"
	"      Set a new password (read from standard input); every session\n"
	"      of the account is revoked.\n"
	"  user link NAME ROOM | user unlink NAME ROOM\n"
	"      Give or take away an account's right to watch a room.\n"
	"  device add NAME --kind camera|kiosk --room ROOM\n"
	"      Register a device bound to a room and print its token once on\n"
	"      standard output (only its hash is kept: store it now).\n"
	"  device list\n"
	"      List devices with their kind and room.\n"
	"  device remove NAME\n"
	"      Remove a device; its token stops working and a connected\n"
	"      device is cut within a second.\n"
	"  consent list ROOM\n"
	"      The room's consent register: each linked teacher (staff\n"
	"      consent) and parent (authorization) with given, withdrawn or\n"
	"      none, who recorded it and when.\n"
	"  consent set ROOM USER given|withdrawn\n"
	"      Record a consent. A parent watches only while theirs is\n"
	"      given (a withdrawal cuts their streams within a second); a\n"
	"      teacher's withdrawal marks the register incomplete, and\n"
	"      room set --consent complete is refused until every linked\n"
	"      teacher has given consent.\n"
	"  audit list [--room ROOM] [--user USER] [--limit N] [--csv]\n"
	"      Audit rows, newest first (default 100, at most 100000): of\n"
	"      a room (with its accounts' logins), of an account (its own\n"
	"      and those about it), or all. --csv: RFC 4180 with a header.\n"
	"  audit purge [--older-than-days N]\n"
	"      Delete audit rows older than N days (default 365, the\n"
	"      relay's default --audit-retention-days).\n"
	"\nExit status: 0 done, 1 refused or failed, 2 bad usage.";

static const struct conf_spec spec = {
	.prog = "lucarne-admin",
	.section = "admin",
	.usage = "[OPTIONS] COMMAND [ARGS]",
	.about = "Manage the rooms, accounts, devices, consent register and "
		 "audit log of a\nLucarne relay.",
	.epilog = usage_cmds,
	.opts = opts,
	.n_opts = sizeof(opts) / sizeof(opts[0]),
};

static int usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int usage(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "lucarne-admin: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (see lucarne-admin --help)\n");
	return 2;
}

static int fail(int rc, const char *what, const char *name)
{
	const char *why;

	switch (rc) {
	case LC_EEXIST:
		why = "already exists";
		break;
	case LC_ENOENT:
		why = "no such item";
		break;
	case LC_EINVAL:
		why = "invalid value (names: 1 to 64 of A-Z a-z 0-9 . _ -, not "
		      "starting with . or -)";
		break;
	default:
		why = lc_strerror(rc);
	}
	fprintf(stderr, "lucarne-admin: %s %s: %s\n", what, name, why);
	return 1;
}

/* Sub-command options: "--name VALUE" pairs after the positional
 * arguments. @room collects repeated --room values. */
struct subopts {
	const char *title, *role, *kind, *broadcast, *consent, *window, *quota;
	const char *room, *user, *limit, *older;
	bool csv;
	const char *masks, *teacher_ptz;
	const char *rooms[MAX_ROOMS];
	size_t n_rooms;
};

static int parse_subopts(int argc, char **argv, int npos, const char *allowed,
			 struct subopts *so)
{
	int i;

	memset(so, 0, sizeof(*so));
	for (i = 0; i < argc && i < npos; i++)
		if (argv[i][0] == '-')
			return usage("missing argument before \"%s\"", argv[i]);
	if (i < npos)
		return usage("missing argument");
	for (; i < argc; i++) {
		const char *o = argv[i], *v;
		char key[32];

		if (strncmp(o, "--", 2) != 0)
			return usage("unexpected argument \"%s\"", o);
		snprintf(key, sizeof(key), " %s ", o + 2);
		if (!strstr(allowed, key))
			return usage("unknown option \"%s\"", o);
		if (strcmp(o, "--csv") == 0) {
			so->csv = true; /* the one option without a value */
			continue;
		}
		if (i + 1 >= argc)
			return usage("option \"%s\" needs a value", o);
		v = argv[++i];
		if (strcmp(o, "--title") == 0)
			so->title = v;
		else if (strcmp(o, "--role") == 0)
			so->role = v;
		else if (strcmp(o, "--kind") == 0)
			so->kind = v;
		else if (strcmp(o, "--broadcast") == 0)
			so->broadcast = v;
		else if (strcmp(o, "--consent") == 0)
			so->consent = v;
		else if (strcmp(o, "--window") == 0)
			so->window = v;
		else if (strcmp(o, "--quota-min") == 0)
			so->quota = v;
		else if (strcmp(o, "--user") == 0)
			so->user = v;
		else if (strcmp(o, "--limit") == 0)
			so->limit = v;
		else if (strcmp(o, "--older-than-days") == 0)
			so->older = v;
		else if (strcmp(o, "--masks") == 0)
			so->masks = v;
		else if (strcmp(o, "--teacher-ptz") == 0)
			so->teacher_ptz = v;
		else if (strcmp(o, "--room") == 0) {
			if (so->n_rooms == MAX_ROOMS)
				return usage("too many rooms");
			so->rooms[so->n_rooms++] = v;
			so->room = v;
		}
	}
	return 0;
}

static const char *actor(void)
{
	const char *u = getenv("SUDO_USER");
	struct passwd *pw;

	if (u && *u)
		return u;
	pw = getpwuid(getuid());
	return pw ? pw->pw_name : "unknown";
}

static void audit(struct store *st, const char *what, const char *room,
		  const char *detail)
{
	char *d = xasprintf("%s%s%s", what, detail ? " " : "",
			    detail ? detail : "");

	if (store_audit_add(st, "admin", actor(), room, "lucarne-admin", d) < 0)
		log_warn("could not write the audit row");
	free(d);
}

/* Read one line from stdin (no echo on a terminal). */
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

/* ---- rooms ---- */

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

/* Whole minutes 0..STORE_QUOTA_MAX, or -1. */
static int parse_minutes(const char *v)
{
	long n = 0;

	if (!v || !*v || strlen(v) > 5)
		return -1;
	for (const char *p = v; *p; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		n = n * 10 + (*p - '0');
	}
	return n <= STORE_QUOTA_MAX ? (int)n : -1;
}

static int onoff(const char *v, const char *on, const char *off)
{
	if (!v)
		return -1;
	if (strcmp(v, on) == 0)
		return 1;
	if (strcmp(v, off) == 0)
		return 0;
	return -2;
}

static int cmd_room(struct store *st, int argc, char **argv)
{
	const char *sub = argc ? argv[0] : "";
	struct subopts so;
	int rc, b, c;

	if (strcmp(sub, "list") == 0) {
		if ((rc = parse_subopts(argc - 1, argv + 1, 0, "", &so)))
			return rc;
		printf("%-24s %-9s %-10s %-20s %s\n", "ROOM", "BROADCAST",
		       "CONSENT", "TITLE", "WINDOW, QUOTA, MASKS, PTZ, PAUSE");
		return store_room_list(st, print_room, st) < 0 ? 1 : 0;
	}
	if (strcmp(sub, "add") == 0) {
		if ((rc = parse_subopts(argc - 1, argv + 1, 1, " title ", &so)))
			return rc;
		if ((rc = store_room_add(st, argv[1], so.title)) < 0)
			return fail(rc, "room", argv[1]);
		audit(st, "room add", argv[1], NULL);
		printf("room %s added (broadcast off, consent incomplete)\n",
		       argv[1]);
		return 0;
	}
	if (strcmp(sub, "remove") == 0) {
		if ((rc = parse_subopts(argc - 1, argv + 1, 1, "", &so)))
			return rc;
		rc = store_room_remove(st, argv[1]);
		if (rc == LC_EBUSY) {
			fprintf(stderr,
				"lucarne-admin: room %s has devices; "
				"remove them first\n",
				argv[1]);
			return 1;
		}
		if (rc < 0)
			return fail(rc, "room", argv[1]);
		audit(st, "room remove", argv[1], NULL);
		printf("room %s removed\n", argv[1]);
		return 0;
	}
	if (strcmp(sub, "set") == 0) {
		char detail[160 + WINDOW_TEXT_MAX + MASKS_TEXT_MAX],
			wtext[WINDOW_TEXT_MAX + 1], werr[200],
			mtext[MASKS_TEXT_MAX];
		struct store_room sr;
		struct masks m;
		struct window w;
		int q = -1, p;

		if ((rc = parse_subopts(argc - 1, argv + 1, 1,
					" title broadcast consent window "
					"quota-min masks teacher-ptz ",
					&so)))
			return rc;
		/* Check everything before changing anything. */
		b = onoff(so.broadcast, "on", "off");
		c = onoff(so.consent, "complete", "incomplete");
		p = onoff(so.teacher_ptz, "on", "off");
		if (b == -2)
			return usage("--broadcast takes on or off, not \"%s\"",
				     so.broadcast);
		if (p == -2)
			return usage("--teacher-ptz takes on or off, not "
				     "\"%s\"",
				     so.teacher_ptz);
		if (c == -2)
			return usage("--consent takes complete or incomplete, "
				     "not \"%s\"",
				     so.consent);
		if (so.window) {
			if (window_parse(so.window, &w, werr, sizeof(werr)) < 0)
				return usage("--window \"%s\": %s", so.window,
					     werr + strlen("window: "));
			window_format(&w, wtext, sizeof(wtext));
		}
		if (so.quota && (q = parse_minutes(so.quota)) < 0)
			return usage("--quota-min takes whole minutes from 0 "
				     "(unlimited) to %d, not \"%s\"",
				     STORE_QUOTA_MAX, so.quota);
		if (so.masks) {
			if (masks_parse(so.masks, &m, werr, sizeof(werr)) < 0)
				return usage("--masks \"%s\": %s", so.masks,
					     werr);
			masks_format(&m, mtext, sizeof(mtext));
		}
		if (b < 0 && c < 0 && !so.title && !so.window && q < 0 &&
		    !so.masks && p < 0)
			return usage("room set: nothing to change");
		if (c == 1) {
			char missing[256];

			rc = store_consent_staff_ready(st, argv[1], missing,
						       sizeof(missing));
			if (rc == LC_ESTATE) {
				fprintf(stderr,
					"lucarne-admin: room %s: the consent "
					"register cannot be complete: staff "
					"consent missing for %s (consent set "
					"%s USER given)\n",
					argv[1], missing, argv[1]);
				return 1;
			}
		}
		if ((rc = store_room_get(st, argv[1], &sr)) < 0 ||
		    (rc = store_room_set(st, argv[1], b, c)) < 0 ||
		    (rc = store_room_set_title(st, argv[1], so.title)) < 0 ||
		    (so.window &&
		     (rc = store_room_set_window(st, argv[1], wtext)) < 0) ||
		    (q >= 0 &&
		     (rc = store_room_set_quota(st, argv[1], q)) < 0) ||
		    (so.masks &&
		     (rc = store_room_set_masks(st, argv[1], &m)) < 0) ||
		    (p >= 0 &&
		     (rc = store_room_set_teacher_ptz(st, argv[1], p)) < 0))
			return fail(rc, "room", argv[1]);
		snprintf(detail, sizeof(detail), "%s%s%s%s%s%s%s%s%s%s%s%s",
			 b < 0 ? "" : " broadcast=", b < 0 ? "" : so.broadcast,
			 c < 0 ? "" : " consent=", c < 0 ? "" : so.consent,
			 so.window ? " window=" : "", so.window ? wtext : "",
			 q < 0 ? "" : " quota-min=", q < 0 ? "" : so.quota,
			 so.masks ? " masks=" : "",
			 so.masks ? (m.n ? mtext : "none") : "",
			 p < 0 ? "" : " teacher-ptz=",
			 p < 0 ? "" : so.teacher_ptz);
		audit(st, "room set", argv[1], detail[0] ? detail + 1 : NULL);
		printf("room %s updated\n", argv[1]);
		return 0;
	}
	if (strcmp(sub, "pause") == 0 || strcmp(sub, "resume") == 0) {
		bool pause = sub[0] == 'p';

		if ((rc = parse_subopts(argc - 1, argv + 1, 1, "", &so)))
			return rc;
		if ((rc = store_room_set_paused(st, argv[1], pause)) < 0)
			return fail(rc, "room", argv[1]);
		if (store_audit_add(st, pause ? "pause" : "resume", actor(),
				    argv[1], "lucarne-admin", NULL) < 0)
			log_warn("could not write the audit row");
		printf("room %s %s\n", argv[1], pause ? "paused" : "resumed");
		return 0;
	}
	return usage("unknown command \"room %s\"", sub);
}

/* ---- users ---- */

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

static int cmd_user(struct store *st, int argc, char **argv)
{
	const char *sub = argc ? argv[0] : "";
	char hash[STORE_HASH_MAX];
	struct store_user u;
	struct subopts so;
	int rc, role;

	if (strcmp(sub, "list") == 0) {
		if ((rc = parse_subopts(argc - 1, argv + 1, 0, "", &so)))
			return rc;
		printf("%-24s %-9s %s\n", "USER", "ROLE", "ROOMS");
		return store_user_list(st, print_user, st) < 0 ? 1 : 0;
	}
	if (strcmp(sub, "add") == 0) {
		if ((rc = parse_subopts(argc - 1, argv + 1, 1, " role room ",
					&so)))
			return rc;
		if (!so.role)
			return usage("user add needs --role");
		if ((role = store_role_parse(so.role)) < 0)
			return usage("unknown role \"%s\" (admin, director, "
				     "teacher, parent, trainer, senior)",
				     so.role);
		if (!proto_name_valid(argv[1]))
			return fail(LC_EINVAL, "user", argv[1]);
		if (store_user_get(st, argv[1], &u) == 0)
			return fail(LC_EEXIST, "user", argv[1]);
		for (size_t i = 0; i < so.n_rooms; i++) {
			struct store_room r;

			if (store_room_get(st, so.rooms[i], &r) < 0)
				return fail(LC_ENOENT, "room", so.rooms[i]);
		}
		if (hash_password(hash, sizeof(hash)))
			return 1;
		rc = store_user_add(st, argv[1], (enum store_role)role, hash,
				    so.rooms, so.n_rooms);
		if (rc < 0)
			return fail(rc, "user", argv[1]);
		audit(st, "user add", NULL, argv[1]);
		printf("user %s added (%s)\n", argv[1], so.role);
		return 0;
	}
	if (strcmp(sub, "remove") == 0) {
		if ((rc = parse_subopts(argc - 1, argv + 1, 1, "", &so)))
			return rc;
		if ((rc = store_user_remove(st, argv[1])) < 0)
			return fail(rc, "user", argv[1]);
		audit(st, "user remove", NULL, argv[1]);
		printf("user %s removed\n", argv[1]);
		return 0;
	}
	if (strcmp(sub, "passwd") == 0) {
		if ((rc = parse_subopts(argc - 1, argv + 1, 1, "", &so)))
			return rc;
		if ((rc = store_user_get(st, argv[1], &u)) < 0)
			return fail(rc, "user", argv[1]);
		if (hash_password(hash, sizeof(hash)))
			return 1;
		if ((rc = store_user_set_password(st, u.id, hash, true)) < 0)
			return fail(rc, "user", argv[1]);
		audit(st, "user passwd", NULL, argv[1]);
		printf("password of %s changed; its sessions are revoked\n",
		       argv[1]);
		return 0;
	}
	if (strcmp(sub, "link") == 0 || strcmp(sub, "unlink") == 0) {
		bool link = sub[0] == 'l';
		char detail[160];

		if ((rc = parse_subopts(argc - 1, argv + 1, 2, "", &so)))
			return rc;
		rc = link ? store_link_add(st, argv[1], argv[2])
			  : store_link_remove(st, argv[1], argv[2]);
		if (rc < 0)
			return fail(rc, "user or room", argv[1]);
		snprintf(detail, sizeof(detail), "%s", argv[1]);
		audit(st, link ? "user link" : "user unlink", argv[2], detail);
		printf("user %s %s room %s\n", argv[1],
		       link ? "linked to" : "unlinked from", argv[2]);
		return 0;
	}
	return usage("unknown command \"user %s\"", sub);
}

/* ---- devices ---- */

static int print_device(void *ctx, const struct store_device *d)
{
	(void)ctx;
	printf("%-24s %-7s %s\n", d->name, store_kind_name(d->kind), d->room);
	return 0;
}

static int cmd_device(struct store *st, int argc, char **argv)
{
	const char *sub = argc ? argv[0] : "";
	char tok[AUTH_TOKEN_LEN + 1], hash[AUTH_TOKEN_HASH_LEN + 1];
	struct subopts so;
	int rc, kind;

	if (strcmp(sub, "list") == 0) {
		if ((rc = parse_subopts(argc - 1, argv + 1, 0, "", &so)))
			return rc;
		printf("%-24s %-7s %s\n", "DEVICE", "KIND", "ROOM");
		return store_device_list(st, print_device, NULL) < 0 ? 1 : 0;
	}
	if (strcmp(sub, "add") == 0) {
		if ((rc = parse_subopts(argc - 1, argv + 1, 1, " kind room ",
					&so)))
			return rc;
		if (!so.kind || so.n_rooms != 1)
			return usage("device add needs --kind and one --room");
		if ((kind = store_kind_parse(so.kind)) < 0)
			return usage("unknown kind \"%s\" (camera, kiosk)",
				     so.kind);
		auth_token_new(AUTH_TOKEN_DEVICE, tok);
		auth_token_hash(tok, hash);
		rc = store_device_add(st, argv[1], (enum store_kind)kind,
				      so.rooms[0], hash);
		if (rc == LC_ENOENT)
			return fail(rc, "room", so.rooms[0]);
		if (rc < 0)
			return fail(rc, "device", argv[1]);
		audit(st, "device add", so.rooms[0], argv[1]);
		/* The token alone on stdout, so scripts can capture it. */
		printf("%s\n", tok);
		if (isatty(STDERR_FILENO))
			fprintf(stderr,
				"device %s added (%s, room %s); its token is "
				"shown once, above: store it now\n",
				argv[1], so.kind, so.rooms[0]);
		memset(tok, 0, sizeof(tok));
		return 0;
	}
	if (strcmp(sub, "remove") == 0) {
		if ((rc = parse_subopts(argc - 1, argv + 1, 1, "", &so)))
			return rc;
		if ((rc = store_device_remove(st, argv[1])) < 0)
			return fail(rc, "device", argv[1]);
		audit(st, "device remove", NULL, argv[1]);
		printf("device %s removed\n", argv[1]);
		return 0;
	}
	return usage("unknown command \"device %s\"", sub);
}

/* ---- consent register and audit log ---- */

static int print_consent(void *ctx, const struct store_consent_row *c)
{
	char when[32] = "-";
	time_t t = (time_t)c->ts;
	struct tm tm;

	(void)ctx;
	if (c->ts && localtime_r(&t, &tm))
		strftime(when, sizeof(when), "%Y-%m-%d %H:%M", &tm);
	printf("%-24s %-8s %-10s %-24s %s\n", c->user, store_role_name(c->role),
	       store_consent_name(c->status),
	       c->recorded_by[0] ? c->recorded_by : "-", when);
	return 0;
}

static int cmd_consent(struct store *st, int argc, char **argv)
{
	const char *sub = argc ? argv[0] : "";
	struct store_room r;
	struct subopts so;
	int rc, status;

	if (strcmp(sub, "list") == 0) {
		if ((rc = parse_subopts(argc - 1, argv + 1, 1, "", &so)))
			return rc;
		if ((rc = store_room_get(st, argv[1], &r)) < 0)
			return fail(rc, "room", argv[1]);
		printf("register of %s: %s\n", argv[1],
		       r.consent ? "complete" : "incomplete");
		printf("%-24s %-8s %-10s %-24s %s\n", "USER", "ROLE", "CONSENT",
		       "RECORDED BY", "WHEN");
		return store_consent_list(st, argv[1], print_consent, NULL) < 0
			? 1
			: 0;
	}
	if (strcmp(sub, "set") == 0) {
		if ((rc = parse_subopts(argc - 1, argv + 1, 3, "", &so)))
			return rc;
		if ((status = store_consent_parse(argv[3])) < 0)
			return usage("consent set takes given or withdrawn, "
				     "not \"%s\"",
				     argv[3]);
		rc = store_consent_set(st, argv[1], argv[2],
				       (enum store_consent)status, actor());
		if (rc == LC_EINVAL) {
			fprintf(stderr,
				"lucarne-admin: %s is not a parent or teacher "
				"linked to room %s\n",
				argv[2], argv[1]);
			return 1;
		}
		if (rc < 0)
			return fail(rc, "room or user", argv[1]);
		if (store_audit_add_about(st, "consent", actor(), argv[2],
					  argv[1], "lucarne-admin",
					  argv[3]) < 0)
			log_warn("could not write the audit row");
		printf("consent of %s for room %s: %s\n", argv[2], argv[1],
		       argv[3]);
		return 0;
	}
	return usage("unknown command \"consent %s\"", sub);
}

static int print_audit(void *ctx, const struct store_audit_row *w)
{
	struct auditcsv *csv = ctx;
	char when[32], end[32] = "";
	time_t t = (time_t)w->ts;
	struct tm tm;

	if (csv) {
		auditcsv_add_row(csv, w);
		fwrite(csv->data, 1, csv->len, stdout);
		csv->len = 0;
		return 0;
	}
	if (!localtime_r(&t, &tm) ||
	    !strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S", &tm))
		snprintf(when, sizeof(when), "%" PRId64, w->ts);
	t = (time_t)w->end_ts;
	if (w->end_ts && localtime_r(&t, &tm))
		strftime(end, sizeof(end), " end=%H:%M:%S", &tm);
	printf("%s %-14s %-16s %-12s %s%s%s%s%s", when, w->event,
	       w->actor[0] ? w->actor : "-", w->room[0] ? w->room : "-",
	       w->subject[0] ? "subject=" : "", w->subject,
	       w->subject[0] ? " " : "", w->detail, end);
	if (w->bytes >= 0)
		printf(" bytes=%" PRId64, w->bytes);
	printf("\n");
	return 0;
}

/* Whole number 1..@max, or -1. */
static long parse_count(const char *v, long max)
{
	char *end;
	long n;

	if (!v || !*v || strlen(v) > 9)
		return -1;
	n = strtol(v, &end, 10);
	return *end || n < 1 || n > max ? -1 : n;
}

static int cmd_audit(struct store *st, int argc, char **argv)
{
	const char *sub = argc ? argv[0] : "";
	struct store_audit_filter f = { 0 };
	struct auditcsv csv = { 0 };
	struct subopts so;
	char detail[64];
	long n;
	int rc;

	if (strcmp(sub, "list") == 0) {
		if ((rc = parse_subopts(argc - 1, argv + 1, 0,
					" room user limit csv ", &so)))
			return rc;
		f.room = so.room;
		f.user = so.user;
		f.limit = 100;
		if (so.limit &&
		    (f.limit = (int)parse_count(so.limit, 100000)) < 0)
			return usage("--limit takes 1 to 100000, not \"%s\"",
				     so.limit);
		if (so.csv) {
			auditcsv_add_header(&csv);
			fwrite(csv.data, 1, csv.len, stdout);
			csv.len = 0;
		}
		rc = store_audit_query(st, &f, print_audit,
				       so.csv ? &csv : NULL);
		free(csv.data);
		return rc < 0 ? 1 : 0;
	}
	if (strcmp(sub, "purge") == 0) {
		if ((rc = parse_subopts(argc - 1, argv + 1, 0,
					" older-than-days ", &so)))
			return rc;
		n = 365;
		if (so.older && (n = parse_count(so.older, 36500)) < 0)
			return usage("--older-than-days takes 1 to 36500, not "
				     "\"%s\"",
				     so.older);
		rc = store_audit_purge(st, (int64_t)time(NULL) - n * 86400);
		if (rc < 0)
			return fail(rc, "audit", "purge");
		snprintf(detail, sizeof(detail), "older-than-days=%ld rows=%d",
			 n, rc);
		audit(st, "audit purge", NULL, detail);
		printf("%d audit rows older than %ld days deleted\n", rc, n);
		return 0;
	}
	return usage("unknown command \"audit %s\"", sub);
}

int main(int argc, char **argv)
{
	struct store *st = NULL;
	char err[512];
	int next, rc;

	rc = conf_parse_main(&spec, argc, argv, &next);
	if (rc >= 0)
		return rc;
	log_set_level((enum log_level)opt_log);
	if (next >= argc) {
		rc = usage("missing command");
		goto out;
	}
	if (auth_init() < 0) {
		rc = 1;
		goto out;
	}
	if (mkdir(opt_data, 0700) < 0 && errno != EEXIST) {
		fprintf(stderr, "lucarne-admin: %s: %s\n", opt_data,
			strerror(errno));
		rc = 1;
		goto out;
	}
	if (store_open(opt_data, &st, err, sizeof(err)) < 0) {
		fprintf(stderr, "lucarne-admin: %s\n", err);
		rc = 1;
		goto out;
	}
	if (strcmp(argv[next], "room") == 0)
		rc = cmd_room(st, argc - next - 1, argv + next + 1);
	else if (strcmp(argv[next], "user") == 0)
		rc = cmd_user(st, argc - next - 1, argv + next + 1);
	else if (strcmp(argv[next], "device") == 0)
		rc = cmd_device(st, argc - next - 1, argv + next + 1);
	else if (strcmp(argv[next], "consent") == 0)
		rc = cmd_consent(st, argc - next - 1, argv + next + 1);
	else if (strcmp(argv[next], "audit") == 0)
		rc = cmd_audit(st, argc - next - 1, argv + next + 1);
	else
		rc = usage("unknown command \"%s\"", argv[next]);
out:
	store_close(st);
	conf_free(&spec);
	return rc;
}
