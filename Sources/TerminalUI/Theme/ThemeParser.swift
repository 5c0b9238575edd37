extension Theme {
    /// Reads a theme file (format: themes/README.md); `name` names the result and `file`
    /// is how errors refer to the text. Pure: `inherits` may name only a built-in theme.
    public static func parse(_ text: String, name: String, file: String) throws(ThemeError) -> Theme {
        var styles: [Role: Style] = [:]
        var inherited: [Role: Style] = [:]
        var firstLines: [String: Int] = [:]
        var number = 0
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            number += 1
            var line = rawLine.trimmingWhitespace
            if number == 1, line.first == "\u{FEFF}" { line = line.dropFirst().trimmingWhitespace }
            if line.isEmpty || line.first == "#" { continue }
            let place = ThemeLine(file: file, number: number)
            guard let equals = line.firstIndex(of: "=") else { throw place.error(.expectedKeyValue) }
            let key = String(line[..<equals].trimmingWhitespace)
            let value = line[line.index(after: equals)...].trimmingWhitespace
            guard !key.isEmpty else { throw place.error(.expectedKeyValue) }
            let role = Role(rawValue: key)
            guard role != nil || key == "inherits" else { throw place.error(.unknownKey(key)) }
            if let first = firstLines[key] { throw place.error(.duplicateKey(key, firstLine: first)) }
            guard !value.isEmpty else { throw place.error(.missingValue(key: key)) }
            firstLines[key] = number
            if let role {
                styles[role] = try StyleWords.parse(value, key: key, at: place)
            } else {
                guard let base = BuiltinThemes.theme(named: String(value)) else {
                    throw place.error(.unknownTheme(String(value)))
                }
                inherited = base.styles
            }
        }
        return Theme(name: name, styles: inherited.merging(styles) { _, own in own })
    }
}

/// Where a line is, to build errors from.
struct ThemeLine {
    var file: String
    var number: Int
    func error(_ problem: ThemeError.Problem) -> ThemeError {
        ThemeError(file: file, line: number, problem: problem)
    }
}

/// The value side of a `key = value` line: colours and attributes, in any order.
enum StyleWords {
    static func parse(_ value: Substring, key: String, at place: ThemeLine) throws(ThemeError) -> Style {
        let words = value.split(whereSeparator: \.isWhitespace).map(String.init)
        if words.contains(where: { $0.lowercased() == "none" }) {
            guard words.count == 1 else { throw place.error(.noneWithOthers(key: key)) }
            return Style()
        }
        var style = Style()
        var foreground: String?, background: String?
        var index = 0
        while index < words.count {
            let word = words[index]
            let lower = word.lowercased()
            index += 1
            if let attribute = Attributes.names.first(where: { $0.name == lower })?.attribute {
                style.attributes.insert(attribute)
                continue
            }
            let isBackground: Bool
            let colorWord: String
            if lower == "on" {
                guard index < words.count else { throw place.error(.missingColor(after: word, key: key)) }
                isBackground = true
                colorWord = words[index]
                index += 1
            } else if lower.hasPrefix("fg:") || lower.hasPrefix("bg:") {
                isBackground = lower.hasPrefix("bg:")
                colorWord = String(word.dropFirst(3))
                guard !colorWord.isEmpty else { throw place.error(.missingColor(after: word, key: key)) }
            } else {
                guard Color(themeWord: word) != nil else {
                    throw place.error(looksLikeColor(lower) ? .unknownColor(word, key: key) : .unknownWord(word, key: key))
                }
                isBackground = false
                colorWord = word
            }
            guard let color = Color(themeWord: colorWord) else {
                throw place.error(.unknownColor(colorWord, key: key))
            }
            if let previous = isBackground ? background : foreground {
                throw place.error(.twoColors(previous, colorWord, key: key, background: isBackground))
            }
            if isBackground {
                background = colorWord
                style.background = color
            } else {
                foreground = colorWord
                style.foreground = color
            }
        }
        return style
    }

    /// A bare word that was meant as a colour, so the error can say "colour".
    private static func looksLikeColor(_ word: String) -> Bool {
        word.hasPrefix("#") || word.hasPrefix("bright") || word.allSatisfy(\.isNumber)
    }
}

extension Color {
    /// A colour as theme files spell it: a name, `default`, 0–255 or `#rrggbb`.
    init?(themeWord word: String) {
        let lower = word.lowercased()
        if let named = NamedColor(rawValue: lower) {
            self = .named(named)
        } else if lower == "default" {
            self = .default_
        } else if lower.first == "#" {
            let hex = lower.dropFirst()
            guard hex.count == 6, hex.allSatisfy(\.isHexDigit), let value = UInt32(hex, radix: 16) else { return nil }
            self = .rgb(UInt8(value >> 16), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF))
        } else if lower.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let index = UInt8(lower) {
            self = .indexed(index)
        } else {
            return nil
        }
    }
}

extension Substring {
    /// Without leading and trailing spaces and tabs.
    var trimmingWhitespace: Substring {
        var s = self
        while let first = s.first, first.isWhitespace { s = s.dropFirst() }
        while let last = s.last, last.isWhitespace { s = s.dropLast() }
        return s
    }
}
