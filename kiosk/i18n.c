#include "kiosk/i18n.h"

#include <stdio.h>

static const char *const table[M_COUNT][2] = {
	[M_HOME] = { "Accueil", "Home" },
	[M_LISTEN] = { "Écouter", "Listen" },
	[M_LESSONS] = { "Leçons", "Lessons" },
	[M_WELCOME] = { "Bonjour ! Touchez ce que vous voulez faire.",
			"Hello! Touch what you would like to do." },
	[M_LESSONS_TITLE] = { "Les leçons", "Lessons" },
	[M_LESSONS_INTRO] = { "Touchez une leçon pour la commencer.",
			      "Touch a lesson to start it." },
	[M_NEW] = { "Nouveau", "New" },
	[M_DONE] = { "✔ Terminé", "✔ Done" },
	[M_UNAVAILABLE] = { "Indisponible", "Unavailable" },
	[M_MORE] = { "Autres leçons", "More lessons" },
	[M_BACK] = { "Retour", "Back" },
	[M_REPEAT] = { "Répéter", "Repeat" },
	[M_NEXT] = { "Suivant", "Next" },
	[M_FINISH] = { "Terminer", "Finish" },
	[M_STEP_OF] = { "Étape %d sur %d", "Step %d of %d" },
	[M_BRAVO] = { "Bravo !", "Well done!" },
	[M_FINISHED] = { "Vous avez terminé la leçon « %s ».",
			 "You have finished the lesson “%s”." },
	[M_RESTART] = { "Recommencer", "Start again" },
	[M_OTHER_LESSONS] = { "Les leçons", "Lessons" },
	[M_UNAVAILABLE_MSG] = { "Cette leçon ne peut pas s'ouvrir pour le moment. Demandez à l'animateur de la vérifier.",
				"This lesson cannot open right now. Please ask the trainer to check it." },
	[M_OK] = { "D'accord", "OK" },
	[M_PIN_TITLE] = { "Code de l'animateur", "Trainer code" },
	[M_PIN_WRONG] = { "Ce code n'est pas le bon. Essayez encore.",
			  "That code is not right. Please try again." },
	[M_ERASE] = { "Effacer", "Erase" },
	[M_CONFIRM] = { "Valider", "Enter" },
	[M_SETTINGS] = { "Réglages", "Settings" },
	[M_TEXT_SIZE] = { "Texte : %d %%", "Text: %d %%" },
	[M_THEME] = { "Couleurs : %s", "Colours: %s" },
	[M_THEME_NORMAL] = { "normales", "normal" },
	[M_THEME_CONTRAST] = { "contrastées", "high contrast" },
	[M_SPEECH] = { "Voix : %s", "Voice: %s" },
	[M_ON] = { "oui", "on" },
	[M_OFF] = { "non", "off" },
	[M_RATE] = { "Vitesse : %d", "Speed: %d" },
	[M_SPEAK_TOUCH] = { "Lire au toucher : %s", "Speak on touch: %s" },
	[M_LANGUAGE] = { "Langue : %s", "Language: %s" },
	[M_LANG_NAME] = { "français", "English" },
	[M_IDLE] = { "Accueil après %d min", "Home after %d min" },
	[M_SAVE] = { "Terminé", "Done" },
	[M_HOME_READ] = { "Pour apprendre, touchez le bouton Leçons.",
			  "To learn, touch the Lessons button." },
	[M_PLAYER_READ] = { "Touchez Suivant pour continuer.",
			    "Touch Next to go on." },
	[M_CALLS] = { "Appels", "Calls" },
	[M_HELP] = { "Aide", "Help" },
};

const char *i18n(enum lang lang, enum msg m)
{
	const char *s;

	if (m < 0 || m >= M_COUNT)
		return "";
	s = table[m][lang == LANG_EN ? 1 : 0];
	return s ? s : table[m][0] ? table[m][0] : "";
}

const char *i18n_code(enum lang lang)
{
	return lang == LANG_EN ? "en" : "fr";
}

static const char *const days[2][7] = {
	{ "dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi",
	  "samedi" },
	{ "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
	  "Saturday" },
};

static const char *const months[2][12] = {
	{ "janvier", "février", "mars", "avril", "mai", "juin", "juillet",
	  "août", "septembre", "octobre", "novembre", "décembre" },
	{ "January", "February", "March", "April", "May", "June", "July",
	  "August", "September", "October", "November", "December" },
};

void i18n_format_date(enum lang lang, const struct tm *tm, char *buf,
		      size_t len)
{
	int l = lang == LANG_EN ? 1 : 0;
	int wd = tm->tm_wday % 7, mo = tm->tm_mon % 12, h12;

	if (l == 0) {
		/* "1er" is how the first of the month is written and said. */
		if (tm->tm_mday == 1)
			snprintf(buf, len, "%s 1er %s, %d h %02d", days[0][wd],
				 months[0][mo], tm->tm_hour, tm->tm_min);
		else
			snprintf(buf, len, "%s %d %s, %d h %02d", days[0][wd],
				 tm->tm_mday, months[0][mo], tm->tm_hour,
				 tm->tm_min);
		return;
	}
	h12 = tm->tm_hour % 12 ? tm->tm_hour % 12 : 12;
	snprintf(buf, len, "%s %d %s, %d:%02d %s", days[1][wd], tm->tm_mday,
		 months[1][mo], h12, tm->tm_min,
		 tm->tm_hour < 12 ? "am" : "pm");
}

void i18n_fill(char *buf, size_t len, const char *tmpl, const char *a,
	       const char *b)
{
	const char *args[2] = { a ? a : "", b ? b : "" };
	size_t o = 0;
	int n = 0;

	if (!len)
		return;
	for (const char *p = tmpl; *p && o + 1 < len; p++) {
		if (p[0] == '%' && p[1] == '%') {
			buf[o++] = '%';
			p++;
		} else if (p[0] == '%' && (p[1] == 's' || p[1] == 'd')) {
			const char *v = n < 2 ? args[n++] : "";

			while (*v && o + 1 < len)
				buf[o++] = *v++;
			p++;
		} else {
			buf[o++] = *p;
		}
	}
	buf[o] = 0;
}
