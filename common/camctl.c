/* Camera control lists: JSON form and range checks (see camctl.h). */
#include "common/camctl.h"
#include "common/err.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

static const char *const kind_names[CAMCTL_KIND_COUNT] = { "int", "bool",
							   "menu" };

const char *camctl_kind_name(enum camctl_kind k)
{
	return (unsigned)k < CAMCTL_KIND_COUNT ? kind_names[k] : NULL;
}

bool camctl_name_valid(const char *s)
{
	size_t n = 0;

	if (!s || !*s)
		return false;
	for (; s[n]; n++)
		if (n + 1 >= CAMCTL_NAME_MAX ||
		    !((s[n] >= 'a' && s[n] <= 'z') ||
		      (s[n] >= '0' && s[n] <= '9') || s[n] == '_'))
			return false;
	return true;
}

static bool label_valid(const char *s)
{
	if (strlen(s) >= CAMCTL_LABEL_MAX)
		return false;
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return false;
	return true;
}

const struct camctl *camctl_find(const struct camctl_list *l, const char *name)
{
	for (int i = 0; l && i < l->n; i++)
		if (strcmp(l->c[i].name, name) == 0)
			return &l->c[i];
	return NULL;
}

void camctl_describe(const struct camctl *c, char *out, size_t outlen)
{
	size_t n;

	switch (c->kind) {
	case CAMCTL_BOOL:
		snprintf(out, outlen, "0 or 1 (false or true)");
		break;
	case CAMCTL_MENU:
		n = (size_t)snprintf(out, outlen, "one of");
		for (int i = 0; i < c->n_items && n < outlen; i++)
			n += (size_t)snprintf(out + n, outlen - n, "%s %d (%s)",
					      i ? "," : "", c->items[i].value,
					      c->items[i].label);
		break;
	default:
		if (c->step > 1)
			snprintf(out, outlen, "%d to %d in steps of %d", c->min,
				 c->max, c->step);
		else
			snprintf(out, outlen, "%d to %d", c->min, c->max);
	}
}

bool camctl_check(const struct camctl *c, long long v, char *why, size_t whylen)
{
	bool ok = v >= c->min && v <= c->max;
	char range[200];

	if (ok && c->kind == CAMCTL_INT && c->step > 1)
		ok = (v - c->min) % c->step == 0;
	if (ok && c->kind == CAMCTL_BOOL)
		ok = v == 0 || v == 1;
	if (ok && c->kind == CAMCTL_MENU) {
		ok = false;
		for (int i = 0; i < c->n_items; i++)
			ok |= c->items[i].value == v;
	}
	if (!ok && why) {
		camctl_describe(c, range, sizeof(range));
		snprintf(why, whylen, "%s: %lld is not accepted (%s)", c->name,
			 v, range);
	}
	return ok;
}

/* An integer member of @o in int range; false if absent or not one. */
static bool get_int(json_t *o, const char *key, int *out)
{
	json_t *v = json_object_get(o, key);
	json_int_t n;

	if (!json_is_integer(v))
		return false;
	n = json_integer_value(v);
	if (n < INT_MIN || n > INT_MAX)
		return false;
	*out = (int)n;
	return true;
}

static bool get_text(json_t *o, const char *key, char *dst, size_t size)
{
	json_t *v = json_object_get(o, key);

	if (!json_is_string(v) ||
	    json_string_length(v) != strlen(json_string_value(v)) ||
	    strlen(json_string_value(v)) >= size)
		return false;
	strcpy(dst, json_string_value(v));
	return true;
}

static bool items_from_json(json_t *arr, struct camctl *c)
{
	size_t i;
	json_t *it;

	if (!json_is_array(arr) || json_array_size(arr) < 1 ||
	    json_array_size(arr) > CAMCTL_ITEMS_MAX)
		return false;
	json_array_foreach(arr, i, it)
	{
		struct camctl_item *m = &c->items[i];

		if (!json_is_object(it) || !get_int(it, "value", &m->value) ||
		    !get_text(it, "label", m->label, sizeof(m->label)) ||
		    !label_valid(m->label) || m->value < c->min ||
		    m->value > c->max)
			return false;
		for (size_t j = 0; j < i; j++)
			if (c->items[j].value == m->value)
				return false;
	}
	c->n_items = (int)json_array_size(arr);
	return true;
}

static bool one_from_json(json_t *o, struct camctl *c)
{
	char kind[8];

	memset(c, 0, sizeof(*c));
	if (!json_is_object(o) ||
	    !get_text(o, "name", c->name, sizeof(c->name)) ||
	    !camctl_name_valid(c->name) ||
	    !get_text(o, "label", c->label, sizeof(c->label)) ||
	    !label_valid(c->label) || !get_text(o, "kind", kind, sizeof(kind)))
		return false;
	c->kind = CAMCTL_KIND_COUNT;
	for (int k = 0; k < CAMCTL_KIND_COUNT; k++)
		if (strcmp(kind, kind_names[k]) == 0)
			c->kind = k;
	if (c->kind == CAMCTL_KIND_COUNT || !get_int(o, "min", &c->min) ||
	    !get_int(o, "max", &c->max) || !get_int(o, "step", &c->step) ||
	    !get_int(o, "default", &c->def) || !get_int(o, "value", &c->value))
		return false;
	if (c->min > c->max || c->step < 1 || c->def < c->min ||
	    c->def > c->max || c->value < c->min || c->value > c->max)
		return false;
	if (c->kind == CAMCTL_BOOL && (c->min != 0 || c->max != 1))
		return false;
	if (c->kind == CAMCTL_MENU)
		return items_from_json(json_object_get(o, "items"), c);
	return !json_object_get(o, "items");
}

