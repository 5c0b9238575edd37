import EventLoop
import TLS
import WebSocket

/// Settings of the server role.
public struct ServerConfiguration: Sendable {
    public var connection: WebSocketConnection.Configuration
    public var maxRequestHeadSize: Int
    /// A peer that has not completed its handshake by then is dropped.
    public var handshakeTimeout: Duration
    /// After our close frame, how long the peer has to answer before TCP is cut.
    public var closeTimeout: Duration
    /// Above this many unsent bytes, stop reading from the peer until they drain (echo backpressure).
    public var pauseReadingAbove: Int
    /// Above this many unsent bytes the peer is not reading at all: drop it.
    public var maxQueuedBytes: Int
    /// Accept permessage-deflate when a client offers it.
    public var compression: Bool = true
    /// Peers at most, handshaking or connected; one more is answered 503 (over plain TCP) or
    /// hung up on (TLS) at once. nil: no limit but the process's open files.
    public var maxConnections: Int?

    public init(connection: WebSocketConnection.Configuration = .init(), maxRequestHeadSize: Int = 8 << 10,
                handshakeTimeout: Duration = .seconds(10), closeTimeout: Duration = .seconds(2),
                pauseReadingAbove: Int = 4 << 20, maxQueuedBytes: Int = 128 << 20) {
        self.connection = connection
        self.maxRequestHeadSize = maxRequestHeadSize
        self.handshakeTimeout = handshakeTimeout
        self.closeTimeout = closeTimeout
        self.pauseReadingAbove = pauseReadingAbove
        self.maxQueuedBytes = maxQueuedBytes
    }
}

/// What the application decides for an upgrade request.
public enum UpgradeDecision: Sendable {
    case accept(subprotocol: String?)
    /// Answer with this HTTP status and body, then close.
    case reject(status: Int, reason: String, body: String)
}

/// The server role on the reactor: listener → handshake → one `WebSocketConnection` per peer.
/// The mirror of `WebSocketClient`; applications (echo, the demo server) hang off its callbacks.
public final class WebSocketServer {
    public let configuration: ServerConfiguration
    public var localAddress: SocketAddress { listener.localAddress }
    /// Decides on each upgrade; accepts everything by default.
    public var decideUpgrade: (UpgradeRequest) -> UpgradeDecision = { _ in .accept(subprotocol: nil) }
    /// Answers a plain HTTP request (no Upgrade header); the default says this is a WebSocket endpoint.
    public var answerPlainHTTP: (_ method: String, _ target: String) -> [UInt8] = { _, _ in
        ServerHandshake.response(status: 426, reason: "Upgrade Required", headers: [("Upgrade", "websocket"), ("Sec-WebSocket-Version", "13")],
                                 body: "This is a WebSocket endpoint; connect with a WebSocket client.\n")
    }
    /// A new peer completed its handshake.
    public var onConnect: ((ServerConnection) -> Void)?
    /// A peer's TLS handshake failed (with `tls` set), or a TLS client came to this plain
    /// server; the peer is already dropped.
    public var onTLSFailure: ((SocketAddress, TLSError) -> Void)?
    /// Whether peers must speak TLS first (`wss://`).
    public var isSecure: Bool { tls != nil }
    /// Connections currently open (handshake done, not yet ended).
    public private(set) var connections: [Int: ServerConnection] = [:]
    /// A peer was turned away because `maxConnections` were open (for a log line).
    public var onFull: ((SocketAddress) -> Void)?

    private let reactor: Reactor
    private let listener: TCPListener
    private let tls: TLSContext?
    private var nextID = 0
    private var pending: [Int: PendingPeer] = [:]

    /// Listens on `host:port`; with `tls`, every peer is a TLS session first (`wss://`).
    public init(host: String, port: UInt16, configuration: ServerConfiguration = .init(), tls: TLSContext? = nil,
                reactor: Reactor) throws(SocketError) {
        self.configuration = configuration
        self.reactor = reactor
        self.tls = tls
        listener = try TCPListener(host: host, port: port, on: reactor)
        listener.onAccept = { [unowned self] socket in self.accepted(socket) }
    }

