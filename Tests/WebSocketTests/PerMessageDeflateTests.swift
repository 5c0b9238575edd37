import Testing
@testable import WebSocket

/// RFC 7692 examples and the codec's limits. (The codec is not wired into connections yet.)
@Suite struct PerMessageDeflateTests {
    @Test func helloAsInRFC7692() throws {
        // §7.2.3.1: "Hello" compressed, no context takeover.
        let c = DeflateCompressor(noContextTakeover: true)
        #expect(c.compress(Array("Hello".utf8)) == hex("f2 48 cd c9 c9 07 00"))
        #expect(c.compress(Array("Hello".utf8)) == hex("f2 48 cd c9 c9 07 00"))
        let d = DeflateDecompressor(noContextTakeover: true)
        #expect(try d.decompress(hex("f2 48 cd c9 c9 07 00"), limit: 100) == Array("Hello".utf8))
    }

    @Test func contextTakeoverAsInRFC7692() throws {
        // §7.2.3.2: the second "Hello" refers back to the first.
        let c = DeflateCompressor()
        #expect(c.compress(Array("Hello".utf8)) == hex("f2 48 cd c9 c9 07 00"))
        #expect(c.compress(Array("Hello".utf8)) == hex("f2 00 11 00 00"))
        let d = DeflateDecompressor()
        #expect(try d.decompress(hex("f2 48 cd c9 c9 07 00"), limit: 100) == Array("Hello".utf8))
        #expect(try d.decompress(hex("f2 00 11 00 00"), limit: 100) == Array("Hello".utf8))
    }

    @Test func randomRoundTrips() throws {
        var rng = SplitMix64(seed: 77)
        for takeover in [true, false] {
            let c = DeflateCompressor(noContextTakeover: !takeover)
            let d = DeflateDecompressor(noContextTakeover: !takeover)
            for _ in 0..<50 {
                let length = Int.random(in: 0...200_000, using: &rng)
                let alphabet = Int.random(in: 1...255, using: &rng)
                let message = (0..<length).map { _ in UInt8.random(in: 0...UInt8(alphabet), using: &rng) }
                #expect(try d.decompress(c.compress(message), limit: 1 << 20) == message)
            }
        }
    }

