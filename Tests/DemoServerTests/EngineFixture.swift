@testable import DemoServer

/// A small catalog whose every expected suggestion can be worked out by hand.
enum EngineFixture {
    static let products: [Product] = [
        Product(id: 1, name: "Sony WH-1000XM5 Wireless Noise Cancelling Headphones", brand: "Sony", category: "headphones",
                attributes: ["wireless", "noise cancelling", "bluetooth 5.3", "black"], popularity: 95),
        Product(id: 2, name: "Bose QuietComfort 45 Wireless Headphones", brand: "Bose", category: "headphones",
                attributes: ["wireless", "noise cancelling", "white"], popularity: 80),
        Product(id: 3, name: "Sennheiser HD 600 Wired Studio Headphones", brand: "Sennheiser", category: "headphones",
                attributes: ["wired", "open-back"], popularity: 40),
        Product(id: 4, name: "Sony WH-CH520 Wireless On-Ear Headphones", brand: "Sony", category: "headphones",
                attributes: ["wireless", "on-ear", "black"], popularity: 60),
        Product(id: 5, name: "Apple AirPods Pro 2 Wireless Earbuds", brand: "Apple", category: "earbuds",
                attributes: ["wireless", "noise cancelling", "usb-c"], popularity: 90),
        Product(id: 6, name: "Razer BlackShark V2 Wireless Gaming Headset", brand: "Razer", category: "gaming headsets",
                attributes: ["wireless", "gaming"], popularity: 70),
        Product(id: 7, name: "JBL Flip 6 Portable Bluetooth Speaker", brand: "JBL", category: "speakers",
                attributes: ["bluetooth", "waterproof", "portable"], popularity: 75),
        Product(id: 8, name: "Breville Barista Express Espresso Machine", brand: "Breville", category: "espresso machines",
                attributes: ["grinder", "steam wand"], popularity: 65),
        Product(id: 9, name: "De'Longhi Dedica Espresso Maker", brand: "De'Longhi", category: "espresso machines",
                attributes: ["compact", "milk frother"], popularity: 55),
        Product(id: 10, name: "Café Specialty Drip Coffee Maker", brand: "Café", category: "coffee makers",
                attributes: ["programmable", "12 cup"], popularity: 30),
        Product(id: 11, name: "Pokémon Scarlet", brand: "Nintendo", category: "video games",
                attributes: ["nintendo switch"], popularity: 85),
        Product(id: 12, name: "降噪耳机 Pro", brand: "小米", category: "耳机", attributes: ["无线"], popularity: 50),
        Product(id: 13, name: "ヘッドホン ワイヤレス", brand: "ソニー", category: "ヘッドホン", attributes: ["ブラック"], popularity: 45),
        Product(id: 14, name: "سماعات لاسلكية", brand: "سوني", category: "سماعات", attributes: ["أسود"], popularity: 35),
        Product(id: 15, name: "Headphone Stand", brand: "Satechi", category: "accessories",
                attributes: ["aluminum"], popularity: 20),
        Product(id: 16, name: "Kensington Orbit Trackball", brand: "Kensington", category: "mice",
                attributes: ["wireless", "ergonomic"], popularity: 25),
    ]

    static let engine = SuggestionEngine(catalog: Catalog(products: products))

    static let names = Set(products.map(\.name))

    /// An engine over just `products`, for ranking rules that need a catalog of their own.
    static func engine(_ products: [Product]) -> SuggestionEngine {
        SuggestionEngine(catalog: Catalog(products: products))
    }

    /// The product names among `suggestions`, in order.
    static func productNames(_ suggestions: [String], in products: [Product] = products) -> [String] {
        let names = Set(products.map(\.name))
        return suggestions.filter(names.contains)
    }

    /// The keyword phrases among `suggestions`, in order.
    static func phrases(_ suggestions: [String], in products: [Product] = products) -> [String] {
        let names = Set(products.map(\.name))
        return suggestions.filter { !names.contains($0) }
    }
}
