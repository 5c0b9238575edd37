import Foundation
import Testing
@testable import DemoServer

@Suite struct CatalogJSONTests {
    private func load(_ text: String) throws(CatalogError) -> Catalog {
        try Catalog.fromJSON(Data(text.utf8), file: "t.json")
    }

    private func error(_ text: String) -> CatalogError? {
        do {
            _ = try load(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func fieldsAreTrimmedDefaultedAndNumbered() throws {
        let catalog = try load("""
            [{"id": 7, "name": " Desk Lamp ", "brand": "IKEA", "category": "lamps",
              "attributes": ["led", " black ", ""], "popularity": 12.0},
             {"name": "Pen", "brand": null, "attributes": "blue; fine | gel"}]
            """)
        #expect(catalog.products == [
            Product(id: 7, name: "Desk Lamp", brand: "IKEA", category: "lamps", attributes: ["led", "black"], popularity: 12),
            Product(id: 8, name: "Pen", attributes: ["blue", "fine", "gel"], popularity: 50),
        ])
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let catalog = try Catalog.fromJSON(Data([0xEF, 0xBB, 0xBF]) + Data(#"[{"name":"A"}]"#.utf8), file: "t.json")
        #expect(catalog.products.map(\.name) == ["A"])
    }

    @Test func problemsNameTheItem() {
        #expect(error(#"[{"name":"A"},{"brand":"B"}]"#) == CatalogError(file: "t.json", location: .item(1), problem: .missingName))
        #expect(error(#"[{"name":"   "}]"#) == CatalogError(file: "t.json", location: .item(0), problem: .missingName))
        #expect(error(#"[{"name":5}]"#)
            == CatalogError(file: "t.json", location: .item(0), problem: .wrongType(field: "name", expected: "a string")))
        #expect(error(#"[{"name":"A","brand":["x"]}]"#)
            == CatalogError(file: "t.json", location: .item(0), problem: .wrongType(field: "brand", expected: "a string")))
        #expect(error(#"[{"name":"A","attributes":7}]"#) == CatalogError(
            file: "t.json", location: .item(0),
            problem: .wrongType(field: "attributes", expected: "an array of strings or a string")))
        #expect(error(#"[{"name":"A","popularity":101}]"#)
            == CatalogError(file: "t.json", location: .item(0), problem: .popularityOutOfRange))
        #expect(error(#"[{"name":"A","popularity":"high"}]"#)
            == CatalogError(file: "t.json", location: .item(0), problem: .popularityOutOfRange))
        #expect(error(#"[{"name":"A","id":1.5}]"#) == CatalogError(file: "t.json", location: .item(0), problem: .idNotWhole))
        #expect(error("[1]") == CatalogError(file: "t.json", location: .item(0), problem: .notAnObject))
        #expect(error(#"[{"id":3,"name":"A"},{"id":3,"name":"B"}]"#)
            == CatalogError(file: "t.json", location: .item(1), problem: .duplicateID(3, first: .item(0))))
    }

    @Test func wholeFileProblems() {
        #expect(error(#"{"name":"A"}"#) == CatalogError(file: "t.json", problem: .notAnArray))
        #expect(error("[]") == CatalogError(file: "t.json", problem: .noProducts))
    }

    @Test func syntaxErrorsArePlacedByLineAndColumn() {
        #expect(error("[\n  {\"name\": \"A\" \"brand\": \"B\"}\n]") == CatalogError(
            file: "t.json", location: .position(line: 2, column: 16), problem: .invalidJSON("expected ',' or '}'")))
        #expect(error("[{\"name\": tru}]") == CatalogError(
            file: "t.json", location: .position(line: 1, column: 14), problem: .invalidJSON("invalid literal (expected true)")))
        #expect(error("[{\"name\": \"é\" \"x\"}]") == CatalogError(
            file: "t.json", location: .position(line: 1, column: 15), problem: .invalidJSON("expected ',' or '}'")))
        #expect(error("[{\"name\": \"A\"}") == CatalogError(
            file: "t.json", location: .position(line: 1, column: 15),
            problem: .invalidJSON("unexpected end of file (expected ',' or ']')")))
    }

    @Test func descriptionsSayWhereAndWhat() {
        #expect(CatalogError(file: "catalog.csv", location: .line(14), problem: .missingName).description
            == "catalog.csv line 14: missing name")
        #expect(CatalogError(file: "c.json", location: .item(3), problem: .duplicateID(9, first: .item(1))).description
            == "c.json item 3: duplicate id 9 (first used at item 1)")
        #expect(CatalogError(file: "c.json", location: .position(line: 2, column: 5), problem: .invalidJSON("x")).description
            == "c.json line 2 column 5: not valid JSON: x")
    }
}
