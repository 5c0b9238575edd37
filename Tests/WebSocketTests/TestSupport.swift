import WebSocket

/// Deterministic generator so every randomized test replays exactly.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A generator that always yields the same masking key, for byte-exact expectations.
struct FixedKey: RandomNumberGenerator {
    let key: UInt32
    mutating func next() -> UInt64 { UInt64(key) | UInt64(key) << 32 }
}

/// The RFC 6455 §5.7 example key 37 fa 21 3d.
let rfcKey = FixedKey(key: MaskingKey(0x37, 0xFA, 0x21, 0x3D).packed)

extension WebSocketConnection {
    /// Every event available now.
    mutating func drainEvents() -> [WebSocketEvent] {
        var out: [WebSocketEvent] = []
        while let e = nextEvent() { out.append(e) }
        return out
    }

    /// Feeds `bytes` split at the given offsets.
    mutating func receive(_ bytes: [UInt8], splitAt cuts: [Int]) {
        var start = 0
        for cut in cuts + [bytes.count] where cut >= start {
            receive(Array(bytes[start..<cut]))
            start = cut
        }
    }
}

func hex(_ s: String) -> [UInt8] {
    let digits = s.filter(\.isHexDigit)
    var out: [UInt8] = []
    var i = digits.startIndex
    while i < digits.endIndex {
        let j = digits.index(i, offsetBy: 2)
        out.append(UInt8(digits[i..<j], radix: 16)!)
        i = j
    }
    return out
}

/// A closed-connection expectation helper: the close info of the last event, if any.
func closeInfo(_ events: [WebSocketEvent]) -> CloseInfo? {
    if case .closed(let info)? = events.last { return info }
    return nil
}

/// Parses the frames in `bytes` (a client's or server's output) with a decoder of the other role.
func frames(in bytes: [UInt8], sentBy role: Role) -> [(FrameHeader, [UInt8])] {
    struct Collect: FrameSink {
        var frames: [(FrameHeader, [UInt8])] = []
        var acceptsMoreFrames: Bool { true }
        mutating func frameStarted(_ header: FrameHeader) throws(ProtocolError) { frames.append((header, [])) }
        mutating func framePayload(_ chunk: PayloadChunk) throws(ProtocolError) { chunk.appendUnmasked(to: &frames[frames.count - 1].1) }
        mutating func frameEnded() throws(ProtocolError) {}
    }
    var decoder = FrameDecoder(role: role == .client ? .server : .client)
    var sink = Collect()
    try! bytes.withUnsafeBytes { buffer in
        try Result { () throws(ProtocolError) in try decoder.decode(buffer, into: &sink) }.get()
    }
    return sink.frames
}
