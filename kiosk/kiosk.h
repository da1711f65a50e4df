/* The top of the kiosk: builds the screen asked for and runs the timers.
 * Screens are rebuilt from scratch on every change of screen, so no
 * screen keeps stale widgets; navigation requested from a click handler
 * (kiosk_go, shell.h) is deferred to kiosk_apply, because the handler's
 * own widget is freed when the screen changes. */
#ifndef LUCARNE_KIOSK_H
#define LUCARNE_KIOSK_H

#include "kiosk/shell.h"

/* Load every lesson folder under k->lessons_dir, sorted by name. */
void kiosk_load_lessons(struct kiosk *k);
void kiosk_free_lessons(struct kiosk *k);

/* Do deferred work: close a dialog, change screen. */
void kiosk_apply(struct kiosk *k);
/* Timers: the clock on home and the idle return home. */
void kiosk_tick(struct kiosk *k);
/* Milliseconds until kiosk_tick has something to do. */
int kiosk_next_timeout(struct kiosk *k);

#endif
