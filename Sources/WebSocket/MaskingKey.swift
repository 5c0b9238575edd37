/// The 4-byte key a client XORs over every payload it sends (RFC 6455 §5.3).
public struct MaskingKey: Hashable, Sendable {
    /// The key bytes in wire order, packed little-endian: byte `i` is `(packed >> (8 * i)) & 0xFF`.
    public let packed: UInt32

    public init(_ b0: UInt8, _ b1: UInt8, _ b2: UInt8, _ b3: UInt8) {
        packed = UInt32(b0) | UInt32(b1) << 8 | UInt32(b2) << 16 | UInt32(b3) << 24
    }

    /// A fresh key from `generator` (the system CSPRNG in production, a seeded one in tests).
    public init<G: RandomNumberGenerator>(using generator: inout G) {
        packed = UInt32(truncatingIfNeeded: generator.next())
    }

    /// The key bytes in wire order.
    public var bytes: [UInt8] {
        [UInt8(truncatingIfNeeded: packed), UInt8(truncatingIfNeeded: packed >> 8),
         UInt8(truncatingIfNeeded: packed >> 16), UInt8(truncatingIfNeeded: packed >> 24)]
    }

    /// XORs the key over `buffer` in place, as if `buffer` started `phase` bytes into the payload.
    /// Works a machine word at a time: the key is rotated once to the phase and widened to
    /// 64 bits, so the loop is a load, an XOR and a store per 8 bytes.
    public func apply(to buffer: UnsafeMutableRawBufferPointer, phase: Int = 0) {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        let count = buffer.count
        let word = widened(phase: phase)
        let wordLE = word.littleEndian
        var offset = 0
        // Four words per iteration lets the optimiser keep everything in registers.
        while offset + 32 <= count {
            let p = base + offset
            p.storeBytes(of: p.loadUnaligned(as: UInt64.self) ^ wordLE, as: UInt64.self)
            (p + 8).storeBytes(of: (p + 8).loadUnaligned(as: UInt64.self) ^ wordLE, as: UInt64.self)
            (p + 16).storeBytes(of: (p + 16).loadUnaligned(as: UInt64.self) ^ wordLE, as: UInt64.self)
            (p + 24).storeBytes(of: (p + 24).loadUnaligned(as: UInt64.self) ^ wordLE, as: UInt64.self)
            offset += 32
        }
        while offset + 8 <= count {
            let p = base + offset
            p.storeBytes(of: p.loadUnaligned(as: UInt64.self) ^ wordLE, as: UInt64.self)
            offset += 8
        }
        // The tail continues the same rotated pattern, since 8 is a multiple of 4.
        var tailKey = word
        while offset < count {
            let p = base + offset
            p.storeBytes(of: p.load(as: UInt8.self) ^ UInt8(truncatingIfNeeded: tailKey), as: UInt8.self)
            tailKey >>= 8
            offset += 1
        }
    }

    /// Writes `source` XOR the key into `destination` (same length), as if starting `phase`
    /// bytes into the payload: the copy and the mask in one pass over memory.
    public func apply(from source: UnsafeRawBufferPointer, to destination: UnsafeMutableRawBufferPointer, phase: Int = 0) {
        precondition(source.count == destination.count, "mask copy needs equal lengths")
        guard let src = source.baseAddress, let dst = destination.baseAddress, source.count > 0 else { return }
        let count = source.count
        let word = widened(phase: phase)
        let wordLE = word.littleEndian
        var offset = 0
        while offset + 32 <= count {
            for lane in stride(from: 0, to: 32, by: 8) {
                (dst + offset + lane).storeBytes(of: (src + offset + lane).loadUnaligned(as: UInt64.self) ^ wordLE, as: UInt64.self)
            }
            offset += 32
        }
        while offset + 8 <= count {
            (dst + offset).storeBytes(of: (src + offset).loadUnaligned(as: UInt64.self) ^ wordLE, as: UInt64.self)
            offset += 8
        }
        var tailKey = word
        while offset < count {
            (dst + offset).storeBytes(of: src.load(fromByteOffset: offset, as: UInt8.self) ^ UInt8(truncatingIfNeeded: tailKey), as: UInt8.self)
            tailKey >>= 8
            offset += 1
        }
    }

    /// The key rotated to start `phase` bytes into the payload, repeated to 64 bits.
    @inline(__always)
    private func widened(phase: Int) -> UInt64 {
        let shift = UInt32((phase & 3) * 8)
        let rotated = shift == 0 ? packed : (packed >> shift) | (packed << (32 - shift))
        return UInt64(rotated) | UInt64(rotated) << 32
    }

    /// Masks (or unmasks) a copy of `bytes`; for tests and small payloads.
    public func applied(to bytes: [UInt8], phase: Int = 0) -> [UInt8] {
        var copy = bytes
        copy.withUnsafeMutableBytes { apply(to: $0, phase: phase) }
        return copy
    }
}
