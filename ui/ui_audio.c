/* SDL's audio thread pulls from one converted buffer through a callback.
 * The buffer, its position and the counters are guarded by our own mutex
 * (not SDL_LockAudioDevice) so that waiters can sleep on a condition the
 * callback signals: tests and the screenshot mode wait for events, never
 * for a guessed delay. Loading and converting happen on the caller's
 * thread, outside the lock; only the pointer swap is done under it. */
#define LOG_TAG "audio"
#include "ui/ui_audio.h"
#include "common/err.h"
#include "common/log.h"
#include "common/xalloc.h"

#include <SDL.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

struct ui_audio {
	int rate, channels; /* the device format (S16 native) */
	SDL_AudioDeviceID dev;
	pthread_mutex_t lock;
	pthread_cond_t cond; /* progress made, or the sound ended */
	/* Guarded by lock: */
	Sint16 *buf; /* the current sound, owned; NULL when none */
	long frames, pos; /* its length and what was handed over */
	bool playing;
};

static void audio_cb(void *user, Uint8 *stream, int len)
{
	struct ui_audio *a = user;
	size_t frame = (size_t)a->channels * sizeof(Sint16);
	long want = (long)((size_t)len / frame), n = 0;

	pthread_mutex_lock(&a->lock);
	if (a->playing && a->buf) {
		n = a->frames - a->pos;
		if (n > want)
			n = want;
		memcpy(stream, a->buf + a->pos * a->channels,
		       (size_t)n * frame);
		a->pos += n;
		if (a->pos >= a->frames)
			a->playing = false;
		pthread_cond_broadcast(&a->cond);
	}
	pthread_mutex_unlock(&a->lock);
	memset(stream + (size_t)n * frame, 0, (size_t)len - (size_t)n * frame);
}

struct ui_audio *ui_audio_new(const struct ui_audio_config *cfg)
{
	struct ui_audio *a = XNEW(struct ui_audio);

	a->rate = cfg && cfg->rate > 0 ? cfg->rate : UI_AUDIO_RATE;
	a->channels = cfg && (cfg->channels == 1 || cfg->channels == 2)
		? cfg->channels
		: UI_AUDIO_CHANNELS;
	pthread_mutex_init(&a->lock, NULL);
	pthread_cond_init(&a->cond, NULL);
	return a;
}

void ui_audio_free(struct ui_audio *a)
{
	if (!a)
		return;
	ui_audio_close(a);
	free(a->buf);
	pthread_cond_destroy(&a->cond);
	pthread_mutex_destroy(&a->lock);
	free(a);
}

int ui_audio_open(struct ui_audio *a, char *err, size_t errlen)
{
	SDL_AudioSpec want = { 0 }, have;

	if (a->dev)
		return 0;
	if (SDL_InitSubSystem(SDL_INIT_AUDIO) < 0) {
		snprintf(err, errlen, "no sound: %s", SDL_GetError());
		return LC_ENODEV;
	}
	want.freq = a->rate;
	want.format = AUDIO_S16SYS;
	want.channels = (Uint8)a->channels;
	want.samples = 1024; /* about 21 ms at 48 kHz: stops feel instant */
	want.callback = audio_cb;
	want.userdata = a;
	/* No allowed changes: SDL converts to the card, we always see the
	 * format we asked for. */
	a->dev = SDL_OpenAudioDevice(NULL, 0, &want, &have, 0);
	if (!a->dev) {
		snprintf(err, errlen, "no sound card: %s", SDL_GetError());
		SDL_QuitSubSystem(SDL_INIT_AUDIO);
		return LC_ENODEV;
	}
	SDL_PauseAudioDevice(a->dev, 0);
	log_debug("%s: %d Hz, %d channels",
		  SDL_GetCurrentAudioDriver() ? SDL_GetCurrentAudioDriver()
					      : "?",
		  a->rate, a->channels);
	return 0;
}

void ui_audio_close(struct ui_audio *a)
{
	if (!a || !a->dev)
		return;
	ui_audio_stop(a);
	/* Joins SDL's audio thread: the callback never runs after this. */
	SDL_CloseAudioDevice(a->dev);
	a->dev = 0;
	SDL_QuitSubSystem(SDL_INIT_AUDIO);
}

bool ui_audio_is_open(const struct ui_audio *a)
{
	return a && a->dev;
}

/* Replace the current sound by @buf (owned, may be NULL). */
static void swap_sound(struct ui_audio *a, Sint16 *buf, long frames)
{
	Sint16 *old;

	pthread_mutex_lock(&a->lock);
	old = a->buf;
	a->buf = buf;
	a->frames = frames;
	a->pos = 0;
	a->playing = buf != NULL && frames > 0;
	pthread_cond_broadcast(&a->cond);
	pthread_mutex_unlock(&a->lock);
	free(old);
}

