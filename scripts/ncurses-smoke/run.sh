#!/usr/bin/env bash
# Checks the real ncurses backend (NcursesScreen) in tmux, where `swift test` cannot reach it
# (no tty). Builds a throwaway executable against a copy of the package, so Package.swift is
# untouched, then on a private tmux server (never the user's):
#   keys     typed text, control/Alt/function/arrow keys, CJK/emoji/combining input, a
#            bracketed paste (tmux paste-buffer -p) and mouse clicks/wheel decode as expected
#   colours  roles come out in the resolver's colours and attributes (capture-pane -e)
#   diff     random frames mixing narrow, wide and combining glyphs, presented incrementally,
#            read back equal to frame.lines with the cursor where the frame put it, under
#            TERM=tmux-256color and xterm-256color (ncurses clears lines and fills the corner
#            differently for each); under tmux-256color a full redraw (Ctrl-L) every 10 frames
#            must also leave every cell's style as it was
#   corner   every transition between glyph kinds in the last three cells of the screen, where
#            the backend deliberately shows a combining corner as its base character and, when
#            ncurses uses its insert trick, a wide glyph just before the corner as U+FFFD
#   restore  after exit: main screen, mouse off, keypad off, bracketed paste off, cooked tty
#   no tty   without a controlling terminal: a clear error, not a crash
#
# usage: scripts/ncurses-smoke/run.sh
#   env: STEPS=60 random frames per TERM, SEED=7, KEEP=1 keeps the temp dir,
#        PIPE_OUT=FILE records what ncurses wrote during the diff check
# Exit status: 0 when every check passed.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d /tmp/wisp-ncurses-smoke.XXXXXX)"
sock="wisp-ncurses-smoke-$$"
tm() { tmux -L "$sock" "$@"; }
cleanup() {
    tm kill-server 2>/dev/null || true
    rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$sock"
    [[ "${KEEP:-}" == 1 ]] || rm -rf "$work"
}
trap cleanup EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }

# --- build -------------------------------------------------------------------------------
# The whole working tree but build products and git (SwiftPM checks every target's path).
tar -C "$repo" --exclude=./.build --exclude=./.git -cf - . | tar -C "$work" -xf -
mkdir -p "$work/Smoke"
python3 - "$work/Package.swift" <<'EOF'
import re, sys
p = sys.argv[1]; s = open(p).read()
s, n = re.subn(r"(?m)^(\s*)targets: \[", r'\1targets: [\n\1    .executableTarget(name: "ncurses-smoke", dependencies: ["TerminalUI"], path: "Smoke"),', s, count=1)
assert n == 1, "no package-level targets: [ in Package.swift"
open(p, "w").write(s)
EOF
cat > "$work/Smoke/main.swift" <<'EOF'
import TerminalUI
#if canImport(Glibc)
import Glibc
#endif

// keys LOG: logs every decoded key until Ctrl-Q. diff OUT SEED: on each key, mutates a frame at
// random and writes its lines and cursor to OUT. corner OUT SPEC...: on each key, sets the last
// three cells of the screen to the next SPEC ("_" continuation, "+" U+0301 on the previous).
// All draw a few styled rows first.
let mode = CommandLine.arguments[1], out = CommandLine.arguments[2]
let seed = mode == "diff" ? UInt64(CommandLine.arguments[3])! : 1
let specs = mode == "corner" ? CommandLine.arguments.dropFirst(3).map { Array($0.map { $0 == "+" ? "\u{301}" : String($0) }.joined()) } : []
var specIndex = 0
struct RNG: RandomNumberGenerator {
    var state: UInt64
    // SplitMix64: all 64 bits random (Int.random(in:) reads the high ones).
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}
var rng = RNG(state: seed)
let screen: NcursesScreen
do {
    screen = try NcursesScreen { role, palette in
        switch role {
        case .selected: return TerminalStyle(foreground: 0, background: 3)
        case .error: return TerminalStyle(foreground: 1, attributes: [.bold])
        case .highlight: return TerminalStyle(foreground: palette >= 256 ? 208 : 2, attributes: [.underline])
        default: return .plain
        }
    }
} catch {
    let message = "\(error)\n"
    _ = write(2, message, message.utf8.count)
    exit(2)
}
let (w, h) = screen.size
var frame = Frame(width: w, height: h)
@MainActor func put(_ text: String, _ x: Int, _ y: Int, _ role: Role, wide: Bool = false) {
    var x = x
    for ch in text {
        frame[x, y] = Cell(String(ch), role: role)
        if wide { frame[x + 1, y] = .continuation(role); x += 1 }
        x += 1
    }
}
put("plain", 0, 0, .normal); put("selected", 0, 1, .selected); put("error", 0, 2, .error); put("highlight", 0, 3, .highlight)
put("日本語", 0, 4, .normal, wide: true); put("e\u{301}te\u{301}", 0, 5, .normal)
frame.cursor = (0, h - 1)

