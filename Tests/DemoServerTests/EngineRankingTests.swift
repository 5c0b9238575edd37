import Testing
@testable import DemoServer

/// Each rule on a catalog of its own, where popularity pulls the other way, so only the rule can explain the order.
@Suite struct EngineRankingTests {
    @Test func exactBeatsPrefixBeatsCorrection() {
        let products = [
            Product(id: 1, name: "Ramp Kit", popularity: 100),
            Product(id: 2, name: "Lamps Set", popularity: 90),
            Product(id: 3, name: "Lamp Shade", popularity: 10),
        ]
        let engine = EngineFixture.engine(products)
        #expect(EngineFixture.productNames(engine.suggest("lamp"), in: products) == ["Lamp Shade", "Lamps Set", "Ramp Kit"])
        // A finished word that the catalog has is not completed nor corrected.
        #expect(EngineFixture.productNames(engine.suggest("lamp "), in: products) == ["Lamp Shade"])
    }

    @Test func nameBeatsBrandAndCategoryBeatsAttributes() {
        let products = [
            Product(id: 1, name: "Orbit Trackball", brand: "Acme", category: "mice", attributes: ["wireless"], popularity: 100),
            Product(id: 2, name: "Flip Speaker", brand: "Wireless Co", category: "speakers", popularity: 60),
            Product(id: 3, name: "Desk Charger", brand: "Zed", category: "wireless chargers", popularity: 50),
            Product(id: 4, name: "Wireless Mouse", brand: "Zed", category: "mice", popularity: 10),
        ]
        let engine = EngineFixture.engine(products)
        #expect(EngineFixture.productNames(engine.suggest("wireless"), in: products)
            == ["Wireless Mouse", "Flip Speaker", "Desk Charger", "Orbit Trackball"])
    }

    @Test func popularityThenNameBreakTies() {
        let products = [
            Product(id: 1, name: "beta Wireless", popularity: 40),
            Product(id: 2, name: "Wireless Gamma", popularity: 90),
            Product(id: 3, name: "Alpha Wireless", popularity: 40),
            Product(id: 4, name: "alpha wireless", popularity: 40),
        ]
        let engine = EngineFixture.engine(products)
        // The two alphas differ only in case: the first listed (lower id) is shown, the other is a duplicate.
        #expect(EngineFixture.productNames(engine.suggest("wirel"), in: products) == ["Wireless Gamma", "Alpha Wireless", "beta Wireless"])
    }

    @Test func everyWordCountsTowardsTheScore() {
        let products = [
            Product(id: 1, name: "Sony Speaker", brand: "Sony", category: "speakers", attributes: ["wireless"], popularity: 90),
            Product(id: 2, name: "Sony Wireless Speaker Mini", brand: "Sony", category: "speakers", popularity: 20),
        ]
        let engine = EngineFixture.engine(products)
        #expect(EngineFixture.productNames(engine.suggest("sony wireless spe"), in: products)
            == ["Sony Wireless Speaker Mini", "Sony Speaker"])
    }

    @Test func phrasesFollowThePopularProductsAndSkipRareFacets() {
        var products = (1...9).map {
            Product(id: $0, name: "Trail Runner \($0)", brand: $0 <= 6 ? "Hoka" : "Brooks", category: "running shoes",
                    attributes: ["cushioned"], popularity: 50)
        }
        products.append(Product(id: 10, name: "Trail Map", brand: "Atlas", category: "books", attributes: ["paper"], popularity: 0))
        let engine = EngineFixture.engine(products)
        let phrases = EngineFixture.phrases(engine.suggest("trail", limit: 20), in: products)
        // Kinds take turns (category, attribute, brand); "atlas", "books" and "paper" belong to one obscure
        // product in ten and lead nowhere.
        #expect(phrases == ["trail", "trail running shoes", "trail cushioned", "trail hoka", "trail brooks"])
    }
}
