#!/usr/bin/env python3
"""Checks a WebSocket echo server (meant for `wisp echo-server`) with a Python
`websockets` client (asyncio API, websockets >= 13).

Checks, one line each:
  - text, ASCII, of 0, 1, 125, 126, 127, 65535, 65536, 1 MiB, 16 MiB bytes
  - text, multi-byte UTF-8 (2-, 3- and 4-byte sequences, emoji, ZWJ sequence):
    short (7-bit length), 16-bit and 64-bit lengths, 1 MiB
  - binary, same sizes as the ASCII text, pseudo-random bytes
  each echoed as one message of the same type, byte for byte;
  - a ping with a payload (and one with the 125-byte maximum) answered by a pong
    carrying the same payload;
  - a clean close: we send 1000, the server answers with a close frame whose code is 1000.
Closing line: `N passed, M failed`.

Exit status: 0 all passed, 1 some check failed, 2 could not connect, 3 hard timeout.

usage: py_client_check.py URL [--timeout SECONDS] [--per-check SECONDS]
"""
import argparse
import ssl
import asyncio
import os
import random
import sys
import time


# websockets' asyncio API refuses (close 1009 "too many fragments") a message
# of 4096 fragments or more unless this is raised; it is read at import time.
os.environ.setdefault("WEBSOCKETS_MAX_FRAGMENTS", str(1 << 24))
from websockets.asyncio.client import connect

SIZES = [0, 1, 125, 126, 127, 65535, 65536, 1 << 20, 16 << 20]
MAX_SIZE = 64 << 20


class Checker:
    def __init__(self):
        self.passed = 0
        self.failed = 0
        self.stuck = False

    def report(self, ok, name, detail=""):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
        print(f"{'ok  ' if ok else 'FAIL'} {name}{(': ' + detail) if detail else ''}", flush=True)


def ascii_text(n):
    base = "The quick brown fox jumps over the lazy dog 0123456789. "
    return (base * (n // len(base) + 1))[:n]


def multibyte_text(nbytes, lead_ascii=0):
    """A text of about nbytes UTF-8 bytes mixing 1-, 2-, 3- and 4-byte characters,
    preceded by lead_ascii ASCII bytes (to move sequences across length boundaries)."""
    pieces = ["a", "é", "ß", "€", "日本語", "✓", "🚀", "🎉", "👩‍💻", "𝄞", "\u00a0", "Ω"]
    out, size = ["x" * lead_ascii], lead_ascii
    i = 0
    while size < nbytes:
        p = pieces[i % len(pieces)]
        out.append(p)
        size += len(p.encode())
        i += 1
    return "".join(out)


def first_diff(a, b):
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return i
    return min(len(a), len(b))


async def roundtrip(ws, checker, name, message, per_check):
    if checker.stuck:
        checker.report(False, name, "not run: connection unusable after an earlier timeout")
        return False
    t0 = time.monotonic()
    # Receive while sending: a streaming echo server (gorilla's, say) sends the
    # echo back before it has read the whole message, and would deadlock with a
    # client that does not read until its send is done.
    receiving = asyncio.create_task(ws.recv())
    try:
        await asyncio.wait_for(ws.send(message), per_check)
        echo = await asyncio.wait_for(receiving, per_check)
    except asyncio.TimeoutError:
        receiving.cancel()
        checker.stuck = True
        checker.report(False, name, f"no echo within {per_check:g}s")
        return False
    except Exception as e:  # connection closed, protocol error …
        receiving.cancel()
        checker.report(False, name, f"{type(e).__name__}: {e}")
        return False
    dt = (time.monotonic() - t0) * 1000
    want_type = "text" if isinstance(message, str) else "binary"
    got_type = "text" if isinstance(echo, str) else "binary"
    if got_type != want_type:
        checker.report(False, name, f"echo came back as {got_type}")
    elif echo != message:
        checker.report(False, name, f"echo differs: {len(echo)} vs {len(message)} "
                       f"{'chars' if want_type == 'text' else 'bytes'}, first difference at {first_diff(echo, message)}")
    else:
        checker.report(True, name, f"{dt:.1f} ms")
        return True
    return False


async def run(url, per_check, cafile=None):
    checker = Checker()
    try:
        ws = await asyncio.wait_for(
            connect(url, compression=None, max_size=MAX_SIZE, max_queue=None, ping_interval=None,
                    close_timeout=per_check, open_timeout=per_check,
                    **({"ssl": ssl.create_default_context(cafile=cafile)} if cafile else {})), per_check)
    except Exception as e:
        print(f"FAIL connect {url}: {type(e).__name__}: {e}", flush=True)
        print("0 passed, 1 failed", flush=True)
        return 2
    checker.report(True, f"connect {url}")
    rnd = random.Random(6455)

    for n in SIZES:
        await roundtrip(ws, checker, f"text ascii {n} B", ascii_text(n), per_check)
    for nbytes, lead, label in [(40, 0, "short"), (200, 123, "16-bit length, multi-byte from offset 123"),
                                (70000, 65533, "64-bit length, multi-byte from offset 65533"),
                                (1 << 20, 0, "1 MiB")]:
        msg = multibyte_text(nbytes, lead)
        await roundtrip(ws, checker, f"text utf-8 {label} ({len(msg.encode())} B)", msg, per_check)
    for n in SIZES:
        await roundtrip(ws, checker, f"binary {n} B", rnd.randbytes(n), per_check)

    for payload, label in ([] if checker.stuck else [(b"wisp-ping \x00\xff\x80 \xf0\x9f\x9a\x80", "short payload"),
                           (rnd.randbytes(125), "125-byte payload")]):
        name = f"ping with {label} answered by pong with same payload"
        try:
            waiter = await asyncio.wait_for(ws.ping(payload), per_check)
            # websockets resolves the waiter only on a pong whose payload equals the ping's.
            latency = await asyncio.wait_for(waiter, per_check)
            checker.report(True, name, f"{latency * 1000:.1f} ms")
        except asyncio.TimeoutError:
            checker.report(False, name, f"no matching pong within {per_check:g}s")
        except Exception as e:
            checker.report(False, name, f"{type(e).__name__}: {e}")

    name = "clean close: sent 1000, received close 1000"
    try:
        await asyncio.wait_for(ws.close(1000, "wisp interop done"), per_check + 1)
        rcvd = ws.protocol.close_rcvd
        if rcvd is None:
            checker.report(False, name, "no close frame received (connection dropped)")
        elif rcvd.code != 1000:
            checker.report(False, name, f"received close code {rcvd.code} reason {rcvd.reason!r}")
        else:
            checker.report(True, name, f"reason {rcvd.reason!r}")
    except Exception as e:
        checker.report(False, name, f"{type(e).__name__}: {e}")

    print(f"{checker.passed} passed, {checker.failed} failed", flush=True)
    return 0 if checker.failed == 0 else 1


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("url")
    ap.add_argument("--timeout", type=float, default=120, help="hard limit for the whole run (default 120 s)")
    ap.add_argument("--per-check", type=float, default=20, help="limit for one check (default 20 s)")
    ap.add_argument("--cacert", help="for wss:// URLs: trust the CAs in this PEM file")
    args = ap.parse_args()
    try:
        rc = asyncio.run(asyncio.wait_for(run(args.url, args.per_check, args.cacert), args.timeout))
    except asyncio.TimeoutError:
        print(f"FAIL hard timeout after {args.timeout:g}s", flush=True)
        print("0 passed, 1 failed", flush=True)
        rc = 3
    sys.stdout.flush()
    os._exit(rc)


if __name__ == "__main__":
    main()
