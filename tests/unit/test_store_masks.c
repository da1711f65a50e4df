/* A room's privacy masks in the store (store/store_masks): none by
 * default, stored in canonical form, refused when invalid, and a broken
 * stored value reported (the relay then masks the whole picture). */
#include "store/store.h"
#include "store/store_private.h"
#include "common/err.h"
#include "tests/tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
	char dir[] = "/tmp/lucarne-masks-XXXXXX", err[256], cmd[300];
	struct masks m,
		two = { 2,
			{ { 2500, 1000, 5000, 3000 },
			  { 0, 8000, MASKS_SCALE, 2000 } } };
	struct masks bad = { 1, { { 6000, 0, 5000, 100 } } };
	struct store *st;
	char text[MASKS_TEXT_MAX + 1];
	sqlite3_stmt *s;

	if (!mkdtemp(dir))
		return 1;
	if (store_open(dir, &st, err, sizeof(err)) < 0)
		return 1;
	store_room_add(st, "pommes", NULL);
	is_int(store_room_get_masks(st, "pommes", &m, err, sizeof(err)), 0,
	       "a new room's masks read");
	is_int(m.n, 0, "none by default");
	is_int(store_room_set_masks(st, "pommes", &two), 0, "set two");
	ok(store_room_get_masks(st, "pommes", &m, err, sizeof(err)) == 0 &&
		   masks_equal(&m, &two),
	   "read back the same");
	store_prep(st, "SELECT masks FROM rooms WHERE name = 'pommes'", &s);
	text[0] = '\0';
	if (sqlite3_step(s) == SQLITE_ROW)
		store_col_text(s, 0, text, sizeof(text));
	sqlite3_finalize(s);
	is_str(text, "0.25,0.1,0.5,0.3;0,0.8,1,0.2",
	       "stored as canonical text");
	is_int(store_room_set_masks(st, "pommes", &bad), LC_EINVAL,
	       "an invalid rectangle is refused");
	ok(store_room_get_masks(st, "pommes", &m, err, sizeof(err)) == 0 &&
		   masks_equal(&m, &two),
	   "and changes nothing");
	is_int(store_room_set_masks(st, "nope", &two), LC_ENOENT,
	       "no such room");
	is_int(store_room_get_masks(st, "nope", &m, err, sizeof(err)),
	       LC_ENOENT, "no such room (get)");
	store_exec(st,
		   "UPDATE rooms SET masks = '0,0,2,1' "
		   "WHERE name = 'pommes'");
	err[0] = '\0';
	is_int(store_room_get_masks(st, "pommes", &m, err, sizeof(err)),
	       LC_EINVAL, "a broken stored value is reported");
	ok(m.n == 0 && strstr(err, "mask 1"), "with the parser's sentence: %s",
	   err);
	m = (struct masks){ 0 };
	is_int(store_room_set_masks(st, "pommes", &m), 0, "set none");
	ok(store_room_get_masks(st, "pommes", &m, err, sizeof(err)) == 0 &&
		   m.n == 0,
	   "none read back");
	store_close(st);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd) != 0)
		diag("could not remove %s", dir);
	return done();
}
