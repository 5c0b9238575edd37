import Testing
import TerminalUI

@Suite struct TextWidthTests {
    @Test func asciiIsOneColumnPerCharacter() {
        #expect(TextWidth.of("") == 0)
        #expect(TextWidth.of("wireless headphones") == 19)
        #expect(TextWidth.of(Character("a")) == 1)
        #expect(TextWidth.of(Character(" ")) == 1)
        #expect(TextWidth.of("a b"[...]) == 3)
    }

    @Test func controlsTakeNoColumn() {
        for control in ["\u{0}", "\u{7}", "\u{9}", "\u{1B}", "\u{7F}", "\u{85}", "\u{9B}", "\r\n", "\u{2028}"] {
            #expect(TextWidth.of(control) == 0, "\(control.unicodeScalars.map(\.value))")
        }
    }

    @Test func eastAsianWideAndFullwidthTakeTwo() {
        #expect(TextWidth.of("日本語") == 6)
        #expect(TextWidth.of("中文搜索") == 8)
        #expect(TextWidth.of("ひらがなカタカナ") == 16)
        #expect(TextWidth.of("한국어") == 6)
        #expect(TextWidth.of("ＡＢＣ１２３") == 12)  // fullwidth forms
        #expect(TextWidth.of("\u{3000}") == 2)  // ideographic space
        #expect(TextWidth.of("𠮷") == 2)  // CJK extension B, outside the BMP
        #expect(TextWidth.of("ｶﾀｶﾅ") == 4)  // halfwidth forms stay narrow
        #expect(TextWidth.of("a日b") == 4)
    }

    @Test func hangulJamoJoinIntoOneWideCluster() {
        let syllable = "\u{1100}\u{1161}\u{11A8}"  // ᄀ + ᅡ + ᆨ = 각, decomposed
        #expect(syllable.count == 1)
        #expect(TextWidth.of(syllable) == 2)
        #expect(TextWidth.of("\u{1161}") == 0)  // a vowel jamo alone
    }

    @Test(arguments: [
        "😀",  // emoji presentation
        "👨‍👩‍👧‍👦",  // ZWJ family
        "🏳️‍🌈",  // VS16 + ZWJ
        "❤️‍🔥",
        "🇯🇵",  // flag
        "👍🏽",  // skin tone
        "☝🏻",  // text-default base with a skin tone
        "1️⃣",  // keycap
        "#️⃣",
        "❤️",  // VS16 turns a text symbol into an emoji
        "🏴󠁧󠁢󠁳󠁣󠁴󠁿",  // tag sequence (Scotland)
        "🫩",  // Unicode 16
    ])
    func emojiClusterIsTwoColumns(emoji: String) {
        #expect(emoji.count == 1)
        #expect(TextWidth.of(emoji) == 2)
    }

    @Test func textPresentationSymbolsStayNarrow() {
        #expect(TextWidth.of("❤") == 1)
        #expect(TextWidth.of("☺") == 1)
        #expect(TextWidth.of("1") == 1)
        #expect(TextWidth.of("\u{1F1EF}") == 2)  // a lone regional indicator shows as a letter box
    }

    @Test func combiningMarksAddNothing() {
        #expect(TextWidth.of("e\u{301}") == 1)
        #expect(TextWidth.of("a\u{301}\u{302}\u{303}\u{304}") == 1)
        #expect(TextWidth.of("Z\u{324}\u{354}\u{367}\u{311}algo") == 5)
        #expect(TextWidth.of("\u{301}") == 0)  // a mark with no base
        #expect(TextWidth.of("\u{20DD}") == 0)  // an enclosing mark alone
        #expect(TextWidth.of("は\u{3099}") == 2)  // a wide base keeps its width
        #expect(TextWidth.of("caf\u{E9}") == TextWidth.of("cafe\u{301}"))
    }

    @Test func zeroWidthCharacters() {
        #expect(TextWidth.of("\u{200B}") == 0)
        #expect(TextWidth.of("\u{200D}") == 0)
        #expect(TextWidth.of("\u{FEFF}") == 0)
        #expect(TextWidth.of("\u{FE0F}") == 0)
        #expect(TextWidth.of("\u{AD}") == 0)
        #expect(TextWidth.of("\u{202E}") == 0)
        #expect(TextWidth.of("a\u{200B}b") == 2)
    }

