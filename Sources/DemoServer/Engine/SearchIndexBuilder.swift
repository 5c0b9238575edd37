extension SearchIndex {
    /// Longest run of an unspaced script whose suffixes are indexed; product words are far shorter.
    static let maximumIndexedRun = 24

    init(catalog: Catalog) {
        var builder = Builder(expectedProducts: catalog.products.count)
        for product in catalog.products { builder.add(product) }
        self = builder.finish(catalog.products)
    }

    private struct Builder {
        var dictionary: TermDictionaryBuilder
        /// Per product, provisional term ids tagged with fields (merged and sorted in `finish`).
        var rawTerms = PackedLists()
        var currentTerms: [Int32] = []
        var currentFields: [UInt8] = []
        /// Brands, categories and attributes repeat across thousands of products: each text is read once.
        var analysedTexts: [String: AnalysedText] = [:]
        var facetIDs: [String: Int32] = [:]
        var facetWords: [[Int32]] = []
        var facets = FacetTable()
        var productFacets = PackedLists()

        init(expectedProducts: Int) {
            dictionary = TermDictionaryBuilder(expectedTerms: expectedProducts)
            rawTerms.reserveCapacity(lists: expectedProducts, values: expectedProducts * 32, tagged: true)
        }

        /// A field's text once analysed: the terms to index, and the facet it forms (if it has words).
        struct AnalysedText {
            var terms: [Int32]
            var facet: Int32?
        }

        mutating func add(_ product: Product) {
            currentTerms.removeAll(keepingCapacity: true)
            currentFields.removeAll(keepingCapacity: true)
            var facetList: [Int32] = []
            for term in analyse(product.name, facet: nil).terms { record(term, .name) }
            addFacetField(product.brand, kind: .brand, field: .brandOrCategory, to: &facetList)
            addFacetField(product.category, kind: .category, field: .brandOrCategory, to: &facetList)
            for attribute in product.attributes {
                addFacetField(attribute, kind: .attribute, field: .attribute, to: &facetList)
            }
            rawTerms.append(currentTerms, tags: currentFields)
            productFacets.append(facetList)
        }

        private mutating func addFacetField(_ text: String, kind: FacetKind, field: Field, to list: inout [Int32]) {
            let analysed: AnalysedText
            if let known = analysedTexts[text] {
                analysed = known
            } else {
                analysed = analyse(text, facet: kind)
                analysedTexts[text] = analysed
            }
            for term in analysed.terms { record(term, field) }
            if let facet = analysed.facet, !list.contains(facet) { list.append(facet) }
        }

        /// The terms of one field (its words, their apostrophe parts and hyphenated compounds, unspaced-script
        /// substrings) and, for a brand, category or attribute, its facet.
        private mutating func analyse(_ text: String, facet kind: FacetKind?) -> AnalysedText {
            let words = Tokenizer.words(in: text.unicodeScalars).words
            var terms: [Int32] = []
            var plain: [Int32] = []
            plain.reserveCapacity(words.count)
            var compound: [UInt32] = []
            var compoundDisplay = ""
            var compoundParts = 0
            for word in words {
                let id = dictionary.id(for: word.key, display: word.display)
                plain.append(id)
                terms.append(id)
                if word.isUnspaced { addSuffixes(of: word, to: &terms) }
                for part in word.apostropheParts {
                    let display = String(String.UnicodeScalarView(part.compactMap(Unicode.Scalar.init)))
                    let partID = dictionary.id(for: part, display: display)
                    terms.append(partID)
                    // A facet's words decide whether a phrase already says it: "de longhi" says "de'longhi".
                    plain.append(partID)
                }
                // "WH-1000XM5" is also found as "wh1000xm5", "usb-c" as "usbc".
                if word.hyphenatedToNext || compoundParts > 0 {
                    compound.append(contentsOf: word.key)
                    compoundDisplay += word.display
                    compoundParts += 1
                }
                if !word.hyphenatedToNext {
                    if compoundParts > 1 {
                        let key = Array(compound.prefix(TextFolding.maximumLength))
                        terms.append(dictionary.id(for: key, display: compoundDisplay))
                    }
                    compound.removeAll(keepingCapacity: true)
                    compoundDisplay = ""
                    compoundParts = 0
                }
            }
            guard let kind, !plain.isEmpty else { return AnalysedText(terms: terms, facet: nil) }
            return AnalysedText(terms: terms, facet: facetID(text, kind: kind, words: plain))
        }

        /// A fragment typed in Chinese or Japanese may start anywhere in a run, so every suffix is a term.
        private mutating func addSuffixes(of word: Word, to terms: inout [Int32]) {
            let surface = Array(word.display.unicodeScalars)
            let sameLength = surface.count == word.key.count
            let runLength = min(word.key.count, SearchIndex.maximumIndexedRun)
            guard runLength > 1 else { return }
            for start in 1..<runLength {
                let key = Array(word.key[start...])
                let scalars = sameLength ? Array(surface[start...]) : key.compactMap(Unicode.Scalar.init)
                let display = String(String.UnicodeScalarView(scalars))
                terms.append(dictionary.id(for: key, display: display))
            }
        }

        private mutating func record(_ id: Int32, _ field: Field) {
            currentTerms.append(id)
            currentFields.append(field.rawValue)
        }

        /// Texts that differ only in case or spacing ("Sony", "SONY") are one facet, of the kind first met.
        private mutating func facetID(_ text: String, kind: FacetKind, words: [Int32]) -> Int32 {
            let display = text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
            if let known = facetIDs[display] { return known }
            let id = Int32(facets.displays.count)
            facetIDs[display] = id
            facets.displays.append(display)
            facets.kinds.append(kind)
            facetWords.append(words)
            return id
        }

        func finish(_ products: [Product]) -> SearchIndex {
            let (terms, finalID) = dictionary.finish()
            var productTerms = PackedLists()
            productTerms.reserveCapacity(lists: rawTerms.count, values: rawTerms.values.count, tagged: true)
            var pairs: [(term: Int32, field: UInt8)] = []
            for product in 0..<rawTerms.count {
                pairs.removeAll(keepingCapacity: true)
                for position in rawTerms.range(product) {
                    pairs.append((finalID[Int(rawTerms.values[position])], rawTerms.tags[position]))
                }
                // Ascending term, best field first, so the first of equal terms is the one kept.
                pairs.sort { $0.term != $1.term ? $0.term < $1.term : $0.field > $1.field }
                var kept: [(term: Int32, field: UInt8)] = []
                for pair in pairs where kept.last?.term != pair.term { kept.append(pair) }
                productTerms.append(kept.map(\.term), tags: kept.map(\.field))
            }
            var facetTable = facets
            for words in facetWords {
                facetTable.words.append(Set(words.map { finalID[Int($0)] }).sorted())
            }
            let names = products.map(\.name)
            let foldedNames = names.map { $0.lowercased() }
            let order = products.indices.sorted {
                foldedNames[$0] != foldedNames[$1] ? foldedNames[$0] < foldedNames[$1] : products[$0].id < products[$1].id
            }
            var nameRank = [Int32](repeating: 0, count: products.count)
            for (rank, product) in order.enumerated() { nameRank[product] = Int32(rank) }
            return SearchIndex(
                terms: terms,
                trie: TermTrie(terms),
                productTerms: productTerms,
                postings: productTerms.inverted(targets: terms.count),
                productFacets: productFacets,
                facets: facetTable,
                names: names,
                popularity: products.map { UInt8(min(max($0.popularity, 0), 100)) },
                nameRank: nameRank
            )
        }
    }
}
