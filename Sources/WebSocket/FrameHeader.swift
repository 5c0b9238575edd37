/// The fixed part of a frame: flags, opcode, masking key and payload length (RFC 6455 §5.2).
public struct FrameHeader: Equatable, Sendable {
    public var fin: Bool
    /// RSV1; only meaningful when an extension such as permessage-deflate is negotiated.
    public var rsv1: Bool
    public var opcode: Opcode
    public var maskingKey: MaskingKey?
    public var payloadLength: Int

    public init(fin: Bool = true, rsv1: Bool = false, opcode: Opcode, maskingKey: MaskingKey? = nil, payloadLength: Int) {
        self.fin = fin
        self.rsv1 = rsv1
        self.opcode = opcode
        self.maskingKey = maskingKey
        self.payloadLength = payloadLength
    }

    /// The largest header: 2 bytes, an 8-byte length and a masking key.
    public static let maximumSize = 14

    /// Bytes the header takes on the wire: 2, plus 2 or 8 for long lengths, plus 4 when masked.
    public var encodedSize: Int {
        let lengthBytes = payloadLength < 126 ? 0 : (payloadLength <= 0xFFFF ? 2 : 8)
        return 2 + lengthBytes + (maskingKey == nil ? 0 : 4)
    }

    /// Appends the header in its minimal encoding.
    public func encode(into out: inout [UInt8]) {
        var b0: UInt8 = opcode.rawValue
        if fin { b0 |= 0x80 }
        if rsv1 { b0 |= 0x40 }
        let maskBit: UInt8 = maskingKey == nil ? 0 : 0x80
        out.append(b0)
        if payloadLength < 126 {
            out.append(maskBit | UInt8(payloadLength))
        } else if payloadLength <= 0xFFFF {
            out.append(maskBit | 126)
            out.append(UInt8(truncatingIfNeeded: payloadLength >> 8))
            out.append(UInt8(truncatingIfNeeded: payloadLength))
        } else {
            out.append(maskBit | 127)
            let length = UInt64(payloadLength)
            for shift in stride(from: 56, through: 0, by: -8) {
                out.append(UInt8(truncatingIfNeeded: length >> UInt64(shift)))
            }
        }
        if let key = maskingKey {
            out.append(UInt8(truncatingIfNeeded: key.packed))
            out.append(UInt8(truncatingIfNeeded: key.packed >> 8))
            out.append(UInt8(truncatingIfNeeded: key.packed >> 16))
            out.append(UInt8(truncatingIfNeeded: key.packed >> 24))
        }
    }
}

/// Writes whole frames: header, then the payload copied once and masked in place.
public enum FrameEncoder {
    /// Appends one frame carrying `payload` to `out`, masked with `key` when given.
    public static func encode(_ header: FrameHeader, payload: UnsafeRawBufferPointer, into out: inout [UInt8]) {
        precondition(header.payloadLength == payload.count, "header length must match payload")
        if out.isEmpty, let key = header.maskingKey, payload.count >= 1 << 16 {
            // A large masked frame into an empty buffer: mask while copying, one pass instead of two.
            var head: [UInt8] = []
            header.encode(into: &head)
            out = [UInt8](unsafeUninitializedCapacity: head.count + payload.count) { buffer, count in
                let raw = UnsafeMutableRawBufferPointer(buffer)
                raw.copyBytes(from: head)
                key.apply(from: payload, to: UnsafeMutableRawBufferPointer(rebasing: raw[head.count...]))
                count = head.count + payload.count
            }
            return
        }
        out.reserveGrowing(header.encodedSize + payload.count)
        header.encode(into: &out)
        let start = out.count
        out.append(contentsOf: payload)
        if let key = header.maskingKey, payload.count > 0 {
            out.withUnsafeMutableBytes { all in
                key.apply(to: UnsafeMutableRawBufferPointer(rebasing: all[start...]))
            }
        }
    }

    /// Array convenience: the frame as fresh bytes.
    public static func encode(_ header: FrameHeader, payload: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(header.encodedSize + payload.count)
        payload.withUnsafeBytes { encode(header, payload: $0, into: &out) }
        return out
    }
}
