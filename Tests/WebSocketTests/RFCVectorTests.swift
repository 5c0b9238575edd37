import Testing
@testable import WebSocket

/// RFC 6455 §5.7 examples, each fed whole and split at every byte offset (one and two cuts).
@Suite struct RFCVectorTests {
    struct Vector: Sendable, CustomStringConvertible {
        let name: String
        let bytes: [UInt8]
        let receiver: Role
        let events: [WebSocketEvent]
        var description: String { name }
    }

    static let hello = Array("Hello".utf8)
    static let vectors: [Vector] = [
        Vector(name: "unmasked text", bytes: hex("81 05 48 65 6c 6c 6f"), receiver: .client, events: [.text("Hello")]),
        Vector(name: "masked text", bytes: hex("81 85 37 fa 21 3d 7f 9f 4d 51 58"), receiver: .server, events: [.text("Hello")]),
        Vector(name: "fragmented unmasked text", bytes: hex("01 03 48 65 6c 80 02 6c 6f"), receiver: .client, events: [.text("Hello")]),
        Vector(name: "unmasked ping", bytes: hex("89 05 48 65 6c 6c 6f"), receiver: .client, events: [.ping(hello)]),
        Vector(name: "masked pong", bytes: hex("8a 85 37 fa 21 3d 7f 9f 4d 51 58"), receiver: .server, events: [.pong(hello)]),
        Vector(name: "256-byte binary", bytes: hex("82 7E 01 00") + (0..<256).map { UInt8($0) }, receiver: .client,
               events: [.binary((0..<256).map { UInt8($0) })]),
        Vector(name: "64 KiB binary", bytes: hex("82 7F 00 00 00 00 00 01 00 00") + (0..<65536).map { UInt8(truncatingIfNeeded: $0 * 7) },
               receiver: .client, events: [.binary((0..<65536).map { UInt8(truncatingIfNeeded: $0 * 7) })]),
    ]

    @Test(arguments: vectors)
    func whole(_ v: Vector) {
        var c = WebSocketConnection(role: v.receiver)
        c.receive(v.bytes)
        #expect(c.drainEvents() == v.events)
    }

    @Test(arguments: vectors.filter { $0.bytes.count < 1000 })
    func everySplit(_ v: Vector) {
        for i in 0...v.bytes.count {
            for j in i...v.bytes.count {
                var c = WebSocketConnection(role: v.receiver)
                c.receive(v.bytes, splitAt: [i, j])
                #expect(c.drainEvents() == v.events, "cut at \(i), \(j)")
            }
        }
    }

    @Test func largeVectorsOneByteAtATime() {
        for v in Self.vectors where v.bytes.count >= 1000 {
            var c = WebSocketConnection(role: v.receiver)
            for b in v.bytes { c.receive([b]) }
            #expect(c.drainEvents() == v.events, "\(v.name)")
            // And every offset in the header region plus some across the payload.
            for cut in Array(0...12) + [v.bytes.count / 2, v.bytes.count - 1] {
                var d = WebSocketConnection(role: v.receiver)
                d.receive(v.bytes, splitAt: [cut])
                #expect(d.drainEvents() == v.events, "\(v.name) cut at \(cut)")
            }
        }
    }

    @Test func pingIsAnsweredWithSamePayload() {
        var client = WebSocketConnection(role: .client, random: rfcKey)
        client.receive(hex("89 05 48 65 6c 6c 6f"))
        // The RFC's masked pong example is exactly what a client with that key answers.
        #expect(client.takeOutbound() == hex("8a 85 37 fa 21 3d 7f 9f 4d 51 58"))
        var server = WebSocketConnection(role: .server)
        server.receive(hex("89 85 37 fa 21 3d 7f 9f 4d 51 58"))
        #expect(server.takeOutbound() == hex("8a 05 48 65 6c 6c 6f"))
    }
}

@Suite struct EncoderTests {
    @Test func rfcMaskedHello() {
        var client = WebSocketConnection(role: .client, random: rfcKey)
        try! client.send(.text("Hello"))
        #expect(client.takeOutbound() == hex("81 85 37 fa 21 3d 7f 9f 4d 51 58"))
        var server = WebSocketConnection(role: .server)
        try! server.send(.text("Hello"))
        #expect(server.takeOutbound() == hex("81 05 48 65 6c 6c 6f"))
    }

    @Test(arguments: [(0, "82 00"), (125, "82 7D"), (126, "82 7E 00 7E"), (65535, "82 7E FF FF"),
                      (65536, "82 7F 00 00 00 00 00 01 00 00"), (16 << 20, "82 7F 00 00 00 00 01 00 00 00")])
    func minimalLengthEncoding(length: Int, header: String) {
        let frame = FrameEncoder.encode(FrameHeader(opcode: .binary, payloadLength: length), payload: [UInt8](repeating: 0xAB, count: length))
        #expect(Array(frame.prefix(hex(header).count)) == hex(header))
        #expect(frame.count == hex(header).count + length)
    }

