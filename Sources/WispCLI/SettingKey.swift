/// A setting's name, as a config file key and (with `--`) as a long option.
public enum SettingKey: String, CaseIterable, Sendable {
    case url, theme, layout, debounce
    case minChars = "min-chars"
    case token, header, origin, subprotocol
    /// A PEM file of CAs to trust for wss:// instead of the system store.
    case cacert
    case connectTimeout = "connect-timeout"
    case pingInterval = "ping-interval"
    case pongTimeout = "pong-timeout"
    case maxMessageSize = "max-message-size"
    case userAgent = "user-agent"
    case queryType = "query-type"
    case suggestionsEvent = "suggestions-event"
    case errorEvent = "error-event"
    case mouse, transcript

    /// Keys that may appear many times and collect into a list.
    public var isRepeatable: Bool { self == .header || self == .subprotocol }

    /// The options that set it on the command line (`mouse` and `transcript` are only ever
    /// turned off there, by `--no-mouse` and `--no-transcript`, so they have no valued option).
    public var options: Set<String> {
        switch self {
        case .header: ["-H", "--header"]
        case .mouse, .transcript: []
        default: ["--" + rawValue]
        }
    }

    /// The environment variable that sets it, for the settings people keep out of files or history.
    public var environmentVariable: String? {
        switch self {
        case .url: "WISP_URL"
        case .token: "WISP_TOKEN"
        case .theme: "WISP_THEME"
        default: nil
        }
    }
}

/// What a setting's value must look like, as the end of "debounce must be …, got …".
struct Requirement: Error, Equatable {
    let text: String
}

/// Parses the text of each kind of setting; the config file and the command line share these
/// so a value means the same wherever it is written.
enum SettingValue {
    static let debounceRange = 0...10_000
    static let minCharsRange = 1...100
    static let messageSizeRange = 125...(1 << 40)

    static func text(_ raw: String) throws(Requirement) -> String {
        guard !raw.isEmpty else { throw Requirement(text: "needs a value") }
        return raw
    }

    static func layout(_ raw: String) throws(Requirement) -> Settings.Layout {
        guard let layout = Settings.Layout(rawValue: raw) else { throw Requirement(text: "must be bottom or top") }
        return layout
    }

    static func whole(_ raw: String, unit: String, range: ClosedRange<Int>) throws(Requirement) -> Int {
        guard let n = Int(raw) else { throw Requirement(text: "must be a whole number of \(unit)") }
        guard range.contains(n) else { throw Requirement(text: "must be from \(range.lowerBound) to \(range.upperBound) \(unit)") }
        return n
    }

    static func seconds(_ raw: String) throws(Requirement) -> Duration {
        guard let s = Double(raw), s.isFinite else { throw Requirement(text: "must be a number of seconds") }
        guard s >= 0, s < 1e6 else { throw Requirement(text: "must be from 0 to 999999 seconds") }
        return .milliseconds(Int64((s * 1000).rounded()))
    }

    static func bool(_ raw: String) throws(Requirement) -> Bool {
        switch raw {
        case "true": return true
        case "false": return false
        default: throw Requirement(text: "must be true or false")
        }
    }

    static func header(_ raw: String) throws(Requirement) -> Settings.Header {
        guard let colon = raw.firstIndex(of: ":"), colon != raw.startIndex else { throw Requirement(text: "must look like \"Name: value\"") }
        let name = String(raw[..<colon])
        guard !name.contains(where: { $0 == " " || $0 == "\t" }) else { throw Requirement(text: "must look like \"Name: value\"") }
        return Settings.Header(name: name, value: String(raw[raw.index(after: colon)...]).trimmingWhitespace())
    }

    /// Checks `raw` as a value of `key`, for the config parser, which keeps the text.
    static func check(_ raw: String, as key: SettingKey) throws(Requirement) {
        switch key {
        case .layout: _ = try layout(raw)
        case .debounce: _ = try whole(raw, unit: "milliseconds", range: debounceRange)
        case .minChars: _ = try whole(raw, unit: "characters", range: minCharsRange)
        case .maxMessageSize: _ = try whole(raw, unit: "bytes", range: messageSizeRange)
        case .connectTimeout, .pingInterval, .pongTimeout: _ = try seconds(raw)
        case .mouse, .transcript: _ = try bool(raw)
        case .header: _ = try header(raw)
        case .url, .theme, .token, .origin, .subprotocol, .cacert, .userAgent, .queryType, .suggestionsEvent, .errorEvent: _ = try text(raw)
        }
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
