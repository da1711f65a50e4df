/* Script commands, one per line ('#' starts a comment):
 *   tap TARGET        press, hold 80 ms, release; then 600 ms pass
 *   press TARGET / move TARGET / release [TARGET]
 *   wait MS           let MS milliseconds pass (timers run)
 *   shot NAME         save NAME.png (and compare it with --ref); taps
 *                     also save NN-SCREEN.png, never compared
 *   expect SCREEN     fail unless SCREEN is shown
 *   expect-text @ID TEXT   fail unless widget ID shows TEXT
 *   expect-badge @ID TEXT  fail unless tile ID has badge TEXT ("-": none)
 *   speech-wait       wait until the speech thread is idle, log it
 *   narration-wait    wait until the recorded narration has played, log
 *                     how many frames of how many went to the device
 *   audit             check this screen against SENIORS.md now
 * TARGET is "@id" (the centre of that widget) or "X Y" in pixels.
 * Time is virtual: a script runs as fast as the machine draws. */
#include "kiosk/script.h"
#include "common/err.h"
#include "ui/ui_audio.h"
#include "ui/ui_audit.h"
#include "ui/ui_button.h"
#include "ui/ui_label.h"
#include "ui/ui_obj.h"
#include "ui/ui_screen.h"
#include "ui/ui_speech.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int64_t vclock = 1000000;

static int64_t virtual_now(void *user)
{
	(void)user;
	return vclock;
}

void script_install_clock(struct kiosk *k)
{
	ui_set_clock(k->ui, virtual_now, NULL);
}

struct run {
	struct kiosk *k;
	const struct script_opts *o;
	int failures, steps, line;
	int x, y; /* last finger position */
	unsigned audited_gen;
	struct ui_obj *audited_dialog;
	bool audited_any;
};

