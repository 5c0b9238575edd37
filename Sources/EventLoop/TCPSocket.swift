import CSystem
import Glibc

/// A connected, non-blocking TCP stream with TCP_NODELAY, a write queue and
/// MSG_NOSIGNAL writes. Callbacks run on the reactor's thread; the reactor
/// holds the socket weakly, so keep a reference (or let a callback capture it)
/// for as long as it should live; dropping the last reference closes it.
public final class TCPSocket {
    /// Reads per readiness report, so one busy socket cannot starve the others;
    /// what is left is reported again by the next poll.
    static let readsPerPass = 4

    /// The local end of the connection.
    public let localAddress: SocketAddress
    /// The remote end of the connection.
    public let peerAddress: SocketAddress

    /// Bytes read; the pointer is valid only during the call.
    public var onData: ((UnsafeRawBufferPointer) -> Void)?
    /// The peer closed its side (read returned 0); writing may continue.
    public var onEOF: (() -> Void)?
    /// The connection failed (ECONNRESET etc.); the socket is already closed when this runs.
    public var onError: ((SocketError) -> Void)?
    /// The write queue became empty after having been non-empty.
    public var onDrained: (() -> Void)?

    private let reactor: Reactor
    private var fd: Int32
    private var queue = WriteQueue()
    private var interest: IOEvents = []
    private var readingPaused = false
    private var sawEOF = false
    private var shutdownRequested = false
    /// A write error waits for a timer so `onError` never runs inside `write`.
    private var pendingFailure: TimerID?

    /// Takes ownership of a connected `fd`; closes it if the addresses cannot be read.
    static func adopt(fd: Int32, peer: SocketAddress? = nil, reactor: Reactor) throws(SocketError) -> TCPSocket {
        do throws(SocketError) {
            let local = try SocketAddress.local(of: fd)
            let remote = if let peer { peer } else { try SocketAddress.peer(of: fd) }
            return TCPSocket(fd: fd, local: local, peer: remote, reactor: reactor)
        } catch {
            Glibc.close(fd)
            throw error
        }
    }

    private init(fd: Int32, local: SocketAddress, peer: SocketAddress, reactor: Reactor) {
        self.fd = fd
        self.localAddress = local
        self.peerAddress = peer
        self.reactor = reactor
        _ = csystem_set_nodelay(fd)
        interest = .readable
        reactor.register(fd: fd, interest: interest) { [weak self] events in self?.handle(events) }
    }

    deinit {
        if fd >= 0 {
            reactor.unregister(fd: fd)
            Glibc.close(fd)
        }
        if let pendingFailure { reactor.cancelTimer(pendingFailure) }
    }

    /// Whether `close()` was called or the connection failed.
    public var isClosed: Bool { fd < 0 }

    /// Bytes accepted by `write` but not yet taken by the kernel.
    public var queuedBytes: Int { queue.count }

    /// Backpressure: while true, nothing is read (readable interest is off).
    public var isReadingPaused: Bool {
        get { readingPaused }
        set {
            readingPaused = newValue
            updateInterest()
        }
    }

    /// Sends now if nothing is queued and queues the rest; ignored once closed
    /// or after `shutdownWrite()`.
    public func write(_ bytes: [UInt8]) {
        guard queue.isEmpty, bytes.count >= Self.adoptThreshold else {
            bytes.withUnsafeBytes { write($0) }
            return
        }
        // A large buffer the kernel cannot take at once is kept as it is, not copied.
        let sent = bytes.withUnsafeBytes { sendNow($0) }
        guard let sent, sent < bytes.count else { return }
        queue.adopt(bytes, from: sent)
        updateInterest()
    }

    /// Arrays at least this large are adopted by the write queue rather than copied into it.
    static let adoptThreshold = 64 << 10

    /// Same as `write(_: [UInt8])`, copying only what could not be sent now.
    public func write(_ bytes: UnsafeRawBufferPointer) {
        var offset = 0
        if queue.isEmpty {
            guard let sent = sendNow(bytes) else { return }
            offset = sent
            if offset == bytes.count { return }
        } else if fd < 0 || shutdownRequested || pendingFailure != nil {
            return
        }
        queue.append(UnsafeRawBufferPointer(rebasing: bytes[offset...]))
        updateInterest()
    }

