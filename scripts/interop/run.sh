#!/usr/bin/env bash
# Interop checks of a wisp binary against other WebSocket implementations.
#
# usage: scripts/interop/run.sh WISP_BIN
#
#   1. wisp echo-check  -> Python websockets echo server      (py_echo_server.py)
#   2. wisp echo-check  -> node ws echo server                (node_echo_server.js)
#   3. wisp echo-check  -> gorilla streaming echo server      (if Go + gorilla are installed)
#   4. wisp echo-check  -> Python websockets server on [::1]  (if ::1 is usable)
#   4b. TLS: wisp echo-check -> Python websockets over wss:// (by address and by name, --cacert);
#       py_client_check -> wisp echo-server --tls-cert over wss://
#   5. py_client_check  -> wisp echo-server, then wisp echo-server must exit 0 on SIGTERM
#   5b. py_serve_check  -> wisp serve (and --error-rate 1): every protocol row, exact JSON
#   5c. cli_checks      -> wisp query and wisp raw against wisp serve, a token-requiring Python server, an echo
#       server that never answers, a refused port: output and exit status 0/1/2/3
#   6. wisp autobahn    -> Autobahn|Testsuite fuzzingserver (wstest, Python 2.7; see
#      scripts/install-interop-deps.sh), or scripts/interop/mock_fuzzingserver.py when
#      wstest is not usable; the JSON report is then checked: every case's behavior and
#      behaviorClose must be OK, NON-STRICT or INFORMATIONAL, and every case must be there.
#
# The closing line is "N passed, M failed" over all checks: the checks counted by each
# echo run's own closing line, plus one per Autobahn case; exit 1 if any failed.
#
# Environment:
#   AUTOBAHN=auto|wstest|mock|off  fuzzing server to use (default auto: wstest if it works)
#   WSTEST=PATH                    wstest to use (default: /opt/wisp-interop/autobahn-py27/bin/wstest, then PATH)
#   AUTOBAHN_EXCLUDE="9.* 7.1.5"   case patterns to exclude; AUTOBAHN_NO_COMPRESSION=1 also skips 12.* and 13.*
#   AUTOBAHN_CASES=N-M             passed to `wisp autobahn --cases`
#   AUTOBAHN_TIMEOUT=900           seconds for the whole `wisp autobahn` run
#   ECHO_TIMEOUT=180               seconds for one `wisp echo-check` run
#   INTEROP_OUT=DIR                where logs and the Autobahn report go (default: a new /tmp dir, kept)
set -uo pipefail

if [ $# -lt 1 ]; then
    echo "usage: $0 WISP_BIN" >&2
    exit 2
fi
WISP="$1"
case "$WISP" in */*) WISP="$(cd "$(dirname "$WISP")" && pwd)/$(basename "$WISP")" ;; esac
if ! command -v "$WISP" >/dev/null 2>&1; then
    echo "run.sh: $WISP is not an executable" >&2
    exit 2
fi

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SCRIPTS="$(dirname "$HERE")"
OUT="${INTEROP_OUT:-$(mktemp -d /tmp/wisp-interop.XXXXXX)}"
mkdir -p "$OUT"
AUTOBAHN="${AUTOBAHN:-auto}"
AUTOBAHN_TIMEOUT="${AUTOBAHN_TIMEOUT:-900}"

PASSED=0
FAILED=0
FAILURES=()
PIDS=()

cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do
        kill -TERM "$pid" 2>/dev/null
    done
    for pid in "${PIDS[@]}"; do
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null
    done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say() { printf '%s\n' "$*"; }
fail() { FAILED=$((FAILED + $1)); FAILURES+=("$2"); }
pass() { PASSED=$((PASSED + $1)); }

# start_server NAME CMD... : starts CMD in the background, waits (10 s at most) for its
# "listening on ws://HOST:PORT/" line; sets SERVER_PID and SERVER_URL. Returns 1 on failure.
start_server() {
    local name="$1"; shift
    local log="$OUT/$name.out"
    "$@" >"$log" 2>"$OUT/$name.err" &
    SERVER_PID=$!
    PIDS+=("$SERVER_PID")
    SERVER_URL=""
    for _ in $(seq 100); do
        SERVER_URL="$(sed -n 's/^listening on \(wss\?:\/\/.*\)$/\1/p' "$log" | head -n1)"
        [ -n "$SERVER_URL" ] && return 0
        kill -0 "$SERVER_PID" 2>/dev/null || break
        sleep 0.1
    done
    say "  could not start $name: $(tail -n3 "$OUT/$name.err" 2>/dev/null | tr '\n' ' ')"
    return 1
}

# stop_server PID : SIGTERM, 5 s grace, then SIGKILL. Sets STOP_RC (exit status, 137 when killed).
stop_server() {
    local pid="$1"
    kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
        kill -KILL "$pid" 2>/dev/null
    fi
    wait "$pid" 2>/dev/null
    STOP_RC=$?
}

# run_counted SLUG TITLE TIMEOUT CMD... : runs a checker whose closing line is "N passed,
# M failed"; adds its N and M (plus one failure when it exits non-zero without reporting one).
# Output goes to $OUT/SLUG.log and, indented, to stdout.
run_counted() {
    local slug="$1" name="$2" limit="$3"; shift 3
    local log="$OUT/$slug.log" rc line p f
    say "== $name"
    timeout -k 5 "$limit" "$@" >"$log" 2>&1
    rc=$?
    sed 's/^/   | /' "$log"
    line="$(grep -E '^[[:space:]]*[0-9]+ passed, [0-9]+ failed' "$log" | tail -n1)"
    if [ -n "$line" ]; then
        p="$(sed -E 's/^[[:space:]]*([0-9]+) passed.*/\1/' <<<"$line")"
        f="$(sed -E 's/.* ([0-9]+) failed.*/\1/' <<<"$line")"
    else
        p=0; f=0
    fi
    pass "$p"
    [ "$f" -gt 0 ] && fail "$f" "$name: $f failed"
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        case $rc in
            124|137) fail 1 "$name: timed out after ${limit}s" ;;
            *) fail 1 "$name: exit status $rc" ;;
        esac
    fi
    say "   -> exit $rc"
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# --- 1-4: wisp echo-check against other servers -------------------------------------------
echo_check_against() {
    local name="$1"; shift
    if start_server "$name-server" "$@"; then
        run_counted "echo-check-vs-$name" "wisp echo-check vs $name ($SERVER_URL)" "${ECHO_TIMEOUT:-180}" \
            "$WISP" echo-check "$SERVER_URL"
        stop_server "$SERVER_PID"
    else
        fail 1 "$name server did not start"
    fi
}

