import EventLoop
import TLS
import WebSocket

/// Why a client connection could not be made or did not survive, in words a person can act on.
public enum ClientError: Error, Sendable, CustomStringConvertible {
    /// The TLS session of a `wss://` URL could not be set up or verified.
    case tls(TLSError)
    case resolve(SocketError)
    case connect(SocketError)
    case connectTimedOut(host: String, after: Duration)
    case handshake(HandshakeError)
    case handshakeTimedOut(after: Duration)
    case transport(SocketError)
    case pongTimedOut(after: Duration)
    /// The server sends (pings, say) but does not read what we answer.
    case peerNotReading(queuedBytes: Int)

    public var description: String {
        switch self {
        case .tls(let e):
            switch e {
            case .untrusted(_, .some): "\(e) (--insecure skips checks)"
            case .untrusted(let detail, nil) where detail.contains("issuer") || detail.contains("first certificate"):
                // The chain stops short of a root we have: a private CA, or a missing intermediate.
                "\(e) (a private CA? trust it with --cacert FILE; a public one? the server may not be sending its "
                    + "intermediate certificate; --insecure skips checks)"
            case .untrusted: "\(e) (trust it with --cacert FILE, or skip checks with --insecure)"
            case .hostMismatch, .certificateExpired, .verificationFailed: "\(e) (--insecure skips verification)"
            default: "\(e)"
            }
        case .resolve(let e): "\(e)"
        case .connect(let e): "\(e)"
        case .connectTimedOut(let host, let after): "connecting to \(host) timed out after \(after.humanReadable)"
        case .handshake(let e): "\(e)"
        case .handshakeTimedOut(let after): "the server did not answer the WebSocket handshake within \(after.humanReadable)"
        case .transport(let e): "connection failed: \(e)"
        case .pongTimedOut(let after): "no pong within \(after.humanReadable): the connection is dead"
        case .peerNotReading(let bytes): "the server stopped reading (\(bytes) bytes queued): connection dropped"
        }
    }

    /// The server's certificate failed verification (untrusted, expired, another host's):
    /// retrying cannot help until someone changes the certificate or the options.
    public var isCertificateFailure: Bool {
        if case .tls(let e) = self { return e.isVerificationFailure }
        return false
    }

    /// The HTTP status of a refused handshake (401, 403, 404 …), for callers that treat them specially.
    public var httpStatus: Int? {
        if case .handshake(.rejected(let r)) = self { return r.status }
        return nil
    }
}

/// How a client connection ended: it failed (before or after opening), or it closed.
public enum ClientEnd: Error, Sendable, CustomStringConvertible {
    case failed(ClientError)
    case closed(CloseInfo)

    public var description: String {
        switch self {
        case .failed(let e): "\(e)"
        case .closed(let info): "\(info)"
        }
    }
}

extension Duration {
    /// "5 s", "250 ms": the way durations read in messages.
    public var humanReadable: String { humanDescription }
}
