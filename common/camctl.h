/* Camera controls as they travel between the capture agent and the relay
 * (the "controls" and "set_controls" messages of docs/protocol.md): a
 * bounded list of integer, boolean and menu controls with their ranges
 * and current values, its JSON form, and the one range check both sides
 * use, so that the relay refuses exactly what the camera would.
 *
 * Pure: no I/O, nothing allocated outlives a call (except the json_t a
 * _to_json function returns to its caller).
 */
#ifndef LUCARNE_CAMCTL_H
#define LUCARNE_CAMCTL_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

/* Caps (documented in docs/protocol.md). The capture agent offers at
 * most 19 controls, 2 of them menus: about 5 KiB of JSON at worst, under
 * PROTO_MAX_CTL; a longer list is refused by the message cap itself. */
#define CAMCTL_MAX 24 /* controls in one list or change set */
#define CAMCTL_NAME_MAX 24 /* name, with its NUL */
#define CAMCTL_LABEL_MAX 32 /* label and menu item labels, with NUL */
#define CAMCTL_ITEMS_MAX 8 /* menu items */

enum camctl_kind {
	CAMCTL_INT =
		0, /* integer in [min, max], a multiple of step above min */
	CAMCTL_BOOL, /* 0 or 1 */
	CAMCTL_MENU, /* one of the items' values */
	CAMCTL_KIND_COUNT
};

struct camctl_item {
	int value;
	char label[CAMCTL_LABEL_MAX];
};

struct camctl {
	char name[CAMCTL_NAME_MAX]; /* stable token: "brightness", "zoom" */
	char label[CAMCTL_LABEL_MAX]; /* the driver's own name, for people */
	enum camctl_kind kind;
	int min, max, step, def, value;
	int n_items; /* menus only */
	struct camctl_item items[CAMCTL_ITEMS_MAX];
};

/* A full list (with ranges) or a change set (only name and value). */
struct camctl_list {
	int n;
	struct camctl c[CAMCTL_MAX];
};

/* The control named @name in @l, or NULL. */
const struct camctl *camctl_find(const struct camctl_list *l, const char *name);
/* Whether @v is a value @c accepts. If not and @why is given, writes a
 * sentence naming the control and what it accepts ("brightness: 0 to 255
 * in steps of 1"). */
bool camctl_check(const struct camctl *c, long long v, char *why,
		  size_t whylen);
/* What @c accepts, as in camctl_check's sentence but without the name. */
void camctl_describe(const struct camctl *c, char *out, size_t outlen);
/* Wire name of a kind ("int", "bool", "menu"), NULL if out of range. */
const char *camctl_kind_name(enum camctl_kind k);
/* True for [a-z0-9_]+ shorter than CAMCTL_NAME_MAX. */
bool camctl_name_valid(const char *s);

/* Parse the array of a "controls" message into @out. Strict: every member
 * present and typed, names valid and unique, min <= def, value <= max,
 * step >= 1, menu items within the range, at most CAMCTL_MAX controls.
 * Returns 0 or LC_EP_FIELD. */
int camctl_list_from_json(json_t *arr, struct camctl_list *out);
/* The array form of @l (a new reference), or NULL if @l is invalid. */
json_t *camctl_list_to_json(const struct camctl_list *l);
/* Parse the "values" object of a change set: 1..CAMCTL_MAX members, each
 * a valid name and an integer (JSON true/false accepted as 1/0 when
 * @allow_bool). Fills name and value of @out's entries. Returns 0 or
 * LC_EP_FIELD (with the reason in @why if given). */
int camctl_values_from_json(json_t *obj, bool allow_bool,
			    struct camctl_list *out, char *why, size_t whylen);
/* {"name": value, ...} of @l (a new reference). */
json_t *camctl_values_to_json(const struct camctl_list *l);
/* Check every value of the change set @set against @cams: unknown
 * controls, wrong values. Returns 0, or LC_EINVAL with a sentence naming
 * the first faulty control in @why. */
int camctl_check_set(const struct camctl_list *cams,
		     const struct camctl_list *set, char *why, size_t whylen);

#endif
