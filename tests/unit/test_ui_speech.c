/* espeak-ng on its thread, without a sound card. */
#include "common/err.h"
#include "tests/tap.h"
#include "ui/ui_speech.h"

#include <string.h>

static int said;

static void seen(void *user, const char *text)
{
	(void)user;
	(void)text;
	said++;
}

int main(void)
{
	struct ui_speech_config cfg = { .output = UI_SPEECH_NONE,
					.voice = "fr",
					.rate = 150,
					.enabled = true };
	char err[256], text[512];
	long samples, done1, done2;
	struct ui_speech *sp = ui_speech_new(&cfg, err, sizeof(err));

	ok(sp != NULL, "speech starts (%s)", sp ? "ok" : err);
	if (!sp)
		return done();
	ui_speech_set_observer(sp, seen, NULL);
	ui_speech_say(sp, "Bonjour, bienvenue au salon de thé.");
	is_int(ui_speech_wait_idle(sp, 20000), 0, "it finishes");
	done1 = ui_speech_last(sp, text, sizeof(text), &samples);
	is_str(text, "Bonjour, bienvenue au salon de thé.",
	       "the sentence was synthesised");
	ok(samples > 10000, "into about a second of audio (%ld samples)",
	   samples);
	is_int(said, 1, "the observer saw it");

	/* A new sentence interrupts the one being said. */
	ui_speech_say(sp,
		      "Une très longue phrase qui ne sera jamais finie, "
		      "parce que quelqu'un a touché un autre bouton.");
	ui_speech_say(sp, "Suivant");
	is_int(ui_speech_wait_idle(sp, 20000), 0, "idle again");
	done2 = ui_speech_last(sp, text, sizeof(text), &samples);
	is_str(text, "Suivant", "the last sentence is the one completed");
	ok(done2 - done1 <= 2, "at most the two sentences completed");

	ui_speech_set_enabled(sp, false);
	ui_speech_say(sp, "Silence");
	ui_speech_wait_idle(sp, 20000);
	ui_speech_last(sp, text, sizeof(text), &samples);
	is_str(text, "Suivant", "with speech off nothing is said");
	ok(!ui_speech_get_enabled(sp), "and it says it is off");
	ui_speech_set_enabled(sp, true);
	ui_speech_set_voice(sp, "en");
	ui_speech_set_rate(sp, 120);
	ui_speech_say(sp, "Hello");
	ui_speech_wait_idle(sp, 20000);
	ui_speech_last(sp, text, sizeof(text), &samples);
	ok(strcmp(text, "Hello") == 0 && samples > 0,
	   "English voice at 120 words per minute");
	ui_speech_free(sp);
	return done();
}
