import WispCLI
import EventLoop
import Foundation
import WebSocket
import WebSocketClient

#if canImport(Glibc)
import Glibc
#endif

/// `wisp autobahn`: the client-testee side of Autobahn|Testsuite's fuzzingserver. Each case
/// is a connection to /runCase on which wisp echoes every message until the server closes.
enum AutobahnCommand {
    static let usage = """
        Usage: wisp autobahn URL [--agent NAME] [--cases N-M] [--case-timeout SECONDS]

        Runs wisp as the client testee of an Autobahn|Testsuite fuzzing server at URL
        (e.g. ws://127.0.0.1:9001): reads /getCaseCount, runs /runCase for each case as an
        echo client, then asks for /updateReports. Prints one line per case with the verdict
        the server recorded (from /getCaseStatus) and a summary.
        Exit status: 0 when no case FAILED, 1 otherwise, 2 when the server cannot be reached.

        Options:
          --agent NAME            agent name in the reports (default wisp)
          --cases N-M             run only cases N to M (1-based, inclusive); N alone runs one
          --case-timeout SECONDS  give up on a case after this long (default 120)

        Examples:
          wstest -m fuzzingserver -s fuzzingserver.json &      (Autobahn|Testsuite, listening on 9001)
          wisp autobahn ws://127.0.0.1:9001 --agent wisp --cases 1-40
        """

    static func run(_ raw: [String]) throws -> Int32 {
        let args = try Arguments(raw, command: "autobahn", valued: ["--agent", "--cases", "--case-timeout"], flagNames: ["--help", "-h"])
        if args.flag("--help") || args.flag("-h") { print(usage); return 0 }
        guard args.positional.count == 1 else { throw UsageError(message: "expected the fuzzing server's URL", command: "autobahn") }
        let base: WebSocketURL
        do { base = try WebSocketURL(parsing: args.positional[0]) } catch { throw UsageError(message: "\(error)", command: "autobahn") }
        let agent = args.value("--agent") ?? "wisp"
        let caseTimeout = try args.seconds("--case-timeout", default: .seconds(120))
        let reactor = try Reactor()
        let runner = Runner(base: base, agent: agent, reactor: reactor, caseTimeout: caseTimeout)

        let count: Int
        switch runner.fetchText("/getCaseCount") {
        case .failure(let end):
            printError("wisp autobahn: cannot read the case count: \(end)")
            return 2
        case .success(let text):
            guard let n = Int(text.filter { !$0.isWhitespace }) else {
                printError("wisp autobahn: /getCaseCount answered '\(text.prefix(80))', not a number")
                return 2
            }
            count = n
        }
        var range = 1...max(count, 1)
        if let spec = args.value("--cases") {
            let parts = spec.split(separator: "-").map { Int($0) }
            guard parts.count >= 1, parts.count <= 2, let first = parts[0], let last = parts.last ?? first, first >= 1, last >= first, last <= count else {
                throw UsageError(message: "--cases expects N or N-M within 1…\(count), got '\(spec)'", command: "autobahn")
            }
            range = first...last
        }
        guard count > 0 else {
            printError("wisp autobahn: the server has no cases")
            return 2
        }
        print("running cases \(range.lowerBound)–\(range.upperBound) of \(count) as agent \(agent)")
        var tally: [String: Int] = [:]
        for n in range {
            let started = reactor.now
            let end = runner.runCase(n)
            let ms = reactor.now.duration(since: started).components
            let elapsed = ms.seconds * 1000 + ms.attoseconds / 1_000_000_000_000_000
            let id = runner.caseInfo(n) ?? "#\(n)"
            let verdict = runner.caseStatus(n) ?? "?"
            tally[verdict, default: 0] += 1
            print("\(id.padding(to: 10))\(verdict.padding(to: 15))\(elapsed) ms  \(end)")
            fflush(nil)
        }
        _ = runner.fetchText("/updateReports?agent=\(agent)")
        let summary = tally.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        print("summary: \(range.count) cases: \(summary)")
        return (tally["FAILED"] ?? 0) == 0 && (tally["?"] ?? 0) == 0 ? 0 : 1
    }

    /// Drives one connection at a time on the reactor until it ends.
    final class Runner {
        let base: WebSocketURL
        let agent: String
        let reactor: Reactor
        let caseTimeout: Duration

        init(base: WebSocketURL, agent: String, reactor: Reactor, caseTimeout: Duration) {
            self.base = base
            self.agent = agent
            self.reactor = reactor
            self.caseTimeout = caseTimeout
        }

        private func url(_ resource: String) -> WebSocketURL {
            var url = base
            let prefix = base.resource == "/" ? "" : base.resource
            url.resource = prefix + resource
            return url
        }

        /// Connects, collects the first text message, and waits for the server to close.
        func fetchText(_ resource: String) -> Result<String, ClientEnd> {
            var text: String?
            let end = connect(url(resource)) { client, event in
                if case .text(let t) = event, text == nil { text = t.string }
                _ = client
            }
            if let text { return .success(text) }
            return .failure(end)
        }

        func runCase(_ n: Int) -> ClientEnd {
            connect(url("/runCase?case=\(n)&agent=\(agent)")) { client, event in
                switch event {
                case .text(let t): t.bytes.withUnsafeBytes { try? client.send(.text, payload: $0) }
                case .binary(let b): try? client.send(.binary(b))
                default: break
                }
            }
        }

        func caseInfo(_ n: Int) -> String? {
            guard case .success(let json) = fetchText("/getCaseInfo?case=\(n)") else { return nil }
            return field("id", in: json)
        }

        func caseStatus(_ n: Int) -> String? {
            guard case .success(let json) = fetchText("/getCaseStatus?case=\(n)&agent=\(agent)") else { return nil }
            return field("behavior", in: json)
        }

        private func field(_ name: String, in json: String) -> String? {
            guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else { return nil }
            return object[name] as? String
        }

        private func connect(_ url: WebSocketURL, onEvent: @escaping (WebSocketClient, WebSocketEvent) -> Void) -> ClientEnd {
            let client = WebSocketClient(url: url, configuration: .init(connection: .init(maxMessageSize: 64 << 20)), reactor: reactor)
            var result: ClientEnd?
            client.onEvent = { [unowned client] event in onEvent(client, event) }
            client.onEnd = { result = $0 }
            client.start()
            let finished = (try? reactor.run(timeout: caseTimeout) { result != nil }) ?? false
            if !finished {
                client.close(code: .goingAway, reason: "case timeout")
                _ = try? reactor.run(timeout: .seconds(3)) { result != nil }
            }
            return result ?? .failed(.handshakeTimedOut(after: caseTimeout))
        }
    }
}

extension String {
    /// Left-aligned in a column of `width` characters.
    func padding(to width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
