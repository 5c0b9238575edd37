import Testing
@testable import WebSocket

/// Each rule of RFC 6455 §5 that a peer can break, and the close it earns.
@Suite struct ProtocolRuleTests {
    /// Feeds server-sent bytes to a client and returns its events and the frames it sent back.
    static func client(receiving bytes: [UInt8], maxMessageSize: Int = 64 << 20) -> ([WebSocketEvent], [(FrameHeader, [UInt8])]) {
        var c = WebSocketConnection(role: .client, configuration: .init(maxMessageSize: maxMessageSize), random: SplitMix64(seed: 9))
        c.receive(bytes)
        return (c.drainEvents(), frames(in: c.takeOutbound(), sentBy: .client))
    }

    static func expectClosed(_ bytes: [UInt8], with error: ProtocolError, sourceLocation: SourceLocation = #_sourceLocation) {
        let (events, sent) = client(receiving: bytes)
        let info = closeInfo(events)
        #expect(info?.initiator == .protocolError(error), sourceLocation: sourceLocation)
        #expect(info?.code == error.closeCode, sourceLocation: sourceLocation)
        // The close frame on the wire carries the code, big-endian.
        let close = sent.last
        #expect(close?.0.opcode == .close, sourceLocation: sourceLocation)
        #expect(close.map { Array($0.1.prefix(2)) } == [UInt8(error.closeCode.rawValue >> 8), UInt8(error.closeCode.rawValue & 0xFF)],
                sourceLocation: sourceLocation)
    }

    @Test(arguments: [0xC1, 0xA1, 0x91, 0xF1] as [UInt8])
    func reservedBitsRejected(b0: UInt8) {
        Self.expectClosed([b0, 0x00], with: .reservedBitsSet(rsv: (b0 >> 4) & 7))
    }

    @Test(arguments: [3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF] as [UInt8])
    func reservedOpcodesRejected(op: UInt8) {
        Self.expectClosed([0x80 | op, 0x00], with: .unknownOpcode(op))
    }

    @Test func controlFramesMustNotBeFragmented() {
        Self.expectClosed(hex("09 00"), with: .fragmentedControlFrame(.ping))
        Self.expectClosed(hex("08 00"), with: .fragmentedControlFrame(.close))
    }

    @Test func controlFramesAtMost125Bytes() {
        Self.expectClosed(hex("89 7E 00 7E") + [UInt8](repeating: 0, count: 126), with: .controlFrameTooLong(.ping, length: 126))
        let (events, _) = Self.client(receiving: hex("89 7D") + [UInt8](repeating: 1, count: 125))
        #expect(events == [.ping([UInt8](repeating: 1, count: 125))])
    }

    @Test func maskingDirection() {
        Self.expectClosed(hex("81 85 37 fa 21 3d 7f 9f 4d 51 58"), with: .maskedServerFrame)
        var server = WebSocketConnection(role: .server)
        server.receive(hex("81 05 48 65 6c 6c 6f"))
        #expect(closeInfo(server.drainEvents())?.initiator == .protocolError(.unmaskedClientFrame))
        #expect(server.takeOutbound() == hex("88 02 03 EA"))
    }

    @Test func sixtyFourBitLengthHighBit() {
        Self.expectClosed(hex("82 7F 80 00 00 00 00 00 00 00"), with: .lengthHighBitSet)
    }

    @Test func continuationWithoutStart() {
        Self.expectClosed(hex("80 02 6c 6f"), with: .continuationWithoutMessage)
    }

    @Test func newMessageInsideFragmented() {
        Self.expectClosed(hex("01 03 48 65 6c 81 02 6c 6f"), with: .newMessageInsideFragmented(.text))
        Self.expectClosed(hex("02 01 00 82 01 00"), with: .newMessageInsideFragmented(.binary))
    }

    @Test func controlFramesBetweenFragments() {
        let (events, sent) = Self.client(receiving: hex("01 03 48 65 6c 89 01 21 8a 00 80 02 6c 6f"))
        #expect(events == [.ping([0x21]), .pong([]), .text("Hello")])
        #expect(sent.map { $0.0.opcode } == [.pong])
        #expect(sent.first?.1 == [0x21])
    }

    @Test func unsolicitedPongIsIgnored() {
        let (events, sent) = Self.client(receiving: hex("8a 03 61 62 63 81 01 61"))
        #expect(events == [.pong(Array("abc".utf8)), .text("a")])
        #expect(sent.isEmpty)
    }

    @Test func messageTooBigBeforeThePayloadArrives() {
        var c = WebSocketConnection(role: .client, configuration: .init(maxMessageSize: 100), random: SplitMix64(seed: 1))
        // Only the header of a 101-byte frame: the limit is enforced from the declared length.
        c.receive(hex("82 65"))
        let info = closeInfo(c.drainEvents())
        #expect(info?.code == .messageTooBig)
        #expect(info?.initiator == .protocolError(.messageTooBig(limit: 100)))
        #expect(frames(in: c.takeOutbound(), sentBy: .client).first?.1.prefix(2) == [0x03, 0xF1])
    }

    @Test func messageTooBigAcrossFragments() {
        var c = WebSocketConnection(role: .client, configuration: .init(maxMessageSize: 100), random: SplitMix64(seed: 1))
        c.receive(hex("02 3C") + [UInt8](repeating: 0, count: 60))
        #expect(c.drainEvents().isEmpty)
        c.receive(hex("80 29"))
        #expect(closeInfo(c.drainEvents())?.code == .messageTooBig)
        // Exactly the limit is fine.
        var d = WebSocketConnection(role: .client, configuration: .init(maxMessageSize: 100), random: SplitMix64(seed: 1))
        d.receive(hex("02 3C") + [UInt8](repeating: 0, count: 60) + hex("80 28") + [UInt8](repeating: 0, count: 40))
        #expect(d.drainEvents() == [.binary([UInt8](repeating: 0, count: 100))])
    }

    @Test func invalidUTF8FailsFastInsideAFragment() {
        var c = WebSocketConnection(role: .client, random: SplitMix64(seed: 1))
        // First fragment declares 10 bytes; the invalid byte 0xFF arrives third. No FIN yet, payload unfinished.
        c.receive(hex("01 0A 61 62 FF"))
        let info = closeInfo(c.drainEvents())
        #expect(info?.code == .invalidPayload)
        #expect(info?.initiator == .protocolError(.invalidUTF8))
    }

    @Test func invalidUTF8AcrossFragmentBoundary() {
        // "κ" is CE BA; a lead byte at the end of one fragment, a bad continuation in the next.
        Self.expectClosed(hex("01 01 CE 80 01 41"), with: .invalidUTF8)
        // A sequence split across fragments is fine.
        let (events, _) = Self.client(receiving: hex("01 01 CE 80 01 BA"))
        #expect(events == [.text("κ")])
    }

    @Test func truncatedUTF8AtMessageEnd() {
        Self.expectClosed(hex("81 02 61 CE"), with: .invalidUTF8)
    }

    @Test func binaryIsNotValidated() {
        let (events, _) = Self.client(receiving: hex("82 02 FF FE"))
        #expect(events == [.binary([0xFF, 0xFE])])
    }

    @Test func nothingIsReadAfterAFailure() {
        var c = WebSocketConnection(role: .client, random: SplitMix64(seed: 1))
        c.receive(hex("83 00"))
        _ = c.drainEvents()
        _ = c.takeOutbound()
        c.receive(hex("81 01 61"))
        #expect(c.drainEvents().isEmpty)
        #expect(!c.hasOutbound)
        #expect(throws: SendError.closing) { try c.send(.text("x")) }
    }
}

