#!/usr/bin/env bash
# End-to-end check of the interface as a person uses it: the real wisp binary in a tmux pane
# against `wisp serve`, typed into with per-key delays, read back with capture-pane.
# usage: scripts/e2e/tui.sh WISP_BIN        Closing line: "N passed, M failed".
set -uo pipefail
WISP="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
OUT="$(mktemp -d /tmp/wisp-tui.XXXXXX)"
SESSION="wisp-e2e-$$"
PASSED=0; FAILED=0; PIDS=()
export TERM=xterm-256color

cleanup() {
    tmux kill-session -t "$SESSION" 2>/dev/null
    tmux kill-session -t "$SESSION-err" 2>/dev/null
    tmux kill-session -t "$SESSION-tls" 2>/dev/null
    for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null; done
    sleep 0.2
    for pid in "${PIDS[@]}"; do kill -KILL "$pid" 2>/dev/null; done
}
trap cleanup EXIT

ok() { PASSED=$((PASSED + 1)); echo "ok   $1"; }
bad() { FAILED=$((FAILED + 1)); echo "FAIL $1"; [ -n "${2:-}" ] && sed 's/^/     | /' <<<"$2"; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# start_serve PORT [ARGS…]: runs wisp serve in the background on PORT; waits for it to listen.
start_serve() {
    local port="$1"; shift
    "$WISP" serve --host 127.0.0.1 --port "$port" --quiet "$@" >"$OUT/serve-$port.out" 2>&1 &
    SERVE_PID=$!
    PIDS+=("$SERVE_PID")
    for _ in $(seq 100); do
        grep -q '^listening on ' "$OUT/serve-$port.out" 2>/dev/null && return 0
        sleep 0.1
    done
    return 1
}

screen() { tmux capture-pane -p -t "$1"; }

# wait_for SESSION PATTERN SECONDS: until the pane shows PATTERN (grep -E).
wait_for() {
    local end=$((SECONDS + $3))
    while [ $SECONDS -lt $end ]; do
        screen "$1" | grep -qE "$2" && return 0
        sleep 0.1
    done
    return 1
}

# type_slowly SESSION TEXT: one key at a time, 40 ms apart, as a person types.
type_slowly() {
    local i
    for ((i = 0; i < ${#2}; i++)); do
        tmux send-keys -t "$1" -l "${2:i:1}"
        sleep 0.04
    done
}

PORT=$(free_port)
start_serve "$PORT" || { bad "wisp serve did not start"; echo "$PASSED passed, $((FAILED)) failed"; exit 1; }
URL="ws://127.0.0.1:$PORT/ws"

tmux new-session -d -s "$SESSION" -x 100 -y 30 "$WISP $URL >$OUT/stdout.txt 2>$OUT/stderr.txt; echo \$? >$OUT/status.txt; sleep 30"
if wait_for "$SESSION" "connected" 10; then ok "status bar says connected"; else bad "status bar says connected" "$(screen "$SESSION")"; fi
if screen "$SESSION" | grep -q "Search products…"; then ok "placeholder in the empty search box"; else bad "placeholder" "$(screen "$SESSION")"; fi

type_slowly "$SESSION" "wireless head"
if wait_for "$SESSION" "wireless headphones" 10; then ok "suggestions appear for 'wireless head'"; else bad "suggestions appear" "$(screen "$SESSION")"; fi
if screen "$SESSION" | grep -qE "[0-9]+ suggestions · [0-9]+ ms"; then ok "info line counts suggestions and latency"; else bad "info line" "$(screen "$SESSION")"; fi
sent=$(screen "$SESSION" | grep -c '→ query')
if [ "$sent" -eq 1 ]; then ok "typing at 40 ms per key sent one query (transcript shows one →)"; else bad "one query sent (saw $sent)" "$(screen "$SESSION")"; fi
if screen "$SESSION" | grep -q '← suggestions "wireless head"'; then ok "transcript shows the answer"; else bad "transcript answer" "$(screen "$SESSION")"; fi

tmux resize-window -t "$SESSION" -x 60 -y 20
sleep 0.5
pane=$(screen "$SESSION")
last=$(tail -n1 <<<"$pane")
if grep -q "connected" <<<"$last" && [ "$(wc -l <<<"$pane")" -eq 20 ] && grep -q "wireless headphones" <<<"$pane"; then
    ok "resize to 60×20 reflows (status bar on the last row, suggestions kept)"
else
    bad "resize reflow" "$pane"
fi
tmux resize-window -t "$SESSION" -x 30 -y 8
sleep 0.5
if screen "$SESSION" | grep -q "too small: "; then ok "below 40×10 it says the terminal is too small"; else bad "too small" "$(screen "$SESSION")"; fi
tmux resize-window -t "$SESSION" -x 100 -y 30
sleep 0.3

kill -TERM "$SERVE_PID"
if wait_for "$SESSION" "reconnecting in [0-9]+s" 10; then ok "server stopped: status counts down to a reconnect"; else bad "reconnecting countdown" "$(screen "$SESSION")"; fi
start_serve "$PORT" || bad "wisp serve did not restart"
if wait_for "$SESSION" "● connected" 20; then ok "server restarted: reconnected"; else bad "reconnected" "$(screen "$SESSION")"; fi
if wait_for "$SESSION" "→ query \"wireless head\".*" 5 && [ "$(screen "$SESSION" | grep -c '→ query')" -ge 2 ]; then
    ok "the current query was sent again after reconnecting"
else
    bad "query resent after reconnect" "$(screen "$SESSION")"
fi

tmux send-keys -t "$SESSION" Up
sleep 0.2
tmux send-keys -t "$SESSION" Enter
for _ in $(seq 50); do [ -s "$OUT/status.txt" ] && break; sleep 0.1; done
status=$(cat "$OUT/status.txt" 2>/dev/null)
choice=$(cat "$OUT/stdout.txt" 2>/dev/null)
if [ "$status" = "0" ] && grep -qi "headphones" <<<"$choice"; then ok "Enter printed the selection on stdout ($choice), exit 0"; else bad "Enter prints the selection (status '$status', stdout '$choice')" "$(cat "$OUT/stderr.txt")"; fi

# Errors from the server appear in the error line without losing the query.
EPORT=$(free_port)
start_serve "$EPORT" --error-rate 1 || bad "wisp serve --error-rate 1 did not start"
tmux new-session -d -s "$SESSION-err" -x 100 -y 30 "$WISP ws://127.0.0.1:$EPORT/ws >/dev/null 2>&1; sleep 30"
wait_for "$SESSION-err" "connected" 10
type_slowly "$SESSION-err" "coffee"
if wait_for "$SESSION-err" "✖ AI service currently unavailable\." 10 && screen "$SESSION-err" | grep -q "> coffee"; then
    ok "a server error shows in the error line, the query stays"
else
    bad "server error shown" "$(screen "$SESSION-err")"
fi
tmux send-keys -t "$SESSION-err" Escape

# wss:// with --insecure: it works, and the status bar says so in the error colour.
bash "$(dirname "$0")/../interop/make_certs.sh" "$OUT/certs"
TPORT=$(free_port)
start_serve "$TPORT" --tls-cert "$OUT/certs/other.pem" --tls-key "$OUT/certs/leaf.key" || bad "wisp serve --tls-cert did not start"
tmux new-session -d -s "$SESSION-tls" -x 100 -y 30 "$WISP wss://127.0.0.1:$TPORT/ws --insecure >/dev/null 2>&1; sleep 30"
if wait_for "$SESSION-tls" "● connected .*INSECURE TLS" 10; then ok "wss:// --insecure connects; the status bar says INSECURE TLS"; else bad "insecure status" "$(screen "$SESSION-tls")"; fi
# The default theme's error role is white on red (background 41), unlike the rest of the bar (236).
if tmux capture-pane -p -e -t "$SESSION-tls" | tail -n1 | grep -qF $'\e[41m  · INSECURE TLS'; then
    ok "INSECURE TLS is drawn in the error colour (white on red)"
else
    bad "INSECURE TLS colour" "$(tmux capture-pane -p -e -t "$SESSION-tls" | tail -n1 | cat -v)"
fi
type_slowly "$SESSION-tls" "wireless head"
if wait_for "$SESSION-tls" "wireless headphones" 10; then ok "suggestions over wss://"; else bad "suggestions over wss://" "$(screen "$SESSION-tls")"; fi
tmux send-keys -t "$SESSION-tls" Escape
tmux kill-session -t "$SESSION-tls" 2>/dev/null
# Without --insecure the certificate (for wisp.test) is refused once, not retried, and the query typed stays.
tmux new-session -d -s "$SESSION-tls" -x 120 -y 30 "$WISP wss://127.0.0.1:$TPORT/ws --cacert $OUT/certs/ca.pem >/dev/null 2>&1; sleep 30"
type_slowly "$SESSION-tls" "lamp"
if wait_for "$SESSION-tls" "✖ certificate rejected" 10 && screen "$SESSION-tls" | grep -q "host name mismatch: certificate is for wisp.test, not 127.0.0.1" \
    && screen "$SESSION-tls" | grep -q "> lamp"; then
    ok "a host-name mismatch is shown, not retried, the query stays"
else
    bad "certificate rejected" "$(screen "$SESSION-tls")"
fi
tmux send-keys -t "$SESSION-tls" Escape

echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
