import WispCLI
import EventLoop

#if canImport(Glibc)
import Glibc
#endif

/// wisp's version, printed by --version and sent as the User-Agent.
let wispVersion = "0.1.0"

let topUsage = """
    wisp \(wispVersion) — a terminal client for real-time AI search over WebSocket

    Usage:
      wisp [URL] [options]                         the search interface (default ws://localhost:6001/ws)
      wisp --demo [options]                        the interface on a built-in demo server
      wisp serve [--port 6001] [--delay-ms N] …    run the demo suggestion server alone
      wisp query URL TEXT… [--json] [--repeat N]   one query from a script (exit 0/1/2/3)
      wisp raw URL [--wait S] [--timestamps]       send stdin's lines, print what arrives (like wscat)
      wisp config [options]                        the effective settings and where each came from
      wisp completions bash|zsh|fish               a shell completion script
      wisp echo-server [--host H] [--port P]       run a WebSocket echo server
      wisp echo-check URL [--sizes LIST]           check a server echoes messages exactly
      wisp autobahn URL [--agent NAME] [--cases N-M]
                                                   run as an Autobahn|Testsuite client testee
      wisp --help | --version

    Examples:
      wisp --demo                                  try it at once
      choice=$(wisp ws://localhost:6001/ws)        pick a suggestion in a script
      wisp query ws://localhost:6001/ws desk lamp --json
      echo '{"type":"x"}' | wisp raw ws://localhost:6001/ws --wait 2

    Each command has its own --help (`wisp serve --help`, `wisp query --help` …);
    the interface's options: `wisp --demo --help`. Settings can live in ~/.config/wisp/config (`wisp config`).
    """

/// Prints `message` to stderr (straight to fd 2: Swift 6 forbids touching C's `stderr` global).
func printError(_ message: String) {
    var line = message
    if !line.hasSuffix("\n") { line += "\n" }
    fflush(nil)
    var bytes = Array(line.utf8)[...]
    while !bytes.isEmpty {
        let n = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
        if n <= 0 { break }
        bytes = bytes.dropFirst(n)
    }
}

Signals.ignoreSIGPIPE()
ProcessLimits.tuneAllocatorForLargeMessages()
let args = Array(CommandLine.arguments.dropFirst())
let subcommands: [String: ([String]) throws -> Int32] = [
    "serve": { try ServeCommand.run($0) },
    "query": { try QueryCommand.run($0) },
    "raw": { try RawCommand.run($0) },
    "config": { try ConfigCommand.run($0) },
    "completions": { try CompletionsCommand.run($0) },
    "echo-server": { try EchoServerCommand.run($0) },
    "echo-check": { try EchoCheckCommand.run($0) },
    "autobahn": { try AutobahnCommand.run($0) },
]

let status: Int32
do {
    if let first = args.first, let command = subcommands[first] {
        status = try command(Array(args.dropFirst()))
    } else if args == ["--help"] || args == ["-h"] || args == ["help"] {
        print(topUsage)
        status = 0
    } else if args == ["--version"] || args == ["-V"] {
        print("wisp \(wispVersion)")
        status = 0
    } else if let first = args.first, !first.hasPrefix("-"), !first.contains(":"), !first.contains("/"), !first.contains(".") {
        let hint = Spelling.closest(to: first, in: Array(subcommands.keys)).map { " (did you mean '\($0)'?)" } ?? " (a URL looks like ws://host:port/path)"
        throw UsageError(message: "unknown command '\(first)'\(hint)", command: "")
    } else {
        status = try InterfaceCommand.run(args, demo: false)
    }
} catch let error as UsageError {
    printError(error.description)
    status = 2
} catch let failure as CommandFailure {
    printError(failure.message)
    status = failure.status
} catch {
    printError("wisp: \(error)")
    status = 1
}
exit(status)
