/// What the client sends.
public enum ClientMessage: Sendable, Equatable {
    case query(String)

    /// `{"type":"productSearchQuery","payload":{"query":"…"}}`, with the configured type name.
    public func encoded(names: ProtocolNames = .reference) -> String {
        switch self {
        case .query(let q):
            JSONWriter.object([("type", JSONWriter.string(names.queryType)),
                               ("payload", JSONWriter.object([("query", JSONWriter.string(q))]))])
        }
    }
}

extension ClientMessage {
    /// `s` as a JSON string literal, control characters escaped (for JSON written by hand).
    public static func jsonString(_ s: String) -> String { JSONWriter.string(s) }
}

/// What the server sends, written the way the reference handler's `json_encode` orders it.
public enum ServerMessage: Sendable, Equatable {
    case suggestions(originalQuery: String, suggestions: [String], timestamp: Int)
    case error(String)

    public func encoded(names: ProtocolNames = .reference) -> String {
        switch self {
        case .suggestions(let query, let items, let timestamp):
            JSONWriter.object([
                ("event", JSONWriter.string(names.suggestionsEvent)),
                ("payload", JSONWriter.object([
                    ("originalQuery", JSONWriter.string(query)),
                    ("suggestions", "[" + items.map(JSONWriter.string).joined(separator: ",") + "]"),
                    ("timestamp", String(timestamp)),
                ])),
            ])
        case .error(let message):
            JSONWriter.object([("event", JSONWriter.string(names.errorEvent)), ("message", JSONWriter.string(message))])
        }
    }

    public static let emptyQuery = ServerMessage.error("Empty query.")
    public static let unknownType = ServerMessage.error("Unknown message type.")
    public static let serviceUnavailable = ServerMessage.error("AI service currently unavailable.")
}

/// A client message as the reference handler reads it (seeds: `RealtimeAIHandler::onMessage`).
public enum ClientRequest: Sendable, Equatable {
    /// A query to answer.
    case query(String)
    /// `productSearchQuery` whose query is missing or empty: answer "Empty query.".
    case emptyQuery
    /// A `type` the server does not know: answer "Unknown message type.".
    case unknownType(String)
    /// Malformed JSON, not an object, or no `type`: the reference sends nothing back.
    case ignored

    public static func decode(_ text: String, names: ProtocolNames = .reference) -> ClientRequest {
        guard let value = try? JSONValue.parse(text), case .object(let object) = value else { return .ignored }
        guard let type = object["type"], type != .null else { return .ignored }
        guard type.stringValue == names.queryType else {
            switch type {
            case .string(let s): return .unknownType(s)
            case .number(let n): return .unknownType(JSONValue.format(n))
            default: return .unknownType(type.kind)
            }
        }
        switch object["payload"]?["query"] {
        // PHP's empty() also counts "0" as empty; the reference answers it with "Empty query.".
        case .string(let q)? where !q.isEmpty && q != "0": return .query(q)
        case .number(let n)? where n != 0: return .query(JSONValue.format(n))
        default: return .emptyQuery
        }
    }
}
