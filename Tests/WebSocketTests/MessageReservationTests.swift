import Testing
@testable import WebSocket

/// How much room the assembler reserves for a message before its bytes arrive: never more
/// than 1 MiB on a header's word alone, but a claim as large as the peer's last message at once.
@Suite struct MessageReservationTests {
    static let mib = 1 << 20

    /// An assembler fed server frames (unmasked) by a client-side decoder.
    struct Receiver {
        var decoder = FrameDecoder(role: .client)
        var assembler = MessageAssembler(maxMessageSize: 64 << 20)

        mutating func feed(_ bytes: [UInt8]) throws {
            var assembler = self.assembler
            defer { self.assembler = assembler }
            for byteIndex in stride(from: 0, to: bytes.count, by: 1 << 16) {
                let piece = Array(bytes[byteIndex..<min(bytes.count, byteIndex + (1 << 16))])
                try piece.withUnsafeBytes { try decoder.decode($0, into: &assembler) }
            }
        }

        /// Feeds one binary frame's header only.
        mutating func header(length: Int, fin: Bool = true, opcode: Opcode = .binary) throws {
            var head: [UInt8] = []
            FrameHeader(fin: fin, opcode: opcode, payloadLength: length).encode(into: &head)
            try feed(head)
        }
    }

    static func payload(_ count: Int, seed: UInt8) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ Int(seed)) }
    }

    @Test func anUnprovenClaimGetsAtMostOneMebibyte() throws {
        var receiver = Receiver()
        try receiver.header(length: 16 * Self.mib)
        #expect(receiver.assembler.messageCapacity >= Self.mib)
        #expect(receiver.assembler.messageCapacity < 2 * Self.mib)
    }

    @Test func aClaimNoLargerThanTheLastMessageGetsItsWholeRoom() throws {
        var receiver = Receiver()
        let first = Self.payload(3 * Self.mib, seed: 1)
        try receiver.feed(FrameEncoder.encode(FrameHeader(opcode: .binary, payloadLength: first.count), payload: first))
        #expect(receiver.assembler.takeCompleted().map(\.binaryBytes) == [first])

        let second = Self.payload(3 * Self.mib - 5, seed: 2)
        try receiver.header(length: second.count)
        #expect(receiver.assembler.messageCapacity >= second.count)
        try receiver.feed(second)
        #expect(receiver.assembler.takeCompleted().map(\.binaryBytes) == [second])
    }

    @Test func aLargerClaimGetsOnlyTheLastMessagesSize() throws {
        var receiver = Receiver()
        let first = Self.payload(2 * Self.mib, seed: 3)
        try receiver.feed(FrameEncoder.encode(FrameHeader(opcode: .binary, payloadLength: first.count), payload: first))
        _ = receiver.assembler.takeCompleted()

        try receiver.header(length: 60 * Self.mib)
        #expect(receiver.assembler.messageCapacity >= 2 * Self.mib)
        #expect(receiver.assembler.messageCapacity < 3 * Self.mib)
    }

    @Test func aDeflateBombDoesNotRaiseTheHints() throws {
        // 8 MiB of zeros deflate to a few KiB; sent as a fragmented compressed message, it must
        // not make the next messages' headers reserve 8 MiB each (hints are wire sizes).
        var receiver = Receiver()
        receiver.assembler = MessageAssembler(maxMessageSize: 64 << 20, decompressor: DeflateDecompressor())
        receiver.decoder = FrameDecoder(role: .client, allowsRSV1: true)
        let compressed = DeflateCompressor().compress([UInt8](repeating: 0, count: 8 * Self.mib))
        #expect(compressed.count < 64 << 10)
        let half = compressed.count / 2
        try receiver.feed(FrameEncoder.encode(FrameHeader(fin: false, rsv1: true, opcode: .binary, payloadLength: half),
                                              payload: Array(compressed[..<half])))
        try receiver.feed(FrameEncoder.encode(FrameHeader(opcode: .continuation, payloadLength: compressed.count - half),
                                              payload: Array(compressed[half...])))
        #expect(receiver.assembler.takeCompleted().map(\.binaryBytes) == [[UInt8](repeating: 0, count: 8 * Self.mib)])

        try receiver.header(length: 100, fin: false)
        #expect(receiver.assembler.messageCapacity < Self.mib)
    }

    @Test func aTextMessageCountsAsHistoryToo() throws {
        var receiver = Receiver()
        let text = [UInt8](repeating: 0x61, count: 2 * Self.mib)
        try receiver.feed(FrameEncoder.encode(FrameHeader(opcode: .text, payloadLength: text.count), payload: text))
        _ = receiver.assembler.takeCompleted()
        try receiver.header(length: 2 * Self.mib, opcode: .text)
        #expect(receiver.assembler.messageCapacity >= 2 * Self.mib)
    }
}

extension IncomingFrame {
    /// The bytes of a binary message, nil for anything else.
    var binaryBytes: [UInt8]? {
        if case .binary(let bytes) = self { return bytes }
        return nil
    }
}
