/// One thing a shopper can find: what the suggestion engine indexes and names.
public struct Product: Sendable, Codable, Equatable {
    /// Unique within a catalog; assigned in file order when a catalog file leaves it out.
    public var id: Int
    /// Shown to the user exactly as written, e.g. "Sony WH-1000XM5 Wireless Headphones".
    public var name: String
    /// Empty when unknown.
    public var brand: String
    /// The kind of product a shopper would type, e.g. "headphones"; empty when unknown.
    public var category: String
    /// Short facets such as "wireless", "noise cancelling", "black".
    public var attributes: [String]
    /// 0…100; breaks ties between equally relevant products.
    public var popularity: Int

    /// A product; the defaults are those a catalog file gets for a missing field.
    public init(
        id: Int,
        name: String,
        brand: String = "",
        category: String = "",
        attributes: [String] = [],
        popularity: Int = Product.defaultPopularity
    ) {
        self.id = id
        self.name = name
        self.brand = brand
        self.category = category
        self.attributes = attributes
        self.popularity = popularity
    }

    /// Neutral, so a catalog without popularity figures ranks by relevance alone.
    public static let defaultPopularity = 50
}