@Suite struct CloseTests {
    static func receiveClose(_ payload: [UInt8]) -> ([WebSocketEvent], [(FrameHeader, [UInt8])]) {
        var c = WebSocketConnection(role: .client, random: SplitMix64(seed: 5))
        c.receive([0x88, UInt8(payload.count)] + payload)
        return (c.drainEvents(), frames(in: c.takeOutbound(), sentBy: .client))
    }

    @Test(arguments: [1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999] as [UInt16])
    func validCodesAreEchoed(code: UInt16) {
        let payload = [UInt8(code >> 8), UInt8(code & 0xFF)] + Array("bye".utf8)
        let (events, sent) = Self.receiveClose(payload)
        #expect(events == [.closed(CloseInfo(code: CloseCode(code), reason: "bye", initiator: .remote))])
        #expect(sent.count == 1)
        #expect(sent.first?.1 == [UInt8(code >> 8), UInt8(code & 0xFF)])
    }

    @Test(arguments: [0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535] as [UInt16])
    func invalidCodesAreProtocolErrors(code: UInt16) {
        let (events, sent) = Self.receiveClose([UInt8(code >> 8), UInt8(code & 0xFF)])
        #expect(closeInfo(events)?.initiator == .protocolError(.invalidCloseCode(code)))
        #expect(sent.first?.1 == [0x03, 0xEA])
    }

