/* What every lucarne-admin command reports, in one form: usage errors,
 * the store's refusals, and the audit row of what it changed.
 */
#ifndef LUCARNE_ADMIN_REPORT_H
#define LUCARNE_ADMIN_REPORT_H

struct admin_cmd;
struct store;

/* Report a usage error of @cmd on stderr, "lucarne-admin FAMILY NAME:
 * message", as common/conf.c reports a bad option. Returns 2. */
int admin_usage(const struct admin_cmd *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Report that the store refused (@rc, an LC_* code) an action on @what
 * @name: "lucarne-admin: WHAT NAME: reason". Returns 1. */
int admin_fail(int rc, const char *what, const char *name);
/* Who runs the tool, for the audit log: $SUDO_USER or the Unix user. */
const char *admin_actor(void);
/* Append an "admin" audit row "@what[ @detail]" about @room (NULL: none);
 * a failure to write it is logged, not fatal. */
void admin_audit(struct store *st, const char *what, const char *room,
		 const char *detail);

#endif
