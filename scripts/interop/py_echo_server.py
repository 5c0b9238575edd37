#!/usr/bin/env python3
"""Echo server on Python `websockets` (asyncio API, websockets >= 13).

Echoes every text message back as text and every binary message as binary,
one message per message; answers close with close (websockets does that).
Prints exactly one line `listening on ws://HOST:PORT/` (flushed) when ready
(`wss://` with --tls-cert and --tls-key).
No permessage-deflate, no keepalive pings, max message size 64 MiB.
Exits 0 on SIGTERM / SIGINT.

usage: py_echo_server.py [--host 127.0.0.1] [--port 0] [--deflate] [--tls-cert PEM --tls-key PEM]
"""
import argparse
import asyncio
import logging
import os
import signal
import ssl
import sys

# websockets' asyncio API refuses (close 1009 "too many fragments") a message
# of 4096 fragments or more unless this is raised; it is read at import time.
os.environ.setdefault("WEBSOCKETS_MAX_FRAGMENTS", str(1 << 24))
from websockets.asyncio.server import serve
from websockets.exceptions import ConnectionClosed

MAX_SIZE = 64 * 1024 * 1024


async def echo(ws):
    try:
        async for message in ws:  # str for text, bytes for binary
            await ws.send(message)
    except ConnectionClosed:
        pass


async def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--deflate", action="store_true", help="accept permessage-deflate (compression interop)")
    ap.add_argument("--tls-cert", help="serve wss:// with this certificate")
    ap.add_argument("--tls-key", help="the private key of --tls-cert")
    args = ap.parse_args()
    context = None
    if args.tls_cert:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(args.tls_cert, args.tls_key)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.CRITICAL, stream=sys.stderr)

    stop = asyncio.get_running_loop().create_future()
    for sig in (signal.SIGTERM, signal.SIGINT):
        asyncio.get_running_loop().add_signal_handler(sig, lambda: stop.done() or stop.set_result(None))

    async with serve(echo, args.host, args.port, compression="deflate" if args.deflate else None, ping_interval=None,
                     max_size=MAX_SIZE, max_queue=16, write_limit=2**20, ssl=context) as server:
        port = server.sockets[0].getsockname()[1]
        host = f"[{args.host}]" if ":" in args.host else args.host
        print(f"listening on {'wss' if context else 'ws'}://{host}:{port}/", flush=True)
        await stop
        server.close()
        try:
            await asyncio.wait_for(server.wait_closed(), 5)
        except asyncio.TimeoutError:
            pass


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
    sys.exit(0)
