#!/usr/bin/env bash
# `wisp query` and `wisp raw`: output and exit codes against real servers: wisp serve, an error-injecting
# wisp serve, a Python server that requires a token, an echo server that never answers a
# query, and a refused port.  usage: cli_checks.sh WISP_BIN     Closing line: N passed, M failed.
set -uo pipefail
WISP="$1"
case "$WISP" in /*) ;; */*) WISP="$(cd "$(dirname "$WISP")" && pwd)/$(basename "$WISP")" ;; esac
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="$(mktemp -d /tmp/wisp-query.XXXXXX)"
PASSED=0; FAILED=0; PIDS=()
trap 'for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null; done' EXIT

start() {  # start NAME CMD… : sets URL from the "listening on" line
    local name="$1"; shift
    "$@" >"$OUT/$name.out" 2>&1 &
    PIDS+=($!)
    for _ in $(seq 100); do
        URL="$(sed -n 's/^listening on \(wss\?:\/\/.*\)$/\1/p' "$OUT/$name.out" | head -n1)"
        [ -n "$URL" ] && return 0
        sleep 0.1
    done
    echo "could not start $name"; return 1
}

# expect NAME STATUS STDERR-PATTERN STDOUT-PATTERN CMD…   (a pattern of - is not checked)
expect() {
    local name="$1" status="$2" errpat="$3" outpat="$4"; shift 4
    timeout 30 "$@" >"$OUT/stdout" 2>"$OUT/stderr"
    local rc=$?
    if [ "$rc" -eq "$status" ] && { [ "$errpat" = - ] || grep -qE "$errpat" "$OUT/stderr"; } \
        && { [ "$outpat" = - ] || grep -qE "$outpat" "$OUT/stdout"; }; then
        PASSED=$((PASSED + 1)); echo "ok   $name (exit $rc)"
    else
        FAILED=$((FAILED + 1)); echo "FAIL $name: exit $rc (wanted $status)"
        sed 's/^/     stdout| /' "$OUT/stdout" | head -5; sed 's/^/     stderr| /' "$OUT/stderr" | head -5
    fi
}

start serve "$WISP" serve --host 127.0.0.1 --port 0 --quiet && SERVE="$URL"
start errors "$WISP" serve --host 127.0.0.1 --port 0 --quiet --error-rate 1 && ERRORS="$URL"
start auth python3 "$HERE/py_auth_server.py" --port 0 && AUTH="$URL"
start echo "$WISP" echo-server --host 127.0.0.1 --port 0 && ECHO="$URL"
REFUSED="ws://127.0.0.1:$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')/ws"

expect "suggestions, one per line" 0 - '^wireless headphones$' "$WISP" query "$SERVE" wireless head
expect "--json prints the event" 0 - '^\{"event":"aiSuggestions","payload":\{"originalQuery":"wireless head",' "$WISP" query "$SERVE" wireless head --json
expect "--repeat prints latency percentiles" 0 - '^20 queries: latency p50 [0-9.]+ ms, p95 [0-9.]+ ms, p99 [0-9.]+ ms, max [0-9.]+ ms$' "$WISP" query "$SERVE" laptop --repeat 20
expect "server error event → 1" 1 '^wisp query: server error: AI service currently unavailable\.$' - "$WISP" query "$ERRORS" coffee
expect "refused port → 2" 2 '^wisp query: connection refused by 127\.0\.0\.1:' - "$WISP" query "$REFUSED" lamp
expect "401 without a token → 2" 2 'HTTP 401 .*authentication required.*Missing or bad token' - "$WISP" query "$AUTH" lamp
expect "--token passes" 0 - '^auth ok$' "$WISP" query "$AUTH" lamp --token sekrit
expect "WISP_TOKEN passes" 0 - '^auth ok$' env WISP_TOKEN=sekrit "$WISP" query "$AUTH" lamp
expect "-H Authorization passes" 0 - '^auth ok$' "$WISP" query "$AUTH" lamp -H 'Authorization: Bearer sekrit'
expect "a server that never answers → 3 after --timeout" 3 'no answer to "desk lamp" within 1 s' - "$WISP" query "$ECHO" desk lamp --timeout 1
expect "renamed event names" 1 'server error: Unknown message type\.' - "$WISP" query "$SERVE" lamp --query-type search
expect "bad URL → usage error 2" 2 'unsupported scheme' - "$WISP" query http://x lamp

# wisp raw: stdin lines out, messages in, compact JSON in a pipe.
Q='{"type":"productSearchQuery","payload":{"query":"lamp"}}'
expect "raw: a piped query is answered, compact JSON" 0 - '^\{"event":"aiSuggestions","payload":\{"originalQuery":"lamp",' \
    sh -c "printf '%s\n' '$Q' | '$WISP' raw '$SERVE' --wait 1"
