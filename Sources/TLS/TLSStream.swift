import COpenSSL
import EventLoop
import Glibc

/// A TLS session over a `TCPSocket`, driven by the reactor. OpenSSL works on memory BIOs:
/// ciphertext the socket reads is fed in, ciphertext OpenSSL produces is written through the
/// socket's queue, so `SSL_read`/`SSL_write` never touch the fd and never block; WANT_READ
/// simply means "wait for the socket's next data". Backpressure and EOF come from the socket.
public final class TLSStream: ByteStream {
    /// Which side of the handshake this end plays.
    public enum Role: Sendable {
        /// `host` is checked against the certificate (DNS name or IP address) and sent as SNI when a name.
        case client(host: String)
        case server
    }

    public var localAddress: SocketAddress { socket.localAddress }
    public var peerAddress: SocketAddress { socket.peerAddress }
    public var onData: ((UnsafeRawBufferPointer) -> Void)?
    public var onEOF: (() -> Void)?
    public var onError: ((SocketError) -> Void)?
    public var onDrained: (() -> Void)?
    /// The handshake's outcome, once; on failure the stream is already closed.
    public var onHandshake: ((Result<TLSSession, TLSError>) -> Void)?
    /// Server role: bytes sent as they are (no TLS) to a client that spoke plain HTTP to this
    /// port, so that it reads why (an HTTP 400 saying to use wss://) instead of a bare hang-up.
    public var plaintextAnswer: [UInt8]?
    /// The agreed session, once the handshake is done.
    public private(set) var session: TLSSession?

