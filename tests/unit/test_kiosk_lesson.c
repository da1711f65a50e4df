/* The lesson validator: the three example lessons pass; each kind of
 * problem is found and located. */
#include "kiosk/lesson.h"
#include "tests/tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[] = "/tmp/lucarne-lesson.XXXXXX";

static void put(const char *name, const char *text, size_t len)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	fwrite(text, 1, len, f);
	fclose(f);
}

static bool has(const struct lesson_report *r, const char *needle)
{
	for (int i = 0; i < r->n; i++)
		if (strstr(r->lines[i], needle))
			return true;
	return false;
}

static const char png[24] =
	"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x02\x80\0\0\x01\xe0";

#define STEP                                                                   \
	"{\"title\": {\"fr\": \"Un\", \"en\": \"One\"}, \"text\": {\"fr\": "   \
	"\"Texte\", \"en\": \"Text\"}, \"picture\": \"p.png\"}"

int main(void)
{
	static const char *const examples[] = {
		"kiosk/lessons/appel-video", "kiosk/lessons/envoyer-photo",
		"kiosk/lessons/message-frauduleux"
	};
	struct lesson_report rep = { 0 };
	struct lesson *l;
	char text[1024];

	for (int i = 0; i < 3; i++) {
		l = lesson_load(examples[i], &rep);
		ok(lesson_ok(l), "%s passes", examples[i]);
		ok(lesson_step_count(l) >= 6, "%s has %d steps", examples[i],
		   lesson_step_count(l));
		ok(*lesson_step_title(l, 0, LANG_EN) &&
			   *lesson_step_text(l, 0, LANG_EN),
		   "%s is translated", examples[i]);
		lesson_free(l);
	}
	is_int(rep.n, 0, "no problem reported");

	if (!mkdtemp(dir))
		return 1;
	l = lesson_load(dir, &rep);
	ok(!lesson_ok(l) && has(&rep, "lesson.json: missing"),
	   "a folder without a manifest");
	ok(strstr(lesson_title(l, LANG_FR), "lucarne-lesson.") != NULL,
	   "is named after its folder");
	lesson_free(l);
	lesson_report_free(&rep);

	put("lesson.json", "{\n\"format\": 1,\n\"id\" \"x\"}", 25);
	l = lesson_load(dir, &rep);
	ok(has(&rep, "lesson.json: line 3, column"), "bad JSON: line, column");
	lesson_free(l);
	lesson_report_free(&rep);

	put("p.png", png, sizeof(png));
	snprintf(text, sizeof(text),
		 "{\"format\": 1, \"id\": \"ok-1\", \"title\": {\"fr\": \"T\", "
		 "\"en\": \"T\"}, \"steps\": [%s]}",
		 STEP);
	put("lesson.json", text, strlen(text));
	l = lesson_load(dir, &rep);
	ok(lesson_ok(l), "a minimal lesson passes");
	is_str(lesson_id(l), "ok-1", "its id");
	is_str(lesson_step_narration(l, 0, LANG_FR), "Texte",
	       "narration defaults to the text");
	ok(lesson_step_picture(l, 0) &&
		   strstr(lesson_step_picture(l, 0), "/p.png"),
	   "picture path inside the folder");
	ok(lesson_cover(l) == lesson_step_picture(l, 0),
	   "the cover defaults to the first picture");
	lesson_free(l);

	snprintf(text, sizeof(text),
		 "{\"format\": 2, \"title\": {\"fr\": \"T\"}, \"steps\": "
		 "[%s, {\"title\": {\"fr\": \"\", \"en\": \"x\"}, \"text\": "
		 "\"plain\", \"picture\": \"q.jpg\", \"extra\": 1}]}",
		 STEP);
	put("lesson.json", text, strlen(text));
	put("q.jpg", "GIF89a", 6);
	l = lesson_load(dir, &rep);
	ok(!lesson_ok(l), "a lesson with problems is unavailable");
	ok(has(&rep, "lesson.json: format: must be 1"), "wrong format");
	ok(has(&rep, "lesson.json: id: missing"), "missing id");
	ok(has(&rep, "lesson.json: title.en: missing"), "missing translation");
	ok(has(&rep, "steps[2]: unknown key \"extra\""), "unknown key");
	ok(has(&rep, "steps[2].title.fr: must be a non-empty string"),
	   "empty title");
	ok(has(&rep, "steps[2].text: must be an object"), "text not an object");
	ok(has(&rep, "steps[2].picture: \"q.jpg\" is not a PNG or JPEG"),
	   "not a picture");
	is_int(rep.n, 7, "every problem is reported, not just the first");
	is_str(lesson_reason(l), "format: must be 1",
	       "the first one is the reason shown");
	lesson_free(l);
	lesson_report_free(&rep);

	snprintf(text, sizeof(text), "rm -rf %s", dir);
	ok(system(text) == 0, "clean up");
	return done();
}
