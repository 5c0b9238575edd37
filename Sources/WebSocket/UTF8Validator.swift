/// Incremental UTF-8 validation (RFC 3629, as RFC 6455 §8.1 requires) that fails at the first
/// byte that can no longer start or continue a valid sequence, across chunk and frame borders.
public struct UTF8Validator: Sendable {
    /// Continuation bytes still expected for the sequence in progress.
    private var needed: UInt8 = 0
    /// Allowed range of the next continuation byte: narrower than 80–BF right after a lead
    /// byte, which is what rejects overlong forms, surrogates and code points past U+10FFFF.
    private var lower: UInt8 = 0x80
    private var upper: UInt8 = 0xBF

    public init() {}

    /// True when no multi-byte sequence is left open, so the text may end here.
    public var isComplete: Bool { needed == 0 }

    /// Forgets any sequence in progress.
    public mutating func reset() { self = UTF8Validator() }

    /// Feeds the next bytes; returns false as soon as a byte makes the text invalid.
    public mutating func validate(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let count = bytes.count
        var i = 0
        while i < count {
            if needed == 0 {
                // ASCII runs are by far the most common: skip them 32 bytes, then a word, at a time.
                while i + 32 <= count {
                    let p = base + i
                    let any = p.loadUnaligned(as: UInt64.self) | (p + 8).loadUnaligned(as: UInt64.self)
                        | (p + 16).loadUnaligned(as: UInt64.self) | (p + 24).loadUnaligned(as: UInt64.self)
                    guard any & 0x8080_8080_8080_8080 == 0 else { break }
                    i += 32
                }
                while i + 8 <= count,
                      (base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                }
                guard i < count else { break }
                let b = base.load(fromByteOffset: i, as: UInt8.self)
                i += 1
                switch b {
                case 0x00...0x7F: continue
                case 0xC2...0xDF: needed = 1; lower = 0x80; upper = 0xBF
                case 0xE0: needed = 2; lower = 0xA0; upper = 0xBF
                case 0xE1...0xEC, 0xEE...0xEF: needed = 2; lower = 0x80; upper = 0xBF
                case 0xED: needed = 2; lower = 0x80; upper = 0x9F
                case 0xF0: needed = 3; lower = 0x90; upper = 0xBF
                case 0xF1...0xF3: needed = 3; lower = 0x80; upper = 0xBF
                case 0xF4: needed = 3; lower = 0x80; upper = 0x8F
                default: return false
                }
            } else {
                let b = base.load(fromByteOffset: i, as: UInt8.self)
                i += 1
                guard b >= lower, b <= upper else { return false }
                needed -= 1
                lower = 0x80
                upper = 0xBF
            }
        }
        return true
    }

    /// Convenience for arrays.
    public mutating func validate(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { validate($0) }
    }
}
