/* A room's camera controls state (camera.h). */
#include "relay/camera.h"
#include "common/xalloc.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

struct camera {
	struct camctl_list *list; /* NULL before the first list */
	uint64_t gen; /* lists received since the relay started */
	struct camctl_list want; /* the values the staff set last */
};

struct camera *camera_new(void)
{
	return XNEW(struct camera);
}

void camera_free(struct camera *cam)
{
	if (!cam)
		return;
	free(cam->list);
	free(cam);
}

void camera_remember(struct camera *cam, const struct camctl_list *set)
{
	struct camctl_list *w = &cam->want;

	for (int i = 0; i < set->n; i++) {
		int j = 0;

		while (j < w->n && strcmp(w->c[j].name, set->c[i].name) != 0)
			j++;
		if (j == w->n && w->n == CAMCTL_MAX)
			continue; /* the agent's names are fewer than that */
		if (j == w->n)
			w->c[w->n++] = set->c[i];
		w->c[j].value = set->c[i].value;
	}
}

/* The remembered values @list accepts and that differ from its own. */
static int restore_set(const struct camera *cam, const struct camctl_list *list,
		       struct camctl_list *out)
{
	out->n = 0;
	for (int i = 0; i < cam->want.n; i++) {
		const struct camctl *want = &cam->want.c[i];
		const struct camctl *c = camctl_find(list, want->name);

		if (c && c->value != want->value &&
		    camctl_check(c, want->value, NULL, 0))
			out->c[out->n++] = *want;
	}
	return out->n;
}

int camera_set_list(struct camera *cam, const struct camctl_list *list,
		    struct camctl_list *restore)
{
	bool first = !cam->list;

	if (first)
		cam->list = XNEW(struct camctl_list);
	*cam->list = *list;
	cam->gen++;
	restore->n = 0;
	return first ? restore_set(cam, list, restore) : 0;
}

void camera_forget(struct camera *cam)
{
	free(cam->list);
	cam->list = NULL;
}

const struct camctl_list *camera_list(const struct camera *cam)
{
	return cam->list;
}

uint64_t camera_generation(const struct camera *cam)
{
	return cam->gen;
}
