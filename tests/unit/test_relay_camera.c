/* A room's camera state: the reported list and its generation, the
 * values the staff set, and what a returning camera is given back. */
#include "relay/camera.h"
#include "tests/tap.h"

#include <stdio.h>
#include <string.h>

static struct camctl ctl(const char *name, int min, int max, int value)
{
	struct camctl c = { .kind = CAMCTL_INT,
			    .min = min,
			    .max = max,
			    .step = 1,
			    .def = min,
			    .value = value };

	snprintf(c.name, sizeof(c.name), "%s", name);
	return c;
}

static struct camctl_list set_of(const char *name, int value)
{
	struct camctl_list s = { .n = 1 };

	snprintf(s.c[0].name, sizeof(s.c[0].name), "%s", name);
	s.c[0].value = value;
	return s;
}

int main(void)
{
	struct camera *cam = camera_new();
	struct camctl_list list = { .n = 2 }, restore, s;

	plan(12);
	list.c[0] = ctl("brightness", 0, 255, 128);
	list.c[1] = ctl("contrast", 0, 100, 50);
	ok(!camera_list(cam) && camera_generation(cam) == 0,
	   "no list and generation 0 before the camera reports");

	is_int(camera_set_list(cam, &list, &restore), 0,
	       "a first list with nothing remembered restores nothing");
	ok(camera_list(cam) && camera_list(cam)->n == 2 &&
		   camera_generation(cam) == 1,
	   "the list is kept and counted");

	s = set_of("brightness", 200);
	camera_remember(cam, &s);
	s = set_of("brightness", 140); /* the last value wins */
	camera_remember(cam, &s);
	s = set_of("contrast", 50); /* already the camera's value */
	camera_remember(cam, &s);
	s = set_of("zoom", 3); /* a control this camera lacks */
	camera_remember(cam, &s);
	is_int(camera_set_list(cam, &list, &restore), 0,
	       "a later list on the same connection restores nothing");
	is_int((int)camera_generation(cam), 2, "and is counted");

	camera_forget(cam);
	ok(!camera_list(cam), "forget drops the list");
	is_int((int)camera_generation(cam), 2, "but not the generation");
	is_int(camera_set_list(cam, &list, &restore), 1,
	       "a returning camera gets back one value");
	is_str(restore.c[0].name, "brightness", "the one that differs");
	is_int(restore.c[0].value, 140, "at the value set last");

	/* A value the new camera's range refuses is not sent. */
	camera_forget(cam);
	list.c[0] = ctl("brightness", 0, 100, 50);
	is_int(camera_set_list(cam, &list, &restore), 0,
	       "a value out of the new camera's range is not restored");

	/* Remembered names are bounded. */
	camera_forget(cam);
	for (int i = 0; i < CAMCTL_MAX + 4; i++) {
		char name[CAMCTL_NAME_MAX];

		snprintf(name, sizeof(name), "c%d", i);
		s = set_of(name, 1);
		camera_remember(cam, &s);
	}
	list.n = 1;
	snprintf(list.c[0].name, sizeof(list.c[0].name), "c%d", CAMCTL_MAX);
	is_int(camera_set_list(cam, &list, &restore), 0,
	       "past CAMCTL_MAX names, new ones are not remembered");
	camera_free(cam);
	return done();
}
