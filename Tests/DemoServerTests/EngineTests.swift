import Testing
@testable import DemoServer

@Suite struct EngineTests {
    let engine = EngineFixture.engine

    @Test func completesTheLastWordAndRefinesThePhrase() {
        #expect(engine.suggest("wireless head") == [
            "wireless headphones",
            "wireless headphones noise cancelling",
            "wireless headphones sony",
            "wireless headset",
            "Sony WH-1000XM5 Wireless Noise Cancelling Headphones",
            "Bose QuietComfort 45 Wireless Headphones",
            "Razer BlackShark V2 Wireless Gaming Headset",
            "Sony WH-CH520 Wireless On-Ear Headphones",
        ])
        #expect(engine.suggest("noise canc").prefix(2) == ["noise cancelling", "noise cancelling sony"])
        #expect(engine.suggest("bluetooth 5.").first == "bluetooth 5.3")
    }

    @Test func finishedQueryIsRefinedNotCompleted() {
        // With a trailing space "headphones" is a whole word: no "headset", more room for refinements.
        #expect(engine.suggest("wireless headphones ") == [
            "wireless headphones",
            "wireless headphones noise cancelling",
            "wireless headphones sony",
            "wireless headphones black",
            "wireless headphones bose",
            "Sony WH-1000XM5 Wireless Noise Cancelling Headphones",
            "Bose QuietComfort 45 Wireless Headphones",
            "Sony WH-CH520 Wireless On-Ear Headphones",
        ])
    }

    @Test func phrasesDoNotRepeatWhatTheyAlreadySay() {
        // "espresso machines" and "de'longhi" would only restate "espresso" and "de longhi".
        #expect(engine.suggest("de longhi") == [
            "de longhi", "de longhi espresso machines", "de longhi compact", "de longhi milk frother",
            "De'Longhi Dedica Espresso Maker",
        ])
        for phrase in EngineFixture.phrases(engine.suggest("espresso")) {
            #expect(phrase == "espresso" || !phrase.dropFirst("espresso".count).contains("espresso"))
        }
    }

    @Test func hyphenatedAndApostrophedWordsAreFoundJoinedAndSplit() {
        let xm5 = "Sony WH-1000XM5 Wireless Noise Cancelling Headphones"
        #expect(engine.suggest("wh1000").first == "wh1000xm5")
        #expect(engine.suggest("wh-1000").first == "wh 1000xm5")
        #expect(engine.suggest("wh1000").contains(xm5) && engine.suggest("wh-1000").contains(xm5))
        #expect(engine.suggest("usbc").last == "Apple AirPods Pro 2 Wireless Earbuds")
        let delonghi = engine.suggest("delonghi")
        #expect(delonghi.first == "delonghi")
        #expect(engine.suggest("de'longhi") == delonghi)
        #expect(engine.suggest("De’Longhi") == delonghi)
        #expect(engine.suggest("longhi").last == "De'Longhi Dedica Espresso Maker")
    }

    @Test func unknownWordsAreIgnoredAndImpossibleCombinationsKeepTheLatestWords() {
        #expect(engine.suggest("cheap wireless") == engine.suggest("wireless"))
        // No product is both Sony and Breville: the word typed last wins.
        #expect(engine.suggest("sony breville").first == "breville")
        #expect(engine.suggest("xyzzy") == [])
    }

    @Test(arguments: [
        ("jbk", false),  // 3 letters: never corrected
        ("jvl", false),
        ("flop", true),  // 4 letters: one edit
        ("flpi", true),  // a swap of neighbours is one edit
        ("fxxp", false),  // but not two
        ("espreso", true),  // 7 letters: one edit
        ("exprxss", true),
        ("exprxsx", false),
        ("wirelezz", true),  // 8 letters: two edits
        ("traxkbxll", true),
        ("trxxkbxll", false),  // not three
        ("wh1001", false),  // model numbers are not corrected
    ])
    func typoToleranceFollowsWordLength(query: String, corrected: Bool) {
        #expect(!engine.suggest(query).isEmpty == corrected)
    }

    @Test func correctionsNameTheRightWords() {
        #expect(engine.suggest("flop").first == "flip")
        #expect(engine.suggest("trakcball").first == "trackball")
        #expect(engine.suggest("haedphnes").first == "headphones")
        #expect(engine.suggest("wirless headphones ").first == "wireless headphones")
        #expect(engine.suggest("exprxss").contains("Breville Barista Express Espresso Machine"))
    }

    @Test func emptyAndWhitespaceQueriesGiveNothing() {
        for query in ["", " ", "   ", "\t\n", "\u{3000}", "\u{200B}", "!!!", "…", "\u{301}\u{301}", "\0"] {
            #expect(engine.suggest(query) == [], "\(query.debugDescription)")
        }
    }

    @Test func limitIsRespected() {
        #expect(engine.suggest("wireless head", limit: 0) == [])
        #expect(engine.suggest("wireless head", limit: -3) == [])
        #expect(engine.suggest("wireless head", limit: 1) == ["wireless headphones"])
        #expect(engine.suggest("wireless head", limit: 2)
            == ["wireless headphones", "Sony WH-1000XM5 Wireless Noise Cancelling Headphones"])
        #expect(engine.suggest("wireless head", limit: 3) == [
            "wireless headphones", "wireless headphones noise cancelling",
            "Sony WH-1000XM5 Wireless Noise Cancelling Headphones",
        ])
        let many = engine.suggest("wireless head", limit: 100)
        #expect(many.count <= 100)
        #expect(EngineFixture.productNames(many).count == 4)
        #expect(Array(many.prefix(8)).count == 8)
    }

    @Test(arguments: ["wireless head", "wireless headphones ", "sony", "s", "h", "e", "pro", "head", "espresso", "耳", "wireless wireless"])
    func noDuplicatesAtAnyLimit(query: String) {
        for limit in [1, 2, 5, 8, 20, 200] {
            let suggestions = engine.suggest(query, limit: limit)
            #expect(suggestions.count <= limit)
            #expect(Set(suggestions.map { $0.lowercased() }).count == suggestions.count)
            // Phrases first, then product names.
            let firstName = suggestions.firstIndex(where: EngineFixture.names.contains) ?? suggestions.endIndex
            #expect(suggestions[firstName...].allSatisfy(EngineFixture.names.contains))
            #expect(suggestions[..<firstName].allSatisfy { $0 == $0.lowercased() })
        }
    }

    @Test func productCountIsTheCatalogs() {
        #expect(engine.productCount == EngineFixture.products.count)
    }
}