    /// Sends close 1001 (or `code`) to every peer and stops listening; peers end as they answer or time out.
    public func shutdown(code: CloseCode = .goingAway, reason: String = "server shutting down") {
        listener.close()
        for peer in pending.values { peer.socket.close() }
        pending.removeAll()
        for connection in connections.values { connection.close(code: code, reason: reason) }
    }

    private func accepted(_ tcp: TCPSocket) {
        if let limit = configuration.maxConnections, pending.count + connections.count >= limit {
            turnAway(tcp, limit: limit)
            return
        }
        nextID += 1
        let id = nextID
        let socket: any ByteStream
        if let tls {
            do {
                let stream = try TLSStream(socket: tcp, context: tls, role: .server, reactor: reactor)
                stream.plaintextAnswer = ServerHandshake.response(status: 400, reason: "Bad Request",
                                                                  body: "This port speaks TLS: connect with wss://\n")
                socket = stream
            } catch {
                tcp.close()
                onTLSFailure?(tcp.peerAddress, error)
                return
            }
        } else {
            socket = tcp
        }
        let peer = PendingPeer(socket: socket, handshake: ServerHandshake(maxRequestHeadSize: configuration.maxRequestHeadSize))
        pending[id] = peer
        // One deadline covers the TLS and the WebSocket handshakes together.
        let timeout = configuration.handshakeTimeout
        peer.timer = reactor.addTimer(after: timeout) { [weak self] in
            guard let self, let peer = self.pending.removeValue(forKey: id) else { return }
            if let stream = peer.socket as? TLSStream, stream.session == nil {
                let address = stream.peerAddress
                stream.close()
                self.onTLSFailure?(address, .handshakeFailed(detail: "not finished within \(timeout.humanDescription)"))
            } else {
                peer.socket.close()
            }
        }
        guard let stream = socket as? TLSStream else {
            listenForHandshake(id, on: socket)
            return
        }
        stream.onHandshake = { [unowned self] result in
            switch result {
            case .success: self.listenForHandshake(id, on: stream)
            case .failure(let error):
                let address = stream.peerAddress
                self.dropPending(id)
                self.onTLSFailure?(address, error)
            }
        }
        stream.startHandshake()
    }

    private func listenForHandshake(_ id: Int, on socket: any ByteStream) {
        socket.onData = { [unowned self] bytes in self.handshakeData(id, bytes) }
        socket.onEOF = { [unowned self] in self.dropPending(id) }
        socket.onError = { [unowned self] _ in self.dropPending(id) }
    }

    private func dropPending(_ id: Int) {
        guard let peer = pending.removeValue(forKey: id) else { return }
        if let t = peer.timer { reactor.cancelTimer(t) }
        peer.socket.close()
    }

    private func handshakeData(_ id: Int, _ bytes: UnsafeRawBufferPointer) {
        guard let peer = pending[id], let result = peer.handshake.receive(bytes) else { return }
        pending.removeValue(forKey: id)
        if let t = peer.timer { reactor.cancelTimer(t) }
        let socket = peer.socket
        switch result {
        case .plainHTTP(let method, let target, _):
            answerAndClose(socket, answerPlainHTTP(method, target))
        case .tlsClientHello:
            // Said now, by hanging up, rather than at the handshake timeout.
            let address = socket.peerAddress
            socket.close()
            onTLSFailure?(address, .handshakeFailed(detail: "a TLS client (wss://) on this plain ws:// port"))
        case .invalid(_, _, let response):
            answerAndClose(socket, response)
        case .upgrade(let request, let remaining):
            switch decideUpgrade(request) {
            case .reject(let status, let reason, let body):
                answerAndClose(socket, ServerHandshake.response(status: status, reason: reason, body: body))
            case .accept(let subprotocol):
                let deflate = configuration.compression ? DeflateParameters.negotiate(offers: request.extensions) : nil
                socket.write(ServerHandshake.accept(request, subprotocol: subprotocol, extensions: deflate.map { [$0.response] } ?? []))
                let connection = ServerConnection(id: id, socket: socket, request: request, server: self, deflate: deflate?.0)
                connections[id] = connection
                onConnect?(connection)
                if !remaining.isEmpty { remaining.withUnsafeBytes { connection.received($0) } }
            }
        }
    }

