import SuggestProtocol

/// The suggestions pane's state.
public enum Results: Sendable, Equatable {
    /// The query is too short to send (or empty).
    case tooShort
    /// A query was sent and no answer has come yet.
    case waiting(query: String, since: Int64)
    /// The answer to `query`; empty means "No suggestions".
    case answered(query: String, latency: Int64?)
    /// Long enough to send, but there is no connection: it goes out once there is one.
    case notSent(query: String)
    /// The server answered `query` with an error event (the error line says which).
    case failed(query: String)
}

/// What has the keyboard.
public enum Focus: Sendable, Equatable {
    case search
    /// Moving through the transcript; `index` counts from the newest entry (0).
    case transcript(index: Int)
}

/// What covers the screen, if anything.
public enum Overlay: Sendable, Equatable {
    case none
    case help
    /// The whole message of a transcript entry, pretty-printed.
    case detail(entry: TranscriptEntry, scroll: Int)
}

/// The whole state of the interface; `update` is the only thing that changes it.
public struct AppModel: Sendable, Equatable {
    public let config: AppConfig
    public var editor = LineEditor()
    public var width: Int
    public var height: Int
    public var connection: ConnectionState = .connecting(attempt: 1)
    public var results: Results = .tooShort
    /// The suggestions of the current query.
    public var suggestions: [Suggestion] = []
    /// Index into `suggestions`; nil until the user moves into the list (Enter then prints the query).
    public var selected: Int?
    /// First visible list position.
    public var scroll = 0
    public var errorLine: String?
    public var transcript: Transcript
    public var showTranscript: Bool
    public var focus: Focus = .search
    public var overlay: Overlay = .none
    /// The last query sent and when, for stale checks and latency.
    public var lastSent: (query: String, at: Int64)?
    /// The last measured query round trip, for the status bar.
    public var lastLatency: Int64?
    public var spinnerFrame = 0
    public var spinnerVisible = false
    /// Bumped on every query edit; a debounce timer of an older generation is stale.
    public var generation = 0
    public var reconnectAttempt = 0
    public var reconnectPolicy: ReconnectPolicy
    public var connectedSince: Int64?
    /// Monotonic time of the latest message, so the view can count down without a clock.
    public var clock: Int64 = 0

    public init(config: AppConfig, width: Int, height: Int) {
        self.config = config
        self.width = width
        self.height = height
        transcript = Transcript(limit: config.transcriptLimit)
        showTranscript = config.showTranscript
        reconnectPolicy = ReconnectPolicy(seed: config.reconnectSeed)
    }

    public static func == (a: AppModel, b: AppModel) -> Bool {
        a.config == b.config && a.editor == b.editor && a.width == b.width && a.height == b.height
            && a.connection == b.connection && a.results == b.results && a.suggestions == b.suggestions
            && a.selected == b.selected && a.scroll == b.scroll && a.errorLine == b.errorLine
            && a.transcript == b.transcript && a.showTranscript == b.showTranscript && a.focus == b.focus
            && a.overlay == b.overlay && a.lastSent?.query == b.lastSent?.query && a.lastSent?.at == b.lastSent?.at
            && a.lastLatency == b.lastLatency && a.spinnerFrame == b.spinnerFrame && a.spinnerVisible == b.spinnerVisible
            && a.generation == b.generation && a.reconnectAttempt == b.reconnectAttempt
            && a.reconnectPolicy == b.reconnectPolicy && a.connectedSince == b.connectedSince && a.clock == b.clock
    }

    /// The layout for the current size and toggles.
    public var layout: Layout {
        Layout.compute(width: width, height: height, mode: config.layout, showTranscript: showTranscript, hasError: errorLine != nil)
    }

    /// The query as it would be sent: trimmed.
    public var trimmedQuery: String {
        String(editor.text.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }

    /// Long enough to send: more than `minChars - 1` user-perceived characters once trimmed.
    public var queryIsSendable: Bool { trimmedQuery.count >= config.minChars }
}
