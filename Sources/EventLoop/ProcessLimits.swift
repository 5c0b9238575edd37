import CSystem

/// Process-wide resource limits a server needs lifted.
public enum ProcessLimits {
    /// Raises the open-file limit to its hard maximum, so a server can hold thousands of
    /// connections; returns the limit now in force, or nil when it could not be read.
    @discardableResult
    public static func raiseOpenFileLimit() -> Int? {
        let limit = csystem_raise_nofile_limit()
        return limit < 0 ? nil : limit
    }

    /// Keeps large freed buffers in the heap for reuse: without it glibc maps and unmaps every
    /// multi-megabyte message buffer, and each page of it faults in again on first touch.
    public static func tuneAllocatorForLargeMessages() {
        csystem_tune_malloc()
    }
}
