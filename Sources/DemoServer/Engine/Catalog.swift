import Foundation

/// A validated list of products: the demo catalog shipped with wisp, or a JSON or CSV file of the user's own.
public struct Catalog: Sendable {
    /// In file order.
    public let products: [Product]

    /// A catalog of products built in code (tests, benchmarks).
    public init(products: [Product]) {
        self.products = products
    }

    /// The catalog bundled as a package resource (`wisp_DemoServer.resources/catalog.json`).
    public static func bundled() throws(CatalogError) -> Catalog {
        let path = try BundledCatalogLocator.path()
        return try load(path: path, reportedAs: BundledCatalogLocator.resourceName)
    }

    /// Loads a `.json` or `.csv` file; another extension is read as JSON when it starts with `[`, else as CSV.
    public static func load(path: String) throws(CatalogError) -> Catalog {
        try load(path: path, reportedAs: path)
    }

    /// Parses JSON catalog text; `file` names it in errors.
    public static func fromJSON(_ data: Data, file: String) throws(CatalogError) -> Catalog {
        Catalog(products: try CatalogJSON.products(from: withoutByteOrderMark(data), file: file))
    }

    /// Parses CSV catalog text; `file` names it in errors.
    public static func fromCSV(_ text: String, file: String) throws(CatalogError) -> Catalog {
        Catalog(products: try CatalogCSV.products(from: text, file: file))
    }

    private static func load(path: String, reportedAs file: String) throws(CatalogError) -> Catalog {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CatalogError(file: file, problem: .noSuchFile)
        }
        guard !isDirectory.boolValue else { throw CatalogError(file: file, problem: .isDirectory) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CatalogError(file: file, problem: .unreadable)
        }
        let text = try utf8Text(data, file: file)
        switch (path as NSString).pathExtension.lowercased() {
        case "json":
            return try fromJSON(data, file: file)
        case "csv":
            return try fromCSV(text, file: file)
        default:
            let firstCharacter = text.first(where: { !$0.isWhitespace && $0 != "\u{FEFF}" })
            return firstCharacter == "[" ? try fromJSON(data, file: file) : try fromCSV(text, file: file)
        }
    }

    /// Reports the line of the first bad byte, so a file saved in Latin-1 can be found and fixed.
    private static func utf8Text(_ data: Data, file: String) throws(CatalogError) -> String {
        if let text = String(validating: data, as: UTF8.self) { return text }
        var line = 1
        var parser = Unicode.UTF8.ForwardParser()
        var bytes = data.makeIterator()
        loop: while true {
            switch parser.parseScalar(from: &bytes) {
            case .valid(let scalar):
                if scalar.elementsEqual([0x0A]) { line += 1 }
            case .emptyInput:
                break loop
            case .error:
                break loop
            }
        }
        throw CatalogError(file: file, location: .line(line), problem: .invalidUTF8)
    }

    private static func withoutByteOrderMark(_ data: Data) -> Data {
        data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data
    }
}
