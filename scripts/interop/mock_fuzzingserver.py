#!/usr/bin/env python3
"""A small stand-in for Autobahn|Testsuite's fuzzingserver (`wstest -m fuzzingserver`),
on Python `websockets`, for machines where wstest cannot run (it is Python 2 only).

It speaks the same client-testee protocol over WebSocket:
  /getCaseCount                     one text message: the number of cases, then close
  /getCaseInfo?case=N               one text message: {"id": ..., "description": ...}
  /getCaseStatus?case=N&agent=A     one text message: {"behavior": ...} once case N has run
  /runCase?case=N&agent=A           runs case N against the connecting client
  /updateReports?agent=A            writes OUTDIR/index.json (+ one JSON file per case), then close
and writes reports in wstest's JSON format, so scripts/interop/autobahn_report.py
reads both.

Cases (ids follow Autobahn's numbering for similar cases):
  1.1.1  echo of a 125-byte text message
  1.2.1  echo of a 65536-byte binary message
  2.1    ping with a payload -> pong with the same payload
  5.1    text message in 3 fragments (multi-byte UTF-8 across them) -> echoed as one text message
  6.1    text message with invalid UTF-8 -> client closes with 1007
  4.1.1  frame with reserved opcode 3 -> client closes with 1002
  3.1    text frame with RSV1 set (no extension negotiated) -> client closes with 1002
  7.1.1  server closes with 1000 -> client answers with close 1000
In echo and ping cases the server then closes with 1000 and expects a close 1000 back
(behaviorClose). A case passes with behavior OK, fails with FAILED.

usage: mock_fuzzingserver.py --spec SPEC.json
  SPEC.json as for wstest: {"url": "ws://127.0.0.1:PORT", "outdir": DIR,
  "cases": ["*"], "exclude-cases": ["12.*", ...]} (fnmatch patterns on case ids)
"""
import argparse
import asyncio
import datetime
import fnmatch
import json
import os
import signal
import struct
import sys
import time
import urllib.parse

os.environ.setdefault("WEBSOCKETS_MAX_FRAGMENTS", str(1 << 24))
from websockets.asyncio.server import serve
from websockets.exceptions import ConnectionClosed

TIMEOUT = 5.0


def raw_frame(opcode, payload, fin=True, rsv=0):
    """An unmasked (server-to-client) frame, built by hand so it can be invalid."""
    b0 = (0x80 if fin else 0) | (rsv << 4) | opcode
    n = len(payload)
    if n < 126:
        head = struct.pack("!BB", b0, n)
    elif n < 65536:
        head = struct.pack("!BBH", b0, 126, n)
    else:
        head = struct.pack("!BBQ", b0, 127, n)
    return head + payload


class Outcome:
    def __init__(self):
        self.behavior = "FAILED"
        self.result = ""
        self.behavior_close = "FAILED"
        self.result_close = ""


async def expect_echo(ws, sent, out):
    try:
        echo = await asyncio.wait_for(ws.recv(), TIMEOUT)
    except asyncio.TimeoutError:
        out.result = f"no echo within {TIMEOUT:g} s"
        return
    except ConnectionClosed as e:
        out.result = f"connection closed instead of an echo ({e})"
        return
    if type(echo) is not type(sent):
        out.result = f"echo came back as {'text' if isinstance(echo, str) else 'binary'}"
    elif echo != sent:
        out.result = f"echo differs ({len(echo)} vs {len(sent)})"
    else:
        out.behavior, out.result = "OK", "received the echo as sent"


async def close_normally(ws, out):
    """Server-initiated close 1000; the client must answer with 1000 (or no code)."""
    try:
        await asyncio.wait_for(ws.close(1000), TIMEOUT + 1)
    except Exception:
        pass
    rcvd = ws.protocol.close_rcvd
    if rcvd is None:
        out.behavior_close, out.result_close = "UNCLEAN", "no close frame from the client"
    elif rcvd.code not in (1000, 1005):
        out.behavior_close, out.result_close = "WRONG CODE", f"client answered close with {rcvd.code}"
    else:
        out.behavior_close, out.result_close = "OK", f"client answered close with {rcvd.code}"


