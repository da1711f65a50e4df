/* Speech through espeak-ng on its own thread. Saying something new
 * interrupts whatever is being said (a senior who taps the next button
 * does not want to hear the end of the previous one). Audio goes to the
 * sound card through SDL, or nowhere ("none"): the text is still
 * synthesised, so tests exercise espeak-ng without a sound card. */
#ifndef LUCARNE_UI_SPEECH_H
#define LUCARNE_UI_SPEECH_H

#include <stdbool.h>
#include <stddef.h>

struct ui_speech;

enum ui_speech_output {
	UI_SPEECH_AUDIO, /* the default sound card */
	UI_SPEECH_NONE, /* synthesise and discard (tests, no card) */
};

struct ui_speech_config {
	enum ui_speech_output output;
	const char *voice; /* espeak-ng voice name: "fr", "en" */
	int rate; /* words per minute, 80..450 */
	bool enabled; /* false: say() does nothing */
};

/* Called on the caller's thread by ui_speech_say with what is said. */
typedef void (*ui_speech_observer_fn)(void *user, const char *text);

/* Start the speech thread; espeak-ng is initialised there so start-up
 * does not wait for it. Returns NULL with a sentence in @err. */
struct ui_speech *ui_speech_new(const struct ui_speech_config *cfg, char *err,
				size_t errlen);
/* Stop speaking, join the thread, free. NULL is fine. */
void ui_speech_free(struct ui_speech *sp);
/* Say @text (copied), interrupting what is being said. */
void ui_speech_say(struct ui_speech *sp, const char *text);
/* Stop speaking now. */
void ui_speech_stop(struct ui_speech *sp);
void ui_speech_set_voice(struct ui_speech *sp, const char *voice);
void ui_speech_set_rate(struct ui_speech *sp, int rate);
void ui_speech_set_enabled(struct ui_speech *sp, bool on);
bool ui_speech_get_enabled(const struct ui_speech *sp);
void ui_speech_set_observer(struct ui_speech *sp, ui_speech_observer_fn fn,
			    void *user);
/* Block until nothing is pending or being said, or @timeout_ms passed.
 * Returns 0 or LC_ETIMEDOUT. For tests and the screenshot mode. */
int ui_speech_wait_idle(struct ui_speech *sp, int timeout_ms);
/* What was last synthesised to the end and how many samples it made
 * (0 if espeak-ng failed); @buf gets the text. Returns utterances done. */
long ui_speech_last(struct ui_speech *sp, char *buf, size_t len, long *samples);

#endif
