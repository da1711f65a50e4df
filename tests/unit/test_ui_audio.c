/* Recorded sound through SDL's "disk" audio driver: what the device
 * plays lands in a file, which is read back once the device is closed. */
#include "common/err.h"
#include "tests/tap.h"
#include "ui/ui_audio.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SRC_RATE 16000
#define TONE_HZ 440
#define AMPLITUDE 10000

static char dir[] = "/tmp/lucarne-audio.XXXXXX";

static void put16(FILE *f, unsigned v)
{
	fputc((int)(v & 0xff), f);
	fputc((int)((v >> 8) & 0xff), f);
}

static void put32(FILE *f, unsigned long v)
{
	put16(f, (unsigned)(v & 0xffff));
	put16(f, (unsigned)(v >> 16));
}

/* A RIFF/WAVE file of @frames frames of a 440 Hz tone, 16-bit mono. */
static void write_tone(const char *path, long frames)
{
	FILE *f = fopen(path, "wb");
	unsigned long bytes = (unsigned long)frames * 2;

	fwrite("RIFF", 1, 4, f);
	put32(f, 36 + bytes);
	fwrite("WAVEfmt ", 1, 8, f);
	put32(f, 16);
	put16(f, 1); /* PCM */
	put16(f, 1); /* mono */
	put32(f, SRC_RATE);
	put32(f, SRC_RATE * 2);
	put16(f, 2);
	put16(f, 16);
	fwrite("data", 1, 4, f);
	put32(f, bytes);
	for (long i = 0; i < frames; i++) {
		double s = sin(2 * M_PI * TONE_HZ * (double)i / SRC_RATE);

		put16(f, (unsigned)(uint16_t)(int16_t)lrint(AMPLITUDE * s));
	}
	fclose(f);
}

struct span {
	long frames; /* in the file */
	long first, last; /* first and last loud frame, -1 if none */
	int peak;
};

/* Scan a disk-driver file of 16-bit frames of @channels channels. */
static struct span scan(const char *path, int channels)
{
	struct span s = { 0, -1, -1, 0 };
	FILE *f = fopen(path, "rb");
	int16_t fr[2];

	if (!f)
		return s;
	while (fread(fr, sizeof(int16_t), (size_t)channels, f) ==
	       (size_t)channels) {
		int v = abs(fr[0]);

		if (v > s.peak)
			s.peak = v;
		if (v > 200) {
			if (s.first < 0)
				s.first = s.frames;
			s.last = s.frames;
		}
		s.frames++;
	}
	fclose(f);
	return s;
}

static struct ui_audio *open_to(const char *out)
{
	char err[256];
	struct ui_audio *a = ui_audio_new(NULL);
	int rc;

	setenv("SDL_DISKAUDIOFILE", out, 1);
	rc = ui_audio_open(a, err, sizeof(err));
	ok(rc == 0, "the disk device opens (%s)", rc ? err : "ok");
	return a;
}

int main(void)
{
	char tone[300], longtone[300], bad[300], out1[300], out2[300];
	char err[512];
	struct ui_audio *a;
	struct span s;
	long want, total, pos;
	FILE *f;
	int rc;

	if (!mkdtemp(dir))
		return 1;
	setenv("SDL_AUDIODRIVER", "disk", 1);
	snprintf(tone, sizeof(tone), "%s/tone.wav", dir);
	snprintf(longtone, sizeof(longtone), "%s/long.wav", dir);
	snprintf(bad, sizeof(bad), "%s/bad.wav", dir);
	snprintf(out1, sizeof(out1), "%s/out1.raw", dir);
	snprintf(out2, sizeof(out2), "%s/out2.raw", dir);
	write_tone(tone, SRC_RATE / 2); /* half a second */
	write_tone(longtone, SRC_RATE * 3);

	/* Played to the end: every frame reaches the device, resampled. */
	a = open_to(out1);
	is_int(ui_audio_rate(a), UI_AUDIO_RATE, "device at 48 kHz");
	is_int(ui_audio_channels(a), 2, "in stereo");
	rc = ui_audio_play_wav(a, tone, err, sizeof(err));
	is_int(rc, 0, "a 16 kHz mono WAV plays");
	ok(ui_audio_is_playing(a), "it is playing");
	is_int(ui_audio_wait_idle(a, 10000), 0, "it ends");
	pos = ui_audio_progress(a, &total);
	want = (long)UI_AUDIO_RATE / 2;
	ok(labs(total - want) <= 8, "converted to %ld frames (want %ld)", total,
	   want);
	is_int(pos, total, "all of them handed to the device");
	ui_audio_close(a);
	ok(!ui_audio_is_open(a), "closed");
	s = scan(out1, 2);
	ok(s.first >= 0 && labs(s.last - s.first + 1 - want) <= 64,
	   "the disk file holds %ld loud frames (want %ld)",
	   s.last - s.first + 1, want);
	ok(s.peak > AMPLITUDE * 9 / 10 && s.peak < AMPLITUDE * 11 / 10,
	   "at the tone's level (peak %d)", s.peak);
	is_int(ui_audio_play_wav(a, tone, err, sizeof(err)), LC_ESTATE,
	       "a closed device plays nothing");
	ui_audio_free(a);

	/* Stopped after a tenth of a second: the rest never plays. */
	a = open_to(out2);
	is_int(ui_audio_play_wav(a, longtone, err, sizeof(err)), 0,
	       "a three-second tone starts");
	is_int(ui_audio_wait_played(a, UI_AUDIO_RATE / 10, 10000), 0,
	       "a tenth of a second was played");
	ui_audio_stop(a);
	ok(!ui_audio_is_playing(a), "stop stops it");
	is_int(ui_audio_wait_idle(a, 1000), 0, "idle at once");
	ui_audio_free(a);
	s = scan(out2, 2);
	ok(s.first >= 0 && s.last - s.first + 1 < UI_AUDIO_RATE,
	   "less than a second reached the file (%ld frames of %d)",
	   s.last - s.first + 1, UI_AUDIO_RATE * 3);

	/* Missing and corrupt files: a sentence, not a crash. */
	a = open_to(out1);
	write_tone(tone, SRC_RATE / 4);
	is_int(ui_audio_play_wav(a, tone, err, sizeof(err)), 0, "playing");
	rc = ui_audio_play_wav(a, "/nonexistent/step.wav", err, sizeof(err));
	is_int(rc, LC_ENOENT, "a missing file is LC_ENOENT");
	ok(strstr(err, "/nonexistent/step.wav") != NULL, "named: %s", err);
	ok(!ui_audio_is_playing(a), "and what played is stopped");
	f = fopen(bad, "wb");
	fputs("RIFF\x10\0\0\0WAVEfmt garbage, not a sound", f);
	fclose(f);
	rc = ui_audio_play_wav(a, bad, err, sizeof(err));
	is_int(rc, LC_EINVAL, "a corrupt WAV is LC_EINVAL");
	ok(strstr(err, "not a WAV file") != NULL, "explained: %s", err);
	f = fopen(bad, "wb");
	fclose(f);
	is_int(ui_audio_play_wav(a, bad, err, sizeof(err)), LC_EINVAL,
	       "an empty file too");
	ok(!ui_audio_is_playing(a), "nothing plays");
	ui_audio_stop(a);
	ui_audio_free(a);
	ui_audio_free(NULL);

	unlink(tone);
	unlink(longtone);
	unlink(bad);
	unlink(out1);
	unlink(out2);
	rmdir(dir);
	return done();
}
