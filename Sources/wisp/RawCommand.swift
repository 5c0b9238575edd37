import EventLoop
import Foundation
import TerminalUI
import WebSocket
import WebSocketClient
import WispCLI

/// `wisp raw URL`: the wscat/websocat use case without the full screen. Lines of stdin go
/// out as text messages; whatever arrives is printed as it comes.
enum RawCommand {
    static let usage = """
        Usage: wisp raw URL [options]

        Sends each line of stdin as a text message and prints every message received on stdout as
        it arrives: JSON pretty-printed when stdout is a terminal, compact in a pipe. When stdin ends,
        waits --wait seconds for answers, closes the connection and exits.

        Exit status: 0 after a normal close, 1 when the server closed abnormally or broke the
        protocol, 2 when the connection could not be made.

        Options:
          --wait S                seconds to keep listening after stdin ends (default 1)
          --timestamps            prefix each received message with the time it arrived
          --binary-as hex|base64  how binary messages are printed (default hex)
          --compact               never pretty-print
        \(ConnectionOptions.help)

        Examples:
          echo '{"type":"productSearchQuery","payload":{"query":"lamp"}}' | wisp raw ws://localhost:6001/ws --wait 2
          wisp raw ws://localhost:6001/ws --timestamps      (type lines; Ctrl-D ends)
        """

    static func run(_ raw: [String]) throws -> Int32 {
        let environment = ProcessInfo.processInfo.environment
        let args = try Arguments(raw, command: "raw", valued: ConnectionOptions.valued.union(["--wait", "--binary-as"]),
                                 flagNames: ConnectionOptions.flags.union(["--help", "-h", "--timestamps", "--compact"]))
        if args.flag("--help") || args.flag("-h") { print(usage); return 0 }
        guard args.positional.count == 1 else { throw UsageError(message: "expected one URL", command: "raw") }
        let url: WebSocketURL
        do { url = try WebSocketURL(parsing: args.positional[0]) } catch { throw UsageError(message: "\(args.positional[0]): \(error)", command: "raw") }
        let wait = try args.seconds("--wait", default: .seconds(1))
        let binaryAs = args.value("--binary-as") ?? "hex"
        guard binaryAs == "hex" || binaryAs == "base64" else {
            throw UsageError(message: "--binary-as expects hex or base64, got '\(binaryAs)'", command: "raw")
        }
        let (configuration, _) = try ConnectionOptions.parse(args, environment: environment, command: "raw")
        ConnectionOptions.warnIfInsecure(configuration, url: url, command: "raw")
        let toTerminal = isatty(1) != 0
        let pretty = toTerminal && !args.flag("--compact")
        let timestamps = args.flag("--timestamps")

        let log = try TranscriptLog.open(args)
        let reactor = try Reactor()
        let client = WebSocketClient(url: url, configuration: configuration, reactor: reactor)
        if let log { client.onTrace = { log.append($0) } }
        var status: Int32?
        var pending = Data()
        var stdinOpen = true
        var opened = false

        func emit(_ text: String) {
            let stamp = timestamps ? Self.clock() + " " : ""
            if pretty {
                let lines = JSONPretty.lines(text).map { Sanitizer.clean($0) }
                print(stamp + lines.joined(separator: "\n" + String(repeating: " ", count: stamp.count)))
            } else {
                print(stamp + (toTerminal ? Sanitizer.clean(text) : text))
            }
            fflush(nil)
        }
        func sendLines() {
            guard opened else { return }
            while let newline = pending.firstIndex(of: 10) {
                var line = pending[pending.startIndex..<newline]
                if line.last == 13 { line = line.dropLast() }
                pending = pending[(newline + 1)...]
                try? client.send(.text(String(decoding: line, as: UTF8.self)))
            }
            if !stdinOpen, !pending.isEmpty {
                try? client.send(.text(String(decoding: pending, as: UTF8.self)))
                pending = Data()
            }
        }
        func stdinEnded() {
            stdinOpen = false
            reactor.unregister(fd: 0)
            sendLines()
            // Before the connection is open, `onOpen` starts the wait; closing now would end a
            // connection that never opened as if it had closed cleanly.
            if opened { reactor.addTimer(after: wait) { client.close() } }
        }
        client.onOpen = { _ in
            opened = true
            sendLines()
            if !stdinOpen { reactor.addTimer(after: wait) { client.close() } }
        }
        client.onEvent = { event in
            switch event {
            case .text(let text): emit(text.string)
            case .binary(let bytes):
                let body = binaryAs == "hex" ? bytes.map { String(format: "%02x", $0) }.joined() : Data(bytes).base64EncodedString()
                emit("<binary \(bytes.count) bytes> " + body)
            default: break
            }
        }
        client.onEnd = { end in
            switch end {
            case .failed(let error):
                printError("wisp raw: \(Sanitizer.clean(error.description))")
                status = 2
            case .closed(let info):
                let clean = info.code == .normal || info.code == .goingAway || info.code == .noStatus
                if info.initiator != .local || !clean { printError("wisp raw: \(Sanitizer.clean(info.description))") }
                status = clean ? 0 : 1
            }
        }
        reactor.register(fd: 0, interest: .readable) { _ in
            var buffer = [UInt8](repeating: 0, count: 64 << 10)
            let n = buffer.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
            if n > 0 {
                pending.append(contentsOf: buffer[0..<n])
                sendLines()
            } else if n == 0 || (errno != EAGAIN && errno != EINTR) {
                stdinEnded()
            }
        }
        client.start()
        try reactor.run { status != nil }
        return status ?? 0
    }

    /// "HH:MM:SS.mmm" local time.
    static func clock() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var t = tm()
        var seconds = now.tv_sec
        localtime_r(&seconds, &t)
        return String(format: "%02d:%02d:%02d.%03d", t.tm_hour, t.tm_min, t.tm_sec, Int(now.tv_nsec / 1_000_000))
    }
}
