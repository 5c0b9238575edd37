import WispCLI
import EventLoop
import WebSocket
import WebSocketClient
import TLS

#if canImport(Glibc)
import Glibc
#endif

/// `wisp echo-check`: sends text and binary messages of several sizes to an echo server and
/// checks every byte that comes back — a quick conformance probe of a peer.
enum EchoCheckCommand {
    static let usage = """
        Usage: wisp echo-check URL [--sizes LIST] [--fragment BYTES] [--timeout SECONDS] [--cacert FILE] [--insecure]

        Sends a text and a binary message of each size to the echo server at URL and checks
        that each comes back byte for byte. Prints one line per check and "N passed, M failed".
        Exit status: 0 all passed, 1 a check failed, 2 the connection failed.

        Options:
          --sizes LIST        comma-separated sizes in bytes (default 0,1,125,126,127,65535,65536,1048576)
          --fragment BYTES    send each message in fragments of this size (default: one frame)
          --timeout SECONDS   per-check timeout (default 10)
          --cacert FILE       trust the CAs in this PEM file for wss:// instead of the system store
          --insecure          wss:// without verifying the certificate or host name

        Examples:
          wisp echo-check ws://127.0.0.1:9000/
          wisp echo-check ws://[::1]:9000/ --sizes 0,125,126,65536,16777216 --fragment 4096
        """

    static func run(_ raw: [String]) throws -> Int32 {
        let args = try Arguments(raw, command: "echo-check", valued: ["--sizes", "--fragment", "--timeout", "--cacert"],
                                 flagNames: ["--help", "-h", "--insecure"])
        if args.flag("--help") || args.flag("-h") { print(usage); return 0 }
        guard args.positional.count == 1 else { throw UsageError(message: "expected one URL", command: "echo-check") }
        let url: WebSocketURL
        do { url = try WebSocketURL(parsing: args.positional[0]) } catch { throw UsageError(message: "\(error)", command: "echo-check") }
        var sizes: [Int] = []
        for part in (args.value("--sizes") ?? "0,1,125,126,127,65535,65536,1048576").split(separator: ",") {
            guard let n = Int(part), n >= 0 else { throw UsageError(message: "bad size '\(part)'", command: "echo-check") }
            sizes.append(n)
        }
        let fragment = try args.integer("--fragment", default: 0, range: 0...Int.max)
        let timeout = try args.seconds("--timeout", default: .seconds(10))

        var checks: [Message] = []
        var rng = SystemRandomNumberGenerator()
        for size in sizes {
            checks.append(.text(sampleText(bytes: size)))
            checks.append(.binary((0..<size).map { _ in UInt8.random(in: 0...255, using: &rng) }))
        }

        let reactor = try Reactor()
        var configuration = ClientConfiguration()
        configuration.tls = TLSClientOptions(caFile: args.value("--cacert"), insecure: args.flag("--insecure"))
        if configuration.tls.caFile != nil, !configuration.tls.insecure {
            do { _ = try TLSContext.client(configuration.tls) } catch {
                throw UsageError(message: "--cacert: \(error)", command: "echo-check")
            }
        }
        ConnectionOptions.warnIfInsecure(configuration, url: url, command: "echo-check")
        let client = WebSocketClient(url: url, configuration: configuration, reactor: reactor)
        var passed = 0, failed = 0, index = 0
        var connectionFailure: ClientEnd?
        var done = false
        var timer: TimerID?

        func describe(_ m: Message) -> String {
            switch m {
            case .text(let t): "text   \(t.utf8.count) B"
            case .binary(let b): "binary \(b.count) B"
            }
        }
        func sendNext() {
            if let t = timer { reactor.cancelTimer(t) }
            guard index < checks.count else {
                client.close()
                return
            }
            let message = checks[index]
            timer = reactor.addTimer(after: timeout) {
                print("FAIL \(describe(message)): no echo within \(timeout.humanReadable)")
                failed += 1
                done = true
            }
            if fragment > 0 { try? client.send(message, fragmentSize: fragment) } else { try? client.send(message) }
        }
        client.onOpen = { _ in sendNext() }
        client.onEvent = { event in
            guard index < checks.count else { return }
            let expected = checks[index]
            let got: Message
            switch event {
            case .text(let t): got = .text(t.string)
            case .binary(let b): got = .binary(b)
            default: return
            }
            if got == expected {
                print("ok   \(describe(expected))")
                passed += 1
            } else {
                print("FAIL \(describe(expected)): echo differs (\(describe(got)))")
                failed += 1
            }
            fflush(nil)
            index += 1
            sendNext()
        }
        client.onEnd = { end in
            if case .failed = end { connectionFailure = end }
            if case .closed(let info) = end, index < checks.count {
                print("FAIL connection closed after \(index) of \(checks.count) checks: \(info)")
                failed += checks.count - index
            }
            done = true
        }
        client.start()
        try reactor.run { done }
        if passed == 0, failed == 0, let failure = connectionFailure {
            printError("wisp echo-check: \(failure)")
            return 2
        }
        print("\(passed) passed, \(failed) failed")
        return failed == 0 ? 0 : 1
    }

    /// Text of exactly `bytes` UTF-8 bytes mixing ASCII with 2-, 3- and 4-byte characters.
    static func sampleText(bytes: Int) -> String {
        let pieces = ["wisp ", "é", "日本", "😀", "abc"]
        var out = ""
        var count = 0
        var i = 0
        while count < bytes {
            let piece = pieces[i % pieces.count]
            i += 1
            if count + piece.utf8.count <= bytes {
                out += piece
                count += piece.utf8.count
            } else {
                out += String(repeating: "x", count: bytes - count)
                count = bytes
            }
        }
        return out
    }
}
