import CSystem

/// A failed system call and the errno it set.
public struct SystemError: Error, CustomStringConvertible, Hashable, Sendable {
    /// The call that failed, e.g. "poll".
    public let call: String
    /// The errno value the call reported.
    public let errno: Int32

    /// An error for `call` failing with `errno`.
    public init(call: String, errno: Int32) {
        self.call = call
        self.errno = errno
    }

    /// "poll failed: Invalid argument".
    public var description: String {
        "\(call) failed: \(errnoMessage(errno))"
    }

    /// An error for `call` with the calling thread's current errno.
    static func current(_ call: String) -> SystemError {
        SystemError(call: call, errno: csystem_errno())
    }
}

/// The C library's text for an errno value, e.g. "Connection refused".
func errnoMessage(_ code: Int32) -> String {
    withUnsafeTemporaryAllocation(of: CChar.self, capacity: 256) { buffer in
        String(cString: csystem_strerror(code, buffer.baseAddress, buffer.count))
    }
}
