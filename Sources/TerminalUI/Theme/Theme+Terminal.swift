extension Theme {
    /// The theme as the ncurses backend asks for it: colours reduced to the terminal's
    /// palette (none on a monochrome terminal, where attributes alone carry the roles).
    public var terminalStyles: TerminalStyleResolver {
        { role, paletteSize in
            let style = self.style(for: role)
            return TerminalStyle(
                foreground: style.foreground.flatMap { $0.nearest(inPaletteOf: paletteSize) } ?? TerminalStyle.defaultColor,
                background: style.background.flatMap { $0.nearest(inPaletteOf: paletteSize) } ?? TerminalStyle.defaultColor,
                attributes: terminalAttributes(style.attributes))
        }
    }
}

private func terminalAttributes(_ a: Attributes) -> TerminalAttributes {
    var t: TerminalAttributes = []
    if a.contains(.bold) { t.insert(.bold) }
    if a.contains(.underline) { t.insert(.underline) }
    if a.contains(.reverse) { t.insert(.reverse) }
    if a.contains(.dim) { t.insert(.dim) }
    if a.contains(.italic) { t.insert(.italic) }
    return t
}
