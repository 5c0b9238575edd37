/// Terminal columns taken by text, per grapheme cluster, from built-in Unicode tables, so
/// layout never depends on the machine's locale the way glibc's `wcwidth` does.
///
/// A cluster is 2 columns when it is East Asian Wide or Fullwidth (CJK, Hangul, fullwidth
/// forms) or shown as an emoji (emoji presentation, VS16, keycaps, skin tones, flags and ZWJ
/// sequences: one cluster, 2 columns); 0 when it holds only controls, format characters,
/// combining marks or Hangul vowel/final jamo; 1 otherwise. Marks after a base add nothing.
/// East Asian Ambiguous characters count 1, as in every non-CJK locale.
public enum TextWidth {
    /// Columns one grapheme cluster takes: 0, 1 or 2.
    public static func of(_ c: Character) -> Int {
        let scalars = c.unicodeScalars
        var rest = scalars.makeIterator()
        guard let first = rest.next() else { return 0 }
        guard rest.next() != nil else { return width(of: first) }
        if isEmojiSequence(scalars, first: first) { return 2 }
        // The first scalar with a width decides: a base with marks, or a prepended mark
        // (U+0600…) followed by its base.
        for scalar in scalars {
            let w = width(of: scalar)
            if w > 0 { return w }
        }
        return 0
    }

    /// Columns a string takes: the sum over its grapheme clusters.
    public static func of(_ s: some StringProtocol) -> Int {
        if isPrintableASCII(s.utf8) { return s.utf8.count }
        var total = 0
        for c in s { total += of(c) }
        return total
    }

    /// `s` cut at a grapheme boundary so that it fits in `toWidth` columns, `ellipsis`
    /// appended when anything was cut. A wide character that does not fit whole is left
    /// out, so the result may be one column narrower than asked; padding is the caller's
    /// business (see `fit`). When even the ellipsis does not fit, the text is cut without it.
    public static func truncate(_ s: String, toWidth: Int, ellipsis: String = "…") -> String {
        truncated(s, toWidth: toWidth, ellipsis: ellipsis).text
    }

    /// `s` truncated (with "…") or padded with spaces to exactly `width` columns.
    public static func fit(_ s: String, width: Int) -> String {
        guard width > 0 else { return "" }
        let (text, used) = truncated(s, toWidth: width, ellipsis: "…")
        return used < width ? text + String(repeating: " ", count: width - used) : text
    }

    /// The longest grapheme prefix of `s` that fits in `columns`, with its width.
    public static func prefix(_ s: String, columns: Int) -> (text: String, width: Int) {
        var used = 0
        var end = s.startIndex
        while end < s.endIndex {
            let w = of(s[end])
            if used + w > columns { break }
            used += w
            end = s.index(after: end)
        }
        return (String(s[..<end]), used)
    }

    // MARK: - Internals

    /// One pass: stops at the first cluster that overflows instead of measuring the rest.
    private static func truncated(_ s: String, toWidth limit: Int, ellipsis: String) -> (text: String, width: Int) {
        let ellipsisWidth = of(ellipsis)
        let room = limit - ellipsisWidth
        var used = 0
        var cut = s.startIndex, widthAtCut = 0
        var i = s.startIndex
        while i < s.endIndex {
            let w = of(s[i])
            if used + w > limit {
                if room < 0 { return prefix(s, columns: limit) }
                return (String(s[..<cut]) + ellipsis, widthAtCut + ellipsisWidth)
            }
            used += w
            i = s.index(after: i)
            if used <= room {
                cut = i
                widthAtCut = used
            }
        }
        return (s, used)
    }

    private static func isPrintableASCII(_ bytes: some Sequence<UInt8>) -> Bool {
        for byte in bytes where byte < 0x20 || byte >= 0x7F { return false }
        return true
    }

    /// A multi-scalar cluster that terminals draw as one emoji, though its first scalar
    /// alone might be text (☝, ❤, 1, #): VS16, a keycap or a skin tone makes it an emoji.
    private static func isEmojiSequence(_ scalars: Character.UnicodeScalarView, first: Unicode.Scalar) -> Bool {
        let properties = first.properties
        if properties.isEmojiPresentation { return true }
        guard properties.isEmoji else { return false }
        for scalar in scalars.dropFirst() {
            if scalar.value == 0xFE0F || scalar.value == 0x20E3 || scalar.properties.isEmojiModifier { return true }
        }
        return false
    }

    /// Width of one scalar on its own.
    static func width(of scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x7F { return v < 0x20 ? 0 : 1 }
        if v < 0xA0 { return 0 }  // DEL and C1
        if v < 0x300 { return v == 0xAD ? 0 : 1 }  // Latin; U+00AD soft hyphen is a format char
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control, .lineSeparator, .paragraphSeparator:
            return 0
        default:
            break
        }
        // Hangul vowel and final jamo join the initial consonant before them.
        if (0x1160...0x11FF).contains(v) || (0xD7B0...0xD7FF).contains(v) { return 0 }
        if scalar.properties.isEmojiPresentation || isEastAsianWide(v) { return 2 }
        return 1
    }
}
