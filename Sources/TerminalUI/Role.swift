/// What a cell shows, by meaning; a `Theme` turns roles into colours and attributes, so
/// `render` stays theme-free and tests compare roles, not escape codes.
public enum Role: String, CaseIterable, Sendable, Hashable {
    case normal
    case prompt
    case query
    case placeholder
    case cursor
    case spinner
    case suggestion
    case selected
    /// Query words inside a suggestion.
    case highlight
    /// Query words inside the selected suggestion.
    case selectedHighlight = "selected.highlight"
    case info
    case error
    case status
    case statusConnected = "status.connected"
    case statusDisconnected = "status.disconnected"
    case statusWarning = "status.warning"
    case transcriptTime = "transcript.time"
    case transcriptSent = "transcript.sent"
    case transcriptReceived = "transcript.received"
    case transcriptError = "transcript.error"
    case transcriptStale = "transcript.stale"
    case transcriptSelected = "transcript.selected"
    case border
    case title
    case overlay

    /// The theme key, as written in theme files.
    public var key: String { rawValue }
}
