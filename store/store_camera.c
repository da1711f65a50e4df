/* Store: the camera presets of each room (table camera_presets, schema
 * 3): named sets of control values the director saves and the staff
 * recall. The values are kept as the JSON text the API received, checked
 * again against the camera at each recall (cameras change). */
#define LOG_TAG "store"
#include "store/store.h"
#include "common/err.h"
#include "common/log.h"
#include "store/store_private.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

int store_preset_save(struct store *st, const char *room, const char *name,
		      const char *controls)
{
	sqlite3_stmt *s;
	int rc, others;

	if (strlen(controls) > STORE_PRESET_TEXT_MAX)
		return LC_ETOOBIG;
	if (store_prepb(st, &s,
			"SELECT (SELECT count(*) FROM rooms WHERE name = ?1), "
			"count(*) FROM camera_presets JOIN rooms ON "
			"camera_presets.room_id = rooms.id WHERE rooms.name = "
			"?1 AND camera_presets.name <> ?2",
			"tt", room, name) < 0)
		return LC_EDB;
	if (sqlite3_step(s) != SQLITE_ROW) {
		sqlite3_finalize(s);
		return LC_EDB;
	}
	rc = sqlite3_column_int(s, 0);
	others = sqlite3_column_int(s, 1);
	sqlite3_finalize(s);
	if (rc == 0)
		return LC_ENOENT;
	if (others >= STORE_PRESETS_MAX)
		return LC_ETOOBIG;
	if (store_prepb(st, &s,
			"INSERT INTO camera_presets (room_id, name, controls) "
			"SELECT id, ?, ? FROM rooms WHERE name = ? "
			"ON CONFLICT (room_id, name) DO UPDATE SET controls = "
			"excluded.controls",
			"ttt", name, controls, room) < 0)
		return LC_EDB;
	return store_step_done(st, s);
}

int store_preset_get(struct store *st, const char *room, const char *name,
		     char *out, size_t outlen)
{
	sqlite3_stmt *s;
	int rc;

	out[0] = '\0';
	if (store_prepb(
		    st, &s,
		    "SELECT controls FROM camera_presets JOIN rooms ON "
		    "camera_presets.room_id = rooms.id WHERE rooms.name = ? "
		    "AND camera_presets.name = ?",
		    "tt", room, name) < 0)
		return LC_EDB;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		store_col_text(s, 0, out, outlen);
	sqlite3_finalize(s);
	if (rc == SQLITE_DONE)
		return LC_ENOENT;
	return rc == SQLITE_ROW ? 0 : LC_EDB;
}

int store_preset_delete(struct store *st, const char *room, const char *name)
{
	sqlite3_stmt *s;

	if (store_prepb(st, &s,
			"DELETE FROM camera_presets WHERE name = ? AND room_id "
			"= (SELECT id FROM rooms WHERE name = ?)",
			"tt", name, room) < 0)
		return LC_EDB;
	return store_changes_or_enoent(st, store_step_done(st, s));
}

int store_preset_list(struct store *st, const char *room,
		      int (*fn)(void *ctx, const char *name,
				const char *controls),
		      void *ctx)
{
	sqlite3_stmt *s;
	int rc;

	if (store_prepb(st, &s,
			"SELECT camera_presets.name, controls FROM "
			"camera_presets JOIN rooms ON camera_presets.room_id = "
			"rooms.id WHERE rooms.name = ? ORDER BY "
			"camera_presets.name",
			"t", room) < 0)
		return LC_EDB;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if (fn(ctx, (const char *)sqlite3_column_text(s, 0),
		       (const char *)sqlite3_column_text(s, 1)))
			break;
	sqlite3_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : LC_EDB;
}
