#!/usr/bin/env python3
"""A suggestion server that wants `Authorization: Bearer sekrit` (401 otherwise), for checking
wisp's token handling. Prints `listening on ws://127.0.0.1:PORT/ws` when ready.
usage: py_auth_server.py [--port 0]"""
import asyncio
import http
import json
import sys

from websockets.asyncio.server import serve


def check(connection, request):
    if request.headers.get("Authorization") != "Bearer sekrit":
        return connection.respond(http.HTTPStatus.UNAUTHORIZED, "Missing or bad token.\n")
    return None


async def handler(ws):
    async for message in ws:
        query = json.loads(message).get("payload", {}).get("query", "")
        if query == "binary":
            await ws.send(b"\x00\x01\xff")
            continue
        await ws.send(json.dumps({"event": "aiSuggestions", "payload": {"originalQuery": query, "suggestions": ["auth ok"], "timestamp": 1}}))


async def main():
    port = int(sys.argv[sys.argv.index("--port") + 1]) if "--port" in sys.argv else 0
    async with serve(handler, "127.0.0.1", port, process_request=check) as server:
        print(f"listening on ws://127.0.0.1:{server.sockets[0].getsockname()[1]}/ws", flush=True)
        await asyncio.get_running_loop().create_future()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
