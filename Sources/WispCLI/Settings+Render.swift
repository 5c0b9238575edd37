extension Settings {
    /// `wisp config`'s output: one `name = value   (source)` line per setting (one per value
    /// of header and subprotocol), aligned, credentials masked, values quoted as a config file
    /// would need them.
    public func rendered() -> String {
        let rows = SettingKey.allCases.flatMap(rows(for:))
        let width = rows.map { $0.setting.count }.max() ?? 0
        return rows.map { row in
            row.setting + String(repeating: " ", count: width - row.setting.count) + "   (" + Self.describe(row.source) + ")"
        }.joined(separator: "\n")
    }

    private func rows(for key: SettingKey) -> [(setting: String, source: SettingSource)] {
        func row(_ value: String, _ source: SettingSource) -> [(setting: String, source: SettingSource)] {
            [("\(key.rawValue) = \(value)", source)]
        }
        func text(_ s: Setting<String>) -> [(setting: String, source: SettingSource)] { row(Self.quoted(s.value), s.source) }
        func optional(_ s: Setting<String?>, unset: String) -> [(setting: String, source: SettingSource)] {
            row(s.value.map(Self.quoted) ?? unset, s.source)
        }
        func number(_ s: Setting<Int>) -> [(setting: String, source: SettingSource)] { row("\(s.value)", s.source) }
        func seconds(_ s: Setting<Duration>) -> [(setting: String, source: SettingSource)] { row(Self.seconds(s.value), s.source) }
        func bool(_ s: Setting<Bool>) -> [(setting: String, source: SettingSource)] { row("\(s.value)", s.source) }

        switch key {
        case .url: return row(Self.quoted(Secrets.url(url.value)), url.source)
        case .theme: return optional(theme, unset: "(automatic: default, or mono when NO_COLOR is set)")
        case .layout: return row(layout.value.rawValue, layout.source)
        case .debounce: return number(debounceMilliseconds)
        case .minChars: return number(minChars)
        case .token: return row(token.value == nil ? "(not set)" : Secrets.mask, token.source)
        case .header:
            guard !headers.isEmpty else { return row("(none)", .default) }
            return headers.flatMap { h in
                row(Self.quoted("\(h.value.name): \(Secrets.headerValue(h.value.value, name: h.value.name))"), h.source)
            }
        case .origin: return optional(origin, unset: "(not set)")
        case .subprotocol:
            guard !subprotocols.isEmpty else { return row("(none)", .default) }
            return subprotocols.flatMap { row(Self.quoted($0.value), $0.source) }
        case .cacert: return optional(cacert, unset: "(system trust store)")
        case .connectTimeout: return seconds(connectTimeout)
        case .pingInterval: return seconds(pingInterval)
        case .pongTimeout: return seconds(pongTimeout)
        case .maxMessageSize: return number(maxMessageSize)
        case .userAgent: return text(userAgent)
        case .queryType: return text(queryType)
        case .suggestionsEvent: return text(suggestionsEvent)
        case .errorEvent: return text(errorEvent)
        case .mouse: return bool(mouse)
        case .transcript: return bool(transcript)
        }
    }

    public static func describe(_ source: SettingSource) -> String {
        switch source {
        case .flag: "from the command line"
        case .environment(let name): "from $\(name)"
        case .config(let path, let line): "from \(path) line \(line)"
        case .default: "default"
        }
    }

    /// Quoted only when the config format needs it to read the value back unchanged.
    static func quoted(_ value: String) -> String {
        let needsQuotes = value.isEmpty || value.contains("#") || value.hasPrefix("\"") || value != value.trimmingWhitespace()
        guard needsQuotes else { return value }
        return "\"" + value.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"") + "\""
    }

    /// Seconds as a config file writes them: `10`, `0.25`.
    static func seconds(_ duration: Duration) -> String {
        let (s, atto) = duration.components
        let ms = s * 1000 + atto / 1_000_000_000_000_000
        guard ms % 1000 != 0 else { return "\(ms / 1000)" }
        var text = "\(ms / 1000)." + String("\(1000 + ms % 1000)".dropFirst())
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
