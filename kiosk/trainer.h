/* The trainer's screens (trainer.c), built by kiosk_apply. */
#ifndef LUCARNE_KIOSK_TRAINER_H
#define LUCARNE_KIOSK_TRAINER_H

#include "kiosk/shell.h"

/* Build the PIN pad, or the settings; set k->reading. The ui takes the
 * returned screen. */
struct ui_obj *trainer_build_pin(struct kiosk *k);
struct ui_obj *trainer_build_settings(struct kiosk *k);

#endif