    /// The host name the client asked for with SNI (server role); nil when it sent none.
    public var requestedServerName: String? {
        guard let ssl, case .server = role, let name = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name) else { return nil }
        // The client's bytes: made printable before anyone logs them.
        return CertificateCheck.printable(String(cString: name))
    }

    private enum State { case idle, handshaking, open, closed }

    private let socket: TCPSocket
    private let reactor: Reactor
    private let context: TLSContext
    private let role: Role
    private var ssl: OpaquePointer?
    private var readBIO: OpaquePointer?
    private var writeBIO: OpaquePointer?
    private var state = State.idle
    private var readingPaused = false
    private var sentShutdown = false
    private var receivedShutdown = false

    /// Whether the peer ended with close_notify (a clean TLS ending, not a bare TCP FIN).
    public var peerSentCloseNotify: Bool { receivedShutdown }
    /// Whether the peer has sent anything at all, to tell "not a TLS server" from a broken handshake.
    private var heardFromPeer = false
    /// Writes made before the handshake finished, sent once it has.
    private var early: [UInt8] = []
    /// `shutdownWrite()` came before the handshake finished: done once it has.
    private var shutdownPending = false
    /// The socket reached EOF while reading was paused: reported once what is buffered is read.
    private var eofPending = false
    /// Reading resumes on the next pass; a write failure is reported on the next pass.
    private var resumeTimer: TimerID?
    private var failTimer: TimerID?
    /// One TLS record holds at most 16 KiB of plaintext, and SSL_read returns one record at a time.
    private static let recordSize = 16 << 10
    private let plaintext = UnsafeMutableRawBufferPointer.allocate(byteCount: recordSize, alignment: 16)
    /// Small ciphertext on its way to the socket; apart from `plaintext`, which a reader may still hold.
    private let ciphertext = UnsafeMutableRawBufferPointer.allocate(byteCount: recordSize + 256, alignment: 16)
    /// Plaintext is encrypted this much at a time, so OpenSSL's output buffer stays small.
    private static let writeChunk = 256 << 10
    /// Output at least this large goes to the socket as an array it can adopt without copying.
    private static let adoptThreshold = 64 << 10

    /// Wraps a connected socket; call `startHandshake()` once the callbacks are set.
    public init(socket: TCPSocket, context: TLSContext, role: Role, reactor: Reactor) throws(TLSError) {
        self.socket = socket
        self.context = context
        self.role = role
        self.reactor = reactor
        OpenSSLErrors.clear()
        guard let ssl = SSL_new(context.pointer) else {
            throw .configuration("cannot create a TLS session: \(OpenSSLErrors.take() ?? "out of memory")")
        }
        self.ssl = ssl
        // (A throw from here on still runs deinit, which frees `ssl`.)
        guard let rbio = BIO_new(BIO_s_mem()) else { throw .configuration("cannot create a TLS session: out of memory") }
        guard let wbio = BIO_new(BIO_s_mem()) else {
            BIO_free(rbio)
            throw .configuration("cannot create a TLS session: out of memory")
        }
        // An empty memory BIO reports "retry" rather than EOF, so SSL_read says WANT_READ.
        BIO_ctrl(rbio, BIO_C_SET_BUF_MEM_EOF_RETURN, -1, nil)
        SSL_set_bio(ssl, rbio, wbio)
        readBIO = rbio
        writeBIO = wbio
        switch role {
        case .server:
            SSL_set_accept_state(ssl)
        case .client(let host):
            SSL_set_connect_state(ssl)
            let alpn: [UInt8] = [8] + Array("http/1.1".utf8)
            _ = SSL_set_alpn_protos(ssl, alpn, UInt32(alpn.count))
            try Self.expect(host: host, on: ssl, verifying: context.verifiesPeer)
        }
    }

    /// Sets SNI and the name or address the certificate must carry. Fails closed: a host
    /// OpenSSL cannot take would otherwise leave only the chain checked, and any trusted
    /// certificate would pass.
    private static func expect(host: String, on ssl: OpaquePointer, verifying: Bool) throws(TLSError) {
        let param = SSL_get0_param(ssl)
        // An IPv6 literal may carry a zone ("fe80::1%eth0"), which is about routing, not identity.
        let address = host.split(separator: "%", maxSplits: 1).first.map(String.init) ?? host
        if (try? SocketAddress(ipAddress: address, port: 0)) != nil {
            // RFC 6066: SNI carries host names only, never address literals.
            guard !verifying || X509_VERIFY_PARAM_set1_ip_asc(param, address) == 1 else {
                throw .configuration("cannot check the certificate against the address \(host)")
            }
            return
        }
        guard wisp_ssl_set_sni(ssl, host) == 1 else {
            throw .configuration("cannot send the host name \(host) in the TLS handshake (SNI)")
        }
        guard verifying else { return }
        X509_VERIFY_PARAM_set_hostflags(param, UInt32(X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS))
        guard X509_VERIFY_PARAM_set1_host(param, host, 0) == 1 else {
            throw .configuration("cannot check the certificate against the host name \(host)")
        }
    }

    deinit {
        if let resumeTimer { reactor.cancelTimer(resumeTimer) }
        if let failTimer { reactor.cancelTimer(failTimer) }
        if let ssl { SSL_free(ssl) }
        plaintext.deallocate()
        ciphertext.deallocate()
        socket.close()
    }

    /// Sends the ClientHello (client) or waits for one (server).
    public func startHandshake() {
        guard state == .idle else { return }
        state = .handshaking
        socket.onData = { [unowned self] bytes in self.received(bytes) }
        socket.onEOF = { [unowned self] in self.receivedEOF() }
        socket.onError = { [unowned self] error in self.socketFailed(error) }
        socket.onDrained = { [unowned self] in if self.state == .open { self.onDrained?() } }
        if case .client = role { driveHandshake() }
    }

    public var isClosed: Bool { state == .closed }

    public var queuedBytes: Int { socket.queuedBytes + early.count }

    /// Whether the peer has sent any bytes yet (a silent peer is probably not speaking TLS).
    public var hasHeardFromPeer: Bool { heardFromPeer }

    /// Passed on to the socket without the promise: part of it may already sit in OpenSSL as
    /// an unfinished record, so a low-water mark could wait for bytes that never come.
    /// Never offered: records are decrypted into the stream's own buffer.
    public var onReadInPlace: (((UnsafeMutableRawBufferPointer) -> Int) -> Bool)?

    public var readExpectation: ReadExpectation = .idle {
        didSet { socket.readExpectation = readExpectation == .idle ? .idle : .midMessage(promised: 0) }
    }

    public var isReadingPaused: Bool {
        get { readingPaused }
        set {
            let resumed = readingPaused && !newValue
            readingPaused = newValue
            // The socket stays paused until what OpenSSL already holds has been read, so that an
            // EOF behind it cannot overtake it; after close_notify it stays paused for good.
            if newValue { socket.isReadingPaused = true }
            guard resumed, state == .open, resumeTimer == nil else { return }
            // Never from inside the caller, which may be in the middle of handling data.
            resumeTimer = reactor.addTimer(after: .zero) { [weak self] in
                guard let self else { return }
                self.resumeTimer = nil
                guard !self.readingPaused, self.state == .open else { return }
                self.readPlaintext()
                if self.state == .open, !self.readingPaused, !self.receivedShutdown {
                    if self.eofPending {
                        self.eofPending = false
                        self.onEOF?()
                    } else {
                        self.socket.isReadingPaused = false
                    }
                }
            }
        }
    }

    public func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { write($0) }
    }

    public func write(_ bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty, !sentShutdown else { return }
        switch state {
        case .idle, .handshaking: early.append(contentsOf: bytes)
        case .closed: return
        case .open: encrypt(bytes)
        }
    }

    public func shutdownWrite() {
        guard !sentShutdown, state != .closed else { return }
        guard state == .open else {
            // Our Finished and the early writes must still go out: shut down after the handshake.
            shutdownPending = true
            return
        }
        if let ssl {
            OpenSSLErrors.clear()
            _ = SSL_shutdown(ssl)
            flushCiphertext()
        }
        sentShutdown = true
        socket.shutdownWrite()
    }

    /// Sends close_notify when the session is open (the clean TLS ending), then closes the socket.
    public func close() {
        guard state != .closed else { return }
        if state == .open, !sentShutdown, let ssl {
            OpenSSLErrors.clear()
            _ = SSL_shutdown(ssl)
            flushCiphertext()
            sentShutdown = true
        }
        state = .closed
        socket.close()
        if let resumeTimer { reactor.cancelTimer(resumeTimer) }
        if let failTimer { reactor.cancelTimer(failTimer) }
        resumeTimer = nil
        failTimer = nil
        early = []
        onData = nil
        onEOF = nil
        onError = nil
        onDrained = nil
        onHandshake = nil
    }

    // MARK: Reading

    private func received(_ bytes: UnsafeRawBufferPointer) {
        guard let readBIO, !bytes.isEmpty else { return }
        heardFromPeer = true
        // A memory BIO grows as needed: the write takes everything.
        _ = BIO_write(readBIO, bytes.baseAddress, Int32(bytes.count))
        switch state {
        case .handshaking: driveHandshake()
        case .open: readPlaintext()
        case .idle, .closed: break
        }
    }

    private func readPlaintext() {
        guard let ssl, !receivedShutdown else { return }
        while state == .open, !readingPaused {
            OpenSSLErrors.clear()
            let count = SSL_read(ssl, plaintext.baseAddress, Int32(plaintext.count))
            if count > 0 {
                onData?(UnsafeRawBufferPointer(rebasing: plaintext[..<Int(count)]))
                continue
            }
            let error = SSL_get_error(ssl, count)
            flushCiphertext()
            switch error {
            case SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE:
                return
            case SSL_ERROR_ZERO_RETURN:
                // close_notify: the peer will send nothing more.
                receivedShutdown = true
                socket.isReadingPaused = true
                onEOF?()
                return
            default:
                fail(.secureChannel(peerAddress, detail: OpenSSLErrors.take() ?? "the TLS session broke (error \(error))"))
                return
            }
        }
        flushCiphertext()
    }

    private func receivedEOF() {
        switch state {
        case .handshaking:
            let detail: String
            switch (role, heardFromPeer) {
            case (_, true): detail = "the peer closed the connection during the handshake"
            case (.client, false): detail = "the peer closed the connection without answering (does it speak TLS on this port? try ws://)"
            case (.server, false): detail = "the client closed the connection before its TLS handshake"
            }
            failHandshake(.handshakeFailed(detail: detail))
        case .open:
            // A TCP FIN without close_notify: whatever was read stands; the layer above
            // (the WebSocket close handshake) decides whether the ending was clean. Records
            // still inside OpenSSL come first, even if reading is paused now.
            guard !receivedShutdown else { return }
            if readingPaused {
                eofPending = true
                return
            }
            readPlaintext()
            if state == .open, !receivedShutdown {
                if readingPaused { eofPending = true } else { onEOF?() }
            }
        case .idle, .closed:
            break
        }
    }

    private func socketFailed(_ error: SocketError) {
        if state == .handshaking {
            failHandshake(.handshakeFailed(detail: "\(error)"))
        } else {
            fail(error)
        }
    }

    // MARK: Handshake

    private func driveHandshake() {
        guard let ssl, state == .handshaking else { return }
        OpenSSLErrors.clear()
        let result = SSL_do_handshake(ssl)
        flushCiphertext()
        if result == 1 {
            handshakeDone()
            return
        }
        let error = SSL_get_error(ssl, result)
        if error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE { return }
        let reason = OpenSSLErrors.take() ?? "error \(error)"
        if case .server = role, reason == "http request", let answer = plaintextAnswer {
            socket.write(answer)
        }
        failHandshake(.handshakeFailed(detail: Self.explain(reason, role: role)))
    }

    private func handshakeDone() {
        guard let ssl else { return }
        if case .client(let host) = role, context.verifiesPeer {
            if let failure = CertificateCheck.failure(of: ssl, host: host, caFile: context.caFile) {
                failHandshake(failure)
                return
            }
        }
        let version = SSL_get_version(ssl).map { String(cString: $0) } ?? "TLS"
        let cipher = SSL_get_current_cipher(ssl).flatMap { SSL_CIPHER_get_name($0) }.map { String(cString: $0) } ?? "unknown"
        let session = TLSSession(version: version, cipher: cipher, verified: context.verifiesPeer)
        self.session = session
        state = .open
        if !early.isEmpty {
            let pending = early
            early = []
            pending.withUnsafeBytes { encrypt($0) }
        }
        if shutdownPending {
            shutdownPending = false
            shutdownWrite()
        }
        let handler = onHandshake
        onHandshake = nil
        handler?(.success(session))
        // Application data may have come in the same reads as the end of the handshake.
        if state == .open { readPlaintext() }
    }

    private func failHandshake(_ error: TLSError) {
        let handler = onHandshake
        // Only an open session gets close_notify: this one never opened (or failed verification).
        sentShutdown = true
        state = .handshaking
        close()
        handler?(.failure(error))
    }

    /// OpenSSL's reasons, with the likely cause where the words alone do not say it.
    static func explain(_ reason: String, role: Role) -> String {
        switch (reason, role) {
        case ("wrong version number", .client), ("packet length too long", .client), ("record layer failure", .client):
            "\(reason) (the server does not seem to speak TLS on this port; try ws://)"
        case ("http request", .server), ("wrong version number", .server):
            "\(reason) (the client sent plain text, e.g. ws:// instead of wss://)"
        case ("unsupported protocol", _), ("tlsv1 alert protocol version", _):
            "\(reason) (the peer does not speak TLS 1.2 or 1.3)"
        default:
            reason
        }
    }

    // MARK: Writing

    private func encrypt(_ bytes: UnsafeRawBufferPointer) {
        guard let ssl else { return }
        var offset = 0
        while offset < bytes.count, state == .open {
            let chunk = min(bytes.count - offset, Self.writeChunk)
            OpenSSLErrors.clear()
            let written = SSL_write(ssl, bytes.baseAddress! + offset, Int32(chunk))
            if written > 0 {
                offset += Int(written)
                // Ship ciphertext chunk by chunk, so a 16 MiB message never sits whole in the BIO.
                flushCiphertext()
                continue
            }
            let error = SSL_get_error(ssl, written)
            let detail = OpenSSLErrors.take() ?? "SSL_write failed (error \(error))"
            failLater(.secureChannel(peerAddress, detail: detail))
            return
        }
    }

    /// Moves every byte OpenSSL produced into the socket's write queue.
    private func flushCiphertext() {
        guard let writeBIO else { return }
        while true {
            let pending = Int(BIO_ctrl_pending(writeBIO))
            if pending == 0 { return }
            if pending >= Self.adoptThreshold {
                // Large output goes over as one array the socket adopts instead of copying.
                let bytes = [UInt8](unsafeUninitializedCapacity: pending) { buffer, count in
                    count = Int(max(0, BIO_read(writeBIO, buffer.baseAddress, Int32(pending))))
                }
                if bytes.isEmpty { return }
                socket.write(bytes)
            } else {
                let count = Int(BIO_read(writeBIO, ciphertext.baseAddress, Int32(min(pending, ciphertext.count))))
                if count <= 0 { return }
                socket.write(UnsafeRawBufferPointer(rebasing: ciphertext[..<count]))
            }
        }
    }

    // MARK: Failing

    private func fail(_ error: SocketError) {
        guard state != .closed else { return }
        let handler = onError
        // A broken session gets no close_notify.
        sentShutdown = true
        close()
        handler?(error)
    }

    /// Write failures are reported from the loop, never from inside `write`.
    private func failLater(_ error: SocketError) {
        guard failTimer == nil else { return }
        failTimer = reactor.addTimer(after: .zero) { [weak self] in
            guard let self else { return }
            self.failTimer = nil
            self.fail(error)
        }
    }
}
