/// HTTP header fields in arrival order, looked up case-insensitively (RFC 9110 §5.1).
public struct HTTPHeaders: Sendable, Equatable, Sequence {
    public private(set) var fields: [(name: String, value: String)] = []

    public init(_ fields: [(name: String, value: String)] = []) { self.fields = fields }

    public static func == (a: HTTPHeaders, b: HTTPHeaders) -> Bool {
        a.fields.elementsEqual(b.fields) { $0.name == $1.name && $0.value == $1.value }
    }

    public mutating func add(_ name: String, _ value: String) { fields.append((name, value)) }

    /// All values of `name`, in order.
    public func values(_ name: String) -> [String] {
        let wanted = name.lowercased()
        return fields.filter { $0.name.lowercased() == wanted }.map(\.value)
    }

    /// The first value of `name`.
    public subscript(_ name: String) -> String? { values(name).first }

    /// The comma-separated list elements of every `name` field, trimmed, empties dropped.
    public func tokens(_ name: String) -> [String] {
        values(name).flatMap { $0.split(separator: ",") }.map { trimmed(Substring($0)) }.filter { !$0.isEmpty }
    }

    /// Whether the list header `name` holds `token`, compared case-insensitively.
    public func containsToken(_ name: String, _ token: String) -> Bool {
        tokens(name).contains { $0.lowercased() == token.lowercased() }
    }

    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> { fields.makeIterator() }
}

/// A parsed HTTP/1.1 message head: the start line split in three, and the fields.
public struct HTTPHead: Sendable, Equatable {
    /// For a request: method, target, version. For a response: version, status, reason.
    public var startLine: (String, String, String)
    public var headers: HTTPHeaders

    public static func == (a: HTTPHead, b: HTTPHead) -> Bool {
        a.startLine == b.startLine && a.headers == b.headers
    }
}

/// Why a message head could not be read.
public enum HTTPHeadError: Error, Equatable, Sendable, CustomStringConvertible {
    case tooLarge(limit: Int)
    case malformed(String)

    public var description: String {
        switch self {
        case .tooLarge(let limit): "HTTP head larger than \(limit) bytes"
        case .malformed(let why): "malformed HTTP head: \(why)"
        }
    }
}

/// Accumulates bytes until a complete head (ending in an empty line) arrives, bounded in size.
struct HTTPHeadReader: Sendable {
    let limit: Int
    private(set) var buffer: [UInt8] = []
    /// Where the search for CRLFCRLF resumes, so split reads do not rescan from the start.
    private var scanFrom = 0

    init(limit: Int) { self.limit = limit }

    /// Adds bytes; returns the head and the bytes after it once the head is complete.
    mutating func append(_ bytes: UnsafeRawBufferPointer) throws(HTTPHeadError) -> (HTTPHead, [UInt8])? {
        buffer.append(contentsOf: bytes)
        var i = max(scanFrom, 3)
        while i < buffer.count {
            if buffer[i] == 10, buffer[i - 1] == 13, buffer[i - 2] == 10, buffer[i - 3] == 13 {
                guard i + 1 <= limit else { throw .tooLarge(limit: limit) }
                let head = try Self.parse(buffer[..<(i - 3)])
                return (head, Array(buffer[(i + 1)...]))
            }
            i += 1
        }
        scanFrom = max(buffer.count, 3)
        guard buffer.count < limit else { throw .tooLarge(limit: limit) }
        return nil
    }

    static func parse(_ bytes: ArraySlice<UInt8>) throws(HTTPHeadError) -> HTTPHead {
        // Field values are ISO-8859-1 by tradition (RFC 9110 §5.5) when they are not UTF-8.
        let text = String(validating: bytes, as: UTF8.self)
            ?? String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
        var lines = text.split(separator: "\r\n", omittingEmptySubsequences: false)
        guard !lines.isEmpty else { throw .malformed("empty head") }
        let start = lines.removeFirst()
        let parts = start.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2 else { throw .malformed("start line \"\(start.prefix(80))\"") }
        var headers = HTTPHeaders()
        for line in lines {
            if line.first == " " || line.first == "\t" { throw .malformed("folded header line") }
            guard let colon = line.firstIndex(of: ":") else { throw .malformed("header line without a colon: \"\(line.prefix(80))\"") }
            let name = line[..<colon]
            guard !name.isEmpty, !name.contains(" ") else { throw .malformed("bad header name \"\(name.prefix(80))\"") }
            headers.add(String(name), trimmed(line[line.index(after: colon)...]))
        }
        return HTTPHead(startLine: (String(parts[0]), String(parts[1]), parts.count > 2 ? String(parts[2]) : ""), headers: headers)
    }
}

/// `s` without leading and trailing spaces and tabs.
func trimmed(_ s: Substring) -> String {
    var s = s
    while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
    while let l = s.last, l == " " || l == "\t" { s.removeLast() }
    return String(s)
}
