/// The time a message arrived: monotonic milliseconds for durations and timers, wall-clock
/// milliseconds for what a person reads (transcript times). Supplied by the runtime, so
/// `update` never reads a clock.
public struct Timestamp: Sendable, Hashable {
    public var monotonic: Int64
    public var wall: Int64

    public init(monotonic: Int64, wall: Int64 = 0) {
        self.monotonic = monotonic
        self.wall = wall
    }

    /// Milliseconds since `earlier` on the monotonic clock.
    public func since(_ earlier: Timestamp) -> Int64 { monotonic - earlier.monotonic }
}
