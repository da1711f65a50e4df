/* The y4m reader: a good file, looping, a truncated last frame, and the
 * errors people will meet (not y4m, unsupported colour space, no frame). */
#include "capture/y4m.h"
#include "common/err.h"
#include "tests/tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[] = "/tmp/lucarne-y4m-XXXXXX";

/* Write a 16x16 file whose frame i has every byte equal to 10 * (i + 1);
 * @extra bytes of a further frame follow when non-zero. */
static const char *make(const char *name, const char *header, int frames,
			int extra)
{
	static char path[256];
	uint8_t data[16 * 16 * 3 / 2];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	fputs(header, f);
	for (int i = 0; i <= frames; i++) {
		if (i == frames && !extra)
			break;
		memset(data, 10 * (i + 1), sizeof(data));
		fputs("FRAME\n", f);
		fwrite(data, 1, i == frames ? (size_t)extra : sizeof(data), f);
	}
	fclose(f);
	return path;
}

int main(void)
{
	char err[256];
	struct frame *f = frame_new(16, 16);
	struct y4m *y;
	int num, den, seq[5] = { 0 };

	plan(13);
	if (!mkdtemp(dir))
		return 1;

	y = y4m_open(make("good.y4m",
			  "YUV4MPEG2 W16 H16 F25:1 Ip A1:1 C420jpeg\n", 3, 0),
		     err, sizeof(err));
	ok(y != NULL, "good file opens");
	y4m_rate(y, &num, &den);
	ok(y4m_width(y) == 16 && y4m_height(y) == 16 && num == 25 && den == 1,
	   "size and rate from the header");
	for (int i = 0; i < 5; i++) {
		if (y4m_read(y, f, err, sizeof(err)) == 0)
			seq[i] = f->y[0] == f->v[63] ? f->y[0] : -1;
	}
	ok(seq[0] == 10 && seq[1] == 20 && seq[2] == 30 && seq[3] == 10 &&
		   seq[4] == 20,
	   "frames in order, then looped (%d %d %d %d %d)", seq[0], seq[1],
	   seq[2], seq[3], seq[4]);
	ok(y4m_frames_read(y) == 5, "frames counted across loops");
	y4m_close(y);

	y = y4m_open(make("trunc.y4m", "YUV4MPEG2 W16 H16 F30:1\n", 2, 100),
		     err, sizeof(err));
	ok(y != NULL, "truncated file opens");
	for (int i = 0; i < 4; i++)
		seq[i] = y4m_read(y, f, err, sizeof(err)) == 0 ? f->y[0] : -1;
	ok(seq[0] == 10 && seq[1] == 20 && seq[2] == 10 && seq[3] == 20,
	   "truncated last frame skipped, loops before it");
	y4m_close(y);

	y = y4m_open(make("bad.y4m", "RIFF....WAVEfmt \n", 0, 0), err,
		     sizeof(err));
	ok(!y && strstr(err, "not a YUV4MPEG2 file"), "bad header refused: %s",
	   err);
	y = y4m_open(make("c422.y4m", "YUV4MPEG2 W16 H16 C422\n", 1, 0), err,
		     sizeof(err));
	ok(!y && strstr(err, "422") && strstr(err, "not supported"),
	   "4:2:2 refused: %s", err);
	y = y4m_open(make("odd.y4m", "YUV4MPEG2 W15 H16\n", 1, 0), err,
		     sizeof(err));
	ok(!y && strstr(err, "size"), "odd size refused: %s", err);
	y = y4m_open("/nonexistent/x.y4m", err, sizeof(err));
	ok(!y && strstr(err, "cannot open"), "missing file: %s", err);

	y = y4m_open(make("empty.y4m", "YUV4MPEG2 W16 H16\n", 0, 10), err,
		     sizeof(err));
	ok(y && y4m_read(y, f, err, sizeof(err)) == LC_EINVAL &&
		   strstr(err, "no whole frame"),
	   "a file without a whole frame is an error: %s", err);
	y4m_close(y);

	y = y4m_open(make("junk.y4m", "YUV4MPEG2 W16 H16\n", 1, 0), err,
		     sizeof(err));
	ok(y && y4m_read(y, f, err, sizeof(err)) == 0, "one-frame file reads");
	ok(y && y4m_read(y, f, err, sizeof(err)) == 0 && f->y[0] == 10,
	   "one-frame file loops");
	y4m_close(y);

	frame_free(f);
	{
		char cmd[300];

		snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
		if (system(cmd) != 0)
			diag("cleanup failed");
	}
	return done();
}