let log = fopen(out, "w")!
var dumps = 0
/// Writes `text` to `path` whole or not at all (a reader never sees half a file).
func replace(_ path: String, with text: String) {
    let f = fopen(path + ".tmp", "w")!
    fputs(text, f)
    fclose(f)
    rename(path + ".tmp", path)
}
@MainActor func dump() {
    guard mode == "diff" else { return }
    var text = ""
    for line in frame.trimmedLines { text += line + "\n" }
    text += frame.cursor.map { "cursor \($0.x),\($0.y)\n" } ?? "cursor none\n"
    replace(out, with: text)
    // How many frames are presented and dumped: the script waits for its step's number.
    dumps += 1
    replace(out + ".count", with: "\(dumps)\n")
    // Roles too, one letter per cell, for reading a failure.
    let r = fopen(out + ".roles", "w")!
    for y in 0..<h { fputs(frame.roleLine(y, legend: [.normal: ".", .selected: "S", .error: "E", .highlight: "H"]) + "\n", r) }
    fclose(r)
}
let narrow = ["a", "b", "x", " ", "e\u{301}", "n\u{303}", "-"], wide = ["日", "本", "語", "🎧", "🚀"]
let roles: [Role] = [.normal, .selected, .error, .highlight]
@MainActor func mutate() {
    if mode == "corner" {
        specIndex += 1
        for (k, c) in specs[specIndex % specs.count].enumerated() {
            frame[w - 3 + k, h - 1] = c == "_" ? .continuation(.selected) : Cell(String(c), role: k == 1 ? .selected : .normal)
        }
        return
    }
    for _ in 0..<Int.random(in: 1...40, using: &rng) {
        let y = Int.random(in: 0..<h, using: &rng), role = roles.randomElement(using: &rng)!
        // The screen's last three cells are the corner check's, where the backend alters glyphs.
        let limit = y == h - 1 ? w - 3 : w
        var x = Int.random(in: 0..<limit, using: &rng)
        for _ in 0..<Int.random(in: 1...12, using: &rng) where x < limit {
            // Keep the frame well formed: never leave half of a wide glyph.
            if frame[x, y].isContinuation { frame[x - 1, y] = Cell(" ", role: frame[x - 1, y].role) }
            let isWide = Bool.random(using: &rng) && x + 1 < limit
            let end = x + (isWide ? 2 : 1)
            if end < limit, frame[end, y].isContinuation { frame[end, y] = Cell(" ", role: role) }
            frame[x, y] = Cell((isWide ? wide : narrow).randomElement(using: &rng)!, role: role)
            if isWide { frame[x + 1, y] = .continuation(role) }
            x = end
        }
    }
    frame.cursor = Bool.random(using: &rng) ? (Int.random(in: 0..<w, using: &rng), Int.random(in: 0..<h, using: &rng)) : nil
}

