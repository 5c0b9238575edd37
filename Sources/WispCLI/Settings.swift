/// Where a setting's value came from, for `wisp config` and for error messages.
public enum SettingSource: Equatable, Sendable {
    case flag
    case environment(String)
    case config(path: String, line: Int)
    case `default`
}

/// One setting's value and its source.
public struct Setting<Value: Equatable & Sendable>: Equatable, Sendable {
    public var value: Value
    public var source: SettingSource
    public init(_ value: Value, from source: SettingSource) {
        self.value = value
        self.source = source
    }
}

/// Every setting of the interface and the connection, resolved from flags, environment,
/// config file and defaults (see `resolve`), each with where it came from.
public struct Settings: Equatable, Sendable {
    /// Where the search box sits.
    public enum Layout: String, Equatable, Sendable { case bottom, top }

    /// One extra handshake header.
    public struct Header: Equatable, Sendable {
        public var name: String
        public var value: String
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public var url: Setting<String>
    /// nil lets the theme loader choose (`default`, or `mono` under NO_COLOR).
    public var theme: Setting<String?>
    public var layout: Setting<Layout>
    public var debounceMilliseconds: Setting<Int>
    public var minChars: Setting<Int>
    public var token: Setting<String?>
    /// Each header keeps its own source, since config lines differ.
    public var headers: [Setting<Header>]
    public var origin: Setting<String?>
    public var subprotocols: [Setting<String>]
    /// nil trusts the system store.
    public var cacert: Setting<String?>
    public var connectTimeout: Setting<Duration>
    /// Zero turns keepalive pings off.
    public var pingInterval: Setting<Duration>
    public var pongTimeout: Setting<Duration>
    public var maxMessageSize: Setting<Int>
    public var userAgent: Setting<String>
    public var queryType: Setting<String>
    public var suggestionsEvent: Setting<String>
    public var errorEvent: Setting<String>
    public var mouse: Setting<Bool>
    public var transcript: Setting<Bool>

    /// The built-in defaults; `userAgent` is the caller's because only it knows the version.
    public static func defaults(userAgent: String) -> Settings {
        Settings(
            url: Setting("ws://localhost:6001/ws", from: .default),
            theme: Setting(nil, from: .default),
            layout: Setting(.bottom, from: .default),
            debounceMilliseconds: Setting(150, from: .default),
            minChars: Setting(3, from: .default),
            token: Setting(nil, from: .default),
            headers: [],
            origin: Setting(nil, from: .default),
            subprotocols: [],
            cacert: Setting(nil, from: .default),
            connectTimeout: Setting(.seconds(10), from: .default),
            pingInterval: Setting(.seconds(20), from: .default),
            pongTimeout: Setting(.seconds(10), from: .default),
            maxMessageSize: Setting(64 << 20, from: .default),
            userAgent: Setting(userAgent, from: .default),
            queryType: Setting("productSearchQuery", from: .default),
            suggestionsEvent: Setting("aiSuggestions", from: .default),
            errorEvent: Setting("error", from: .default),
            mouse: Setting(true, from: .default),
            transcript: Setting(true, from: .default)
        )
    }

    /// The handshake headers to send: the `-H` headers, then `Authorization: Bearer` for the token.
    public var handshakeHeaders: [Header] {
        headers.map(\.value) + (token.value.map { [Header(name: "Authorization", value: "Bearer \($0)")] } ?? [])
    }
}

extension Setting where Value == String? {
    /// A file path as the person meant it: `~/` is the home directory, and a relative path in
    /// the config file is relative to that file's folder (not to wherever wisp was started).
    public func resolvedPath(environment: [String: String]) -> String? {
        guard let raw = value else { return nil }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 }
        func expandHome(_ path: String) -> String {
            guard path == "~" || path.hasPrefix("~/"), let home else { return path }
            return home + path.dropFirst()
        }
        let path = expandHome(raw)
        guard !path.hasPrefix("/"), case .config(let file, _) = source else { return path }
        let folder = expandHome(file).split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        return folder.isEmpty ? path : folder + "/" + path
    }
}
