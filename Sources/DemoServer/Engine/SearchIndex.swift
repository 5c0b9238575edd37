/// A catalog turned into flat arrays that a query reads without hashing strings or allocating per product.
/// Products are numbered by their position in the catalog.
struct SearchIndex {
    let terms: TermDictionary
    let trie: TermTrie
    /// Per product, its terms in ascending id order, each tagged with the best `Field` it occurs in.
    let productTerms: PackedLists
    /// Per term, the products containing it, tagged with the field.
    let postings: PackedLists
    /// Per product, its brand, category and attributes as facet ids.
    let productFacets: PackedLists
    let facets: FacetTable
    let names: [String]
    let popularity: [UInt8]
    /// Position in the case-insensitive name order: the last tie-break, so equal products sort like a list a person reads.
    let nameRank: [Int32]

    var productCount: Int { names.count }
}

/// The phrases that refine a query: brands, categories and attributes, each stored once.
struct FacetTable {
    /// Lower-case, as a shopper would type it ("noise cancelling").
    var displays: [String] = []
    var kinds: [FacetKind] = []
    /// Per facet, the ids of its words, sorted, to skip facets the query already says.
    var words = PackedLists()
}