async def expect_client_close(ws, code, out):
    """After a protocol violation: the client must close with `code`."""
    try:
        await asyncio.wait_for(ws.wait_closed(), TIMEOUT)
    except asyncio.TimeoutError:
        out.result = f"client did not close within {TIMEOUT:g} s"
        out.behavior_close, out.result_close = "FAILED", out.result
        return
    rcvd = ws.protocol.close_rcvd
    if rcvd is None:
        out.result = "connection dropped without a close frame"
        out.behavior, out.behavior_close, out.result_close = "FAILED", "UNCLEAN", out.result
    elif rcvd.code != code:
        out.result = f"client closed with {rcvd.code}, expected {code}"
        out.behavior, out.behavior_close, out.result_close = "FAILED", "WRONG CODE", out.result
    else:
        out.result = f"client closed with {code}"
        out.behavior, out.behavior_close, out.result_close = "OK", "OK", out.result


async def case_echo_text(ws, out):
    msg = ("*" * 125)
    await ws.send(msg)
    await expect_echo(ws, msg, out)
    await close_normally(ws, out)


async def case_echo_binary(ws, out):
    msg = bytes((i * 31 + 7) & 0xFF for i in range(65536))
    await ws.send(msg)
    await expect_echo(ws, msg, out)
    await close_normally(ws, out)


async def case_ping(ws, out):
    payload = b"mock ping \x00\xff"
    try:
        waiter = await ws.ping(payload)  # resolved only by a pong with this payload
        await asyncio.wait_for(waiter, TIMEOUT)
        out.behavior, out.result = "OK", "pong with the ping's payload"
    except asyncio.TimeoutError:
        out.result = f"no pong with the ping's payload within {TIMEOUT:g} s"
    except ConnectionClosed as e:
        out.result = f"connection closed instead of a pong ({e})"
    await close_normally(ws, out)


async def case_fragmented_text(ws, out):
    parts = ["Hello, w\xf6", "rld \u2713 \U0001F680", "!"]
    data = "".join(parts).encode()
    # split inside multi-byte sequences on purpose: 'ö' is bytes 8-9, cut at 9
    chunks = [data[:9], data[9:20], data[20:]]
    ws.transport.write(raw_frame(1, chunks[0], fin=False))
    ws.transport.write(raw_frame(0, chunks[1], fin=False))
    ws.transport.write(raw_frame(0, chunks[2], fin=True))
    await expect_echo(ws, data.decode(), out)
    await close_normally(ws, out)


async def case_invalid_utf8(ws, out):
    ws.transport.write(raw_frame(1, b"valid prefix \xce\xba\xe1\xbd\xb9\xcf\x83 then \xed\xa0\x80 invalid"))
    await expect_client_close(ws, 1007, out)


async def case_reserved_opcode(ws, out):
    ws.transport.write(raw_frame(3, b""))
    await expect_client_close(ws, 1002, out)


async def case_rsv1(ws, out):
    ws.transport.write(raw_frame(1, b"rsv1 set", rsv=4))
    await expect_client_close(ws, 1002, out)


async def case_server_close(ws, out):
    out.behavior, out.result = "OK", "nothing sent before the close"
    await close_normally(ws, out)
    if out.behavior_close != "OK":
        out.behavior = "FAILED"


CASES = [
    ("1.1.1", "Send a text message of 125 bytes.", "Echo of the message.", case_echo_text),
    ("1.2.1", "Send a binary message of 65536 bytes.", "Echo of the message.", case_echo_binary),
    ("2.1", "Send a ping with a payload.", "Pong with the same payload.", case_ping),
    ("3.1", "Send a text frame with RSV1 set (no extension negotiated).", "Close 1002.", case_rsv1),
    ("4.1.1", "Send a frame with reserved opcode 3.", "Close 1002.", case_reserved_opcode),
    ("5.1", "Send a text message in 3 fragments, split inside UTF-8 sequences.",
     "Echo as one text message.", case_fragmented_text),
    ("6.1", "Send a text message with invalid UTF-8.", "Close 1007.", case_invalid_utf8),
    ("7.1.1", "Close with 1000.", "Close 1000 back.", case_server_close),
]


