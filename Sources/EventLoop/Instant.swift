/// A point on a monotonic clock, in nanoseconds.
public struct Instant: Comparable, Hashable, Sendable, CustomStringConvertible {
    /// Nanoseconds since the clock's arbitrary origin.
    public var nanoseconds: UInt64

    /// An instant `nanoseconds` after the clock's origin.
    public init(nanoseconds: UInt64) {
        self.nanoseconds = nanoseconds
    }

    /// Orders instants by time.
    public static func < (lhs: Instant, rhs: Instant) -> Bool {
        lhs.nanoseconds < rhs.nanoseconds
    }

    /// Saturates instead of trapping, so "never" (a huge duration) stays usable.
    public static func + (lhs: Instant, rhs: Duration) -> Instant {
        let delta = rhs.clampedNanoseconds
        if delta >= 0 {
            let (sum, overflow) = lhs.nanoseconds.addingReportingOverflow(UInt64(delta))
            return Instant(nanoseconds: overflow ? .max : sum)
        }
        let magnitude = delta.magnitude
        return Instant(nanoseconds: lhs.nanoseconds > magnitude ? lhs.nanoseconds - magnitude : 0)
    }

    /// The time from `earlier` to this instant; negative if `earlier` is later.
    public func duration(since earlier: Instant) -> Duration {
        if nanoseconds >= earlier.nanoseconds {
            return .nanoseconds(Int64(clamping: nanoseconds - earlier.nanoseconds))
        }
        return .nanoseconds(-Int64(clamping: earlier.nanoseconds - nanoseconds))
    }

    /// The nanosecond count, for logs.
    public var description: String { "\(nanoseconds) ns" }
}

extension Duration {
    /// Whole nanoseconds, saturating at the ends of `Int64` (about 292 years).
    var clampedNanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        let (total, overflow2) = scaled.addingReportingOverflow(attoseconds / 1_000_000_000)
        if overflow2 { return seconds < 0 ? .min : .max }
        return total
    }

    /// Short human text for error messages: "5 s", "1.5 s", "250 ms", "40 µs".
    public var humanDescription: String {
        let ns = clampedNanoseconds
        let sign = ns < 0 ? "-" : ""
        let value = ns.magnitude
        if value >= 1_000_000_000 {
            let millis = value / 1_000_000
            let whole = millis / 1000
            var fraction = String(millis % 1000)
            if fraction == "0" { return "\(sign)\(whole) s" }
            fraction = String(repeating: "0", count: 3 - fraction.count) + fraction
            while fraction.hasSuffix("0") { fraction.removeLast() }
            return "\(sign)\(whole).\(fraction) s"
        }
        if value >= 1_000_000 { return "\(sign)\(value / 1_000_000) ms" }
        if value >= 1_000 { return "\(sign)\(value / 1_000) µs" }
        return "\(sign)\(value) ns"
    }
}
