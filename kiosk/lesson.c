/* The lesson manifest parser and validator. It keeps going after a
 * problem so that the trainer sees every problem in one run of
 * --check-lesson, not one per edit. */
#include "kiosk/lesson.h"
#include "common/xalloc.h"

#include <ctype.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct step {
	char *title[2], *text[2], *narration[2], *audio[2];
	char *picture;
};

struct lesson {
	char *dir, *id, *title[2], *cover;
	struct step *steps;
	int n_steps;
	int problems;
	char *reason;
};

struct ctx {
	struct lesson *l;
	struct lesson_report *rep;
};

static void problem(struct ctx *c, const char *where, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void problem(struct ctx *c, const char *where, const char *fmt, ...)
{
	char what[512];
	char *line;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	line = xasprintf("%s/%s: %s%s%s", c->l->dir, LESSON_MANIFEST, where,
			 *where ? ": " : "", what);
	c->l->problems++;
	if (!c->l->reason)
		c->l->reason =
			xasprintf("%s%s%s", where, *where ? ": " : "", what);
	if (c->rep) {
		if (c->rep->n == c->rep->cap) {
			c->rep->cap = c->rep->cap ? 2 * c->rep->cap : 8;
			c->rep->lines = xrealloc(c->rep->lines,
						 sizeof(char *) * c->rep->cap);
		}
		c->rep->lines[c->rep->n++] = line;
	} else {
		free(line);
	}
}

void lesson_report_free(struct lesson_report *r)
{
	for (int i = 0; i < r->n; i++)
		free(r->lines[i]);
	free(r->lines);
	r->lines = NULL;
	r->n = r->cap = 0;
}

static size_t utf8_len(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

static void check_keys(struct ctx *c, const char *where, json_t *obj,
		       const char *const *allowed)
{
	const char *key;
	json_t *v;

	json_object_foreach(obj, key, v)
	{
		bool found = false;

		for (int i = 0; allowed[i]; i++)
			found |= strcmp(key, allowed[i]) == 0;
		if (!found)
			problem(c, where, "unknown key \"%s\"", key);
	}
}

/* {"fr": "...", "en": "..."}: both languages required unless @optional. */
static void get_text(struct ctx *c, json_t *parent, const char *key,
		     const char *where, size_t max, bool optional, char *out[2])
{
	static const char *const langs[] = { "fr", "en", NULL };
	char at[128];
	json_t *o = json_object_get(parent, key);

	snprintf(at, sizeof(at), "%s%s%s", where, *where ? "." : "", key);
	if (!o) {
		if (!optional)
			problem(c, at,
				"missing (give the French and English text)");
		return;
	}
	if (!json_is_object(o)) {
		problem(c, at,
			"must be an object like {\"fr\": \"...\", \"en\": \"...\"}");
		return;
	}
	check_keys(c, at, o, langs);
	for (int i = 0; i < 2; i++) {
		json_t *s = json_object_get(o, langs[i]);
		char at2[160];

		snprintf(at2, sizeof(at2), "%s.%s", at, langs[i]);
		if (!s) {
			problem(c, at2, "missing");
			continue;
		}
		if (!json_is_string(s) || !*json_string_value(s)) {
			problem(c, at2, "must be a non-empty string");
			continue;
		}
		if (utf8_len(json_string_value(s)) > max)
			problem(c, at2,
				"%zu characters, at most %zu fit on the screen",
				utf8_len(json_string_value(s)), max);
		out[i] = xstrdup(json_string_value(s));
	}
}

static bool safe_name(const char *name)
{
	if (!*name || name[0] == '.' || strstr(name, ".."))
		return false;
	for (const char *p = name; *p; p++)
		if (*p == '/' || *p == '\\' || iscntrl((unsigned char)*p))
			return false;
	return true;
}

static int read_head(const char *path, unsigned char *buf, size_t len)
{
	FILE *f = fopen(path, "rb");
	size_t n;

	if (!f)
		return -1;
	n = fread(buf, 1, len, f);
	fclose(f);
	return (int)n;
}

/* A picture: a plain file name in the folder, PNG or JPEG, not huge. */
static char *get_picture(struct ctx *c, const char *name, const char *at)
{
	unsigned char h[24];
	char *path;
	struct stat st;
	int n;

	if (!safe_name(name)) {
		problem(c, at,
			"\"%s\" must be a file name in the lesson folder",
			name);
		return NULL;
	}
	path = xasprintf("%s/%s", c->l->dir, name);
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
		problem(c, at, "picture \"%s\" not found", name);
		goto fail;
	}
	n = read_head(path, h, sizeof(h));
	if (n >= 24 && memcmp(h, "\x89PNG\r\n\x1a\n", 8) == 0) {
		unsigned long w = (unsigned long)h[16] << 24 | h[17] << 16 |
			h[18] << 8 | h[19];
		unsigned long ht = (unsigned long)h[20] << 24 | h[21] << 16 |
			h[22] << 8 | h[23];

		if (w == 0 || ht == 0 || w > LESSON_MAX_PICTURE_SIDE ||
		    ht > LESSON_MAX_PICTURE_SIDE) {
			problem(c, at,
				"picture \"%s\" is %lux%lu, at most %dx%d",
				name, w, ht, LESSON_MAX_PICTURE_SIDE,
				LESSON_MAX_PICTURE_SIDE);
			goto fail;
		}
	} else if (!(n >= 3 && h[0] == 0xff && h[1] == 0xd8 && h[2] == 0xff)) {
		problem(c, at, "\"%s\" is not a PNG or JPEG picture", name);
		goto fail;
	}
	return path;
fail:
	free(path);
	return NULL;
}

static void get_audio(struct ctx *c, json_t *step, const char *where,
		      struct step *s)
{
	static const char *const langs[] = { "fr", "en", NULL };
	json_t *o = json_object_get(step, "audio");
	char at[128];

	if (!o)
		return;
	snprintf(at, sizeof(at), "%s.audio", where);
	if (!json_is_object(o)) {
		problem(c, at,
			"must be an object like {\"fr\": \"step1-fr.wav\"}");
		return;
	}
	check_keys(c, at, o, langs);
	for (int i = 0; i < 2; i++) {
		json_t *v = json_object_get(o, langs[i]);
		unsigned char h[12];
		char at2[160], *path;

		if (!v)
			continue;
		snprintf(at2, sizeof(at2), "%s.%s", at, langs[i]);
		if (!json_is_string(v) || !safe_name(json_string_value(v))) {
			problem(c, at2,
				"must be a file name in the lesson folder");
			continue;
		}
		path = xasprintf("%s/%s", c->l->dir, json_string_value(v));
		if (read_head(path, h, sizeof(h)) < 12) {
			problem(c, at2, "audio \"%s\" not found",
				json_string_value(v));
			free(path);
		} else if (memcmp(h, "RIFF", 4) || memcmp(h + 8, "WAVE", 4)) {
			problem(c, at2, "\"%s\" is not a WAV file",
				json_string_value(v));
			free(path);
		} else {
			s->audio[i] = path;
		}
	}
}

static void load_step(struct ctx *c, json_t *js, int i)
{
	static const char *const keys[] = { "title",	 "text",  "picture",
					    "narration", "audio", NULL };
	struct step *s = &c->l->steps[i];
	char where[32], at[48];
	json_t *pic;

	snprintf(where, sizeof(where), "steps[%d]", i + 1);
	if (!json_is_object(js)) {
		problem(c, where, "must be an object");
		return;
	}
	check_keys(c, where, js, keys);
	get_text(c, js, "title", where, LESSON_MAX_TITLE, false, s->title);
	get_text(c, js, "text", where, LESSON_MAX_TEXT, false, s->text);
	get_text(c, js, "narration", where, LESSON_MAX_NARRATION, true,
		 s->narration);
	snprintf(at, sizeof(at), "%s.picture", where);
	pic = json_object_get(js, "picture");
	if (!pic)
		problem(c, at, "missing (every step shows a picture)");
	else if (!json_is_string(pic))
		problem(c, at, "must be a file name");
	else
		s->picture = get_picture(c, json_string_value(pic), at);
	get_audio(c, js, where, s);
}

static void load_manifest(struct ctx *c, json_t *root)
{
	static const char *const keys[] = { "format",  "id",	"title",
					    "summary", "cover", "steps",
					    NULL };
	char *summary[2] = { NULL, NULL };
	json_t *v, *steps;

	if (!json_is_object(root)) {
		problem(c, "", "the manifest must be a JSON object");
		return;
	}
	check_keys(c, "", root, keys);
	v = json_object_get(root, "format");
	if (!json_is_integer(v) || json_integer_value(v) != LESSON_FORMAT)
		problem(c, "format", "must be %d", LESSON_FORMAT);
	v = json_object_get(root, "id");
	if (!json_is_string(v)) {
		problem(c, "id", "missing (a short name like \"video-call\")");
	} else {
		const char *id = json_string_value(v);
		bool good = *id && strlen(id) <= 40;

		for (const char *p = id; *p; p++)
			good &= islower((unsigned char)*p) ||
				isdigit((unsigned char)*p) || *p == '-';
		if (!good)
			problem(c, "id",
				"\"%s\": use 1 to 40 letters a-z, digits and -",
				id);
		else
			c->l->id = xstrdup(id);
	}
	get_text(c, root, "title", "", LESSON_MAX_TITLE, false, c->l->title);
	get_text(c, root, "summary", "", LESSON_MAX_TEXT, true, summary);
	free(summary[0]);
	free(summary[1]);
	v = json_object_get(root, "cover");
	if (v && !json_is_string(v))
		problem(c, "cover", "must be a file name");
	else if (v)
		c->l->cover = get_picture(c, json_string_value(v), "cover");
	steps = json_object_get(root, "steps");
	if (!json_is_array(steps) || json_array_size(steps) == 0) {
		problem(c, "steps", "missing (a list of 1 to %d steps)",
			LESSON_MAX_STEPS);
		return;
	}
	if (json_array_size(steps) > LESSON_MAX_STEPS)
		problem(c, "steps", "%zu steps, at most %d",
			json_array_size(steps), LESSON_MAX_STEPS);
	c->l->n_steps = (int)json_array_size(steps);
	if (c->l->n_steps > LESSON_MAX_STEPS)
		c->l->n_steps = LESSON_MAX_STEPS;
	c->l->steps = xcalloc(c->l->n_steps, sizeof(struct step));
	for (int i = 0; i < c->l->n_steps; i++)
		load_step(c, json_array_get(steps, i), i);
}

struct lesson *lesson_load(const char *dir, struct lesson_report *rep)
{
	struct lesson *l = XNEW(struct lesson);
	struct ctx c = { l, rep };
	json_error_t jerr;
	json_t *root;
	char *path;
	struct stat st;
	size_t dl = strlen(dir);

	while (dl > 1 && dir[dl - 1] == '/')
		dl--;
	l->dir = xstrndup(dir, dl);
	path = xasprintf("%s/%s", l->dir, LESSON_MANIFEST);
	if (stat(path, &st) != 0) {
		problem(&c, "", "missing: a lesson folder needs %s",
			LESSON_MANIFEST);
		goto out;
	}
	if (st.st_size > LESSON_MAX_MANIFEST) {
		problem(&c, "", "%lld bytes, at most %d", (long long)st.st_size,
			LESSON_MAX_MANIFEST);
		goto out;
	}
	root = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
	if (!root) {
		char where[32];

		snprintf(where, sizeof(where), "line %d, column %d", jerr.line,
			 jerr.column);
		problem(&c, where, "not valid JSON: %s", jerr.text);
		goto out;
	}
	load_manifest(&c, root);
	json_decref(root);
out:
	free(path);
	return l;
}

void lesson_free(struct lesson *l)
{
	if (!l)
		return;
	for (int i = 0; i < l->n_steps; i++) {
		struct step *s = &l->steps[i];

		for (int k = 0; k < 2; k++) {
			free(s->title[k]);
			free(s->text[k]);
			free(s->narration[k]);
			free(s->audio[k]);
		}
		free(s->picture);
	}
	free(l->steps);
	free(l->title[0]);
	free(l->title[1]);
	free(l->cover);
	free(l->id);
	free(l->reason);
	free(l->dir);
	free(l);
}

bool lesson_ok(const struct lesson *l)
{
	return l->problems == 0;
}

const char *lesson_reason(const struct lesson *l)
{
	return l->reason ? l->reason : "";
}

static const char *base_name(const char *dir)
{
	const char *s = strrchr(dir, '/');

	return s ? s + 1 : dir;
}

const char *lesson_id(const struct lesson *l)
{
	return l->id ? l->id : base_name(l->dir);
}

const char *lesson_title(const struct lesson *l, enum lang lang)
{
	const char *t = l->title[lang == LANG_EN];

	if (!t)
		t = l->title[0];
	return t ? t : base_name(l->dir);
}

const char *lesson_cover(const struct lesson *l)
{
	if (l->cover)
		return l->cover;
	return l->n_steps > 0 ? l->steps[0].picture : NULL;
}

int lesson_step_count(const struct lesson *l)
{
	return l->n_steps;
}

static const char *pick(char *const s[2], enum lang lang)
{
	return s[lang == LANG_EN] ? s[lang == LANG_EN] : s[0] ? s[0] : "";
}

const char *lesson_step_title(const struct lesson *l, int i, enum lang lang)
{
	return i >= 0 && i < l->n_steps ? pick(l->steps[i].title, lang) : "";
}

const char *lesson_step_text(const struct lesson *l, int i, enum lang lang)
{
	return i >= 0 && i < l->n_steps ? pick(l->steps[i].text, lang) : "";
}

const char *lesson_step_narration(const struct lesson *l, int i, enum lang lang)
{
	if (i < 0 || i >= l->n_steps)
		return "";
	if (l->steps[i].narration[lang == LANG_EN])
		return l->steps[i].narration[lang == LANG_EN];
	return lesson_step_text(l, i, lang);
}

const char *lesson_step_picture(const struct lesson *l, int i)
{
	return i >= 0 && i < l->n_steps ? l->steps[i].picture : NULL;
}

const char *lesson_step_audio(const struct lesson *l, int i, enum lang lang)
{
	return i >= 0 && i < l->n_steps ? l->steps[i].audio[lang == LANG_EN]
					: NULL;
}
