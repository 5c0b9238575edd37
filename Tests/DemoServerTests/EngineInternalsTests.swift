import SuggestProtocol
import Testing
@testable import DemoServer

@Suite struct EngineInternalsTests {
    private func keys(_ text: String) -> [String] {
        Tokenizer.words(in: text.unicodeScalars).words.map(\.display)
    }

    @Test func tokenizerKeepsWordsAndDropsPunctuation() {
        #expect(keys("Sony WH-1000XM5, Bluetooth 5.3; 1,000 Chef's (Black)!") ==
            ["sony", "wh", "1000xm5", "bluetooth", "5.3", "1000", "chefs", "black"])
        #expect(keys("降噪耳机Pro ヘッドホン") == ["降噪耳机", "pro", "ヘッドホン"])
        #expect(keys("🎧wireless🎧") == ["wireless"])
        #expect(keys("end. 5. .5") == ["end", "5", "5"])
        let words = Tokenizer.words(in: "usb-c De'Longhi".unicodeScalars).words
        #expect(words.map(\.hyphenatedToNext) == [true, false, false])
        #expect(words[2].apostropheParts.map { String(String.UnicodeScalarView($0.compactMap(Unicode.Scalar.init))) }
            == ["de", "longhi"])
        #expect(words.map(\.isUnspaced) == [false, false, false])
    }

    @Test func tokenizerTellsWhetherTheLastWordIsStillBeingTyped() {
        #expect(Tokenizer.words(in: "wireless head".unicodeScalars).endsInsideWord)
        #expect(!Tokenizer.words(in: "wireless head ".unicodeScalars).endsInsideWord)
        #expect(!Tokenizer.words(in: "usb-".unicodeScalars).endsInsideWord)
        #expect(!Tokenizer.words(in: "head!".unicodeScalars).endsInsideWord)
        #expect(!Tokenizer.words(in: "".unicodeScalars).endsInsideWord)
    }

    @Test func foldingRemovesCaseMarksAndWidth() {
        func folded(_ text: String) -> String {
            String(String.UnicodeScalarView(TextFolding.fold(text).compactMap(Unicode.Scalar.init)))
        }
        #expect(folded("ÀÉÎÕÜ") == "aeiou")
        #expect(folded("Ｗｉｒｅｌｅｓｓ") == "wireless")
        #expect(folded("Straße") == "strasse")
        #expect(folded("Ørsted Łódź Æble") == "orsted lodz aeble")
        #expect(folded("שָׁלוֹם") == "שלום")
        #expect(folded("耳机") == "耳机")
        #expect(TextFolding.fold(String(repeating: "a", count: 500)).count == TextFolding.maximumLength)
        #expect(TextFolding.fold(String(repeating: "é", count: 500)).count == TextFolding.maximumLength)
    }

    private func dictionary(_ words: [String]) -> TermDictionary {
        var builder = TermDictionaryBuilder(expectedTerms: words.count)
        for word in words { _ = builder.id(for: word.unicodeScalars.map(\.value), display: word) }
        return builder.finish().dictionary
    }

    private func key(_ text: String) -> [UInt32] { text.unicodeScalars.map(\.value) }

    @Test func dictionaryFindsPrefixRangesAndExactTerms() {
        let terms = dictionary(["head", "headset", "heat", "hd", "headphones", "zebra", "a"])
        #expect(terms.displays == ["a", "hd", "head", "headphones", "headset", "heat", "zebra"])
        #expect(terms.range(prefix: key("head")) == 2..<5)
        #expect(terms.range(prefix: key("he")) == 2..<6)
        #expect(terms.range(prefix: key("hx")).isEmpty)
        #expect(terms.range(prefix: key("zz")).isEmpty)
        #expect(terms.range(prefix: []) == 0..<7)
        #expect(terms.id(of: key("head")) == 2)
        #expect(terms.id(of: key("hea")) == nil)
    }

    @Test func trieFindsWordsWithinTheAllowedEdits() {
        let terms = dictionary(["trackball", "track", "rack", "stack", "tracker", "trick"])
        let trie = TermTrie(terms)
        func whole(_ query: String, _ edits: Int) -> [String: Int] {
            var found: [String: Int] = [:]
            for match in trie.matches(of: key(query), maximumEdits: edits, prefix: false) {
                for term in match.terms { found[terms.displays[term]] = match.distance }
            }
            return found
        }
        #expect(whole("trakc", 1) == ["track": 1])  // a transposition is one edit
        #expect(whole("track", 1) == ["rack": 1, "trick": 1])  // the exact spelling is the caller's
        #expect(whole("trcak", 2) == ["track": 1, "rack": 2, "trick": 2])
        #expect(whole("trakcbal", 2) == ["trackball": 2])
        #expect(whole("xxxxx", 2).isEmpty)
        #expect(whole("track", 0).isEmpty)
        // As a prefix: "trakcb" is one swap from the start of "trackball".
        let prefixMatches = trie.matches(of: key("trakcb"), maximumEdits: 1, prefix: true)
        #expect(prefixMatches.map { $0.terms.map { terms.displays[$0] } } == [["trackball"]])
        #expect(prefixMatches.map(\.distance) == [1])
    }

    @Test func topSelectionMatchesAFullSort() {
        var random = SplitMix64(seed: 7)
        let keys = (0..<2_000).map { _ in Int64(random.next() >> 8) }
        let sorted = keys.indices.sorted { keys[$0] > keys[$1] }
        for count in [0, 1, 5, 256, 1_999, 2_000, 5_000] {
            #expect(TopSelection.largest(keys, count: count) == Array(sorted.prefix(count)))
        }
    }
}
