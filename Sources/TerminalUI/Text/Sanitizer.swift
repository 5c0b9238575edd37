/// Makes untrusted (server) text safe to put in a cell: no control character, escape
/// sequence or bidirectional override can reach the terminal, and attempts stay visible.
///
/// The rules, applied to every scalar whatever grapheme it sits in:
/// - line breaks (LF, CR, CR LF as one, VT, FF, NEL, U+2028, U+2029) → "⏎" (`lineBreak`),
///   so a one-line cell shows where the server broke the line;
/// - tab → one space;
/// - ESC → "␛" (`escape`); the rest of its sequence stays as inert text, so "\u{1B}[2J"
///   shows as "␛[2J": the QA engineer sees the attempt, the terminal sees no escape;
/// - other C0 controls (NUL…US) → their Control Pictures "␀"…"␟"; DEL → "␡";
/// - C1 controls (U+0080–U+009F) → "␛" and their 7-bit equivalent (ECMA-48: U+009B CSI →
///   "␛[", U+009D OSC → "␛]"), so 8-bit sequences read like 7-bit ones;
/// - format characters (category Cf) are removed: bidi embeddings, overrides, isolates and
///   marks (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C), U+200B, U+2060, U+FEFF,
///   U+00AD and the rest exist to be invisible, which is what spoofing needs. Kept: ZWJ
///   and ZWNJ and tag characters inside a cluster, which emoji and some scripts need;
/// - a cluster left taking no column gets a dotted circle "◌" as its base when it holds a
///   combining mark (so a mark never lands on a neighbour's cell), and is dropped otherwise.
/// Everything else (CJK, emoji, combining marks on a base, RTL letters) is kept as is, and
/// every grapheme of the result is at least one column wide.
///
/// The placeholders are themselves non-ASCII: the terminal must be in UTF-8 mode (ncursesw
/// under a UTF-8 locale), where their continuation bytes are never read as C1 controls.
public enum Sanitizer {
    /// Shown for a line break.
    public static let lineBreak: Character = "⏎"
    /// Shown for ESC, and before the 7-bit form of a C1 control.
    public static let escape: Character = "␛"
    /// The base given to a combining mark that has none.
    public static let markBase: Character = "◌"

    /// `s` made safe for one line of cells, by the rules above.
    public static func clean(_ s: String) -> String {
        if isSafeASCII(s) { return s }
        var out = String.UnicodeScalarView()
        for cluster in s { append(cluster, to: &out) }
        return String(out)
    }

    /// `s` split at its line breaks (the ones `clean` shows as "⏎"; CR LF counts once) and
    /// each line cleaned, for multi-line views such as pretty-printed JSON. A trailing line
    /// break gives a last empty line, as it does in the text.
    public static func cleanMultiline(_ s: String) -> [String] {
        s.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map { clean(String($0)) }
    }

    // MARK: - Internals

    private static func isSafeASCII(_ s: String) -> Bool {
        for byte in s.utf8 where byte < 0x20 || byte >= 0x7F { return false }
        return true
    }

    private static func append(_ cluster: Character, to out: inout String.UnicodeScalarView) {
        var piece = String.UnicodeScalarView()
        var previous: Unicode.Scalar?
        for scalar in cluster.unicodeScalars {
            defer { previous = scalar }
            if scalar == "\n", previous == "\r" { continue }  // CR LF: one break, one "⏎"
            replace(scalar, into: &piece)
        }
        guard !piece.isEmpty else { return }
        if TextWidth.of(String(piece)) == 0 {
            // Only marks, joiners, selectors or lone jamo: nothing to see on its own.
            guard piece.contains(where: isVisibleMark) else { return }
            out.append(contentsOf: markBase.unicodeScalars)
        }
        out.append(contentsOf: piece)
    }

    private static func replace(_ scalar: Unicode.Scalar, into piece: inout String.UnicodeScalarView) {
        let v = scalar.value
        switch v {
        case 0x09:
            piece.append(" ")
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029:
            piece.append(contentsOf: lineBreak.unicodeScalars)
        case 0x1B:
            piece.append(contentsOf: escape.unicodeScalars)
        case 0x00..<0x20:
            piece.append(Unicode.Scalar(0x2400 + v)!)  // Control Pictures: "␀" for NUL …
        case 0x7F:
            piece.append("\u{2421}")  // "␡"
        case 0x80...0x9F:
            piece.append(contentsOf: escape.unicodeScalars)
            piece.append(Unicode.Scalar(v - 0x40)!)
        default:
            if isRemovedFormat(scalar) { return }
            piece.append(scalar)
        }
    }

    /// Every format character except ZWNJ, ZWJ and tags (U+E0020–U+E007F), which emoji
    /// sequences and scripts need inside a cluster; alone they are dropped as zero-width.
    private static func isRemovedFormat(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0xAD { return false }
        guard scalar.properties.generalCategory == .format else { return false }
        return !(v == 0x200C || v == 0x200D || (0xE0020...0xE007F).contains(v))
    }

    /// A mark that draws something: variation selectors and the grapheme joiner are
    /// marks too, but invisible ones.
    private static func isVisibleMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return !scalar.properties.isDefaultIgnorableCodePoint
        default: return false
        }
    }
}