echo_check_against "python-websockets" python3 "$HERE/py_echo_server.py" --host 127.0.0.1 --port 0
echo_check_against "node-ws" node "$HERE/node_echo_server.js" --host 127.0.0.1 --port 0
# The same with permessage-deflate on in the peer (wisp offers it by default).
echo_check_against "python-websockets-deflate" python3 "$HERE/py_echo_server.py" --host 127.0.0.1 --port 0 --deflate
echo_check_against "node-ws-deflate" node "$HERE/node_echo_server.js" --host 127.0.0.1 --port 0 --deflate

GORILLA_SERVER="$SCRIPTS/gorilla/bin/echo_server"
if command -v go >/dev/null && [ -d /usr/share/gocode/src/github.com/gorilla/websocket ]; then
    mkdir -p "$SCRIPTS/gorilla/bin"
    if [ ! -x "$GORILLA_SERVER" ] || [ "$SCRIPTS/gorilla/echo_server.go" -nt "$GORILLA_SERVER" ]; then
        (cd "$SCRIPTS/gorilla" && GO111MODULE=off GOPATH=/usr/share/gocode GOFLAGS= \
            timeout 300 go build -o bin/echo_server echo_server.go) >"$OUT/go-build.log" 2>&1 ||
            say "  (gorilla echo server did not build, see $OUT/go-build.log)"
    fi
fi
if [ -x "$GORILLA_SERVER" ]; then
    echo_check_against "gorilla" "$GORILLA_SERVER" -host 127.0.0.1 -port 0
else
    say "== (skipped: wisp echo-check vs gorilla: Go/gorilla not installed)"
fi

if python3 -c 'import socket; s=socket.socket(socket.AF_INET6); s.bind(("::1", 0))' 2>/dev/null; then
    echo_check_against "python-websockets-ipv6" python3 "$HERE/py_echo_server.py" --host ::1 --port 0
else
    say "== (skipped: IPv6 loopback ::1 not usable here)"
fi

