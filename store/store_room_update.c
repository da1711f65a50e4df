/* Several settings of a room changed together (lucarne-admin room set
 * with several options): one transaction, so that a failure halfway,
 * such as a value the store refuses, a busy or read-only database, or
 * staff consent missing for a complete register, leaves the room exactly
 * as it was. */
#include "store/store.h"
#include "store/store_private.h"
#include "common/err.h"

/* The changes of @ch, in the order of store.h's setters; each returns 0
 * or a negative code. store_room_set also finds the room: LC_ENOENT. */
static int apply(struct store *st, const char *name,
		 const struct store_room_change *ch)
{
	int rc;

	if ((rc = store_room_set(st, name, ch->broadcast, ch->consent)) < 0)
		return rc;
	if (ch->title && (rc = store_room_set_title(st, name, ch->title)) < 0)
		return rc;
	if (ch->window &&
	    (rc = store_room_set_window(st, name, ch->window)) < 0)
		return rc;
	if (ch->quota_min >= 0 &&
	    (rc = store_room_set_quota(st, name, ch->quota_min)) < 0)
		return rc;
	if (ch->masks && (rc = store_room_set_masks(st, name, ch->masks)) < 0)
		return rc;
	if (ch->teacher_ptz >= 0 &&
	    (rc = store_room_set_teacher_ptz(st, name, ch->teacher_ptz)) < 0)
		return rc;
	return 0;
}

int store_room_update(struct store *st, const char *name,
		      const struct store_room_change *ch, char *missing,
		      size_t size)
{
	int rc;

	if (size)
		missing[0] = '\0';
	/* IMMEDIATE: take the write lock now, so that the register read
	 * below is still true when the transaction commits. */
	if (store_exec(st, "BEGIN IMMEDIATE") < 0)
		return LC_EDB;
	if ((rc = apply(st, name, ch)) < 0)
		goto fail;
	/* Checked after the changes, inside the transaction: the register
	 * as it will be committed. */
	if (ch->consent == 1 &&
	    (rc = store_consent_staff_ready(st, name, missing, size)) < 0)
		goto fail;
	if ((rc = store_exec(st, "COMMIT")) < 0)
		goto fail;
	return 0;
fail:
	store_exec(st, "ROLLBACK");
	return rc == LC_EEXIST ? LC_EDB : rc;
}
