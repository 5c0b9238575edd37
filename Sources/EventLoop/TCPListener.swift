import CSystem
import Glibc

/// A listening TCP socket (SO_REUSEADDR, non-blocking, accept4 with
/// SOCK_NONBLOCK|SOCK_CLOEXEC). Port 0 picks a free port.
public final class TCPListener {
    /// How long accepting pauses when the process or system is out of fds or
    /// memory: retrying at once would spin, because the pending connection
    /// keeps the listener readable.
    public static let acceptRetryDelay: Duration = .milliseconds(100)

    /// The bound address, with the real port when 0 was asked for.
    public let localAddress: SocketAddress
    /// Called for each accepted connection; a socket nobody keeps is closed.
    public var onAccept: ((TCPSocket) -> Void)?

    private let reactor: Reactor
    private var fd: Int32
    private var retryTimer: TimerID?
    private var acceptingPaused = false

    /// Binds and listens on a numeric `host` ("127.0.0.1", "::1", "0.0.0.0", "::").
    public init(host: String, port: UInt16, backlog: Int32 = 1024, on reactor: Reactor) throws(SocketError) {
        let requested = try SocketAddress(ipAddress: host, port: port)
        let fd = csystem_tcp_socket(requested.familyConstant)
        if fd < 0 { throw .system(call: "socket", errno: csystem_errno()) }
        do throws(SocketError) {
            _ = csystem_set_reuseaddr(fd)
            if requested.withSockAddr({ bind(fd, $0, $1) }) != 0 {
                let code = csystem_errno()
                throw code == EADDRINUSE ? SocketError.addressInUse(requested) : .system(call: "bind to \(requested)", errno: code)
            }
            if listen(fd, backlog) != 0 { throw SocketError.system(call: "listen on \(requested)", errno: csystem_errno()) }
            localAddress = try SocketAddress.local(of: fd)
        } catch {
            Glibc.close(fd)
            throw error
        }
        self.fd = fd
        self.reactor = reactor
        reactor.register(fd: fd, interest: .readable) { [weak self] _ in self?.acceptAvailable() }
    }

    deinit {
        close()
    }

    /// Whether `close()` was called.
    public var isClosed: Bool { fd < 0 }

    /// Backpressure: while true, nothing is accepted and new connections wait
    /// in the kernel's queue (up to the backlog, after which SYNs are dropped).
    public var isAcceptingPaused: Bool {
        get { acceptingPaused }
        set {
            acceptingPaused = newValue
            updateInterest()
        }
    }

    /// Stops listening and closes the socket; idempotent. Accepted sockets stay open.
    public func close() {
        guard fd >= 0 else { return }
        reactor.unregister(fd: fd)
        Glibc.close(fd)
        fd = -1
        if let retryTimer { reactor.cancelTimer(retryTimer) }
        retryTimer = nil
        onAccept = nil
    }

    private func acceptAvailable() {
        while fd >= 0, !acceptingPaused {
            var storage = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let client = withUnsafeMutablePointer(to: &storage) { csystem_accept(fd, $0, &length) }
            if client >= 0 {
                let peer = withUnsafePointer(to: &storage) { pointer in
                    pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { SocketAddress($0) }
                }
                // A peer that reset before we got here fails adopt; skip it.
                guard let socket = try? TCPSocket.adopt(fd: client, peer: peer, reactor: reactor) else { continue }
                if let onAccept { onAccept(socket) }
                continue
            }
            switch csystem_errno() {
            case EAGAIN, EWOULDBLOCK:
                return
            case EINTR, ECONNABORTED, EPROTO:
                continue
            default:
                // EMFILE, ENFILE, ENOBUFS, ENOMEM, or something unexpected.
                pauseAccepting()
                return
            }
        }
    }

    private func pauseAccepting() {
        retryTimer = reactor.addTimer(after: Self.acceptRetryDelay) { [weak self] in
            guard let self else { return }
            self.retryTimer = nil
            self.updateInterest()
        }
        updateInterest()
    }

    private func updateInterest() {
        guard fd >= 0 else { return }
        reactor.setInterest(fd: fd, acceptingPaused || retryTimer != nil ? [] : .readable)
    }
}
