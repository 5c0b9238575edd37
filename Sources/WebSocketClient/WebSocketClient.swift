import EventLoop
import TLS
import WebSocket

/// Settings of a client connection beyond its URL.
public struct ClientConfiguration: Sendable {
    public var handshake: ClientHandshakeOptions
    public var connection: WebSocketConnection.Configuration
    /// Bounds DNS and TCP connect together.
    public var connectTimeout: Duration
    public var handshakeTimeout: Duration
    /// How long to wait for the peer to finish a close before dropping the TCP connection.
    public var closeTimeout: Duration
    /// Sends a ping this often once open; nil turns keepalive off.
    public var pingInterval: Duration?
    /// A connection whose ping gets no pong within this time is treated as dead.
    public var pongTimeout: Duration
    /// Offer permessage-deflate (RFC 7692); on by default, as browsers do.
    public var compression: Bool = true
    /// How `wss://` servers are verified (trust store or a CA file, or not at all).
    public var tls = TLSClientOptions()

    public init(handshake: ClientHandshakeOptions = .init(), connection: WebSocketConnection.Configuration = .init(),
                connectTimeout: Duration = .seconds(10), handshakeTimeout: Duration = .seconds(10),
                closeTimeout: Duration = .seconds(2), pingInterval: Duration? = nil, pongTimeout: Duration = .seconds(10)) {
        self.handshake = handshake
        self.connection = connection
        self.connectTimeout = connectTimeout
        self.handshakeTimeout = handshakeTimeout
        self.closeTimeout = closeTimeout
        self.pingInterval = pingInterval
        self.pongTimeout = pongTimeout
    }
}

/// The glue every front end uses: URL → resolve → TCP → TLS (wss) → handshake → `WebSocketConnection`,
/// on the caller's reactor, with timeouts at every wait and optional keepalive.
/// Callbacks run on the reactor's thread; `onEnd` is called exactly once.
public final class WebSocketClient {
    /// Where the connection stands.
    public enum Phase: Sendable {
        /// `securing` is the TLS handshake of a `wss://` URL.
        case idle, resolving, connecting, securing, handshaking, open, closing, ended
    }

    public let url: WebSocketURL
    public let configuration: ClientConfiguration
    public private(set) var phase: Phase = .idle
    /// The server's answer, once open.
    public private(set) var response: HandshakeResponse?
    /// The TLS session of a `wss://` connection, once secured.
    public private(set) var tlsSession: TLSSession?
    /// When `start()` was called and when the handshake completed, for latency reports.
    public private(set) var startedAt: Instant?
    public private(set) var openedAt: Instant?

    public var onOpen: ((HandshakeResponse) -> Void)?
    public var onEvent: ((WebSocketEvent) -> Void)?
    public var onEnd: ((ClientEnd) -> Void)?
    /// Every step, frame and message, for transcripts; nil (the default) records nothing.
    public var onTrace: ((ClientTrace) -> Void)?

    private let reactor: Reactor
    private var random: any RandomNumberGenerator
    private var resolveRequest: ResolveRequest?
    private var connectRequest: ConnectRequest?
    private var socket: (any ByteStream)?
    private var handshake: ClientHandshake?
    private var connection: WebSocketConnection?
    private var deadline: TimerID?
    private var pingTimer: TimerID?
    private var pongDeadline: TimerID?
    private var closeInfo: CloseInfo?
    private var pingCounter: UInt64 = 0

    deinit {
        // Socket callbacks hold this client unowned: they must never outlive it.
        socket?.close()
    }

    public init(url: WebSocketURL, configuration: ClientConfiguration = .init(), reactor: Reactor,
                random: any RandomNumberGenerator = BufferedSystemRandom()) {
        self.url = url
        self.configuration = configuration
        self.reactor = reactor
        self.random = random
    }

    /// Starts connecting. Failures arrive through `onEnd`, never synchronously.
    public func start() {
        guard phase == .idle else { return }
        startedAt = reactor.now
        phase = .resolving
        onTrace?(.resolving(url: url.description))
        let timeout = configuration.connectTimeout
        setDeadline(timeout) { [weak self] in
            guard let self else { return }
            self.finish(.failed(.connectTimedOut(host: self.url.hostHeader, after: timeout)))
        }
        resolveRequest = Resolver.resolve(host: url.host, port: url.port, on: reactor) { [weak self] result in
            guard let self else { return }
            self.resolveRequest = nil
            switch result {
            case .failure(let error): self.finish(.failed(.resolve(error)))
            case .success(let addresses): self.connect(to: addresses)
            }
        }
    }