int camctl_list_from_json(json_t *arr, struct camctl_list *out)
{
	size_t i;
	json_t *o;

	memset(out, 0, sizeof(*out));
	if (!json_is_array(arr) || json_array_size(arr) > CAMCTL_MAX)
		return LC_EP_FIELD;
	json_array_foreach(arr, i, o)
	{
		if (!one_from_json(o, &out->c[i]) ||
		    camctl_find(out, out->c[i].name))
			goto fail;
		out->n = (int)i + 1;
	}
	return 0;
fail:
	memset(out, 0, sizeof(*out));
	return LC_EP_FIELD;
}

json_t *camctl_list_to_json(const struct camctl_list *l)
{
	json_t *arr = json_array();

	if (l->n < 0 || l->n > CAMCTL_MAX)
		goto fail;
	for (int i = 0; i < l->n; i++) {
		const struct camctl *c = &l->c[i];
		json_t *o, *items;

		if (!camctl_name_valid(c->name) ||
		    !memchr(c->label, '\0', sizeof(c->label)) ||
		    !label_valid(c->label) || !camctl_kind_name(c->kind))
			goto fail;
		o = json_pack("{s:s,s:s,s:s,s:i,s:i,s:i,s:i,s:i}", "name",
			      c->name, "label", c->label, "kind",
			      kind_names[c->kind], "min", c->min, "max", c->max,
			      "step", c->step, "default", c->def, "value",
			      c->value);
		json_array_append_new(arr, o);
		if (c->kind != CAMCTL_MENU)
			continue;
		if (c->n_items < 1 || c->n_items > CAMCTL_ITEMS_MAX)
			goto fail;
		items = json_array();
		for (int k = 0; k < c->n_items; k++) {
			if (!memchr(c->items[k].label, '\0',
				    CAMCTL_LABEL_MAX) ||
			    !label_valid(c->items[k].label)) {
				json_decref(items);
				goto fail;
			}
			json_array_append_new(items,
					      json_pack("{s:i,s:s}", "value",
							c->items[k].value,
							"label",
							c->items[k].label));
		}
		json_object_set_new(o, "items", items);
	}
	return arr;
fail:
	json_decref(arr);
	return NULL;
}

int camctl_values_from_json(json_t *obj, bool allow_bool,
			    struct camctl_list *out, char *why, size_t whylen)
{
	const char *key;
	json_t *v;
	char tmp[1];

	if (!why) {
		why = tmp;
		whylen = sizeof(tmp);
	}
	memset(out, 0, sizeof(*out));
	if (!json_is_object(obj) || json_object_size(obj) < 1 ||
	    json_object_size(obj) > CAMCTL_MAX) {
		snprintf(why, whylen,
			 "values: an object of 1 to %d controls, such as "
			 "{\"brightness\": 140}",
			 CAMCTL_MAX);
		goto fail;
	}
	json_object_foreach(obj, key, v)
	{
		struct camctl *c = &out->c[out->n];
		json_int_t n;

		if (!camctl_name_valid(key)) {
			snprintf(why, whylen,
				 "values: \"%.40s\" is not a control name",
				 key);
			goto fail;
		}
		if (allow_bool && json_is_boolean(v)) {
			n = json_is_true(v);
		} else if (json_is_integer(v)) {
			n = json_integer_value(v);
		} else {
			snprintf(why, whylen, "%s: not a whole number", key);
			goto fail;
		}
		if (n < INT_MIN || n > INT_MAX) {
			snprintf(why, whylen, "%s: %lld is out of range", key,
				 (long long)n);
			goto fail;
		}
		snprintf(c->name, sizeof(c->name), "%s", key);
		c->value = (int)n;
		out->n++;
	}
	return 0;
fail:
	memset(out, 0, sizeof(*out));
	return LC_EP_FIELD;
}

json_t *camctl_values_to_json(const struct camctl_list *l)
{
	json_t *o = json_object();

	for (int i = 0; i < l->n && i < CAMCTL_MAX; i++)
		json_object_set_new(o, l->c[i].name,
				    json_integer(l->c[i].value));
	return o;
}

int camctl_check_set(const struct camctl_list *cams,
		     const struct camctl_list *set, char *why, size_t whylen)
{
	for (int i = 0; i < set->n; i++) {
		const struct camctl *c = camctl_find(cams, set->c[i].name);

		if (!c) {
			snprintf(why, whylen,
				 "%s: this camera has no such control",
				 set->c[i].name);
			return LC_EINVAL;
		}
		if (!camctl_check(c, set->c[i].value, why, whylen))
			return LC_EINVAL;
	}
	return 0;
}
