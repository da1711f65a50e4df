/* Camera control lists: range checks and their sentences, the strict JSON
 * parser (every member, the caps) and change sets. */
#include "common/camctl.h"
#include "common/err.h"
#include "tests/tap.h"

#include <stdio.h>
#include <string.h>

static const struct camctl bright = { .name = "brightness",
				      .label = "Brightness",
				      .kind = CAMCTL_INT,
				      .min = 0,
				      .max = 255,
				      .step = 1,
				      .def = 128,
				      .value = 128 };
static const struct camctl zoom = { .name = "zoom",
				    .label = "Zoom, Absolute",
				    .kind = CAMCTL_INT,
				    .min = 100,
				    .max = 500,
				    .step = 10,
				    .def = 100,
				    .value = 100 };
static const struct camctl power = { .name = "power_line",
				     .label = "Power Line Frequency",
				     .kind = CAMCTL_MENU,
				     .min = 0,
				     .max = 3,
				     .step = 1,
				     .def = 1,
				     .value = 1,
				     .n_items = 2,
				     .items = { { 1, "50 Hz" },
						{ 3, "Auto" } } };
static const struct camctl focus_auto = { .name = "focus_auto",
					  .label = "Focus, Auto",
					  .kind = CAMCTL_BOOL,
					  .min = 0,
					  .max = 1,
					  .step = 1,
					  .def = 1,
					  .value = 1 };

static void test_check(void)
{
	char why[200];

	ok(camctl_check(&bright, 0, NULL, 0) &&
		   camctl_check(&bright, 255, NULL, 0),
	   "range ends accepted");
	ok(!camctl_check(&bright, 256, why, sizeof(why)) &&
		   strcmp(why, "brightness: 256 is not accepted (0 to 255)") ==
			   0,
	   "above max refused: %s", why);
	ok(!camctl_check(&bright, -1, NULL, 0), "below min refused");
	ok(camctl_check(&zoom, 130, NULL, 0), "on step accepted");
	ok(!camctl_check(&zoom, 135, why, sizeof(why)) &&
		   strstr(why, "100 to 500 in steps of 10"),
	   "off step refused: %s", why);
	ok(camctl_check(&power, 3, NULL, 0) &&
		   !camctl_check(&power, 2, NULL, 0),
	   "menu: only listed items (2 is in range but not offered)");
	camctl_check(&power, 0, why, sizeof(why));
	ok(strstr(why, "one of 1 (50 Hz), 3 (Auto)") != NULL,
	   "menu sentence lists the items: %s", why);
	ok(camctl_check(&focus_auto, 0, NULL, 0) &&
		   !camctl_check(&focus_auto, 2, NULL, 0),
	   "bool: 0 or 1");
	ok(camctl_name_valid("white_balance") && !camctl_name_valid("") &&
		   !camctl_name_valid("Zoom") && !camctl_name_valid("a b") &&
		   !camctl_name_valid("abcdefghijklmnopqrstuvwxyz"),
	   "names: [a-z0-9_], under the cap");
}

static struct camctl_list sample(void)
{
	struct camctl_list l = { 4, { bright, zoom, power, focus_auto } };

	return l;
}