# --- 4b: TLS (wss://) both ways, with certificates of a private CA made here ---------------
CERTS="$OUT/certs"
if bash "$HERE/make_certs.sh" "$CERTS"; then
    if start_server "python-websockets-tls-server" python3 "$HERE/py_echo_server.py" --host 127.0.0.1 --port 0 \
        --tls-cert "$CERTS/localhost.pem" --tls-key "$CERTS/leaf.key"; then
        run_counted "echo-check-vs-python-websockets-tls" "wisp echo-check vs Python websockets over TLS ($SERVER_URL)" \
            "${ECHO_TIMEOUT:-180}" "$WISP" echo-check "$SERVER_URL" --cacert "$CERTS/ca.pem"
        # By name: SNI and DNS-name verification (localhost resolves to the loopback addresses).
        NAMED_URL="${SERVER_URL/127.0.0.1/localhost}"
        run_counted "echo-check-vs-python-websockets-tls-name" "wisp echo-check vs Python websockets over TLS ($NAMED_URL)" \
            "${ECHO_TIMEOUT:-180}" "$WISP" echo-check "$NAMED_URL" --cacert "$CERTS/ca.pem" --sizes 0,125,65536
        stop_server "$SERVER_PID"
    else
        fail 1 "Python websockets TLS server did not start"
    fi
    if start_server "wisp-echo-server-tls" "$WISP" echo-server --host 127.0.0.1 --port 0 \
        --tls-cert "$CERTS/localhost.pem" --tls-key "$CERTS/leaf.key"; then
        run_counted "py-client-check-vs-wisp-tls" "py_client_check vs wisp echo-server over TLS ($SERVER_URL)" 240 \
            python3 "$HERE/py_client_check.py" "$SERVER_URL" --timeout 200 --cacert "$CERTS/ca.pem"
        stop_server "$SERVER_PID"
    else
        fail 1 "wisp echo-server --tls-cert did not start"
    fi
else
    fail 1 "test certificates could not be made (openssl)"
fi

# --- 5: Python client against wisp echo-server --------------------------------------------
if start_server "wisp-echo-server" "$WISP" echo-server --host 127.0.0.1 --port 0; then
    run_counted "py-client-check-vs-wisp" "py_client_check vs wisp echo-server ($SERVER_URL)" 240 \
        python3 "$HERE/py_client_check.py" "$SERVER_URL" --timeout 200
    say "== wisp echo-server exits 0 on SIGTERM"
    stop_server "$SERVER_PID"
    if [ "$STOP_RC" -eq 0 ]; then pass 1; say "   -> ok"
    else fail 1 "wisp echo-server exit status $STOP_RC on SIGTERM"; say "   -> FAIL: exit status $STOP_RC"; fi
else
    fail 1 "wisp echo-server did not start (no 'listening on ws://…' line within 10 s)"
fi

# --- 5b: Python client against wisp serve (the demo server's protocol, exact JSON) ---------
if start_server "wisp-serve" "$WISP" serve --host 127.0.0.1 --port 0 --quiet; then
    SERVE_URL="$SERVER_URL"; SERVE_PID="$SERVER_PID"
    if start_server "wisp-serve-errors" "$WISP" serve --host 127.0.0.1 --port 0 --quiet --error-rate 1; then
        run_counted "py-serve-check" "py_serve_check vs wisp serve ($SERVE_URL)" 120 \
            python3 "$HERE/py_serve_check.py" "$SERVE_URL" "$SERVER_URL"
        stop_server "$SERVER_PID"
    else
        fail 1 "wisp serve --error-rate 1 did not start"
    fi
    say "== wisp serve exits 0 on SIGTERM"
    stop_server "$SERVE_PID"
    if [ "$STOP_RC" -eq 0 ]; then pass 1; say "   -> ok"
    else fail 1 "wisp serve exit status $STOP_RC on SIGTERM"; say "   -> FAIL: exit status $STOP_RC"; fi
else
    fail 1 "wisp serve did not start (no 'listening on ws://…' line within 10 s)"
fi

# --- 5c: wisp query exit codes against real servers ----------------------------------------
run_counted "cli-checks" "wisp query and wisp raw: output and exit codes" 180 bash "$HERE/cli_checks.sh" "$WISP"

# --- 6: Autobahn|Testsuite ----------------------------------------------------------------
find_wstest() {
    local c
    for c in "${WSTEST:-}" /opt/wisp-interop/autobahn-py27/bin/wstest "$(command -v wstest 2>/dev/null || true)"; do
        if [ -n "$c" ] && [ -x "$c" ] && timeout 60 "$c" --autobahnversion >/dev/null 2>&1; then
            echo "$c"; return 0
        fi
    done
    return 1
}

# wait_port PORT SECONDS : until something accepts TCP connections on 127.0.0.1:PORT
wait_port() {
    python3 - "$1" "$2" <<'PY'
import socket, sys, time
port, limit = int(sys.argv[1]), float(sys.argv[2])
end = time.monotonic() + limit
while time.monotonic() < end:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        sys.exit(0)
    except OSError:
        time.sleep(0.1)
sys.exit(1)
PY
}