    private func connect(to addresses: [SocketAddress]) {
        phase = .connecting
        connectRequest = TCPSocket.connect(to: addresses, timeout: configuration.connectTimeout, on: reactor) { [weak self] result in
            guard let self else { return }
            self.connectRequest = nil
            switch result {
            case .failure(let error): self.finish(.failed(.connect(error)))
            case .success(let socket):
                // A server on this machine may share our CPU (see Reactor.pollAfterPass).
                socket.yieldsAfterAnswering = socket.peerAddress.isLoopback
                if self.url.isSecure { self.secure(socket) } else { self.beginHandshake(on: socket) }
            }
        }
    }

    /// Runs the TLS handshake of a `wss://` URL, then the WebSocket one over it.
    private func secure(_ socket: TCPSocket) {
        phase = .securing
        onTrace?(.connected(peer: socket.peerAddress.description, elapsedMilliseconds: elapsedMilliseconds))
        let stream: TLSStream
        do {
            stream = try TLSStream(socket: socket, context: try TLSContext.client(configuration.tls),
                                   role: .client(host: url.host), reactor: reactor)
        } catch {
            socket.close()
            finish(.failed(.tls(error)))
            return
        }
        self.socket = stream
        let timeout = configuration.handshakeTimeout
        setDeadline(timeout) { [weak self, unowned stream] in
            let detail = stream.hasHeardFromPeer ? "not finished within \(timeout.humanReadable)"
                : "no answer within \(timeout.humanReadable) (does the server speak TLS on this port? try ws://)"
            self?.finish(.failed(.tls(.handshakeFailed(detail: detail))))
        }
        stream.onHandshake = { [unowned self] result in
            switch result {
            case .failure(let error): self.finish(.failed(.tls(error)))
            case .success(let session):
                self.tlsSession = session
                self.onTrace?(.secured(version: session.version, cipher: session.cipher, verified: session.verified,
                                       elapsedMilliseconds: self.elapsedMilliseconds))
                self.beginHandshake(on: stream)
            }
        }
        stream.startHandshake()
    }

    private func beginHandshake(on socket: any ByteStream) {
        let secured = phase == .securing
        phase = .handshaking
        self.socket = socket
        if !secured { onTrace?(.connected(peer: socket.peerAddress.description, elapsedMilliseconds: elapsedMilliseconds)) }
        let timeout = configuration.handshakeTimeout
        setDeadline(timeout) { [weak self] in
            guard let self else { return }
            self.finish(.failed(self.handshake?.pendingRejection.map { .handshake($0) } ?? .handshakeTimedOut(after: timeout)))
        }
        var options = configuration.handshake
        if configuration.compression, !options.extensions.contains(where: { $0.lowercased().hasPrefix("permessage-deflate") }) {
            options.extensions.insert(DeflateParameters.clientOffer, at: 0)
        }
        let hs = ClientHandshake(url: url, options: options, random: &random)
        socket.onData = { [unowned self] bytes in self.received(bytes) }
        socket.onReadInPlace = { [unowned self] read in self.receivedInPlace(read) }
        socket.onEOF = { [unowned self] in self.receivedEOF() }
        socket.onError = { [unowned self] error in
            // Once the close handshake is done, a reset while waiting for the server's FIN
            // changes nothing: the connection closed cleanly.
            if let info = self.closeInfo { self.finish(.closed(info)) } else { self.finish(.failed(.transport(error))) }
        }
        handshake = hs
        if let trace = onTrace {
            let options = configuration.handshake
            var headers = options.headers.map { ClientTrace.maskedHeader(name: $0.name, value: $0.value) }
            if let origin = options.origin { headers.append("Origin: \(origin)") }
            if !options.subprotocols.isEmpty { headers.append("Sec-WebSocket-Protocol: \(options.subprotocols.joined(separator: ", "))") }
            if let agent = options.userAgent { headers.append("User-Agent: \(agent)") }
            trace(.request(resource: url.resource, headers: headers))
        }
        socket.write(hs.request)
    }

    private func received(_ bytes: UnsafeRawBufferPointer) {
        if connection != nil {
            connection!.receive(bytes)
            receivedMore()
            return
        }
        guard var hs = handshake else { return }
        do {
            let progress = try hs.receive(bytes)
            handshake = hs
            guard case .accepted(let response, let remaining) = progress else { return }
            open(response, remaining: remaining)
        } catch {
            handshake = hs
            finish(.failed(.handshake(error)))
        }
    }

