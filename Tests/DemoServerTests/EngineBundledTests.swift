import Foundation
import Testing
@testable import DemoServer

/// The engine over the demo catalog, as `wisp --demo` shows it.
@Suite struct EngineBundledTests {
    static let engine: SuggestionEngine? = try? SuggestionEngine(catalog: Catalog.bundled())

    @Test func demoCatalogIsIndexed() throws {
        let engine = try #require(Self.engine)
        #expect(engine.productCount >= 2_000)
    }

    @Test func shopperQueriesGetUsefulSuggestions() throws {
        let engine = try #require(Self.engine)
        let headphones = engine.suggest("wireless head")
        #expect(Array(headphones.prefix(3))
            == ["wireless headphones", "wireless headphones noise cancelling", "wireless headphones sony"])
        #expect(headphones.contains("Sony WH-1000XM5 Wireless Noise Cancelling Over-Ear Headphones"))
        #expect(engine.suggest("air fry").first == "air fryer")
        #expect(engine.suggest("espreso").first == "espresso")
        #expect(engine.suggest("harry pot").first == "harry potter")
        #expect(engine.suggest("atomic hab").contains("Atomic Habits by James Clear (Paperback)"))
        #expect(engine.suggest("pokemon sc").first == "pokémon scarlet")
        #expect(engine.suggest("running shoes wom").first == "running shoes women")
    }

    @Test func productNamesMatchEveryWordTyped() throws {
        let engine = try #require(Self.engine)
        let catalog = try Catalog.bundled()
        let names = Set(catalog.products.map(\.name))
        for query in ["sony tv", "lego star", "dog food gra", "4k tv 65"] {
            let found = engine.suggest(query).filter(names.contains)
            #expect(!found.isEmpty, "\(query)")
            for name in found {
                let folded = name.lowercased()
                for word in query.split(separator: " ").dropLast() {
                    #expect(folded.contains(word), "\(name) for \(query)")
                }
            }
        }
    }

    @Test func benchmarkCatalogAndQueriesAreRepeatable() throws {
        let base = try Catalog.bundled()
        let large = BenchmarkCatalog.varied(base, count: 10_000)
        #expect(large.products.count == 10_000)
        #expect(Set(large.products.map(\.id)).count == 10_000)
        #expect(large.products.allSatisfy { (0...100).contains($0.popularity) })
        #expect(large.products[base.products.count].name != base.products[0].name)
        let queries = BenchmarkQueries.make(from: large, count: 200)
        #expect(queries.count == 200)
        #expect(queries == BenchmarkQueries.make(from: large, count: 200))
        #expect(queries.allSatisfy { !$0.trimmingCharacters(in: .whitespaces).isEmpty })
    }

    @Test func benchmarkFiguresAreFormattedWithoutLocale() {
        #expect(EngineBenchmark.format(85.24, 1) == "85.2")
        #expect(EngineBenchmark.format(0.052, 3) == "0.052")
        #expect(EngineBenchmark.format(0.0004, 3) == "0.000")
        #expect(EngineBenchmark.format(1.5, 3) == "1.500")
        #expect(EngineBenchmark.format(12, 0) == "12")
    }
}
