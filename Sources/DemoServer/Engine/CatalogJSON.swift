import Foundation

/// Reads a JSON catalog: an array of objects with a name and optional id, brand, category, attributes, popularity.
enum CatalogJSON {
    static func products(from data: Data, file: String) throws(CatalogError) -> [Product] {
        let items: [Item]
        do {
            items = try JSONDecoder().decode([Item].self, from: data)
        } catch DecodingError.typeMismatch {
            throw CatalogError(file: file, problem: .notAnArray)
        } catch {
            // JSONDecoder says only "not valid JSON", so a small scanner finds where.
            let syntax = JSONSyntaxCheck.firstError(in: data)
            throw CatalogError(
                file: file,
                location: syntax.map { .position(line: $0.line, column: $0.column) } ?? .file,
                problem: .invalidJSON(syntax?.reason ?? "cannot be decoded")
            )
        }
        var drafts: [ProductDraft] = []
        drafts.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            drafts.append(try item.draft(at: index, file: file))
        }
        return try ProductDraft.products(drafts, file: file)
    }

    /// One array element, decoded without throwing so each problem can be reported with its index and field.
    private struct Item: Decodable {
        enum Value<T> {
            case absent
            case value(T)
            case wrongType
        }

        var isObject = true
        var id: Value<Double> = .absent
        var name: Value<String> = .absent
        var brand: Value<String> = .absent
        var category: Value<String> = .absent
        var attributes: Value<[String]> = .absent
        var popularity: Value<Double> = .absent

        private enum Key: String, CodingKey {
            case id, name, brand, category, attributes, popularity
        }

        init(from decoder: any Decoder) throws {
            guard let object = try? decoder.container(keyedBy: Key.self) else {
                isObject = false
                return
            }
            id = Self.read(Double.self, .id, in: object)
            name = Self.read(String.self, .name, in: object)
            brand = Self.read(String.self, .brand, in: object)
            category = Self.read(String.self, .category, in: object)
            popularity = Self.read(Double.self, .popularity, in: object)
            switch Self.read([String].self, .attributes, in: object) {
            case .wrongType:
                if case .value(let single) = Self.read(String.self, .attributes, in: object) {
                    attributes = .value(ProductDraft.splitAttributes(single))
                } else {
                    attributes = .wrongType
                }
            case let other:
                attributes = other
            }
        }

        /// `null` counts as absent, so exporters that write every key still load.
        private static func read<T: Decodable>(_ type: T.Type, _ key: Key, in object: KeyedDecodingContainer<Key>) -> Value<T> {
            guard object.contains(key), (try? object.decodeNil(forKey: key)) != true else { return .absent }
            guard let value = try? object.decode(type, forKey: key) else { return .wrongType }
            return .value(value)
        }

        func draft(at index: Int, file: String) throws(CatalogError) -> ProductDraft {
            func fail(_ problem: CatalogError.Problem) -> CatalogError {
                CatalogError(file: file, location: .item(index), problem: problem)
            }
            guard isObject else { throw fail(.notAnObject) }
            var draft: ProductDraft
            switch name {
            case .absent: throw fail(.missingName)
            case .wrongType: throw fail(.wrongType(field: "name", expected: "a string"))
            case .value(let text):
                guard let name = ProductDraft.trimmedNonEmpty(text) else { throw fail(.missingName) }
                draft = ProductDraft(name: name, location: .item(index))
            }
            switch id {
            case .absent: break
            case .wrongType: throw fail(.idNotWhole)
            case .value(let number):
                guard let id = ProductDraft.wholeNumber(number) else { throw fail(.idNotWhole) }
                draft.id = id
            }
            switch brand {
            case .absent: break
            case .wrongType: throw fail(.wrongType(field: "brand", expected: "a string"))
            case .value(let text): draft.brand = ProductDraft.trimmedNonEmpty(text) ?? ""
            }
            switch category {
            case .absent: break
            case .wrongType: throw fail(.wrongType(field: "category", expected: "a string"))
            case .value(let text): draft.category = ProductDraft.trimmedNonEmpty(text) ?? ""
            }
            switch attributes {
            case .absent: break
            case .wrongType: throw fail(.wrongType(field: "attributes", expected: "an array of strings or a string"))
            case .value(let list): draft.attributes = list.compactMap(ProductDraft.trimmedNonEmpty)
            }
            switch popularity {
            case .absent: break
            case .wrongType: throw fail(.popularityOutOfRange)
            case .value(let number):
                guard let popularity = ProductDraft.popularity(number) else { throw fail(.popularityOutOfRange) }
                draft.popularity = popularity
            }
            return draft
        }
    }
}
