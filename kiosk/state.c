#define LOG_TAG "state"
#include "kiosk/state.h"
#include "common/err.h"
#include "common/log.h"
#include "common/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct state {
	char *path;
	json_t *root; /* {"version":1,"lessons":{},"settings":{}} */
	bool dirty;
};

static json_t *section(const struct state *s, const char *name)
{
	return json_object_get(s->root, name);
}

struct state *state_new(const char *path)
{
	struct state *s = XNEW(struct state);
	json_error_t jerr;

	s->path = path ? xstrdup(path) : NULL;
	if (path && access(path, F_OK) == 0) {
		s->root = json_load_file(path, 0, &jerr);
		if (!s->root || !json_is_object(s->root)) {
			log_warn("%s:%d: unreadable state, starting afresh: %s",
				 path, jerr.line, jerr.text);
			json_decref(s->root);
			s->root = NULL;
		}
	}
	if (!s->root)
		s->root = json_pack("{s:i}", "version", 1);
	if (!json_is_object(section(s, "lessons")))
		json_object_set_new(s->root, "lessons", json_object());
	if (!json_is_object(section(s, "settings")))
		json_object_set_new(s->root, "settings", json_object());
	return s;
}

void state_free(struct state *s)
{
	if (!s)
		return;
	json_decref(s->root);
	free(s->path);
	free(s);
}

static json_t *lesson_obj(const struct state *s, const char *lesson)
{
	json_t *o = json_object_get(section(s, "lessons"), lesson);

	return json_is_object(o) ? o : NULL;
}

int state_get_step(const struct state *s, const char *lesson)
{
	json_t *o = lesson_obj(s, lesson);
	json_t *v = o ? json_object_get(o, "step") : NULL;

	return json_is_integer(v) ? (int)json_integer_value(v) : 0;
}

bool state_is_opened(const struct state *s, const char *lesson)
{
	return lesson_obj(s, lesson) != NULL;
}

bool state_is_done(const struct state *s, const char *lesson)
{
	json_t *o = lesson_obj(s, lesson);

	return o && json_is_true(json_object_get(o, "done"));
}

static json_t *lesson_obj_make(struct state *s, const char *lesson)
{
	json_t *o = lesson_obj(s, lesson);

	if (!o) {
		o = json_object();
		json_object_set_new(section(s, "lessons"), lesson, o);
	}
	s->dirty = true;
	return o;
}

void state_set_step(struct state *s, const char *lesson, int step)
{
	json_object_set_new(lesson_obj_make(s, lesson), "step",
			    json_integer(step));
}

void state_set_done(struct state *s, const char *lesson)
{
	json_t *o = lesson_obj_make(s, lesson);

	json_object_set_new(o, "done", json_true());
	json_object_set_new(o, "step", json_integer(0));
}

static void get_int(json_t *o, const char *k, int *dst, int min, int max)
{
	json_t *v = json_object_get(o, k);

	if (json_is_integer(v) && json_integer_value(v) >= min &&
	    json_integer_value(v) <= max)
		*dst = (int)json_integer_value(v);
}

static void get_bool(json_t *o, const char *k, bool *dst)
{
	json_t *v = json_object_get(o, k);

	if (json_is_boolean(v))
		*dst = json_is_true(v);
}

void state_get_settings(const struct state *s, struct kiosk_settings *st)
{
	json_t *o = section(s, "settings");

	get_int(o, "theme", &st->theme, 0, 1);
	get_int(o, "lang", &st->lang, 0, 1);
	get_int(o, "text_percent", &st->text_percent, 100, 200);
	get_bool(o, "speech", &st->speech);
	get_int(o, "rate", &st->rate, 80, 450);
	get_bool(o, "speak_touch", &st->speak_touch);
	get_int(o, "idle_min", &st->idle_min, 1, 60);
}

void state_set_settings(struct state *s, const struct kiosk_settings *st)
{
	json_object_set_new(
		s->root, "settings",
		json_pack("{s:i,s:i,s:i,s:b,s:i,s:b,s:i}", "theme", st->theme,
			  "lang", st->lang, "text_percent", st->text_percent,
			  "speech", st->speech, "rate", st->rate, "speak_touch",
			  st->speak_touch, "idle_min", st->idle_min));
	s->dirty = true;
}

int state_save(struct state *s)
{
	char *tmp, *dir, *dcopy;
	int fd, dfd, rc = LC_EIO;
	char *text;
	size_t len;

	if (!s->path || !s->dirty)
		return 0;
	text = json_dumps(s->root, JSON_INDENT(1) | JSON_SORT_KEYS);
	len = strlen(text);
	tmp = xasprintf("%s.tmp", s->path);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		goto out;
	if (write(fd, text, len) != (ssize_t)len || write(fd, "\n", 1) != 1 ||
	    fsync(fd) != 0) {
		close(fd);
		unlink(tmp);
		goto out;
	}
	close(fd);
	if (rename(tmp, s->path) != 0) {
		unlink(tmp);
		goto out;
	}
	/* The rename itself must reach the disk too. */
	dcopy = xstrdup(s->path);
	dir = dirname(dcopy);
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	free(dcopy);
	s->dirty = false;
	rc = 0;
out:
	if (rc)
		log_warn("cannot save %s: %s", s->path, strerror(errno));
	free(tmp);
	free(text);
	return rc;
}
