import EventLoop
import SuggestProtocol
import WebSocket
import WebSocketServer
import TLS

/// Anything that turns a query into suggestions; the catalog engine in production, fixed lists in tests.
public protocol SuggestionSource {
    func suggestions(for query: String, limit: Int) throws -> [String]
}

/// The demo server: speaks PROTOCOL.md exactly as the reference PHP handler does, on
/// wisp's own server glue and reactor. One slow client never delays another: every
/// answer is scheduled per connection, and each connection keeps only its latest query.
public final class DemoServer {
    public let options: DemoServerOptions
    public var localAddress: SocketAddress { server.localAddress }
    /// Open connections.
    public var connectionCount: Int { server.connections.count }

    private let reactor: Reactor
    private let server: WebSocketServer
    private let source: SuggestionSource
    private let log: (String) -> Void
    private let unixTime: () -> Int
    private var scheduler: QueryScheduler
    private var clients: [Int: ClientState] = [:]

    /// `log` receives one line per connection and per query; `unixTime` stamps answers;
    /// with `tls`, clients connect with `wss://`.
    public init(options: DemoServerOptions, source: SuggestionSource, reactor: Reactor, tls: TLSContext? = nil,
                log: @escaping (String) -> Void = { _ in }, unixTime: @escaping () -> Int) throws(SocketError) {
        self.options = options
        self.reactor = reactor
        self.source = source
        self.log = log
        self.unixTime = unixTime
        scheduler = QueryScheduler(delay: options.delay, jitter: options.jitter, errorRate: options.errorRate, seed: options.seed)
        // No read pausing: a client that floods queries and never reads is dropped at the
        // queue limit instead of being held open forever with its reading paused.
        var config = ServerConfiguration(connection: .init(maxMessageSize: options.maxMessageSize),
                                         pauseReadingAbove: .max, maxQueuedBytes: options.maxQueuedBytes)
        config.maxConnections = options.maxConnections
        server = try WebSocketServer(host: options.host, port: options.port, configuration: config, tls: tls, reactor: reactor)
        let path = options.path
        server.decideUpgrade = { request in
            request.path == path ? .accept(subprotocol: nil)
                : .reject(status: 404, reason: "Not Found", body: "No WebSocket endpoint at \(request.path); try \(path).\n")
        }
        server.answerPlainHTTP = { _, target in
            let asked = String(target.prefix { $0 != "?" })
            guard asked == path else {
                return ServerHandshake.response(status: 404, reason: "Not Found", body: "Not found. The WebSocket endpoint is \(path).\n")
            }
            return ServerHandshake.response(
                status: 426, reason: "Upgrade Required", headers: [("Upgrade", "websocket"), ("Sec-WebSocket-Version", "13")],
                contentType: "text/html; charset=utf-8",
                body: "<!doctype html><title>wisp demo server</title><h1>wisp demo server</h1><p>This is a WebSocket endpoint (\(path)). Connect with a WebSocket client, e.g. <code>wisp ws://HOST:PORT\(path)</code>.</p>\n")
        }
        server.onConnect = { [unowned self] connection in self.connected(connection) }
        server.onTLSFailure = { address, error in log("TLS with \(address): \(error)") }
        if let limit = options.maxConnections {
            let clients = limit == 1 ? "1 client" : "\(limit) clients"
            server.onFull = { address in log("turned away \(address): \(clients) already (--max-connections)") }
        }
    }

    /// Closes every client with 1001 and stops listening.
    public func shutdown() {
        for state in clients.values { state.cancelTimers(reactor) }
        server.shutdown(code: .goingAway, reason: "server shutting down")
    }

    private func connected(_ connection: ServerConnection) {
        let state = ClientState()
        clients[connection.id] = state
        let tls = connection.tlsSession.map { session in
            " over \(session.version)" + (connection.requestedServerName.map { " for \($0)" } ?? "")
        } ?? ""
        log("#\(connection.id) connected from \(connection.peerAddress)\(tls)")
        connection.onEvent = { [unowned self, unowned connection] event in
            switch event {
            case .text(let text): self.received(text.string, on: connection, state: state)
            case .binary:
                self.log("#\(connection.id) sent a binary frame: closing with 1003")
                connection.close(code: .unsupportedData, reason: "binary messages are not supported")
            default: break
            }
        }
        connection.onClose = { [unowned self, id = connection.id] info in
            self.clients.removeValue(forKey: id)?.cancelTimers(self.reactor)
            self.log("#\(id) closed: \(info)")
        }
        if let interval = options.pingInterval { schedulePing(connection, state: state, every: interval) }
    }

