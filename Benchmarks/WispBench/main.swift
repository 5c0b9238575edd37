import DemoServer
import EventLoop
import WebSocket

#if canImport(Glibc)
import Glibc
#endif

let usage = """
    Usage:
      wisp-bench                        codec throughput and loopback echo vs raw TCP
      wisp-bench ui [--terminal]        message → frame presented (--terminal: real ncurses, run it in tmux)
      wisp-bench client URL WORKLOAD    one client workload against an echo server
                                        (\(ClientWorkloads.names.joined(separator: ", ")))
    Build with -c release: debug figures mean nothing.
    """

ProcessLimits.tuneAllocatorForLargeMessages()
let arguments = Array(CommandLine.arguments.dropFirst())
do {
    switch arguments.first {
    case nil:
        #if DEBUG
        print("warning: debug build; run `swift run -c release wisp-bench` for real figures")
        #endif
        CodecBench.masking()
        CodecBench.utf8()
        CodecBench.decoding()
        try LoopbackBench.echoRoundTrips()
        try LoopbackBench.compressedEcho()
        for line in EngineBenchmark.run() { print(line) }
        try InterfaceBench.run(terminal: false)
    case "ui":
        try InterfaceBench.run(terminal: arguments.dropFirst().contains("--terminal"))
    case "client" where arguments.count == 3:
        try ClientWorkloads.run(arguments[2], url: try WebSocketURL(parsing: arguments[1]))
    default:
        print(usage)
        exit(arguments.first == "--help" ? 0 : 2)
    }
} catch {
    print("wisp-bench: \(error)")
    exit(1)
}
