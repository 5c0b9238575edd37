import SuggestProtocol

/// The latency and failure model of the demo "AI service": deterministic from a seed,
/// so a demo or a test with `--seed` replays the same delays and errors.
public struct QueryScheduler: Sendable {
    private var random: SplitMix64
    public let delay: Duration
    public let jitter: Duration
    public let errorRate: Double

    public init(delay: Duration, jitter: Duration, errorRate: Double, seed: UInt64) {
        self.delay = delay
        self.jitter = jitter
        self.errorRate = errorRate
        random = SplitMix64(seed: seed)
    }

    /// What happens to the next query: answered after a delay, or failed.
    public enum Outcome: Sendable, Equatable {
        case answer(after: Duration)
        case fail(after: Duration)
    }

    public mutating func next() -> Outcome {
        let wait = delay + jitter * random.nextUnit()
        return random.nextUnit() < errorRate ? .fail(after: wait) : .answer(after: wait)
    }
}
