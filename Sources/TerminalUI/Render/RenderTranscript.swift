/// The transcript pane: one compact line per event, newest at the bottom.
func renderTranscript(_ model: AppModel, into frame: inout Frame, title: Rect, rect: Rect) {
    let hint = model.focus == .search ? " Shift-Tab browses · Ctrl-T hides " : " ↑↓ move · Enter shows the message · Esc back "
    let used = frame.put("─ transcript ─", x: title.x, y: title.y, width: title.width, role: .border)
    let hintWidth = min(TextWidth.of(hint), max(0, title.width - used))
    frame.fill("─", x: title.x + used, y: title.y, count: title.width - used - hintWidth, role: .border)
    frame.put(hint, x: title.x + title.width - hintWidth, y: title.y, width: hintWidth, role: .border)
    guard rect.height > 0 else { return }
    let entries = model.transcript.visible
    var selectedFromNewest: Int?
    if case .transcript(let index) = model.focus { selectedFromNewest = index }
    // Keep the selected entry in view: the window's newest row moves back as selection goes up.
    let newestShown = max(0, (selectedFromNewest ?? 0) - rect.height + 1)
    for row in 0..<rect.height {
        let fromNewest = newestShown + (rect.height - 1 - row)
        guard fromNewest < entries.count else { continue }
        let entry = entries[entries.endIndex - 1 - fromNewest]
        let y = rect.y + row
        let isSelected = fromNewest == selectedFromNewest
        var runs = transcriptRuns(entry, utcOffset: model.config.utcOffsetSeconds)
        if isSelected {
            frame.fill(x: rect.x, y: y, count: rect.width, role: .transcriptSelected)
            runs = runs.map { ($0.0, .transcriptSelected) }
        }
        frame.put(runs: runs.map { (TextWidth.truncate($0.0, toWidth: rect.width), $0.1) }, x: rect.x, y: y, width: rect.width)
        if TextWidth.of(runs.map(\.0).joined()) > rect.width {
            frame.put("…", x: rect.x + rect.width - 1, y: y, width: 1, role: isSelected ? .transcriptSelected : .normal)
        }
    }
}

/// "HH:MM:SS.mmm" of wall-clock milliseconds, shifted to local time.
func clockText(_ wallMilliseconds: Int64, utcOffset: Int) -> String {
    let local = wallMilliseconds + Int64(utcOffset) * 1000
    let dayMs = ((local % 86_400_000) + 86_400_000) % 86_400_000
    func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
    let ms = dayMs % 1000
    return "\(two(dayMs / 3_600_000)):\(two(dayMs / 60_000 % 60)):\(two(dayMs / 1000 % 60)).\(ms < 10 ? "00" : ms < 100 ? "0" : "")\(ms)"
}

/// One transcript line as coloured runs; server strings sanitized and quoted.
func transcriptRuns(_ entry: TranscriptEntry, utcOffset: Int) -> [(String, Role)] {
    var runs: [(String, Role)] = [(clockText(entry.time, utcOffset: utcOffset) + " ", .transcriptTime)]
    func quoted(_ s: String) -> String { "\"" + Sanitizer.clean(s) + "\"" }
    switch entry.kind {
    case .query(let q):
        runs += [("→ query ", .transcriptSent), (quoted(q), .normal)]
    case .suggestions(let query, let count, let latency, let stale):
        runs.append(("← suggestions ", .transcriptReceived))
        runs.append((query.map(quoted) ?? "(push)", .normal))
        runs.append((count == 1 ? " 1 suggestion" : " \(count) suggestions", .normal))
        if let latency { runs.append((" · \(latency) ms", .normal)) }
        if stale { runs.append((" stale", .transcriptStale)) }
    case .serverError(let message):
        runs += [("← error ", .transcriptError), (quoted(message), .transcriptError)]
    case .unknownEvent(let event):
        runs += [("← ", .transcriptReceived), (event.map { "unknown event " + quoted($0) } ?? "message without an event", .normal)]
    case .protocolError(let description):
        runs += [("← protocol error: ", .transcriptError), (Sanitizer.clean(description), .normal)]
    case .binary(let bytes):
        runs += [("← binary message, \(bytes) bytes", .transcriptReceived)]
    case .connection(let text):
        runs += [("· " + Sanitizer.clean(text), .info)]
    }
    return runs
}
