/* The lesson player (player.c): its screens are built by kiosk_apply. */
#ifndef LUCARNE_KIOSK_PLAYER_H
#define LUCARNE_KIOSK_PLAYER_H

#include "kiosk/shell.h"

/* Open lesson @i in the player (or the "unavailable" dialog). */
void player_open(struct kiosk *k, int i);
/* Build the screen of step k->step of lesson k->lesson, or the finish
 * screen; set k->reading (and k->narration). The ui takes the screen. */
struct ui_obj *player_build_step(struct kiosk *k);
struct ui_obj *player_build_finish(struct kiosk *k);

#endif
