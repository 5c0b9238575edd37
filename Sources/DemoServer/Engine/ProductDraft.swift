import Foundation

/// A product as read from a catalog file, before ids are assigned; the rules JSON and CSV share.
struct ProductDraft {
    var id: Int?
    var name: String
    var brand = ""
    var category = ""
    var attributes: [String] = []
    var popularity = Product.defaultPopularity
    var location: CatalogError.Location

    /// Splits one written list of attributes; `;` and `|` because commas already separate CSV fields.
    static func splitAttributes(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == ";" || $0 == "|" }).compactMap { trimmedNonEmpty(String($0)) }
    }

    /// Trims whitespace; `nil` when nothing is left.
    static func trimmedNonEmpty(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// Accepts whole numbers written with a fractional part of zero, as spreadsheets export them.
    static func popularity(_ value: Double) -> Int? {
        guard value.isFinite, value >= 0, value <= 100 else { return nil }
        return Int(value.rounded())
    }

    /// Accepts `7` and `7.0`, refuses `7.5` and out-of-range values.
    static func wholeNumber(_ value: Double) -> Int? {
        guard value.isFinite, value.rounded() == value, abs(value) < 9e15 else { return nil }
        return Int(value)
    }

    /// Keeps the ids a file gives and numbers the rest after the largest, so adding one id never renumbers others.
    static func products(_ drafts: [ProductDraft], file: String) throws(CatalogError) -> [Product] {
        guard !drafts.isEmpty else { throw CatalogError(file: file, problem: .noProducts) }
        var firstUse: [Int: CatalogError.Location] = [:]
        for draft in drafts {
            guard let id = draft.id else { continue }
            if let first = firstUse[id] {
                throw CatalogError(file: file, location: draft.location, problem: .duplicateID(id, first: first))
            }
            firstUse[id] = draft.location
        }
        var nextID = (firstUse.keys.max() ?? 0) + 1
        return drafts.map { draft in
            let id: Int
            if let given = draft.id {
                id = given
            } else {
                id = nextID
                nextID += 1
            }
            return Product(
                id: id, name: draft.name, brand: draft.brand, category: draft.category,
                attributes: draft.attributes, popularity: draft.popularity
            )
        }
    }
}
