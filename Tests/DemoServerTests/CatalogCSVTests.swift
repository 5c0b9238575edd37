import Foundation
import Testing
@testable import DemoServer

@Suite struct CatalogCSVTests {
    private func load(_ text: String) throws(CatalogError) -> Catalog {
        try Catalog.fromCSV(text, file: "t.csv")
    }

    private func error(_ text: String) -> CatalogError? {
        do {
            _ = try load(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func headerNamesColumnsInAnyCaseAndOrder() throws {
        let catalog = try load("""
            Popularity,name,brand,Category,attributes,price
            12,"Lamp, Desk",IKEA,lamps,led;black | dimmable,9.99
            ,Pen,,office,,1.20
            """)
        #expect(catalog.products == [
            Product(id: 1, name: "Lamp, Desk", brand: "IKEA", category: "lamps", attributes: ["led", "black", "dimmable"], popularity: 12),
            Product(id: 2, name: "Pen", category: "office", popularity: 50),
        ])
    }

    @Test func quotedFieldsMayHoldQuotesAndLineBreaks() throws {
        let catalog = try load("name,brand\r\n\"The \"\"Best\"\" Lamp\nEver\",X\r\n\r\nPen,Y\r\n")
        #expect(catalog.products.map(\.name) == ["The \"Best\" Lamp\nEver", "Pen"])
        #expect(catalog.products.map(\.brand) == ["X", "Y"])
    }

    @Test func idsGivenAreKeptAndTheRestFollowTheLargest() throws {
        let catalog = try load("id,name\n,A\n40,B\n7.0,C\n,D")
        #expect(catalog.products.map(\.id) == [41, 40, 7, 42])
    }

    @Test func problemsNameThePhysicalLine() {
        #expect(error("name,brand\n\"two\nlines\",X\nPen") == CatalogError(
            file: "t.csv", location: .line(4), problem: .fieldCount(found: 1, expected: 2)))
        #expect(error("title,brand\nA,B") == CatalogError(file: "t.csv", location: .line(1), problem: .missingNameColumn))
        #expect(error("name,NAME\nA,B") == CatalogError(file: "t.csv", location: .line(1), problem: .duplicateColumn("name")))
        #expect(error("name\nA\n\"abc") == CatalogError(file: "t.csv", location: .line(3), problem: .unterminatedQuote))
        #expect(error("name\n\"abc\"x") == CatalogError(file: "t.csv", location: .line(2), problem: .textAfterClosingQuote))
        #expect(error("name,brand\n ,X") == CatalogError(file: "t.csv", location: .line(2), problem: .missingName))
        #expect(error("name,popularity\nA,lots") == CatalogError(file: "t.csv", location: .line(2), problem: .popularityOutOfRange))
        #expect(error("name,popularity\nA,-1") == CatalogError(file: "t.csv", location: .line(2), problem: .popularityOutOfRange))
        #expect(error("id,name\nx,A") == CatalogError(file: "t.csv", location: .line(2), problem: .idNotWhole))
        #expect(error("id,name\n5,A\n5,B") == CatalogError(
            file: "t.csv", location: .line(3), problem: .duplicateID(5, first: .line(2))))
        #expect(error("name\n") == CatalogError(file: "t.csv", problem: .noProducts))
        #expect(error("") == CatalogError(file: "t.csv", problem: .noProducts))
    }
}