    /// Lets a large payload be read straight into the message (see `WebSocketConnection.receiveInPlace`).
    private func receivedInPlace(_ read: (UnsafeMutableRawBufferPointer) -> Int) -> Bool {
        guard connection != nil, let count = connection!.receiveInPlace(read) else { return false }
        if count > 0 { receivedMore() }
        return true
    }

    private func receivedMore() {
        socket?.readExpectation = ReadExpectation(promised: connection?.promisedBytes)
        pump()
    }

    private func open(_ response: HandshakeResponse, remaining: [UInt8]) {
        cancelDeadline()
        handshake = nil
        self.response = response
        var connectionConfiguration = configuration.connection
        if let element = response.extensions.first(where: { $0.lowercased().hasPrefix("permessage-deflate") }) {
            do {
                connectionConfiguration.deflate = try DeflateParameters.parseResponse(element)
            } catch {
                finish(.failed(.handshake(.malformedResponse("\(error)"))))
                return
            }
        }
        connection = WebSocketConnection(role: .client, configuration: connectionConfiguration, random: random)
        connection?.recordsFrames = onTrace != nil
        onTrace?(.handshake(status: response.status, subprotocol: response.subprotocol, extensions: response.extensions,
                            elapsedMilliseconds: elapsedMilliseconds))
        phase = .open
        openedAt = reactor.now
        schedulePing()
        onOpen?(response)
        if !remaining.isEmpty, connection != nil {
            remaining.withUnsafeBytes { connection!.receive($0) }
            pump()
        }
    }

    private func receivedEOF() {
        if phase == .handshaking, let hs = handshake {
            finish(.failed(.handshake(hs.failureAtEOF())))
            return
        }
        guard connection != nil else { return }
        connection!.receiveEOF()
        pump()
        finish(.closed(closeInfo ?? CloseInfo(code: .abnormal, reason: "", initiator: .abnormal)))
    }

    /// Delivers events, writes replies, and notices the end of the close handshake.
    private func pump() {
        guard connection != nil else { return }
        flush()
        let wasDelivering = deliveringEvents
        deliveringEvents = true
        defer { deliveringEvents = wasDelivering }
        while let event = connection?.nextEvent() {
            if let trace = onTrace {
                switch event {
                case .text(let t): trace(.message(direction: .received, opcode: .text, size: t.count, text: t.string))
                case .binary(let b): trace(.message(direction: .received, opcode: .binary, size: b.count, text: nil))
                default: break
                }
            }
            switch event {
            case .pong:
                if let id = pongDeadline { reactor.cancelTimer(id); pongDeadline = nil }
            case .closed(let info):
                closeInfo = info
                phase = .closing
                cancelKeepalive()
                // The server closes TCP first (RFC 6455 §7.1.1); give it a moment, then drop.
                let info = info
                setDeadline(configuration.closeTimeout) { [weak self] in self?.finish(.closed(info)) }
            default: break
            }
            onEvent?(event)
            guard phase != .ended else { return }
        }
        // Taking a close or a failure queued its frame.
        flush()
    }

    /// When false, `send` only queues frames and `flush()` writes them all in one go
    /// (pipelining many small messages with one system call). Even when true, what `onEvent`
    /// sends is written once after the last event of a read (see
    /// `WebSocketConnection.flushesNow`).
    public var autoFlush = true
    /// True while `pump` hands events to `onEvent`.
    private var deliveringEvents = false
    /// Times queued frames were handed to the socket (for tests).
    private(set) var socketWrites = 0

    private func flushIfAuto() {
        guard autoFlush, connection?.flushesNow(deliveringEvents: deliveringEvents) ?? true else { return }
        flush()
    }

    /// Writes every queued frame to the socket.
    public func flush() {
        if let trace = onTrace, connection != nil {
            for record in connection!.takeFrameRecords() { trace(.frame(record)) }
        }
        guard let socket, connection?.hasOutbound == true else { return }
        socketWrites += 1
        connection!.flushOutbound(adopt: { socket.write($0) }, copy: { socket.write($0) })
        // A peer that keeps sending (pings) but never reads would grow our queue without end.
        let limit = 2 * configuration.connection.maxMessageSize + (1 << 20)
        if socket.queuedBytes > limit { finish(.failed(.peerNotReading(queuedBytes: socket.queuedBytes))) }
    }

    // MARK: Sending

