/// Re-indents JSON text without parsing it into a dictionary, so keys keep the order the
/// server sent them in (the detail view must show the message as it was). Text that is not
/// JSON comes back as its own lines.
public enum JSONPretty {
    public static func lines(_ raw: String, indent: String = "  ") -> [String] {
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
