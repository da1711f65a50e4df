#define LOG_TAG "y4m"
#include "capture/y4m.h"
#include "common/err.h"
#include "common/log.h"
#include "common/xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HEADER_MAX 512

struct y4m {
	FILE *f;
	char *path;
	int width, height, rate_num, rate_den;
	long data_start; /* offset of the first FRAME marker */
	unsigned long frames; /* read since open */
	unsigned long in_pass; /* read since the last rewind */
	bool warned_truncated;
};

/* Read one '\n'-terminated line of at most @len - 1 bytes. */
static int read_line(FILE *f, char *buf, size_t len)
{
	size_t n = 0;
	int c;

	while ((c = getc(f)) != EOF && c != '\n') {
		if (n + 1 >= len)
			return LC_EINVAL;
		buf[n++] = (char)c;
	}
	buf[n] = '\0';
	return c == '\n' ? 0 : LC_EIO;
}

static int parse_header(struct y4m *y, char *line, char *err, size_t errlen)
{
	char *save = NULL, *tok;

	if (strncmp(line, "YUV4MPEG2 ", 10) != 0) {
		snprintf(err, errlen, "%s: not a YUV4MPEG2 file", y->path);
		return LC_EINVAL;
	}
	y->rate_num = 30;
	y->rate_den = 1;
	for (tok = strtok_r(line + 10, " ", &save); tok;
	     tok = strtok_r(NULL, " ", &save)) {
		switch (tok[0]) {
		case 'W':
			y->width = atoi(tok + 1);
			break;
		case 'H':
			y->height = atoi(tok + 1);
			break;
		case 'F':
			if (sscanf(tok + 1, "%d:%d", &y->rate_num,
				   &y->rate_den) != 2 ||
			    y->rate_num <= 0 || y->rate_den <= 0) {
				snprintf(err, errlen, "%s: bad frame rate %s",
					 y->path, tok);
				return LC_EINVAL;
			}
			break;
		case 'C':
			if (strncmp(tok, "C420", 4) != 0 ||
			    (tok[4] && strcmp(tok, "C420jpeg") &&
			     strcmp(tok, "C420paldv") &&
			     strcmp(tok, "C420mpeg2"))) {
				snprintf(err, errlen,
					 "%s: colour space %s is not supported "
					 "(only 4:2:0, 8 bits)",
					 y->path, tok + 1);
				return LC_EINVAL;
			}
			break;
		case 'I':
			if (tok[1] != 'p' && tok[1] != '?') {
				snprintf(
					err, errlen,
					"%s: interlaced files are not supported",
					y->path);
				return LC_EINVAL;
			}
			break;
		default: /* A (aspect), X (comments): not needed */
			break;
		}
	}
	if (y->width < 16 || y->height < 16 || y->width > 8192 ||
	    y->height > 8192 || y->width % 2 || y->height % 2) {
		snprintf(err, errlen, "%s: bad or odd picture size %dx%d",
			 y->path, y->width, y->height);
		return LC_EINVAL;
	}
	return 0;
}

struct y4m *y4m_open(const char *path, char *err, size_t errlen)
{
	struct y4m *y = XNEW(struct y4m);
	char line[HEADER_MAX];

	y->path = xstrdup(path);
	y->f = fopen(path, "rb");
	if (!y->f) {
		snprintf(err, errlen, "%s: cannot open: %s", path,
			 strerror(errno));
		goto fail;
	}
	if (read_line(y->f, line, sizeof(line)) < 0) {
		snprintf(err, errlen, "%s: not a YUV4MPEG2 file", path);
		goto fail;
	}
	if (parse_header(y, line, err, errlen) < 0)
		goto fail;
	y->data_start = ftell(y->f);
	return y;
fail:
	y4m_close(y);
	return NULL;
}

void y4m_close(struct y4m *y)
{
	if (!y)
		return;
	if (y->f)
		fclose(y->f);
	free(y->path);
	free(y);
}

int y4m_width(const struct y4m *y)
{
	return y->width;
}

int y4m_height(const struct y4m *y)
{
	return y->height;
}

void y4m_rate(const struct y4m *y, int *num, int *den)
{
	*num = y->rate_num;
	*den = y->rate_den;
}

unsigned long y4m_frames_read(const struct y4m *y)
{
	return y->frames;
}

static int read_plane(FILE *f, uint8_t *dst, int stride, int w, int h)
{
	for (int r = 0; r < h; r++)
		if (fread(dst + (size_t)r * stride, 1, (size_t)w, f) !=
		    (size_t)w)
			return LC_EIO;
	return 0;
}

/* One attempt at the next frame; LC_ECLOSED at end of file. */
static int read_frame(struct y4m *y, struct frame *f, char *err, size_t errlen)
{
	char line[HEADER_MAX];
	int rc = read_line(y->f, line, sizeof(line));

	if (rc == LC_EIO && feof(y->f) && line[0] == '\0')
		return LC_ECLOSED;
	if (rc < 0 || strncmp(line, "FRAME", 5) != 0 ||
	    (line[5] && line[5] != ' ')) {
		if (feof(y->f))
			goto truncated;
		snprintf(err, errlen, "%s: bad frame marker after frame %lu",
			 y->path, y->in_pass);
		return LC_EINVAL;
	}
	if (read_plane(y->f, f->y, f->stride_y, y->width, y->height) ||
	    read_plane(y->f, f->u, f->stride_uv, y->width / 2, y->height / 2) ||
	    read_plane(y->f, f->v, f->stride_uv, y->width / 2, y->height / 2))
		goto truncated;
	return 0;
truncated:
	if (ferror(y->f)) {
		snprintf(err, errlen, "%s: read error: %s", y->path,
			 strerror(errno));
		return LC_EIO;
	}
	if (!y->warned_truncated)
		log_warn("%s: last frame truncated, looping before it",
			 y->path);
	y->warned_truncated = true;
	return LC_ECLOSED;
}

int y4m_read(struct y4m *y, struct frame *f, char *err, size_t errlen)
{
	int rc;

	if (f->width != y->width || f->height != y->height) {
		snprintf(err, errlen, "%s: frame size mismatch", y->path);
		return LC_EINVAL;
	}
	rc = read_frame(y, f, err, errlen);
	if (rc == LC_ECLOSED) {
		if (y->in_pass == 0) {
			snprintf(err, errlen, "%s: no whole frame in file",
				 y->path);
			return LC_EINVAL;
		}
		clearerr(y->f);
		if (fseek(y->f, y->data_start, SEEK_SET) < 0) {
			snprintf(err, errlen, "%s: cannot rewind: %s", y->path,
				 strerror(errno));
			return LC_EIO;
		}
		y->in_pass = 0;
		rc = read_frame(y, f, err, errlen);
		if (rc == LC_ECLOSED) {
			snprintf(err, errlen, "%s: no whole frame in file",
				 y->path);
			return LC_EINVAL;
		}
	}
	if (rc < 0)
		return rc;
	y->frames++;
	y->in_pass++;
	f->slate = false;
	return 0;
}