    @Test func ambiguousAndOtherScriptsAreNarrow() {
        #expect(TextWidth.of("…—→αЖé") == 6)
        #expect(TextWidth.of("שלום") == 4)
        #expect(TextWidth.of("مرحبا") == 5)
        #expect(TextWidth.of("␛⏎◌") == 3)  // the sanitizer's placeholders
    }

    @Test func truncateCutsAtGraphemeBoundariesWithAnEllipsis() {
        #expect(TextWidth.truncate("hello", toWidth: 5) == "hello")
        #expect(TextWidth.truncate("hello", toWidth: 9) == "hello")
        #expect(TextWidth.truncate("hello", toWidth: 4) == "hel…")
        #expect(TextWidth.truncate("hello world", toWidth: 8) == "hello w…")
        #expect(TextWidth.truncate("ab", toWidth: 1) == "…")
        #expect(TextWidth.truncate("ab", toWidth: 0) == "")
        #expect(TextWidth.truncate("ab", toWidth: -3) == "")
        #expect(TextWidth.truncate("e\u{301}xyz", toWidth: 2) == "e\u{301}…")
    }

    @Test func truncateNeverSplitsAWideCharacter() {
        #expect(TextWidth.truncate("日本語", toWidth: 6) == "日本語")
        #expect(TextWidth.truncate("日本語", toWidth: 5) == "日本…")
        #expect(TextWidth.truncate("日本語", toWidth: 4) == "日…")  // 3 columns: 本 would need 2
        #expect(TextWidth.truncate("日本語", toWidth: 3) == "日…")
        #expect(TextWidth.truncate("日本語", toWidth: 2) == "…")
        #expect(TextWidth.truncate("a👨‍👩‍👧b", toWidth: 3) == "a…")
        #expect(TextWidth.truncate("a👨‍👩‍👧bc", toWidth: 4) == "a👨‍👩‍👧…")
    }

    @Test func truncateWithAnotherEllipsis() {
        #expect(TextWidth.truncate("abcdef", toWidth: 5, ellipsis: "...") == "ab...")
        #expect(TextWidth.truncate("abcdef", toWidth: 3, ellipsis: "...") == "...")
        #expect(TextWidth.truncate("abcdef", toWidth: 2, ellipsis: "...") == "ab")  // no room for it
        #expect(TextWidth.truncate("abcdef", toWidth: 4, ellipsis: "") == "abcd")
    }

    @Test func fitPadsOrTruncatesToExactWidth() {
        #expect(TextWidth.fit("abc", width: 5) == "abc  ")
        #expect(TextWidth.fit("abc", width: 3) == "abc")
        #expect(TextWidth.fit("abcdef", width: 4) == "abc…")
        #expect(TextWidth.fit("", width: 3) == "   ")
        #expect(TextWidth.fit("x", width: 0) == "")
        #expect(TextWidth.fit("x", width: -1) == "")
        #expect(TextWidth.fit("日本語", width: 6) == "日本語")
        #expect(TextWidth.fit("日本語", width: 7) == "日本語 ")
        #expect(TextWidth.fit("日本語", width: 5) == "日本…")
        #expect(TextWidth.fit("日本語", width: 4) == "日… ")  // the pad fills the column 本 could not
        #expect(TextWidth.fit("日本語", width: 1) == "…")
    }

    @Test func fitAlwaysGivesTheExactWidth() {
        let samples = ["", "a", "日本語", "a日b本c", "👨‍👩‍👧‍👦x🇯🇵", "e\u{301}e\u{301}", "ｶﾀｶﾅ漢字"]
        for sample in samples {
            for width in 0...12 {
                #expect(TextWidth.of(TextWidth.fit(sample, width: width)) == width, "\(sample) at \(width)")
            }
        }
    }

    @Test func prefixIsTheLongestFittingGraphemePrefix() {
        func prefix(_ s: String, _ columns: Int) -> String {
            let (text, width) = TextWidth.prefix(s, columns: columns)
            return "\(text)|\(width)"
        }
        #expect(prefix("日本語", 3) == "日|2")
        #expect(prefix("日本語", 4) == "日本|4")
        #expect(prefix("日本語", 0) == "|0")
        #expect(prefix("日本語", 1) == "|0")
        #expect(prefix("abc", 10) == "abc|3")
        #expect(prefix("abc", -1) == "|0")
        #expect(prefix("a👨‍👩‍👧b", 2) == "a|1")
        #expect(prefix("a👨‍👩‍👧b", 3) == "a👨‍👩‍👧|3")
        #expect(prefix("e\u{301}f", 1) == "e\u{301}|1")
    }
}
