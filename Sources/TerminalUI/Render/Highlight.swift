/// Which characters of a suggestion match the query's words (case-insensitively), so render
/// can colour them: what fzf does for its matches.
enum Highlight {
    /// One flag per grapheme of `text`.
    static func mask(_ text: [Character], query: String) -> [Bool] {
        var mask = Array(repeating: false, count: text.count)
        let lowered = text.map { $0.lowercased() }
        let words = query.split(whereSeparator: { $0.isWhitespace }).map { Array($0).map { $0.lowercased() } }
        for word in words where !word.isEmpty && word.count <= lowered.count {
            var i = 0
            while i + word.count <= lowered.count {
                if lowered[i] == word[0], Array(lowered[i..<(i + word.count)]) == word {
                    for j in i..<(i + word.count) { mask[j] = true }
                    i += word.count
                } else {
                    i += 1
                }
            }
        }
        return mask
    }
}
