/* Recorded sound through SDL's audio: one output device, one sound at a
 * time (a lesson step's recorded narration today; a call's audio later).
 * Playing something new replaces what is playing, and stopping is
 * immediate, because a senior who taps "Next" does not want to hear the
 * end of the previous step. Sounds are converted once, when loaded, to
 * the device's format (signed 16-bit, UI_AUDIO_RATE Hz, stereo by
 * default) and handed to SDL's audio thread through a mutex-protected
 * buffer. Where the sound goes is SDL's choice (SDL_AUDIODRIVER): the
 * "disk" driver writes it to SDL_DISKAUDIOFILE, "dummy" discards it. */
#ifndef LUCARNE_UI_AUDIO_H
#define LUCARNE_UI_AUDIO_H

#include <stdbool.h>
#include <stddef.h>

#define UI_AUDIO_RATE 48000 /* Hz, the default device rate */
#define UI_AUDIO_CHANNELS 2 /* the default device channel count */
/* Largest WAV file accepted: about 2 minutes of 48 kHz stereo, far more
 * than a 600-character narration. Bigger files give LC_ETOOBIG. */
#define UI_AUDIO_MAX_FILE (24 * 1024 * 1024)

struct ui_audio;

struct ui_audio_config {
	int rate; /* device frames per second; 0: UI_AUDIO_RATE */
	int channels; /* 1 or 2; 0: UI_AUDIO_CHANNELS */
};

/* Allocate a player with no device yet. Never NULL. */
struct ui_audio *ui_audio_new(const struct ui_audio_config *cfg);
/* Stop, close the device and free. NULL is fine. */
void ui_audio_free(struct ui_audio *a);

/* Initialise SDL's audio and open the default output device. Call from
 * the main thread, before any other thread touches SDL audio. Returns 0
 * (also when already open) or LC_ENODEV with a sentence in @err. */
int ui_audio_open(struct ui_audio *a, char *err, size_t errlen);
/* Stop and close the device (SDL's audio subsystem is released). Safe on
 * a player that is not open; it can be opened again. */
void ui_audio_close(struct ui_audio *a);
bool ui_audio_is_open(const struct ui_audio *a);

/* Load the WAV file @path, convert it and play it from the start,
 * replacing what is playing. Returns 0, LC_ESTATE if the device is not
 * open, LC_ENOENT if there is no such file, LC_ETOOBIG over
 * UI_AUDIO_MAX_FILE, LC_EINVAL for a file that is not a WAV SDL can
 * read or holds no sound; then @err has a sentence and nothing plays
 * (what was playing is stopped). */
int ui_audio_play_wav(struct ui_audio *a, const char *path, char *err,
		      size_t errlen);
/* Stop playing now; the device plays silence. */
void ui_audio_stop(struct ui_audio *a);
/* True while a sound has frames left to hand to the device. */
bool ui_audio_is_playing(struct ui_audio *a);
/* Frames of the current (or last) sound handed to the device so far and
 * its length in frames, at the device rate. */
long ui_audio_progress(struct ui_audio *a, long *total);
/* Block until nothing is playing or @timeout_ms passed. Returns 0 or
 * LC_ETIMEDOUT. For tests and the screenshot mode. */
int ui_audio_wait_idle(struct ui_audio *a, int timeout_ms);
/* Block until the current sound has handed at least @frames frames to
 * the device, or stopped, or @timeout_ms passed. Returns 0 or
 * LC_ETIMEDOUT. */
int ui_audio_wait_played(struct ui_audio *a, long frames, int timeout_ms);
/* The device's rate and channel count (the configured ones). */
int ui_audio_rate(const struct ui_audio *a);
int ui_audio_channels(const struct ui_audio *a);

#endif
