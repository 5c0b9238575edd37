import WispCLI
import EventLoop
import Foundation
import SuggestProtocol
import TerminalUI
import WebSocket
import WebSocketClient

/// `wisp query URL TEXT…`: one query from a script; the answer on stdout, the outcome in the exit status.
enum QueryCommand {
    static let usage = """
        Usage: wisp query URL TEXT… [options]

        Connects, sends one query, waits for the answer to that query (stale or unrelated
        events are skipped) and prints the suggestions one per line.

        Exit status: 0 suggestions printed, 1 the server answered with an error event (its
        message on stderr), 2 connection or handshake failure (the cause on stderr), 3 no
        answer within --timeout.

        Options:
          --json                  print the server's event as one JSON line instead
          --timeout S             seconds to wait for the answer (default 10)
          --repeat N              send the query N times in a row and print latency p50/p95/p99/max
        \(ConnectionOptions.help)

        Examples:
          wisp query ws://localhost:6001/ws wireless head
          WISP_TOKEN=secret wisp query wss://api.example.com/ws "desk lamp" --json
          wisp query ws://localhost:6001/ws laptop --repeat 100
        """

    /// How a query run ended.
    enum Outcome: Equatable {
        case answered
        case serverError(String)
        case connectionFailed(String)
        case timedOut
    }

    static func run(_ raw: [String]) throws -> Int32 {
        let environment = ProcessInfo.processInfo.environment
        let args = try Arguments(raw, command: "query", valued: ConnectionOptions.valued.union(["--timeout", "--repeat"]),
                                 flagNames: ConnectionOptions.flags.union(["--help", "-h", "--json"]))
        if args.flag("--help") || args.flag("-h") { print(usage); return 0 }
        guard args.positional.count >= 2 else { throw UsageError(message: "expected a URL and the query text", command: "query") }
        let url: WebSocketURL
        do { url = try WebSocketURL(parsing: args.positional[0]) } catch { throw UsageError(message: "\(args.positional[0]): \(error)", command: "query") }
        let text = args.positional.dropFirst().joined(separator: " ")
        let timeout = try args.seconds("--timeout", default: .seconds(10))
        let repeats = try args.integer("--repeat", default: 1, range: 1...1_000_000)
        let json = args.flag("--json")
        let (configuration, names) = try ConnectionOptions.parse(args, environment: environment, command: "query")
        ConnectionOptions.warnIfInsecure(configuration, url: url, command: "query")

        let log = try TranscriptLog.open(args)
        let reactor = try Reactor()
        let client = WebSocketClient(url: url, configuration: configuration, reactor: reactor)
        if let log { client.onTrace = { log.append($0) } }
        let request = ClientMessage.query(text).encoded(names: names)
        var outcome: Outcome?
        var lastAnswer: (raw: String, suggestions: [Suggestion])?
        var latencies: [UInt64] = []
        var sentAt = reactor.now
        var deadline: TimerID?

        func send() {
            sentAt = reactor.now
            try? client.send(.text(request))
            if let deadline { reactor.cancelTimer(deadline) }
            deadline = reactor.addTimer(after: timeout) { if outcome == nil { outcome = .timedOut } }
        }
        client.onOpen = { _ in send() }
        client.onEvent = { event in
            guard outcome == nil, case .text(let payload) = event else { return }
            let message = payload.string
            switch ServerEvent.decode(message, names: names) {
            case .suggestions(let answer) where answer.originalQuery == nil || answer.originalQuery == text:
                latencies.append(reactor.now.duration(since: sentAt).nanoseconds)
                log?.appendQuery(text, latencyMilliseconds: Double(latencies.last!) / 1e6)
                lastAnswer = (message, answer.suggestions)
                if latencies.count < repeats { send() } else { outcome = .answered }
            case .error(let error):
                outcome = .serverError(error)
            default:
                break  // stale answers, pushes for other queries, unknown events
            }
        }
        client.onEnd = { end in
            guard outcome == nil else { return }
            switch end {
            case .failed(let error): outcome = .connectionFailed(error.description)
            case .closed(let info): outcome = .connectionFailed("the connection closed before an answer: \(info)")
            }
        }
        client.start()
        try reactor.run { outcome != nil }
        if client.phase != .ended {
            client.close()
            _ = try? reactor.run(timeout: .seconds(1)) { client.phase == .ended }
        }

        let toTerminal = isatty(1) != 0
        switch outcome ?? .timedOut {
        case .answered:
            if repeats > 1 {
                let sorted = latencies.sorted()
                func ms(_ p: Double) -> String { milliseconds(sorted[min(sorted.count - 1, max(0, Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1))]) }
                print("\(repeats) queries: latency p50 \(ms(50)) ms, p95 \(ms(95)) ms, p99 \(ms(99)) ms, max \(milliseconds(sorted.last ?? 0)) ms")
            } else if json, let answer = lastAnswer {
                print(toTerminal ? Sanitizer.clean(answer.raw) : answer.raw)
            } else {
                for suggestion in lastAnswer?.suggestions ?? [] {
                    // On a terminal, a hostile server must not reach it; in a pipe, the text is data.
                    print(toTerminal ? Sanitizer.clean(suggestion.text) : suggestion.text)
                }
            }
            return 0
        case .serverError(let message):
            printError("wisp query: server error: \(Sanitizer.clean(message))")
            return 1
        case .connectionFailed(let message):
            printError("wisp query: \(Sanitizer.clean(message))")
            return 2
        case .timedOut:
            printError("wisp query: no answer to \"\(Sanitizer.clean(text))\" within \(timeout.humanReadable)")
            return 3
        }
    }

    static func milliseconds(_ nanoseconds: UInt64) -> String {
        let tenths = (nanoseconds + 50_000) / 100_000
        return "\(tenths / 10).\(tenths % 10)"
    }
}

extension Duration {
    /// Whole nanoseconds, for latency arithmetic.
    var nanoseconds: UInt64 {
        let (s, atto) = components
        return UInt64(max(0, s)) * 1_000_000_000 + UInt64(max(0, atto)) / 1_000_000_000
    }
}
