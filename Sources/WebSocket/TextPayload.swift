/// The payload of a received text message: UTF-8 already validated, kept as bytes so that
/// echoing or forwarding it costs no String conversion (tungstenite's `Utf8Bytes` does the
/// same). Ask for `string` when you need one.
public struct TextPayload: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let bytes: [UInt8]

    /// Wraps bytes the connection has validated.
    init(validated bytes: [UInt8]) { self.bytes = bytes }

    public init(_ string: String) { bytes = Array(string.utf8) }
    public init(stringLiteral value: String) { self.init(value) }

    /// The text as a String (a copy; the bytes are valid UTF-8, so nothing is replaced).
    public var string: String { String(decoding: bytes, as: UTF8.self) }
    public var count: Int { bytes.count }
    public var description: String { string }
}
