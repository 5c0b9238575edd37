/// Why a config file was rejected, naming the file, the line and the key.
public struct ConfigError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What is wrong with the file or one of its lines.
    public enum Problem: Equatable, Sendable {
        case unreadable(reason: String)
        case notKeyValue(text: String)
        case unknownKey(String, suggestion: String?)
        case badValue(key: String, value: String, requirement: String)
        case unterminatedQuote(key: String)
        case textAfterQuote(key: String, text: String)
        case repeated(key: String, firstLine: Int)
    }

    public let path: String
    /// nil when the problem is the whole file (it cannot be read).
    public let line: Int?
    public let problem: Problem

    public init(path: String, line: Int?, problem: Problem) {
        self.path = path
        self.line = line
        self.problem = problem
    }

    public var description: String {
        let place = line.map { "\(path) line \($0)" } ?? path
        return "\(place): \(detail)"
    }

    private var detail: String {
        switch problem {
        case .unreadable(let reason): "cannot be read: \(reason)"
        case .notKeyValue(let text): "expected key = value, got \"\(text)\""
        case .unknownKey(let key, let suggestion): "unknown key \"\(key)\"" + (suggestion.map { " (did you mean \"\($0)\"?)" } ?? "")
        case .badValue(let key, let value, let requirement): "\(key) \(requirement), got \"\(value)\""
        case .unterminatedQuote(let key): "the quoted value of \(key) has no closing quote"
        case .textAfterQuote(let key, let text): "unexpected \"\(text)\" after the quoted value of \(key)"
        case .repeated(let key, let firstLine): "\(key) is already set on line \(firstLine) (only header and subprotocol may repeat)"
        }
    }
}
