/// The latency and failure model of the demo "AI service": deterministic from a seed,
/// so a demo or a test with `--seed` replays the same delays and errors.
public struct QueryScheduler: Sendable {
    private var state: UInt64
    public let delay: Duration
    public let jitter: Duration
    public let errorRate: Double

    public init(delay: Duration, jitter: Duration, errorRate: Double, seed: UInt64) {
        self.delay = delay
        self.jitter = jitter
        self.errorRate = errorRate
        state = seed
    }

    /// What happens to the next query: answered after a delay, or failed.
    public enum Outcome: Sendable, Equatable {
        case answer(after: Duration)
        case fail(after: Duration)
    }

    public mutating func next() -> Outcome {
        let wait = delay + jitter * nextUnit()
        return nextUnit() < errorRate ? .fail(after: wait) : .answer(after: wait)
    }

    /// A uniform number in [0, 1) from SplitMix64.
    private mutating func nextUnit() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) / Double(1 << 53)
    }
}
