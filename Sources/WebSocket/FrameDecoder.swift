/// A run of payload bytes as they arrived, still masked if the frame was.
/// Valid only during the `FrameSink` call that receives it.
public struct PayloadChunk {
    public let bytes: UnsafeRawBufferPointer
    public let maskingKey: MaskingKey?
    /// Offset of the first byte within the frame's payload, which sets the mask phase.
    public let offset: Int

    /// Appends the unmasked bytes to `array`: one copy, then an in-place word-wise unmask.
    public func appendUnmasked(to array: inout [UInt8]) {
        let start = array.count
        array.append(contentsOf: bytes)
        if let key = maskingKey, bytes.count > 0 {
            array.withUnsafeMutableBytes { all in
                key.apply(to: UnsafeMutableRawBufferPointer(rebasing: all[start...]), phase: offset)
            }
        }
    }
}

/// Receives the pieces of frames as the decoder finds them, so payloads stream straight
/// into their destination and checks such as UTF-8 validity run as bytes arrive.
public protocol FrameSink {
    /// False once the sink wants no more frames (a close was received); the rest of the input is dropped.
    var acceptsMoreFrames: Bool { get }
    mutating func frameStarted(_ header: FrameHeader) throws(ProtocolError)
    mutating func framePayload(_ chunk: PayloadChunk) throws(ProtocolError)
    mutating func frameEnded() throws(ProtocolError)
}

/// Incremental frame decoder: accepts input split at any byte and enforces the frame-level
/// rules of RFC 6455 §5 (reserved bits, opcodes, masking direction, control frame limits,
/// the 64-bit length's high bit). Message-level rules belong to the sink.
public struct FrameDecoder: Sendable {
    /// Role of the endpoint that receives: a server requires masked frames, a client refuses them.
    public let role: Role
    /// Whether RSV1 may be set on data frames (a negotiated permessage-deflate).
    public var allowsRSV1: Bool

    private var headerBuffer: [UInt8] = []
    private var current: FrameHeader?
    private var payloadOffset = 0

    public init(role: Role, allowsRSV1: Bool = false) {
        self.role = role
        self.allowsRSV1 = allowsRSV1
        headerBuffer.reserveCapacity(14)
    }

    /// The frame whose payload is arriving and how much of it has come.
    var payloadInProgress: (header: FrameHeader, offset: Int)? { current.map { ($0, payloadOffset) } }

    /// Accounts for `count` payload bytes of the current frame that the sink took outside
    /// `decode` (read straight into place), ending the frame when they complete it.
    mutating func payloadTakenInPlace<S: FrameSink>(_ count: Int, sink: inout S) throws(ProtocolError) {
        guard let header = current else { return }
        precondition(count <= header.payloadLength - payloadOffset, "more payload than the frame holds")
        payloadOffset += count
        if payloadOffset == header.payloadLength {
            current = nil
            payloadOffset = 0
            try sink.frameEnded()
        }
    }

    /// True between frames, i.e. when EOF here would not cut a frame in half.
    public var isAtFrameBoundary: Bool { current == nil && headerBuffer.isEmpty }

