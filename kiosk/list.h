/* The lesson list (list.c), built by kiosk_apply. */
#ifndef LUCARNE_KIOSK_LIST_H
#define LUCARNE_KIOSK_LIST_H

#include "kiosk/shell.h"

/* Build page k->page of the lesson list; sets k->reading. The ui takes
 * the returned screen. */
struct ui_obj *list_build(struct kiosk *k);

#endif
