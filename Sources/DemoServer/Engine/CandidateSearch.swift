/// The products that match every query word, with their scores and, per word, the term that matched best.
struct Candidates {
    var products: [Int32] = []
    var scores: [Int32] = []
    /// `products.count × wordCount` term ids: row `c` holds candidate `c`'s best term for each word.
    var bestTerms: [Int32] = []
    let wordCount: Int

    var count: Int { products.count }

    func bestTerm(candidate: Int, word: Int) -> Int32 {
        bestTerms[candidate * wordCount + word]
    }

    /// Larger is better: score, then popularity, then name order; unique per product, so ties never depend on hashing.
    func rankingKey(_ candidate: Int, in index: SearchIndex) -> Int64 {
        let product = Int(products[candidate])
        return Int64(scores[candidate]) << 40 | Int64(index.popularity[product]) << 32
            | Int64(Int32.max - index.nameRank[product])
    }
}

/// Finds the products that match all words (conjunctive, as shoppers expect a longer query to narrow results).
enum CandidateSearch {
    static func run(_ words: [WordMatches], in index: SearchIndex) -> Candidates {
        var result = Candidates(wordCount: words.count)
        guard let driver = words.indices.min(by: { words[$0].volume < words[$1].volume }) else { return result }

        // The word touching the fewest postings proposes the candidates …
        var bestPoints = [Int32](repeating: 0, count: index.productCount)
        var bestTerm = [Int32](repeating: 0, count: index.productCount)
        var touched: [Int32] = []
        let matches = words[driver]
        for range in matches.ranges {
            for term in range {
                guard matches.kinds[term] != 0 else { continue }
                for position in index.postings.range(term) {
                    let product = Int(index.postings.values[position])
                    let points = matches.points(term: term, field: index.postings.tags[position])
                    if bestPoints[product] == 0 { touched.append(Int32(product)) }
                    if points > bestPoints[product] {
                        bestPoints[product] = points
                        bestTerm[product] = Int32(term)
                    }
                }
            }
        }

        // … and each of the others keeps those it also matches.
        var row = [Int32](repeating: 0, count: words.count)
        result.products.reserveCapacity(touched.count)
        candidates: for product in touched {
            var score = bestPoints[Int(product)]
            row[driver] = bestTerm[Int(product)]
            for (word, matches) in words.enumerated() where word != driver {
                guard let (points, term) = best(matches, product: Int(product), in: index) else { continue candidates }
                score += points
                row[word] = term
            }
            result.products.append(product)
            result.scores.append(score)
            result.bestTerms.append(contentsOf: row)
        }
        return result
    }

    private static func best(_ matches: WordMatches, product: Int, in index: SearchIndex) -> (Int32, Int32)? {
        var bestPoints: Int32 = 0
        var bestTerm: Int32 = 0
        for position in index.productTerms.range(product) {
            let term = index.productTerms.values[position]
            let points = matches.points(term: Int(term), field: index.productTerms.tags[position])
            if points > bestPoints {
                bestPoints = points
                bestTerm = term
            }
        }
        return bestPoints > 0 ? (bestPoints, bestTerm) : nil
    }
}
