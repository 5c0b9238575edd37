import SuggestProtocol
/// Queries as people type them into a search box: a few words of a product, the last one cut short,
/// sometimes with a typo; the same list every run, so figures can be compared.
enum BenchmarkQueries {
    static func make(from catalog: Catalog, count: Int, seed: UInt64 = 0x5EED_CAFE) -> [String] {
        guard !catalog.products.isEmpty else { return [] }
        var random = SplitMix64(seed: seed)
        var queries: [String] = []
        queries.reserveCapacity(count)
        while queries.count < count {
            let product = catalog.products[random.next(below: catalog.products.count)]
            let source: String
            switch random.next(below: 10) {
            case 0..<6: source = product.name
            case 6..<8: source = product.brand + " " + product.category
            default: source = product.category + " " + (product.attributes.first ?? "")
            }
            let words = source.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
            guard !words.isEmpty else { continue }
            let start = random.next(below: words.count)
            let length = 1 + random.next(below: min(3, words.count - start))
            var chosen = Array(words[start..<start + length])
            if random.next(below: 4) == 0, let typed = chosen.indices.first(where: { chosen[$0].count >= 5 }) {
                chosen[typed] = misspelt(chosen[typed], &random)
            }
            let last = chosen[chosen.count - 1]
            if last.count > 2 { chosen[chosen.count - 1] = String(last.prefix(2 + random.next(below: last.count - 1))) }
            let query = chosen.joined(separator: " ")
            queries.append(random.next(below: 10) < 7 ? query.lowercased() : query)
        }
        return queries
    }

    /// One slip of the fingers: a swap, a dropped, a doubled or a wrong letter.
    private static func misspelt(_ word: String, _ random: inout SplitMix64) -> String {
        var letters = Array(word)
        let position = random.next(below: letters.count - 1)
        switch random.next(below: 4) {
        case 0: letters.swapAt(position, position + 1)
        case 1: letters.remove(at: position)
        case 2: letters.insert(letters[position], at: position)
        default: letters[position] = Character(Unicode.Scalar(UInt8(ascii: "a") + UInt8(random.next(below: 26))))
        }
        return String(letters)
    }
}
