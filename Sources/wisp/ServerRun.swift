import EventLoop
import WebSocket

#if canImport(Glibc)
import Glibc
#endif

/// What `wisp serve` and `wisp echo-server` share once listening: the URL line scripts wait
/// for, and SIGINT/SIGTERM → close 1001 to every peer → a short wait for their answers → exit.
enum ServerRun {
    /// "wss://[::1]:6001/ws": the address a client would dial.
    static func url(of address: SocketAddress, secure: Bool, path: String) -> String {
        WebSocketURL(isSecure: secure, host: address.host, port: address.port, resource: path).description
    }

    /// Runs the reactor until SIGINT or SIGTERM, then `shutdown()`, then up to 3 s more until
    /// `drained()` (peers answering the close within the close timeout).
    static func untilSignalled(_ reactor: Reactor, shutdown: @escaping () -> Void, drained: () -> Bool) throws {
        var stopping = false
        try reactor.handleSignals([SIGINT, SIGTERM]) { _ in
            stopping = true
            shutdown()
        }
        try reactor.run { stopping }
        try reactor.run(timeout: .seconds(3), until: drained)
    }
}
