/* One thread owns espeak-ng (which is not thread-safe). The UI thread
 * hands it the latest sentence through a one-slot mailbox: a newer
 * sentence replaces a pending one, and bumps a generation counter that
 * the synthesis callback checks to abort the current one. */
#define LOG_TAG "speech"
#include "ui/ui_speech.h"
#include "common/err.h"
#include "common/log.h"
#include "common/xalloc.h"

#include <SDL.h>
#include <espeak-ng/speak_lib.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct ui_speech {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t cond; /* mailbox changed or became idle */
	char *pending; /* next sentence, owned */
	unsigned long gen; /* bumped by every say/stop */
	bool busy, quit, enabled;
	char voice[32];
	int rate;
	enum ui_speech_output output;
	SDL_AudioDeviceID dev;
	int sample_rate;
	/* Results, for tests. */
	char last[512];
	long last_samples, done;
	long cur_samples;
	unsigned long cur_gen;
	ui_speech_observer_fn observer;
	void *observer_user;
};

/* espeak-ng's callback has no user pointer in synchronous mode: one
 * speech engine per process, which is all a kiosk has. */
static struct ui_speech *the_speech;

static int synth_cb(short *wav, int n, espeak_EVENT *ev)
{
	struct ui_speech *sp = the_speech;
	bool abort_now;

	(void)ev;
	pthread_mutex_lock(&sp->lock);
	abort_now = sp->quit || sp->gen != sp->cur_gen;
	pthread_mutex_unlock(&sp->lock);
	if (abort_now)
		return 1;
	if (wav && n > 0) {
		sp->cur_samples += n;
		if (sp->dev)
			SDL_QueueAudio(sp->dev, wav, (Uint32)n * sizeof(short));
	}
	return 0;
}

static void open_audio(struct ui_speech *sp)
{
	SDL_AudioSpec want = { 0 }, have;

	if (SDL_InitSubSystem(SDL_INIT_AUDIO) < 0) {
		log_warn("no sound: %s", SDL_GetError());
		return;
	}
	want.freq = sp->sample_rate;
	want.format = AUDIO_S16SYS;
	want.channels = 1;
	want.samples = 1024;
	sp->dev = SDL_OpenAudioDevice(NULL, 0, &want, &have, 0);
	if (!sp->dev) {
		log_warn("no sound card, speech is silent: %s", SDL_GetError());
		return;
	}
	SDL_PauseAudioDevice(sp->dev, 0);
}

static void apply_params(const char *voice, int rate)
{
	if (espeak_SetVoiceByName(voice) != EE_OK)
		log_warn("espeak-ng has no voice \"%s\"", voice);
	espeak_SetParameter(espeakRATE, rate, 0);
}

static void *speech_main(void *arg)
{
	struct ui_speech *sp = arg;
	char voice[32], *text;
	int rate;
	bool ok;

	sp->sample_rate =
		espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 200, NULL, 0);
	ok = sp->sample_rate > 0;
	if (!ok)
		log_error("espeak-ng failed to start: the kiosk is silent");
	else
		espeak_SetSynthCallback(synth_cb);
	if (ok && sp->output == UI_SPEECH_AUDIO)
		open_audio(sp);
	pthread_mutex_lock(&sp->lock);
	for (;;) {
		while (!sp->quit && !sp->pending) {
			sp->busy = false;
			pthread_cond_broadcast(&sp->cond);
			pthread_cond_wait(&sp->cond, &sp->lock);
		}
		if (sp->quit)
			break;
		text = sp->pending;
		sp->pending = NULL;
		sp->busy = true;
		sp->cur_gen = sp->gen;
		memcpy(voice, sp->voice, sizeof(voice));
		rate = sp->rate;
		pthread_mutex_unlock(&sp->lock);

		sp->cur_samples = 0;
		if (ok) {
			apply_params(voice, rate);
			espeak_Synth(text, strlen(text) + 1, 0, POS_CHARACTER,
				     0, espeakCHARS_UTF8, NULL, NULL);
		}

		pthread_mutex_lock(&sp->lock);
		if (sp->gen == sp->cur_gen) {
			snprintf(sp->last, sizeof(sp->last), "%s", text);
			sp->last_samples = sp->cur_samples;
			sp->done++;
		}
		free(text);
	}
	pthread_mutex_unlock(&sp->lock);
	if (sp->dev)
		SDL_CloseAudioDevice(sp->dev);
	if (ok)
		espeak_Terminate();
	return NULL;
}

