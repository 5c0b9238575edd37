/// Keys, fzf and readline style. Overlays and the transcript focus take keys first.
func handleKey(_ model: inout AppModel, _ key: Key, now: Timestamp) -> [Effect] {
    // Keys that work everywhere.
    switch key {
    case .control("c"), .control("g"):
        return [.quit(status: 130, output: nil)]
    case .control("l"):
        return [.redrawAll]
    case .control("s"):
        return [.saveTranscript]
    case .control("r"):
        return reconnectNow(&model)
    case .control("t"), .function(2):
        model.showTranscript.toggle()
        if !model.showTranscript, case .transcript = model.focus { model.focus = .search }
        clampScroll(&model)
        return []
    case .function(1):
        model.overlay = model.overlay == .help ? .none : .help
        return []
    default: break
    }
    switch model.overlay {
    case .help:
        model.overlay = .none  // any other key closes help
        return []
    case .detail(let entry, let scroll):
        switch key {
        case .up, .control("p"): model.overlay = .detail(entry: entry, scroll: max(0, scroll - 1))
        case .down, .control("n"): model.overlay = .detail(entry: entry, scroll: scroll + 1)
        case .pageUp: model.overlay = .detail(entry: entry, scroll: max(0, scroll - 10))
        case .pageDown: model.overlay = .detail(entry: entry, scroll: scroll + 10)
        default: model.overlay = .none
        }
        return []
    case .none: break
    }
    if case .transcript(let index) = model.focus {
        return transcriptKey(&model, key, index: index)
    }
    return searchKey(&model, key, now: now)
}

private func transcriptKey(_ model: inout AppModel, _ key: Key, index: Int) -> [Effect] {
    let count = model.transcript.visible.count
    // In the transcript "up" is always older, whichever side the search box is on.
    func move(_ delta: Int) { model.focus = .transcript(index: min(max(0, index + delta), max(0, count - 1))) }
    switch key {
    case .up, .control("p"): move(1)
    case .down, .control("n"): move(-1)
    case .pageUp: move(10)
    case .pageDown: move(-10)
    case .home: move(count)
    case .end: move(-count)
    case .enter:
        let entries = model.transcript.visible
        guard count > 0 else { break }
        let entry = entries[entries.endIndex - 1 - min(index, count - 1)]
        model.overlay = .detail(entry: entry, scroll: 0)
    case .escape, .backTab, .tab:
        model.focus = .search
    default:
        break
    }
    return []
}

private func searchKey(_ model: inout AppModel, _ key: Key, now: Timestamp) -> [Effect] {
    let before = model.editor.text
    // Up and Ctrl-P point up on screen: away from the box at the bottom, toward it on top.
    let upMeansAway = model.config.layout == .bottom
    let page = max(1, model.layout.suggestions.height)
    switch key {
    case .character(let c):
        if c == "?" && model.editor.isEmpty {
            model.overlay = .help
            return []
        }
        model.editor.insert(String(c))
    case .paste(let text):
        // One edit for the whole paste; a one-line box has no room for newlines.
        model.editor.insert(String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 }))
    case .backspace, .control("h"): model.editor.backspace()
    case .delete, .control("d"): model.editor.deleteForward()
    case .left, .control("b"): model.editor.moveLeft()
    case .right, .control("f"): model.editor.moveRight()
    case .home, .control("a"): model.editor.moveHome()
    case .end, .control("e"): model.editor.moveEnd()
    case .alt("b"): model.editor.moveWordLeft()
    case .alt("f"): model.editor.moveWordRight()
    case .control("u"): model.editor.killToStart()
    case .control("w"): model.editor.killWordBack()
    case .control("k"): model.editor.killToEnd()
    case .control("x"):
        model.errorLine = nil
        clampScroll(&model)
    case .up, .control("p"): moveSelection(&model, by: upMeansAway ? 1 : -1)
    case .down, .control("n"): moveSelection(&model, by: upMeansAway ? -1 : 1)
    case .pageUp: moveSelection(&model, by: upMeansAway ? page : -page, page: true)
    case .pageDown: moveSelection(&model, by: upMeansAway ? -page : page, page: true)
    case .tab:
        guard let s = model.selected, s < model.suggestions.count else { return [] }
        model.editor.set(model.suggestions[s].text)
    case .backTab:
        if model.showTranscript, !model.transcript.visible.isEmpty { model.focus = .transcript(index: 0) }
        return []
    case .enter:
        let output = model.selected.flatMap { $0 < model.suggestions.count ? model.suggestions[$0].text : nil } ?? model.editor.text
        // Nothing typed, nothing chosen: exit 1 with no output, as fzf does, so scripts can tell.
        return output.isEmpty ? [.quit(status: 1, output: nil)] : [.quit(status: 0, output: output)]
    case .escape:
        return [.quit(status: 130, output: nil)]
    case .mouse(let event):
        mouse(&model, event)
        return []
    default:
        return []
    }
    return model.editor.text == before ? [] : queryEdited(&model, now: now)
}

private func mouse(_ model: inout AppModel, _ event: MouseEvent) {
    guard model.config.mouse else { return }
    let layout = model.layout
    switch event.kind {
    case .wheelUp where layout.suggestions.contains(x: event.x, y: event.y):
        moveSelection(&model, by: layout.mode == .bottom ? 1 : -1)
    case .wheelDown where layout.suggestions.contains(x: event.x, y: event.y):
        moveSelection(&model, by: layout.mode == .bottom ? -1 : 1)
    case .press:
        if layout.suggestions.contains(x: event.x, y: event.y), let position = layout.suggestionPosition(atRow: event.y) {
            let index = model.scroll + position
            if index < model.suggestions.count { model.selected = index }
        }
    default:
        break
    }
}
