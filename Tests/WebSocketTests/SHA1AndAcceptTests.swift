import Testing
@testable import WebSocket

@Suite struct SHA1Tests {
    // RFC 3174 §7.3 test vectors.
    @Test(arguments: [
        ("abc", 1, "A9993E364706816ABA3E25717850C26C9CD0D89D"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 1, "84983E441C3BD26EBAAE4AA1F95129E5E54670F1"),
        ("a", 1_000_000, "34AA973CD4C4DAA4F61EEB2BDBAD27316534016F"),
        ("0123456701234567012345670123456701234567012345670123456701234567", 10, "DEA356A2CDDD90C7A7ECEDC5EBB563934F460452"),
    ])
    func rfc3174(input: String, repeats: Int, expected: String) {
        let message = Array(String(repeating: input, count: repeats).utf8)
        #expect(SHA1.hash(message) == hex(expected))
    }

    @Test func emptyAndBlockBoundaries() {
        #expect(SHA1.hash([]) == hex("da39a3ee5e6b4b0d3255bfef95601890afd80709"))
        // 55, 56 and 64 bytes straddle the padding boundary.
        #expect(SHA1.hash(Array(repeating: 0x61, count: 55)) == hex("c1c8bbdc22796e28c0e15163d20899b65621d65a"))
        #expect(SHA1.hash(Array(repeating: 0x61, count: 56)) == hex("c2db330f6083854c99d4b5bfb6e8f29f201be699"))
        #expect(SHA1.hash(Array(repeating: 0x61, count: 64)) == hex("0098ba824b5c16427bd7a1122a5a442a25ec644d"))
    }
}

@Suite struct HandshakeAcceptTests {
    @Test func rfc6455Example() {
        #expect(HandshakeAccept.value(forKey: "dGhlIHNhbXBsZSBub25jZQ==") == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
    }

    @Test func keysAreSixteenRandomBytes() {
        var rng = SplitMix64(seed: 1)
        let a = HandshakeAccept.makeKey(using: &rng)
        let b = HandshakeAccept.makeKey(using: &rng)
        #expect(a != b)
        #expect(a.count == 24 && HandshakeAccept.isValidKey(a))
        #expect(!HandshakeAccept.isValidKey("dGhlIHNhbXBsZQ=="))  // 11 bytes
        #expect(!HandshakeAccept.isValidKey("not base64!"))
    }
}
