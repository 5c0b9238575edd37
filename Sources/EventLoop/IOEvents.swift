import Glibc

/// Readiness of a file descriptor, as interest (what to watch) and as events (what happened).
public struct IOEvents: OptionSet, Hashable, Sendable, CustomStringConvertible {
    /// The bit set.
    public let rawValue: UInt8

    /// Events from raw bits.
    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// Data (or EOF, or a pending error) can be read.
    public static let readable = IOEvents(rawValue: 1 << 0)
    /// A write would not block.
    public static let writable = IOEvents(rawValue: 1 << 1)
    /// The peer hung up; always reported for a polled fd, whatever the interest.
    public static let hangup = IOEvents(rawValue: 1 << 2)
    /// An error is pending (or the fd is invalid); always reported for a polled fd.
    public static let error = IOEvents(rawValue: 1 << 3)

    /// What poll reports whether asked for or not.
    static let alwaysReported: IOEvents = [.hangup, .error]

    /// "[readable, writable]".
    public var description: String {
        let names: [(IOEvents, String)] = [(.readable, "readable"), (.writable, "writable"), (.hangup, "hangup"), (.error, "error")]
        return "[" + names.filter { contains($0.0) }.map(\.1).joined(separator: ", ") + "]"
    }

    /// The poll(2) request bits for this interest.
    var pollRequest: Int16 {
        var bits: Int32 = 0
        if contains(.readable) { bits |= POLLIN }
        if contains(.writable) { bits |= POLLOUT }
        return Int16(truncatingIfNeeded: bits)
    }

    /// Events from poll(2)'s `revents`.
    init(pollResult bits: Int16) {
        let value = Int32(bits)
        var events: IOEvents = []
        if value & (POLLIN | POLLPRI) != 0 { events.insert(.readable) }
        if value & POLLOUT != 0 { events.insert(.writable) }
        if value & POLLHUP != 0 { events.insert(.hangup) }
        if value & (POLLERR | POLLNVAL) != 0 { events.insert(.error) }
        self = events
    }
}
