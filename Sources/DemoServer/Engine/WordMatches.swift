/// The terms one query word stands for, each with how well it matches (exactly, as a completion, or misspelt).
struct WordMatches {
    /// For every term id, the best `MatchKind` raw value, or 0. Dense, because a product's terms are then
    /// checked with one load each, which beats searching ranges when a short prefix covers many terms.
    private(set) var kinds: [UInt8]
    /// The term ranges holding every matched term, to walk their postings.
    private(set) var ranges: [Range<Int>] = []
    /// Roughly how many postings the word touches: the cheapest word is the one that proposes candidates.
    private(set) var volume = 0
    /// The word is the one being typed.
    let completing: Bool

    var isEmpty: Bool { ranges.isEmpty }

    func kind(of term: Int) -> MatchKind? {
        MatchKind(rawValue: kinds[term])
    }

    /// What matching `term` in `field` is worth, or 0 when it does not match.
    func points(term: Int, field: UInt8) -> Int32 {
        guard let kind = MatchKind(rawValue: kinds[term]) else { return 0 }
        return kind.points(in: Field(rawValue: field) ?? .attribute, completing: completing)
    }

    /// Looks up `word`; a `completing` word (the one being typed) also matches every term it starts.
    init(_ word: Word, completing: Bool, in index: SearchIndex) {
        kinds = [UInt8](repeating: 0, count: index.terms.count)
        self.completing = completing
        let key = word.key
        let prefixRange = index.terms.range(prefix: key)
        let exact = prefixRange.first.flatMap { index.terms.key($0).count == key.count ? $0 : nil }
        // Chinese and Japanese words are substrings of a run, so they always match as prefixes of suffixes.
        if completing || word.isUnspaced {
            mark(prefixRange, as: .prefix, postings: index.postings)
        }
        if let exact { mark(exact..<exact + 1, as: .exact, postings: index.postings) }

        let edits = Self.allowedEdits(for: word)
        if edits > 0 && (completing || exact == nil) {
            for match in index.trie.matches(of: key, maximumEdits: edits, prefix: completing) {
                mark(match.terms, as: MatchKind(edits: match.distance), postings: index.postings)
            }
        }
        // A finished word that is neither a word of the catalog nor a near miss may still be cut short
        // ("noise cancel headphones"); completing it beats ignoring it.
        if isEmpty && !completing {
            mark(prefixRange, as: .prefix, postings: index.postings)
        }
    }

    /// Typos are tolerated only where a shopper makes them and a correction is safe: one edit from four
    /// letters, two from eight, none in shorter words, model numbers (digits) or unspaced scripts.
    static func allowedEdits(for word: Word) -> Int {
        guard !word.isUnspaced, !word.key.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return 0 }
        switch word.key.count {
        case 8...: return 2
        case 4...: return 1
        default: return 0
        }
    }

    private mutating func mark(_ range: Range<Int>, as kind: MatchKind, postings: PackedLists) {
        guard !range.isEmpty else { return }
        ranges.append(range)
        volume += Int(postings.starts[range.upperBound] - postings.starts[range.lowerBound])
        for term in range where kinds[term] < kind.rawValue {
            kinds[term] = kind.rawValue
        }
    }
}
