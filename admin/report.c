/* How every lucarne-admin command reports (admin/report.h): usage errors
 * and store refusals on stderr in one form, and its audit row with the
 * Unix user who ran it.
 */
#define LOG_TAG "admin"
#include "admin/admin.h"
#include "common/err.h"
#include "common/log.h"
#include "common/xalloc.h"
#include "store/store.h"

#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int admin_usage(const struct admin_cmd *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", cmd->spec.prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	return 2;
}

int admin_fail(int rc, const char *what, const char *name)
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

const char *admin_actor(void)
{
	const char *u = getenv("SUDO_USER");
	struct passwd *pw;

	if (u && *u)
		return u;
	pw = getpwuid(getuid());
	return pw ? pw->pw_name : "unknown";
}

void admin_audit(struct store *st, const char *what, const char *room,
		 const char *detail)
{
	char *d = xasprintf("%s%s%s", what, detail ? " " : "",
			    detail ? detail : "");

	if (store_audit_add(st, "admin", admin_actor(), room, "lucarne-admin",
			    d) < 0)
		log_warn("could not write the audit row");
	free(d);
}