    @Test func emptyCloseGetsEmptyAnswer() {
        let (events, sent) = Self.receiveClose([])
        #expect(events == [.closed(CloseInfo(code: .noStatus, reason: "", initiator: .remote))])
        #expect(sent.first?.1 == [])
    }

    @Test func oneBytePayloadRejected() {
        let (events, sent) = Self.receiveClose([0x03])
        #expect(closeInfo(events)?.initiator == .protocolError(.oneByteClosePayload))
        #expect(sent.first?.1 == [0x03, 0xEA])
    }

    @Test func reasonMustBeUTF8() {
        let (events, sent) = Self.receiveClose([0x03, 0xE8, 0x61, 0xFF])
        #expect(closeInfo(events)?.initiator == .protocolError(.invalidCloseReason))
        #expect(sent.first?.1 == [0x03, 0xEF])
    }

    @Test func localCloseThenPeerAnswer() {
        var c = WebSocketConnection(role: .client, random: SplitMix64(seed: 5))
        try! c.close(code: .goingAway, reason: "done")
        #expect(c.state == .closeSent)
        let sent = frames(in: c.takeOutbound(), sentBy: .client)
        #expect(sent.first?.1 == [0x03, 0xE9] + Array("done".utf8))
        #expect(throws: SendError.closing) { try c.send(.text("late")) }
        #expect(throws: SendError.closing) { try c.ping() }
        // Data still arriving before the peer's close is delivered; pings are no longer answered.
        c.receive(hex("81 01 61 89 00 88 02 03 E9"))
        #expect(c.drainEvents() == [.text("a"), .ping([]), .closed(CloseInfo(code: .goingAway, reason: "", initiator: .local))])
        #expect(!c.hasOutbound)
    }

    @Test func nothingSentAfterPeerClose() {
        var c = WebSocketConnection(role: .server)
        c.receive(MaskingKey(1, 2, 3, 4).applied(to: hex("03 E8")).withMask(MaskingKey(1, 2, 3, 4), opcode: 0x88))
        #expect(c.drainEvents() == [.closed(CloseInfo(code: .normal, reason: "", initiator: .remote))])
        #expect(c.takeOutbound() == hex("88 02 03 E8"))
        #expect(throws: SendError.closing) { try c.send(.binary([1])) }
        c.receive(hex("81 81 00 00 00 00 61"))
        #expect(c.drainEvents().isEmpty)
    }