run_autobahn() {
    local kind="$1" port spec excl pat url t0 t1 rc
    port="$(free_port)"
    url="ws://127.0.0.1:$port"
    local report="$OUT/autobahn-report"
    rm -rf "$report"
    # Compression cases (12.*, 13.*) run since permessage-deflate landed; AUTOBAHN_NO_COMPRESSION=1 skips them.
    excl=''
    [ -n "${AUTOBAHN_NO_COMPRESSION:-}" ] && excl='"12.*", "13.*"'
    for pat in ${AUTOBAHN_EXCLUDE:-}; do excl="${excl:+$excl, }\"$pat\""; done
    spec="$OUT/fuzzingserver.json"
    cat >"$spec" <<JSON
{
  "url": "$url",
  "outdir": "$report",
  "cases": ["*"],
  "exclude-cases": [$excl],
  "exclude-agent-cases": {}
}
JSON
    say "== Autobahn|Testsuite fuzzingserver ($kind) on $url, excluding [$excl]"
    if [ "$kind" = wstest ]; then
        (cd "$OUT" && exec "$WSTEST_BIN" -m fuzzingserver -s "$spec" -u 0) >"$OUT/fuzzingserver.log" 2>&1 &
    else
        python3 "$HERE/mock_fuzzingserver.py" --spec "$spec" >"$OUT/fuzzingserver.log" 2>&1 &
    fi
    local fpid=$!
    PIDS+=("$fpid")
    if ! wait_port "$port" 30; then
        say "   fuzzingserver did not start:"; tail -n 20 "$OUT/fuzzingserver.log" | sed 's/^/   | /'
        fail 1 "autobahn: fuzzingserver ($kind) did not start"
        stop_server "$fpid"
        return
    fi
    if ! timeout 150 python3 "$HERE/autobahn_report.py" cases "$url" "$OUT/autobahn-cases.json" >"$OUT/autobahn-cases.log" 2>&1; then
        say "   could not list the fuzzingserver's cases:"; tail -n 5 "$OUT/autobahn-cases.log" | sed 's/^/   | /'
        fail 1 "autobahn: could not list the fuzzingserver's cases"
        stop_server "$fpid"
        return
    fi
    say "   $(cat "$OUT/autobahn-cases.log")"
    local args=(autobahn "$url" --agent wisp)
    [ -n "${AUTOBAHN_CASES:-}" ] && args+=(--cases "$AUTOBAHN_CASES")
    say "== wisp ${args[*]}"
    t0=$(date +%s.%N)
    timeout -k 5 "$AUTOBAHN_TIMEOUT" "$WISP" "${args[@]}" >"$OUT/wisp-autobahn.log" 2>&1
    rc=$?
    t1=$(date +%s.%N)
    sed 's/^/   | /' "$OUT/wisp-autobahn.log" | tail -n 40
    say "   -> exit $rc after $(python3 -c "print(f'{$t1 - $t0:.1f}')") s (full log: $OUT/wisp-autobahn.log)"
    stop_server "$fpid"
    if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
        fail 1 "wisp autobahn: timed out after ${AUTOBAHN_TIMEOUT}s"
    fi
    say "== Autobahn report $report/index.json"
    local counts
    counts="$(python3 "$HERE/autobahn_report.py" check "$report/index.json" --agent wisp \
              --cases-file "$OUT/autobahn-cases.json" --range "${AUTOBAHN_CASES:-}" 2>&1)"
    rc=$?
    printf '%s\n' "$counts" | grep -v '^COUNTS ' | sed 's/^/   /'
    local line p f
    line="$(printf '%s\n' "$counts" | grep '^COUNTS ' | tail -n1)"
    if [ -z "$line" ]; then
        fail 1 "autobahn: report could not be read (exit $rc)"
        return
    fi
    read -r _ p f <<<"$line"
    pass "$p"
    [ "$f" -gt 0 ] && fail "$f" "autobahn: $f case(s) not OK / NON-STRICT / INFORMATIONAL or missing"
}

WSTEST_BIN=""
case "$AUTOBAHN" in
    off) say "== (skipped: Autobahn, AUTOBAHN=off)" ;;
    mock) run_autobahn mock ;;
    wstest|auto)
        if WSTEST_BIN="$(find_wstest)"; then
            run_autobahn wstest
        elif [ "$AUTOBAHN" = wstest ]; then
            fail 1 "autobahn: wstest not usable (run scripts/install-interop-deps.sh)"
        else
            say "== (wstest not usable: autobahntestsuite is Python 2 only and needs the py2.7 venv of"
            say "   scripts/install-interop-deps.sh; using scripts/interop/mock_fuzzingserver.py)"
            run_autobahn mock
        fi ;;
    *) echo "run.sh: AUTOBAHN must be auto, wstest, mock or off" >&2; exit 2 ;;
esac

# --- summary ------------------------------------------------------------------------------
say ""
say "== interop summary (logs in $OUT)"
for f in "${FAILURES[@]}"; do say "   FAIL $f"; done
say "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