    /// Decodes as much of `input` as forms frames or frame pieces, handing them to `sink`.
    public mutating func decode<S: FrameSink>(_ input: UnsafeRawBufferPointer, into sink: inout S) throws(ProtocolError) {
        var index = 0
        let count = input.count
        while index < count || current?.payloadLength == 0 {
            guard sink.acceptsMoreFrames else { return }
            if let header = current {
                let remaining = header.payloadLength - payloadOffset
                let take = min(remaining, count - index)
                if take > 0 {
                    let chunk = PayloadChunk(
                        bytes: UnsafeRawBufferPointer(rebasing: input[index..<(index + take)]),
                        maskingKey: header.maskingKey, offset: payloadOffset)
                    index += take
                    payloadOffset += take
                    try sink.framePayload(chunk)
                }
                if payloadOffset == header.payloadLength {
                    current = nil
                    payloadOffset = 0
                    try sink.frameEnded()
                }
                continue
            }
            // Parse the header straight from the input when it is all there; otherwise
            // gather its bytes across calls.
            if headerBuffer.isEmpty, let (header, size) = try Self.parseHeader(UnsafeRawBufferPointer(rebasing: input[index...])) {
                index += size
                try begin(header, sink: &sink)
                continue
            }
            let needed = headerBuffer.count < 2 ? 2 : Self.headerSize(headerBuffer[0], headerBuffer[1])
            let take = min(needed - headerBuffer.count, count - index)
            headerBuffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[index..<(index + take)]))
            index += take
            // withUnsafeBytes only rethrows untyped errors, so carry the typed one out in a Result.
            let parsed = headerBuffer.withUnsafeBytes { buffer in
                Result { () throws(ProtocolError) in try Self.parseHeader(buffer) }
            }
            if let (header, _) = try parsed.get() {
                headerBuffer.removeAll(keepingCapacity: true)
                try begin(header, sink: &sink)
            }
        }
    }

    private mutating func begin<S: FrameSink>(_ header: FrameHeader, sink: inout S) throws(ProtocolError) {
        try validate(header)
        current = header
        payloadOffset = 0
        try sink.frameStarted(header)
    }

    private func validate(_ header: FrameHeader) throws(ProtocolError) {
        if header.opcode.isControl {
            guard header.fin else { throw .fragmentedControlFrame(header.opcode) }
            guard header.payloadLength <= 125 else { throw .controlFrameTooLong(header.opcode, length: header.payloadLength) }
            guard !header.rsv1 else { throw .reservedBitsSet(rsv: 4) }
        } else if header.rsv1 && (!allowsRSV1 || header.opcode == .continuation) {
            throw .reservedBitsSet(rsv: 4)
        }
        switch role {
        case .server where header.maskingKey == nil: throw .unmaskedClientFrame
        case .client where header.maskingKey != nil: throw .maskedServerFrame
        default: break
        }
    }

    /// Header size implied by its first two bytes.
    private static func headerSize(_ b0: UInt8, _ b1: UInt8) -> Int {
        let len7 = b1 & 0x7F
        return 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + (b1 & 0x80 != 0 ? 4 : 0)
    }

    /// A complete header and its size, or nil when `bytes` does not hold all of it yet.
    private static func parseHeader(_ bytes: UnsafeRawBufferPointer) throws(ProtocolError) -> (FrameHeader, Int)? {
        guard bytes.count >= 2 else { return nil }
        let b0 = bytes[0], b1 = bytes[1]
        let size = headerSize(b0, b1)
        guard bytes.count >= size else { return nil }
        let rsv = (b0 >> 4) & 0x7
        guard rsv & 0x3 == 0 else { throw .reservedBitsSet(rsv: rsv) }
        guard let opcode = Opcode(rawValue: b0 & 0x0F) else { throw .unknownOpcode(b0 & 0x0F) }
        var length = Int(b1 & 0x7F)
        var cursor = 2
        if length == 126 {
            length = Int(bytes[2]) << 8 | Int(bytes[3])
            cursor = 4
        } else if length == 127 {
            guard bytes[2] & 0x80 == 0 else { throw .lengthHighBitSet }
            var value: UInt64 = 0
            for i in 2..<10 { value = value << 8 | UInt64(bytes[i]) }
            length = Int(value)
            cursor = 10
        }
        var key: MaskingKey?
        if b1 & 0x80 != 0 {
            key = MaskingKey(bytes[cursor], bytes[cursor + 1], bytes[cursor + 2], bytes[cursor + 3])
        }
        let header = FrameHeader(fin: b0 & 0x80 != 0, rsv1: rsv & 0x4 != 0, opcode: opcode, maskingKey: key, payloadLength: length)
        return (header, size)
    }
}
