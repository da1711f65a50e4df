/* lucarne-kiosk: the seniors' touchscreen at the tearoom. */
#define LOG_TAG "kiosk"
#include "common/clock.h"
#include "common/conf.h"
#include "common/err.h"
#include "common/log.h"
#include "kiosk/kiosk.h"
#include "kiosk/player.h"
#include "kiosk/script.h"
#include "ui/ui_audio.h"
#include "ui/ui_obj.h"
#include "ui/ui_speech.h"

#include <stdlib.h>
#include <string.h>

static const char *const themes[] = { "normal", "contrast", NULL };
static const char *const langs[] = { "fr", "en", NULL };
static const char *const outputs[] = { "audio", "none", NULL };
static const char *const levels[] = { "error", "warn", "info", "debug", NULL };

static struct {
	int width, height, dpi;
	bool fullscreen, headless;
	char *tearoom, *lessons, *state, *pin;
	int theme, lang, text_size, rate, idle, output, log_level;
	bool speech, speak_touch, bench, audit;
	char *screenshot, *script, *ref, *events, *now, *check;
	int tolerance;
} opt;

#define OPT_INT(n, d, p, lo, hi, a, h)                                         \
	{                                                                      \
		n, CONF_INT, p, d, lo, hi, NULL, a, h                          \
	}
static const struct conf_opt opts[] = {
	OPT_INT("width", "1280", &opt.width, 320, 7680, "PX",
		"Window width in pixels (full screen: the panel's)."),
	OPT_INT("height", "800", &opt.height, 240, 4320, "PX",
		"Window height in pixels."),
	OPT_INT("dpi", "150", &opt.dpi, 50, 600, "N",
		"The panel's real dots per inch: sizes are in millimetres."),
	{ "fullscreen", CONF_BOOL, &opt.fullscreen, "no", 0, 0, NULL, NULL,
	  "Fill the screen (the appliance, on KMS/DRM)." },
	{ "headless", CONF_BOOL, &opt.headless, "no", 0, 0, NULL, NULL,
	  "Draw off screen (SDL dummy driver, software renderer)." },
	{ "tearoom", CONF_STR, &opt.tearoom, "Salon de thé", 0, 0, NULL, "NAME",
	  "The tearoom's name, shown on the home screen." },
	{ "lessons", CONF_STR, &opt.lessons, "/usr/local/share/lucarne/lessons",
	  0, 0, NULL, "DIR", "Folder holding one folder per lesson." },
	{ "state", CONF_STR, &opt.state, "/var/lib/lucarne/kiosk-state.json", 0,
	  0, NULL, "FILE",
	  "Where this kiosk keeps lesson progress and the trainer's settings." },
	{ "pin", CONF_STR, &opt.pin, "2580", 0, 0, NULL, "DIGITS",
	  "The trainer's PIN (three taps on the tearoom's name ask for it)." },
	{ "theme", CONF_ENUM, &opt.theme, "normal", 0, 0, themes, "NAME",
	  "Colours: normal or contrast." },
	{ "lang", CONF_ENUM, &opt.lang, "fr", 0, 0, langs, "CODE",
	  "Language: fr or en." },
	OPT_INT("text-size", "100", &opt.text_size, 100, 200, "PERCENT",
		"Text size."),
	{ "speech", CONF_BOOL, &opt.speech, "yes", 0, 0, NULL, NULL,
	  "Read steps aloud (their recorded narration, else espeak-ng) and "
	  "offer the Listen button." },
	OPT_INT("speech-rate", "150", &opt.rate, 80, 450, "WPM",
		"Speaking speed in words per minute."),
	{ "speak-on-touch", CONF_BOOL, &opt.speak_touch, "no", 0, 0, NULL, NULL,
	  "Say what a button does when it is touched." },
	{ "speech-output", CONF_ENUM, &opt.output, "audio", 0, 0, outputs,
	  "WHERE",
	  "espeak-ng to audio (the sound card) or none (synthesise, "
	  "discard); recorded narrations always go to the sound card." },
	OPT_INT("idle-timeout", "3", &opt.idle, 1, 60, "MINUTES",
		"Return home after this long without a touch."),
	{ "check-lesson", CONF_STR, &opt.check, NULL, 0, 0, NULL, "PATH",
	  "Check a lesson folder, print every problem, exit 0 if none." },
	{ "screenshot", CONF_STR, &opt.screenshot, NULL, 0, 0, NULL, "DIR",
	  "Headless: play --script, save a PNG per step into DIR, exit." },
	{ "script", CONF_STR, &opt.script, NULL, 0, 0, NULL, "FILE",
	  "Taps for --screenshot (commands: see lucarne-kiosk(1))." },
	{ "ref", CONF_STR, &opt.ref, NULL, 0, 0, NULL, "DIR",
	  "Compare each \"shot\" with DIR/NAME.png; differences fail." },
	OPT_INT("ref-tolerance", "0", &opt.tolerance, 0, 1000000, "PIXELS",
		"Pixels allowed to differ from a reference image."),
	{ "audit", CONF_BOOL, &opt.audit, "no", 0, 0, NULL, NULL,
	  "With --screenshot: check every screen against SENIORS.md." },
	{ "events", CONF_STR, &opt.events, NULL, 0, 0, NULL, "FILE",
	  "Log screens, taps, speech and checks to FILE (- for stdout)." },
	{ "now", CONF_STR, &opt.now, NULL, 0, 0, NULL, "\"YYYY-MM-DD HH:MM\"",
	  "Pretend the clock says this (screenshots, tests)." },
	{ "bench", CONF_BOOL, &opt.bench, "no", 0, 0, NULL, NULL,
	  "Print start-up and frame times, then exit." },
	{ "log-level", CONF_ENUM, &opt.log_level, "info", 0, 0, levels, "LEVEL",
	  "error, warn, info or debug." },
};

