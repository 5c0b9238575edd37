import Testing
import TerminalUI

/// A hostile string that test logs show escaped, so running the tests cannot attack the
/// terminal they print to.
struct Hostile: CustomTestStringConvertible, Sendable {
    let text: String
    var testDescription: String { text.unicodeScalars.map { $0.escaped(asASCII: true) }.joined() }
}

@Suite struct SanitizerTests {
    /// Strings a hostile or broken server might send.
    static let hostile: [Hostile] = [String]([
        "\u{1B}[2J",  // clear screen
        "\u{1B}[H\u{1B}[2J\u{1B}[3J",
        "\u{1B}]0;pwned\u{7}",  // OSC: set the window title
        "\u{1B}]52;c;ZWNobyBwd25lZA==\u{1B}\\",  // OSC 52: write the clipboard
        "\u{1B}P+q544e\u{1B}\\",  // DCS request
        "\u{9B}31m",  // 8-bit CSI
        "\u{9D}0;title\u{9C}",  // 8-bit OSC … ST
        "\u{90}q\u{9C}",
        "ding\u{7}\u{7}",
        "password\u{8}\u{8}\u{8}\u{8}\u{8}\u{8}\u{8}\u{8}********",
        "line1\rline2\nline3\r\nline4\u{0B}\u{0C}\u{85}\u{2028}\u{2029}",
        "nul\u{0}byte",
        "del\u{7F}",
        "\u{1B}\u{1B}\u{1B}",
        "invoice\u{202E}fdp.exe",  // RLO spoofing a file name
        "\u{202A}\u{202B}\u{202C}\u{202D}\u{202E}",
        "\u{2066}isolate\u{2069} \u{2067}rtl\u{2069} \u{2068}first\u{2069}",
        "mark\u{200E}\u{200F}\u{061C}",
        "\u{FEFF}bom\u{200B}zwsp\u{2060}wj\u{AD}shy\u{180E}",
        "\u{1B}\u{301}",  // a mark after a removed control
        "\u{301}\u{302}",
        "\u{200D}\u{FE0F}\u{E0041}",
        "\u{0600}\u{0661}",
        String(decoding: [0x61, 0xFF, 0xC0, 0x80, 0x1B, 0x5B, 0x6D], as: UTF8.self),  // invalid UTF-8
        (0..<0x20).map { String(UnicodeScalar(UInt8($0))) }.joined(),
        (0x7F...0x9F).map { String(UnicodeScalar(UInt8($0))) }.joined(),
    ]).map(Hostile.init)

    static let bidiControls: Set<UInt32> = [
        0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C,
    ]

    @Test(arguments: hostile)
    func nothingDangerousSurvives(input: Hostile) {
        let output = Sanitizer.clean(input.text)
        for scalar in output.unicodeScalars {
            let v = scalar.value
            #expect(v >= 0x20, "C0 \(v) survived")
            #expect(!(0x7F...0x9F).contains(v), "DEL/C1 \(v) survived")
            #expect(!Self.bidiControls.contains(v), "bidi control \(v) survived")
            #expect(![0xFEFF, 0x200B, 0x2060, 0xAD, 0x2028, 0x2029].contains(v), "invisible \(v) survived")
        }
        for character in output {
            #expect(TextWidth.of(character) >= 1, "zero-width cluster \(character.unicodeScalars.map(\.value))")
        }
        #expect(Sanitizer.clean(output) == output, "cleaning is idempotent")
    }

    @Test func escapeSequencesShowTheirEscape() {
        #expect(Sanitizer.clean("\u{1B}[2J") == "␛[2J")
        #expect(Sanitizer.clean("\u{1B}]0;pwned\u{7}") == "␛]0;pwned␇")
        #expect(Sanitizer.clean("\u{1B}[31mred\u{1B}[0m") == "␛[31mred␛[0m")
    }

