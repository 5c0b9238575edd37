/// Measures the suggestion engine against its targets (index build ≤ 200 ms, p99 ≤ 1 ms per query, 10,000 products).
public enum EngineBenchmark {
    static let productCount = 10_000
    static let queryCount = 5_000
    static let warmUpQueries = 500
    static let builds = 3

    /// Report lines, e.g. `engine: 10000 products, index build 85.2 ms (target ≤ 200 ms)`; figures mean something
    /// only in a release build.
    public static func run() -> [String] {
        let base: Catalog
        do {
            base = try Catalog.bundled()
        } catch {
            return ["engine: cannot load the bundled catalog: \(error)"]
        }
        let catalog = BenchmarkCatalog.varied(base, count: productCount)
        let clock = ContinuousClock()

        var buildTimes: [Duration] = []
        var built: SuggestionEngine?
        for _ in 0..<builds {
            let start = clock.now
            built = SuggestionEngine(catalog: catalog)
            buildTimes.append(clock.now - start)
        }
        guard let engine = built else { return [] }
        buildTimes.sort()

        let queries = BenchmarkQueries.make(from: catalog, count: warmUpQueries + queryCount)
        var suggestions = 0
        for query in queries.prefix(warmUpQueries) { suggestions &+= engine.suggest(query).count }
        var times: [Duration] = []
        times.reserveCapacity(queryCount)
        suggestions = 0
        for query in queries.dropFirst(warmUpQueries) {
            let start = clock.now
            let result = engine.suggest(query)
            times.append(clock.now - start)
            suggestions += result.count
        }
        times.sort()

        let build = milliseconds(buildTimes[buildTimes.count / 2])
        let p50 = milliseconds(times[times.count / 2])
        let p99 = milliseconds(times[min(times.count - 1, times.count * 99 / 100)])
        let worst = milliseconds(times[times.count - 1])
        let average = Double(suggestions) / Double(max(1, times.count))
        return [
            "engine: \(engine.productCount) products, index build \(format(build, 1)) ms (median of \(builds); target ≤ 200 ms)",
            "engine: \(times.count) queries, p50 \(format(p50, 3)) ms, p99 \(format(p99, 3)) ms, max \(format(worst, 3)) ms (target p99 ≤ 1 ms)",
            "engine: \(format(average, 1)) suggestions per query on average",
        ]
    }

    private static func milliseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }

    /// Fixed decimals without Foundation's locale-dependent formatting.
    static func format(_ value: Double, _ decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int((value * scale).rounded())
        let whole = scaled / Int(scale)
        guard decimals > 0 else { return "\(whole)" }
        let fraction = String(scaled % Int(scale))
        return "\(whole)." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }
}
