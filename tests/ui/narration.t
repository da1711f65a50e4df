#!/bin/sh
# Recorded narration: a step with a WAV ("audio" in lesson.json) plays it
# through SDL's audio, here the "disk" driver, which writes what the
# device plays to a file; a step without one is read by espeak-ng
# (--speech-output none: synthesised, observed in the event log).
# Lesson 3, "Repérer un message frauduleux", has a French recording for
# its first step. The script waits for the narration to end (an event
# from the audio thread), so nothing here sleeps.
. "$(dirname "$0")/../integ/lib.sh"
. "$(dirname "$0")/lib.sh"

plan 18
t_tmpdir
kiosk_lessons --good
WAV="$T_DIR/lessons/message-frauduleux/1-fr.wav"

# Frames of a 16-bit mono WAV with a 44-byte header, at the device's
# 48 kHz: three device frames per 16 kHz frame.
data_bytes=$(od -An -tu4 -j40 -N4 "$WAV" | tr -d ' ')
want=$((data_bytes / 2 * 3))

# loud_span FILE: frames (16-bit stereo) from the first to the last
# sample louder than 300, or 0.
loud_span() {
	od -An -v -td2 -w4 "$1" | awk '
		{ v = $1 < 0 ? -$1 : $1
		  if (v > 300) { if (!f) f = NR; l = NR } }
		END { print f ? l - f + 1 : 0 }'
}

play() { # play NAME SCRIPT [OPTIONS...] with the disk driver
	local name=$1
	shift
	SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE="$T_DIR/$name.raw" \
		kiosk_play "$name" "$@"
}

cat >"$T_DIR/full.script" <<'S'
tap @lessons
tap @lesson-3
narration-wait
tap @next
speech-wait
S
play full "$T_DIR/full.script"
ok $? "the script ran"
has "$T_DIR/full.log" '^narration .*/message-frauduleux/1-fr\.wav$'
ok $? "the first step plays its recording"
! has "$T_DIR/full.log" '^say Un message inattendu'
ok $? "and espeak-ng does not read it"
has "$T_DIR/full.log" "^narrated $want of $want frames\$"
ok $? "all $want frames of the recording went to the device"
span=$(loud_span "$T_DIR/full.raw")
diag "disk file: $span loud frames, recording: $want"
[ "$span" -gt $((want * 9 / 10)) ] && [ "$span" -le "$want" ]
ok $? "the disk audio file received the narration's samples"
has "$T_DIR/full.log" '^say On vous presse\. '
ok $? "a step without a recording is read by espeak-ng"
has "$T_DIR/full.log" '^spoken [1-9][0-9]+ samples: On vous presse\. '
ok $? "which synthesised it"

# Next, Repeat and Home interrupt the recording.
rm -f "$T_DIR/state.json"
cat >"$T_DIR/cut.script" <<'S'
tap @lessons
tap @lesson-3
tap @next
tap @back
tap @repeat
tap @go:home
narration-wait
S
play cut "$T_DIR/cut.script"
ok $? "the script ran"
[ "$(count "$T_DIR/cut.log" '^narration .*/1-fr\.wav$')" -eq 3 ]
ok $? "opening the step, coming back and Repeat play it (3 times)"
[ "$(count "$T_DIR/cut.log" '^narration stopped$')" -eq 2 ]
ok $? "moving to the next step and going home stop it"
has "$T_DIR/cut.log" '^narrated [0-9]+ of [0-9]+ frames$' &&
	! has "$T_DIR/cut.log" "^narrated $want of"
ok $? "the last one did not play to the end"
span=$(loud_span "$T_DIR/cut.raw")
[ "$span" -lt "$want" ]
ok $? "less than one recording reached the disk file ($span frames)"

# The trainer's speech switch also silences recordings.
rm -f "$T_DIR/state.json"
play quiet "$T_DIR/full.script" --no-speech
ok $? "the script ran"
! has "$T_DIR/quiet.log" '^narration ' && ! has "$T_DIR/quiet.log" '^say '
ok $? "with speech off nothing is played or said"
[ "$(loud_span "$T_DIR/quiet.raw")" -eq 0 ]
ok $? "and the disk file is silent"
# A recording SDL cannot read (the header is right, so the lesson
# checker accepts it) is logged and the text is read instead.
rm -f "$T_DIR/state.json"
printf 'RIFF\020\0\0\0WAVEfmt broken' >"$WAV"
play broken "$T_DIR/full.script"
ok $? "the script ran"
has "$T_DIR/broken.log" '^narration failed \([a-z_]+\): text read instead$'
ok $? "an unreadable recording is reported"
has "$T_DIR/broken.log" '^say Un message inattendu\. Un inconnu'
ok $? "and the step is read by espeak-ng instead"
done_testing
