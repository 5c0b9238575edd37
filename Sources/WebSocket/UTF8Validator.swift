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
        // A sequence left open by the previous chunk, finished a byte at a time.
        while needed > 0, i < count {
            let b = base.load(fromByteOffset: i, as: UInt8.self)
            i += 1
            guard b >= lower, b <= upper else { return false }
            needed -= 1
            lower = 0x80
            upper = 0xBF
        }
        while i < count {
            i = Self.skipASCII(base, from: i, count: count)
            // Then a stretch byte by byte, so that mixed text does not retry the wide checks
            // before every character; a whole sequence is checked at once.
            let stop = min(i + 16, count)
            while i < stop {
                let b = base.load(fromByteOffset: i, as: UInt8.self)
                i += 1
                if b < 0x80 { continue }
                let n: Int
                let low: UInt8, high: UInt8
                switch b {
                case 0xC2...0xDF: n = 1; low = 0x80; high = 0xBF
                case 0xE0: n = 2; low = 0xA0; high = 0xBF
                case 0xE1...0xEC, 0xEE...0xEF: n = 2; low = 0x80; high = 0xBF
                case 0xED: n = 2; low = 0x80; high = 0x9F
                case 0xF0: n = 3; low = 0x90; high = 0xBF
                case 0xF1...0xF3: n = 3; low = 0x80; high = 0xBF
                case 0xF4: n = 3; low = 0x80; high = 0x8F
                default: return false
                }
                // Only the first continuation byte has a narrow range: that is what rejects
                // overlong forms, surrogates and code points past U+10FFFF.
                let available = min(n, count - i)
                for k in 0..<available {
                    let c = base.load(fromByteOffset: i + k, as: UInt8.self)
                    guard k == 0 ? (c >= low && c <= high) : (c & 0xC0 == 0x80) else { return false }
                }
                i += available
                if available < n {
                    // The chunk ends inside the sequence: keep what the next byte must be.
                    needed = UInt8(n - available)
                    lower = available == 0 ? low : 0x80
                    upper = available == 0 ? high : 0xBF
                    return true
                }
            }
        }
        return true
    }

    /// The index of the first byte from `start` on that is not ASCII, give or take the last
    /// word: ASCII runs are by far the most common, so they are skipped 32 bytes, then a word,
    /// at a time.
    @inline(__always)
    private static func skipASCII(_ base: UnsafeRawPointer, from start: Int, count: Int) -> Int {
        var i = start
        while i + 32 <= count {
            let p = base + i
            let any = p.loadUnaligned(as: UInt64.self) | (p + 8).loadUnaligned(as: UInt64.self)
                | (p + 16).loadUnaligned(as: UInt64.self) | (p + 24).loadUnaligned(as: UInt64.self)
            guard any & 0x8080_8080_8080_8080 == 0 else { break }
            i += 32
        }
        while i + 8 <= count, (base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
            i += 8
        }
        return i
    }

    /// Convenience for arrays.
    public mutating func validate(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { validate($0) }
    }
}
