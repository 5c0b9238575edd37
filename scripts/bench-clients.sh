#!/usr/bin/env bash
# Compares wisp's WebSocket client with gorilla/websocket's on the same echo server.
#
# usage: scripts/bench-clients.sh WISP_BENCH_BIN [WISP_BIN]
#
# Builds scripts/gorilla/{echo_server,bench_client} (GOPATH mode, offline, Debian's
# gorilla) into scripts/gorilla/bin/, starts the gorilla streaming echo server, and
# runs every workload with `WISP_BENCH_BIN client URL WORKLOAD` and with
# `bench_client client URL WORKLOAD`, alternately, RUNS times each; the table shows
# the median of each side and
#     ratio = wisp/gorilla for "higher is better" results, gorilla/wisp for "lower",
# so ratio > 1 always means wisp is better. The verdict calls a difference smaller
# than 5% or than the runs' own spread ((max-min)/median of either side) "par".
# A second table shows the CPU time each client used over its timed part (its
# "INFO WORKLOAD cpu" line) and the echo server's over each run (/proc schedstat).
# With WISP_BIN, the same table again against `WISP_BIN echo-server`.
#
# Environment:
#   RUNS=3                 runs per client and workload
#   WORKLOADS="rtt64 ..."  subset of: rtt64 pipelined64 msg16k text16m binary16m frag16m frag1m64
#   BENCH_TIMEOUT=300      seconds allowed for one run
#   VERIFY_FRAMES=1        first run each fragmenting workload once per client against
#                          `echo_server -count-frames` and show the frames it received
#   BENCH_OUT=DIR          logs (default: a new /tmp dir)
#   BENCH_PIN=same         same: echo server and clients all on CPU 0 (taskset), so a result
#                          reflects client + server CPU cost per message, the least noisy
#                          choice on this 2-vCPU VM; split: server on CPU 0, clients on CPU 1;
#                          none: no pinning. Unpinned, rtt64 is bimodal from run to run here
#                          (~22 us when client and server happen to share a core, ~50-75 us
#                          when not: cross-core wake-ups are slow on this VM).
#
# Exit status: 0 when every run produced a RESULT line, 1 otherwise (slowness never fails).
set -uo pipefail

