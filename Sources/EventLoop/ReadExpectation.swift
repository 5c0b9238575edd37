/// What a reader knows about the bytes still to come, so that a stream can wake it less
/// often while a large message streams in. Only a hint: it never changes what is delivered.
public enum ReadExpectation: Equatable, Sendable {
    /// Between messages: wake for every arrival.
    case idle
    /// The peer is in the middle of a message and owes at least `promised` more bytes
    /// (what a frame header announced and has not arrived yet; 0 when only the message's
    /// end is unknown).
    case midMessage(promised: Int)

    /// `.midMessage(promised:)` for a number, `.idle` for nil.
    public init(promised: Int?) {
        self = if let promised { .midMessage(promised: promised) } else { .idle }
    }

    /// Bytes certainly still to come.
    public var promised: Int {
        if case .midMessage(let promised) = self { promised } else { 0 }
    }
}
