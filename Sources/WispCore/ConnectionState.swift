/// The connection as the status bar reports it.
public enum ConnectionState: Sendable, Equatable {
    case connecting(attempt: Int)
    case connected(since: Int64)
    /// Waiting to retry: `at` is the monotonic time of the next attempt; `reason` why the last one ended.
    case reconnecting(at: Int64, attempt: Int, reason: String)
    /// The server refused our credentials (401/403): no automatic retry; Ctrl-R tries again.
    case authFailed(status: Int, message: String)
    /// The server's certificate failed verification: no automatic retry either.
    case certificateRejected(message: String)

    public var isConnected: Bool {
        if case .connected = self { return true }
        return false
    }
}

/// What the runtime tells the app about the connection.
public enum ConnectionEvent: Sendable, Equatable {
    /// The handshake succeeded after `latency` ms.
    case opened(latency: Int64)
    /// Connecting or the handshake failed; `httpStatus` is set when the server answered with one.
    case failed(message: String, httpStatus: Int?)
    /// The TLS certificate was not trusted, expired or for another host: retrying cannot help.
    case certificateRejected(message: String)
    /// An open connection ended (close handshake, protocol error, EOF, dead keepalive).
    case closed(code: UInt16, description: String)
}
