import WispCLI
import DemoServer
import EventLoop
import Foundation
import SuggestProtocol

/// `wisp serve`: the demo server alone, for other clients, demos over SSH and tests.
enum ServeCommand {
    static let usage = """
        Usage: wisp serve [options]

        Runs a suggestion server that speaks wisp's protocol (the reference PHP handler's,
        see PROTOCOL.md) over WebSocket, answering from a product catalog.

        Options:
          --host H               address to bind (default 127.0.0.1; :: or 0.0.0.0 for all)
          --port P               port (default 6001; 0 picks a free one)
          --path PATH            WebSocket path (default /ws); other paths get 404
          --max-suggestions N    suggestions per answer (default 8)
          --delay-ms N           simulated model latency per query (default 0)
          --jitter-ms N          up to this much extra latency, at random (default 0)
          --error-rate P         fraction 0–1 of queries answered "AI service currently unavailable." (default 0)
          --seed S               seed of the jitter and errors, for replayable demos (default 24301)
          --ping-interval S      ping every client every S seconds (default: no pings)
          --catalog FILE         your own products: JSON array or CSV with a name column
          --max-message-size N   largest client message in bytes (default 65536); bigger get close 1009
          --max-connections N    clients at most (default 10000; 0: no limit); more are answered HTTP 503
        \(TLSOptions.serverHelp)
          --quiet                no log lines on stderr

        Examples:
          wisp serve --port 6001
          wisp serve --delay-ms 300 --jitter-ms 200 --error-rate 0.1 --seed 7
          wisp serve --catalog products.csv --host 0.0.0.0
          wisp serve --tls-cert cert.pem --tls-key key.pem     (then: wisp wss://HOST:6001/ws)
        """

    static let valued: Set<String> = Set(["--host", "--port", "--path", "--max-suggestions", "--delay-ms", "--jitter-ms", "--error-rate",
                                      "--seed", "--ping-interval", "--catalog", "--max-message-size", "--max-connections"]).union(TLSOptions.serverValued)

    /// Reads the server options shared by `serve` and `--demo`.
    static func options(from args: Arguments, command: String) throws(UsageError) -> (DemoServerOptions, catalog: String?) {
        var o = DemoServerOptions()
        if let host = args.value("--host") { o.host = host }
        o.port = UInt16(try args.integer("--port", default: Int(o.port), range: 0...65535))
        if let path = args.value("--path") {
            guard path.hasPrefix("/") else { throw UsageError(message: "--path must start with /", command: command) }
            o.path = path
        }
        o.maxSuggestions = try args.integer("--max-suggestions", default: 8, range: 1...1000)
        o.delay = .milliseconds(try args.integer("--delay-ms", default: 0, range: 0...600_000))
        o.jitter = .milliseconds(try args.integer("--jitter-ms", default: 0, range: 0...600_000))
        if let rate = args.value("--error-rate") {
            guard let p = Double(rate), (0...1).contains(p) else {
                throw UsageError(message: "--error-rate expects a number from 0 to 1, got '\(rate)'", command: command)
            }
            o.errorRate = p
        }
        if let seed = args.value("--seed") {
            guard let s = UInt64(seed) else { throw UsageError(message: "--seed expects a whole number, got '\(seed)'", command: command) }
            o.seed = s
        }
        if args.value("--ping-interval") != nil {
            let interval = try args.seconds("--ping-interval", default: .seconds(20))
            guard interval > .zero else { throw UsageError(message: "--ping-interval must be more than 0", command: command) }
            o.pingInterval = interval
        }
        o.maxMessageSize = try args.integer("--max-message-size", default: 64 << 10, range: 125...(1 << 30))
        let maxConnections = try args.integer("--max-connections", default: 10_000, range: 0...(1 << 24))
        o.maxConnections = maxConnections == 0 ? nil : maxConnections
        return (o, args.value("--catalog"))
    }

    /// The engine over the bundled catalog or the user's, or a message saying what is wrong with it.
    static func engine(catalogPath: String?) throws -> SuggestionEngine {
        let catalog = try catalogPath.map { path throws in try Catalog.load(path: path) } ?? Catalog.bundled()
        return SuggestionEngine(catalog: catalog)
    }

    static func run(_ raw: [String], demo: Bool = false) throws -> Int32 {
        let args = try Arguments(raw, command: "serve", valued: valued, flagNames: ["--help", "-h", "--quiet"])
        if args.flag("--help") || args.flag("-h") { print(usage); return 0 }
        guard args.positional.isEmpty else { throw UsageError(message: "unexpected argument '\(args.positional[0])'", command: "serve") }
        let (options, catalogPath) = try options(from: args, command: "serve")
        let quiet = args.flag("--quiet")
        let tls = try TLSOptions.serverContext(args, command: "serve")

        let engine: SuggestionEngine
        do { engine = try Self.engine(catalogPath: catalogPath) } catch {
            printError("wisp serve: \(error)")
            return 1
        }
        Signals.block([SIGINT, SIGTERM])
        ProcessLimits.raiseOpenFileLimit()
        let reactor = try Reactor()
        let server: DemoServer
        do {
            server = try DemoServer(options: options, source: engine, reactor: reactor, tls: tls,
                                    log: { line in if !quiet { printError(timestamped(line)) } },
                                    unixTime: { Int(Date().timeIntervalSince1970) })
        } catch {
            printError("wisp serve: cannot listen on \(options.host):\(options.port): \(error)")
            return 1
        }
        let url = ServerRun.url(of: server.localAddress, secure: tls != nil, path: options.path)
        print("listening on \(url)")
        print("wisp demo server: \(engine.productCount) products, up to \(options.maxSuggestions) suggestions per query")
        if demo {
            print("Send it a query from another terminal with any WebSocket client, e.g.")
            print("  echo '{\"type\":\"productSearchQuery\",\"payload\":{\"query\":\"wireless head\"}}' | websocat \(url)")
            print("Ctrl-C stops the server.")
        }
        fflush(nil)
        try ServerRun.untilSignalled(reactor, shutdown: { server.shutdown() }, drained: { server.connectionCount == 0 })
        return 0
    }

    /// "12:03:04.123 " before a log line.
    static func timestamped(_ line: String) -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var t = tm()
        var seconds = now.tv_sec
        localtime_r(&seconds, &t)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let ms = Int(now.tv_nsec / 1_000_000)
        let msText = ms < 10 ? "00\(ms)" : ms < 100 ? "0\(ms)" : "\(ms)"
        return "\(two(t.tm_hour)):\(two(t.tm_min)):\(two(t.tm_sec)).\(msText) \(line)"
    }
}
