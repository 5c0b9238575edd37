extension Settings {
    /// The effective settings: flags > environment (`WISP_URL`, `WISP_TOKEN`, `WISP_THEME`; empty
    /// ones are ignored) > config file > defaults. A repeatable setting (header, subprotocol)
    /// comes whole from the highest source that has any. `commandLineURL` is the URL argument of
    /// commands that take one; options the command did not declare simply never appear in `arguments`.
    public static func resolve(arguments: Arguments, environment: [String: String], config: ConfigFile?,
                               commandLineURL: String? = nil, defaultUserAgent: String = "wisp") throws(UsageError) -> Settings {
        let r = Resolver(arguments: arguments, environment: environment, config: config, commandLineURL: commandLineURL)
        var s = Settings.defaults(userAgent: defaultUserAgent)
        s.url = try r.single(.url, SettingValue.text) ?? s.url
        s.theme = try r.single(.theme, SettingValue.text).map { Setting($0.value, from: $0.source) } ?? s.theme
        s.layout = try r.single(.layout, SettingValue.layout) ?? s.layout
        s.debounceMilliseconds = try r.single(.debounce) { raw throws(Requirement) in
            try SettingValue.whole(raw, unit: "milliseconds", range: SettingValue.debounceRange)
        } ?? s.debounceMilliseconds
        s.minChars = try r.single(.minChars) { raw throws(Requirement) in
            try SettingValue.whole(raw, unit: "characters", range: SettingValue.minCharsRange)
        } ?? s.minChars
        s.token = try r.single(.token, SettingValue.text).map { Setting($0.value, from: $0.source) } ?? s.token
        s.headers = try r.list(.header, SettingValue.header)
        s.origin = try r.single(.origin, SettingValue.text).map { Setting($0.value, from: $0.source) } ?? s.origin
        s.subprotocols = try r.list(.subprotocol, SettingValue.text)
        s.cacert = try r.single(.cacert, SettingValue.text).map { Setting($0.value, from: $0.source) } ?? s.cacert
        s.connectTimeout = try r.single(.connectTimeout, SettingValue.seconds) ?? s.connectTimeout
        s.pingInterval = try r.single(.pingInterval, SettingValue.seconds) ?? s.pingInterval
        s.pongTimeout = try r.single(.pongTimeout, SettingValue.seconds) ?? s.pongTimeout
        s.maxMessageSize = try r.single(.maxMessageSize) { raw throws(Requirement) in
            try SettingValue.whole(raw, unit: "bytes", range: SettingValue.messageSizeRange)
        } ?? s.maxMessageSize
        s.userAgent = try r.single(.userAgent, SettingValue.text) ?? s.userAgent
        s.queryType = try r.single(.queryType, SettingValue.text) ?? s.queryType
        s.suggestionsEvent = try r.single(.suggestionsEvent, SettingValue.text) ?? s.suggestionsEvent
        s.errorEvent = try r.single(.errorEvent, SettingValue.text) ?? s.errorEvent
        s.mouse = try r.switchable(.mouse, offFlag: "--no-mouse") ?? s.mouse
        s.transcript = try r.switchable(.transcript, offFlag: "--no-transcript") ?? s.transcript
        return s
    }
}

/// Finds each setting's text in the highest source that has it and parses it there, so an
/// error names the flag, variable or config line the bad text came from.
private struct Resolver {
    let arguments: Arguments
    let environment: [String: String]
    let config: ConfigFile?
    let commandLineURL: String?

    /// A raw value and where it came from.
    private typealias Found = (text: String, source: SettingSource)

    private func candidates(_ key: SettingKey) -> [Found] {
        let flags = arguments.all(anyOf: key.options) + (key == .url ? [commandLineURL].compactMap { $0 } : [])
        if !flags.isEmpty { return flags.map { ($0, .flag) } }
        if let name = key.environmentVariable, let text = environment[name], !text.isEmpty { return [(text, .environment(name))] }
        guard let config else { return [] }
        return config.entries(for: key).map { ($0.value, .config(path: config.path, line: $0.line)) }
    }

    func single<T>(_ key: SettingKey, _ parse: (String) throws(Requirement) -> T) throws(UsageError) -> Setting<T>? {
        guard let found = candidates(key).last else { return nil }
        return Setting(try value(found, of: key, parse), from: found.source)
    }

    func list<T>(_ key: SettingKey, _ parse: (String) throws(Requirement) -> T) throws(UsageError) -> [Setting<T>] {
        var settings: [Setting<T>] = []
        for found in candidates(key) { settings.append(Setting(try value(found, of: key, parse), from: found.source)) }
        return settings
    }

    /// `mouse` and `transcript`: a `--no-…` flag turns them off; otherwise the config may.
    func switchable(_ key: SettingKey, offFlag: String) throws(UsageError) -> Setting<Bool>? {
        if arguments.flag(offFlag) { return Setting(false, from: .flag) }
        return try single(key, SettingValue.bool)
    }

    private func value<T>(_ found: Found, of key: SettingKey, _ parse: (String) throws(Requirement) -> T) throws(UsageError) -> T {
        do throws(Requirement) {
            return try parse(found.text)
        } catch {
            let message = switch found.source {
            case .flag: "--\(key.rawValue) \(error.text), got '\(found.text)'"
            case .environment(let name): "$\(name) \(error.text), got '\(found.text)'"
            case .config(let path, let line): "\(path) line \(line): \(key.rawValue) \(error.text), got \"\(found.text)\""
            case .default: "\(key.rawValue) \(error.text), got '\(found.text)'"
            }
            throw UsageError(message: message, command: arguments.command)
        }
    }
}
