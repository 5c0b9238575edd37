/// Why a theme file was rejected, with the file and line to fix.
public struct ThemeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong; `description` words it for a person.
    public enum Problem: Sendable, Hashable {
        /// A line that is neither blank, a comment nor `key = value`.
        case expectedKeyValue
        case missingValue(key: String)
        case unknownKey(String)
        case duplicateKey(String, firstLine: Int)
        case unknownColor(String, key: String)
        /// A bare word that is neither a colour nor an attribute.
        case unknownWord(String, key: String)
        /// `fg:`, `bg:` or `on` with no colour after it.
        case missingColor(after: String, key: String)
        /// Two foreground (or two background) colours.
        case twoColors(String, String, key: String, background: Bool)
        case noneWithOthers(key: String)
        case unknownTheme(String)
        /// The file could not be read at all (`line` is nil).
        case unreadable(reason: String)
    }

    /// The file as the user named it (or the built-in theme's file name).
    public var file: String
    /// 1-based; nil when the problem is not on one line.
    public var line: Int?
    public var problem: Problem

    public init(file: String, line: Int?, problem: Problem) {
        self.file = file
        self.line = line
        self.problem = problem
    }

    public var description: String {
        let place = line.map { "\(file) line \($0)" } ?? file
        return "\(place): \(message)"
    }

    private var message: String {
        switch problem {
        case .expectedKeyValue:
            return "expected \"key = value\""
        case .missingValue(let key):
            return "missing value for key \"\(key)\""
        case .unknownKey(let key):
            return "unknown key \"\(key)\""
        case .duplicateKey(let key, let firstLine):
            return "key \"\(key)\" already set on line \(firstLine)"
        case .unknownColor(let word, let key):
            return "unknown colour \"\(word)\" for key \"\(key)\""
        case .unknownWord(let word, let key):
            return "unknown colour or attribute \"\(word)\" for key \"\(key)\""
        case .missingColor(let after, let key):
            return "missing colour after \"\(after)\" for key \"\(key)\""
        case .twoColors(let first, let second, let key, let background):
            return "two \(background ? "background" : "foreground") colours \"\(first)\" and \"\(second)\" for key \"\(key)\""
        case .noneWithOthers(let key):
            return "\"none\" cannot be combined with other words for key \"\(key)\""
        case .unknownTheme(let name):
            let names = BuiltinThemes.names.joined(separator: ", ")
            return "unknown theme \"\(name)\" for key \"inherits\" (built-in themes: \(names))"
        case .unreadable(let reason):
            return "cannot read: \(reason)"
        }
    }
}
