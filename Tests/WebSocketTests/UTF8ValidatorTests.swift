import Testing
@testable import WebSocket

@Suite struct UTF8ValidatorTests {
    static let valid: [[UInt8]] = [
        [], Array("hello".utf8), Array("κόσμε".utf8), Array("日本語テキスト".utf8), Array("👩‍👩‍👧 e\u{301}".utf8),
        hex("7F"), hex("C2 80"), hex("DF BF"), hex("E0 A0 80"), hex("ED 9F BF"), hex("EE 80 80"), hex("EF BF BF"),
        hex("F0 90 80 80"), hex("F4 8F BF BF"), Array(String(repeating: "abcdefgh", count: 20).utf8) + hex("E2 82 AC"),
    ]
    static let invalid: [[UInt8]] = [
        hex("80"), hex("BF"), hex("C0 80"), hex("C1 BF"), hex("E0 80 80"), hex("E0 9F BF"), hex("ED A0 80"), hex("ED BF BF"),
        hex("F0 80 80 80"), hex("F0 8F BF BF"), hex("F4 90 80 80"), hex("F5 80 80 80"), hex("FE"), hex("FF"),
        hex("C2 41"), hex("E2 82 41"), hex("61 62 63 64 65 66 67 68 80"),
    ]

    @Test func acceptsValid() {
        for bytes in Self.valid {
            var v = UTF8Validator()
            let ok = v.validate(bytes) && v.isComplete
            #expect(ok, "\(bytes)")
        }
    }

    @Test func rejectsInvalid() {
        for bytes in Self.invalid {
            var v = UTF8Validator()
            let ok = v.validate(bytes)
            #expect(!ok, "\(bytes)")
        }
    }

    @Test func incompleteIsNotInvalidYet() {
        var v = UTF8Validator()
        let first = v.validate(hex("F0 9F 98"))
        #expect(first && !v.isComplete)
        let second = v.validate(hex("80"))
        #expect(second && v.isComplete)
    }

    @Test func anySplitGivesTheSameVerdict() {
        for bytes in Self.valid + Self.invalid {
            var whole = UTF8Validator()
            let expected = whole.validate(bytes) && whole.isComplete
            for cut in 0...bytes.count {
                var v = UTF8Validator()
                let ok = v.validate(Array(bytes[..<cut])) && v.validate(Array(bytes[cut...])) && v.isComplete
                #expect(ok == expected, "\(bytes) cut at \(cut)")
            }
        }
    }

    @Test func agreesWithTheStandardLibrary() {
        var rng = SplitMix64(seed: 11)
        for _ in 0..<5000 {
            let length = Int.random(in: 0...12, using: &rng)
            let bytes = (0..<length).map { _ in
                // Bias toward interesting bytes.
                [UInt8.random(in: 0x00...0x7F, using: &rng), UInt8.random(in: 0x80...0xBF, using: &rng),
                 UInt8.random(in: 0xC0...0xFF, using: &rng)][Int.random(in: 0...2, using: &rng)]
            }
            var v = UTF8Validator()
            let ours = v.validate(bytes) && v.isComplete
            #expect(ours == (String(validating: bytes, as: UTF8.self) != nil), "\(bytes)")
        }
    }

    /// Long mixed-script text, some of it with one byte corrupted, whole and split at a random
    /// point: the verdict always matches the standard library's.
    @Test func longMixedTextAgreesWithTheStandardLibrary() {
        var rng = SplitMix64(seed: 12)
        let scalars: [Unicode.Scalar] = ["a", "é", "ß", "日", "本", "\u{FFFD}", "😀", "\u{10FFFF}", "\u{D7FF}", "\u{E000}", " "]
        for round in 0..<400 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 1...300, using: &rng) {
                bytes += Array(String(scalars[Int.random(in: 0..<scalars.count, using: &rng)]).utf8)
            }
            if round % 2 == 1 { bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng) }
            let expected = String(validating: bytes, as: UTF8.self) != nil
            var whole = UTF8Validator()
            #expect((whole.validate(bytes) && whole.isComplete) == expected)
            let cut = Int.random(in: 0...bytes.count, using: &rng)
            var split = UTF8Validator()
            let verdict = split.validate(Array(bytes[..<cut])) && split.validate(Array(bytes[cut...])) && split.isComplete
            #expect(verdict == expected)
        }
    }
}
