#!/bin/sh
# Scripted taps walk through a whole lesson: every step shows "Étape N sur
# 6" with its title, the finish screen follows, the list then marks the
# lesson done, and a lesson left half way resumes where it was.
. "$(dirname "$0")/../integ/lib.sh"
. "$(dirname "$0")/lib.sh"

plan 9
t_tmpdir
kiosk_lessons --good
S=$T_DIR/walk.script
{
	echo "tap @lessons"
	echo "expect-badge @lesson-1 Nouveau"
	echo "tap @lesson-1"
	i=1
	for t in "Prenez la tablette" "Touchez « Appels »" \
		"Choisissez la personne" "Attendez la réponse" \
		"Parlez normalement" "Raccrochez"; do
		echo "expect step"
		echo "expect-text @step-of Étape $i sur 6"
		echo "expect-text @step-title $t"
		echo "tap @next"
		i=$((i + 1))
	done
	echo "expect finish"
	echo "expect-text @finished Vous avez terminé la leçon « Faire un appel vidéo »."
	echo "tap @lessons"
	echo "expect-badge @lesson-1 ✔ Terminé"
	echo "expect-badge @lesson-2 Nouveau"
} >"$S"
kiosk_play walk "$S"
st=$?
[ $st -ne 0 ] && sed 's/^/# /' "$T_DIR/walk.err"
ok $st "the whole lesson plays step by step to the finish screen"
[ "$(count "$T_DIR/walk.log" '^activate next')" -eq 6 ]
ok $? "six taps on Next, six steps"
[ "$(ls "$T_DIR/walk" | grep -c '^[0-9][0-9]-.*\.png$')" -eq 9 ]
ok $? "one PNG per tap"
jq -e '.lessons["appel-video"].done == true' "$T_DIR/state.json" >/dev/null
ok $? "the state file remembers the lesson is done"
has "$T_DIR/walk.log" '^say Prenez la tablette\. '
ok $? "each step is read aloud when it opens"

# Leave lesson 2 at step 3, then come back in a new run.
printf 'tap @lessons\ntap @lesson-2\ntap @next\ntap @next\nexpect-text @step-of Étape 3 sur 6\ntap @go:home\n' >"$T_DIR/half.script"
kiosk_play half "$T_DIR/half.script"
ok $? "lesson 2 left at step 3"
jq -e '.lessons["envoyer-photo"].step == 2' "$T_DIR/state.json" >/dev/null
ok $? "the step reached is saved"
printf 'tap @lessons\nexpect-badge @lesson-2 -\ntap @lesson-2\nexpect-text @step-of Étape 3 sur 6\ntap @back\nexpect-text @step-of Étape 2 sur 6\n' >"$T_DIR/resume.script"
kiosk_play resume "$T_DIR/resume.script"
st=$?
[ $st -ne 0 ] && sed 's/^/# /' "$T_DIR/resume.err"
ok $st "a new run resumes lesson 2 at step 3, and Back goes to step 2"
[ ! -e "$T_DIR/state.json.tmp" ]
ok $? "no temporary state file is left behind"
done_testing
