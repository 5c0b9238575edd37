/// Reads a CSV catalog: a header row naming the columns (`name` required; `id`, `brand`, `category`, `attributes`, `popularity` optional).
enum CatalogCSV {
    /// Column names are matched case-insensitively; unknown columns (price, sku …) are ignored.
    private enum Column: String, CaseIterable {
        case id, name, brand, category, attributes, popularity
    }

    static func products(from text: String, file: String) throws(CatalogError) -> [Product] {
        let records: [CSVRecords.Record]
        do throws(CSVRecords.Failure) {
            records = try CSVRecords.parse(text)
        } catch {
            switch error {
            case .unterminatedQuote(let line):
                throw CatalogError(file: file, location: .line(line), problem: .unterminatedQuote)
            case .textAfterClosingQuote(let line):
                throw CatalogError(file: file, location: .line(line), problem: .textAfterClosingQuote)
            }
        }
        guard let header = records.first else { throw CatalogError(file: file, problem: .noProducts) }
        var columns: [Column: Int] = [:]
        for (position, title) in header.fields.enumerated() {
            let key = (ProductDraft.trimmedNonEmpty(title) ?? "").lowercased()
            guard let column = Column(rawValue: key) else { continue }
            if columns[column] != nil {
                throw CatalogError(file: file, location: .line(header.line), problem: .duplicateColumn(key))
            }
            columns[column] = position
        }
        guard let nameColumn = columns[.name] else {
            throw CatalogError(file: file, location: .line(header.line), problem: .missingNameColumn)
        }

        var drafts: [ProductDraft] = []
        drafts.reserveCapacity(records.count - 1)
        for record in records.dropFirst() {
            func fail(_ problem: CatalogError.Problem) -> CatalogError {
                CatalogError(file: file, location: .line(record.line), problem: problem)
            }
            guard record.fields.count == header.fields.count else {
                throw fail(.fieldCount(found: record.fields.count, expected: header.fields.count))
            }
            func value(_ column: Column) -> String? {
                columns[column].flatMap { ProductDraft.trimmedNonEmpty(record.fields[$0]) }
            }
            guard let name = ProductDraft.trimmedNonEmpty(record.fields[nameColumn]) else { throw fail(.missingName) }
            var draft = ProductDraft(name: name, location: .line(record.line))
            if let text = value(.id) {
                guard let number = Double(text), let id = ProductDraft.wholeNumber(number) else { throw fail(.idNotWhole) }
                draft.id = id
            }
            draft.brand = value(.brand) ?? ""
            draft.category = value(.category) ?? ""
            draft.attributes = value(.attributes).map(ProductDraft.splitAttributes) ?? []
            if let text = value(.popularity) {
                guard let number = Double(text), let popularity = ProductDraft.popularity(number) else {
                    throw fail(.popularityOutOfRange)
                }
                draft.popularity = popularity
            }
            drafts.append(draft)
        }
        return try ProductDraft.products(drafts, file: file)
    }
}
