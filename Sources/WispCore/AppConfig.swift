import SuggestProtocol

/// Where the search box sits: at the bottom like irssi and fzf's default, or on top (fzf's `--layout=reverse`).
public enum LayoutMode: String, Sendable, Equatable {
    case bottom
    case top
}

/// The interface's settings, fixed for a session.
public struct AppConfig: Sendable, Equatable {
    /// The server URL as shown in the status bar.
    public var url: String
    /// The embedded demo server is the peer (the status bar says so).
    public var isDemo: Bool = false
    public var debounceMilliseconds: Int64 = 150
    /// Queries are sent only when the trimmed text has more than `minChars - 1` characters (default: more than 2).
    public var minChars: Int = 3
    public var layout: LayoutMode = .bottom
    public var showTranscript: Bool = true
    public var mouse: Bool = true
    public var transcriptLimit: Int = 10_000
    /// An answer slower than this shows the spinner.
    public var spinnerDelayMilliseconds: Int64 = 200
    public var spinnerIntervalMilliseconds: Int64 = 100
    public var names: ProtocolNames = .reference
    /// `--insecure` is in force (TLS verification off): the status bar warns for the whole session.
    public var insecure: Bool = false
    public var reconnectSeed: UInt64 = 0x71_5B
    /// Local time's offset from UTC, for transcript times (the runtime reads it once at start).
    public var utcOffsetSeconds: Int = 0

    public init(url: String) { self.url = url }
}
