import FoundationEssentials

/// The key/accept exchange of the opening handshake (RFC 6455 §1.3, §4.2.2).
public enum HandshakeAccept {
    static let guid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

    /// `Sec-WebSocket-Accept` for a `Sec-WebSocket-Key`: base64(SHA-1(key + GUID)).
    public static func value(forKey key: String) -> String {
        Data(SHA1.hash(Array((key + guid).utf8))).base64EncodedString()
    }

    /// A `Sec-WebSocket-Key`: 16 random bytes, base64-encoded.
    public static func makeKey<G: RandomNumberGenerator>(using generator: inout G) -> String {
        var bytes: [UInt8] = []
        for _ in 0..<2 {
            let word = generator.next()
            for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
        }
        return Data(bytes).base64EncodedString()
    }

    /// Whether `key` is base64 of exactly 16 bytes, as a server must check.
    public static func isValidKey(_ key: String) -> Bool {
        Data(base64Encoded: key)?.count == 16
    }
}
