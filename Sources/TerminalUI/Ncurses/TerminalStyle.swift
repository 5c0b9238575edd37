/// How one role is drawn on this terminal: palette indexes (-1 for the terminal's own
/// default colour) and attributes. The app maps its `Theme` to this for the palette size the
/// screen reports, so the backend needs no knowledge of themes.
public struct TerminalStyle: Hashable, Sendable {
    /// The terminal's default foreground or background.
    public static let defaultColor = -1

    public var foreground: Int
    public var background: Int
    public var attributes: TerminalAttributes

    public init(foreground: Int = defaultColor, background: Int = defaultColor, attributes: TerminalAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// Default colours, no attributes.
    public static let plain = TerminalStyle()
}

/// Text attributes a terminal may support; unsupported ones are silently ignored by ncurses.
public struct TerminalAttributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = TerminalAttributes(rawValue: 1 << 0)
    public static let underline = TerminalAttributes(rawValue: 1 << 1)
    public static let reverse = TerminalAttributes(rawValue: 1 << 2)
    public static let dim = TerminalAttributes(rawValue: 1 << 3)
    public static let italic = TerminalAttributes(rawValue: 1 << 4)
}

/// Answers the style of a role for a terminal with `paletteSize` colours (0 when it has no
/// colour, else typically 8, 16, 88 or 256). Called once per role and palette, then cached.
public typealias TerminalStyleResolver = (_ role: Role, _ paletteSize: Int) -> TerminalStyle