    @Test func aCompressionBombIsRefused() {
        let bomb = DeflateCompressor().compress([UInt8](repeating: 0, count: 10 << 20))
        #expect(bomb.count < 20_000)
        #expect(throws: ProtocolError.messageTooBig(limit: 1 << 20)) {
            _ = try DeflateDecompressor().decompress(bomb, limit: 1 << 20)
        }
    }

    @Test func garbageIsInvalid() {
        #expect(throws: ProtocolError.invalidCompressedData) {
            _ = try DeflateDecompressor().decompress([0xFF, 0xFF, 0xFF, 0xFF, 0x00], limit: 100)
        }
    }

    @Test func negotiationResponses() throws {
        #expect(try DeflateParameters.parseResponse("permessage-deflate") == DeflateParameters())
        var p = DeflateParameters()
        p.serverNoContextTakeover = true
        p.clientMaxWindowBits = 10
        #expect(try DeflateParameters.parseResponse("permessage-deflate; server_no_context_takeover; client_max_window_bits=10") == p)
        #expect(try DeflateParameters.parseResponse("permessage-deflate;server_max_window_bits=\"12\"").serverMaxWindowBits == 12)
        #expect(throws: DeflateNegotiationError.repeatedParameter("server_no_context_takeover")) {
            try DeflateParameters.parseResponse("permessage-deflate; server_no_context_takeover; server_no_context_takeover")
        }
        #expect(throws: DeflateNegotiationError.badWindowBits("server_max_window_bits", "16")) {
            try DeflateParameters.parseResponse("permessage-deflate; server_max_window_bits=16")
        }
        #expect(throws: DeflateNegotiationError.badWindowBits("client_max_window_bits", nil)) {
            try DeflateParameters.parseResponse("permessage-deflate; client_max_window_bits")
        }
        #expect(throws: DeflateNegotiationError.unexpectedValue("client_no_context_takeover")) {
            try DeflateParameters.parseResponse("permessage-deflate; client_no_context_takeover=1")
        }
        #expect(throws: DeflateNegotiationError.unknownParameter("x")) {
            try DeflateParameters.parseResponse("permessage-deflate; x")
        }
        #expect(throws: DeflateNegotiationError.notDeflate("x-webkit-deflate-frame")) {
            try DeflateParameters.parseResponse("x-webkit-deflate-frame")
        }
    }

    @Test func serverNegotiationMatrix() {
        #expect(DeflateParameters.negotiate(offers: []) == nil)
        #expect(DeflateParameters.negotiate(offers: ["x-webkit-deflate-frame"]) == nil)
        let plain = DeflateParameters.negotiate(offers: ["permessage-deflate; client_max_window_bits"])
        #expect(plain?.1 == "permessage-deflate")
        #expect(plain?.0 == DeflateParameters())
        let strict = DeflateParameters.negotiate(offers: ["permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=10"])
        #expect(strict?.1 == "permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=10")
        #expect(strict?.0.serverMaxWindowBits == 10 && strict?.0.serverNoContextTakeover == true && strict?.0.clientNoContextTakeover == true)
        // An 8-bit server window cannot be honoured: that offer is skipped for the next one.
        let fallback = DeflateParameters.negotiate(offers: ["permessage-deflate; server_max_window_bits=8", "permessage-deflate"])
        #expect(fallback?.1 == "permessage-deflate")
        #expect(DeflateParameters.negotiate(offers: ["permessage-deflate; bogus"]) == nil)
        // What the server answers, the client reads back to the same parameters.
        if let (p, response) = strict { #expect(try! DeflateParameters.parseResponse(response) == p) }
    }

    @Test func connectionPairsCompressBothWays() throws {
        for offer in ["permessage-deflate; client_max_window_bits",
                      "permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=9; client_max_window_bits=9"] {
            let (params, _) = DeflateParameters.negotiate(offers: [offer])!
            var client = WebSocketConnection(role: .client, configuration: .init(deflate: params), random: SplitMix64(seed: 5))
            var server = WebSocketConnection(role: .server, configuration: .init(deflate: params))
            let text = String(repeating: "wireless headphones ", count: 200)
            for _ in 0..<3 {
                try client.send(.text(text))
                try client.send(.binary([UInt8](repeating: 7, count: 5000)), fragmentSize: 10)
                try client.send(.text("tiny"))
            }
            let wire = client.takeOutbound()
            #expect(wire.count < 3 * 4200)  // compressed: far below the 3 × 9,000 bytes sent
            server.receive(wire)
            #expect(server.drainEvents() == Array(repeating: [.text(TextPayload(text)), .binary([UInt8](repeating: 7, count: 5000)), .text("tiny")], count: 3).flatMap { $0 })
            try server.send(.text(text))
            client.receive(server.takeOutbound())
            #expect(client.drainEvents() == [.text(TextPayload(text))])
        }
    }

    @Test func compressedBombClosesWith1009() {
        let params = DeflateParameters()
        var client = WebSocketConnection(role: .client, configuration: .init(maxMessageSize: 1 << 20, deflate: params), random: SplitMix64(seed: 1))
        let bomb = DeflateCompressor().compress([UInt8](repeating: 0, count: 8 << 20))
        client.receive(FrameEncoder.encode(FrameHeader(rsv1: true, opcode: .binary, payloadLength: bomb.count), payload: bomb))
        #expect(closeInfo(client.drainEvents())?.code == .messageTooBig)
    }

    @Test func compressedTextMustInflateToUTF8() {
        var client = WebSocketConnection(role: .client, configuration: .init(deflate: DeflateParameters()), random: SplitMix64(seed: 1))
        let bad = DeflateCompressor().compress([0x61, 0xFF, 0x62])
        client.receive(FrameEncoder.encode(FrameHeader(rsv1: true, opcode: .text, payloadLength: bad.count), payload: bad))
        #expect(closeInfo(client.drainEvents())?.code == .invalidPayload)
    }

    @Test func emptyMessage() throws {
        let c = DeflateCompressor()
        let compressed = c.compress([])
        #expect(compressed == [0x00])
        #expect(try DeflateDecompressor().decompress(compressed, limit: 10) == [])
    }
}