    private func schedulePing(_ connection: ServerConnection, state: ClientState, every interval: Duration) {
        state.pingTimer = reactor.addTimer(after: interval) { [unowned self, weak connection] in
            guard let connection else { return }
            connection.ping()
            self.schedulePing(connection, state: state, every: interval)
        }
    }

    private func received(_ text: String, on connection: ServerConnection, state: ClientState) {
        switch ClientRequest.decode(text, names: options.names) {
        case .ignored:
            log("#\(connection.id) ignored a message without a type")
        case .emptyQuery:
            connection.send(.text(ServerMessage.emptyQuery.encoded(names: options.names)))
        case .unknownType(let type):
            log("#\(connection.id) unknown message type \(type)")
            connection.send(.text(ServerMessage.unknownType.encoded(names: options.names)))
        case .query(let query):
            schedule(query, on: connection, state: state)
        }
    }

    /// Answers now or after the simulated latency; a newer query replaces one still waiting
    /// (the client only shows the latest), so a flood is shed, never queued.
    private func schedule(_ query: String, on connection: ServerConnection, state: ClientState) {
        let outcome = scheduler.next()
        if let pending = state.pending {
            reactor.cancelTimer(pending)
            state.pending = nil
            log("#\(connection.id) superseded a waiting query")
        }
        let received = reactor.now
        let answer = { [unowned self, weak connection] in
            guard let connection else { return }
            state.pending = nil
            self.answer(query, outcome: outcome, on: connection, since: received)
        }
        switch outcome {
        case .answer(let after) where after == .zero, .fail(let after) where after == .zero:
            answer()
        case .answer(let after), .fail(let after):
            state.pending = reactor.addTimer(after: after, answer)
        }
    }

    private func answer(_ query: String, outcome: QueryScheduler.Outcome, on connection: ServerConnection, since: Instant) {
        let message: ServerMessage
        var summary: String
        if case .fail = outcome {
            message = .serviceUnavailable
            summary = "failed (injected)"
        } else {
            do {
                let items = try source.suggestions(for: query, limit: options.maxSuggestions)
                message = .suggestions(originalQuery: query, suggestions: items, timestamp: unixTime())
                summary = "\(items.count) suggestion\(items.count == 1 ? "" : "s")"
            } catch {
                message = .serviceUnavailable
                summary = "failed: \(error)"
            }
        }
        connection.send(.text(message.encoded(names: options.names)))
        let elapsed = reactor.now.duration(since: since)
        log("#\(connection.id) query \(Self.quoted(query)) → \(summary) in \(Self.milliseconds(elapsed)) ms")
    }

    static func quoted(_ s: String) -> String {
        let clipped = s.count > 60 ? String(s.prefix(60)) + "…" : s
        let visible = clipped.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "\u{FFFD}" : String($0) }.joined()
        return "\"\(visible)\""
    }

    static func milliseconds(_ d: Duration) -> String {
        let (s, atto) = d.components
        let micros = s * 1_000_000 + atto / 1_000_000_000_000
        return "\(micros / 1000).\(String(format3(micros % 1000)))"
    }

    private static func format3(_ n: Int64) -> String {
        let t = String(n)
        return String(repeating: "0", count: max(0, 3 - t.count)) + t
    }
}

/// Per-connection timers: the waiting answer and the ping schedule.
final class ClientState {
    var pending: TimerID?
    var pingTimer: TimerID?

    func cancelTimers(_ reactor: Reactor) {
        if let p = pending { reactor.cancelTimer(p); pending = nil }
        if let p = pingTimer { reactor.cancelTimer(p); pingTimer = nil }
    }
}

extension SuggestionEngine: SuggestionSource {
    public func suggestions(for query: String, limit: Int) throws -> [String] { suggest(query, limit: limit) }
}
