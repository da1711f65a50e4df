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
	char err[300];
};

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
