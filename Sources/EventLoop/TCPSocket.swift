import CSystem
import Glibc

/// A connected, non-blocking TCP stream with TCP_NODELAY, a write queue and
/// MSG_NOSIGNAL writes. Callbacks run on the reactor's thread; the reactor
/// holds the socket weakly, so keep a reference (or let a callback capture it)
/// for as long as it should live; dropping the last reference closes it.
public final class TCPSocket {
    /// Reads per readiness report, so one busy socket cannot starve the others; what is left is
    /// reported again by the next poll. A pass also ends once this many read buffers' worth
    /// has come in (in-place reads of a frame's rest and its next header are smaller).
    static let readsPerPass = 64
    static let buffersPerPass = 4

    /// The local end of the connection.
    public let localAddress: SocketAddress
    /// The remote end of the connection.
    public let peerAddress: SocketAddress

    /// Bytes read; the pointer is valid only during the call.
    public var onData: ((UnsafeRawBufferPointer) -> Void)?
    /// While the reader is mid-message, offered before each read: call the given function with
    /// memory of your own to receive into (it returns the bytes read) and return true, or
    /// return false without calling it to get the bytes through `onData`. Saves copying a
    /// large payload out of the shared read buffer.
    public var onReadInPlace: (((UnsafeMutableRawBufferPointer) -> Int) -> Bool)?
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

    /// See `ReadExpectation`. A large promise becomes SO_RCVLOWAT (capped at one read buffer), so
    /// poll reports the socket once that much is waiting instead of for every segment. That is
    /// safe because the peer owes those bytes and EOF, errors and a closing receive window
    /// still wake poll (tcp_poll); control frames cannot arrive inside a data frame.
    public var readExpectation: ReadExpectation = .idle {
        didSet {
            let promised = readExpectation.promised
            let wanted = promised >= Self.lowWaterThreshold ? min(promised, reactor.readBuffer.count) : 1
            guard wanted != lowWater, fd >= 0 else { return }
            lowWater = wanted
            _ = csystem_set_int_option(fd, SOL_SOCKET, SO_RCVLOWAT, Int32(wanted))
        }
    }

    /// Promises smaller than this keep the default low-water mark: waking per segment costs
    /// little next to them, and each change is a system call.
    static let lowWaterThreshold = 128 << 10
    private var lowWater = 1

    /// When the application answers bytes read from this socket with writes to it in the same
    /// pass, the reactor yields the CPU once before it next blocks in poll (see
    /// `Reactor.pollAfterPass`). For a client's connection to a server on this machine, which
    /// may share its CPU; a server serving many peers leaves it off, so that none of them waits
    /// for other processes' time slices.
    public var yieldsAfterAnswering = false
    /// The reactor pass in which this socket last read bytes (0: none yet).
    private var lastReadPass: UInt64 = 0

    private func noteWrite() {
        if yieldsAfterAnswering, lastReadPass == reactor.passNumber { reactor.noteAnswered() }
    }

    /// A pass that reads at least this much before emptying the socket means a bulk transfer.
    static let bulkReadSize = 32 << 10

    /// Sends now if nothing is queued and queues the rest; ignored once closed
    /// or after `shutdownWrite()`.
    public func write(_ bytes: [UInt8]) {
        guard queue.isEmpty, bytes.count >= Self.adoptThreshold else {
            bytes.withUnsafeBytes { write($0) }
            return
        }
        noteWrite()
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
        noteWrite()
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
        onReadInPlace = nil
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
        let passLimit = Self.buffersPerPass * buffer.count
        var readThisPass = 0
        var justYielded = false
        for _ in 0..<Self.readsPerPass {
            guard fd >= 0, !readingPaused, !sawEOF, readThisPass < passLimit else { return }
            var room = 0
            var count = -1
            var code: Int32 = 0
            let receive = { (destination: UnsafeMutableRawBufferPointer) -> Int in
                // recv(2) of 0 bytes would look like EOF.
                guard !destination.isEmpty else { return 0 }
                room = destination.count
                count = csystem_recv(self.fd, destination.baseAddress, destination.count)
                // Before the bytes reach the reader, so that an answer it writes counts as one.
                if count > 0 {
                    self.lastReadPass = self.reactor.passNumber
                } else if count < 0 {
                    code = csystem_errno()
                }
                return max(count, 0)
            }
            // Mid-message, the reader may take the bytes straight into its own memory.
            let readInPlace = if case .midMessage = readExpectation, let onReadInPlace { onReadInPlace(receive) && room > 0 } else { false }
            if !readInPlace {
                _ = receive(buffer)
                if count > 0, let onData { onData(UnsafeRawBufferPointer(start: buffer.baseAddress, count: count)) }
            }
            if count > 0 {
                readThisPass += count
                justYielded = false
                // A short read means the kernel buffer is most likely empty.
                if count < room {
                    guard yieldsToSender(read: readThisPass) else { return }
                    justYielded = true
                }
                continue
            }
            if count == 0 {
                sawEOF = true
                updateInterest()
                if let onEOF { onEOF() }
                return
            }
            if code == EINTR { continue }
            if code == EAGAIN || code == EWOULDBLOCK {
                guard !justYielded, yieldsToSender(read: readThisPass) else { return }
                justYielded = true
                continue
            }
            fail(.transferFailure(peerAddress, call: "recv", errno: code))
            return
        }
    }

    /// Called when the socket has run dry after `read` bytes this pass. If that was a bulk
    /// transfer and more of the message is coming, gives up the CPU once before reading again
    /// and returns true. Why: when the sender shares our CPU (a local server), it then fills
    /// the socket for a whole time slice instead of being preempted by our wake-up after every
    /// segment, and those switches cost the pair more than the copying. Anywhere else the call
    /// returns at once and costs one more read.
    private func yieldsToSender(read: Int) -> Bool {
        guard read >= Self.bulkReadSize, case .midMessage = readExpectation else { return false }
        sched_yield()
        return true
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
