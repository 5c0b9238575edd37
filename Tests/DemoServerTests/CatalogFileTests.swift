import Foundation
import Testing
@testable import DemoServer

@Suite struct CatalogFileTests {
    /// A fresh directory per test, removed afterwards.
    private final class Scratch {
        let directory: String

        init() throws {
            directory = NSTemporaryDirectory() + "wisp-catalog-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }

        deinit { try? FileManager.default.removeItem(atPath: directory) }

        func write(_ name: String, _ bytes: some Sequence<UInt8>) throws -> String {
            let path = directory + "/" + name
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            return path
        }
    }

    private func error(_ path: String) -> CatalogError? {
        do {
            _ = try Catalog.load(path: path)
            return nil
        } catch {
            return error
        }
    }

    @Test func extensionChoosesTheFormatAndOtherwiseTheFirstCharacterDoes() throws {
        let scratch = try Scratch()
        let json = try scratch.write("a.JSON", #"[{"name":"From JSON"}]"#.utf8)
        let csv = try scratch.write("b.csv", "name\nFrom CSV\n".utf8)
        let sniffedJSON = try scratch.write("c.txt", "\n  [{\"name\":\"Sniffed JSON\"}]".utf8)
        let sniffedCSV = try scratch.write("d", "name\nSniffed CSV".utf8)
        #expect(try Catalog.load(path: json).products.map(\.name) == ["From JSON"])
        #expect(try Catalog.load(path: csv).products.map(\.name) == ["From CSV"])
        #expect(try Catalog.load(path: sniffedJSON).products.map(\.name) == ["Sniffed JSON"])
        #expect(try Catalog.load(path: sniffedCSV).products.map(\.name) == ["Sniffed CSV"])
    }

    @Test func errorsNameThePathAsGiven() throws {
        let scratch = try Scratch()
        let missing = scratch.directory + "/nope.json"
        #expect(error(missing) == CatalogError(file: missing, problem: .noSuchFile))
        #expect(error(scratch.directory) == CatalogError(file: scratch.directory, problem: .isDirectory))
        let bad = try scratch.write("bad.csv", "name\nok\nCaf".utf8 + [0xE9] + "\n".utf8)
        #expect(error(bad) == CatalogError(file: bad, location: .line(3), problem: .invalidUTF8))
        let badJSON = try scratch.write("bad.json", "[{\"name\":\"A\"},\n{\"name\" \"B\"}]".utf8)
        #expect(error(badJSON) == CatalogError(
            file: badJSON, location: .position(line: 2, column: 9), problem: .invalidJSON("expected ':'")))
    }

    @Test func bundledCatalogIsLargeVariedAndValid() throws {
        let products = try Catalog.bundled().products
        #expect(products.count >= 2_000)
        #expect(Set(products.map(\.id)).count == products.count)
        #expect(Set(products.map { $0.name.lowercased() }).count == products.count)
        #expect(Set(products.map(\.category)).count >= 40)
        #expect(Set(products.map(\.brand)).count >= 300)
        #expect(products.allSatisfy { !$0.brand.isEmpty && !$0.category.isEmpty && !$0.attributes.isEmpty })
        #expect(products.allSatisfy { (0...100).contains($0.popularity) })
        // Skewed: a long tail of little-known products, a few best sellers.
        let popular = products.filter { $0.popularity >= 70 }.count
        let obscure = products.filter { $0.popularity < 30 }.count
        #expect(popular * 5 < products.count && obscure * 2 > products.count)
    }

    @Test func bundledCatalogIsFoundFromTheSourceTreeToo() {
        let candidates = BundledCatalogLocator.candidatePaths()
        #expect(candidates.last?.hasSuffix("Sources/DemoServer/Resources/catalog.json") == true)
        #expect(candidates.contains { FileManager.default.isReadableFile(atPath: $0) })
    }
}
