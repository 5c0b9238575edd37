/// The themes compiled into wisp: `default` (dark), `light`, `high-contrast`, `mono`.
public enum BuiltinThemes {
    /// Their names, in the order `--help` lists them.
    public static var names: [String] { sources.map(\.name) }

    /// The theme file text of a built-in theme.
    public static func source(named name: String) -> String? {
        sources.first { $0.name == name }?.text
    }

    /// A built-in theme, parsed; nil for an unknown name. Parsed on each call, not cached,
    /// so a built-in may `inherits` another without a re-entrant static initialiser.
    public static func theme(named name: String) -> Theme? {
        guard let text = source(named: name) else { return nil }
        return try? Theme.parse(text, name: name, file: "\(name).theme")
    }

    /// The fallback when a theme cannot be loaded. The built-in text is tested to parse;
    /// the empty theme behind `??` still draws readably through `Theme.style(for:)`.
    public static var fallback: Theme {
        theme(named: "default") ?? Theme(name: "default", styles: [:])
    }
}
