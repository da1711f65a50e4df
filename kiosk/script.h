/* The headless screenshot mode: a script of taps played on a virtual
 * clock, saving a PNG per step. Used by tests/ui and to make the README's
 * pictures. The commands are described in docs/lessons.md and --help. */
#ifndef LUCARNE_KIOSK_SCRIPT_H
#define LUCARNE_KIOSK_SCRIPT_H

#include "kiosk/kiosk.h"

struct script_opts {
	const char *path; /* the script */
	const char *shot_dir; /* where PNGs go */
	const char *ref_dir; /* compare "shot" images with these, or NULL */
	long ref_tolerance; /* differing pixels allowed per image */
	bool audit; /* check every screen shown against SENIORS.md */
};

/* Install the virtual clock on @k's ui; call before building screens. */
void script_install_clock(struct kiosk *k);
/* Play the script. Returns 0 if every expectation, audit and reference
 * comparison passed, 1 otherwise (details in the event log), or
 * LC_EINVAL/LC_EIO for an unreadable script (message on stderr). */
int script_run(struct kiosk *k, const struct script_opts *o);

#endif
