import CSystem
import Glibc

extension TCPSocket {
    /// Tries each address in order until one connects; each attempt is
    /// non-blocking and the whole list is bounded by `timeout`. A refused or
    /// unreachable address moves on at once; a silent one gets a fair share of
    /// the remaining time (remaining / addresses left, at least 2 s when that
    /// much remains) so a later address is still tried. The completion always
    /// runs later on the reactor's thread, never inside this call.
    @discardableResult
    public static func connect(
        to addresses: [SocketAddress], timeout: Duration, on reactor: Reactor,
        completion: @escaping (Result<TCPSocket, SocketError>) -> Void
    ) -> ConnectRequest {
        let request = ConnectRequest(addresses: addresses, timeout: timeout, reactor: reactor, completion: completion)
        request.start()
        return request
    }
}

/// A connection attempt in progress; the reactor keeps it alive until it finishes.
public final class ConnectRequest {
    /// The shortest share of the deadline a silent address gets while time remains.
    static let minimumAttemptTime: Duration = .seconds(2)

    private struct Attempt {
        let fd: Int32
        let address: SocketAddress
        let started: Instant
        let limit: Duration
        let timer: TimerID
    }

    private weak var reactor: Reactor?
    private let addresses: [SocketAddress]
    private let timeout: Duration
    /// Set when the first attempt starts, from the same clock reading, so a
    /// lone address gets exactly `timeout`.
    private var deadline = Instant(nanoseconds: 0)
    private var completion: ((Result<TCPSocket, SocketError>) -> Void)?
    private var nextIndex = 0
    private var failures: [SocketError] = []
    private var attempt: Attempt?
    private var deliveryTimer: TimerID?
    private var isStarting = false

    init(addresses: [SocketAddress], timeout: Duration, reactor: Reactor,
         completion: @escaping (Result<TCPSocket, SocketError>) -> Void) {
        self.reactor = reactor
        self.addresses = addresses
        self.timeout = timeout
        self.completion = completion
    }

    deinit {
        if let attempt { Glibc.close(attempt.fd) }
    }

    /// Abandons the attempt; the completion will not be called.
    public func cancel() {
        completion = nil
        abandonAttempt()
        if let deliveryTimer { reactor?.cancelTimer(deliveryTimer) }
        deliveryTimer = nil
    }

    func start() {
        isStarting = true
        defer { isStarting = false }
        guard let reactor else { return }
        let now = reactor.now
        deadline = now + timeout
        if addresses.isEmpty {
            finish(.failure(.noAddresses))
        } else {
            tryNext(now: now)
        }
    }

    private func tryNext(now firstNow: Instant? = nil) {
        guard let reactor else { return }
        var reading = firstNow
        while completion != nil {
            let now = reading ?? reactor.now
            reading = nil
            guard nextIndex < addresses.count, now < deadline || failures.isEmpty else {
                finish(.failure(combinedFailure()))
                return
            }
            let address = addresses[nextIndex]
            nextIndex += 1
            let fd = csystem_tcp_socket(address.familyConstant)
            if fd < 0 {
                failures.append(.system(call: "socket", errno: csystem_errno()))
                continue
            }
            let rc = address.withSockAddr { Glibc.connect(fd, $0, $1) }
            let code = rc == 0 ? 0 : csystem_errno()
            if code != 0 && code != EINPROGRESS && code != EINTR {
                Glibc.close(fd)
                failures.append(.connectFailure(address, errno: code, elapsed: .zero))
                continue
            }
            // Even an immediate success is picked up through poll, so the
            // completion never runs inside `connect`.
            let limit = attemptLimit(now: now)
            let timer = reactor.addTimer(after: limit) { [self] in attemptTimedOut() }
            attempt = Attempt(fd: fd, address: address, started: now, limit: limit, timer: timer)
            reactor.register(fd: fd, interest: .writable) { [self] _ in attemptReady() }
            return
        }
    }

    private func attemptLimit(now: Instant) -> Duration {
        let remaining = max(deadline.duration(since: now), .zero)
        let share = remaining / (addresses.count - nextIndex + 1)
        return min(remaining, max(share, Self.minimumAttemptTime))
    }

    private func attemptReady() {
        guard let current = attempt, let reactor else { return }
        let code = csystem_socket_error(current.fd)
        reactor.unregister(fd: current.fd)
        reactor.cancelTimer(current.timer)
        attempt = nil
        if code == 0 {
            do {
                let socket = try TCPSocket.adopt(fd: current.fd, reactor: reactor)
                finish(.success(socket))
                return
            } catch {
                failures.append(error)
            }
        } else {
            Glibc.close(current.fd)
            let elapsed = reactor.now.duration(since: current.started)
            failures.append(.connectFailure(current.address, errno: code < 0 ? csystem_errno() : code, elapsed: elapsed))
        }
        tryNext()
    }

    private func attemptTimedOut() {
        guard let current = attempt else { return }
        abandonAttempt()
        failures.append(.timedOut(current.address, after: current.limit))
        tryNext()
    }

    private func abandonAttempt() {
        guard let current = attempt else { return }
        reactor?.unregister(fd: current.fd)
        reactor?.cancelTimer(current.timer)
        Glibc.close(current.fd)
        attempt = nil
    }

    private func combinedFailure() -> SocketError {
        failures.count == 1 ? failures[0] : .allAttemptsFailed(failures)
    }

    private func finish(_ result: Result<TCPSocket, SocketError>) {
        guard let completion else { return }
        self.completion = nil
        guard isStarting else {
            completion(result)
            return
        }
        deliveryTimer = reactor?.addTimer(after: .zero) { [self] in
            deliveryTimer = nil
            completion(result)
        }
    }
}
