import SuggestProtocol

/// The app's only state transition: pure and deterministic. Time arrives in `now`; every
/// side effect leaves as an `Effect`.
public func update(_ model: inout AppModel, _ msg: AppMsg, now: Timestamp) -> [Effect] {
    model.clock = now.monotonic
    switch msg {
    case .key(let key): return handleKey(&model, key, now: now)
    case .resized(let width, let height):
        model.width = width
        model.height = height
        clampScroll(&model)
        return []
    case .timerFired(let kind, let generation): return timerFired(&model, kind, generation: generation, now: now)
    case .connection(let event): return connectionEvent(&model, event, now: now)
    case .serverText(let text): return serverText(&model, text, now: now)
    case .notice(let text, let failed):
        model.transcript.append(TranscriptEntry(time: now.wall, direction: .local, kind: .connection(text)))
        if failed { model.errorLine = text }
        return []
    case .serverBinary(let bytes):
        model.transcript.append(TranscriptEntry(time: now.wall, direction: .received, kind: .binary(bytes: bytes)))
        return []
    }
}

// MARK: Queries

/// The query text changed: restart the debounce, or clear the results when too short.
func queryEdited(_ model: inout AppModel, now: Timestamp) -> [Effect] {
    model.generation += 1
    model.selected = nil
    model.scroll = 0
    var effects: [Effect] = [.cancelTimer(.debounce)]
    guard model.queryIsSendable else {
        model.results = .tooShort
        model.suggestions = []
        model.spinnerVisible = false
        return effects + [.cancelTimer(.spinner)]
    }
    // An edit that leaves the trimmed query as it was (a space, a moved word boundary) asks nothing new.
    switch model.results {
    case .waiting(let q, _) where q == model.trimmedQuery, .answered(let q, _) where q == model.trimmedQuery:
        return effects
    default: break
    }
    if model.config.debounceMilliseconds == 0 {
        return effects + sendQuery(&model, now: now)
    }
    effects.append(.startTimer(.debounce, afterMilliseconds: model.config.debounceMilliseconds, generation: model.generation))
    return effects
}

/// Sends the current query if connected (otherwise it goes out once connected).
func sendQuery(_ model: inout AppModel, now: Timestamp) -> [Effect] {
    guard model.queryIsSendable else { return [] }
    guard model.connection.isConnected else {
        model.results = .notSent(query: model.trimmedQuery)
        return []
    }
    let query = model.trimmedQuery
    let text = ClientMessage.query(query).encoded(names: model.config.names)
    model.lastSent = (query, now.monotonic)
    model.results = .waiting(query: query, since: now.monotonic)
    model.spinnerVisible = false
    model.transcript.append(TranscriptEntry(time: now.wall, direction: .sent, kind: .query(query), raw: text))
    return [.send(text), .cancelTimer(.spinner),
            .startTimer(.spinner, afterMilliseconds: model.config.spinnerDelayMilliseconds, generation: model.generation)]
}

func timerFired(_ model: inout AppModel, _ kind: TimerKind, generation: Int, now: Timestamp) -> [Effect] {
    switch kind {
    case .debounce:
        guard generation == model.generation else { return [] }
        return sendQuery(&model, now: now)
    case .spinner:
        guard case .waiting = model.results else {
            model.spinnerVisible = false
            return []
        }
        model.spinnerVisible = true
        model.spinnerFrame += 1
        return [.startTimer(.spinner, afterMilliseconds: model.config.spinnerIntervalMilliseconds, generation: model.generation)]
    case .reconnect:
        guard case .reconnecting(_, let attempt, _) = model.connection else { return [] }
        model.connection = .connecting(attempt: attempt)
        return [.cancelTimer(.countdown), .connect]
    case .countdown:
        guard case .reconnecting(let at, _, _) = model.connection, at > now.monotonic else { return [] }
        return [.startTimer(.countdown, afterMilliseconds: min(1000, at - now.monotonic), generation: 0)]
    }
}

// MARK: Server messages

func serverText(_ model: inout AppModel, _ fullText: String, now: Timestamp) -> [Effect] {
    let names = model.config.names
    let text = boundedRaw(fullText)
    switch ServerEvent.decode(fullText, names: names) {
    case .suggestions(let payload):
        let current = model.lastSent?.query
        // Without originalQuery it is a push for the current query (PROTOCOL.md, Stale results).
        let forCurrent = payload.originalQuery == nil || payload.originalQuery == current
        var latency: Int64?
        if forCurrent, let sent = model.lastSent, case .waiting = model.results { latency = now.monotonic - sent.at }
        model.transcript.append(TranscriptEntry(
            time: now.wall, direction: .received,
            kind: .suggestions(query: payload.originalQuery, count: payload.suggestions.count, latency: latency, stale: !forCurrent),
            raw: text))
        guard forCurrent, model.queryIsSendable else { return [] }
        model.suggestions = payload.suggestions
        model.results = .answered(query: payload.originalQuery ?? current ?? model.trimmedQuery, latency: latency)
        if let latency { model.lastLatency = latency }
        if let s = model.selected, s >= model.suggestions.count { model.selected = model.suggestions.isEmpty ? nil : model.suggestions.count - 1 }
        clampScroll(&model)
        model.errorLine = nil
        model.spinnerVisible = false
        return [.cancelTimer(.spinner)]
    case .error(let message):
        model.transcript.append(TranscriptEntry(time: now.wall, direction: .received, kind: .serverError(message), raw: text))
        model.errorLine = message
        var effects: [Effect] = []
        // An error while waiting answers the query: stop the spinner, keep the last good suggestions.
        if case .waiting(let query, _) = model.results {
            model.results = .failed(query: query)
            model.spinnerVisible = false
            effects.append(.cancelTimer(.spinner))
        }
        return effects
    case .other(let event, _):
        model.transcript.append(TranscriptEntry(time: now.wall, direction: .received, kind: .unknownEvent(event), raw: text))
        return []
    case .malformed(let violation):
        model.transcript.append(TranscriptEntry(time: now.wall, direction: .received, kind: .protocolError(violation.description), raw: text))
        return []
    }
}

