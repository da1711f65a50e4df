/* The home screen (home.c), built by kiosk_apply. */
#ifndef LUCARNE_KIOSK_HOME_H
#define LUCARNE_KIOSK_HOME_H

#include "kiosk/shell.h"

/* Build the home screen; sets k->reading and k->date_label. The ui
 * takes the returned screen. */
struct ui_obj *home_build(struct kiosk *k);

#endif
