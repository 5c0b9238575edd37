/// The keys, for the help overlay (F1, or ? on an empty query).
let helpLines: [String] = [
    "Typing edits the query; it is sent when you pause.",
    "",
    "←/→  Ctrl-B/F     move            Home/End  Ctrl-A/E   line start/end",
    "Alt-B / Alt-F     word back/fwd   Backspace / Delete   delete",
    "Ctrl-U / Ctrl-K   kill to start / to end    Ctrl-W     kill word",
    "↑/↓  Ctrl-P/N     select          PgUp / PgDn          a page",
    "Tab               put the selected suggestion in the box",
    "Enter             print the selection (or the query) and exit",
    "Esc Ctrl-C Ctrl-G quit (status 130)",
    "Ctrl-T / F2       transcript on/off          Shift-Tab  browse it",
    "Ctrl-R            reconnect now              Ctrl-L     redraw",
    "Ctrl-X            dismiss the error          F1 / ?     this help",
    "Ctrl-S            save the transcript (JSON Lines) here",
    "",
    "Any key closes this help.",
]

func renderHelp(_ model: AppModel, into frame: inout Frame) {
    drawBox(title: " wisp keys ", lines: helpLines, into: &frame)
}

func renderDetail(_ entry: TranscriptEntry, scroll: Int, model: AppModel, into frame: inout Frame) {
    let header = transcriptRuns(entry, utcOffset: model.config.utcOffsetSeconds).map(\.0).joined()
    // Wrap rather than cut: a QA engineer must be able to read the whole message.
    let width = max(10, frame.width - 8)
    let body = (entry.raw.map { JSONPretty.lines($0, decodeEscapes: true).map(Sanitizer.clean) }
        ?? fullText(of: entry.kind).map { [Sanitizer.clean($0)] } ?? ["(no message body)"])
        .flatMap { wrap($0, width: width) }
    let rows = max(1, frame.height - 6)
    let start = min(scroll, max(0, body.count - rows))
    var lines = [header, ""] + body[start..<min(body.count, start + rows)]
    if body.count > rows { lines.append("— \(start + 1)–\(min(body.count, start + rows)) of \(body.count) lines · ↑↓ PgUp/PgDn scroll —") }
    drawBox(title: " message ", lines: lines + ["", "Any other key closes."], into: &frame)
}

/// The whole text of an entry that has no wire message (a connection event, an error), which
/// the transcript line may have cut: certificate errors end with what to do about them.
func fullText(of kind: TranscriptEntry.Kind) -> String? {
    switch kind {
    case .connection(let text), .protocolError(let text), .serverError(let text): text
    case .query, .suggestions, .unknownEvent, .binary: nil
    }
}

/// A centred box with a border and `lines` inside, cut to the screen.
func drawBox(title: String, lines: [String], into frame: inout Frame) {
    let innerWidth = min(frame.width - 4, max(TextWidth.of(title) + 2, lines.map { TextWidth.of($0) }.max() ?? 0))
    let innerHeight = min(frame.height - 2, lines.count)
    let width = innerWidth + 4, height = innerHeight + 2
    let x0 = (frame.width - width) / 2, y0 = (frame.height - height) / 2
    frame.put("╭" + String(repeating: "─", count: width - 2) + "╮", x: x0, y: y0, width: width, role: .border)
    frame.put(title, x: x0 + 2, y: y0, width: width - 4, role: .title)
    for i in 0..<innerHeight {
        let y = y0 + 1 + i
        frame.put("│", x: x0, y: y, width: 1, role: .border)
        frame.fill(x: x0 + 1, y: y, count: width - 2, role: .overlay)
        frame.put(TextWidth.truncate(lines[i], toWidth: innerWidth), x: x0 + 2, y: y, width: innerWidth, role: .overlay)
        frame.put("│", x: x0 + width - 1, y: y, width: 1, role: .border)
    }
    frame.put("╰" + String(repeating: "─", count: width - 2) + "╯", x: x0, y: y0 + height - 1, width: width, role: .border)
}

/// Splits `line` into pieces of at most `width` columns, continuation pieces indented like the line.
func wrap(_ line: String, width: Int) -> [String] {
    guard TextWidth.of(line) > width else { return [line] }
    let indent = String(line.prefix { $0 == " " })
    var pieces: [String] = []
    var rest = Substring(line)
    var first = true
    while !rest.isEmpty {
        let room = first ? width : max(1, width - indent.count)
        let (piece, _) = TextWidth.prefix(String(rest), columns: room)
        let taken = piece.isEmpty ? String(rest.prefix(1)) : piece
        pieces.append(first ? taken : indent + taken)
        rest = rest.dropFirst(taken.count)
        first = false
    }
    return pieces
}
