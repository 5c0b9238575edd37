import WispCLI
import EventLoop
import WebSocket
import WebSocketServer

#if canImport(Glibc)
import Glibc
#endif

/// `wisp echo-server`: the server role echoing every message, for interop checks and benchmarks.
enum EchoServerCommand {
    static let usage = """
        Usage: wisp echo-server [--host H] [--port P] [--max-message-size BYTES] [--max-connections N] [--tls-cert FILE --tls-key FILE] [--quiet]

        Runs a WebSocket server that echoes every text and binary message back unchanged.
        Prints "listening on ws://HOST:PORT/" (wss:// with --tls-cert) once ready; stops with
        close 1001 on SIGINT/SIGTERM.

        Options:
          --host H                  address to bind (default 127.0.0.1; use :: or 0.0.0.0 for all)
          --port P                  port (default 0: a free port)
          --max-message-size BYTES  largest message accepted (default 67108864); bigger ones get close 1009
          --max-connections N       peers at most (default 0: no limit); more are answered HTTP 503
          --quiet                   no per-connection log lines on stderr
          --tls-cert FILE           serve wss:// with this PEM certificate (chain); needs --tls-key
          --tls-key FILE            the PEM private key of --tls-cert

        Examples:
          wisp echo-server --port 9000
          wisp echo-server --host :: --port 0 --quiet     (all interfaces, IPv6 and IPv4, a free port)
        """

    static func run(_ raw: [String]) throws -> Int32 {
        let args = try Arguments(raw, command: "echo-server", valued: ["--host", "--port", "--max-message-size", "--max-connections", "--tls-cert", "--tls-key"], flagNames: ["--help", "-h", "--quiet"])
        if args.flag("--help") || args.flag("-h") { print(usage); return 0 }
        guard args.positional.isEmpty else { throw UsageError(message: "unexpected argument '\(args.positional[0])'", command: "echo-server") }
        let port = try args.integer("--port", default: 0, range: 0...65535)
        let maxSize = try args.integer("--max-message-size", default: 64 << 20, range: 1...(1 << 40))
        let maxConnections = try args.integer("--max-connections", default: 0, range: 0...(1 << 24))
        let quiet = args.flag("--quiet")
        let tls = try TLSOptions.serverContext(args, command: "echo-server")

        Signals.block([SIGINT, SIGTERM])
        let reactor = try Reactor()
        var config = ServerConfiguration(connection: .init(maxMessageSize: maxSize))
        config.maxConnections = maxConnections == 0 ? nil : maxConnections
        let server = try WebSocketServer(host: args.value("--host") ?? "127.0.0.1", port: UInt16(port), configuration: config, tls: tls, reactor: reactor)
        server.onTLSFailure = { address, error in if !quiet { printError("TLS with \(address): \(error)") } }
        server.onFull = { address in if !quiet { printError("turned away \(address): \(maxConnections) connections already") } }
        server.onConnect = { connection in
            if !quiet { printError("connect #\(connection.id) from \(connection.peerAddress) \(connection.request.target)") }
            connection.onEvent = { [unowned connection] event in
                switch event {
                case .text(let text): text.bytes.withUnsafeBytes { connection.send(.text, payload: $0) }
                case .binary(let bytes): connection.send(.binary(bytes))
                default: break
                }
            }
            connection.onClose = { [id = connection.id] info in
                if !quiet { printError("close #\(id): \(info)") }
            }
        }
        print("listening on \(ServerRun.url(of: server.localAddress, secure: tls != nil, path: "/"))")
        fflush(nil)
        try ServerRun.untilSignalled(reactor, shutdown: { server.shutdown() }, drained: { server.connections.isEmpty })
        return 0
    }
}
