/// One line of the conversation with the server, as the transcript pane shows it.
public struct TranscriptEntry: Sendable, Equatable {
    public enum Direction: Sendable, Equatable {
        case sent, received, local
    }

    public enum Kind: Sendable, Equatable {
        case query(String)
        case suggestions(query: String?, count: Int, latency: Int64?, stale: Bool)
        case serverError(String)
        case unknownEvent(String?)
        case protocolError(String)
        case binary(bytes: Int)
        case connection(String)
    }

    /// Wall-clock milliseconds.
    public var time: Int64
    public var direction: Direction
    public var kind: Kind
    /// The whole message as it crossed the wire, for the detail view.
    public var raw: String?

    public init(time: Int64, direction: Direction, kind: Kind, raw: String? = nil) {
        self.time = time
        self.direction = direction
        self.kind = kind
        self.raw = raw
    }
}

/// The last `limit` transcript entries, oldest first.
public struct Transcript: Sendable, Equatable {
    public let limit: Int
    public private(set) var entries: [TranscriptEntry] = []
    /// How many entries were dropped from the front, so indexes stay meaningful to a reader.
    public private(set) var dropped = 0

    public init(limit: Int) { self.limit = max(1, limit) }

    public mutating func append(_ entry: TranscriptEntry) {
        entries.append(entry)
        // Drop in chunks so appending stays amortised O(1).
        if entries.count > limit + limit / 8 {
            let excess = entries.count - limit
            entries.removeFirst(excess)
            dropped += excess
        }
    }

    /// Entries visible to the user: the newest `limit`.
    public var visible: ArraySlice<TranscriptEntry> { entries.suffix(limit) }
}