static const struct conf_spec spec = {
	.prog = "lucarne-kiosk",
	.section = "kiosk",
	.usage = "[--config FILE] [OPTION...]",
	.about = "The tearoom's touchscreen for seniors: lessons with pictures "
		 "and a voice, large targets, two themes, French and English.",
	.opts = opts,
	.n_opts = sizeof(opts) / sizeof(opts[0]),
};

static int check_lesson(const char *path)
{
	struct lesson_report rep = { 0 };
	struct lesson *l = lesson_load(path, &rep);
	int rc = lesson_ok(l) ? 0 : 1;

	for (int i = 0; i < rep.n; i++)
		printf("%s\n", rep.lines[i]);
	if (rc == 0)
		printf("%s: ok, %d steps, \"%s\"\n", path, lesson_step_count(l),
		       lesson_title(l, LANG_FR));
	else
		printf("%s: %d problem%s\n", path, rep.n,
		       rep.n == 1 ? "" : "s");
	lesson_report_free(&rep);
	lesson_free(l);
	return rc;
}

static int parse_now(const char *s, time_t *out)
{
	struct tm tm = { 0 };

	if (sscanf(s, "%d-%d-%d %d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
		   &tm.tm_hour, &tm.tm_min) != 5)
		return LC_EINVAL;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_isdst = -1;
	*out = mktime(&tm);
	return *out == (time_t)-1 ? LC_EINVAL : 0;
}

static void on_note(void *user, enum ui_note n, const struct ui_obj *o)
{
	static const char *const what[] = { "activate", "ignored", "slid-off",
					    "press" };
	struct kiosk *k = user;
	const char *id = o ? ui_obj_get_id(o) : NULL;

	k->last_input_ms = ui_now(k->ui);
	kiosk_log(k, "%s %s", what[n], id ? id : "-");
}

static void on_say(void *user, const char *text)
{
	kiosk_log(user, "say %s", text);
}

static void bench(struct kiosk *k, int64_t t0_us)
{
	int64_t t;
	int n = 100;

	ui_render_force(k->ui);
	printf("first-frame-ms %.1f\n", (clock_mono_us() - t0_us) / 1000.0);
	printf("first-frame-wall-us %lld\n", (long long)clock_wall_us());
	t = clock_mono_us();
	for (int i = 0; i < n; i++)
		ui_render_force(k->ui);
	printf("render-home-ms %.2f\n", (clock_mono_us() - t) / 1000.0 / n);
	if (k->n_lessons && lesson_ok(k->lessons[0])) {
		player_open(k, 0);
		kiosk_apply(k);
		t = clock_mono_us();
		for (int i = 0; i < n; i++)
			ui_render_force(k->ui);
		printf("render-step-ms %.2f\n",
		       (clock_mono_us() - t) / 1000.0 / n);
	}
}

