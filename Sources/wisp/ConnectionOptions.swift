import WispCLI
import Foundation
import SuggestProtocol
import WebSocket
import WebSocketClient

/// The connection options every mode shares (issue: QA and scripting): headers, token,
/// origin, subprotocols, timeouts, keepalive, message size, user agent, protocol names.
enum ConnectionOptions {
    static let valued: Set<String> = ["-H", "--header", "--token", "--origin", "--subprotocol", "--connect-timeout",
                                      "--ping-interval", "--pong-timeout", "--max-message-size", "--user-agent",
                                      "--query-type", "--suggestions-event", "--error-event", "--log"]

    static let help = """
          -H, --header 'N: v'     extra handshake header (repeatable)
          --token T               sends Authorization: Bearer T (or set $WISP_TOKEN, which keeps it out of shell history)
          --origin O              Origin header
          --subprotocol P         offer subprotocol P (repeatable)
          --connect-timeout S     DNS + TCP connect limit in seconds (default 10)
          --ping-interval S       keepalive ping every S seconds (default 20; 0 turns it off)
          --pong-timeout S        no pong within S seconds means the connection is dead (default 10)
          --max-message-size N    largest message accepted, in bytes (default 67108864)
          --user-agent UA         User-Agent header (default wisp/VERSION)
          --query-type T          name of the query message type (default productSearchQuery)
          --suggestions-event E   name of the suggestions event (default aiSuggestions)
          --error-event E         name of the error event (default error)
          --log FILE              append a JSON Lines transcript of the connection to FILE (secrets masked)
        """

    /// The client configuration and protocol names the options describe.
    static func parse(_ args: Arguments, environment: [String: String], command: String) throws(UsageError) -> (ClientConfiguration, ProtocolNames) {
        var client = ClientConfiguration()
        client.connectTimeout = try args.seconds("--connect-timeout", default: .seconds(10))
        guard client.connectTimeout > .zero else { throw UsageError(message: "--connect-timeout must be more than 0", command: command) }
        let ping = try args.seconds("--ping-interval", default: .seconds(20))
        client.pingInterval = ping == .zero ? nil : ping
        client.pongTimeout = try args.seconds("--pong-timeout", default: .seconds(10))
        client.connection = .init(maxMessageSize: try args.integer("--max-message-size", default: 64 << 20, range: 125...(1 << 40)))
        var headers: [(name: String, value: String)] = []
        for header in args.all("-H") + args.all("--header") {
            guard let colon = header.firstIndex(of: ":"), colon != header.startIndex else {
                throw UsageError(message: "-H expects 'Name: value', got '\(header)'", command: command)
            }
            headers.append((String(header[..<colon]), String(header[header.index(after: colon)...]).trimmingCharacters(in: .whitespaces)))
        }
        if let token = args.value("--token") ?? environment["WISP_TOKEN"].flatMap({ $0.isEmpty ? nil : $0 }) {
            headers.append(("Authorization", "Bearer \(token)"))
        }
        client.handshake = ClientHandshakeOptions(origin: args.value("--origin"), subprotocols: args.all("--subprotocol"), headers: headers,
                                                  userAgent: args.value("--user-agent") ?? "wisp/\(wispVersion)")
        var names = ProtocolNames.reference
        if let t = args.value("--query-type") { names.queryType = t }
        if let e = args.value("--suggestions-event") { names.suggestionsEvent = e }
        if let e = args.value("--error-event") { names.errorEvent = e }
        return (client, names)
    }
}
