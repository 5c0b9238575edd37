import SuggestProtocol
@testable import TerminalUI

/// Builds a model the way the runtime would, with virtual time starting at midnight UTC.
struct Scenario {
    var model: AppModel
    var clock: Int64 = 0

    init(width: Int, height: Int, layout: LayoutMode = .bottom, transcript: Bool = true, demo: Bool = false, insecure: Bool = false) {
        var config = AppConfig(url: "ws://localhost:6001/ws")
        config.insecure = insecure
        config.layout = layout
        config.showTranscript = transcript
        config.isDemo = demo
        model = AppModel(config: config, width: width, height: height)
    }

    mutating func send(_ msg: AppMsg, after ms: Int64 = 0) {
        clock += ms
        _ = update(&model, msg, now: Timestamp(monotonic: clock, wall: 1_767_571_200_000 + clock))
    }

    mutating func connect() { send(.connection(.opened(latency: 3))) }

    /// Types `query`, lets the debounce fire, and answers with `items` after `latency` ms.
    mutating func search(_ query: String, answer items: [String], latency: Int64 = 42) {
        for c in query { send(.key(.character(c)), after: 10) }
        send(.timerFired(.debounce, generation: model.generation), after: 150)
        send(.serverText(ServerMessage.suggestions(originalQuery: query, suggestions: items, timestamp: 1).encoded()), after: latency)
    }

    var frame: Frame { render(model) }
}
