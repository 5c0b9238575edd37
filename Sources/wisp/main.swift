import EventLoop

#if canImport(Glibc)
import Glibc
#endif

/// wisp's version, printed by --version and sent as the User-Agent.
let wispVersion = "0.1.0"

let topUsage = """
    wisp \(wispVersion) — a terminal client for real-time AI search over WebSocket

    Usage:
      wisp --help | --version
      wisp echo-server [--host H] [--port P]      run a WebSocket echo server
      wisp echo-check URL [--sizes LIST]           check a server echoes messages exactly
      wisp autobahn URL [--agent NAME] [--cases N-M]
                                                   run as an Autobahn|Testsuite client testee

    The search interface, `wisp --demo` and `wisp serve` arrive with the next releases.
    Each command has its own --help.
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
var args = Array(CommandLine.arguments.dropFirst())
let command = args.first ?? "--help"
if !args.isEmpty { args.removeFirst() }

let status: Int32
do {
    switch command {
    case "-h", "--help", "help":
        print(topUsage)
        status = 0
    case "--version", "-V":
        print("wisp \(wispVersion)")
        status = 0
    case "echo-server":
        status = try EchoServerCommand.run(args)
    case "echo-check":
        status = try EchoCheckCommand.run(args)
    case "autobahn":
        status = try AutobahnCommand.run(args)
    default:
        throw UsageError(message: command.hasPrefix("-") ? "unknown option \(command)" : "unknown command '\(command)'", command: "")
    }
} catch let error as UsageError {
    printError(error.description)
    status = 2
} catch {
    printError("wisp: \(error)")
    status = 1
}
exit(status)
