import SuggestProtocol

extension TranscriptEntry {
    /// The entry as one JSON Lines record (what Ctrl-S saves): time, direction, kind, its fields,
    /// and the raw message as it crossed the wire.
    public var jsonLine: String {
        var fields: [(String, String)] = [("t", String(time)), ("direction", quote(direction.name))]
        switch kind {
        case .query(let q):
            fields += [("kind", quote("query")), ("query", quote(q))]
        case .suggestions(let query, let count, let latency, let stale):
            fields += [("kind", quote("suggestions")), ("query", query.map(quote) ?? "null"), ("count", String(count)),
                       ("latency_ms", latency.map(String.init) ?? "null"), ("stale", stale ? "true" : "false")]
        case .serverError(let message):
            fields += [("kind", quote("error")), ("message", quote(message))]
        case .unknownEvent(let event):
            fields += [("kind", quote("unknown")), ("event", event.map(quote) ?? "null")]
        case .protocolError(let description):
            fields += [("kind", quote("protocol_error")), ("description", quote(description))]
        case .binary(let bytes):
            fields += [("kind", quote("binary")), ("size", String(bytes))]
        case .connection(let text):
            fields += [("kind", quote("connection")), ("text", quote(text))]
        }
        if let raw { fields.append(("raw", quote(raw))) }
        return "{" + fields.map { quote($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }

    private func quote(_ s: String) -> String {
        ClientMessage.jsonString(s)
    }
}

extension TranscriptEntry.Direction {
    var name: String {
        switch self {
        case .sent: "sent"
        case .received: "received"
        case .local: "local"
        }
    }
}