expect "raw: unknown type and no-type lines" 0 - '^\{"event":"error","message":"Unknown message type\."\}$' \
    sh -c "printf '%s\n%s\n' '{\"type\":\"x\"}' 'not json' | '$WISP' raw '$SERVE' --wait 1"
expect "raw: binary as base64" 0 - '^<binary 3 bytes> AAH/$' \
    sh -c "printf '%s\n' '{\"type\":\"q\",\"payload\":{\"query\":\"binary\"}}' | '$WISP' raw '$AUTH' --token sekrit --binary-as base64 --wait 1"
expect "raw: binary as hex" 0 - '^<binary 3 bytes> 0001ff$' \
    sh -c "printf '%s\n' '{\"type\":\"q\",\"payload\":{\"query\":\"binary\"}}' | '$WISP' raw '$AUTH' --token sekrit --wait 1"
expect "raw: --timestamps and a last line without newline" 0 - '^[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3} no newline$' \
    sh -c "printf 'no newline' | '$WISP' raw '$ECHO' --timestamps --wait 1"
expect "raw: refused → 2" 2 'connection refused' - sh -c "'$WISP' raw '$REFUSED' </dev/null"

# A full server: one silent TCP peer holds the only slot, so a client reads HTTP 503 and why.
start full "$WISP" serve --host 127.0.0.1 --port 0 --max-connections 1 && FULL="$URL"
FULL_PORT="$(sed -E 's|.*:([0-9]+)/.*|\1|' <<<"$FULL")"
python3 -c "import socket, time; s = socket.create_connection(('127.0.0.1', $FULL_PORT)); time.sleep(8)" &
HOLDER=$!
sleep 0.5
expect "a full server → 2, HTTP 503 and why" 2 'HTTP 503 Service Unavailable.*This server is full \(1 connection\)' - "$WISP" query "$FULL" lamp
expect "serve logs whom it turned away" 0 - 'turned away 127\.0\.0\.1:[0-9]+: 1 client already \(--max-connections\)' cat "$OUT/full.out"
kill "$HOLDER" 2>/dev/null; wait "$HOLDER" 2>/dev/null

# wss://: wisp serve with certificates of a private CA made here, and what each failure says.
CERTS="$OUT/certs"
bash "$HERE/make_certs.sh" "$CERTS"
start tls "$WISP" serve --host 127.0.0.1 --port 0 --quiet --tls-cert "$CERTS/localhost.pem" --tls-key "$CERTS/leaf.key" && TLS="$URL"
start tls-other "$WISP" serve --host 127.0.0.1 --port 0 --quiet --tls-cert "$CERTS/other.pem" --tls-key "$CERTS/leaf.key" && OTHER="$URL"
start tls-expired "$WISP" serve --host 127.0.0.1 --port 0 --quiet --tls-cert "$CERTS/expired.pem" --tls-key "$CERTS/leaf.key" && EXPIRED="$URL"
expect "wss: serve prints a wss:// URL" 0 - - test "${TLS#wss://127.0.0.1:}" != "$TLS"
expect "wss: --cacert trusts the private CA" 0 - '^wireless headphones$' "$WISP" query "$TLS" wireless head --cacert "$CERTS/ca.pem"
expect "wss: by host name (SNI)" 0 - '^wireless headphones$' "$WISP" query "${TLS/127.0.0.1/localhost}" wireless head --cacert "$CERTS/ca.pem"
expect "wss: cacert from the config file" 0 - '^wireless headphones$' \
    env XDG_CONFIG_HOME="$OUT/xdg-tls" sh -c "mkdir -p '$OUT/xdg-tls/wisp' && echo 'cacert = $CERTS/ca.pem' >'$OUT/xdg-tls/wisp/config' && '$WISP' query '$TLS' wireless head"
expect "wss: without --cacert → not trusted, 2" 2 '^wisp query: certificate is not trusted \(self-signed\?\): unable to get local issuer certificate \(a private CA\? trust it with --cacert FILE' - \
    "$WISP" query "$TLS" wireless head
expect "wss: wrong host name → mismatch, 2" 2 '^wisp query: host name mismatch: certificate is for wisp\.test, not 127\.0\.0\.1' - \
    "$WISP" query "$OTHER" wireless head --cacert "$CERTS/ca.pem"
expect "wss: expired → 2" 2 '^wisp query: certificate has expired \(on [0-9]{4}-[0-9]{2}-[0-9]{2}\)' - \
    "$WISP" query "$EXPIRED" wireless head --cacert "$CERTS/ca.pem"
expect "wss: --insecure connects and warns" 0 '^wisp query: warning: --insecure: wss:// certificates and host names are not verified$' '^wireless headphones$' \
    "$WISP" query "$OTHER" wireless head --insecure
expect "wss: a missing CA file is a usage error" 2 'cacert: cannot read CA file /nonexistent.pem: No such file or directory' - \
    "$WISP" query "$TLS" lamp --cacert /nonexistent.pem
