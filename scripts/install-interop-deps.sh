#!/usr/bin/env bash
# Installs what wisp's interop and benchmark scripts need, skipping whatever is
# already present (apt-get update runs only when a Debian package is missing):
#   - Python `websockets` (>= 13, for its asyncio API) for the python3 on PATH
#   - Debian node-ws (node's `ws`; lives in /usr/share/nodejs, which the node on
#     this machine does NOT search by default: scripts require it by full path
#     or set NODE_PATH=/usr/share/nodejs)
#   - golang-go and golang-github-gorilla-websocket-dev (GOPATH /usr/share/gocode)
#   - Autobahn|Testsuite (`wstest`). It is Python 2 only, even the 25.10.1
#     release on PyPI (print statements, `except X, e:`, implicit relative
#     imports; it pins Twisted 19.10 and autobahn 0.10.9), and its sdist lacks
#     the requirements.txt its setup.py reads, so under Python 3 pip installs it
#     without any dependency and `wstest` dies at import with
#     "ModuleNotFoundError: No module named '_version'". It is installed here into a
#     Python 2.7 virtualenv ($WISP_AUTOBAHN_VENV, default /opt/wisp-interop/autobahn-py27)
#     when a python2.7 exists (pyenv's 2.7.18 does on this machine kind; Debian 12
#     has no python2 package). Without one this step is skipped, not failed:
#     scripts/interop/run.sh then uses scripts/interop/mock_fuzzingserver.py.
#
# Usage: scripts/install-interop-deps.sh            (safe to run repeatedly)
set -euo pipefail

log() { printf '[install-interop-deps] %s\n' "$*"; }

APT_UPDATED=0
apt_install() {
    local missing=() p
    for p in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
            missing+=("$p")
        fi
    done
    if [ ${#missing[@]} -eq 0 ]; then
        log "debian: $* already installed"
        return 0
    fi
    if [ "$APT_UPDATED" = 0 ]; then
        log "apt-get update"
        apt-get update -qq
        APT_UPDATED=1
    fi
    log "apt-get install ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# --- Python websockets ------------------------------------------------------
if python3 - <<'PY' 2>/dev/null
import sys, websockets
major = int(websockets.__version__.split(".")[0])
import websockets.asyncio.server, websockets.asyncio.client  # noqa: F401  (>= 13)
sys.exit(0 if major >= 13 else 1)
PY
then
    log "python: websockets $(python3 -c 'import websockets; print(websockets.__version__)') already installed for $(command -v python3)"
else
    log "pip install websockets for $(command -v python3)"
    python3 -m pip install -q --disable-pip-version-check 'websockets>=13'
fi

# --- node ws, Go, gorilla ---------------------------------------------------
apt_install node-ws golang-go golang-github-gorilla-websocket-dev
if ! NODE_PATH=/usr/share/nodejs node -e 'require("ws")' 2>/dev/null; then
    log "WARNING: node cannot load ws from /usr/share/nodejs"
fi

# --- Autobahn|Testsuite (Python 2.7 only) -----------------------------------
VENV="${WISP_AUTOBAHN_VENV:-/opt/wisp-interop/autobahn-py27}"
AB_VERSION=25.10.1
# The pins of autobahntestsuite 25.10.1's own requirements.txt (missing from its sdist).
AB_PINS=(
    "autobahntestsuite==$AB_VERSION" setuptools==44.0.0 txaio==2.1.0 incremental==16.10.1
    pyOpenSSL==19.1.0 cryptography==3.3.2 Twisted==19.10.0 zope.interface==4.6.0
    jinja2==2.11.3 markupsafe==1.1.1 Werkzeug==1.0.1 klein==17.10.0
    service_identity==18.1.0 unittest2==1.1.0 six==1.16.0 'autobahn[accelerate,twisted]==0.10.9'
)

if [ -x "$VENV/bin/wstest" ] && "$VENV/bin/wstest" --autobahnversion >/dev/null 2>&1; then
    log "autobahn: $VENV/bin/wstest already works"
    exit 0
fi

find_python27() {
    local c
    for c in "${WISP_PYTHON27:-}" "$(command -v python2.7 2>/dev/null || true)" \
             "${PYENV_ROOT:-$HOME/.pyenv}"/versions/2.7*/bin/python2.7 /root/.pyenv/versions/2.7*/bin/python2.7 \
             /usr/local/bin/python2.7 /usr/bin/python2.7; do
        if [ -n "$c" ] && [ -x "$c" ] && "$c" -c 'import sys; sys.exit(sys.version_info[:2] != (2, 7))' 2>/dev/null; then
            echo "$c"; return 0
        fi
    done
    return 1
}

if ! PY27="$(find_python27)"; then
    log "autobahn: SKIPPED: autobahntestsuite $AB_VERSION is Python 2 only and no python2.7 was found"
    log "          (run.sh will use scripts/interop/mock_fuzzingserver.py instead)"
    exit 0
fi
log "autobahn: using $PY27"
if ! "$PY27" -m virtualenv --version >/dev/null 2>&1; then
    log "autobahn: pip install virtualenv (last series that runs on 2.7)"
    "$PY27" -m pip install -q --disable-pip-version-check 'virtualenv<20.22'
fi
rm -rf "$VENV"
mkdir -p "$(dirname "$VENV")"
"$PY27" -m virtualenv -q "$VENV"
log "autobahn: pip install autobahntestsuite $AB_VERSION + pinned deps into $VENV (takes ~1-2 min)"
"$VENV/bin/pip" install -q --disable-pip-version-check --no-python-version-warning "${AB_PINS[@]}"
"$VENV/bin/wstest" --autobahnversion
log "autobahn: $VENV/bin/wstest ready"
