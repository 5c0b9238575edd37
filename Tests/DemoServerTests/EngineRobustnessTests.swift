import SuggestProtocol
import Testing
@testable import DemoServer

@Suite struct EngineRobustnessTests {
    let engine = EngineFixture.engine

    @Test func veryLongQueriesLookOnlyAtTheirEnd() {
        let clock = ContinuousClock()
        let start = clock.now
        let repeated = String(repeating: "wireless ", count: 1_200) + "head"
        #expect(repeated.count > 10_000)
        #expect(engine.suggest(repeated) == engine.suggest("wireless head"))
        let noisy = String(repeating: "lorem ipsum dolor ", count: 600) + "sony"
        #expect(engine.suggest(noisy) == engine.suggest("sony"))
        #expect(engine.suggest(String(repeating: "x", count: 10_000)) == [])
        #expect(engine.suggest(String(repeating: "é", count: 10_000)) == [])
        #expect(engine.suggest(String(repeating: "耳", count: 10_000)) == [])
        #expect(engine.suggest(String(repeating: "\u{301}", count: 10_000)) == [])
        #expect(engine.suggest(String(repeating: "🎧", count: 10_000)) == [])
        // Generous: a debug build on a busy machine; a scan of the whole text per word would take far longer.
        #expect(clock.now - start < .seconds(2))
    }

    @Test func randomTextNeverBreaksTheRules() {
        var random = SplitMix64(seed: 42)
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz  -'.,éü耳机ヘッドسماعات🎧\u{301}\u{202E}0123456789")
        for length in [1, 2, 3, 5, 8, 13, 40, 200, 10_000] {
            for _ in 0..<20 {
                let query = String((0..<length).map { _ in alphabet[random.next(below: alphabet.count)] })
                let suggestions = engine.suggest(query)
                #expect(suggestions.count <= 8)
                #expect(Set(suggestions.map { $0.lowercased() }).count == suggestions.count)
            }
        }
    }

    @Test func sameCatalogAndQueryGiveTheSameSuggestions() async {
        let queries = ["wireless head", "s", "pro", "head", "sony ", "haedphnes", "耳", "e", "de longhi", "wirel"]
        let rebuilt = EngineFixture.engine(EngineFixture.products)
        let serial = queries.map { engine.suggest($0) }
        #expect(queries.map { rebuilt.suggest($0) } == serial)
        #expect(queries.map { engine.suggest($0) } == serial)
        // One engine serves every connection at once.
        let shared = engine
        let concurrent = await withTaskGroup(of: (Int, [String]).self) { group in
            for _ in 0..<4 {
                for (position, query) in queries.enumerated() {
                    group.addTask { (position, shared.suggest(query)) }
                }
            }
            var results: [(Int, [String])] = []
            for await result in group { results.append(result) }
            return results
        }
        #expect(concurrent.count == queries.count * 4)
        #expect(concurrent.allSatisfy { serial[$0.0] == $0.1 })
    }

    @Test func catalogOrderDoesNotChangeTheSuggestions() {
        let reversed = EngineFixture.engine(EngineFixture.products.reversed())
        for query in ["wireless head", "sony", "head", "espresso", "pro"] {
            #expect(reversed.suggest(query) == engine.suggest(query), "\(query)")
        }
    }

    @Test func emptyCatalogSuggestsNothing() {
        let empty = EngineFixture.engine([])
        #expect(empty.productCount == 0)
        #expect(empty.suggest("wireless") == [])
    }
}