expect "wss: serve with a key that does not match → 1" 1 '^wisp serve: key file .* does not match certificate' - \
    "$WISP" serve --port 0 --tls-cert "$CERTS/ca.pem" --tls-key "$CERTS/leaf.key"
expect "wss: serve with --tls-cert alone" 2 'needs --tls-key' - "$WISP" serve --port 0 --tls-cert "$CERTS/localhost.pem"
expect "wss: raw to a plain port fails with 2 even when stdin ends first" 2 'TLS handshake failed: ' - \
    sh -c "printf '%s\n' '$Q' | '$WISP' raw '${SERVE/ws:/wss:}' --wait 1"
expect "wss: a TLS client on a plain port is told at once" 2 'does it speak TLS on this port\? try ws://' - \
    timeout 5 "$WISP" query "${SERVE/ws:/wss:}" lamp
expect "wss: ws:// to a TLS port reads as HTTP 400" 2 'HTTP 400 Bad Request.*This port speaks TLS: connect with wss://' - \
    "$WISP" query "${TLS/wss:/ws:}" lamp
expect "wss: a relative cacert in the config file is relative to that file" 0 - '^wireless headphones$' \
    env XDG_CONFIG_HOME="$OUT/xdg-rel" sh -c "mkdir -p '$OUT/xdg-rel/wisp' && cp '$CERTS/ca.pem' '$OUT/xdg-rel/wisp/ca.pem' && echo 'cacert = ca.pem' >'$OUT/xdg-rel/wisp/config' && cd / && '$WISP' query '$TLS' wireless head"
expect "wss: a bad cacert in the config file names the file and line" 2 'cacert \(from .*config line 1\): cannot read CA file' - \
    env XDG_CONFIG_HOME="$OUT/xdg-bad" sh -c "mkdir -p '$OUT/xdg-bad/wisp' && echo 'cacert = missing.pem' >'$OUT/xdg-bad/wisp/config' && '$WISP' query '$TLS' lamp"
expect "wss: --insecure with ws:// prints no TLS warning" 0 - '^0$' \
    sh -c "'$WISP' query '$SERVE' wireless head --insecure 2>&1 >/dev/null | grep -c warning || true"
expect "wss: raw speaks TLS too" 0 - '"originalQuery":"lamp"' \
    sh -c "printf '%s\n' '$Q' | '$WISP' raw '$TLS' --cacert '$CERTS/ca.pem' --wait 1"

# Configuration: precedence and errors, as `wisp config` reports them; completions.
mkdir -p "$OUT/xdg/wisp"
printf '# test\ndebounce = 50\nurl = ws://from-config/ws\ntoken = "s e c r e t"\n' >"$OUT/xdg/wisp/config"
expect "config: file value with its line" 0 - "^debounce = 50 +\(from $OUT/xdg/wisp/config line 2\)$" env XDG_CONFIG_HOME="$OUT/xdg" "$WISP" config
expect "config: environment beats the file" 0 - '^url = ws://env/ws +\(from \$WISP_URL\)$' env XDG_CONFIG_HOME="$OUT/xdg" WISP_URL=ws://env/ws "$WISP" config
expect "config: a flag beats both" 0 - '^debounce = 7 +\(from the command line\)$' env XDG_CONFIG_HOME="$OUT/xdg" "$WISP" config --debounce 7
expect "config: tokens are masked" 0 - '^token = \*\*\* ' env XDG_CONFIG_HOME="$OUT/xdg" "$WISP" config
expect "config: --insecure is shown, and what it does" 0 - '^insecure = true +\(from the command line; a flag only: wss:// certificates and host names are NOT verified\)$' \
    env XDG_CONFIG_HOME="$OUT/xdg" "$WISP" config --insecure
expect "config: --no-compression is shown" 0 - '^no-compression = true ' env XDG_CONFIG_HOME="$OUT/xdg" "$WISP" config --no-compression
printf 'debounce = fast\n' >"$OUT/xdg/wisp/config"
expect "config: a bad value names file, line and key" 2 "config line 1: debounce must be a whole number of milliseconds, got \"fast\"" - env XDG_CONFIG_HOME="$OUT/xdg" "$WISP" config
expect "unknown option with a hint" 2 'unknown option --jsn \(did you mean --json\?\)' - "$WISP" query "$SERVE" lamp --jsn
for shell in bash zsh fish; do
    expect "completions $shell" 0 - 'echo-check' "$WISP" completions "$shell"
done
"$WISP" completions bash >"$OUT/wisp.bash" && bash -n "$OUT/wisp.bash" && { PASSED=$((PASSED + 1)); echo "ok   completions bash parses"; } || { FAILED=$((FAILED + 1)); echo "FAIL completions bash parses"; }

echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
