/// A close status code (RFC 6455 §7.4), including the codes that are never sent on the wire.
public struct CloseCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    public init(_ rawValue: UInt16) { self.rawValue = rawValue }

    public static let normal = CloseCode(1000)
    public static let goingAway = CloseCode(1001)
    public static let protocolError = CloseCode(1002)
    public static let unsupportedData = CloseCode(1003)
    /// Reported locally when a close frame carried no code; never sent.
    public static let noStatus = CloseCode(1005)
    /// Reported locally when the connection dropped without a close frame; never sent.
    public static let abnormal = CloseCode(1006)
    public static let invalidPayload = CloseCode(1007)
    public static let policyViolation = CloseCode(1008)
    public static let messageTooBig = CloseCode(1009)
    public static let mandatoryExtension = CloseCode(1010)
    public static let internalError = CloseCode(1011)
    public static let serviceRestart = CloseCode(1012)
    public static let tryAgainLater = CloseCode(1013)
    public static let badGateway = CloseCode(1014)
    /// Reported locally when the TLS handshake failed; never sent.
    public static let tlsHandshake = CloseCode(1015)

    /// Whether this code may appear in a close frame: the codes RFC 6455 and the IANA
    /// registry define for endpoints (1000–1003, 1007–1014) and the ranges left to
    /// libraries and applications (3000–4999). 1004–1006, 1015 and undefined codes are not.
    public var isValidOnWire: Bool {
        switch rawValue {
        case 1000...1003, 1007...1014, 3000...4999: true
        default: false
        }
    }

    /// The registered name, for messages a person reads.
    public var name: String {
        switch rawValue {
        case 1000: "normal closure"
        case 1001: "going away"
        case 1002: "protocol error"
        case 1003: "unsupported data"
        case 1005: "no status code"
        case 1006: "abnormal closure"
        case 1007: "invalid payload data"
        case 1008: "policy violation"
        case 1009: "message too big"
        case 1010: "mandatory extension"
        case 1011: "internal server error"
        case 1012: "service restart"
        case 1013: "try again later"
        case 1014: "bad gateway"
        case 1015: "TLS handshake failure"
        case 3000...3999: "registered code"
        case 4000...4999: "application code"
        default: "unknown code"
        }
    }

    public var description: String { "\(rawValue) (\(name))" }
}
