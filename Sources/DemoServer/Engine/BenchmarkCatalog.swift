/// A larger catalog made from a real one, for measuring the engine at a size the demo catalog does not reach.
enum BenchmarkCatalog {
    /// Editions a shop lists beside the original, so names stay plausible and the vocabulary grows.
    private static let editions = ["", " Gen 2", " Plus", " Lite", " (Renewed)", " Bundle", " 2-Pack", " Special Edition"]

    /// `count` products: the originals, then copies with other model numbers, editions and popularity.
    static func varied(_ base: Catalog, count: Int) -> Catalog {
        guard !base.products.isEmpty else { return base }
        var products: [Product] = []
        products.reserveCapacity(count)
        for position in 0..<count {
            let original = base.products[position % base.products.count]
            let copy = position / base.products.count
            var product = original
            product.id = position + 1
            if copy > 0 {
                product.name = renumbered(original.name, by: copy) + editions[(copy + position) % editions.count]
                product.attributes = original.attributes.indices.map {
                    original.attributes[($0 + copy) % original.attributes.count]
                }
                product.popularity = max(0, min(100, original.popularity - 8 * copy + (position * 31 + copy * 17) % 11))
            }
            products.append(product)
        }
        return Catalog(products: products)
    }

    /// "WH-1000XM5" becomes "WH-1000XM6": every word with digits gets its last digit moved on.
    private static func renumbered(_ name: String, by step: Int) -> String {
        name.split(separator: " ", omittingEmptySubsequences: false).map { word -> String in
            var characters = Array(word)
            guard let last = characters.lastIndex(where: \.isASCIIDigit),
                  let digit = characters[last].wholeNumberValue
            else { return String(word) }
            characters[last] = Character(String((digit + step) % 10))
            return String(characters)
        }.joined(separator: " ")
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
