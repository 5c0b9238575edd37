/// Draws the whole screen for `model`: pure, so tests compare its lines and roles.
public func render(_ model: AppModel) -> Frame {
    var frame = Frame(width: model.width, height: model.height)
    let layout = model.layout
    if layout.tooSmall {
        let text = "too small: \(model.width)×\(model.height) (need \(Layout.minimumWidth)×\(Layout.minimumHeight))"
        frame.put(TextWidth.truncate(text, toWidth: model.width), x: 0, y: 0, width: model.width, role: .error)
        return frame
    }
    renderStatus(model, into: &frame, at: layout.status)
    renderSearch(model, into: &frame, at: layout.search)
    if let rect = layout.error, let message = model.errorLine {
        let text = TextWidth.truncate("✖ " + Sanitizer.clean(message), toWidth: rect.width)
        frame.fill(x: 0, y: rect.y, count: rect.width, role: .error)
        frame.put(text, x: rect.x, y: rect.y, width: rect.width, role: .error)
    }
    renderInfo(model, into: &frame, at: layout.info)
    renderSuggestions(model, into: &frame, layout: layout)
    if let title = layout.transcriptTitle, let rect = layout.transcript {
        renderTranscript(model, into: &frame, title: title, rect: rect)
    }
    if let divider = layout.divider {
        for y in divider.y..<divider.maxY { frame.put("│", x: divider.x, y: y, width: 1, role: .border) }
    }
    switch model.overlay {
    case .none: break
    case .help: renderHelp(model, into: &frame)
    case .detail(let entry, let scroll): renderDetail(entry, scroll: scroll, model: model, into: &frame)
    }
    return frame
}

/// Braille spinner frames, as fzf and many CLIs use.
let spinnerFrames: [String] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

func renderSearch(_ model: AppModel, into frame: inout Frame, at rect: Rect) {
    let prompt = "> "
    let promptWidth = frame.put(prompt, x: rect.x, y: rect.y, width: rect.width, role: .prompt)
    let spinnerWidth = model.spinnerVisible ? 2 : 0
    let room = max(1, rect.width - promptWidth - spinnerWidth - 1)
    if model.editor.isEmpty {
        frame.put(TextWidth.truncate("Search products…", toWidth: room), x: promptWidth, y: rect.y, width: room, role: .placeholder)
        if model.focus == .search, model.overlay == .none { frame.cursor = (promptWidth, rect.y) }
    } else {
        // Scroll the query horizontally so the cursor stays in view.
        let cursorColumn = TextWidth.of(model.editor.beforeCursor)
        let offset = max(0, cursorColumn - room + 1)
        var skipped = 0
        var visible = Substring(model.editor.text)
        while skipped < offset, let first = visible.first {
            skipped += TextWidth.of(first)
            visible = visible.dropFirst()
        }
        frame.put(visible, x: promptWidth, y: rect.y, width: room, role: .query)
        if model.focus == .search, model.overlay == .none { frame.cursor = (promptWidth + cursorColumn - skipped, rect.y) }
    }
    if model.spinnerVisible {
        let glyph = spinnerFrames[model.spinnerFrame % spinnerFrames.count]
        frame.put(glyph, x: rect.width - 2, y: rect.y, width: 1, role: .spinner)
    }
}

