/* lucarne-admin: manage rooms, accounts, devices, the consent register
 * and the audit log in the relay's database. It writes to the same SQLite
 * file the relay reads; the relay notices each commit within a second
 * (PRAGMA data_version) and re-checks its live connections, so a removed
 * device, a changed password or a withdrawn consent cuts the affected
 * sockets without a restart. It takes no lock of the data folder: it is
 * meant to run while the relay does.
 *
 * This file: the global options, the table of commands and their
 * overview in --help and the dispatch (admin/report.c: what every
 * command reports).
 * Exit status: 0 done, 1 refused or failed (message on stderr), 2 usage.
 */
#define LOG_TAG "admin"
#include "admin/admin.h"
#include "common/auth.h"
#include "common/err.h"
#include "common/log.h"
#include "common/xalloc.h"
#include "store/store.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The commands in the order --help lists them. */
static const struct admin_cmd *const cmds[] = {
	&admin_room_add,     &admin_room_list,	 &admin_room_remove,
	&admin_room_set,     &admin_room_pause,	 &admin_room_resume,
	&admin_user_add,     &admin_user_list,	 &admin_user_remove,
	&admin_user_passwd,  &admin_user_link,	 &admin_user_unlink,
	&admin_device_add,   &admin_device_list, &admin_device_remove,
	&admin_consent_list, &admin_consent_set, &admin_audit_list,
	&admin_audit_purge,
};
#define N_CMDS (sizeof(cmds) / sizeof(cmds[0]))

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

static struct conf_spec spec = {
	.prog = "lucarne-admin",
	.section = "admin",
	.usage = "[OPTIONS] COMMAND [ARGS]",
	.about = "Manage the rooms, accounts, devices, consent register and "
		 "audit log of a\nLucarne relay.",
	.opts = opts,
	.n_opts = sizeof(opts) / sizeof(opts[0]),
};

/* "  FAMILY NAME SYNOPSIS" wrapped before 76 columns between words that
 * are outside brackets, continued under the synopsis's start. */
static int print_synopsis(FILE *out, const struct admin_cmd *c, int col)
{
	const char *p = c->spec.usage;
	int indent = 2 + (int)(strlen(c->family) + strlen(c->name)) + 2;

	col += fprintf(out, "%s %s", c->family, c->name);
	while (*p) {
		const char *e = p;
		int depth = 0;

		for (; *e && (depth || *e != ' '); e++)
			depth += *e == '[' ? 1 : *e == ']' ? -1 : 0;
		if (col + 1 + (e - p) > 76)
			col = fprintf(out, "\n%*s", indent - 1, "") - 1;
		col += fprintf(out, " %.*s", (int)(e - p), p);
		p = *e ? e + 1 : e;
	}
	return col;
}

/* The "Commands:" part of --help, from the table. Owned by the caller. */
static char *commands_text(void)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	if (!out)
		abort();
	fprintf(out, "Commands:\n");
	for (size_t i = 0; i < N_CMDS; i++) {
		const char *about = cmds[i]->spec.about;
		int col = fprintf(out, "  ");

		col = print_synopsis(out, cmds[i], col);
		while (i + 1 < N_CMDS && cmds[i + 1]->spec.about == about) {
			col += fprintf(out, " | ");
			col = print_synopsis(out, cmds[++i], col);
		}
		fprintf(out, "\n");
		for (const char *l = about; *l;) {
			size_t n = strcspn(l, "\n");

			fprintf(out, "      %.*s\n", (int)n, l);
			l += n + (l[n] == '\n');
		}
	}
	fprintf(out,
		"\nEach command's options, with their ranges and defaults: "
		"lucarne-admin\nCOMMAND --help, such as lucarne-admin room set "
		"--help.\n"
		"\nExit status: 0 done, 1 refused or failed, 2 bad usage.");
	fclose(out);
	return buf;
}

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

/* The command named by @family and @name; NULL with a usage message. */
static const struct admin_cmd *find_cmd(const char *family, const char *name)
{
	bool known = false;

	for (size_t i = 0; i < N_CMDS; i++) {
		if (strcmp(cmds[i]->family, family) != 0)
			continue;
		known = true;
		if (name && strcmp(cmds[i]->name, name) == 0)
			return cmds[i];
	}
	if (!known)
		usage("unknown command \"%s\"", family);
	else if (!name)
		usage("missing command after \"%s\"", family);
	else
		usage("unknown command \"%s %s\"", family, name);
	return NULL;
}

/* Word @i of @cmd's synopsis (its positional arguments come first). */
static const char *arg_name(const struct admin_cmd *cmd, int i, char *buf,
			    size_t size)
{
	const char *p = cmd->spec.usage;

	while (i-- > 0 && strchr(p, ' '))
		p = strchr(p, ' ') + 1;
	snprintf(buf, size, "%.*s", (int)strcspn(p, " "), p);
	return buf;
}

/* Check @cmd's positional arguments, then parse its options through
 * common/conf.c. @av[0] is the command's name. Returns -1 to go on, else
 * the exit status (0 after --help). */
static int parse_cmd(const struct admin_cmd *cmd, int ac, char **av)
{
	char what[64];
	int i;

	for (i = 1; i <= cmd->n_args; i++) {
		if (i < ac && strcmp(av[i], "--help") == 0)
			break; /* conf_parse_main prints the help */
		if (i >= ac)
			return admin_usage(
				cmd, "missing %s (see --help)",
				arg_name(cmd, i - 1, what, sizeof(what)));
		if (av[i][0] == '-')
			return admin_usage(
				cmd, "missing %s before \"%s\"",
				arg_name(cmd, i - 1, what, sizeof(what)),
				av[i]);
	}
	/* The word before the options stands in for conf's argv[0]. */
	return conf_parse_main(&cmd->spec, ac - i + 1, av + i - 1, NULL);
}

static int open_store(struct store **st)
{
	char err[512];

	if (auth_init() < 0)
		return 1;
	if (mkdir(opt_data, 0700) < 0 && errno != EEXIST) {
		fprintf(stderr, "lucarne-admin: %s: %s\n", opt_data,
			strerror(errno));
		return 1;
	}
	if (store_open(opt_data, st, err, sizeof(err)) < 0) {
		fprintf(stderr, "lucarne-admin: %s\n", err);
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	const struct admin_cmd *cmd = NULL;
	struct store *st = NULL;
	char *epilog = commands_text();
	int next, rc;

	spec.epilog = epilog;
	rc = conf_parse_main(&spec, argc, argv, &next);
	if (rc >= 0)
		goto done;
	log_set_level((enum log_level)opt_log);
	if (next >= argc) {
		rc = usage("missing command");
		goto out;
	}
	cmd = find_cmd(argv[next], next + 1 < argc ? argv[next + 1] : NULL);
	if (!cmd) {
		rc = 2;
		goto out;
	}
	rc = parse_cmd(cmd, argc - next - 1, argv + next + 1);
	if (rc >= 0) {
		cmd = NULL; /* conf_parse_main freed its options */
		goto out;
	}
	rc = open_store(&st);
	if (rc == 0)
		rc = cmd->run(cmd, st, argv + next + 2);
out:
	if (cmd)
		conf_free(&cmd->spec);
	store_close(st);
	conf_free(&spec);
done:
	free(epilog);
	return rc;
}