screen.present(frame)
dump()
var fds = [pollfd(fd: screen.inputFD, events: Int16(POLLIN), revents: 0)]
loop: while true {
    _ = poll(&fds, 1, -1)
    for key in screen.readKeys() {
        if key == .control("q") { break loop }
        if mode == "keys" { fputs("\(key)\n", log); fflush(log); continue }
        if key == .control("l") { screen.invalidate() } else { mutate() }
        screen.present(frame)
        dump()
    }
}
screen.shutdown()
print("done")
EOF
echo "building the smoke executable in $work …"
(cd "$work" && swift build --product ncurses-smoke >"$work/build.log" 2>&1) || { tail -n 30 "$work/build.log"; exit 1; }
bin="$work/.build/debug/ncurses-smoke"

start() {  # start NAME COMMAND: a fresh 80x24 session
    tm kill-session -t "$1" 2>/dev/null || true
    tm new-session -d -s "$1" -x 80 -y 24 -c "$work" "$2"
    sleep 1
}
keys() { tm send-keys -t k "$@"; sleep 0.15; }

# --- keys and colours --------------------------------------------------------------------
start k "$bin keys $work/keys.log; sleep 30"
capture="$(tm capture-pane -p -e -t k)"
grep -q $'\e\\[30m\e\\[43mselected' <<<"$capture" && grep -q $'1m\e\\[31m.*error' <<<"$capture" \
    && grep -q $'208m.*highlight' <<<"$capture" && pass "colours" || fail "colours: $(cat -v <<<"$capture" | head -4)"
[[ "$(tm capture-pane -p -t k | sed -n 5,6p)" == "日本語"$'\ne\u0301te\u0301' ]] \
    && pass "CJK and combining drawn" || fail "CJK row: $(tm capture-pane -p -t k | sed -n 5,6p)"
keys -l 'ab'; keys C-a; keys M-b; keys Escape; sleep 0.1; keys Up; keys F1; keys F2; keys BTab; keys BSpace; keys C-h
keys Enter; keys C-c; keys -l '日本🎧'; keys -l $'e\u0301'
tm set-buffer -b smoke $'pasted 耳機\nline two'; tm paste-buffer -p -b smoke -t k; sleep 0.2
keys -H 1b 5b 4d 20 26 25; keys -H 1b 5b 4d 23 26 25; keys -H 1b 5b 4d 60 26 25; keys -H 1b 5b 4d 61 26 25
sleep 0.3
expected='character("a")
character("b")
control("a")
alt("b")
escape
up
function(1)
function(2)
backTab
backspace
backspace
enter
control("c")
character("日")
character("本")
character("🎧")
character("e\u0301")
paste("pasted 耳機\nline two")
mouse(TerminalUI.MouseEvent(kind: TerminalUI.MouseEvent.Kind.press, x: 5, y: 4))
mouse(TerminalUI.MouseEvent(kind: TerminalUI.MouseEvent.Kind.release, x: 5, y: 4))
mouse(TerminalUI.MouseEvent(kind: TerminalUI.MouseEvent.Kind.wheelUp, x: 5, y: 4))
mouse(TerminalUI.MouseEvent(kind: TerminalUI.MouseEvent.Kind.wheelDown, x: 5, y: 4))'
expected="${expected//'e\u0301'/e$'\u0301'}"
# MouseEvent's module prefix depends on where Key lives (TerminalUI or WispCore).
got="$(sed -E 's/(WispCore|TerminalUI)\.MouseEvent/TerminalUI.MouseEvent/g' "$work/keys.log")"
[[ "$got" == "$expected" ]] && pass "keys decoded" || fail "keys: $(diff <(echo "$expected") <(echo "$got") | head -20)"