class Mock:
    def __init__(self, spec):
        self.outdir = spec.get("outdir", "./reports/clients")
        inc = spec.get("cases", ["*"])
        exc = spec.get("exclude-cases", [])
        self.cases = [c for c in CASES
                      if any(fnmatch.fnmatch(c[0], p) for p in inc) and not any(fnmatch.fnmatch(c[0], p) for p in exc)]
        self.results = {}  # agent -> id -> dict
        self.done = {}  # (agent, id) -> Event

    def event(self, agent, cid):
        return self.done.setdefault((agent, cid), asyncio.Event())

    async def handler(self, ws):
        u = urllib.parse.urlsplit(ws.request.path)
        q = urllib.parse.parse_qs(u.query)
        agent = q.get("agent", [""])[0]
        try:
            n = int(q.get("case", ["0"])[0])
        except ValueError:
            n = 0
        case = self.cases[n - 1] if 1 <= n <= len(self.cases) else None
        try:
            if u.path == "/getCaseCount":
                await ws.send(json.dumps(len(self.cases)))
            elif u.path == "/getCaseInfo" and case:
                await ws.send(json.dumps({"id": case[0], "description": case[1]}))
            elif u.path == "/getCaseStatus" and case and agent:
                await asyncio.wait_for(self.event(agent, case[0]).wait(), 120)
                await ws.send(json.dumps({"behavior": self.results[agent][case[0]]["behavior"]}))
            elif u.path == "/runCase" and case and agent:
                await self.run_case(ws, agent, case)
                return
            elif u.path == "/updateReports" and agent:
                self.write_reports()
            else:
                await ws.close(1008, "unknown request")
                return
            await ws.close()
        except ConnectionClosed:
            pass

    async def run_case(self, ws, agent, case):
        cid, desc, expectation, fn = case
        print(f"Running test case ID {cid} for agent {agent}", flush=True)
        out = Outcome()
        started = datetime.datetime.utcnow().isoformat(timespec="milliseconds") + "Z"
        t0 = time.monotonic()
        try:
            await asyncio.wait_for(fn(ws, out), 3 * TIMEOUT)
        except asyncio.TimeoutError:
            out.result = out.result or "case timed out"
        except ConnectionClosed as e:
            out.result = out.result or f"connection closed: {e}"
        try:
            await asyncio.wait_for(ws.wait_closed(), TIMEOUT)
        except asyncio.TimeoutError:
            ws.transport.abort()
        rcvd = ws.protocol.close_rcvd
        self.results.setdefault(agent, {})[cid] = {
            "agent": agent, "id": cid, "description": desc, "expectation": expectation,
            "behavior": out.behavior, "result": out.result,
            "behaviorClose": out.behavior_close, "resultClose": out.result_close,
            "remoteCloseCode": rcvd.code if rcvd else None,
            "duration": int((time.monotonic() - t0) * 1000), "started": started,
        }
        self.event(agent, cid).set()

    def write_reports(self):
        os.makedirs(self.outdir, exist_ok=True)
        index = {}
        for agent, res in self.results.items():
            index[agent] = {}
            for cid, r in res.items():
                fn = "".join(c if c.isalnum() else "_" for c in agent.lower()) + "_case_" + cid.replace(".", "_") + ".json"
                with open(os.path.join(self.outdir, fn), "w") as f:
                    json.dump(r, f, indent=3, sort_keys=True)
                index[agent][cid] = {k: r[k] for k in ("behavior", "behaviorClose", "remoteCloseCode", "duration")}
                index[agent][cid]["reportfile"] = fn
        with open(os.path.join(self.outdir, "index.json"), "w") as f:
            json.dump(index, f, indent=3, sort_keys=True)
        print(f"reports written to {self.outdir}", flush=True)


async def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--spec", required=True)
    args = ap.parse_args()
    with open(args.spec) as f:
        spec = json.load(f)
    u = urllib.parse.urlsplit(spec["url"])
    mock = Mock(spec)
    loop = asyncio.get_running_loop()
    stop = loop.create_future()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, lambda: stop.done() or stop.set_result(None))
    async with serve(mock.handler, u.hostname or "127.0.0.1", u.port or 9001, compression=None,
                     ping_interval=None, max_size=None, max_queue=None):
        print(f"mock fuzzingserver on {spec['url']}: {len(mock.cases)} cases: "
              f"{', '.join(c[0] for c in mock.cases)}", flush=True)
        await stop


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
    sys.exit(0)
