/// Exponential backoff with jitter for reconnecting: 0.5 s doubling to a 30 s cap, each delay
/// spread by ±20 % so a fleet of clients does not reconnect in lockstep. Deterministic from
/// its seed, so tests can assert the schedule.
public struct ReconnectPolicy: Sendable, Equatable {
    public var baseMilliseconds: Int64 = 500
    public var capMilliseconds: Int64 = 30_000
    /// Fraction of the delay added or removed at random.
    public var jitter: Double = 0.2
    /// A connection that stayed up this long resets the attempt count.
    public var stableAfterMilliseconds: Int64 = 10_000
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// The un-jittered delay before attempt `attempt` (1-based).
    public func nominalDelay(attempt: Int) -> Int64 {
        let shift = min(max(attempt - 1, 0), 20)
        return min(capMilliseconds, baseMilliseconds << Int64(shift))
    }

    /// The delay before attempt `attempt`, with jitter.
    public mutating func delay(attempt: Int) -> Int64 {
        let nominal = Double(nominalDelay(attempt: attempt))
        let spread = (nextUnit() * 2 - 1) * jitter
        return max(1, Int64((nominal * (1 + spread)).rounded()))
    }

    private mutating func nextUnit() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) / Double(1 << 53)
    }
}
