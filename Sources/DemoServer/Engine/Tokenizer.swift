/// One word of a product field or a query, folded for matching.
struct Word {
    /// Folded scalar values: the dictionary key.
    var key: [UInt32]
    /// The word as written but lower-cased, kept only when it differs from the key (diacritics), for display.
    var nonASCIISurface: String?
    /// A run of a script written without spaces (Chinese, Japanese, Korean, Thai …), matched as substrings.
    var isUnspaced: Bool
    /// Followed by a hyphen and another word ("WH-1000XM5", "usb-c"), so the two are also indexed joined.
    var hyphenatedToNext: Bool
    /// The parts of a word joined by an apostrophe, two letters or longer ("De'Longhi": "de", "longhi"),
    /// so that a catalog word is also found as the user may split it.
    var apostropheParts: [[UInt32]] = []

    /// Lower-case text for keyword suggestions, with the diacritics the catalog wrote.
    var display: String {
        nonASCIISurface ?? String(String.UnicodeScalarView(key.compactMap(Unicode.Scalar.init)))
    }
}

/// Splits text into words the way a shopper reads it: letters and digits form words, punctuation and emoji separate them.
enum Tokenizer {
    /// The words of `text`, and whether its last scalar belongs to the last word (the word is still being typed).
    static func words(in text: some Collection<Unicode.Scalar>) -> (words: [Word], endsInsideWord: Bool) {
        var scanner = Scanner(Array(text))
        return scanner.run()
    }

    private enum Kind {
        case letter, unspaced, mark, apostrophe, decimalSeparator, hyphen, separator
    }

    private struct Scanner {
        let scalars: [Unicode.Scalar]
        var words: [Word] = []
        var current: [Unicode.Scalar] = []
        var currentIsUnspaced = false
        var currentIsASCII = true
        /// Where in `current` a part after an apostrophe starts.
        var apostropheSplits: [Int] = []

        init(_ scalars: [Unicode.Scalar]) {
            self.scalars = scalars
        }

        mutating func run() -> (words: [Word], endsInsideWord: Bool) {
            var index = 0
            var lastWasWord = false
            while index < scalars.count {
                let scalar = scalars[index]
                let next = index + 1 < scalars.count ? Tokenizer.kind(of: scalars[index + 1]) : .separator
                lastWasWord = true
                switch Tokenizer.kind(of: scalar) {
                case .letter:
                    if currentIsUnspaced { finish(hyphenated: false) }
                    append(scalar)
                case .unspaced:
                    if !currentIsUnspaced { finish(hyphenated: false) }
                    currentIsUnspaced = true
                    append(scalar)
                case .mark:
                    // A mark belongs to the letter before it; alone it is nothing to search for.
                    if current.isEmpty { lastWasWord = false } else { append(scalar) }
                case .apostrophe where !current.isEmpty && !currentIsUnspaced && next == .letter:
                    // "Chef's" and "De'Longhi" are searched as "chefs" and "delonghi".
                    apostropheSplits.append(current.count)
                case .decimalSeparator where next == .letter && current.last.map(Tokenizer.isDigit) == true
                    && Tokenizer.isDigit(scalars[index + 1]):
                    // "5.3" stays one word; "1,000" becomes "1000".
                    if scalar == "." { append(scalar) }
                case .hyphen where !current.isEmpty && !currentIsUnspaced && next == .letter:
                    finish(hyphenated: true)
                    lastWasWord = false
                default:
                    finish(hyphenated: false)
                    lastWasWord = false
                }
                index += 1
            }
            finish(hyphenated: false)
            return (words, lastWasWord && !words.isEmpty)
        }

        private mutating func append(_ scalar: Unicode.Scalar) {
            current.append(scalar)
            if !scalar.isASCII { currentIsASCII = false }
        }

        private mutating func finish(hyphenated: Bool) {
            defer {
                current.removeAll(keepingCapacity: true)
                currentIsUnspaced = false
                currentIsASCII = true
                apostropheSplits.removeAll(keepingCapacity: true)
            }
            guard !current.isEmpty else { return }
            let (key, surface) = fold(current[...])
            guard !key.isEmpty else { return }
            var word = Word(key: key, nonASCIISurface: surface, isUnspaced: currentIsUnspaced, hyphenatedToNext: hyphenated)
            if !apostropheSplits.isEmpty {
                let bounds = [0] + apostropheSplits + [current.count]
                word.apostropheParts = zip(bounds, bounds.dropFirst())
                    .filter { $1 - $0 >= 2 }
                    .map { fold(current[$0..<$1]).key }
            }
            words.append(word)
        }

        private func fold(_ scalars: ArraySlice<Unicode.Scalar>) -> (key: [UInt32], surface: String?) {
            if currentIsASCII {
                let key = scalars.prefix(TextFolding.maximumLength).map { scalar in
                    let value = scalar.value
                    return value >= 0x41 && value <= 0x5A ? value + 0x20 : value
                }
                return (key, nil)
            }
            let text = String(String.UnicodeScalarView(scalars))
            return (TextFolding.fold(text), text.lowercased())
        }
    }

    private static func kind(of scalar: Unicode.Scalar) -> Kind {
        let value = scalar.value
        if value < 0x80 {
            switch value {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return .letter
            case 0x27: return .apostrophe
            case 0x2C, 0x2E: return .decimalSeparator
            case 0x2D: return .hyphen
            default: return .separator
            }
        }
        switch value {
        case 0x2019, 0x02BC: return .apostrophe
        case 0x2010, 0x2011: return .hyphen
        default: break
        }
        if isUnspaced(value) { return .unspaced }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return .mark
        default: break
        }
        return properties.isAlphabetic || properties.numericType != nil ? .letter : .separator
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x30 && scalar.value <= 0x39
    }

    /// Scripts whose words are not separated by spaces, so a typed fragment can only be found as a substring.
    static func isUnspaced(_ value: UInt32) -> Bool {
        switch value {
        case 0x0E00...0x0EFF,  // Thai, Lao
             0x1000...0x109F,  // Myanmar
             0x1100...0x11FF,  // Hangul Jamo
             0x1780...0x17FF,  // Khmer
             0x2E80...0x2FDF,  // CJK radicals
             0x3005, 0x3006,  // ideographic iteration and closing marks
             0x3040...0x30FF,  // Hiragana, Katakana
             0x3100...0x318F,  // Bopomofo, Hangul compatibility Jamo
             0x31F0...0x31FF,  // Katakana phonetic extensions
             0x3400...0x4DBF,  // CJK extension A
             0x4E00...0x9FFF,  // CJK unified ideographs
             0xA960...0xA97F,  // Hangul Jamo extended A
             0xAC00...0xD7AF,  // Hangul syllables
             0xF900...0xFAFF,  // CJK compatibility ideographs
             0xFF66...0xFF9F,  // half-width Katakana
             0x20000...0x3134F:  // CJK extensions B–G
            return true
        default:
            return false
        }
    }
}