    @Test func everyClientFrameGetsAFreshKey() {
        var client = WebSocketConnection(role: .client, random: SplitMix64(seed: 7))
        for _ in 0..<3 { try! client.send(.binary([1, 2, 3, 4])) }
        let keys = frames(in: client.takeOutbound(), sentBy: .client).map { $0.0.maskingKey }
        #expect(keys.count == 3)
        #expect(Set(keys.compactMap { $0 }).count == 3)
    }

    @Test func fragmentedSend() {
        var client = WebSocketConnection(role: .client, random: SplitMix64(seed: 1))
        try! client.send(.text("Hello, world"), fragmentSize: 5)
        let parsed = frames(in: client.takeOutbound(), sentBy: .client)
        #expect(parsed.map { $0.0.opcode } == [.text, .continuation, .continuation])
        #expect(parsed.map { $0.0.fin } == [false, false, true])
        #expect(parsed.map { String(decoding: $0.1, as: UTF8.self) } == ["Hello", ", wor", "ld"])
    }

    @Test func emptyMessageIsOneFrame() {
        var server = WebSocketConnection(role: .server)
        try! server.send(.binary([]), fragmentSize: 4)
        #expect(server.takeOutbound() == hex("82 00"))
    }
}

@Suite struct MaskingTests {
    /// Byte-at-a-time reference for the word-wise implementation.
    static func reference(_ bytes: [UInt8], _ key: MaskingKey, phase: Int) -> [UInt8] {
        let k = key.bytes
        return bytes.enumerated().map { $0.element ^ k[($0.offset + phase) % 4] }
    }

    @Test func matchesReferenceForEveryLengthAndPhase() {
        var rng = SplitMix64(seed: 42)
        for length in 0...100 {
            let data = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let key = MaskingKey(using: &rng)
            for phase in 0..<4 {
                #expect(key.applied(to: data, phase: phase) == Self.reference(data, key, phase: phase), "length \(length) phase \(phase)")
            }
        }
    }

    @Test func maskingCopyMatchesReference() {
        var rng = SplitMix64(seed: 43)
        for length in 0...100 {
            let data = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let key = MaskingKey(using: &rng)
            for phase in 0..<4 {
                var out = [UInt8](repeating: 0, count: length)
                data.withUnsafeBytes { src in out.withUnsafeMutableBytes { key.apply(from: src, to: $0, phase: phase) } }
                #expect(out == Self.reference(data, key, phase: phase), "length \(length) phase \(phase)")
            }
        }
    }

    @Test func largeMaskedFramesTakeTheOnePassPath() {
        // 70,000 bytes into an empty buffer uses the fused copy; the bytes must equal header + masked payload.
        let payload = (0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 13) }
        let key = MaskingKey(0x37, 0xFA, 0x21, 0x3D)
        let frame = FrameEncoder.encode(FrameHeader(opcode: .binary, maskingKey: key, payloadLength: payload.count), payload: payload)
        #expect(Array(frame.prefix(14)) == hex("82 FF 00 00 00 00 00 01 11 70 37 FA 21 3D"))
        #expect(Array(frame.dropFirst(14)) == Self.reference(payload, key, phase: 0))
        var out: [UInt8] = [1]
        payload.withUnsafeBytes { FrameEncoder.encode(FrameHeader(opcode: .binary, maskingKey: key, payloadLength: payload.count), payload: $0, into: &out) }
        #expect(Array(out.dropFirst()) == frame)
    }

    @Test func maskingTwiceRestores() {
        var rng = SplitMix64(seed: 3)
        let data = (0..<4099).map { _ in UInt8.random(in: 0...255, using: &rng) }
        let key = MaskingKey(0xDE, 0xAD, 0xBE, 0xEF)
        #expect(key.applied(to: key.applied(to: data, phase: 1), phase: 1) == data)
        #expect(key.bytes == [0xDE, 0xAD, 0xBE, 0xEF])
    }

    @Test func unalignedSlices() {
        let data = [UInt8](repeating: 0, count: 67)
        let key = MaskingKey(1, 2, 3, 4)
        var buffer = data
        buffer.withUnsafeMutableBytes { all in
            key.apply(to: UnsafeMutableRawBufferPointer(rebasing: all[3..<67]), phase: 0)
        }
        #expect(Array(buffer[0..<3]) == [0, 0, 0])
        #expect(Array(buffer[3..<11]) == [1, 2, 3, 4, 1, 2, 3, 4])
    }
}
