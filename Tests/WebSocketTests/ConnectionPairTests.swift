import Testing
@testable import WebSocket

/// A client and a server connection wired back to back in memory (h11's test pattern),
/// with every transfer split at points chosen by a seeded generator.
struct ConnectionPair {
    var client: WebSocketConnection
    var server: WebSocketConnection
    var rng: SplitMix64

    init(seed: UInt64, maxMessageSize: Int = 64 << 20) {
        rng = SplitMix64(seed: seed)
        client = WebSocketConnection(role: .client, configuration: .init(maxMessageSize: maxMessageSize), random: SplitMix64(seed: seed ^ 0xC1))
        server = WebSocketConnection(role: .server, configuration: .init(maxMessageSize: maxMessageSize))
    }

    /// What each side has handed out so far (pumping consumes events, as an application does).
    var clientEvents: [WebSocketEvent] = []
    var serverEvents: [WebSocketEvent] = []

    /// Moves pending bytes both ways, in random pieces, consuming events, until both sides are quiet.
    mutating func pump() {
        repeat {
            let toServer = client.takeOutbound()
            Self.deliver(toServer, to: &server, rng: &rng)
            serverEvents += server.drainEvents()
            let toClient = server.takeOutbound()
            Self.deliver(toClient, to: &client, rng: &rng)
            clientEvents += client.drainEvents()
        } while client.hasOutbound || server.hasOutbound
    }

    /// Takes the events recorded so far.
    mutating func takeClientEvents() -> [WebSocketEvent] { defer { clientEvents = [] }; return clientEvents }
    mutating func takeServerEvents() -> [WebSocketEvent] { defer { serverEvents = [] }; return serverEvents }

    private static func deliver(_ bytes: [UInt8], to peer: inout WebSocketConnection, rng: inout SplitMix64) {
        var start = 0
        while start < bytes.count {
            let size = Int.random(in: 1...max(1, min(bytes.count - start, Int.random(in: 1...4096, using: &rng))), using: &rng)
            peer.receive(Array(bytes[start..<(start + size)]))
            start += size
        }
    }
}

@Suite struct ConnectionPairTests {
    static func randomMessage(_ rng: inout SplitMix64) -> Message {
        let length = [0, 1, 7, 125, 126, 127, 1000, 65535, 65536, 70000][Int.random(in: 0...9, using: &rng)]
        if Bool.random(using: &rng) {
            let alphabet: [Character] = ["a", "Z", " ", "é", "日", "😀", "\u{301}", "0"]
            var s = ""
            while s.utf8.count < length { s.append(alphabet[Int.random(in: 0..<alphabet.count, using: &rng)]) }
            return .text(s)
        }
        return .binary((0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) })
    }

    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func randomRoundTrips(seed: UInt64) {
        var pair = ConnectionPair(seed: seed)
        var rng = SplitMix64(seed: seed &* 31)
        for _ in 0..<60 {
            let message = Self.randomMessage(&rng)
            let fragment = Int.random(in: 1...70000, using: &rng)
            if Bool.random(using: &rng) {
                try! pair.client.send(message, fragmentSize: fragment)
                pair.pump()
                let got = pair.takeServerEvents()
                #expect(got.count == 1)
                // Echo it back through the server, fragmented differently.
                try! pair.server.send(message, fragmentSize: Int.random(in: 1...70000, using: &rng))
                pair.pump()
            } else {
                try! pair.server.send(message, fragmentSize: fragment)
                pair.pump()
            }
            let back = pair.takeClientEvents()
            switch message {
            case .text(let s): #expect(back == [.text(TextPayload(s))])
            case .binary(let b): #expect(back == [.binary(b)])
            }
        }
    }

    @Test func pingsInsideAFragmentedMessage() {
        var pair = ConnectionPair(seed: 8)
        var bytes: [UInt8] = []
        // Interleave: fragment, ping, fragment, ping, last fragment, built by hand from server frames.
        for (i, piece) in ["ab", "cd", "ef"].enumerated() {
            let op: Opcode = i == 0 ? .text : .continuation
            bytes += FrameEncoder.encode(FrameHeader(fin: i == 2, opcode: op, payloadLength: 2), payload: Array(piece.utf8))
            if i < 2 { bytes += FrameEncoder.encode(FrameHeader(opcode: .ping, payloadLength: 1), payload: [UInt8(i)]) }
        }
        pair.client.receive(bytes)
        #expect(pair.client.drainEvents() == [.ping([0]), .ping([1]), .text("abcdef")])
        let pongs = frames(in: pair.client.takeOutbound(), sentBy: .client)
        #expect(pongs.map { $0.0.opcode } == [.pong, .pong])
        #expect(pongs.map { $0.1 } == [[0], [1]])
    }

    @Test func closeFromClient() {
        var pair = ConnectionPair(seed: 9)
        try! pair.client.close(code: .normal, reason: "bye")
        pair.pump()
        #expect(pair.takeServerEvents() == [.closed(CloseInfo(code: .normal, reason: "bye", initiator: .remote))])
        #expect(pair.takeClientEvents() == [.closed(CloseInfo(code: .normal, reason: "", initiator: .local))])
    }

    @Test func closeFromServer() {
        var pair = ConnectionPair(seed: 10)
        try! pair.server.close(code: .goingAway, reason: "shutdown")
        pair.pump()
        #expect(pair.takeClientEvents() == [.closed(CloseInfo(code: .goingAway, reason: "shutdown", initiator: .remote))])
        #expect(pair.takeServerEvents() == [.closed(CloseInfo(code: .goingAway, reason: "", initiator: .local))])
    }

    @Test func simultaneousClose() {
        var pair = ConnectionPair(seed: 11)
        try! pair.server.close(code: .normal)
        try! pair.client.close(code: .goingAway)
        pair.pump()
        #expect(pair.takeClientEvents() == [.closed(CloseInfo(code: .normal, reason: "", initiator: .local))])
        #expect(pair.takeServerEvents() == [.closed(CloseInfo(code: .goingAway, reason: "", initiator: .local))])
    }

    @Test func sixteenMebibyteMessage() {
        var pair = ConnectionPair(seed: 12)
        let big = [UInt8](repeating: 0x5A, count: 16 << 20)
        try! pair.client.send(.binary(big))
        pair.pump()
        #expect(pair.takeServerEvents() == [.binary(big)])
    }
}
