import EventLoop
import TLS
import Testing
import WebSocket
import WebSocketClient
import WebSocketServer

/// A reactor with wisp's echo server and helpers to run a client against it, all bounded in time.
final class Loopback {
    let reactor: Reactor
    let server: WebSocketServer
    var serverEvents: [WebSocketEvent] = []
    var serverCloses: [CloseInfo] = []
    var serverConnections: [ServerConnection] = []

    init(host: String = "127.0.0.1", configuration: ServerConfiguration = .init(), tls: TLSContext? = nil, echo: Bool = true) throws {
        reactor = try Reactor()
        server = try WebSocketServer(host: host, port: 0, configuration: configuration, tls: tls, reactor: reactor)
        server.onConnect = { [unowned self] connection in
            self.serverConnections.append(connection)
            connection.onEvent = { [unowned self, unowned connection] event in
                self.serverEvents.append(event)
                guard echo else { return }
                switch event {
                case .text(let t): t.bytes.withUnsafeBytes { connection.send(.text, payload: $0) }
                case .binary(let b): connection.send(.binary(b))
                default: break
                }
            }
            connection.onClose = { [unowned self] info in self.serverCloses.append(info) }
        }
    }

    var url: WebSocketURL {
        let a = server.localAddress
        return WebSocketURL(isSecure: server.isSecure, host: a.host, port: a.port, resource: "/ws")
    }

    /// Runs the reactor until `done` or 10 s; records an issue on timeout.
    @discardableResult
    func run(_ what: String = "condition", sourceLocation: SourceLocation = #_sourceLocation, until done: () -> Bool) throws -> Bool {
        let ok = try reactor.run(timeout: .seconds(10), until: done)
        if !ok { Issue.record("timed out waiting for \(what)", sourceLocation: sourceLocation) }
        return ok
    }
}

/// A client plus everything it reported.
final class RecordingClient {
    let client: WebSocketClient
    var opened: HandshakeResponse?
    var events: [WebSocketEvent] = []
    var end: ClientEnd?

    init(url: WebSocketURL, configuration: ClientConfiguration = .init(), reactor: Reactor) {
        client = WebSocketClient(url: url, configuration: configuration, reactor: reactor)
        client.onOpen = { [unowned self] in self.opened = $0 }
        client.onEvent = { [unowned self] in self.events.append($0) }
        client.onEnd = { [unowned self] in self.end = $0 }
        client.start()
    }

    var messages: [WebSocketEvent] {
        events.filter { if case .text = $0 { return true }; if case .binary = $0 { return true }; return false }
    }
}

/// A raw TCP server that answers every connection with fixed bytes (or nothing): a hostile peer.
final class ScriptedServer {
    let listener: TCPListener
    var sockets: [TCPSocket] = []
    var received: [UInt8] = []

    init(reactor: Reactor, answer: @escaping ([UInt8]) -> [UInt8]?, closeAfter: Bool = false, stopReading: Bool = false) throws {
        listener = try TCPListener(host: "127.0.0.1", port: 0, on: reactor)
        listener.onAccept = { [unowned self] socket in
            self.sockets.append(socket)
            var answered = false
            socket.onData = { [unowned self, unowned socket] bytes in
                self.received += Array(bytes)
                guard !answered, self.received.count >= 4, self.received.suffix(4) == [13, 10, 13, 10] else { return }
                answered = true
                if let reply = answer(self.received) {
                    socket.write(reply)
                    if closeAfter { socket.shutdownWrite() }
                    if stopReading { socket.isReadingPaused = true }
                }
            }
            socket.onEOF = { [unowned socket] in socket.close() }
        }
    }

    var url: WebSocketURL { WebSocketURL(host: "127.0.0.1", port: listener.localAddress.port, resource: "/") }

    /// The key the client sent, to compute a correct accept when the script wants one.
    static func key(in request: [UInt8]) -> String {
        let text = String(decoding: request, as: UTF8.self)
        for line in text.split(separator: "\r\n") where line.lowercased().hasPrefix("sec-websocket-key:") {
            return line.dropFirst("sec-websocket-key:".count).trimmingPrefix(" ").description
        }
        return ""
    }

    static func upgrade(_ request: [UInt8]) -> [UInt8] {
        Array("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: \(HandshakeAccept.value(forKey: key(in: request)))\r\n\r\n".utf8)
    }
}