    /// Over plain TCP the peer reads why (a WebSocket client shows HTTP 503 and the body); a
    /// TLS peer could not read plaintext, so it is hung up on before any handshake work.
    private func turnAway(_ tcp: TCPSocket, limit: Int) {
        onFull?(tcp.peerAddress)
        guard tls == nil else {
            tcp.close()
            return
        }
        answerAndClose(tcp, ServerHandshake.response(status: 503, reason: "Service Unavailable", headers: [("Retry-After", "5")],
                                                     body: "This server is full (\(limit) \(limit == 1 ? "connection" : "connections")). Try again later.\n"))
    }

    private func answerAndClose(_ socket: any ByteStream, _ response: [UInt8]) {
        socket.onData = nil
        socket.onEOF = { socket.close() }
        socket.onError = { _ in socket.close() }
        socket.write(response)
        socket.shutdownWrite()
        reactor.addTimer(after: configuration.closeTimeout) { socket.close() }
    }

    fileprivate func ended(_ id: Int) { connections.removeValue(forKey: id) }
    fileprivate var timerReactor: Reactor { reactor }
}

/// A peer during its opening handshake.
private final class PendingPeer {
    let socket: any ByteStream
    var handshake: ServerHandshake
    var timer: TimerID?
    init(socket: any ByteStream, handshake: ServerHandshake) {
        self.socket = socket
        self.handshake = handshake
    }
}

/// One accepted WebSocket peer of a `WebSocketServer`.
public final class ServerConnection {
    public let id: Int
    public let request: UpgradeRequest
    public var peerAddress: SocketAddress { socket.peerAddress }
    /// The TLS session of a `wss://` peer; nil for plain `ws://`.
    public var tlsSession: TLSSession? { (socket as? TLSStream)?.session }
    /// The host name a `wss://` peer asked for with SNI, if it sent one.
    public var requestedServerName: String? { (socket as? TLSStream)?.requestedServerName }
    /// Messages, pings and pongs from the peer.
    public var onEvent: ((WebSocketEvent) -> Void)?
    /// Called once when the connection is over, with how it ended.
    public var onClose: ((CloseInfo) -> Void)?

    private let socket: any ByteStream
    private unowned let server: WebSocketServer
    private var connection: WebSocketConnection
    private var closeTimer: TimerID?
    private var ended = false

    deinit {
        // Socket callbacks hold this connection unowned: they must never outlive it.
        socket.close()
    }

    fileprivate init(id: Int, socket: any ByteStream, request: UpgradeRequest, server: WebSocketServer, deflate: DeflateParameters?) {
        self.id = id
        self.socket = socket
        self.request = request
        self.server = server
        var configuration = server.configuration.connection
        configuration.deflate = deflate
        connection = WebSocketConnection(role: .server, configuration: configuration)
        socket.onData = { [unowned self] bytes in self.received(bytes) }
        socket.onReadInPlace = { [unowned self] read in self.receivedInPlace(read) }
        socket.onEOF = { [unowned self] in
            self.connection.receiveEOF()
            self.pump()
            self.end(CloseInfo(code: .abnormal, reason: "", initiator: .abnormal))
        }
        socket.onError = { [unowned self] error in
            self.end(CloseInfo(code: .abnormal, reason: "\(error)", initiator: .abnormal))
        }
        socket.onDrained = { [unowned self] in
            if self.socket.isReadingPaused { self.socket.isReadingPaused = false }
        }
    }

