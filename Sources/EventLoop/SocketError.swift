import Glibc

/// Why a socket operation failed, in words a user can act on.
public enum SocketError: Error, CustomStringConvertible, Hashable, Sendable {
    /// Nothing listens at the address (ECONNREFUSED).
    case refused(SocketAddress)
    /// No route to the address (ENETUNREACH, EHOSTUNREACH, ENETDOWN, EHOSTDOWN).
    case unreachable(SocketAddress, errno: Int32)
    /// The connection attempt to the address got no answer within `after`.
    case timedOut(SocketAddress, after: Duration)
    /// Connecting to the address failed for another reason.
    case connectFailed(SocketAddress, errno: Int32)
    /// Several addresses were tried and each failed; one error per address, in order.
    case allAttemptsFailed([SocketError])
    /// `connect` was given an empty address list.
    case noAddresses
    /// Name resolution failed; `message` is the resolver's text.
    case dns(host: String, message: String)
    /// The text is not a numeric IPv4 or IPv6 address.
    case invalidAddress(String)
    /// Another socket is bound to the address (EADDRINUSE).
    case addressInUse(SocketAddress)
    /// The peer reset the connection (ECONNRESET, EPIPE).
    case connectionReset(SocketAddress)
    /// A read or write on an established connection failed.
    case io(SocketAddress, call: String, errno: Int32)
    /// A system call failed outside any connection.
    case system(call: String, errno: Int32)
    /// The TLS layer over the connection failed (a bad record, a fatal alert from the peer).
    case secureChannel(SocketAddress, detail: String)

    /// E.g. "connection refused by 127.0.0.1:6001".
    public var description: String {
        switch self {
        case .refused(let address):
            "connection refused by \(address)"
        case .unreachable(let address, let code):
            "\(address) is unreachable: \(errnoMessage(code))"
        case .timedOut(let address, let after):
            "connect to \(address) timed out after \(after.humanDescription)"
        case .connectFailed(let address, let code):
            "connect to \(address) failed: \(errnoMessage(code))"
        case .allAttemptsFailed(let errors):
            "could not connect to any of \(errors.count) addresses: "
                + errors.map(\.description).joined(separator: "; ")
        case .noAddresses:
            "no addresses to connect to"
        case .dns(let host, let message):
            "DNS lookup for \(host) failed: \(message)"
        case .invalidAddress(let text):
            "\"\(text)\" is not a numeric IPv4 or IPv6 address"
        case .addressInUse(let address):
            "address \(address) is already in use"
        case .connectionReset(let address):
            "connection reset by \(address)"
        case .io(let address, let call, let code):
            "\(call) on the connection to \(address) failed: \(errnoMessage(code))"
        case .system(let call, let code):
            "\(call) failed: \(errnoMessage(code))"
        case .secureChannel(let address, let detail):
            "TLS error on the connection to \(address): \(detail)"
        }
    }

    /// The error for a failed connect(2) to `address`, `elapsed` after it started.
    static func connectFailure(_ address: SocketAddress, errno code: Int32, elapsed: Duration) -> SocketError {
        switch code {
        case ECONNREFUSED: .refused(address)
        case ENETUNREACH, EHOSTUNREACH, ENETDOWN, EHOSTDOWN: .unreachable(address, errno: code)
        case ETIMEDOUT: .timedOut(address, after: elapsed)
        default: .connectFailed(address, errno: code)
        }
    }

    /// The error for a failed recv/send on a connection to `peer`.
    static func transferFailure(_ peer: SocketAddress, call: String, errno code: Int32) -> SocketError {
        switch code {
        case ECONNRESET, EPIPE: .connectionReset(peer)
        default: .io(peer, call: call, errno: code)
        }
    }
}