# --- restore -----------------------------------------------------------------------------
start r "bash -c 'out=\$($bin keys /dev/null); echo \"out=\$out\"; stty -a | grep -o -- \"-\\?icanon \"; cat -v'"
tm send-keys -t r C-q; sleep 0.4
state="$(tm display -p -t r '#{alternate_on} #{mouse_any_flag} #{keypad_cursor_flag}')"
tm set-buffer -b plain 'PASTE'; tm paste-buffer -p -b plain -t r; sleep 0.3
screen_text="$(tm capture-pane -p -t r)"
[[ "$state" == "0 0 0" ]] && grep -q '^out=done$' <<<"$screen_text" && grep -q '^icanon' <<<"$screen_text" \
    && grep -q '^PASTE$' <<<"$screen_text" && pass "terminal restored" \
    || fail "restore: state=$state screen=$(cat -v <<<"$screen_text" | head -5)"

# --- diff --------------------------------------------------------------------------------
# capture-pane -e writes each cell's style as a change from the previous written cell, so bytes
# differ between screens that look the same (blanks ncurses wrote versus blanks a clear left):
# compare each visible cell's character and resolved style instead.
cat > "$work/cells.py" <<'EOF'
import re, sys
state = {}
def sgr(params):
    ps = [int(p) if p else 0 for p in params.split(";")] if params else [0]
    i = 0
    while i < len(ps):
        p = ps[i]
        if p == 0: state.clear()
        elif p in (1, 2, 3, 4, 5, 7): state[p] = True
        elif p == 22: state.pop(1, None); state.pop(2, None)
        elif p in (23, 24, 25, 27): state.pop(p - 20, None)
        elif 30 <= p <= 37 or 90 <= p <= 97: state["fg"] = p
        elif 40 <= p <= 47 or 100 <= p <= 107: state["bg"] = p
        elif p == 39: state.pop("fg", None)
        elif p == 49: state.pop("bg", None)
        elif p in (38, 48) and i + 2 < len(ps) and ps[i + 1] == 5:
            state["fg" if p == 38 else "bg"] = (5, ps[i + 2]); i += 2
        i += 1
for line in sys.stdin.read().split("\n"):
    cells = []
    for token in re.findall(r"\x1b\[([0-9;]*)m|(\x1b\([0B])|(.)", line, re.S):
        if token[2]: cells.append(token[2] + repr(sorted(state.items(), key=str)))
        elif token[1] == "": sgr(token[0])
    while cells and cells[-1].startswith(" ") and "bg" not in cells[-1]: cells.pop()
    print("|".join(cells))
