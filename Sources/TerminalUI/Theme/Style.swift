/// Text attributes a terminal can combine with colours.
public struct Attributes: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = Attributes(rawValue: 1 << 0)
    public static let underline = Attributes(rawValue: 1 << 1)
    public static let reverse = Attributes(rawValue: 1 << 2)
    public static let dim = Attributes(rawValue: 1 << 3)
    public static let italic = Attributes(rawValue: 1 << 4)

    /// Each attribute with its spelling in theme files, in the order files list them.
    public static let names: [(name: String, attribute: Attributes)] = [
        ("bold", .bold), ("underline", .underline), ("reverse", .reverse), ("dim", .dim), ("italic", .italic),
    ]
}

/// How a role is drawn; a nil colour means "as `normal`" inside a theme and "the
/// terminal's default" once resolved by `Theme.style(for:)`.
public struct Style: Sendable, Hashable {
    public var foreground: Color?
    public var background: Color?
    public var attributes: Attributes

    public init(foreground: Color? = nil, background: Color? = nil, attributes: Attributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// This style drawn over `base`: its colours where it has them, `base`'s elsewhere,
    /// and the attributes of both.
    public func layered(over base: Style) -> Style {
        Style(foreground: foreground ?? base.foreground,
              background: background ?? base.background,
              attributes: attributes.union(base.attributes))
    }
}
