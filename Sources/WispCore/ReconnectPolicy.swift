import SuggestProtocol

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
    private var random: SplitMix64

    public init(seed: UInt64) { random = SplitMix64(seed: seed) }

    /// The un-jittered delay before attempt `attempt` (1-based).
    public func nominalDelay(attempt: Int) -> Int64 {
        let shift = min(max(attempt - 1, 0), 20)
        return min(capMilliseconds, baseMilliseconds << Int64(shift))
    }

    /// The delay before attempt `attempt`, with jitter.
    public mutating func delay(attempt: Int) -> Int64 {
        let nominal = Double(nominalDelay(attempt: attempt))
        let spread = (random.nextUnit() * 2 - 1) * jitter
        return max(1, Int64((nominal * (1 + spread)).rounded()))
    }
}