EOF
diff_check() {  # diff_check TERM
    start d "TERM=$1 $bin diff $work/frame.txt ${SEED:-7}; sleep 30"
    if [[ -n "${PIPE_OUT:-}" ]]; then tm pipe-pane -t d -O "cat > $PIPE_OUT.$1"; fi
    local mismatches=0 step want want_cursor have cx cy flag have_cursor before after keys_sent=0
    for step in $(seq 1 "${STEPS:-60}"); do
        tm send-keys -t d n; keys_sent=$((keys_sent + 1)); sleep 0.12
        # Wait (5 s at most) until the program has drawn and dumped the frame of every key sent
        # (the initial frame was dump 1), then give tmux up to 1 s to show it: a fixed sleep
        # once read a half-written frame on a busy machine.
        for _ in $(seq 50); do [[ "$(cat "$work/frame.txt.count" 2>/dev/null)" == "$((keys_sent + 1))" ]] && break; sleep 0.1; done
        want="$(sed '$d' "$work/frame.txt")"; want_cursor="$(tail -n 1 "$work/frame.txt")"
        for _ in $(seq 10); do
            have="$(tm capture-pane -p -t d)"
            read -r cx cy flag < <(tm display -p -t d '#{cursor_x} #{cursor_y} #{cursor_flag}')
            have_cursor="cursor none"; [[ "$flag" == 1 ]] && have_cursor="cursor $cx,$cy"
            [[ "$(sed 's/ *$//' <<<"$want")" == "$(sed 's/ *$//' <<<"$have")" && "$want_cursor" == "$have_cursor" ]] && break
            sleep 0.1
        done
        if [[ "$(sed 's/ *$//' <<<"$want")" != "$(sed 's/ *$//' <<<"$have")" || "$want_cursor" != "$have_cursor" ]]; then
            mismatches=$((mismatches + 1))
            echo "  step $step: $want_cursor vs $have_cursor"; diff <(echo "$want") <(echo "$have") | head -6 || true
        fi
        # Styles only under tmux's own TERM: with xterm's bce, ncurses clears coloured blanks
        # with EL, which tmux paints but capture-pane -e does not report like written cells.
        if (( step % 10 == 0 )) && [[ "$1" == tmux-256color ]]; then
            before="$(tm capture-pane -p -e -t d | python3 "$work/cells.py")"
            tm send-keys -t d C-l; keys_sent=$((keys_sent + 1)); sleep 0.15
            after="$(tm capture-pane -p -e -t d | python3 "$work/cells.py")"
            if [[ "$before" != "$after" ]]; then
                mismatches=$((mismatches + 1)); echo "  step $step: full redraw differs"
                echo "$before" > "$work/redraw-before.$1.$step"; echo "$after" > "$work/redraw-after.$1.$step"
                diff <(cat -v <<<"$before") <(cat -v <<<"$after") | cut -c1-160 | head -6 || true
            fi
        fi
    done
    (( mismatches == 0 )) && pass "TERM=$1: incremental drawing matches ${STEPS:-60} random frames" \
        || fail "TERM=$1 diff: $mismatches mismatches"
}
diff_check tmux-256color
diff_check xterm-256color

# --- corner ------------------------------------------------------------------------------
corner_want() {  # corner_want SPEC INSERT_TRICK: what the last three cells should read
    python3 - "$1" "$2" <<'EOF'
import sys
spec, insert_trick = sys.argv[1], sys.argv[2] == "1"
cells = []
for ch in spec:
    if ch == "+": cells[-1] += "\u0301"
    else: cells.append(ch)
wide = lambda c: c[0] in "日語"
if cells[1] == "_" and insert_trick: cells[0], cells[1] = "\ufffd", " "
cells[2] = "\ufffd" if wide(cells[2]) else cells[2][0]  # the corner: one column, no marks
print("".join(c for c in cells if c != "_"))
EOF
}
corner_check() {  # corner_check TERM INSERT_TRICK(0|1)
    local specs=(abx abe+ an+e+ 日_x 日_e+ x日_ ab日 n+xy a日_) seq=() a b step=0 bad=0 want have
    for a in "${specs[@]}"; do for b in "${specs[@]}"; do seq+=("$a" "$b"); done; done
    start c "TERM=$1 $bin corner $work/corner.log abc ${seq[*]}; sleep 60"
    for spec in "${seq[@]}"; do
        step=$((step + 1))
        tm send-keys -t c n; sleep 0.1
        want="$(corner_want "$spec" "$2")"
        have="$(tm capture-pane -p -t c | sed -n 24p)"
        if [[ "$have" != *"$want" ]]; then
            bad=$((bad + 1)); echo "  $spec after ${seq[$((step - 2))]:-}: want '$want' have '${have: -6}'"
        fi
    done
    (( bad == 0 )) && pass "TERM=$1: ${#seq[@]} bottom-right-corner transitions" || fail "TERM=$1 corner: $bad wrong"
}
corner_check tmux-256color 1
corner_check xterm-256color 0

# --- no tty ------------------------------------------------------------------------------
message="$(setsid -w "$bin" keys /dev/null </dev/null 2>&1 >/dev/null || true)"
[[ "$message" == "wisp needs a terminal: /dev/tty: No such device or address" ]] && pass "no tty: $message" || fail "no tty: '$message'"

(( failures == 0 )) && echo "all ncurses smoke checks passed" || { echo "$failures check(s) failed"; exit 1; }
