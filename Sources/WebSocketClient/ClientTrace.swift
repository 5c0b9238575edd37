import SuggestProtocol
import WebSocket

/// What a client connection did, step by step, for transcripts (`--log`).
public enum ClientTrace: Sendable, Equatable {
    case resolving(url: String)
    case connected(peer: String, elapsedMilliseconds: Int64)
    /// The TLS handshake of a `wss://` connection finished.
    case secured(version: String, cipher: String, verified: Bool, elapsedMilliseconds: Int64)
    /// The handshake request's extra headers as "Name: value", secrets already masked.
    case request(resource: String, headers: [String])
    case handshake(status: Int, subprotocol: String?, extensions: [String], elapsedMilliseconds: Int64)
    case frame(FrameRecord)
    case message(direction: FrameRecord.Direction, opcode: Opcode, size: Int, text: String?)
    case closed(code: UInt16, reason: String, description: String)
    case failed(String)

    /// The event as one JSON object (a JSON Lines record), stamped with wall-clock `time` in
    /// milliseconds. Secrets never reach the file: `token=` query values in URLs are masked.
    public func jsonLine(time: Int64) -> String {
        var fields: [(String, String)] = [("t", String(time))]
        func str(_ s: String) -> String { JSONWriter.string(s) }
        switch self {
        case .resolving(let url):
            fields += [("event", str("connect")), ("url", str(Self.maskSecrets(inURL: url)))]
        case .connected(let peer, let ms):
            fields += [("event", str("tcp")), ("peer", str(peer)), ("elapsed_ms", String(ms))]
        case .secured(let version, let cipher, let verified, let ms):
            fields += [("event", str("tls")), ("version", str(version)), ("cipher", str(cipher)),
                       ("verified", verified ? "true" : "false"), ("elapsed_ms", String(ms))]
        case .request(let resource, let headers):
            fields += [("event", str("request")), ("resource", str(Self.maskSecrets(inURL: resource))),
                       ("headers", "[" + headers.map(str).joined(separator: ",") + "]")]
        case .handshake(let status, let subprotocol, let extensions, let ms):
            fields += [("event", str("handshake")), ("status", String(status)),
                       ("subprotocol", subprotocol.map(str) ?? "null"),
                       ("extensions", "[" + extensions.map(str).joined(separator: ",") + "]"), ("elapsed_ms", String(ms))]
        case .frame(let f):
            fields += [("event", str("frame")), ("direction", str(f.direction.rawValue)), ("opcode", str(f.opcode.description)),
                       ("fin", f.fin ? "true" : "false"), ("size", String(f.length))]
        case .message(let direction, let opcode, let size, let text):
            fields += [("event", str("message")), ("direction", str(direction.rawValue)), ("opcode", str(opcode.description)),
                       ("size", String(size))]
            if let text { fields.append(("text", str(text))) }
        case .closed(let code, let reason, let description):
            fields += [("event", str("close")), ("code", String(code)), ("reason", str(reason)), ("description", str(description))]
        case .failed(let message):
            fields += [("event", str("error")), ("message", str(message))]
        }
        return "{" + fields.map { str($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }

    /// Header values that are credentials, written as `***`.
    public static func maskedHeader(name: String, value: String) -> String {
        "\(name): \(Credentials.isSensitiveHeader(name) ? Credentials.mask : value)"
    }

    /// `ws://h/p?token=abc&x=1` → `ws://h/p?token=***&x=1` (also `access_token`, `api_key`, `key`, `password`).
    public static func maskSecrets(inURL url: String) -> String { Credentials.maskedURL(url) }
}