/* Convert @len bytes of @src in @spec to the device format. Returns a
 * malloc'd buffer and its frame count, or NULL with @err filled. */
static Sint16 *convert(struct ui_audio *a, const SDL_AudioSpec *spec,
		       const Uint8 *src, Uint32 len, long *frames, char *err,
		       size_t errlen)
{
	SDL_AudioCVT cvt;
	size_t out_len;
	Uint8 *buf;
	int rc;

	rc = SDL_BuildAudioCVT(&cvt, spec->format, spec->channels, spec->freq,
			       AUDIO_S16SYS, (Uint8)a->channels, a->rate);
	if (rc < 0) {
		snprintf(err, errlen, "unsupported sound format: %s",
			 SDL_GetError());
		return NULL;
	}
	buf = xmalloc((size_t)len *
		      (size_t)(cvt.len_mult > 0 ? cvt.len_mult : 1));
	memcpy(buf, src, len);
	out_len = len;
	if (rc > 0) {
		cvt.buf = buf;
		cvt.len = (int)len;
		if (SDL_ConvertAudio(&cvt) < 0) {
			snprintf(err, errlen, "cannot convert the sound: %s",
				 SDL_GetError());
			free(buf);
			return NULL;
		}
		out_len = (size_t)cvt.len_cvt;
	}
	*frames = (long)(out_len / ((size_t)a->channels * sizeof(Sint16)));
	return (Sint16 *)buf;
}

int ui_audio_play_wav(struct ui_audio *a, const char *path, char *err,
		      size_t errlen)
{
	SDL_AudioSpec spec;
	Uint8 *wav = NULL;
	Uint32 len = 0;
	Sint16 *buf = NULL;
	long frames = 0;
	struct stat st;
	int rc;

	ui_audio_stop(a);
	if (!a->dev) {
		snprintf(err, errlen, "no sound device is open");
		return LC_ESTATE;
	}
	if (stat(path, &st) < 0) {
		snprintf(err, errlen, "cannot read the sound %s: %s", path,
			 strerror(errno));
		return errno == ENOENT ? LC_ENOENT : LC_EIO;
	}
	if (st.st_size > UI_AUDIO_MAX_FILE) {
		snprintf(err, errlen,
			 "the sound %s is too big (%lld bytes, at most %d)",
			 path, (long long)st.st_size, UI_AUDIO_MAX_FILE);
		return LC_ETOOBIG;
	}
	if (!SDL_LoadWAV(path, &spec, &wav, &len)) {
		snprintf(err, errlen, "%s is not a WAV file SDL can play: %s",
			 path, SDL_GetError());
		return LC_EINVAL;
	}
	if (len == 0) {
		snprintf(err, errlen, "%s holds no sound", path);
		rc = LC_EINVAL;
		goto fail;
	}
	buf = convert(a, &spec, wav, len, &frames, err, errlen);
	if (!buf) {
		rc = LC_EINVAL;
		goto fail;
	}
	SDL_FreeWAV(wav);
	swap_sound(a, buf, frames);
	return 0;
fail:
	SDL_FreeWAV(wav);
	return rc;
}

void ui_audio_stop(struct ui_audio *a)
{
	if (a)
		swap_sound(a, NULL, 0);
}

bool ui_audio_is_playing(struct ui_audio *a)
{
	bool playing;

	if (!a)
		return false;
	pthread_mutex_lock(&a->lock);
	playing = a->playing;
	pthread_mutex_unlock(&a->lock);
	return playing;
}

long ui_audio_progress(struct ui_audio *a, long *total)
{
	long pos;

	pthread_mutex_lock(&a->lock);
	pos = a->pos;
	if (total)
		*total = a->frames;
	pthread_mutex_unlock(&a->lock);
	return pos;
}

static void deadline(struct timespec *ts, int timeout_ms)
{
	clock_gettime(CLOCK_REALTIME, ts);
	ts->tv_sec += timeout_ms / 1000;
	ts->tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
	if (ts->tv_nsec >= 1000000000L) {
		ts->tv_sec++;
		ts->tv_nsec -= 1000000000L;
	}
}

int ui_audio_wait_played(struct ui_audio *a, long frames, int timeout_ms)
{
	struct timespec ts;
	int rc = 0;

	deadline(&ts, timeout_ms);
	pthread_mutex_lock(&a->lock);
	while (a->playing && a->pos < frames && rc == 0)
		rc = pthread_cond_timedwait(&a->cond, &a->lock, &ts);
	pthread_mutex_unlock(&a->lock);
	return rc == ETIMEDOUT ? LC_ETIMEDOUT : 0;
}

int ui_audio_wait_idle(struct ui_audio *a, int timeout_ms)
{
	return ui_audio_wait_played(a, 0x7fffffffL, timeout_ms);
}

int ui_audio_rate(const struct ui_audio *a)
{
	return a->rate;
}

int ui_audio_channels(const struct ui_audio *a)
{
	return a->channels;
}