static void test_json(void)
{
	struct camctl_list l = sample(), back;
	json_t *j = camctl_list_to_json(&l), *o;

	ok(j && json_array_size(j) == 4, "list to JSON");
	ok(camctl_list_from_json(j, &back) == 0 &&
		   memcmp(&l, &back, sizeof(l)) == 0,
	   "and back, identical");
	/* Each rule of the parser, by breaking one member of a good list. */
	o = json_array_get(j, 0);
	json_object_set_new(o, "value", json_integer(256));
	is_int(camctl_list_from_json(j, &back), LC_EP_FIELD,
	       "value out of range");
	ok(back.n == 0, "list cleared on error");
	json_object_set_new(o, "value", json_integer(1));
	json_object_set_new(o, "step", json_integer(0));
	is_int(camctl_list_from_json(j, &back), LC_EP_FIELD, "step 0");
	json_object_set_new(o, "step", json_integer(1));
	json_object_set_new(o, "min", json_integer(300));
	is_int(camctl_list_from_json(j, &back), LC_EP_FIELD, "min above max");
	json_object_set_new(o, "min", json_integer(0));
	json_object_set_new(o, "kind", json_string("string"));
	is_int(camctl_list_from_json(j, &back), LC_EP_FIELD, "unknown kind");
	json_object_set_new(o, "kind", json_string("int"));
	json_object_set_new(o, "name", json_string("zoom"));
	is_int(camctl_list_from_json(j, &back), LC_EP_FIELD, "duplicate name");
	json_object_set_new(o, "name", json_string("bright\nness"));
	is_int(camctl_list_from_json(j, &back), LC_EP_FIELD, "bad name");
	json_object_set_new(o, "name", json_string("brightness"));
	json_object_set_new(o, "label",
			    json_string("a label far longer than thirty-two "
					"characters"));
	is_int(camctl_list_from_json(j, &back), LC_EP_FIELD, "label too long");
	json_object_set_new(o, "label", json_string("Brightness"));
	json_object_del(o, "default");
	is_int(camctl_list_from_json(j, &back), LC_EP_FIELD, "member missing");
	json_object_set_new(o, "default", json_integer(128));
	is_int(camctl_list_from_json(j, &back), 0, "repaired list parses");
	json_object_del(json_array_get(j, 2), "items");
	is_int(camctl_list_from_json(j, &back), LC_EP_FIELD,
	       "menu without items");
	json_decref(j);

	j = json_array();
	for (int i = 0; i <= CAMCTL_MAX; i++) {
		char name[16];

		snprintf(name, sizeof(name), "c%d", i);
		json_array_append_new(
			j,
			json_pack("{s:s,s:s,s:s,s:i,s:i,s:i,s:i,s:i}", "name",
				  name, "label", "x", "kind", "int", "min", 0,
				  "max", 1, "step", 1, "default", 0, "value",
				  0));
	}
	is_int(camctl_list_from_json(j, &back), LC_EP_FIELD,
	       "more than CAMCTL_MAX controls refused");
	json_array_remove(j, 0);
	is_int(camctl_list_from_json(j, &back), 0, "CAMCTL_MAX accepted");
	json_decref(j);

	l.c[0].label[0] = '\t';
	ok(camctl_list_to_json(&l) == NULL, "formatting refuses a bad label");
}

static void test_values(void)
{
	struct camctl_list cams = sample(), set;
	char why[200];
	json_t *v = json_pack("{s:i,s:b}", "brightness", 140, "focus_auto", 0);

	is_int(camctl_values_from_json(v, false, &set, why, sizeof(why)),
	       LC_EP_FIELD, "booleans refused on the wire");
	is_int(camctl_values_from_json(v, true, &set, why, sizeof(why)), 0,
	       "booleans accepted from the API");
	ok(set.n == 2 && strcmp(set.c[0].name, "brightness") == 0 &&
		   set.c[0].value == 140 && set.c[1].value == 0,
	   "values read in order");
	is_int(camctl_check_set(&cams, &set, why, sizeof(why)), 0,
	       "valid set passes");
	json_decref(v);

	v = json_pack("{s:i,s:i}", "brightness", 10, "pan", 3);
	camctl_values_from_json(v, true, &set, why, sizeof(why));
	is_int(camctl_check_set(&cams, &set, why, sizeof(why)), LC_EINVAL,
	       "unknown control refused");
	is_str(why, "pan: this camera has no such control", "and named");
	json_decref(v);

	v = json_pack("{s:i}", "zoom", 105);
	camctl_values_from_json(v, true, &set, why, sizeof(why));
	is_int(camctl_check_set(&cams, &set, why, sizeof(why)), LC_EINVAL,
	       "off-step value refused");
	is_str(why, "zoom: 105 is not accepted (100 to 500 in steps of 10)",
	       "with the range");
	json_decref(v);

	v = json_pack("{s:f}", "zoom", 1.5);
	is_int(camctl_values_from_json(v, true, &set, why, sizeof(why)),
	       LC_EP_FIELD, "fraction refused");
	is_str(why, "zoom: not a whole number", "with a sentence");
	json_decref(v);

	v = json_pack("{s:I}", "zoom", (json_int_t)1 << 40);
	is_int(camctl_values_from_json(v, true, &set, why, sizeof(why)),
	       LC_EP_FIELD, "huge value refused");
	json_decref(v);

	v = json_object();
	is_int(camctl_values_from_json(v, true, &set, why, sizeof(why)),
	       LC_EP_FIELD, "empty set refused");
	json_decref(v);
	is_int(camctl_values_from_json(NULL, true, &set, NULL, 0), LC_EP_FIELD,
	       "missing object refused without a sentence buffer");
}

int main(void)
{
	test_check();
	test_json();
	test_values();
	return done();
}
