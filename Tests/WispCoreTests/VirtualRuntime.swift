import SuggestProtocol
@testable import WispCore

/// Plays the runtime's part with virtual time: keeps the timers `update` asks for, fires them
/// as time advances, and records what was sent and every other effect.
struct VirtualRuntime {
    var model: AppModel
    var now: Int64 = 0
    var timers: [TimerKind: (at: Int64, generation: Int)] = [:]
    var sent: [String] = []
    var effects: [Effect] = []

    init(config: AppConfig = AppConfig(url: "ws://test/ws"), width: Int = 80, height: Int = 24, connected: Bool = true) {
        model = AppModel(config: config, width: width, height: height)
        if connected { dispatch(.connection(.opened(latency: 3))) }
    }

    var stamp: Timestamp { Timestamp(monotonic: now, wall: 1_767_571_200_000 + now) }

    mutating func dispatch(_ msg: AppMsg) {
        for effect in update(&model, msg, now: stamp) {
            effects.append(effect)
            switch effect {
            case .send(let text): sent.append(text)
            case .startTimer(let kind, let after, let generation): timers[kind] = (now + after, generation)
            case .cancelTimer(let kind): timers[kind] = nil
            default: break
            }
        }
    }

    /// Moves time forward, firing due timers in deadline order.
    mutating func advance(_ ms: Int64) {
        let end = now + ms
        while let (kind, timer) = timers.filter({ $0.value.at <= end }).min(by: { $0.value.at < $1.value.at }) {
            now = max(now, timer.at)
            timers[kind] = nil
            dispatch(.timerFired(kind, generation: timer.generation))
        }
        now = end
    }

    /// Types `text` one grapheme at a time, `gap` ms apart.
    mutating func type(_ text: String, gap: Int64 = 40) {
        for c in text {
            dispatch(.key(.character(c)))
            advance(gap)
        }
    }

    mutating func press(_ key: Key) { dispatch(.key(key)) }

    /// The queries sent, decoded.
    var sentQueries: [String] {
        sent.compactMap { text in
            guard case .object(let o)? = try? JSONValue.parse(text), case .string(let q)? = o["payload"]?["query"] else { return nil }
            return q
        }
    }

    /// An answer as the reference server writes it.
    static func answer(_ query: String?, _ items: [String]) -> String {
        if let query { return ServerMessage.suggestions(originalQuery: query, suggestions: items, timestamp: 1).encoded() }
        return #"{"event":"aiSuggestions","payload":{"suggestions":[\#(items.map { "\"\($0)\"" }.joined(separator: ","))]}}"#
    }
}
