#!/usr/bin/env bash
# Idle cost of the interface: runs `wisp --demo` in a tmux pane, lets it settle, then counts
# over 10 s the CPU time it used and how often it woke up (context switches, from /proc).
# usage: scripts/bench-idle.sh WISP_BIN [SECONDS]
set -uo pipefail
WISP="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
SECS="${2:-10}"
SESSION="wisp-idle-$$"
trap 'tmux kill-session -t "$SESSION" 2>/dev/null' EXIT
tmux new-session -d -s "$SESSION" -x 100 -y 30 "$WISP --demo"
sleep 2
PID=$(pgrep -n -f "$WISP --demo")
[ -n "$PID" ] || { echo "wisp did not start"; exit 1; }
sample() {
    local stat switches
    stat=($(sed 's/.*) //' /proc/"$PID"/stat))
    switches=$(awk '/^voluntary_ctxt_switches|^nonvoluntary_ctxt_switches/ {s += $2} END {print s}' /proc/"$PID"/status)
    echo "$((stat[11] + stat[12])) $switches"
}
read -r cpu0 sw0 < <(sample)
sleep "$SECS"
read -r cpu1 sw1 < <(sample)
ticks=$(getconf CLK_TCK)
echo "idle wisp --demo over ${SECS} s: CPU $(( (cpu1 - cpu0) * 1000 / ticks )) ms, wakeups (context switches) $((sw1 - sw0)) (target: 0 beyond keepalive pings, default every 20 s)"
