/* lucarne-admin consent list and set: the room's consent register. */
#define LOG_TAG "admin"
#include "admin/admin.h"
#include "common/err.h"
#include "common/log.h"
#include "store/store.h"

#include <stdio.h>
#include <time.h>

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

static int consent_list(const struct admin_cmd *self, struct store *st,
			char **args)
{
	struct store_room r;
	int rc;

	(void)self;
	if ((rc = store_room_get(st, args[0], &r)) < 0)
		return admin_fail(rc, "room", args[0]);
	printf("register of %s: %s\n", args[0],
	       r.consent ? "complete" : "incomplete");
	printf("%-24s %-8s %-10s %-24s %s\n", "USER", "ROLE", "CONSENT",
	       "RECORDED BY", "WHEN");
	return store_consent_list(st, args[0], print_consent, NULL) < 0 ? 1 : 0;
}

const struct admin_cmd admin_consent_list = {
	ADMIN_CMD_NAME("consent", "list"),
	.spec.usage = "ROOM",
	.spec.about =
		"The room's consent register: each linked teacher (staff\n"
		"consent) and parent (authorization) with given, withdrawn or\n"
		"none, who recorded it and when.",
	.n_args = 1,
	.run = consent_list,
};

static int consent_set(const struct admin_cmd *self, struct store *st,
		       char **args)
{
	int rc, status = store_consent_parse(args[2]);

	if (status < 0)
		return admin_usage(
			self, "the consent is given or withdrawn, not \"%s\"",
			args[2]);
	rc = store_consent_set(st, args[0], args[1], (enum store_consent)status,
			       admin_actor());
	if (rc == LC_EINVAL) {
		fprintf(stderr,
			"lucarne-admin: %s is not a parent or teacher linked "
			"to room %s\n",
			args[1], args[0]);
		return 1;
	}
	if (rc < 0)
		return admin_fail(rc, "room or user", args[0]);
	if (store_audit_add_about(st, "consent", admin_actor(), args[1],
				  args[0], "lucarne-admin", args[2]) < 0)
		log_warn("could not write the audit row");
	printf("consent of %s for room %s: %s\n", args[1], args[0], args[2]);
	return 0;
}

const struct admin_cmd admin_consent_set = {
	ADMIN_CMD_NAME("consent", "set"),
	.spec.usage = "ROOM USER given|withdrawn",
	.spec.about =
		"Record a consent. A parent watches only while theirs is\n"
		"given (a withdrawal cuts their streams within a second); a\n"
		"teacher's withdrawal marks the register incomplete, and\n"
		"room set --consent complete is refused until every linked\n"
		"teacher has given consent.",
	.n_args = 3,
	.run = consent_set,
};
