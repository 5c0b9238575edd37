/// Why a catalog could not be loaded: the file, where in it, and what was wrong, in words a user can act on.
public struct CatalogError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A place in a catalog file.
    public enum Location: Equatable, Sendable {
        /// The file as a whole.
        case file
        /// A 1-based physical line of a CSV file (where the record starts).
        case line(Int)
        /// A 0-based index into the top-level array of a JSON file.
        case item(Int)
        /// A 1-based line and column of a JSON file that does not parse.
        case position(line: Int, column: Int)
    }

    /// What was wrong.
    public enum Problem: Equatable, Sendable {
        case noSuchFile
        case isDirectory
        case unreadable
        case bundledCatalogMissing(searched: [String])
        case invalidUTF8
        case invalidJSON(String)
        case notAnArray
        case notAnObject
        case missingName
        case wrongType(field: String, expected: String)
        case popularityOutOfRange
        case idNotWhole
        case duplicateID(Int, first: Location)
        case missingNameColumn
        case duplicateColumn(String)
        case unterminatedQuote
        case textAfterClosingQuote
        case fieldCount(found: Int, expected: Int)
        case noProducts
    }

    /// The path as given (or the resource name for the bundled catalog).
    public let file: String
    /// Where in the file.
    public let location: Location
    /// What was wrong there.
    public let problem: Problem

    /// An error in `file` at `location`.
    public init(file: String, location: Location = .file, problem: Problem) {
        self.file = file
        self.location = location
        self.problem = problem
    }

    /// For example `catalog.csv line 14: missing name`.
    public var description: String {
        "\(file)\(Self.describe(location)): \(Self.describe(problem))"
    }

    private static func describe(_ location: Location) -> String {
        switch location {
        case .file: ""
        case .line(let line): " line \(line)"
        case .item(let index): " item \(index)"
        case .position(let line, let column): " line \(line) column \(column)"
        }
    }

    private static func describe(_ problem: Problem) -> String {
        switch problem {
        case .noSuchFile: "no such file"
        case .isDirectory: "is a directory, not a catalog file"
        case .unreadable: "cannot be read"
        case .bundledCatalogMissing(let searched):
            "the bundled catalog is missing (looked for \(searched.joined(separator: ", ")))"
        case .invalidUTF8: "not valid UTF-8 text"
        case .invalidJSON(let reason): "not valid JSON: \(reason)"
        case .notAnArray: "must be a JSON array of product objects"
        case .notAnObject: "must be an object with at least a name"
        case .missingName: "missing name"
        case .wrongType(let field, let expected): "\(field) must be \(expected)"
        case .popularityOutOfRange: "popularity must be a number 0–100"
        case .idNotWhole: "id must be a whole number"
        case .duplicateID(let id, let first): "duplicate id \(id) (first used at\(describe(first)))"
        case .missingNameColumn: "missing name column in the header"
        case .duplicateColumn(let name): "duplicate column \(name)"
        case .unterminatedQuote: "quoted field never closed"
        case .textAfterClosingQuote: "text after a closing quote (a quote inside a quoted field is written \"\")"
        case .fieldCount(let found, let expected): "\(found) fields, but the header has \(expected)"
        case .noProducts: "no products"
        }
    }
}
