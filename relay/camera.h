/* The live state of a room's camera controls: the list the camera last
 * reported (RAM only, gone with the publisher), how many lists arrived
 * since the relay started, and the values the staff set last, per
 * control, which a camera that comes back (agent restarted, camera
 * replaced) is given again.
 *
 * Pure: nothing is sent from here. The functions return what must be
 * sent (the restore set on a camera's first list) and the room sends it.
 */
#ifndef LUCARNE_RELAY_CAMERA_H
#define LUCARNE_RELAY_CAMERA_H

#include <stdint.h>

#include "common/camctl.h"

struct camera;

/* An empty state: no list, nothing remembered. Never NULL (allocation
 * failure aborts). */
struct camera *camera_new(void);
/* Free it; NULL is accepted. */
void camera_free(struct camera *cam);

/* Keep @list, the controls the publisher just reported, and count it. On
 * the camera's first list since camera_forget, fill @restore with the
 * remembered values its list still accepts and that differ (an agent
 * restart starts from the driver's defaults); otherwise @restore->n is 0.
 * Returns @restore->n. */
int camera_set_list(struct camera *cam, const struct camctl_list *list,
		    struct camctl_list *restore);
/* The publisher left or was replaced: drop its list (the remembered
 * values stay, for the next camera). */
void camera_forget(struct camera *cam);
/* Remember values just sent to the camera (the last value per control
 * wins; at most CAMCTL_MAX controls are remembered). */
void camera_remember(struct camera *cam, const struct camctl_list *set);

/* The list the camera reported last, or NULL before its first one. */
const struct camctl_list *camera_list(const struct camera *cam);
/* Lists received since the relay started ("updated" of the API). */
uint64_t camera_generation(const struct camera *cam);

#endif
