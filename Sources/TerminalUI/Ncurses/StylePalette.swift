import CNcursesw

/// Turns roles into ncurses attributes and colour pairs. Pairs are allocated the first time a
/// (foreground, background) combination is used, because terminals offer a limited number and
/// a theme uses few of them.
final class StylePalette {
    /// What ncurses needs to draw a role.
    struct Drawing: Equatable {
        var attributes: attr_t
        var pair: Int32
    }

    /// Colours the resolver may use: 0 without colour support.
    let paletteSize: Int
    private let defaultColorsAllowed: Bool
    private let maxPair: Int32
    private var resolver: TerminalStyleResolver
    private var roles: [Role: Drawing] = [:]
    private var pairs: [ColorPairKey: Int32] = [:]
    private var nextPair: Int32 = 1

    /// Call after `newterm`; `colorsEnabled` false keeps to attributes only (as `NO_COLOR`-like
    /// setups or monochrome terminals need).
    init(resolver: @escaping TerminalStyleResolver, colorsEnabled: Bool) {
        self.resolver = resolver
        if colorsEnabled, has_colors(), start_color() != wisp_err() {
            paletteSize = Int(wisp_colors())
            defaultColorsAllowed = use_default_colors() != wisp_err()
            maxPair = wisp_color_pairs() - 1
        } else {
            paletteSize = 0
            defaultColorsAllowed = true
            maxPair = 0
        }
    }

    /// Swaps the resolver (a new theme); pairs already made stay valid for reuse.
    func replaceResolver(_ resolver: @escaping TerminalStyleResolver) {
        self.resolver = resolver
        roles.removeAll()
    }

    func drawing(for role: Role) -> Drawing {
        if let drawing = roles[role] { return drawing }
        let style = resolver(role, paletteSize)
        let drawing = Drawing(attributes: Self.attributes(style.attributes), pair: pair(for: style))
        roles[role] = drawing
        return drawing
    }

    private func pair(for style: TerminalStyle) -> Int32 {
        guard paletteSize > 0 else { return 0 }
        var key = ColorPairKey(foreground: valid(style.foreground), background: valid(style.background))
        if key.foreground == -1, key.background == -1 { return 0 }
        if !defaultColorsAllowed {
            // Without use_default_colors, -1 is not a colour: fall back to the classic defaults.
            if key.foreground == -1 { key.foreground = 7 }
            if key.background == -1 { key.background = 0 }
        }
        if let pair = pairs[key] { return pair }
        guard nextPair <= maxPair, wisp_init_pair(nextPair, key.foreground, key.background) != wisp_err() else {
            return 0  // Out of pairs: the role keeps its attributes, loses its colour.
        }
        pairs[key] = nextPair
        nextPair += 1
        return nextPair - 1
    }

    /// An index the terminal does not have means "default", not an ncurses error.
    private func valid(_ index: Int) -> Int32 {
        (0..<paletteSize).contains(index) ? Int32(index) : -1
    }

    private static func attributes(_ attributes: TerminalAttributes) -> attr_t {
        var result = wisp_a_normal()
        if attributes.contains(.bold) { result |= wisp_a_bold() }
        if attributes.contains(.underline) { result |= wisp_a_underline() }
        if attributes.contains(.reverse) { result |= wisp_a_reverse() }
        if attributes.contains(.dim) { result |= wisp_a_dim() }
        if attributes.contains(.italic) { result |= wisp_a_italic() }
        return result
    }
}

private struct ColorPairKey: Hashable {
    var foreground: Int32
    var background: Int32
}
