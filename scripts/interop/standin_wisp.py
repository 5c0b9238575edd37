#!/usr/bin/env python3
"""Stand-in for the `wisp` binary, on Python `websockets`, so that the interop
harness (run.sh) can be exercised before wisp exists. It implements the same
command-line contract:

  standin_wisp.py echo-server [--host 127.0.0.1] [--port 0]
      prints `listening on ws://HOST:PORT/`, echoes text as text and binary as
      binary, answers close with close, exits 0 on SIGTERM/SIGINT.
  standin_wisp.py echo-check URL [--sizes 0,1,125,126,127,65535,65536,1048576]
      per size: a text and a binary message, echo checked byte for byte; one
      line per check, then `N passed, M failed`; exit 0 / 1 some failed /
      2 could not connect.
  standin_wisp.py autobahn URL [--agent NAME] [--cases N-M]
      Autobahn|Testsuite fuzzingserver client testee: /getCaseCount, then per
      case /runCase?case=N&agent=NAME as an echo client, then
      /updateReports?agent=NAME; one line per case, then a summary.

Fault injection, to check that the harness notices failures
(WISP_STANDIN_FAULT, comma-separated):
  corrupt-echo   echo-server flips the last byte of every echoed message of
                 at least 65536 bytes
  text-as-binary autobahn echoes text messages back as binary
"""
import argparse
import asyncio
import json
import os
import signal
import sys
import time
import urllib.parse


# websockets' asyncio API refuses (close 1009 "too many fragments") a message
# of 4096 fragments or more unless this is raised; it is read at import time.
os.environ.setdefault("WEBSOCKETS_MAX_FRAGMENTS", str(1 << 24))
from websockets.asyncio.client import connect
from websockets.asyncio.server import serve
from websockets.exceptions import ConnectionClosed

MAX_SIZE = 64 << 20
FAULTS = set(filter(None, os.environ.get("WISP_STANDIN_FAULT", "").split(",")))


# --- echo-server --------------------------------------------------------------

async def echo_handler(ws):
    try:
        async for message in ws:
            if "corrupt-echo" in FAULTS and len(message) >= 65536:
                if isinstance(message, str):
                    message = message[:-1] + ("b" if message[-1] != "b" else "c")
                else:
                    message = message[:-1] + bytes([message[-1] ^ 1])
            await ws.send(message)
    except ConnectionClosed:
        pass


async def echo_server(args):
    loop = asyncio.get_running_loop()
    stop = loop.create_future()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, lambda: stop.done() or stop.set_result(None))
    async with serve(echo_handler, args.host, args.port, compression=None, ping_interval=None,
                     max_size=MAX_SIZE) as server:
        port = server.sockets[0].getsockname()[1]
        host = f"[{args.host}]" if ":" in args.host else args.host
        print(f"listening on ws://{host}:{port}/", flush=True)
        await stop
        server.close()
        try:
            await asyncio.wait_for(server.wait_closed(), 5)
        except asyncio.TimeoutError:
            pass
    return 0


# --- echo-check ---------------------------------------------------------------