    /// Sends as much of `bytes` as the kernel takes now; nil when nothing may or can be sent
    /// (closed, shut down, failed, empty).
    private func sendNow(_ bytes: UnsafeRawBufferPointer) -> Int? {
        guard fd >= 0, !shutdownRequested, pendingFailure == nil, !bytes.isEmpty else { return nil }
        var offset = 0
        while offset < bytes.count {
            let sent = csystem_send(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if sent >= 0 {
                offset += sent
                continue
            }
            let code = csystem_errno()
            if code == EINTR { continue }
            if code == EAGAIN || code == EWOULDBLOCK { break }
            failLater(.transferFailure(peerAddress, call: "send", errno: code))
            return nil
        }
        return offset
    }

    /// Half-closes: sends FIN once the queue has drained; later writes are ignored.
    public func shutdownWrite() {
        guard fd >= 0, !shutdownRequested else { return }
        shutdownRequested = true
        if queue.isEmpty { _ = csystem_shutdown_write(fd) }
    }

    /// Unregisters and closes the fd and drops every callback; idempotent.
    public func close() {
        guard fd >= 0 else { return }
        reactor.unregister(fd: fd)
        Glibc.close(fd)
        fd = -1
        if let pendingFailure { reactor.cancelTimer(pendingFailure) }
        pendingFailure = nil
        queue.reset()
        onData = nil
        onEOF = nil
        onError = nil
        onDrained = nil
    }

    private func updateInterest() {
        guard fd >= 0 else { return }
        var wanted: IOEvents = []
        if !readingPaused && !sawEOF { wanted.insert(.readable) }
        if !queue.isEmpty && pendingFailure == nil { wanted.insert(.writable) }
        guard wanted != interest else { return }
        interest = wanted
        reactor.setInterest(fd: fd, wanted)
    }

    private func handle(_ events: IOEvents) {
        if events.contains(.readable) || (events.contains(.hangup) && interest.contains(.readable)) {
            readAvailable()
        }
        if fd >= 0, events.contains(.writable) {
            flush()
        }
        if fd >= 0, events.contains(.error) {
            let code = csystem_socket_error(fd)
            if code > 0 { fail(.transferFailure(peerAddress, call: "recv", errno: code)) }
        }
    }

    private func readAvailable() {
        let buffer = reactor.readBuffer
        for _ in 0..<Self.readsPerPass {
            guard fd >= 0, !readingPaused, !sawEOF else { return }
            let count = csystem_recv(fd, buffer.baseAddress, buffer.count)
            if count > 0 {
                if let onData { onData(UnsafeRawBufferPointer(start: buffer.baseAddress, count: count)) }
                // A short read means the kernel buffer is most likely empty.
                if count < buffer.count { return }
                continue
            }
            if count == 0 {
                sawEOF = true
                updateInterest()
                if let onEOF { onEOF() }
                return
            }
            let code = csystem_errno()
            if code == EINTR { continue }
            if code != EAGAIN && code != EWOULDBLOCK {
                fail(.transferFailure(peerAddress, call: "recv", errno: code))
            }
            return
        }
    }

    private func flush() {
        while !queue.isEmpty {
            var code: Int32 = 0
            let sent = queue.consume { bytes in
                let result = csystem_send(fd, bytes.baseAddress, bytes.count)
                if result < 0 { code = csystem_errno() }
                return result
            }
            if sent >= 0 || code == EINTR { continue }
            if code == EAGAIN || code == EWOULDBLOCK { return }
            fail(.transferFailure(peerAddress, call: "send", errno: code))
            return
        }
        updateInterest()
        if shutdownRequested { _ = csystem_shutdown_write(fd) }
        if let onDrained { onDrained() }
    }

    private func fail(_ error: SocketError) {
        let handler = onError
        close()
        handler?(error)
    }

    private func failLater(_ error: SocketError) {
        pendingFailure = reactor.addTimer(after: .zero) { [weak self] in
            guard let self else { return }
            self.pendingFailure = nil
            self.fail(error)
        }
        updateInterest()
    }
}
