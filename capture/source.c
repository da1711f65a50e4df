#define LOG_TAG "source"
#include "capture/source.h"
#include "capture/pattern.h"
#include "capture/v4l2src.h"
#include "capture/y4m.h"
#include "common/clock.h"
#include "common/err.h"
#include "common/log.h"
#include "common/xalloc.h"

#include <stdlib.h>
#include <string.h>

enum source_kind { SRC_PATTERN, SRC_Y4M, SRC_V4L2 };

struct source {
	struct source_config cfg;
	enum source_kind kind;
	char *spec, *arg;
	/* runtime */
	bool open;
	struct y4m *y4m;
	struct v4l2src *cam;
	struct frame *native; /* when the source's size differs */
	uint64_t n; /* frames delivered */
	int fps;
	int64_t next_us; /* pacing deadline, monotonic */
	struct camctl_list ctls; /* offered now (last known when closed) */
	struct camctl_list wanted; /* set by the staff: names and values */
	char err[300];
};

static void pattern_controls(struct camctl_list *l);

struct source *source_new(const struct source_config *cfg, char *err,
			  size_t errlen)
{
	struct source *s = XNEW(struct source);
	const char *spec = cfg->spec ? cfg->spec : "";

	s->cfg = *cfg;
	s->spec = xstrdup(spec);
	s->cfg.spec = s->spec;
	s->fps = cfg->fps;
	if (strcmp(spec, "testpattern") == 0) {
		s->kind = SRC_PATTERN;
		pattern_controls(&s->ctls);
	} else if (strncmp(spec, "y4m:", 4) == 0 && spec[4]) {
		s->kind = SRC_Y4M;
		s->arg = xstrdup(spec + 4);
	} else if (strncmp(spec, "v4l2:", 5) == 0 && spec[5]) {
		struct v4l2src_config vc = { spec + 5, cfg->width, cfg->height,
					     cfg->fps };

		s->kind = SRC_V4L2;
		s->arg = xstrdup(spec + 5);
		s->cam = v4l2src_new(&vc);
	} else {
		snprintf(err, errlen,
			 "source \"%s\" is not testpattern, y4m:FILE or "
			 "v4l2:/dev/videoN",
			 spec);
		source_free(s);
		return NULL;
	}
	return s;
}

void source_free(struct source *s)
{
	if (!s)
		return;
	source_close(s);
	v4l2src_free(s->cam);
	free(s->spec);
	free(s->arg);
	free(s);
}

/* The test pattern's controls: the two a camera always has, so that the
 * whole path can be tested without one. */
static void pattern_controls(struct camctl_list *l)
{
	static const char *const names[2][2] = {
		{ "brightness", "Brightness" },
		{ "contrast", "Contrast" },
	};

	memset(l, 0, sizeof(*l));
	for (int i = 0; i < 2; i++) {
		struct camctl *c = &l->c[l->n++];

		snprintf(c->name, sizeof(c->name), "%s", names[i][0]);
		snprintf(c->label, sizeof(c->label), "%s", names[i][1]);
		c->kind = CAMCTL_INT;
		c->max = 255;
		c->step = 1;
		c->def = c->value = PATTERN_CTL_DEFAULT;
	}
}

static int ctl_value(const struct source *s, const char *name)
{
	const struct camctl *c = camctl_find(&s->ctls, name);

	return c ? c->value : PATTERN_CTL_DEFAULT;
}

/* Remember @name = @value for the next open; a full list drops it. */
static void want(struct source *s, const char *name, int value)
{
	struct camctl *w = (struct camctl *)camctl_find(&s->wanted, name);

	if (!w && s->wanted.n < CAMCTL_MAX) {
		w = &s->wanted.c[s->wanted.n++];
		snprintf(w->name, sizeof(w->name), "%s", name);
	}
	if (w)
		w->value = value;
}

/* Apply @set to the open camera in its list's order; re-read the list. */
static int camera_apply(struct source *s, const struct camctl_list *set)
{
	struct camctl_list now = s->ctls;
	int rc = 0;

	for (int i = 0; i < now.n; i++) {
		const struct camctl *c = &now.c[i],
				    *w = camctl_find(set, c->name);
		int back, e;

		if (!w || !camctl_check(c, w->value, NULL, 0))
			continue;
		e = v4l2src_set_control(s->cam, c->name, w->value, &back);
		if (e < 0) {
			log_warn("%s", v4l2src_error(s->cam));
			if (!rc)
				snprintf(s->err, sizeof(s->err), "%s",
					 v4l2src_error(s->cam));
			rc = rc ? rc : e;
		} else if (back != w->value) {
			log_info("%s: asked %d, the camera keeps %d", c->name,
				 w->value, back);
		}
	}
	v4l2src_list_controls(s->cam, &s->ctls);
	return rc;
}