struct ui_speech *ui_speech_new(const struct ui_speech_config *cfg, char *err,
				size_t errlen)
{
	struct ui_speech *sp;

	if (the_speech) {
		snprintf(err, errlen, "speech already started");
		return NULL;
	}
	sp = XNEW(struct ui_speech);
	pthread_mutex_init(&sp->lock, NULL);
	pthread_cond_init(&sp->cond, NULL);
	snprintf(sp->voice, sizeof(sp->voice), "%s",
		 cfg->voice ? cfg->voice : "fr");
	sp->rate = cfg->rate ? cfg->rate : 150;
	sp->enabled = cfg->enabled;
	sp->output = cfg->output;
	sp->busy = true; /* until the thread has initialised espeak-ng */
	the_speech = sp;
	if (pthread_create(&sp->thread, NULL, speech_main, sp) != 0) {
		snprintf(err, errlen, "cannot start the speech thread");
		goto fail;
	}
	return sp;
fail:
	the_speech = NULL;
	pthread_cond_destroy(&sp->cond);
	pthread_mutex_destroy(&sp->lock);
	free(sp);
	return NULL;
}

void ui_speech_free(struct ui_speech *sp)
{
	if (!sp)
		return;
	pthread_mutex_lock(&sp->lock);
	sp->quit = true;
	sp->gen++;
	pthread_cond_broadcast(&sp->cond);
	pthread_mutex_unlock(&sp->lock);
	pthread_join(sp->thread, NULL);
	free(sp->pending);
	pthread_cond_destroy(&sp->cond);
	pthread_mutex_destroy(&sp->lock);
	the_speech = NULL;
	free(sp);
}

void ui_speech_say(struct ui_speech *sp, const char *text)
{
	if (!sp || !text || !*text)
		return;
	pthread_mutex_lock(&sp->lock);
	if (!sp->enabled) {
		pthread_mutex_unlock(&sp->lock);
		return;
	}
	free(sp->pending);
	sp->pending = xstrdup(text);
	sp->gen++;
	pthread_cond_broadcast(&sp->cond);
	pthread_mutex_unlock(&sp->lock);
	if (sp->dev)
		SDL_ClearQueuedAudio(sp->dev);
	if (sp->observer)
		sp->observer(sp->observer_user, text);
}

void ui_speech_stop(struct ui_speech *sp)
{
	if (!sp)
		return;
	pthread_mutex_lock(&sp->lock);
	free(sp->pending);
	sp->pending = NULL;
	sp->gen++;
	pthread_mutex_unlock(&sp->lock);
	if (sp->dev)
		SDL_ClearQueuedAudio(sp->dev);
}

void ui_speech_set_voice(struct ui_speech *sp, const char *voice)
{
	if (!sp)
		return;
	pthread_mutex_lock(&sp->lock);
	snprintf(sp->voice, sizeof(sp->voice), "%s", voice);
	pthread_mutex_unlock(&sp->lock);
}

void ui_speech_set_rate(struct ui_speech *sp, int rate)
{
	if (!sp)
		return;
	pthread_mutex_lock(&sp->lock);
	sp->rate = rate;
	pthread_mutex_unlock(&sp->lock);
}

void ui_speech_set_enabled(struct ui_speech *sp, bool on)
{
	if (!sp)
		return;
	if (!on)
		ui_speech_stop(sp);
	pthread_mutex_lock(&sp->lock);
	sp->enabled = on;
	pthread_mutex_unlock(&sp->lock);
}

bool ui_speech_get_enabled(const struct ui_speech *sp)
{
	return sp && sp->enabled;
}

void ui_speech_set_observer(struct ui_speech *sp, ui_speech_observer_fn fn,
			    void *user)
{
	sp->observer = fn;
	sp->observer_user = user;
}

int ui_speech_wait_idle(struct ui_speech *sp, int timeout_ms)
{
	struct timespec ts;
	int rc = 0;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += timeout_ms / 1000;
	ts.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&sp->lock);
	while ((sp->busy || sp->pending) && rc == 0)
		rc = pthread_cond_timedwait(&sp->cond, &sp->lock, &ts);
	pthread_mutex_unlock(&sp->lock);
	return rc == ETIMEDOUT ? LC_ETIMEDOUT : 0;
}

long ui_speech_last(struct ui_speech *sp, char *buf, size_t len, long *samples)
{
	long done;

	pthread_mutex_lock(&sp->lock);
	snprintf(buf, len, "%s", sp->last);
	*samples = sp->last_samples;
	done = sp->done;
	pthread_mutex_unlock(&sp->lock);
	return done;
}
