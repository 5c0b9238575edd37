#if canImport(Glibc)
import Glibc
#endif

/// A `Screen` for tests: a fixed size until `resize(to:)`, every presented frame kept, keys
/// handed out from a queue. Its `inputFD` is a pipe that is readable exactly while keys are
/// queued, so a poll-based runtime can be driven by it as by a terminal.
public final class RecordingScreen: Screen {
    public private(set) var size: (width: Int, height: Int)
    public var inputFD: Int32 { pipeFDs[0] }

    /// Every frame passed to `present`, oldest first.
    public private(set) var frames: [Frame] = []
    /// How often `invalidate` was called (Ctrl-L).
    public private(set) var invalidations = 0
    /// How often `resized` was called (SIGWINCH).
    public private(set) var resizes = 0
    public private(set) var isShutDown = false

    /// The latest frame presented.
    public var lastFrame: Frame? { frames.last }
    /// Whether keys wait to be read.
    public var hasQueuedKeys: Bool { !batches.isEmpty }

    private var batches: [[Key]] = []
    private var pipeFDs: [Int32] = [-1, -1]

    public init(width: Int = 80, height: Int = 24) {
        size = (width, height)
        if pipe(&pipeFDs) != 0 { pipeFDs = [-1, -1] }
        // Non-blocking both ways: a test that queues without reading must never hang.
        for fd in pipeFDs where fd >= 0 { _ = fcntl(fd, F_SETFL, O_NONBLOCK) }
    }

    deinit {
        for fd in pipeFDs where fd >= 0 { close(fd) }
    }

    /// Queues keys that arrive together: one `readKeys()` returns them all.
    public func queue(_ keys: [Key]) {
        guard !keys.isEmpty else { return }
        batches.append(keys)
        signal()
    }

    /// Queues keys that arrive together: one `readKeys()` returns them all.
    public func queue(_ keys: Key...) {
        queue(keys)
    }

    /// Queues each character of `text` as a `.character` key, all in one read.
    public func type(_ text: String) {
        queue(text.map(Key.character))
    }

    /// Changes the size the terminal has; `resized()` then reports it, as after SIGWINCH.
    public func resize(to width: Int, _ height: Int) {
        size = (width, height)
    }

    public func present(_ frame: Frame) {
        guard !isShutDown else { return }
        frames.append(frame)
    }

    /// The oldest queued batch of keys, or nothing.
    public func readKeys() -> [Key] {
        guard !batches.isEmpty else { return [] }
        drainSignal()
        return batches.removeFirst()
    }

    public func resized() -> (width: Int, height: Int) {
        resizes += 1
        return size
    }

    public func invalidate() {
        invalidations += 1
    }

    public func shutdown() {
        isShutDown = true
    }

    // One byte per queued batch: readable exactly while keys wait.
    private func signal() {
        guard pipeFDs[1] >= 0 else { return }
        var byte: UInt8 = 1
        _ = write(pipeFDs[1], &byte, 1)
    }

    private func drainSignal() {
        guard pipeFDs[0] >= 0 else { return }
        var byte: UInt8 = 0
        _ = read(pipeFDs[0], &byte, 1)
    }
}
