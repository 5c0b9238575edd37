import WispCLI
import Foundation
import SuggestProtocol
import TLS
import WebSocket
import WebSocketClient

/// The connection options every mode shares (issue: QA and scripting): headers, token,
/// origin, subprotocols, timeouts, keepalive, message size, user agent, protocol names.
enum ConnectionOptions {
    static let valued: Set<String> = ["-H", "--header", "--token", "--origin", "--subprotocol", "--connect-timeout",
                                      "--ping-interval", "--pong-timeout", "--max-message-size", "--user-agent",
                                      "--query-type", "--suggestions-event", "--error-event", "--log", "--cacert"]

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
          --no-compression        do not offer permessage-deflate
          --cacert FILE           trust the CAs in this PEM file for wss:// instead of the system store
          --insecure              wss:// without verifying the certificate or host name (says so on screen)
        """

    /// Every setting, from flags > environment > config file > defaults; a broken config file
    /// is a usage error naming file, line and key.
    static func settings(_ args: Arguments, environment: [String: String], command: String, url: String? = nil) throws(UsageError) -> Settings {
        let config: ConfigFile?
        do { config = try ConfigFile.load(environment: environment) } catch {
            throw UsageError(message: "\(error)", command: command)
        }
        return try Settings.resolve(arguments: args, environment: environment, config: config, commandLineURL: url,
                                    defaultUserAgent: "wisp/\(wispVersion)")
    }

    /// The client configuration and protocol names the settings describe.
    /// Flags every client mode takes.
    static let flags: Set<String> = ["--no-compression", "--insecure"]

    static func client(_ s: Settings, command: String, noCompression: Bool = false, insecure: Bool = false,
                       environment: [String: String] = ProcessInfo.processInfo.environment) throws(UsageError) -> (ClientConfiguration, ProtocolNames) {
        var client = ClientConfiguration()
        client.connectTimeout = s.connectTimeout.value
        guard client.connectTimeout > .zero else { throw UsageError(message: "--connect-timeout must be more than 0", command: command) }
        client.pingInterval = s.pingInterval.value == .zero ? nil : s.pingInterval.value
        client.pongTimeout = s.pongTimeout.value
        client.connection = .init(maxMessageSize: s.maxMessageSize.value)
        client.handshake = ClientHandshakeOptions(origin: s.origin.value, subprotocols: s.subprotocols.map(\.value),
                                                  headers: s.handshakeHeaders.map { ($0.name, $0.value) },
                                                  userAgent: s.userAgent.value)
        let names = ProtocolNames(queryType: s.queryType.value, suggestionsEvent: s.suggestionsEvent.value, errorEvent: s.errorEvent.value)
        client.compression = !noCompression
        client.tls = TLSClientOptions(caFile: s.cacert.resolvedPath(environment: environment), insecure: insecure)
        if s.cacert.value != nil, !insecure {
            // A CA file that cannot be used is a usage error now, not a failure at every reconnect.
            do { _ = try TLSContext.client(client.tls) } catch {
                let origin = s.cacert.source == .flag ? "--cacert" : "cacert (\(Settings.describe(s.cacert.source)))"
                throw UsageError(message: "\(origin): \(error)", command: command)
            }
        }
        return (client, names)
    }

    /// Settings and client configuration in one call, for commands that take their URL themselves.
    static func parse(_ args: Arguments, environment: [String: String], command: String) throws(UsageError) -> (ClientConfiguration, ProtocolNames) {
        try client(settings(args, environment: environment, command: command), command: command,
                   noCompression: args.flag("--no-compression"), insecure: args.flag("--insecure"))
    }

    /// Headless modes have no status bar to carry the `--insecure` warning: stderr does,
    /// for a wss:// URL (a ws:// one has no TLS to be insecure about).
    static func warnIfInsecure(_ configuration: ClientConfiguration, url: WebSocketURL, command: String) {
        guard configuration.tls.insecure, url.isSecure else { return }
        printError("wisp \(command): warning: --insecure: wss:// certificates and host names are not verified")
    }
}
