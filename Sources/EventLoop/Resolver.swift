import CSystem
import Glibc
import Synchronization

/// Asynchronous DNS: numeric hosts answer without a thread; names run
/// getaddrinfo on a detached thread and come back through a socket pair
/// registered on the reactor. Completion is always called later on the
/// reactor's thread, never synchronously inside `resolve`.
public enum Resolver {
    /// Resolves `host` to TCP addresses with `port`, in getaddrinfo's order, duplicates removed.
    @discardableResult
    public static func resolve(
        host: String, port: UInt16, on reactor: Reactor,
        completion: @escaping (Result<[SocketAddress], SocketError>) -> Void
    ) -> ResolveRequest {
        let request = ResolveRequest(reactor: reactor, completion: completion)
        if let address = try? SocketAddress(ipAddress: host, port: port) {
            request.deliverLater(.success([address]))
        } else if host.isEmpty || host.utf8.contains(0) {
            request.deliverLater(.failure(.dns(host: host, message: "invalid host name")))
        } else {
            request.startLookup(host: host, port: port)
        }
        return request
    }
}

/// A lookup in progress; the reactor keeps it alive until it finishes.
public final class ResolveRequest {
    private weak var reactor: Reactor?
    private var completion: ((Result<[SocketAddress], SocketError>) -> Void)?
    private var timer: TimerID?
    private var readFD: Int32 = -1
    private var job: LookupJob?

    init(reactor: Reactor, completion: @escaping (Result<[SocketAddress], SocketError>) -> Void) {
        self.reactor = reactor
        self.completion = completion
    }

    deinit {
        if readFD >= 0 { Glibc.close(readFD) }
    }

    /// Abandons the lookup; the completion will not be called. A running
    /// getaddrinfo finishes on its thread and its answer is dropped.
    public func cancel() {
        completion = nil
        release()
    }

    func deliverLater(_ result: Result<[SocketAddress], SocketError>) {
        timer = reactor?.addTimer(after: .zero) { [self] in
            timer = nil
            deliver(result)
        }
    }

    func startLookup(host: String, port: UInt16) {
        guard let reactor else { return }
        var fds: [Int32] = [-1, -1]
        if csystem_socketpair(&fds) != 0 {
            deliverLater(.failure(.system(call: "socketpair", errno: csystem_errno())))
            return
        }
        let job = LookupJob(host: host, port: port, notifyFD: fds[1])
        let context = Unmanaged.passRetained(job).toOpaque()
        let rc = csystem_spawn_detached({ context in
            Unmanaged<LookupJob>.fromOpaque(context!).takeRetainedValue().run()
            return nil
        }, context)
        if rc != 0 {
            Unmanaged<LookupJob>.fromOpaque(context).release()
            Glibc.close(fds[0])
            Glibc.close(fds[1])
            deliverLater(.failure(.system(call: "pthread_create", errno: rc)))
            return
        }
        self.job = job
        readFD = fds[0]
        reactor.register(fd: readFD, interest: .readable) { [self] _ in lookupFinished() }
    }

    private func lookupFinished() {
        guard let job else { return }
        let result = job.answer.withLock { $0.take() }
        guard let result else { return }  // woken before the answer; cannot happen, but never deliver nil
        release()
        deliver(result)
    }

    private func release() {
        if let timer { reactor?.cancelTimer(timer) }
        timer = nil
        if readFD >= 0 {
            reactor?.unregister(fd: readFD)
            Glibc.close(readFD)
            readFD = -1
        }
        job = nil
    }

    private func deliver(_ result: Result<[SocketAddress], SocketError>) {
        guard let completion else { return }
        self.completion = nil
        completion(result)
    }
}

/// The part of a lookup that crosses threads: immutable inputs, and the
/// answer behind a mutex. The helper thread owns `notifyFD` and closes it.
private final class LookupJob: Sendable {
    let host: String
    let port: UInt16
    let notifyFD: Int32
    let answer = Mutex<Result<[SocketAddress], SocketError>?>(nil)

    init(host: String, port: UInt16, notifyFD: Int32) {
        self.host = host
        self.port = port
        self.notifyFD = notifyFD
    }

    /// Runs on the helper thread.
    func run() {
        let result = Self.lookup(host: host, port: port)
        answer.withLock { $0 = result }
        var byte: UInt8 = 1
        // MSG_NOSIGNAL: the reader may have cancelled and closed its end.
        _ = csystem_send(notifyFD, &byte, 1)
        Glibc.close(notifyFD)
    }

    private static func lookup(host: String, port: UInt16) -> Result<[SocketAddress], SocketError> {
        var list: UnsafeMutablePointer<addrinfo>?
        let rc = csystem_getaddrinfo_tcp(host, &list)
        if rc != 0 {
            let message = rc == csystem_eai_system() ? errnoMessage(csystem_errno()) : String(cString: gai_strerror(rc))
            return .failure(.dns(host: host, message: message))
        }
        defer { freeaddrinfo(list) }
        var addresses: [SocketAddress] = []
        var entry = list
        while let current = entry {
            if let raw = current.pointee.ai_addr, var address = SocketAddress(raw) {
                address.port = port
                if !addresses.contains(address) { addresses.append(address) }
            }
            entry = current.pointee.ai_next
        }
        if addresses.isEmpty { return .failure(.dns(host: host, message: "no IPv4 or IPv6 address")) }
        return .success(addresses)
    }
}
