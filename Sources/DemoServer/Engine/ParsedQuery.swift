/// The words of a query that the engine considers: only the end of a long query, because that is where the
/// user is typing, and because a pasted page must cost no more than a short query.
struct ParsedQuery {
    static let maximumWords = 8
    /// Enough for eight long words with punctuation; the rest of the text is never looked at.
    static let maximumScalars = 512

    var words: [Word]
    /// The last word runs to the end of the text, so it is probably incomplete ("wireless head").
    var lastIsPartial: Bool

    init(_ text: String) {
        let scalars = text.unicodeScalars
        let window = scalars.suffix(Self.maximumScalars)
        var (words, endsInsideWord) = Tokenizer.words(in: window)
        // The window may start inside a word; that fragment would be a word the user never typed.
        if window.startIndex != scalars.startIndex && !words.isEmpty { words.removeFirst() }
        // A word said twice ("wireless wireless head") narrows nothing and would be said twice in every phrase.
        var seen = Set<[UInt32]>()
        words = words.reversed().filter { seen.insert($0.key).inserted }.reversed()
        if words.count > Self.maximumWords { words.removeFirst(words.count - Self.maximumWords) }
        self.words = words
        lastIsPartial = endsInsideWord && !words.isEmpty
    }
}
