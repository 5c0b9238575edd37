import Testing
@testable import DemoServer

@Suite struct EngineUnicodeTests {
    let engine = EngineFixture.engine

    @Test func caseDiacriticsWidthAndDecompositionFold() {
        let expected = ["pokémon", "pokémon nintendo", "pokémon video games", "Pokémon Scarlet"]
        for query in ["pokemon", "POKEMON", "pokémon", "Poke\u{301}mon", "ｐｏｋｅｍｏｎ", "PoKéMoN"] {
            #expect(engine.suggest(query) == expected, "\(query)")
        }
        #expect(engine.suggest("Poke\u{301}mon sc") == ["pokémon scarlet", "pokémon scarlet nintendo", "pokémon scarlet video games"])
        #expect(engine.suggest("cafe") == [
            "café", "café coffee makers", "café programmable", "café 12 cup", "Café Specialty Drip Coffee Maker",
        ])
        #expect(engine.suggest("CAFÉ") == engine.suggest("cafe"))
    }

    @Test func chineseAndJapaneseMatchAsSubstrings() {
        #expect(engine.suggest("耳机") == ["耳机", "耳机 小米", "耳机 无线", "降噪耳机 Pro"])
        let prefix = engine.suggest("降噪")
        #expect(prefix.first == "降噪耳机")
        #expect(prefix.last == "降噪耳机 Pro")
        #expect(engine.suggest("噪耳").last == "降噪耳机 Pro")
        #expect(engine.suggest("ヘッド") == ["ヘッドホン", "ヘッドホン ソニー", "ヘッドホン ブラック", "ヘッドホン ワイヤレス"])
        #expect(engine.suggest("ワイヤ").last == "ヘッドホン ワイヤレス")
    }

    @Test func rightToLeftTextAndControlsAreHarmless() {
        #expect(engine.suggest("سماعات") == ["سماعات", "سماعات سوني", "سماعات أسود", "سماعات لاسلكية"])
        #expect(engine.suggest("\u{202E}wireless\u{202C}") == engine.suggest("wireless "))
        #expect(engine.suggest("\u{200F}wireless") == engine.suggest("wireless"))
        #expect(engine.suggest("wire\u{7}less") == engine.suggest("wire less"))
    }

    @Test func emojiSeparateWordsAndAloneFindNothing() {
        #expect(engine.suggest("🎧") == [])
        #expect(engine.suggest("👩‍👩‍👧‍👦🏳️‍🌈") == [])
        #expect(engine.suggest("🎧wireless🎧") == engine.suggest("wireless "))
        #expect(engine.suggest("🎧 wireless") == engine.suggest("wireless"))
    }

    @Test func combiningMarksAreFoldedAway() {
        let zalgo = "w\u{335}i\u{334}r\u{337}e\u{336}l\u{338}e\u{338}s\u{337}s\u{336}"
        #expect(engine.suggest(zalgo) == engine.suggest("wireless"))
    }

    @Test(arguments: [
        "sony耳机", "ヘッドホンsony", "İstanbul", "ß", "ﬁ", "ǅ", "\u{FFFD}", "\u{10FFFF}", "𝔀𝓲𝓻𝓮𝓵𝓮𝓼𝓼",
        "١٢٣", "๒๕๖๗", "한국어 헤드폰", "ไร้สาย", "\u{E000}", "a\u{0}b", "\u{FEFF}wireless",
    ])
    func anyScriptIsSafe(query: String) {
        let suggestions = engine.suggest(query)
        #expect(suggestions.count <= 8)
        #expect(Set(suggestions.map { $0.lowercased() }).count == suggestions.count)
    }
}
