/// Why a TLS session could not be set up, in words a person can act on.
public enum TLSError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The server's certificate is past its end date (given as YYYY-MM-DD when known).
    case certificateExpired(notAfter: String?)
    /// The server's certificate starts later than now: usually a clock that is off.
    case certificateNotYetValid
    /// No chain from the certificate to a trusted root; `detail` is OpenSSL's reason,
    /// `caFile` the CA file that was trusted instead of the system store, if any.
    case untrusted(detail: String, caFile: String?)
    /// The certificate does not name the host that was asked for.
    case hostMismatch(host: String, certificateNames: String)
    /// Any other verification failure, with OpenSSL's reason.
    case verificationFailed(detail: String)
    /// The handshake itself failed (protocol, alert, not TLS at all, peer hung up).
    case handshakeFailed(detail: String)
    /// A certificate, key or CA file could not be used.
    case configuration(String)

    public var description: String {
        switch self {
        case .certificateExpired(let date): "certificate has expired" + (date.map { " (on \($0))" } ?? "")
        case .certificateNotYetValid: "certificate is not yet valid (is this machine's clock right?)"
        case .untrusted(let detail, let caFile):
            "certificate is not trusted (self-signed?): \(detail)" + (caFile.map { "; no CA in \($0) issued it" } ?? "")
        case .hostMismatch(let host, let names):
            names.isEmpty ? "host name mismatch: certificate names no host, asked for \(host)"
                : "host name mismatch: certificate is for \(names), not \(host)"
        case .verificationFailed(let detail): "certificate verification failed: \(detail)"
        case .handshakeFailed(let detail): "TLS handshake failed: \(detail)"
        case .configuration(let text): text
        }
    }

    /// Whether trusting another CA (`--cacert`) or skipping verification could get past it.
    public var isVerificationFailure: Bool {
        switch self {
        case .certificateExpired, .certificateNotYetValid, .untrusted, .hostMismatch, .verificationFailed: true
        case .handshakeFailed, .configuration: false
        }
    }
}

/// What was agreed for an open TLS session, for status lines and transcripts.
public struct TLSSession: Sendable, Equatable {
    /// "TLSv1.3", "TLSv1.2".
    public var version: String
    public var cipher: String
    /// False when verification was skipped on request (`--insecure`).
    public var verified: Bool

    public init(version: String, cipher: String, verified: Bool) {
        self.version = version
        self.cipher = cipher
        self.verified = verified
    }
}
