/// A named set of styles, one per UI role; roles it leaves out fall back to related ones.
public struct Theme: Sendable, Equatable {
    public var name: String
    /// The styles the theme sets, as written (see `style(for:)` for what is drawn).
    public var styles: [Role: Style]

    public init(name: String, styles: [Role: Style]) {
        self.name = name
        self.styles = styles
    }

    /// What `role` is drawn with. A role's style is whole: its attributes are exactly its
    /// own, and only the colours it leaves out come from `normal`, so a theme sets a
    /// background once. A role the theme does not set falls back to a related one:
    /// `selected.highlight` to `highlight` over `selected`; `status.*` to `status`;
    /// `transcript.error` to `error` and `transcript.selected` to `selected`; other
    /// `transcript.*` to `normal`; `spinner` to `info`; and, so that an incomplete theme
    /// still shows them, `selected` and `cursor` to reverse video, `highlight` and `title`
    /// to bold, `error` to bold reverse, `placeholder` to dim; the rest to `normal`.
    public func style(for role: Role) -> Style {
        let normal = styles[.normal] ?? Style()
        guard role != .normal else { return normal }
        let own = declared(role)
        return Style(foreground: own.foreground ?? normal.foreground,
                     background: own.background ?? normal.background,
                     attributes: own.attributes)
    }

    /// The role's own style or its fallback, before `normal` fills in colours.
    private func declared(_ role: Role) -> Style {
        if let style = styles[role] { return style }
        switch role {
        case .selectedHighlight: return declared(.highlight).layered(over: declared(.selected))
        case .statusConnected, .statusDisconnected, .statusWarning: return declared(.status)
        case .transcriptError: return declared(.error)
        case .transcriptSelected: return declared(.selected)
        case .spinner: return declared(.info)
        case .selected, .cursor: return Style(attributes: .reverse)
        case .highlight, .title: return Style(attributes: .bold)
        case .error: return Style(attributes: [.bold, .reverse])
        case .placeholder: return Style(attributes: .dim)
        default: return Style()
        }
    }
}
