/* A room's privacy masks in the store: rooms.masks holds their canonical
 * text (common/masks.h), "" for none. The text is checked here as well as
 * by callers, so that the relay never reads back something it cannot
 * parse from a value it wrote. */
#include "store/store.h"
#include "store/store_private.h"
#include "common/err.h"

#include <string.h>

int store_room_set_masks(struct store *st, const char *name,
			 const struct masks *m)
{
	char text[MASKS_TEXT_MAX];
	sqlite3_stmt *s;

	if (masks_format(m, text, sizeof(text)) < 0)
		return LC_EINVAL;
	if (store_prep(st, "UPDATE rooms SET masks = ? WHERE name = ?", &s) < 0)
		return LC_EDB;
	sqlite3_bind_text(s, 1, text, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, name, -1, SQLITE_STATIC);
	return store_changes_or_enoent(st, store_step_done(st, s));
}

int store_room_get_masks(struct store *st, const char *name, struct masks *out,
			 char *err, size_t errlen)
{
	char text[MASKS_TEXT_MAX + 1];
	sqlite3_stmt *s;
	int rc;

	memset(out, 0, sizeof(*out));
	if (store_prepb(st, &s, "SELECT masks FROM rooms WHERE name = ?", "t",
			name) < 0)
		return LC_EDB;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		store_col_text(s, 0, text, sizeof(text));
		rc = masks_parse(text, out, err, errlen) < 0 ? LC_EINVAL : 0;
	} else {
		rc = rc == SQLITE_DONE ? LC_ENOENT : LC_EDB;
	}
	sqlite3_finalize(s);
	return rc;
}
