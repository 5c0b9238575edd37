/// wisp's config file: the long options' settings as `key = value` lines.
///
/// The format, one setting a line:
///
///     # comments start with #, at the start of a line or after a space
///     url = wss://search.example.com/ws
///     debounce = 200
///     header = X-Team: search        # header and subprotocol may repeat
///     user-agent = "qa bot # 7"      # quotes keep # and outer spaces; \" and \\ escape inside them
///     mouse = false
///
/// Keys are the long option names without dashes (see `SettingKey`); `mouse` and `transcript`
/// take true or false. Unknown keys, bad values and a key set twice are errors.
public struct ConfigFile: Equatable, Sendable {
    /// One `key = value` line.
    public struct Entry: Equatable, Sendable {
        public let key: SettingKey
        public let value: String
        public let line: Int
        public init(key: SettingKey, value: String, line: Int) {
            self.key = key
            self.value = value
            self.line = line
        }
    }

    /// The path as shown in messages (`~/.config/wisp/config`).
    public let path: String
    public let entries: [Entry]

    public init(path: String, entries: [Entry]) {
        self.path = path
        self.entries = entries
    }

    /// The entries for `key`, in file order.
    public func entries(for key: SettingKey) -> [Entry] { entries.filter { $0.key == key } }

    /// Parses and checks every line; `path` only names the file in errors.
    public static func parse(text: String, path: String) throws(ConfigError) -> ConfigFile {
        var entries: [Entry] = []
        var firstLine: [SettingKey: Int] = [:]
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            func fail(_ problem: ConfigError.Problem) -> ConfigError { ConfigError(path: path, line: number, problem: problem) }
            var line = Substring(rawLine)
            if line.hasSuffix("\r") { line = line.dropLast() }
            let trimmed = String(line).trimmingWhitespace()
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let eq = trimmed.firstIndex(of: "=") else { throw fail(.notKeyValue(text: trimmed)) }
            let name = String(trimmed[..<eq]).trimmingWhitespace()
            guard !name.isEmpty else { throw fail(.notKeyValue(text: trimmed)) }
            guard let key = SettingKey(rawValue: name) else {
                let known = SettingKey.allCases.map(\.rawValue)
                throw fail(.unknownKey(name, suggestion: Spelling.closest(to: name, in: known)))
            }
            let value: String
            switch Self.value(in: trimmed[trimmed.index(after: eq)...]) {
            case .success(let v): value = v
            case .failure(.unterminated): throw fail(.unterminatedQuote(key: name))
            case .failure(.trailing(let text)): throw fail(.textAfterQuote(key: name, text: text))
            }
            do throws(Requirement) {
                try SettingValue.check(value, as: key)
            } catch {
                throw fail(.badValue(key: name, value: value, requirement: error.text))
            }
            if !key.isRepeatable, let first = firstLine[key] { throw fail(.repeated(key: name, firstLine: first)) }
            firstLine[key] = firstLine[key] ?? number
            entries.append(Entry(key: key, value: value, line: number))
        }
        return ConfigFile(path: path, entries: entries)
    }

    private enum ValueError: Error { case unterminated, trailing(String) }

    /// The value after `=`: quoted (escapes `\"`, `\\`; then only a comment may follow) or bare
    /// (up to a `#` that starts a word, outer spaces trimmed).
    private static func value(in text: Substring) -> Result<String, ValueError> {
        let rest = text.drop { $0 == " " || $0 == "\t" }
        guard rest.first == "\"" else {
            var end = rest.endIndex
            var previous: Character = " "
            for i in rest.indices {
                if rest[i] == "#", previous == " " || previous == "\t" { end = i; break }
                previous = rest[i]
            }
            return .success(String(rest[..<end]).trimmingWhitespace())
        }
        var value = ""
        var i = rest.index(after: rest.startIndex)
        while i < rest.endIndex {
            let c = rest[i]
            if c == "\\", rest.index(after: i) < rest.endIndex, ["\"", "\\"].contains(rest[rest.index(after: i)]) {
                value.append(rest[rest.index(after: i)])
                i = rest.index(i, offsetBy: 2)
                continue
            }
            if c == "\"" {
                let after = String(rest[rest.index(after: i)...]).trimmingWhitespace()
                guard after.isEmpty || after.hasPrefix("#") else { return .failure(.trailing(after)) }
                return .success(value)
            }
            value.append(c)
            i = rest.index(after: i)
        }
        return .failure(.unterminated)
    }
}
