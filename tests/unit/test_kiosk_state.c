#include "kiosk/state.h"
#include "tests/tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(void)
{
	char dir[] = "/tmp/lucarne-state.XXXXXX", path[256], tmp[280];
	struct kiosk_settings s = { 0, 0, 100, true, 150, false, 3 }, r;
	struct state *st;
	FILE *f;

	if (!mkdtemp(dir))
		return 1;
	snprintf(path, sizeof(path), "%s/state.json", dir);
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	st = state_new(path);
	ok(!state_is_opened(st, "a"), "a fresh state knows no lesson");
	is_int(state_get_step(st, "a"), 0, "step 0");
	is_int(state_save(st), 0, "saving an unchanged state is a no-op");
	ok(access(path, F_OK) != 0, "and writes nothing");
	state_set_step(st, "a", 3);
	state_set_done(st, "b");
	s.theme = 1;
	s.lang = 1;
	s.idle_min = 5;
	state_set_settings(st, &s);
	is_int(state_save(st), 0, "save");
	ok(access(tmp, F_OK) != 0, "no temporary file left");
	state_free(st);

	st = state_new(path);
	ok(state_is_opened(st, "a") && !state_is_done(st, "a"),
	   "a: opened, not done");
	is_int(state_get_step(st, "a"), 3, "a: step 3 remembered");
	ok(state_is_done(st, "b"), "b: done");
	r = (struct kiosk_settings){ 0, 0, 100, true, 150, false, 3 };
	state_get_settings(st, &r);
	ok(r.theme == 1 && r.lang == 1 && r.idle_min == 5,
	   "settings come back");
	state_free(st);

	f = fopen(path, "w");
	fputs("{\"lessons\": [1, 2", f);
	fclose(f);
	st = state_new(path);
	ok(!state_is_opened(st, "a"), "a corrupt file gives a fresh state");
	r = (struct kiosk_settings){ 0, 0, 100, true, 150, false, 3 };
	state_get_settings(st, &r);
	ok(r.theme == 0 && r.idle_min == 3, "and the configured settings");
	state_set_step(st, "c", 1);
	is_int(state_save(st), 0, "it can be saved over");
	state_free(st);

	st = state_new(NULL);
	state_set_step(st, "a", 1);
	is_int(state_save(st), 0, "without a path nothing is saved");
	state_free(st);

	snprintf(tmp, sizeof(tmp), "%s/nope/state.json", dir);
	st = state_new(tmp);
	state_set_step(st, "a", 1);
	ok(state_save(st) < 0, "an unwritable place is an error, not a crash");
	state_free(st);
	unlink(path);
	rmdir(dir);
	return done();
}