/// The transcript keeps at most 64 KiB of each message, so 10,000 huge messages cannot hold gigabytes.
func boundedRaw(_ text: String) -> String {
    let limit = 64 << 10
    guard text.utf8.count > limit else { return text }
    let kept = String(decoding: text.utf8.prefix(limit), as: UTF8.self)
    return kept + " …[\(text.utf8.count - limit) more bytes not kept]"
}

// MARK: Connection

func connectionEvent(_ model: inout AppModel, _ event: ConnectionEvent, now: Timestamp) -> [Effect] {
    switch event {
    case .opened(let latency):
        model.connection = .connected(since: now.monotonic)
        model.connectedSince = now.monotonic
        model.transcript.append(TranscriptEntry(time: now.wall, direction: .local, kind: .connection("connected in \(latency) ms")))
        if model.errorLine?.hasPrefix("connection: ") == true { model.errorLine = nil }
        // Resend the current query: the answer to anything sent before may never come.
        return [.cancelTimer(.reconnect), .cancelTimer(.countdown)] + sendQuery(&model, now: now)
    case .failed(let message, let status):
        model.transcript.append(TranscriptEntry(time: now.wall, direction: .local, kind: .connection("failed: \(message)")))
        if let status, status == 401 || status == 403 {
            model.connection = .authFailed(status: status, message: message)
            model.errorLine = "connection: \(message)"
            stopWaiting(&model)
            return [.cancelTimer(.spinner)]
        }
        return scheduleReconnect(&model, reason: message, now: now)
    case .certificateRejected(let message):
        model.transcript.append(TranscriptEntry(time: now.wall, direction: .local, kind: .connection("failed: \(message)")))
        model.connection = .certificateRejected(message: message)
        model.errorLine = "connection: \(message)"
        stopWaiting(&model)
        return [.cancelTimer(.spinner)]
    case .closed(_, let description):
        // The description already names the code ("closed by peer with 1001 (going away)…").
        model.transcript.append(TranscriptEntry(time: now.wall, direction: .local, kind: .connection(description)))
        return scheduleReconnect(&model, reason: description, now: now)
    }
}

func scheduleReconnect(_ model: inout AppModel, reason: String, now: Timestamp) -> [Effect] {
    if let since = model.connectedSince, now.monotonic - since >= model.reconnectPolicy.stableAfterMilliseconds {
        model.reconnectAttempt = 0
    }
    model.connectedSince = nil
    model.reconnectAttempt += 1
    let delay = model.reconnectPolicy.delay(attempt: model.reconnectAttempt)
    model.connection = .reconnecting(at: now.monotonic + delay, attempt: model.reconnectAttempt + 1, reason: reason)
    stopWaiting(&model)
    return [.cancelTimer(.spinner), .startTimer(.reconnect, afterMilliseconds: delay, generation: 0),
            .startTimer(.countdown, afterMilliseconds: min(1000, delay), generation: 0)]
}

/// A connection that went away will not answer: the spinner stops, suggestions stay.
func stopWaiting(_ model: inout AppModel) {
    if case .waiting(let query, _) = model.results { model.results = .answered(query: query, latency: nil) }
    model.spinnerVisible = false
}

/// Ctrl-R: reconnect now, whatever the state.
func reconnectNow(_ model: inout AppModel) -> [Effect] {
    let attempt: Int
    switch model.connection {
    case .reconnecting(_, let a, _): attempt = a
    case .connecting(let a): attempt = a
    default: attempt = 1
    }
    model.connection = .connecting(attempt: attempt)
    model.connectedSince = nil
    return [.cancelTimer(.reconnect), .cancelTimer(.countdown), .connect]
}

// MARK: Selection

/// Keeps the selected row inside the visible window of the list.
func clampScroll(_ model: inout AppModel) {
    let rows = max(1, model.layout.suggestions.height)
    let count = model.suggestions.count
    model.scroll = min(max(0, model.scroll), max(0, count - rows))
    if let s = model.selected {
        if s < model.scroll { model.scroll = s }
        if s >= model.scroll + rows { model.scroll = s - rows + 1 }
    }
}

/// Moves the selection by `delta` list positions (positive = away from the search box).
/// A single step back past the first row returns to the query; a page move stops at the first row.
func moveSelection(_ model: inout AppModel, by delta: Int, page: Bool = false) {
    guard !model.suggestions.isEmpty else { return }
    let last = model.suggestions.count - 1
    if let s = model.selected {
        let next = s + delta
        model.selected = next < 0 ? (page && s > 0 ? 0 : nil) : min(last, next)
    } else if delta > 0 {
        model.selected = min(last, delta - 1)
    }
    clampScroll(&model)
}
