import Testing
@testable import WebSocket

/// Feeds a byte stream to a connection the way `TCPSocket` does: while a message is in
/// progress the connection is offered `receiveInPlace` first, otherwise (or when it declines)
/// the bytes go through `receive(_:)`. Pieces have seeded random sizes.
struct InPlaceWire {
    var source: [UInt8]
    var position = 0
    var rng: SplitMix64
    var maxPiece: Int
    /// Rooms the connection offered to `read`, in order.
    var rooms: [Int] = []
    /// Bytes that went through each path.
    var inPlaceBytes = 0
    var copiedBytes = 0

    init(_ source: [UInt8], seed: UInt64, maxPiece: Int = 300 << 10) {
        self.source = source
        rng = SplitMix64(seed: seed)
        self.maxPiece = maxPiece
    }

    /// Delivers everything; returns the events in order.
    mutating func deliver(to connection: inout WebSocketConnection) -> [WebSocketEvent] {
        var events: [WebSocketEvent] = []
        while position < source.count {
            let piece = min(source.count - position, Int.random(in: 1...maxPiece, using: &rng))
            var took: Int?
            if connection.promisedBytes != nil {
                took = connection.receiveInPlace { room in
                    rooms.append(room.count)
                    let count = min(room.count, piece)
                    source.withUnsafeBytes { room.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[position..<(position + count)])) }
                    return count
                }
            }
            if let took {
                position += took
                inPlaceBytes += took
            } else {
                source.withUnsafeBytes { connection.receive(UnsafeRawBufferPointer(rebasing: $0[position..<(position + piece)])) }
                position += piece
                copiedBytes += piece
            }
            events += connection.drainEvents()
        }
        return events
    }
}

/// Events with large payloads shortened to kind, size and a hash, so a failure prints readably.
func digest(_ events: [WebSocketEvent]) -> [String] {
    events.map { event in
        switch event {
        case .binary(let b): "binary \(b.count) \(b.hashValue)"
        case .text(let t): "text \(t.count) \(t.bytes.hashValue)"
        default: "\(event)"
        }
    }
}

@Suite struct InPlaceReceiveTests {
    static func frame(_ opcode: Opcode, fin: Bool = true, _ payload: [UInt8], key: MaskingKey? = nil) -> [UInt8] {
        FrameEncoder.encode(FrameHeader(fin: fin, opcode: opcode, maskingKey: key, payloadLength: payload.count), payload: payload)
    }

    static func bytes(_ count: Int, _ rng: inout SplitMix64) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
    }

    /// Large and small messages, fragmented text with pings between its large frames, for
    /// both roles (masked frames towards a server): the same events as the copying path.
    @Test(arguments: [(Role.client, 1), (.client, 2), (.server, 3), (.server, 4)] as [(Role, UInt64)])
    func sameEventsAsCopying(role: Role, seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let key: MaskingKey? = role == .server ? MaskingKey(0x37, 0xFA, 0x21, 0x3D) : nil
        let big = Self.bytes(700_000, &rng)
        let text = String(repeating: "wisp é 日本 😀 ", count: 20_000)
        let utf8 = Array(text.utf8)
        let third = utf8.count / 3
        var stream = Self.frame(.binary, big, key: key)
        stream += Self.frame(.text, fin: false, Array(utf8[..<third]), key: key)
        stream += Self.frame(.ping, [1, 2, 3], key: key)
        stream += Self.frame(.continuation, fin: false, Array(utf8[third..<(2 * third)]), key: key)
        stream += Self.frame(.continuation, Array(utf8[(2 * third)...]), key: key)
        stream += Self.frame(.binary, [9, 8, 7], key: key)
        let tail = Self.bytes(70_000, &rng)
        stream += Self.frame(.binary, tail, key: key)
        let expected: [WebSocketEvent] = [.binary(big), .ping([1, 2, 3]), .text(TextPayload(text)), .binary([9, 8, 7]), .binary(tail)]

        var connection = WebSocketConnection(role: role)
        var wire = InPlaceWire(stream, seed: seed)
        let events = wire.deliver(to: &connection)
        #expect(digest(events) == digest(expected))
        // Most of the payload went in place, and between large frames only a header was asked for.
        #expect(wire.inPlaceBytes > wire.copiedBytes)
        #expect(wire.rooms.contains(FrameHeader.maximumSize))
        #expect(wire.rooms.allSatisfy { $0 > 0 && $0 <= WebSocketConnection.inPlaceReadLimit })
    }

    @Test func oneByteAtATimeInPlace() {
        var rng = SplitMix64(seed: 7)
        let payload = Self.bytes(100_000, &rng)
        var connection = WebSocketConnection(role: .server)
        var wire = InPlaceWire(Self.frame(.binary, payload, key: MaskingKey(1, 2, 3, 4)), seed: 7, maxPiece: 1)
        #expect(digest(wire.deliver(to: &connection)) == digest([.binary(payload)]))
        #expect(wire.inPlaceBytes > 99_000)
    }

    @Test func promisedBytesFollowTheFrames() {
        var connection = WebSocketConnection(role: .client)
        #expect(connection.promisedBytes == nil)
        let payload = [UInt8](repeating: 0x61, count: 200_000)
        let first = Self.frame(.text, fin: false, payload)
        connection.receive(Array(first.prefix(10 + 1000)))
        #expect(connection.promisedBytes == 199_000)
        connection.receive(Array(first.dropFirst(10 + 1000)))
        // Between frames of an unfinished message: more is owed, but not how much.
        #expect(connection.promisedBytes == 0)
        connection.receive(Self.frame(.continuation, [0x62]))
        #expect(connection.drainEvents().count == 1)
        #expect(connection.promisedBytes == nil)
    }

    /// An invalid byte read in place fails at once with 1007, like the copying path.
    @Test func invalidUTF8InPlace() {
        var text = [UInt8](repeating: 0x61, count: 200_000)
        text[150_000] = 0xFF
        var connection = WebSocketConnection(role: .client)
        var wire = InPlaceWire(Self.frame(.text, text), seed: 3, maxPiece: 64 << 10)
        let events = wire.deliver(to: &connection)
        #expect(closeInfo(events)?.code == .invalidPayload)
        #expect(wire.inPlaceBytes > 0)
    }

    /// Small frames, control frames and compressed messages never take the in-place path.
    @Test func declinedWhereItCannotHelp() {
        var connection = WebSocketConnection(role: .client)
        let small = Self.frame(.binary, fin: false, [UInt8](repeating: 1, count: 1000))
        connection.receive(Array(small.prefix(100)))
        #expect(connection.promisedBytes == 904)
        #expect(connection.receiveInPlace { _ in Issue.record("read for a small frame"); return 0 } == nil)

        var deflate = WebSocketConnection(role: .client, configuration: .init(deflate: DeflateParameters()))
        // FIN + RSV1 + binary, 64-bit length 100,000, unmasked.
        deflate.receive([0xC2, 127, 0, 0, 0, 0, 0, 0x01, 0x86, 0xA0])
        #expect(deflate.promisedBytes == 100_000)
        #expect(deflate.receiveInPlace { _ in Issue.record("read for a compressed frame"); return 0 } == nil)
    }
}