    @Test func c1ControlsShowTheirSevenBitForm() {
        #expect(Sanitizer.clean("\u{9B}31m") == "␛[31m")
        #expect(Sanitizer.clean("\u{9D}0;t\u{9C}") == "␛]0;t␛\\")
        #expect(Sanitizer.clean("\u{80}\u{90}\u{9F}") == "␛@␛P␛_")
    }

    @Test func otherC0ControlsBecomeControlPictures() {
        #expect(Sanitizer.clean("ding\u{7}") == "ding␇")
        #expect(Sanitizer.clean("abc\u{8}\u{8}xy") == "abc␈␈xy")
        #expect(Sanitizer.clean("a\u{0}b") == "a␀b")
        #expect(Sanitizer.clean("\u{1F}\u{7F}") == "␟␡")
        #expect(Sanitizer.clean("a\tb") == "a b")
    }

    @Test func lineBreaksBecomeOneVisibleMark() {
        #expect(Sanitizer.clean("a\nb") == "a⏎b")
        #expect(Sanitizer.clean("a\r\nb") == "a⏎b")
        #expect(Sanitizer.clean("a\rb\n\nc") == "a⏎b⏎⏎c")
        #expect(Sanitizer.clean("\u{0B}\u{0C}\u{85}\u{2028}\u{2029}") == "⏎⏎⏎⏎⏎")
    }

    @Test func bidiAndInvisibleFormatCharactersAreRemoved() {
        #expect(Sanitizer.clean("invoice\u{202E}fdp.exe") == "invoicefdp.exe")
        #expect(Sanitizer.clean("\u{2066}a\u{2069}\u{2067}b\u{2069}\u{2068}c\u{2069}") == "abc")
        #expect(Sanitizer.clean("\u{202A}x\u{202B}y\u{202C}\u{202D}z") == "xyz")
        #expect(Sanitizer.clean("a\u{200E}b\u{200F}c\u{061C}d") == "abcd")
        #expect(Sanitizer.clean("\u{FEFF}abc\u{200B}def") == "abcdef")
        #expect(Sanitizer.clean("soft\u{AD}hyphen\u{2060}") == "softhyphen")
    }

    @Test func strayMarksGetABaseAndStrayJoinersGo() {
        #expect(Sanitizer.clean("\u{301}x") == "◌\u{301}x")
        #expect(Sanitizer.clean("\u{1B}\u{301}") == "␛◌\u{301}")
        #expect(Sanitizer.clean("\u{200D}x") == "x")
        #expect(Sanitizer.clean("\u{FE0F}") == "")
        #expect(Sanitizer.clean("\u{1161}") == "")
    }

    @Test(arguments: [
        "wireless headphones",
        "日本語のヘッドホン",
        "한국어 검색",
        "👨‍👩‍👧‍👦 family pack 🇯🇵 👍🏽 1️⃣ ❤️",
        "🏴󠁧󠁢󠁳󠁣󠁴󠁿",  // tag characters inside their cluster stay
        "cafe\u{301} na\u{308}ive",
        "שלום עולם",
        "مرحبا بالعالم",
        "می\u{200C}خواهم",  // Persian: ZWNJ inside a word stays
        "क्षत्रिय",
        "Z\u{324}\u{354}\u{367}\u{311}algo",
        "\u{E000}private",
        "",
    ])
    func ordinaryTextIsKept(text: String) {
        #expect(Sanitizer.clean(text) == text)
    }

    @Test func multilineSplitsAtLineBreaksAndCleansEachLine() {
        let json = "{\n  \"event\": \"aiSuggestions\",\n  \"title\": \"\u{1B}[2Jx\u{202E}y\"\n}"
        #expect(Sanitizer.cleanMultiline(json) == ["{", "  \"event\": \"aiSuggestions\",", "  \"title\": \"␛[2Jxy\"", "}"])
        #expect(Sanitizer.cleanMultiline("a\r\nb\rc\n") == ["a", "b", "c", ""])
        #expect(Sanitizer.cleanMultiline("\ta\u{2028}b") == [" a", "b"])
        #expect(Sanitizer.cleanMultiline("") == [""])
    }
}