async def echo_check(args):
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    try:
        ws = await connect(args.url, compression=None, max_size=MAX_SIZE, max_queue=None,
                           ping_interval=None, open_timeout=10, close_timeout=5)
    except Exception as e:
        print(f"FAIL connect {args.url}: {type(e).__name__}: {e}", flush=True)
        print("0 passed, 1 failed", flush=True)
        return 2
    passed = failed = 0
    for n in sizes:
        for kind in ("text", "binary"):
            msg = ("0123456789abcdef" * (n // 16 + 1))[:n] if kind == "text" else bytes((i * 7 + 3) & 0xFF for i in range(n))
            receiving = asyncio.create_task(ws.recv())
            try:
                await asyncio.wait_for(ws.send(msg), 30)
                echo = await asyncio.wait_for(receiving, 30)
                ok = type(echo) is type(msg) and echo == msg
                detail = "" if ok else f"echo of {len(echo)} differs or has the wrong type"
            except Exception as e:
                receiving.cancel()
                ok, detail = False, f"{type(e).__name__}: {e}"
            passed += ok
            failed += not ok
            print(f"{'ok  ' if ok else 'FAIL'} {kind} {n} B{': ' + detail if detail else ''}", flush=True)
    try:
        await asyncio.wait_for(ws.close(), 10)
    except Exception:
        pass
    print(f"{passed} passed, {failed} failed", flush=True)
    return 0 if failed == 0 else 1


# --- autobahn client testee ---------------------------------------------------

async def get_one(url, timeout=10):
    async with connect(url, compression=None, ping_interval=None, open_timeout=timeout) as ws:
        return await asyncio.wait_for(ws.recv(), timeout)


async def run_case(url, timeout):
    try:
        async with connect(url, compression=None, max_size=None, max_queue=None, ping_interval=None,
                           open_timeout=10, close_timeout=5) as ws:
            async def loop():
                async for message in ws:
                    if "text-as-binary" in FAULTS and isinstance(message, str):
                        message = message.encode()
                    await ws.send(message)
            await asyncio.wait_for(loop(), timeout)
    except ConnectionClosed:
        pass
    except asyncio.TimeoutError:
        return "client timeout"
    except Exception as e:  # handshake failure, protocol error raised by websockets …
        return f"{type(e).__name__}"
    return ""


async def autobahn(args):
    base = args.url.rstrip("/")
    agent = urllib.parse.quote(args.agent)
    try:
        count = int(json.loads(await get_one(f"{base}/getCaseCount")))
    except Exception as e:
        print(f"autobahn: cannot get case count from {base}: {type(e).__name__}: {e}", flush=True)
        return 2
    first, last = 1, count
    if args.cases:
        a, _, b = args.cases.partition("-")
        first, last = int(a), int(b or a)
        last = min(last, count)
    tally = {}
    t0 = time.monotonic()
    for i in range(first, last + 1):
        try:
            cid = json.loads(await get_one(f"{base}/getCaseInfo?case={i}"))["id"]
        except Exception:
            cid = "?"
        c0 = time.monotonic()
        note = await run_case(f"{base}/runCase?case={i}&agent={agent}", args.case_timeout)
        try:
            behavior = json.loads(await get_one(f"{base}/getCaseStatus?case={i}&agent={agent}", 30))["behavior"]
        except Exception:
            behavior = "?"
        tally[behavior] = tally.get(behavior, 0) + 1
        print(f"case {i}/{count} {cid}: {behavior} ({(time.monotonic() - c0) * 1000:.0f} ms)"
              f"{' ' + note if note else ''}", flush=True)
    try:
        async with connect(f"{base}/updateReports?agent={agent}", ping_interval=None, open_timeout=10) as ws:
            await asyncio.wait_for(ws.wait_closed(), 120)
    except Exception as e:
        print(f"autobahn: updateReports failed: {type(e).__name__}: {e}", flush=True)
        return 1
    summary = ", ".join(f"{v} {k}" for k, v in sorted(tally.items()))
    print(f"autobahn: {last - first + 1} cases in {time.monotonic() - t0:.1f} s: {summary}", flush=True)
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("echo-server")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=0)
    p = sub.add_parser("echo-check")
    p.add_argument("url")
    p.add_argument("--sizes", default="0,1,125,126,127,65535,65536,1048576")
    p = sub.add_parser("autobahn")
    p.add_argument("url")
    p.add_argument("--agent", default="wisp")
    p.add_argument("--cases", default="")
    p.add_argument("--case-timeout", type=float, default=60)
    args = ap.parse_args()
    fn = {"echo-server": echo_server, "echo-check": echo_check, "autobahn": autobahn}[args.cmd]
    try:
        rc = asyncio.run(fn(args))
    except KeyboardInterrupt:
        rc = 0
    sys.stdout.flush()
    os._exit(rc)


if __name__ == "__main__":
    main()
