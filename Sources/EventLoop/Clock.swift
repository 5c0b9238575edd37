import CSystem

/// A source of monotonic time; injected so tests can drive timers deterministically.
public protocol MonotonicClock: AnyObject {
    /// The current instant; never goes backwards.
    func now() -> Instant
}

/// The system's CLOCK_MONOTONIC.
public final class SystemClock: MonotonicClock {
    /// A clock reading CLOCK_MONOTONIC.
    public init() {}

    /// The current CLOCK_MONOTONIC reading.
    public func now() -> Instant {
        Instant(nanoseconds: csystem_monotonic_ns())
    }
}

/// A clock that moves only when told to, for tests.
public final class ManualClock: MonotonicClock {
    private var current: Instant

    /// A clock standing at `start`.
    public init(start: Instant = .init(nanoseconds: 0)) {
        current = start
    }

    /// The instant the clock was last moved to.
    public func now() -> Instant {
        current
    }

    /// Moves the clock forward; negative durations are ignored to stay monotonic.
    public func advance(by duration: Duration) {
        guard duration > .zero else { return }
        current = current + duration
    }
}