    @Test func repliesToEarlierMessagesGoOutBeforeTheClose() {
        // A message and a bad frame in one read: the application still answers the message
        // before the close frame (Autobahn's strict ordering, cases 4.1.3 and 4.1.4).
        var c = WebSocketConnection(role: .server)
        let text = MaskingKey(1, 2, 3, 4).applied(to: Array("hi".utf8)).withMask(MaskingKey(1, 2, 3, 4), opcode: 0x81)
        c.receive(text + hex("85 80 00 00 00 00"))
        #expect(c.nextEvent() == .text("hi"))
        #expect(c.state == .open)
        try! c.send(.text("hi"))
        #expect(closeInfo([c.nextEvent()!])?.initiator == .protocolError(.unknownOpcode(5)))
        #expect(c.takeOutbound() == hex("81 02 68 69 88 02 03 EA"))
        // Likewise for a close that follows a message.
        var d = WebSocketConnection(role: .server)
        d.receive(text + MaskingKey(1, 2, 3, 4).applied(to: hex("03 E8")).withMask(MaskingKey(1, 2, 3, 4), opcode: 0x88))
        #expect(d.nextEvent() == .text("hi"))
        try! d.send(.text("hi"))
        #expect(d.nextEvent() == .closed(CloseInfo(code: .normal, reason: "", initiator: .remote)))
        #expect(d.takeOutbound() == hex("81 02 68 69 88 02 03 E8"))
    }

    @Test func frameRecordsInWireOrder() {
        var c = WebSocketConnection(role: .client, random: SplitMix64(seed: 2))
        #expect(c.takeFrameRecords().isEmpty)
        c.recordsFrames = true
        try! c.send(.text("hi"), fragmentSize: 1)
        c.receive(hex("89 01 21 81 02 68 69"))
        #expect(c.takeFrameRecords() == [
            FrameRecord(direction: .sent, opcode: .text, fin: false, length: 1),
            FrameRecord(direction: .sent, opcode: .continuation, fin: true, length: 1),
            FrameRecord(direction: .received, opcode: .ping, fin: true, length: 1),
            FrameRecord(direction: .received, opcode: .text, fin: true, length: 2),
            FrameRecord(direction: .sent, opcode: .pong, fin: true, length: 1),
        ])
        #expect(c.takeFrameRecords().isEmpty)
    }

    @Test func eofWithoutCloseIs1006() {
        var c = WebSocketConnection(role: .client)
        c.receive(hex("81 05 48 65"))
        c.receiveEOF()
        #expect(c.drainEvents() == [.closed(CloseInfo(code: .abnormal, reason: "", initiator: .abnormal))])
        #expect(!c.hasOutbound)
        c.receiveEOF()
        #expect(c.drainEvents().isEmpty)
    }

    @Test func eofAfterHandshakeIsNotAnError() {
        var c = WebSocketConnection(role: .client)
        c.receive(hex("88 02 03 E8"))
        _ = c.drainEvents()
        c.receiveEOF()
        #expect(c.drainEvents().isEmpty)
    }

    @Test func closeCodesThatMayNotBeSent() {
        var c = WebSocketConnection(role: .client)
        #expect(throws: SendError.invalidCloseCode(1005)) { try c.close(code: .noStatus) }
        #expect(throws: SendError.invalidCloseCode(1006)) { try c.close(code: .abnormal) }
        #expect(c.state == .open)
    }

    @Test func longReasonIsCutAtACharacterBoundary() {
        var c = WebSocketConnection(role: .server)
        try! c.close(code: .normal, reason: String(repeating: "é", count: 100))
        let sent = frames(in: c.takeOutbound(), sentBy: .server)
        #expect(sent.first?.1.count == 2 + 122)
    }

    @Test func bytesAfterCloseFrameAreDropped() {
        var c = WebSocketConnection(role: .client, random: SplitMix64(seed: 1))
        c.receive(hex("88 00 FF FF FF"))
        #expect(c.drainEvents() == [.closed(CloseInfo(code: .noStatus, reason: "", initiator: .remote))])
    }
}

extension Array where Element == UInt8 {
    /// Wraps an already-masked payload in a short masked frame.
    func withMask(_ key: MaskingKey, opcode: UInt8) -> [UInt8] {
        [opcode, 0x80 | UInt8(count)] + key.bytes + self
    }
}
