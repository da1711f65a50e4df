/* Every sentence the kiosk shows or says, in French (first) and English,
 * and the date and time in words ("mardi 25 novembre, 14 h 30"). */
#ifndef LUCARNE_KIOSK_I18N_H
#define LUCARNE_KIOSK_I18N_H

#include <stddef.h>
#include <time.h>

enum lang {
	LANG_FR = 0,
	LANG_EN = 1,
};

enum msg {
	M_HOME,
	M_LISTEN,
	M_LESSONS,
	M_WELCOME,
	M_LESSONS_TITLE,
	M_LESSONS_INTRO,
	M_NEW,
	M_DONE,
	M_UNAVAILABLE,
	M_MORE,
	M_BACK,
	M_REPEAT,
	M_NEXT,
	M_FINISH,
	M_STEP_OF, /* "Étape %d sur %d" */
	M_BRAVO,
	M_FINISHED, /* "Vous avez terminé la leçon « %s »." */
	M_RESTART,
	M_OTHER_LESSONS,
	M_UNAVAILABLE_MSG, /* "Cette leçon ne peut pas s'ouvrir..." */
	M_OK,
	M_PIN_TITLE,
	M_PIN_WRONG,
	M_ERASE,
	M_CONFIRM,
	M_SETTINGS,
	M_TEXT_SIZE,
	M_THEME,
	M_THEME_NORMAL,
	M_THEME_CONTRAST,
	M_SPEECH,
	M_ON,
	M_OFF,
	M_RATE, /* "Vitesse de la voix : %d" */
	M_SPEAK_TOUCH,
	M_LANGUAGE,
	M_LANG_NAME,
	M_IDLE, /* "Retour à l'accueil : %d min" */
	M_SAVE,
	M_HOME_READ, /* home screen read aloud */
	M_PLAYER_READ, /* hint read after a step */
	M_CALLS,
	M_HELP,
	M_COUNT
};

/* The sentence @m in @lang; never NULL. Some are printf formats. */
const char *i18n(enum lang lang, enum msg m);
/* "mardi 25 novembre, 14 h 30" or "Tuesday 25 November, 2:30 pm". */
void i18n_format_date(enum lang lang, const struct tm *tm, char *buf,
		      size_t len);
/* Copy @tmpl into @buf, replacing its first placeholder ("%s" or "%d")
 * with @a, its second with @b and "%%" with "%". Translations are data,
 * not printf formats: a wrong one cannot crash the kiosk. */
void i18n_fill(char *buf, size_t len, const char *tmpl, const char *a,
	       const char *b);
/* "fr" or "en" (also the espeak-ng voice). */
const char *i18n_code(enum lang lang);

#endif
