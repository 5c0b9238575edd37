/// Where in a product a word was found; a word in the name says more about the product than one in its attributes.
enum Field: UInt8, Comparable {
    case attribute = 1
    case brandOrCategory = 2
    case name = 3

    static func < (lhs: Field, rhs: Field) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// How a query word met a term, best first in ranking: typing a word exactly beats completing it beats correcting it.
enum MatchKind: UInt8, Comparable {
    case twoEdits = 1
    case oneEdit = 2
    case prefix = 3
    case exact = 4

    init(edits: Int) {
        self = edits <= 1 ? .oneEdit : .twoEdits
    }

    static func < (lhs: MatchKind, rhs: MatchKind) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Points of one query word in one product. The tier of the match dominates, then the field, then exactness:
    /// for the word being typed an exact match is only a completion that happens to be finished ("book" may
    /// become "books"), so it shares the prefix tier and wins only within a field.
    func points(in field: Field, completing: Bool) -> Int32 {
        let tier = completing && self == .exact ? MatchKind.prefix.rawValue : rawValue
        return Int32(tier) * 16 + Int32(field.rawValue) * Self.pointsPerField + (self == .exact ? 1 : 0)
    }

    /// The difference one field makes (name over brand, brand over attribute).
    static let pointsPerField: Int32 = 4
}

/// A brand, category or attribute: a phrase that refines a query ("sony", "noise cancelling").
enum FacetKind: UInt8 {
    case attribute, brand, category
}
