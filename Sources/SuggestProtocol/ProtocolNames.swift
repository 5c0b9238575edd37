/// The message names of the protocol, settable for near-compatible servers that renamed them.
public struct ProtocolNames: Sendable, Equatable {
    public var queryType: String
    public var suggestionsEvent: String
    public var errorEvent: String

    public init(queryType: String = "productSearchQuery", suggestionsEvent: String = "aiSuggestions", errorEvent: String = "error") {
        self.queryType = queryType
        self.suggestionsEvent = suggestionsEvent
        self.errorEvent = errorEvent
    }

    /// The names of the reference design.
    public static let reference = ProtocolNames()
}
