#!/usr/bin/env python3
"""Checks `wisp serve` as an outside client would: the Python `websockets` client sends every
row of PROTOCOL.md's table and compares the exact JSON of each answer with what the reference
PHP handler sends. Plain HTTP and other paths are checked with raw sockets.

usage: py_serve_check.py URL            (e.g. ws://127.0.0.1:6001/ws)
Closing line: `N passed, M failed`; exit 0 when all passed.
"""
import asyncio
import json
import socket
import sys
import time
import urllib.parse

from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

passed = failed = 0


def report(ok, name, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
    print(f"{'ok  ' if ok else 'FAIL'} {name}{(': ' + detail) if detail else ''}", flush=True)


async def ask(ws, message, expect_answer=True, timeout=5.0):
    await ws.send(message)
    try:
        return await asyncio.wait_for(ws.recv(), timeout if expect_answer else 0.5)
    except asyncio.TimeoutError:
        return None


async def protocol_rows(url):
    async with connect(url, max_size=1 << 20) as ws:
        raw = await ask(ws, json.dumps({"type": "productSearchQuery", "payload": {"query": "wireless head"}}))
        answer = json.loads(raw) if raw else None
        ok = (answer is not None and list(answer) == ["event", "payload"] and answer["event"] == "aiSuggestions"
              and list(answer["payload"]) == ["originalQuery", "suggestions", "timestamp"]
              and answer["payload"]["originalQuery"] == "wireless head"
              and isinstance(answer["payload"]["suggestions"], list)
              and 1 <= len(answer["payload"]["suggestions"]) <= 8
              and all(isinstance(s, str) for s in answer["payload"]["suggestions"])
              and isinstance(answer["payload"]["timestamp"], int)
              and abs(answer["payload"]["timestamp"] - time.time()) < 60)
        report(ok, "productSearchQuery → aiSuggestions {originalQuery, suggestions ≤ 8, timestamp}", raw or "no answer")
        if answer:
            first = answer["payload"]["suggestions"][0].lower()
            report("headphone" in first or "headset" in first, "the first suggestion completes the query", first)

        for name, message, expected in [
            ("empty query", {"type": "productSearchQuery", "payload": {"query": ""}}, {"event": "error", "message": "Empty query."}),
            ("missing payload", {"type": "productSearchQuery"}, {"event": "error", "message": "Empty query."}),
            ("unknown type", {"type": "sentimentAnalysis", "payload": {}}, {"event": "error", "message": "Unknown message type."}),
        ]:
            raw = await ask(ws, json.dumps(message))
            report(raw is not None and json.loads(raw) == expected and raw == json.dumps(expected, separators=(",", ":")),
                   f"{name} → {expected['message']}", raw or "no answer")

        for name, message in [("no type", json.dumps({"payload": {"query": "x"}})), ("malformed JSON", "{not json"),
                              ("JSON that is not an object", "[1,2,3]")]:
            raw = await ask(ws, message, expect_answer=False)
            report(raw is None, f"{name} → nothing sent back", raw or "")

        # The connection is still usable after all that.
        raw = await ask(ws, json.dumps({"type": "productSearchQuery", "payload": {"query": "laptop"}}))
        report(raw is not None and json.loads(raw)["payload"]["originalQuery"] == "laptop", "still answering after bad input", raw or "")


async def errors_injected(url_with_errors):
    async with connect(url_with_errors) as ws:
        raw = await ask(ws, json.dumps({"type": "productSearchQuery", "payload": {"query": "coffee"}}))
        expected = '{"event":"error","message":"AI service currently unavailable."}'
        report(raw == expected, "engine failure (--error-rate 1) → AI service currently unavailable.", raw or "no answer")


async def closes(url):
    async with connect(url) as ws:
        await ws.send(b"\x00\x01")
        try:
            await asyncio.wait_for(ws.recv(), 5)
            report(False, "binary frame → close 1003", "got a message")
        except ConnectionClosed as e:
            report(e.rcvd is not None and e.rcvd.code == 1003, "binary frame → close 1003", str(e.rcvd))
    async with connect(url, max_size=None) as ws:
        await ws.send("x" * 70_000)
        try:
            await asyncio.wait_for(ws.recv(), 5)
            report(False, "70 kB message → close 1009", "got a message")
        except ConnectionClosed as e:
            report(e.rcvd is not None and e.rcvd.code == 1009, "70 kB message → close 1009", str(e.rcvd))
    parts = urllib.parse.urlsplit(url)
    try:
        async with connect(f"ws://{parts.hostname}:{parts.port}/elsewhere"):
            report(False, "other path → 404")
    except InvalidStatus as e:
        report(e.response.status_code == 404, "other path → 404", str(e.response.status_code))


def plain_http(url):
    parts = urllib.parse.urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=5) as s:
        s.sendall(f"GET {parts.path} HTTP/1.1\r\nHost: {parts.hostname}\r\n\r\n".encode())
        data = b""
        while True:
            chunk = s.recv(4096)
            if not chunk:
                break
            data += chunk
    text = data.decode("utf-8", "replace")
    report(text.startswith("HTTP/1.1 426") and "WebSocket endpoint" in text, "plain HTTP GET → a page saying this is a WebSocket endpoint",
           text.split("\r\n", 1)[0])


async def main():
    url = sys.argv[1]
    await protocol_rows(url)
    await closes(url)
    plain_http(url)
    if len(sys.argv) > 2:
        await errors_injected(sys.argv[2])
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(asyncio.wait_for(main(), 60)))
