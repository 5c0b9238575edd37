/// A client's upgrade request that passed the checks of RFC 6455 §4.2.1.
public struct UpgradeRequest: Sendable, Equatable {
    /// Request target: path and query.
    public var target: String
    public var headers: HTTPHeaders
    public var key: String
    /// Subprotocols offered, in the client's order of preference.
    public var subprotocols: [String]
    /// Extension offers, as raw header elements.
    public var extensions: [String]

    /// The path without the query.
    public var path: String { String(target.prefix { $0 != "?" }) }
}

/// What the server read: an upgrade to accept, or a request that is not one.
public enum ServerHandshakeResult: Sendable, Equatable {
    case upgrade(UpgradeRequest, remaining: [UInt8])
    /// A plain HTTP request (no `Upgrade: websocket`): the application may answer it with a page.
    case plainHTTP(method: String, target: String, headers: HTTPHeaders)
    /// A broken upgrade; `response` is the error answer to write before closing.
    case invalid(status: Int, why: String, response: [UInt8])
    /// The client opened with a TLS handshake record: it wants wss://, and no HTTP head will
    /// come. There is nothing it could read in answer; hang up.
    case tlsClientHello
}

/// The server side of the opening handshake: reads the request head from split reads
/// (bounded in size), validates it, and writes the answer.
public struct ServerHandshake: Sendable {
    private var reader: HTTPHeadReader
    /// The first two bytes, enough to tell a TLS record (0x16 0x03) from a request line.
    private var opening: [UInt8] = []

    public init(maxRequestHeadSize: Int = 8 << 10) {
        reader = HTTPHeadReader(limit: maxRequestHeadSize)
    }

    /// Feeds request bytes; nil until the head is complete.
    public mutating func receive(_ bytes: UnsafeRawBufferPointer) -> ServerHandshakeResult? {
        if opening.count < 2 {
            opening += bytes.prefix(2 - opening.count)
            if opening == [0x16, 0x03] { return .tlsClientHello }
        }
        let parsed: (HTTPHead, [UInt8])?
        do {
            parsed = try reader.append(bytes)
        } catch {
            switch error {
            case .tooLarge(let limit):
                return .invalid(status: 431, why: "request head over \(limit) bytes",
                                response: Self.response(status: 431, reason: "Request Header Fields Too Large", body: "Request head too large.\n"))
            case .malformed(let why):
                return .invalid(status: 400, why: why, response: Self.response(status: 400, reason: "Bad Request", body: "Malformed request.\n"))
            }
        }
        guard let (head, rest) = parsed else { return nil }
        return Self.validate(head, remaining: rest)
    }

    /// Array convenience for `receive(_:)`.
    public mutating func receive(_ bytes: [UInt8]) -> ServerHandshakeResult? {
        bytes.withUnsafeBytes { receive($0) }
    }

    static func validate(_ head: HTTPHead, remaining: [UInt8]) -> ServerHandshakeResult {
        let (method, target, version) = head.startLine
        let headers = head.headers
        func bad(_ why: String) -> ServerHandshakeResult {
            .invalid(status: 400, why: why, response: response(status: 400, reason: "Bad Request", body: "Bad WebSocket request: \(why).\n"))
        }
        guard headers.containsToken("Upgrade", "websocket") else {
            return .plainHTTP(method: method, target: target, headers: headers)
        }
        guard method == "GET" else { return bad("method \(method) (must be GET)") }
        // "HTTP/1.1 or higher" (RFC 6455 §4.1).
        let minor = version.hasPrefix("HTTP/1.") ? Int(version.dropFirst(7)) : nil
        guard let minor, minor >= 1 else { return bad("version \(version) (must be HTTP/1.1 or higher)") }
        guard headers["Host"] != nil else { return bad("missing Host") }
        guard headers.containsToken("Connection", "upgrade") else { return bad("missing \"Connection: Upgrade\"") }
        guard headers["Sec-WebSocket-Version"] == "13" else {
            return .invalid(status: 426, why: "unsupported version \(headers["Sec-WebSocket-Version"] ?? "none")",
                            response: response(status: 426, reason: "Upgrade Required", headers: [("Sec-WebSocket-Version", "13")],
                                               body: "Only WebSocket version 13 is supported.\n"))
        }
        guard let key = headers["Sec-WebSocket-Key"], HandshakeAccept.isValidKey(key) else {
            return bad("missing or malformed Sec-WebSocket-Key")
        }
        let request = UpgradeRequest(target: target, headers: headers, key: key,
                                     subprotocols: headers.tokens("Sec-WebSocket-Protocol"),
                                     extensions: headers.tokens("Sec-WebSocket-Extensions"))
        return .upgrade(request, remaining: remaining)
    }

    /// The 101 answer accepting `request`, with an optional chosen subprotocol and accepted extensions.
    public static func accept(_ request: UpgradeRequest, subprotocol: String? = nil, extensions: [String] = [],
                              headers: [(String, String)] = []) -> [UInt8] {
        var lines = [
            "HTTP/1.1 101 Switching Protocols",
            "Upgrade: websocket",
            "Connection: Upgrade",
            "Sec-WebSocket-Accept: \(HandshakeAccept.value(forKey: request.key))",
        ]
        if let subprotocol { lines.append("Sec-WebSocket-Protocol: \(subprotocol)") }
        if !extensions.isEmpty { lines.append("Sec-WebSocket-Extensions: \(extensions.joined(separator: ", "))") }
        for (name, value) in headers { lines.append("\(name): \(value)") }
        return Array((lines.joined(separator: "\r\n") + "\r\n\r\n").utf8)
    }

    /// A complete HTTP/1.1 answer with a text body, closing the connection.
    public static func response(status: Int, reason: String, headers: [(String, String)] = [],
                                contentType: String = "text/plain; charset=utf-8", body: String) -> [UInt8] {
        let bodyBytes = Array(body.utf8)
        var lines = [
            "HTTP/1.1 \(status) \(reason)",
            "Content-Type: \(contentType)",
            "Content-Length: \(bodyBytes.count)",
            "Connection: close",
        ]
        for (name, value) in headers { lines.append("\(name): \(value)") }
        return Array((lines.joined(separator: "\r\n") + "\r\n\r\n").utf8) + bodyBytes
    }
}