static void fail(struct run *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void fail(struct run *r, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	r->failures++;
	kiosk_log(r->k, "FAIL line %d: %s", r->line, buf);
	fprintf(stderr, "%s:%d: %s\n", r->o->path, r->line, buf);
}

static void audit(struct run *r)
{
	struct ui_audit_rules rules = ui_audit_default_rules();
	struct ui_audit_report rep;
	const char *name = kiosk_screen_name(r->k->screen);

	ui_audit_screen(r->k->ui, &rules, r->k->screen == SCR_HOME, &rep);
	if (rep.problems) {
		for (char *l = strtok(rep.text, "\n"); l;
		     l = strtok(NULL, "\n"))
			fail(r, "audit %s%s: %s", name,
			     r->k->dialog ? "+dialog" : "", l);
	} else {
		kiosk_log(r->k, "audit %s%s ok %s", name,
			  r->k->dialog ? "+dialog" : "", rep.text);
	}
	r->audited_gen = r->k->screen_gen;
	r->audited_dialog = r->k->dialog;
	r->audited_any = true;
}

/* Dispatch queued input, do deferred navigation, run timers, draw. */
static void settle(struct run *r)
{
	while (ui_wait(r->k->ui, 0) == UI_WAIT_EVENT)
		r->k->last_input_ms = ui_now(r->k->ui);
	kiosk_apply(r->k);
	kiosk_tick(r->k);
	ui_render(r->k->ui);
	if (r->o->audit &&
	    (!r->audited_any || r->audited_gen != r->k->screen_gen ||
	     r->audited_dialog != r->k->dialog))
		audit(r);
}

static void advance(struct run *r, int64_t ms)
{
	/* Step the clock in slices so timers fire at their time. */
	while (ms > 0) {
		int64_t step = kiosk_next_timeout(r->k);

		if (step <= 0 || step > ms)
			step = ms;
		vclock += step;
		ms -= step;
		settle(r);
	}
}

static int target(struct run *r, const char *arg, int *x, int *y)
{
	struct ui_obj *o;
	struct ui_rect rc;

	if (arg[0] == '@') {
		o = ui_obj_find(ui_current_screen(r->k->ui), arg + 1);
		if (!o || ui_obj_has_flags(o, UI_F_HIDDEN)) {
			fail(r, "no visible widget %s on screen %s", arg,
			     kiosk_screen_name(r->k->screen));
			return LC_ENOENT;
		}
		rc = ui_obj_get_rect(o);
		*x = rc.x + rc.w / 2;
		*y = rc.y + rc.h / 2;
		return 0;
	}
	if (sscanf(arg, "%d %d", x, y) != 2) {
		fail(r, "bad target \"%s\" (use @id or X Y)", arg);
		return LC_EINVAL;
	}
	return 0;
}

static void shot(struct run *r, const char *name, bool compare)
{
	char path[4096];
	long differ = 0;
	int rc;

	snprintf(path, sizeof(path), "%s/%s.png", r->o->shot_dir, name);
	if (ui_save_png(r->k->ui, path) < 0) {
		fail(r, "cannot write %s: %s", path, strerror(errno));
		return;
	}
	kiosk_log(r->k, "shot %s", name);
	if (!r->o->ref_dir || !compare)
		return;
	snprintf(path, sizeof(path), "%s/%s.png", r->o->ref_dir, name);
	rc = ui_compare_png(r->k->ui, path, 0, &differ);
	if (rc == LC_ENOENT)
		fail(r, "ref %s: no reference image %s", name, path);
	else if (rc)
		fail(r, "ref %s: size differs from %s", name, path);
	else if (differ > r->o->ref_tolerance)
		fail(r, "ref %s: %ld pixels differ (tolerance %ld)", name,
		     differ, r->o->ref_tolerance);
	else
		kiosk_log(r->k, "ref %s ok %ld", name, differ);
}

static const char *widget_text(struct ui_obj *o)
{
	const char *cls = ui_obj_class_name(o);

	if (strcmp(cls, "label") == 0)
		return ui_label_get_text(o);
	if (strcmp(cls, "button") == 0)
		return ui_button_get_label(o);
	return "";
}

static void command(struct run *r, char *cmd, char *arg)
{
	struct kiosk *k = r->k;
	int x, y;

	if (strcmp(cmd, "tap") == 0) {
		if (target(r, arg, &x, &y))
			return;
		ui_inject_finger(k->ui, UI_FINGER_DOWN, x, y);
		settle(r);
		advance(r, 80);
		ui_inject_finger(k->ui, UI_FINGER_UP, x, y);
		settle(r);
		char name[64];

		snprintf(name, sizeof(name), "%02d-%s", ++r->steps,
			 kiosk_screen_name(k->screen));
		shot(r, name, false);
		advance(r, 600);
	} else if (strcmp(cmd, "press") == 0 || strcmp(cmd, "move") == 0) {
		if (target(r, arg, &x, &y))
			return;
		r->x = x;
		r->y = y;
		ui_inject_finger(
			k->ui, cmd[0] == 'p' ? UI_FINGER_DOWN : UI_FINGER_MOVE,
			x, y);
		settle(r);
	} else if (strcmp(cmd, "release") == 0) {
		if (*arg && target(r, arg, &r->x, &r->y))
			return;
		ui_inject_finger(k->ui, UI_FINGER_UP, r->x, r->y);
		settle(r);
	} else if (strcmp(cmd, "wait") == 0) {
		advance(r, atol(arg));
	} else if (strcmp(cmd, "shot") == 0) {
		shot(r, arg, true);
	} else if (strcmp(cmd, "expect") == 0) {
		if (strcmp(arg, kiosk_screen_name(k->screen)) != 0)
			fail(r, "expected screen %s, shown: %s", arg,
			     kiosk_screen_name(k->screen));
	} else if (strcmp(cmd, "expect-text") == 0) {
		char *text = strchr(arg, ' ');
		struct ui_obj *o;

		if (text)
			*text++ = 0;
		o = ui_obj_find(ui_current_screen(k->ui), arg + 1);
		if (!o || !text)
			fail(r, "no widget %s", arg);
		else if (strcmp(widget_text(o), text) != 0)
			fail(r, "%s shows \"%s\", expected \"%s\"", arg,
			     widget_text(o), text);
	} else if (strcmp(cmd, "expect-badge") == 0) {
		char *text = strchr(arg, ' ');
		struct ui_obj *o;
		const char *badge;

		if (text)
			*text++ = 0;
		o = ui_obj_find(ui_current_screen(k->ui), arg + 1);
		badge = o && strcmp(ui_obj_class_name(o), "button") == 0
			? ui_button_get_badge(o)
			: NULL;
		if (!o || !text)
			fail(r, "no widget %s", arg);
		else if (strcmp(badge ? badge : "-", text) != 0)
			fail(r, "%s has badge \"%s\", expected \"%s\"", arg,
			     badge ? badge : "-", text);
	} else if (strcmp(cmd, "speech-wait") == 0) {
		char said[512];
		long samples;

		if (ui_speech_wait_idle(k->speech, 20000))
			fail(r, "speech did not finish");
		ui_speech_last(k->speech, said, sizeof(said), &samples);
		kiosk_log(k, "spoken %ld samples: %s", samples, said);
	} else if (strcmp(cmd, "narration-wait") == 0) {
		long played, total;

		if (ui_audio_wait_idle(k->audio, 30000))
			fail(r, "the narration did not finish");
		played = ui_audio_progress(k->audio, &total);
		kiosk_log(k, "narrated %ld of %ld frames", played, total);
	} else if (strcmp(cmd, "audit") == 0) {
		audit(r);
	} else {
		fail(r, "unknown command \"%s\"", cmd);
	}
}

int script_run(struct kiosk *k, const struct script_opts *o)
{
	struct run r = { .k = k, .o = o };
	FILE *f = fopen(o->path, "r");
	char line[1024];

	if (!f) {
		fprintf(stderr,
			"lucarne-kiosk: cannot read the script %s: %s\n",
			o->path, strerror(errno));
		return LC_EIO;
	}
	k->last_input_ms = ui_now(k->ui);
	settle(&r);
	while (fgets(line, sizeof(line), f)) {
		char *cmd, *arg, *end;

		r.line++;
		line[strcspn(line, "\r\n")] = 0;
		cmd = line + strspn(line, " \t");
		if (!*cmd || *cmd == '#')
			continue;
		arg = cmd + strcspn(cmd, " \t");
		if (*arg)
			*arg++ = 0;
		arg += strspn(arg, " \t");
		end = arg + strlen(arg);
		while (end > arg && (end[-1] == ' ' || end[-1] == '\t'))
			*--end = 0;
		command(&r, cmd, arg);
		if (k->quit)
			break;
	}
	fclose(f);
	kiosk_log(k, "script done: %d failures", r.failures);
	return r.failures ? 1 : 0;
}
