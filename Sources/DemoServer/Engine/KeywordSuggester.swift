/// Turns the best-matching products into phrases a shopper would type next: the query with its words corrected
/// and the last one completed ("wireless head" → "wireless headphones"), then that phrase refined by the
/// brands, categories and attributes most common among the products it finds ("… sony", "… noise cancelling").
struct KeywordSuggester {
    let index: SearchIndex
    let words: [WordMatches]
    let candidates: Candidates
    /// The best candidates, best first: the products whose words the phrases are made of.
    let top: [Int]
    /// The last word is being typed, so it is completed rather than taken as it is.
    let completingLast: Bool

    /// At most `limit` phrases, lower-case, best first.
    func phrases(limit: Int) -> [String] {
        guard limit > 0, !top.isEmpty, !words.isEmpty else { return [] }
        // Phrases describe the products that match well: a lens for other brands' cameras that merely lists
        // "sony e-mount" must not refine "sony" into "sony sigma".
        let bestScore = candidates.scores[top[0]]
        var subset = top.filter { candidates.scores[$0] >= bestScore - MatchKind.pointsPerField }
        // Each word in turn takes the term most of the remaining products matched, so the phrase as a whole
        // describes products that exist together, not words that each exist somewhere.
        var chosen: [Int32] = []
        for word in 0..<(completingLast ? words.count - 1 : words.count) {
            guard let term = rankedTerms(word: word, in: subset, completing: false).first?.term else { return [] }
            subset = subset.filter { candidates.bestTerm(candidate: $0, word: word) == term }
            chosen.append(term)
        }
        var completions: [Int32] = []
        if completingLast {
            // Alternatives only from the same tier: "sony" may also complete to "sonya", never be corrected to "sonos".
            let ranked = rankedTerms(word: words.count - 1, in: subset, completing: true)
            for candidate in ranked where candidate.rank == ranked[0].rank && completions.count < 3 {
                // "women" and "womens" are one completion.
                if !completions.contains(where: { sameStem($0, candidate.term) }) { completions.append(candidate.term) }
            }
            if let first = completions.first {
                subset = subset.filter { candidates.bestTerm(candidate: $0, word: words.count - 1) == first }
            }
        }
        let phraseTerms = chosen + completions.prefix(1)
        let base = text(of: phraseTerms)
        let refinements = refiningFacets(of: subset, excluding: Set(phraseTerms)).map { base + " " + $0 }
        let alternatives = completions.dropFirst().map { text(of: chosen + [$0]) }
        let phrases = [base] + refinements.prefix(2) + alternatives + refinements.dropFirst(2)
        return Array(phrases.prefix(limit))
    }

    /// The terms candidates matched for `word`, most weighty first. Completions of the typed word rank by how
    /// many popular products have them (exact and prefix alike: "pro" must not hide "projector"); corrections
    /// come only after every real match.
    private func rankedTerms(word: Int, in subset: [Int], completing: Bool) -> [(term: Int32, rank: Int)] {
        var weights: [Int32: (rank: Int, weight: Int)] = [:]
        for candidate in subset {
            let term = candidates.bestTerm(candidate: candidate, word: word)
            guard let kind = words[word].kind(of: Int(term)) else { continue }
            let rank = completing && kind == .exact ? Int(MatchKind.prefix.rawValue) : Int(kind.rawValue)
            let weight = productWeight(candidates.products[candidate])
            weights[term, default: (rank, 0)].weight += weight
        }
        return weights.sorted { lhs, rhs in
            if lhs.value.rank != rhs.value.rank { return lhs.value.rank > rhs.value.rank }
            if lhs.value.weight != rhs.value.weight { return lhs.value.weight > rhs.value.weight }
            return lhs.key < rhs.key
        }.map { ($0.key, $0.value.rank) }
    }

    /// Facets of the subset the phrase does not already say, heaviest first, taking turns between attributes,
    /// brands and categories so that the refinements are not all variations of one kind.
    private func refiningFacets(of subset: [Int], excluding said: Set<Int32>) -> [String] {
        var weights: [Int32: (weight: Int, places: Int)] = [:]
        var total = 0
        for candidate in subset {
            let product = candidates.products[candidate]
            let weight = productWeight(product)
            total += weight
            let facets = index.productFacets.range(Int(product))
            for position in facets {
                weights[index.productFacets.values[position], default: (0, 0)].weight += weight
                weights[index.productFacets.values[position], default: (0, 0)].places += position - facets.lowerBound
            }
        }
        // A refinement must lead somewhere substantial (a tenth of what the phrase finds); "air fryer" is not
        // refined by "air fryers", nor "espresso" by "espresso machines".
        // Facets of the same products tie; then the one listed earlier in them wins (brand, category, and
        // attributes in the order the catalog gives them, most defining first), then the text, so that the
        // order of products in the catalog never shows.
        let displays = index.facets.displays
        let ranked = weights.filter { facet, value in value.weight * 10 >= total && !overlaps(facet, said) }
            .sorted { lhs, rhs in
                if lhs.value.weight != rhs.value.weight { return lhs.value.weight > rhs.value.weight }
                if lhs.value.places != rhs.value.places { return lhs.value.places < rhs.value.places }
                return displays[Int(lhs.key)] < displays[Int(rhs.key)]
            }
            .map(\.key)

        var byKind: [[Int32]] = []
        var kindOrder: [FacetKind] = []
        for facet in ranked {
            let kind = index.facets.kinds[Int(facet)]
            if let slot = kindOrder.firstIndex(of: kind) {
                byKind[slot].append(facet)
            } else {
                kindOrder.append(kind)
                byKind.append([facet])
            }
        }
        var refinements: [String] = []
        var used = Set<Int32>()
        for round in 0..<(byKind.map(\.count).max() ?? 0) {
            for list in byKind where round < list.count {
                // One of "nintendo" and "nintendo switch" is enough.
                let facet = list[round]
                guard !overlaps(facet, used) else { continue }
                refinements.append(index.facets.displays[Int(facet)])
                used.formUnion(facetWords(facet))
            }
        }
        return refinements
    }

    private func facetWords(_ facet: Int32) -> [Int32] {
        index.facets.words.range(Int(facet)).map { index.facets.words.values[$0] }
    }

    /// Whether a word of the facet is, or nearly is, one of `terms` (same word, or a plural or other short ending).
    private func overlaps(_ facet: Int32, _ terms: Set<Int32>) -> Bool {
        facetWords(facet).contains { word in
            terms.contains(word) || terms.contains { sameStem(word, $0) }
        }
    }

    private func sameStem(_ first: Int32, _ second: Int32) -> Bool {
        let a = index.terms.key(Int(first))
        let b = index.terms.key(Int(second))
        let (short, long) = a.count <= b.count ? (a, b) : (b, a)
        return short.count >= 3 && long.count - short.count <= 2 && long.starts(with: short)
    }

    /// Every product counts, popular ones more: a phrase should lead to many products people actually buy.
    private func productWeight(_ product: Int32) -> Int {
        50 + Int(index.popularity[Int(product)])
    }

    private func text(of terms: [Int32]) -> String {
        terms.map { index.terms.displays[Int($0)] }.joined(separator: " ")
    }
}
