#include "kiosk/i18n.h"
#include "tests/tap.h"

#include <string.h>

static struct tm at(int wday, int mday, int mon, int h, int m)
{
	struct tm tm = { 0 };

	tm.tm_wday = wday;
	tm.tm_mday = mday;
	tm.tm_mon = mon;
	tm.tm_hour = h;
	tm.tm_min = m;
	return tm;
}

int main(void)
{
	char buf[128];
	struct tm tm;

	tm = at(2, 25, 10, 14, 30);
	i18n_format_date(LANG_FR, &tm, buf, sizeof(buf));
	is_str(buf, "mardi 25 novembre, 14 h 30", "the issue's example");
	i18n_format_date(LANG_EN, &tm, buf, sizeof(buf));
	is_str(buf, "Tuesday 25 November, 2:30 pm", "in English");
	tm = at(1, 1, 11, 9, 5);
	i18n_format_date(LANG_FR, &tm, buf, sizeof(buf));
	is_str(buf, "lundi 1er décembre, 9 h 05", "the first is \"1er\"");
	tm = at(0, 17, 7, 0, 0);
	i18n_format_date(LANG_FR, &tm, buf, sizeof(buf));
	is_str(buf, "dimanche 17 août, 0 h 00", "midnight, août accented");
	i18n_format_date(LANG_EN, &tm, buf, sizeof(buf));
	is_str(buf, "Sunday 17 August, 12:00 am", "midnight in English");
	tm = at(6, 3, 1, 12, 1);
	i18n_format_date(LANG_EN, &tm, buf, sizeof(buf));
	is_str(buf, "Saturday 3 February, 12:01 pm", "noon is pm");

	i18n_fill(buf, sizeof(buf), i18n(LANG_FR, M_STEP_OF), "3", "8");
	is_str(buf, "Étape 3 sur 8", "step 3 of 8, in French");
	i18n_fill(buf, sizeof(buf), i18n(LANG_EN, M_STEP_OF), "3", "8");
	is_str(buf, "Step 3 of 8", "and in English");
	i18n_fill(buf, sizeof(buf), "%d %% %s %s", "1", NULL);
	is_str(buf, "1 %  ", "%% and missing arguments");
	i18n_fill(buf, 6, "abcdefgh", NULL, NULL);
	is_str(buf, "abcde", "truncated, terminated");
	for (int m = 0; m < M_COUNT; m++)
		ok(*i18n(LANG_FR, m) && *i18n(LANG_EN, m),
		   "message %d exists in both languages", m);
	is_str(i18n_code(LANG_EN), "en", "voice code");
	return done();
}
