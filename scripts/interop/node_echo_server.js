#!/usr/bin/env node
// Echo server on node's `ws` (Debian package node-ws, ws 8.x).
//
// Echoes every text message back as text and every binary message as binary,
// one message per message; answers close with close (ws does that).
// Prints exactly one line `listening on ws://HOST:PORT/` when ready.
// No permessage-deflate, max message size 64 MiB. Exits 0 on SIGTERM/SIGINT.
//
// usage: node node_echo_server.js [--host 127.0.0.1] [--port 0]
//
// Debian installs ws in /usr/share/nodejs/ws, which the node on PATH here
// (NodeSource's nodejs 20) does not search; fall back to that path.
'use strict';

function loadWs() {
  try {
    return require('ws');
  } catch (e) {
    return require('/usr/share/nodejs/ws');
  }
}
const WebSocket = loadWs();

function arg(name, def) {
  const i = process.argv.indexOf(name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : def;
}
const host = arg('--host', '127.0.0.1');
const port = parseInt(arg('--port', '0'), 10);

const wss = new WebSocket.WebSocketServer({
  host,
  port,
  // --deflate turns permessage-deflate on (every message compressed), for compression interop.
  perMessageDeflate: process.argv.includes('--deflate') ? { threshold: 0 } : false,
  maxPayload: 64 * 1024 * 1024,
  clientTracking: true,
});

wss.on('connection', (ws) => {
  ws.on('message', (data, isBinary) => {
    // data is a Buffer (fragments already joined); isBinary tells the opcode.
    ws.send(data, { binary: isBinary });
  });
  ws.on('error', () => {});
});

wss.on('listening', () => {
  const a = wss.address();
  const h = a.family === 'IPv6' || a.family === 6 ? `[${a.address}]` : a.address;
  process.stdout.write(`listening on ws://${h}:${a.port}/\n`);
});

wss.on('error', (e) => {
  process.stderr.write(`node_echo_server: ${e.message}\n`);
  process.exit(1);
});

function shutdown() {
  for (const c of wss.clients) c.terminate();
  wss.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