    /// Sends a message; throws once a close has been sent or received.
    public func send(_ message: Message) throws(SendError) {
        guard connection != nil, phase != .ended else { throw .closing }
        try connection!.send(message)
        if let trace = onTrace {
            switch message {
            case .text(let t): trace(.message(direction: .sent, opcode: .text, size: t.utf8.count, text: t))
            case .binary(let b): trace(.message(direction: .sent, opcode: .binary, size: b.count, text: nil))
            }
        }
        flushIfAuto()
    }

    /// Sends raw payload bytes as one text or binary message (text must be UTF-8).
    public func send(_ opcode: Opcode, payload: UnsafeRawBufferPointer) throws(SendError) {
        guard connection != nil, phase != .ended else { throw .closing }
        try connection!.send(opcode, payload: payload)
        flushIfAuto()
    }

    /// Sends a message as fragments of `fragmentSize` bytes.
    public func send(_ message: Message, fragmentSize: Int) throws(SendError) {
        guard connection != nil, phase != .ended else { throw .closing }
        try connection!.send(message, fragmentSize: fragmentSize)
        flushIfAuto()
    }

    /// Sends a ping.
    public func ping(_ payload: [UInt8] = []) throws(SendError) {
        guard connection != nil, phase != .ended else { throw .closing }
        try connection!.ping(payload)
        flush()
    }

    /// Starts the close handshake; `onEnd` follows when the server has answered and hung up
    /// (or after `closeTimeout`). Before the connection is open, it simply stops.
    public func close(code: CloseCode = .normal, reason: String = "") {
        guard connection != nil else {
            finish(.closed(CloseInfo(code: code, reason: reason, initiator: .local)))
            return
        }
        guard (try? connection!.close(code: code, reason: reason)) != nil else { return }
        phase = .closing
        cancelKeepalive()
        flush()
        let timeout = configuration.closeTimeout
        setDeadline(timeout) { [weak self] in
            self?.finish(.closed(CloseInfo(code: .abnormal, reason: "no close answer within \(timeout.humanReadable)", initiator: .local)))
        }
    }

    /// Bytes accepted by `send` but not yet taken by the kernel: queued at the socket, or still
    /// in the connection (autoFlush off, or held back until the events of a read are delivered).
    public var bufferedAmount: Int { (socket?.queuedBytes ?? 0) + (connection?.outboundCount ?? 0) }

    // MARK: Keepalive

    private func schedulePing() {
        guard let interval = configuration.pingInterval else { return }
        pingTimer = reactor.addTimer(after: interval) { [weak self] in
            guard let self else { return }
            self.pingTimer = nil
            guard self.phase == .open else { return }
            self.pingCounter &+= 1
            let payload = (0..<8).map { UInt8(truncatingIfNeeded: self.pingCounter >> UInt64($0 * 8)) }
            try? self.ping(payload)
            if self.pongDeadline == nil {
                let timeout = self.configuration.pongTimeout
                self.pongDeadline = self.reactor.addTimer(after: timeout) { [weak self] in
                    guard let self else { return }
                    self.pongDeadline = nil
                    self.finish(.failed(.pongTimedOut(after: timeout)))
                }
            }
            self.schedulePing()
        }
    }

    private func cancelKeepalive() {
        if let id = pingTimer { reactor.cancelTimer(id); pingTimer = nil }
        if let id = pongDeadline { reactor.cancelTimer(id); pongDeadline = nil }
    }

    // MARK: Ending

    private var elapsedMilliseconds: Int64 {
        guard let startedAt else { return 0 }
        let (s, atto) = reactor.now.duration(since: startedAt).components
        return s * 1000 + atto / 1_000_000_000_000_000
    }

    private func setDeadline(_ after: Duration, _ action: @escaping () -> Void) {
        cancelDeadline()
        deadline = reactor.addTimer(after: after, action)
    }

    private func cancelDeadline() {
        if let id = deadline { reactor.cancelTimer(id); deadline = nil }
    }

    /// Tears everything down and reports the end, once.
    private func finish(_ end: ClientEnd) {
        guard phase != .ended else { return }
        phase = .ended
        cancelDeadline()
        cancelKeepalive()
        resolveRequest?.cancel()
        connectRequest?.cancel()
        socket?.close()
        socket = nil
        if let trace = onTrace {
            if connection != nil { for record in connection!.takeFrameRecords() { trace(.frame(record)) } }
            switch end {
            case .failed(let error): trace(.failed(error.description))
            case .closed(let info): trace(.closed(code: info.code.rawValue, reason: info.reason, description: info.description))
            }
        }
        onEnd?(end)
        onOpen = nil
        onEvent = nil
        onEnd = nil
        onTrace = nil
    }
}
