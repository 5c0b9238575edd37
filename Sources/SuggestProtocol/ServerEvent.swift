/// One suggestion: the text to show, and whatever else the server attached.
public struct Suggestion: Sendable, Equatable {
    public var text: String
    public var extra: [String: JSONValue]

    public init(text: String, extra: [String: JSONValue] = [:]) {
        self.text = text
        self.extra = extra
    }

    /// Fields that name an object suggestion, first found wins (PROTOCOL.md, Tolerance).
    public static let displayFields = ["title", "name", "text", "label", "query"]
}

/// The payload of a suggestions event.
public struct SuggestionsPayload: Sendable, Equatable {
    /// The query these answer; nil means a push for the current query.
    public var originalQuery: String?
    public var suggestions: [Suggestion]
    /// Server time in seconds, integer or float, when given.
    public var timestamp: Double?
    /// Items that had no displayable text (null, arrays, objects without a display field).
    public var skippedItems: Int

    public init(originalQuery: String?, suggestions: [Suggestion], timestamp: Double? = nil, skippedItems: Int = 0) {
        self.originalQuery = originalQuery
        self.suggestions = suggestions
        self.timestamp = timestamp
        self.skippedItems = skippedItems
    }
}

/// Why a server message could not be understood; the connection stays open.
public enum ProtocolViolation: Sendable, Equatable, CustomStringConvertible {
    case notJSON
    case notAnObject(kind: String)
    case badField(event: String, field: String, expected: String)

    public var description: String {
        switch self {
        case .notJSON: "message is not JSON"
        case .notAnObject(let kind): "message is \(kind), not a JSON object"
        case .badField(let event, let field, let expected): "\(event) event: \(field) should be \(expected)"
        }
    }
}

/// A message from the server, read tolerantly (PROTOCOL.md, "Tolerance").
public enum ServerEvent: Sendable, Equatable {
    case suggestions(SuggestionsPayload)
    case error(message: String)
    /// An unknown event, or an object without `event`: kept for the transcript, ignored by the result pane.
    case other(event: String?, value: JSONValue)
    /// Not understood at all: shown in the transcript as a protocol error.
    case malformed(ProtocolViolation)

    /// Reads one text message.
    public static func decode(_ text: String, names: ProtocolNames = .reference) -> ServerEvent {
        guard let value = try? JSONValue.parse(text) else { return .malformed(.notJSON) }
        guard case .object(let object) = value else { return .malformed(.notAnObject(kind: value.kind)) }
        let event = object["event"]?.stringValue
        switch event {
        case names.suggestionsEvent?: return decodeSuggestions(object, event: names.suggestionsEvent)
        case names.errorEvent?: return .error(message: errorMessage(object))
        default: return .other(event: event, value: value)
        }
    }

    private static func errorMessage(_ object: [String: JSONValue]) -> String {
        for candidate in [object["message"], object["payload"]?["message"], object["payload"]] {
            switch candidate {
            case .string(let s)?: return s
            case .number(let n)?: return JSONValue.format(n)
            default: continue
            }
        }
        return "(error event without a message)"
    }

    private static func decodeSuggestions(_ object: [String: JSONValue], event: String) -> ServerEvent {
        guard case .object(let payload)? = object["payload"] else {
            return .malformed(.badField(event: event, field: "payload", expected: "an object"))
        }
        guard case .array(let items)? = payload["suggestions"] else {
            return .malformed(.badField(event: event, field: "payload.suggestions", expected: "an array"))
        }
        var suggestions: [Suggestion] = []
        var skipped = 0
        for item in items {
            switch item {
            case .string(let s): suggestions.append(Suggestion(text: s))
            case .number(let n): suggestions.append(Suggestion(text: JSONValue.format(n)))
            case .object(let fields):
                let key = Suggestion.displayFields.first { fields[$0]?.stringValue != nil }
                if let key, let text = fields[key]?.stringValue {
                    suggestions.append(Suggestion(text: text, extra: fields.filter { $0.key != key }))
                } else {
                    skipped += 1
                }
            default: skipped += 1
            }
        }
        var original: String?
        switch payload["originalQuery"] {
        case .string(let s)?: original = s
        case .number(let n)?: original = JSONValue.format(n)
        default: original = nil
        }
        var timestamp: Double?
        if case .number(let t)? = payload["timestamp"] { timestamp = t }
        return .suggestions(SuggestionsPayload(originalQuery: original, suggestions: suggestions, timestamp: timestamp, skippedItems: skipped))
    }
}