static void run(struct kiosk *k)
{
	for (;;) {
		kiosk_apply(k);
		ui_render(k->ui);
		switch (ui_wait(k->ui, kiosk_next_timeout(k))) {
		case UI_WAIT_QUIT:
			return;
		case UI_WAIT_EVENT:
		case UI_WAIT_TIMEOUT:
			break;
		}
		kiosk_apply(k);
		kiosk_tick(k);
	}
}

int main(int argc, char **argv)
{
	int64_t t0 = clock_mono_us();
	struct kiosk k = { 0 };
	struct ui_config ucfg = { 0 };
	struct ui_speech_config scfg = { 0 };
	char err[512];
	int rc, status;

	status = conf_parse_main(&spec, argc, argv, NULL);
	if (status >= 0)
		return status;
	status = 1;
	log_set_level(opt.log_level);
	if (opt.check) {
		status = check_lesson(opt.check);
		goto out;
	}
	if (opt.screenshot && !opt.script) {
		fprintf(stderr, "lucarne-kiosk: --screenshot needs --script\n");
		status = 2;
		goto out;
	}
	if (opt.now && parse_now(opt.now, &k.wall_base)) {
		fprintf(stderr,
			"lucarne-kiosk: --now: use \"YYYY-MM-DD HH:MM\"\n");
		status = 2;
		goto out;
	}
	if (opt.events)
		k.events = strcmp(opt.events, "-") == 0
			? stdout
			: fopen(opt.events, "w");
	k.tearoom = opt.tearoom;
	k.pin = opt.pin;
	k.lessons_dir = opt.lessons;
	k.set = (struct kiosk_settings){ opt.theme,  opt.lang, opt.text_size,
					 opt.speech, opt.rate, opt.speak_touch,
					 opt.idle };
	/* In screenshot mode nothing is saved unless a state file is named
	 * on purpose: tests must not touch the real kiosk's progress. */
	k.state = state_new(opt.state);
	state_get_settings(k.state, &k.set);

	ucfg = (struct ui_config){ .width = opt.width,
				   .height = opt.height,
				   .dpi = opt.dpi,
				   .fullscreen = opt.fullscreen,
				   .headless = opt.headless || opt.screenshot ||
					   opt.bench,
				   .text_percent = k.set.text_percent,
				   .theme = k.set.theme,
				   .title = "Lucarne" };
	k.ui = ui_new(&ucfg, err, sizeof(err));
	if (!k.ui) {
		fprintf(stderr, "lucarne-kiosk: %s\n", err);
		goto out;
	}
	/* Opened before the speech thread starts, so that only this
	 * thread initialises SDL's audio. */
	k.audio = ui_audio_new(NULL);
	if (ui_audio_open(k.audio, err, sizeof(err)))
		log_warn("%s: recorded narrations are read by espeak-ng", err);
	scfg = (struct ui_speech_config){ .output = opt.output,
					  .voice = i18n_code(k.set.lang),
					  .rate = k.set.rate,
					  .enabled = k.set.speech };
	k.speech = ui_speech_new(&scfg, err, sizeof(err));
	if (!k.speech)
		log_warn("%s: the kiosk is silent", err);
	else
		ui_speech_set_observer(k.speech, on_say, &k);
	ui_set_observer(k.ui, on_note, &k);
	if (opt.screenshot)
		script_install_clock(&k);
	k.mono_base = ui_now(k.ui);
	kiosk_load_lessons(&k);
	kiosk_apply_settings(&k);
	kiosk_go(&k, SCR_HOME);
	kiosk_apply(&k);
	k.last_input_ms = ui_now(k.ui);

	if (opt.bench) {
		bench(&k, t0);
		status = 0;
	} else if (opt.screenshot) {
		struct script_opts so = { .path = opt.script,
					  .shot_dir = opt.screenshot,
					  .ref_dir = opt.ref,
					  .ref_tolerance = opt.tolerance,
					  .audit = opt.audit };

		rc = script_run(&k, &so);
		status = rc == 0 ? 0 : 1;
	} else {
		ui_render(k.ui);
		log_info("first frame after %.0f ms, %d lessons",
			 (clock_mono_us() - t0) / 1000.0, k.n_lessons);
		run(&k);
		status = 0;
	}
	state_save(k.state);
out:
	ui_speech_free(k.speech);
	ui_audio_free(k.audio);
	kiosk_free_lessons(&k);
	ui_free(k.ui);
	state_free(k.state);
	if (k.events && k.events != stdout)
		fclose(k.events);
	conf_free(&spec);
	return status;
}