if [ $# -lt 1 ]; then
    echo "usage: $0 WISP_BENCH_BIN [WISP_BIN]" >&2
    exit 2
fi
abs() { case "$1" in */*) echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")" ;; *) command -v "$1" ;; esac; }
WISP_BENCH="$(abs "$1")" || { echo "bench-clients.sh: $1 not found" >&2; exit 2; }
WISP_BIN=""
if [ $# -ge 2 ]; then WISP_BIN="$(abs "$2")" || { echo "bench-clients.sh: $2 not found" >&2; exit 2; }; fi

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
GDIR="$HERE/gorilla"
RUNS="${RUNS:-3}"
WORKLOADS="${WORKLOADS:-rtt64 pipelined64 msg16k text16m binary16m frag16m frag1m64}"
BENCH_TIMEOUT="${BENCH_TIMEOUT:-300}"
OUT="${BENCH_OUT:-$(mktemp -d /tmp/wisp-bench.XXXXXX)}"
mkdir -p "$OUT"
ERRORS=0
PIDS=()

cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null; done
    for pid in "${PIDS[@]}"; do
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null
    done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- build ------------------------------------------------------------------------------
mkdir -p "$GDIR/bin"
for prog in echo_server bench_client; do
    if [ ! -x "$GDIR/bin/$prog" ] || [ "$GDIR/$prog.go" -nt "$GDIR/bin/$prog" ]; then
        echo "building $prog"
        if ! (cd "$GDIR" && GO111MODULE=off GOPATH=/usr/share/gocode GOFLAGS= \
                timeout 300 go build -o "bin/$prog" "$prog.go"); then
            echo "bench-clients.sh: go build $prog failed (scripts/install-interop-deps.sh installs Go and gorilla)" >&2
            exit 2
        fi
    fi
done
GORILLA_BENCH="$GDIR/bin/bench_client"

SERVER_PIN=()
CLIENT_PIN=()
case "${BENCH_PIN:-same}" in
    split) if command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then
               SERVER_PIN=(taskset -c 0); CLIENT_PIN=(taskset -c 1)
           else echo "(BENCH_PIN=split needs taskset and 2 CPUs: not pinning)"; fi ;;
    same)  SERVER_PIN=(taskset -c 0); CLIENT_PIN=(taskset -c 0) ;;
    none)  ;;
    *) echo "bench-clients.sh: BENCH_PIN must be split, same or none" >&2; exit 2 ;;
esac
echo "pinning: server ${SERVER_PIN[*]:-(none)}, clients ${CLIENT_PIN[*]:-(none)}"

# start_server NAME CMD... -> SERVER_PID, SERVER_URL (waits 10 s at most for "listening on ws://...")
start_server() {
    local name="$1"; shift
    "$@" >"$OUT/$name.out" 2>"$OUT/$name.err" &
    SERVER_PID=$!
    PIDS+=("$SERVER_PID")
    SERVER_URL=""
    for _ in $(seq 100); do
        SERVER_URL="$(sed -n 's/^listening on \(ws:\/\/.*\)$/\1/p' "$OUT/$name.out" | head -n1)"
        [ -n "$SERVER_URL" ] && return 0
        kill -0 "$SERVER_PID" 2>/dev/null || break
        sleep 0.1
    done
    echo "could not start $name: $(tail -n3 "$OUT/$name.err" | tr '\n' ' ')" >&2
    return 1
}
stop_server() {
    kill -TERM "$1" 2>/dev/null
    for _ in $(seq 50); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$1" 2>/dev/null
    wait "$1" 2>/dev/null
}

# server_cpu_ns: CPU time the echo server (SERVER_PID, all its threads) has used so far, in ns
# (field 1 of /proc/PID/task/TID/schedstat); 0 when it cannot be read.
server_cpu_ns() {
    local total=0 f t
    for f in /proc/"$SERVER_PID"/task/*/schedstat; do
        read -r t _ <"$f" 2>/dev/null && total=$((total + t))
    done
    echo "$total"
}

# one_run LABEL BIN URL WORKLOAD -> prints "value unit direction client_cpu_ms server_cpu_ms"
# or nothing on failure (client CPU: its "INFO WORKLOAD cpu" line, over the timed part, "-" if
# absent; server CPU: over the whole run); the run's output is appended to $OUT/LABEL.WORKLOAD.log
one_run() {
    local label="$1" bin="$2" url="$3" w="$4" log tmp rc line cpu s0 s1
    log="$OUT/$label.$w.log"
    tmp="$(mktemp "$OUT/run.XXXXXX")"
    s0="$(server_cpu_ns)"
    timeout -k 5 "$BENCH_TIMEOUT" "${CLIENT_PIN[@]}" "$bin" client "$url" "$w" >"$tmp" 2>&1
    rc=$?
    s1="$(server_cpu_ns)"
    { echo "--- exit $rc"; cat "$tmp"; } >>"$log"
    line="$(grep -E "^RESULT $w " "$tmp" | tail -n1)"
    if [ "$rc" -ne 0 ] || [ -z "$line" ]; then
        echo "  $label $w: exit $rc, no RESULT (see $log): $(grep -v '^RESULT\|^INFO' "$tmp" | tail -n2 | tr '\n' ' ')" >&2
        rm -f "$tmp"
        return 1
    fi
    cpu="$(awk -v w="$w" '$1 == "INFO" && $2 == w && $3 == "cpu" {print $4}' "$tmp" | tail -n1)"
    rm -f "$tmp"
    echo "$(awk '{print $3, $4, $5}' <<<"$line") ${cpu:--} $(awk -v a="$s0" -v b="$s1" 'BEGIN {printf "%.1f", (b - a) / 1e6}')"
}

# bench_against TITLE URL : the table for one echo server
bench_against() {
    local title="$1" url="$2" w r res
    echo
    echo "== clients against $title ($url), median of $RUNS runs, alternating"
    local rows="$OUT/rows.$RANDOM.tsv"
    : >"$rows"
    for w in $WORKLOADS; do
        local wv=() gv=() wc=() gc=() ws=() gs=() unit="" gunit="" dir="" gdir="" c sc
        for r in $(seq "$RUNS"); do
            if res="$(one_run "wisp-$title" "$WISP_BENCH" "$url" "$w")"; then
                read -r v unit dir c sc <<<"$res"; wv+=("$v"); wc+=("$c"); ws+=("$sc")
            else
                ERRORS=$((ERRORS + 1))
            fi
            if res="$(one_run "gorilla-$title" "$GORILLA_BENCH" "$url" "$w")"; then
                read -r v gunit gdir c sc <<<"$res"; gv+=("$v"); gc+=("$c"); gs+=("$sc")
            else
                ERRORS=$((ERRORS + 1))
            fi
        done
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$w" "${unit:-?}" "${dir:-?}" "${gunit:-?}" "${gdir:-?}" \
            "${wv[*]:-}" "${gv[*]:-}" "${wc[*]:-}" "${gc[*]:-}" "${ws[*]:-}" "${gs[*]:-}" >>"$rows"
        printf '  %-12s wisp: %-30s gorilla: %s\n' "$w" "${wv[*]:-(failed)}" "${gv[*]:-(failed)}"
    done
    python3 - "$rows" <<'PY'
import statistics, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
hdr = ("workload", "unit", "wisp", "gorilla", "ratio", "verdict")
out = []
cpu_rows = []
def numbers(text):
    return [float(x) for x in text.split() if x != "-"]
for w, unit, d, gunit, gd, wv, gv, wc, gc, ws, gs in rows:
    cpu_rows.append((w, numbers(wc), numbers(gc), numbers(ws), numbers(gs)))
    wv = [float(x) for x in wv.split()] if wv.strip() else []
    gv = [float(x) for x in gv.split()] if gv.strip() else []
    if not wv or not gv:
        out.append((w, unit if unit != "?" else gunit,
                    f"{statistics.median(wv):.1f}" if wv else "FAILED",
                    f"{statistics.median(gv):.1f}" if gv else "FAILED", "-", "no result"))
        continue
    if (unit, d) != (gunit, gd):
        out.append((w, f"{unit}/{gunit}", f"{statistics.median(wv):.1f}", f"{statistics.median(gv):.1f}",
                    "-", f"unit/direction mismatch: wisp {unit} {d}, gorilla {gunit} {gd}"))
        continue
    mw, mg = statistics.median(wv), statistics.median(gv)
    if mw <= 0 or mg <= 0:
        ratio = float("nan")
    else:
        ratio = mw / mg if d == "higher" else mg / mw
    spread = max((max(v) - min(v)) / statistics.median(v) if statistics.median(v) else 0 for v in (wv, gv))
    tol = max(0.05, spread)
    if ratio != ratio:
        verdict = "?"
    elif abs(ratio - 1) <= tol:
        verdict = "par" + (f" (runs spread {spread:.0%})" if spread > 0.05 else "")
    elif ratio > 1:
        verdict = "wisp better" if ratio < 2 else "wisp much better"
    else:
        verdict = "gorilla better" if ratio > 0.5 else "gorilla much better"
    out.append((w, f"{unit} ({d})", f"{mw:.1f}", f"{mg:.1f}", f"{ratio:.2f}", verdict))
widths = [max(len(str(r[i])) for r in out + [hdr]) for i in range(len(hdr))]
fmt = "  ".join("{:<%d}" % w if i in (0, 1, 5) else "{:>%d}" % w for i, w in enumerate(widths))
print(fmt.format(*hdr))
for r in out:
    print(fmt.format(*r))

# The CPU each side used, medians in ms: clients over their timed part, the echo server over
# the whole run with that client. On one pinned CPU, throughput is the inverse of their sum,
# and CPU time spreads far less from run to run than the clock does on this VM.
print()
print("CPU per run, median ms (client: timed part; server: whole run with that client)")
hdr = ("workload", "wisp", "gorilla", "ratio", "server+wisp", "server+gorilla", "sum ratio")
out = []
def med(v):
    return statistics.median(v) if v else None
def ratio(a, b):
    return f"{b / a:.2f}" if a and b else "-"
for w, wc, gc, ws, gs in cpu_rows:
    mwc, mgc, mws, mgs = med(wc), med(gc), med(ws), med(gs)
    total_w = mwc + mws if mwc is not None and mws is not None else None
    total_g = mgc + mgs if mgc is not None and mgs is not None else None
    show = lambda x: f"{x:.1f}" if x is not None else "-"
    out.append((w, show(mwc), show(mgc), ratio(mwc, mgc), show(mws), show(mgs), ratio(total_w, total_g)))
widths = [max(len(str(r[i])) for r in out + [hdr]) for i in range(len(hdr))]
fmt = "  ".join("{:<%d}" % w if i == 0 else "{:>%d}" % w for i, w in enumerate(widths))
print(fmt.format(*hdr))
for r in out:
    print(fmt.format(*r))
print("ratio > 1: wisp used less CPU; sum ratio = (gorilla + server) / (wisp + server), each adding a")
print("client's timed part to the server's whole run: the same windows for both clients")
PY
}

# --- frame check (optional) ---------------------------------------------------------------
if [ "${VERIFY_FRAMES:-0}" = 1 ]; then
    echo "== frames received by echo_server -count-frames (one run each)"
    for w in $WORKLOADS; do
        case $w in frag*) ;; *) continue ;; esac
        for side in wisp gorilla; do
            bin="$WISP_BENCH"; [ $side = gorilla ] && bin="$GORILLA_BENCH"
            if start_server "count-$side-$w" "${SERVER_PIN[@]}" "$GDIR/bin/echo_server" -host 127.0.0.1 -port 0 -count-frames; then
                one_run "count-$side" "$bin" "$SERVER_URL" "$w" >/dev/null || ERRORS=$((ERRORS + 1))
                stop_server "$SERVER_PID"
                echo "  $side $w: $(cat "$OUT/count-$side-$w.err")"
            fi
        done
    done
fi

# --- gorilla echo server ------------------------------------------------------------------
if start_server gorilla-echo "${SERVER_PIN[@]}" "$GDIR/bin/echo_server" -host 127.0.0.1 -port 0; then
    bench_against "gorilla echo_server" "$SERVER_URL"
    stop_server "$SERVER_PID"
else
    ERRORS=$((ERRORS + 1))
fi

# --- wisp echo server ---------------------------------------------------------------------
if [ -n "$WISP_BIN" ]; then
    if start_server wisp-echo "${SERVER_PIN[@]}" "$WISP_BIN" echo-server --host 127.0.0.1 --port 0; then
        bench_against "wisp echo-server" "$SERVER_URL"
        stop_server "$SERVER_PID"
    else
        ERRORS=$((ERRORS + 1))
    fi
fi

echo
echo "logs in $OUT; runs without a result: $ERRORS"
[ "$ERRORS" -eq 0 ]