func renderInfo(_ model: AppModel, into frame: inout Frame, at rect: Rect) {
    var text: String
    switch model.results {
    case .tooShort:
        let n = model.config.minChars
        let characters = n == 1 ? "1 character" : "\(n) characters"
        text = model.editor.isEmpty ? "type at least \(characters)" : "type at least \(characters) to search"
    case .notSent:
        switch model.connection {
        case .authFailed, .certificateRejected:
            // These are not retried on their own: say what brings the connection back.
            text = "not connected: fix the problem above, then Ctrl-R reconnects"
        case .connecting, .connected, .reconnecting:
            text = "not connected: the query goes out once the connection is back"
        }
    case .failed:
        text = model.suggestions.isEmpty ? "no answer: the server reported an error" : "\(count(model.suggestions.count)) (earlier) · the server reported an error"
    case .waiting:
        text = model.suggestions.isEmpty ? "searching…" : "\(count(model.suggestions.count)) · searching…"
    case .answered(_, let latency):
        text = model.suggestions.isEmpty ? "No suggestions" : count(model.suggestions.count)
        if let latency { text += " · \(latency) ms" }
    }
    if let s = model.selected, model.suggestions.count > model.layout.suggestions.height {
        text += " · \(s + 1)/\(model.suggestions.count)"
    }
    let used = frame.put("  " + text + " ", x: rect.x, y: rect.y, width: rect.width, role: .info)
    frame.fill("─", x: rect.x + used, y: rect.y, count: rect.width - used, role: .border)
}

private func count(_ n: Int) -> String { n == 1 ? "1 suggestion" : "\(n) suggestions" }

func renderSuggestions(_ model: AppModel, into frame: inout Frame, layout: Layout) {
    let rect = layout.suggestions
    guard rect.height > 0 else { return }
    let query = model.results == .tooShort ? "" : model.trimmedQuery
    let last = min(model.suggestions.count, model.scroll + rect.height)
    guard model.scroll < last else { return }
    for index in model.scroll..<last {
        let y = layout.suggestionRow(index - model.scroll)
        let isSelected = index == model.selected
        let base: Role = isSelected ? .selected : .suggestion
        let mark: Role = isSelected ? .selectedHighlight : .highlight
        frame.fill(x: rect.x, y: y, count: rect.width, role: base)
        frame.put(isSelected ? "▌ " : "  ", x: rect.x, y: y, width: 2, role: isSelected ? .prompt : base)
        let text = Array(TextWidth.truncate(Sanitizer.clean(model.suggestions[index].text), toWidth: rect.width - 3))
        let highlighted = Highlight.mask(text, query: query)
        var x = rect.x + 2
        for (i, g) in text.enumerated() {
            x += frame.put(String(g), x: x, y: y, width: rect.x + rect.width - x, role: highlighted[i] ? mark : base)
        }
    }
}

func renderStatus(_ model: AppModel, into frame: inout Frame, at rect: Rect) {
    frame.fill(x: rect.x, y: rect.y, count: rect.width, role: .status)
    let state: (String, Role)
    switch model.connection {
    case .connected:
        state = ("● connected", .statusConnected)
    case .connecting(let attempt):
        state = (attempt > 1 ? "◌ connecting… (attempt \(attempt))" : "◌ connecting…", .statusWarning)
    case .reconnecting(let at, let attempt, let reason):
        let seconds = max(0, (at - model.clock + 999) / 1000)
        state = ("○ reconnecting in \(seconds)s (attempt \(attempt)) · \(Sanitizer.clean(reason))", .statusDisconnected)
    case .authFailed(let status, _):
        state = ("✖ auth failed: \(status)", .statusDisconnected)
    case .certificateRejected:
        state = ("✖ certificate rejected", .statusDisconnected)
    }
    var runs: [(String, Role)] = [(" ", .status), state, ("  \(Sanitizer.clean(model.config.url))", .status)]
    if let latency = model.lastLatency { runs.append(("  · \(latency) ms", .status)) }
    if model.config.isDemo { runs.append(("  · demo", .status)) }
    if model.config.insecure { runs.append(("  · INSECURE TLS", .error)) }
    let help = " ? help "
    let helpWidth = TextWidth.of(help)
    let room = rect.width - helpWidth
    var used = 0
    for (text, role) in runs where used < room {
        used += frame.put(TextWidth.truncate(text, toWidth: room - used), x: rect.x + used, y: rect.y, width: room - used, role: role)
    }
    frame.put(help, x: rect.x + rect.width - helpWidth, y: rect.y, width: helpWidth, role: .status)
}
