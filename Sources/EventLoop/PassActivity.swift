/// What the sockets of a reactor did during one pass, as far as it decides whether the
/// reactor gives up the CPU before it next blocks in poll (see `Reactor.runOnce`).
enum PassActivity: Equatable {
    /// Nothing was read, or nothing was read yet.
    case quiet
    /// A socket read bytes.
    case read
    /// A socket read bytes and the application then wrote: one turn of an exchange in which
    /// the peer is now runnable and owes answers.
    case answered

    mutating func noteRead() {
        if self == .quiet { self = .read }
    }

    mutating func noteWrite() {
        if self == .read { self = .answered }
    }
}
