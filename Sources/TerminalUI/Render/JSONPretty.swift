/// Re-indents JSON text without parsing it into a dictionary, so keys keep the order the
/// server sent them in (the detail view must show the message as it was). Text that is not
/// JSON comes back as its own lines.
public enum JSONPretty {
    /// With `decodeEscapes`, `\uXXXX` escapes inside strings (surrogate pairs included) show as
    /// the characters they stand for, so "\u65e5\u672c" reads as 日本 (the caller sanitizes).
    public static func lines(_ raw: String, indent: String = "  ", decodeEscapes: Bool = false) -> [String] {
        let lines = lines(raw, indent: indent)
        return decodeEscapes ? lines.map(decodeUnicodeEscapes) : lines
    }

    /// Replaces `\uXXXX` (and surrogate pairs) by their characters; other escapes stay as written.
    static func decodeUnicodeEscapes(_ s: String) -> String {
        guard s.contains("\\u") else { return s }
        var out = ""
        var scalars = Array(s.unicodeScalars)[...]
        func hex4(_ slice: ArraySlice<Unicode.Scalar>) -> UInt32? {
            guard slice.count >= 4 else { return nil }
            return UInt32(String(String.UnicodeScalarView(slice.prefix(4))), radix: 16)
        }
        while let c = scalars.first {
            if c == "\\", scalars.dropFirst().first == "u", let v = hex4(scalars.dropFirst(2)) {
                if (0xD800...0xDBFF).contains(v), scalars.dropFirst(6).first == "\\", scalars.dropFirst(7).first == "u",
                   let low = hex4(scalars.dropFirst(8)), (0xDC00...0xDFFF).contains(low),
                   let scalar = Unicode.Scalar(0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00)) {
                    out.unicodeScalars.append(scalar)
                    scalars = scalars.dropFirst(12)
                    continue
                }
                if let scalar = Unicode.Scalar(v), !(0xD800...0xDFFF).contains(v) {
                    out.unicodeScalars.append(scalar)
                    scalars = scalars.dropFirst(6)
                    continue
                }
            } else if c == "\\", let next = scalars.dropFirst().first {
                // Keep other escapes (\" \\ \n …) as written, both characters.
                out.unicodeScalars.append(c)
                out.unicodeScalars.append(next)
                scalars = scalars.dropFirst(2)
                continue
            }
            out.unicodeScalars.append(c)
            scalars = scalars.dropFirst()
        }
        return out
    }

    static func lines(_ raw: String, indent: String) -> [String] {
        let trimmed = raw.drop { $0.isWhitespace }
        guard trimmed.first == "{" || trimmed.first == "[" else {
            return raw.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
        var out: [String] = []
        var line = ""
        var depth = 0
        var inString = false
        var escaped = false
        func newline() {
            out.append(line)
            line = String(repeating: indent, count: max(0, depth))
        }
        var iterator = Array(raw).makeIterator()
        var pending: Character?
        while let c = pending ?? iterator.next() {
            pending = nil
            if inString {
                line.append(c)
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inString = false }
                continue
            }
            switch c {
            case "\"":
                inString = true
                line.append(c)
            case "{", "[":
                // Keep empty containers on one line.
                var next = iterator.next()
                while let n = next, n.isWhitespace { next = iterator.next() }
                if (c == "{" && next == "}") || (c == "[" && next == "]") {
                    line += String(c) + String(next!)
                } else {
                    line.append(c)
                    depth += 1
                    newline()
                    pending = next
                }
            case "}", "]":
                depth -= 1
                newline()
                line.append(c)
            case ",":
                line.append(c)
                newline()
            case ":":
                line += ": "
            case _ where c.isWhitespace:
                continue
            default:
                line.append(c)
            }
        }
        if !line.trimmingSpaces.isEmpty { out.append(line) }
        return out
    }
}

extension String {
    var trimmingSpaces: Substring { drop { $0 == " " } }
}
