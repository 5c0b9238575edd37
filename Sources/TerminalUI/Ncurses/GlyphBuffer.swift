import CNcursesw

/// Prepares one cell's grapheme for `setcchar` (a spacing character, then the non-spacing ones
/// ncurses can hold, NUL-terminated) and makes ncurses' idea of its width agree with the
/// frame's: ncurses tracks columns by the C library's `wcwidth`, the frame by wisp's own table,
/// and a disagreement would leave stale cells or shift the rest of the row.
struct GlyphBuffer {
    /// The glyph, NUL-terminated; reused for every cell so drawing does not allocate.
    private(set) var scalars: [wchar_t]
    private var count = 0
    private let capacity = Int(wisp_ccharw_max())
    private let replacement: wchar_t

    /// Create after the locale is set: the replacement character depends on it.
    init() {
        scalars = Array(repeating: 0, count: capacity + 1)
        replacement = wisp_wcwidth(0xFFFD) == 1 ? 0xFFFD : wchar_t(UInt8(ascii: "?"))
    }

    /// Loads `text` to be drawn over `columns` cells; returns how many of those cells ncurses
    /// will not cover and must be blanked after it. `marks: false` keeps only the base character.
    mutating func load(_ text: String, columns: Int, marks: Bool = true) -> Int {
        count = 0
        var iterator = text.unicodeScalars.makeIterator()
        guard let base = iterator.next() else {
            append(Self.space)
            return finish(width: 1, columns: columns)
        }
        let baseWidth = Int(wisp_wcwidth(base.value))
        let width: Int
        if baseWidth == 0 {
            // A lone combining mark would fuse with the neighbouring cell; give it a base.
            width = 1
            append(Self.space)
            append(wchar_t(base.value))
        } else if baseWidth < 0 || baseWidth > columns {
            // Control characters (wcwidth -1) must never reach the terminal, and a glyph wider
            // than its cells would push the row: both become the replacement character.
            append(replacement)
            return finish(width: 1, columns: columns)
        } else {
            width = baseWidth
            append(wchar_t(base.value))
        }
        // Only the non-spacing characters up to the first spacing one: ncurses stops there too,
        // so a ZWJ emoji sequence shows its first emoji.
        while marks, count < capacity, let scalar = iterator.next(), wisp_wcwidth(scalar.value) == 0 {
            append(wchar_t(scalar.value))
        }
        // A dangling joiner could make the terminal glue it to whatever is written next.
        while count > 1, scalars[count - 1] == Self.zeroWidthJoiner { count -= 1 }
        return finish(width: width, columns: columns)
    }

    private mutating func append(_ scalar: wchar_t) {
        scalars[count] = scalar
        count += 1
    }

    private mutating func finish(width: Int, columns: Int) -> Int {
        scalars[count] = 0
        return max(0, columns - width)
    }

    private static let space: wchar_t = 0x20
    private static let zeroWidthJoiner: wchar_t = 0x200D
}