void source_get_controls(const struct source *s, struct camctl_list *out)
{
	*out = s->ctls;
}

int source_set_controls(struct source *s, const struct camctl_list *set)
{
	for (int i = 0; i < set->n; i++) {
		struct camctl *c =
			(struct camctl *)camctl_find(&s->ctls, set->c[i].name);

		want(s, set->c[i].name, set->c[i].value);
		/* Closed camera, or the pattern: the value is what it will
		 * have (the relay checked it against this same list). */
		if (c && (s->kind != SRC_V4L2 || !s->open) &&
		    camctl_check(c, set->c[i].value, NULL, 0))
			c->value = set->c[i].value;
	}
	if (s->kind == SRC_V4L2 && s->open)
		return camera_apply(s, set);
	return 0;
}

static void set_native(struct source *s, int w, int h)
{
	if (w == s->cfg.width && h == s->cfg.height)
		return;
	log_info("%s gives %dx%d: scaling to %dx%d", s->spec, w, h,
		 s->cfg.width, s->cfg.height);
	s->native = frame_new(w, h);
}

int source_open(struct source *s)
{
	int rc, num, den;

	source_close(s);
	s->err[0] = '\0';
	switch (s->kind) {
	case SRC_PATTERN:
		break;
	case SRC_Y4M:
		s->y4m = y4m_open(s->arg, s->err, sizeof(s->err));
		if (!s->y4m)
			return LC_EINVAL;
		y4m_rate(s->y4m, &num, &den);
		s->fps = (num + den / 2) / den;
		if (s->fps < 1)
			s->fps = 1;
		set_native(s, y4m_width(s->y4m), y4m_height(s->y4m));
		break;
	case SRC_V4L2:
		rc = v4l2src_open(s->cam);
		if (rc < 0) {
			snprintf(s->err, sizeof(s->err), "%s",
				 v4l2src_error(s->cam));
			return rc;
		}
		set_native(s, v4l2src_width(s->cam), v4l2src_height(s->cam));
		/* What the staff set survives a pause or an unplugged
		 * camera: apply it again to the device as opened. */
		v4l2src_list_controls(s->cam, &s->ctls);
		if (s->wanted.n && camera_apply(s, &s->wanted) < 0)
			log_warn("could not restore every control (%s)",
				 s->err);
		s->err[0] = '\0';
		break;
	}
	s->open = true;
	s->next_us = clock_mono_us();
	return 0;
}

void source_close(struct source *s)
{
	y4m_close(s->y4m);
	s->y4m = NULL;
	if (s->cam)
		v4l2src_close(s->cam);
	frame_free(s->native);
	s->native = NULL;
	s->open = false;
}

bool source_is_open(const struct source *s)
{
	return s->open;
}

bool source_is_camera(const struct source *s)
{
	return s->kind == SRC_V4L2;
}

int source_fps(const struct source *s)
{
	return s->fps;
}

const char *source_error(const struct source *s)
{
	return s->err;
}

/* Sleep until the next frame is due; a source that fell behind by more
 * than a frame starts a new schedule instead of bursting to catch up. */
static void pace(struct source *s)
{
	int64_t period = 1000000 / s->fps, now = clock_mono_us();

	if (s->cfg.unpaced)
		return;
	if (now < s->next_us)
		clock_sleep_us(s->next_us - now);
	else if (now > s->next_us + period)
		s->next_us = now;
	s->next_us += period;
}

int source_read(struct source *s, struct frame *out)
{
	struct frame *f = s->native ? s->native : out;
	int rc = 0;

	if (!s->open)
		return LC_ENODEV;
	switch (s->kind) {
	case SRC_PATTERN:
		pace(s);
		pattern_draw(f, s->n, clock_wall_us());
		pattern_adjust(f, ctl_value(s, "brightness"),
			       ctl_value(s, "contrast"));
		break;
	case SRC_Y4M:
		pace(s);
		rc = y4m_read(s->y4m, f, s->err, sizeof(s->err));
		f->capture_us = clock_wall_us();
		break;
	case SRC_V4L2:
		rc = v4l2src_read(s->cam, f, 1000);
		if (rc == LC_EAGAIN && v4l2src_error(s->cam)[0])
			log_warn("%s", v4l2src_error(s->cam));
		if (rc < 0 && rc != LC_EAGAIN) {
			snprintf(s->err, sizeof(s->err), "%s",
				 v4l2src_error(s->cam));
			source_close(s);
			return LC_ENODEV;
		}
		break;
	}
	if (rc < 0)
		return rc;
	if (s->native)
		frame_scale(s->native, out);
	s->n++;
	return 0;
}
