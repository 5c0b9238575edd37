import WispCLI
import DemoServer
import EventLoop
import Foundation
import TerminalUI
import WebSocket
import WebSocketClient
import WispCore
import WispRuntime

/// `wisp [URL]` and `wisp --demo`: the full-screen search interface.
enum InterfaceCommand {
    static let usage = """
        Usage: wisp [URL] [options]
               wisp --demo [options]

        Opens the search interface on the WebSocket server at URL (default ws://localhost:6001/ws,
        or $WISP_URL). With --demo, wisp starts its own demo server on a free loopback port first.
        Enter prints the selected suggestion (or the query) on stdout, so `choice=$(wisp)` works.

        Options:
          --layout bottom|top     search box at the bottom (default) or on top
          --debounce MS           pause before a query is sent (default 150; 0 sends on every key)
          --min-chars N           characters a query needs, after trimming (default 3)
          --theme NAME|PATH       default, light, high-contrast, mono, or a theme file ($WISP_THEME)
          --no-mouse              ignore the mouse
          --no-transcript         start with the transcript hidden (Ctrl-T toggles it)
        \(ConnectionOptions.help)

        Keys: type to search, ↑/↓ select, Tab refine, Enter accept, Esc quit, F1 help.
        """

    static let valued: Set<String> = Set(["--layout", "--debounce", "--min-chars", "--theme"]).union(ConnectionOptions.valued)
    static let flags: Set<String> = Set(["--help", "-h", "--no-mouse", "--no-transcript", "--demo"]).union(ConnectionOptions.flags)

    /// The valued options `wisp` takes: its own and, for `--demo`, the demo server's (except
    /// where it listens and TLS: the demo server is always plain loopback).
    static let acceptedValued = valued.union(ServeCommand.valued.subtracting(["--port", "--host", "--path", "--tls-cert", "--tls-key"]))

    /// Every option the interface takes, for completions.
    static var allOptions: [String] { acceptedValued.union(flags).sorted() }

    static func run(_ raw: [String], demo: Bool) throws -> Int32 {
        let environment = ProcessInfo.processInfo.environment
        let args = try Arguments(raw, command: "", valued: acceptedValued,
                                 flagNames: flags)
        if args.flag("--help") || args.flag("-h") { print(usage); return 0 }
        let isDemo = demo || args.flag("--demo")
        guard args.positional.count <= 1 else { throw UsageError(message: "expected at most one URL", command: "") }

        let settings = try ConnectionOptions.settings(args, environment: environment, command: "", url: args.positional.first)
        var config = AppConfig(url: "")
        config.isDemo = isDemo
        config.layout = settings.layout.value == .top ? .top : .bottom
        config.debounceMilliseconds = Int64(settings.debounceMilliseconds.value)
        config.minChars = settings.minChars.value
        config.mouse = settings.mouse.value
        config.showTranscript = settings.transcript.value
        config.utcOffsetSeconds = TimeZone.current.secondsFromGMT()
        config.reconnectSeed = UInt64(truncatingIfNeeded: Int(getpid()) &* 2_654_435_761)
        let (client, names) = try ConnectionOptions.client(settings, command: "", noCompression: args.flag("--no-compression"),
                                                          insecure: args.flag("--insecure"))
        config.names = names

        let reactor = try Reactor()
        var demoServer: DemoServer?
        let url: WebSocketURL
        if isDemo {
            guard args.positional.isEmpty else { throw UsageError(message: "--demo runs its own server; drop the URL", command: "") }
            var (options, catalogPath) = try ServeCommand.options(from: args, command: "")
            options.host = "127.0.0.1"
            options.port = 0
            let engine: SuggestionEngine
            do { engine = try ServeCommand.engine(catalogPath: catalogPath) } catch {
                printError("wisp: \(error)")
                return 1
            }
            // The demo server logs nothing: the screen belongs to the interface.
            let server = try DemoServer(options: options, source: engine, reactor: reactor, unixTime: { Int(Date().timeIntervalSince1970) })
            demoServer = server
            url = WebSocketURL(host: "127.0.0.1", port: server.localAddress.port, resource: options.path)
        } else {
            let text = settings.url.value
            do { url = try WebSocketURL(parsing: text) } catch { throw UsageError(message: "\(text): \(error)", command: "") }
        }
        config.url = url.description
        // The warning is about this session's TLS: a ws:// URL has none to be insecure about.
        config.insecure = client.tls.insecure && url.isSecure

        let (theme, themeWarning) = ThemeLoader.load(nameOrPath: settings.theme.value, environment: environment)

        Signals.block([SIGINT, SIGTERM, SIGWINCH, SIGHUP])
        let screen: NcursesScreen
        do {
            screen = try NcursesScreen(options: .init(mouse: config.mouse), styleFor: theme.terminalStyles)
        } catch {
            printError("\(error)".hasPrefix("wisp") ? "\(error)" : "wisp: \(error)")
            return 1
        }
        let size = screen.size
        var model = AppModel(config: config, width: size.width, height: size.height)
        if let themeWarning { model.errorLine = themeWarning }
        let log = try TranscriptLog.open(args)
        let runtime = Runtime(model: model, screen: screen, reactor: reactor, url: url, client: client,
                              trace: log.map { log in { log.append($0) } })
        try reactor.handleSignals([SIGINT, SIGTERM, SIGWINCH, SIGHUP]) { signal in
            // Exit statuses as a shell reports death by these signals: 128 + the signal number.
            if signal == SIGWINCH { runtime.resized() } else { runtime.quit(status: 128 + signal) }
        }
        runtime.start()
        try reactor.run { runtime.exit != nil }
        runtime.shutdown()
        demoServer?.shutdown()
        let exit = runtime.exit ?? (130, nil)
        // The selection is the server's text: on a terminal it must not carry escape sequences.
        if let output = exit.output { print(isatty(1) != 0 ? Sanitizer.clean(output) : output) }
        return exit.status
    }
}