    /// Bytes sent but not yet written to the peer: queued at the socket, or held back until
    /// the events of this read are delivered.
    public var queuedBytes: Int { socket.queuedBytes + connection.outboundCount }

    fileprivate func received(_ bytes: UnsafeRawBufferPointer) {
        connection.receive(bytes)
        receivedMore()
    }

    /// Lets a large payload be read straight into the message (see `WebSocketConnection.receiveInPlace`).
    private func receivedInPlace(_ read: (UnsafeMutableRawBufferPointer) -> Int) -> Bool {
        guard let count = connection.receiveInPlace(read) else { return false }
        if count > 0 { receivedMore() }
        return true
    }

    private func receivedMore() {
        socket.readExpectation = ReadExpectation(promised: connection.promisedBytes)
        pump()
    }

    private func pump() {
        flush()
        let wasDelivering = deliveringEvents
        deliveringEvents = true
        defer { deliveringEvents = wasDelivering }
        while let event = connection.nextEvent() {
            if case .closed(let info) = event {
                onEvent?(event)
                flush()
                // The server closes TCP first (RFC 6455 §7.1.1), once the close frame is out.
                socket.shutdownWrite()
                if let t = closeTimer { server.timerReactor.cancelTimer(t) }
                closeTimer = server.timerReactor.addTimer(after: server.configuration.closeTimeout) { [weak self] in
                    guard let self else { return }
                    self.end(info)
                }
                lastClose = info
                return
            }
            onEvent?(event)
            if ended { return }
        }
        flush()
    }

    private var lastClose: CloseInfo?
    /// True while `pump` hands events to `onEvent`: what the handler sends waits for its end.
    private var deliveringEvents = false
    /// Times queued frames were handed to the socket (for tests).
    private(set) var socketWrites = 0

    /// Writes queued frames now, or, while events are being delivered, after the last of them
    /// (see `WebSocketConnection.flushesNow`).
    private func flushSoon() {
        guard connection.flushesNow(deliveringEvents: deliveringEvents) else { return }
        flush()
    }

    private func flush() {
        guard connection.hasOutbound, !ended else { return }
        socketWrites += 1
        connection.flushOutbound(adopt: { socket.write($0) }, copy: { socket.write($0) })
        let queued = socket.queuedBytes
        if queued > server.configuration.maxQueuedBytes {
            end(CloseInfo(code: .policyViolation, reason: "peer stopped reading (\(queued) bytes queued)", initiator: .abnormal))
        } else if queued > server.configuration.pauseReadingAbove {
            socket.isReadingPaused = true
        }
    }

    /// Sends a message (dropped silently once closing: the peer is leaving anyway).
    public func send(_ message: Message) {
        guard (try? connection.send(message)) != nil else { return }
        flushSoon()
    }

    /// Sends raw payload bytes as one text or binary message.
    public func send(_ opcode: Opcode, payload: UnsafeRawBufferPointer) {
        guard (try? connection.send(opcode, payload: payload)) != nil else { return }
        flushSoon()
    }

    /// Sends a ping.
    public func ping(_ payload: [UInt8] = []) {
        guard (try? connection.ping(payload)) != nil else { return }
        flushSoon()
    }

    /// Starts the close handshake; the peer has `closeTimeout` to answer.
    public func close(code: CloseCode = .normal, reason: String = "") {
        guard (try? connection.close(code: code, reason: reason)) != nil else { return }
        flush()
        closeTimer = server.timerReactor.addTimer(after: server.configuration.closeTimeout) { [weak self] in
            guard let self else { return }
            self.end(CloseInfo(code: .abnormal, reason: "no close answer", initiator: .local))
        }
    }

    private func end(_ fallback: CloseInfo) {
        guard !ended else { return }
        ended = true
        if let t = closeTimer { server.timerReactor.cancelTimer(t) }
        socket.close()
        server.ended(id)
        let info = lastClose ?? fallback
        let handler = onClose
        onEvent = nil
        onClose = nil
        handler?(info)
    }
}
