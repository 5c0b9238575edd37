/// Turns a partly typed query into suggestions: refined keyword phrases first, then matching product names.
/// Pure and immutable once built, so one engine serves every connection.
public final class SuggestionEngine: Sendable {
    private let index: SearchIndex

    /// How many of the best products feed the keyword phrases: enough for their statistics to be stable,
    /// few enough that a one-letter query costs the same as a precise one.
    static let phraseSampleSize = 256

    /// Indexes `catalog`; the cost grows linearly with its size.
    public init(catalog: Catalog) {
        index = SearchIndex(catalog: catalog)
    }

    /// The number of products indexed.
    public var productCount: Int { index.productCount }

    /// At most `limit` suggestions for `query`, without duplicates (ignoring case): keyword phrases in lower case,
    /// then product names as the catalog writes them. Deterministic for a given catalog and query.
    public func suggest(_ query: String, limit: Int = 8) -> [String] {
        guard limit > 0 else { return [] }
        let parsed = ParsedQuery(query)
        var words: [WordMatches] = []
        var completingLast = false
        for (position, word) in parsed.words.enumerated() {
            let completing = parsed.lastIsPartial && position == parsed.words.count - 1
            let matches = WordMatches(word, completing: completing, in: index)
            // A word the catalog does not know at all ("cheap") says nothing about which products to show.
            guard !matches.isEmpty else { continue }
            words.append(matches)
            completingLast = completing
        }

        var candidates = CandidateSearch.run(words, in: index)
        // No product has all the words ("sony blender"): the later words are what the user is typing now.
        while candidates.count == 0 && words.count > 1 {
            words.removeFirst()
            candidates = CandidateSearch.run(words, in: index)
        }
        guard candidates.count > 0 else { return [] }

        let keys = (0..<candidates.count).map { candidates.rankingKey($0, in: index) }
        let top = TopSelection.largest(keys, count: max(Self.phraseSampleSize, limit))
        let phrases = KeywordSuggester(
            index: index, words: words, candidates: candidates, top: top, completingLast: completingLast
        ).phrases(limit: limit)
        return Self.merge(phrases: phrases, names: productNames(top, candidates: candidates, limit: limit), limit: limit)
    }

    private func productNames(_ top: [Int], candidates: Candidates, limit: Int) -> [String] {
        var names: [String] = []
        var seen = Set<String>()
        for candidate in top where names.count < limit {
            let name = index.names[Int(candidates.products[candidate])]
            if seen.insert(name.lowercased()).inserted { names.append(name) }
        }
        return names
    }

    /// Half the list (rounded up) for phrases when there are enough products to fill the rest, more otherwise.
    static func merge(phrases: [String], names: [String], limit: Int) -> [String] {
        var seen = Set<String>()
        var result: [String] = []
        let phraseBudget = max((limit + 1) / 2, limit - names.count)
        for phrase in phrases where result.count < phraseBudget && seen.insert(phrase.lowercased()).inserted {
            result.append(phrase)
        }
        let phraseKeys = Set(phrases.map { $0.lowercased() })
        for name in names where result.count < limit {
            let key = name.lowercased()
            if !phraseKeys.contains(key) && seen.insert(key).inserted { result.append(name) }
        }
        return result
    }
}
