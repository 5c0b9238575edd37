import CSystem

/// Process signal setup that must happen before a reactor handles signals.
public enum Signals {
    /// Blocks `signals` on the calling thread; threads started afterwards
    /// inherit the mask, so call this at the start of `main`.
    public static func block(_ signals: [Int32]) {
        _ = signals.withUnsafeBufferPointer { csystem_block_signals($0.baseAddress, Int32($0.count)) }
    }

    /// Unblocks `signals` on the calling thread; a pending one is delivered at once.
    public static func unblock(_ signals: [Int32]) {
        _ = signals.withUnsafeBufferPointer { csystem_unblock_signals($0.baseAddress, Int32($0.count)) }
    }

    /// Ignores SIGPIPE process-wide, as a second line of defence behind MSG_NOSIGNAL.
    public static func ignoreSIGPIPE() {
        csystem_ignore_sigpipe()
    }

    /// Sends `signal` to the calling thread only (pthread_kill), e.g. in tests,
    /// where a process-directed signal could land on a thread that does not block it.
    public static func raiseOnCurrentThread(_ signal: Int32) {
        _ = csystem_signal_to_current_thread(signal)
    }
}
