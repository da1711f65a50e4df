# Helpers for the kiosk screen tests (sourced after tests/integ/lib.sh).
#
#   kiosk_lessons            copy the example lessons (+ the broken one) to
#                            $T_DIR/lessons
#   kiosk_play NAME SCRIPT [OPTIONS...]
#                            play SCRIPT headless; PNGs in $T_DIR/NAME/,
#                            events in $T_DIR/NAME.log; returns its status
#   has LOG REGEX            the event log has a matching line
#
# Time is virtual inside the kiosk (the script's "wait" advances it), so
# nothing here sleeps; the date is fixed with --now for stable pictures.

UI_DIR="$TOP/tests/ui"
KIOSK="$BIN/lucarne-kiosk"
export SDL_VIDEODRIVER=dummy SDL_RENDER_DRIVER=software SDL_AUDIODRIVER=dummy

kiosk_lessons() {
	mkdir -p "$T_DIR/lessons"
	cp -R "$TOP"/kiosk/lessons/*/ "$T_DIR/lessons/"
	if [ "${1:-}" != "--good" ]; then
		cp -R "$UI_DIR/lessons/cassee" "$T_DIR/lessons/zz-cassee"
	fi
}

kiosk_play() {
	local name=$1 script=$2
	shift 2
	mkdir -p "$T_DIR/$name"
	"$KIOSK" --headless --lessons "$T_DIR/lessons" \
		--state "$T_DIR/state.json" --now "2025-11-25 14:30" \
		--tearoom "Salon de thé Les Tilleuls" --speech-output none \
		--screenshot "$T_DIR/$name" --script "$script" \
		--events "$T_DIR/$name.log" "$@" 2>"$T_DIR/$name.err"
}

has() { grep -Eq -- "$2" "$1"; }
count() { grep -Ec -- "$2" "$1"; }
