/// What a client asks for in its opening handshake beyond the URL.
public struct ClientHandshakeOptions: Sendable {
    public var origin: String?
    public var subprotocols: [String]
    /// Raw `Sec-WebSocket-Extensions` offers, e.g. "permessage-deflate; client_max_window_bits".
    public var extensions: [String]
    /// Extra request headers such as `Authorization`, sent as given.
    public var headers: [(name: String, value: String)]
    public var userAgent: String?
    /// Largest response head accepted before giving up on the peer.
    public var maxResponseHeadSize: Int

    public init(origin: String? = nil, subprotocols: [String] = [], extensions: [String] = [],
                headers: [(name: String, value: String)] = [], userAgent: String? = nil,
                maxResponseHeadSize: Int = 16 << 10) {
        self.origin = origin
        self.subprotocols = subprotocols
        self.extensions = extensions
        self.headers = headers
        self.userAgent = userAgent
        self.maxResponseHeadSize = maxResponseHeadSize
    }
}

/// The server's answer once it has been accepted as a WebSocket upgrade.
public struct HandshakeResponse: Sendable, Equatable {
    public var status: Int
    public var headers: HTTPHeaders
    /// The subprotocol the server chose, if any (always one the client offered).
    public var subprotocol: String?
    /// The extensions the server accepted, as raw header elements.
    public var extensions: [String]
}

/// A non-101 answer, kept whole enough for a person to see why: status, reason, headers, and the start of the body.
public struct RejectedHandshake: Sendable, Equatable, CustomStringConvertible {
    public var status: Int
    public var reason: String
    public var headers: HTTPHeaders
    /// The first bytes of the body (at most 1 KiB), decoded leniently.
    public var bodyStart: String

    public var description: String {
        var text = "server answered HTTP \(status)\(reason.isEmpty ? "" : " \(reason)")"
        switch status {
        case 401: text += " (authentication required: pass a token or an Authorization header)"
        case 403: text += " (forbidden: check the token, Origin or permissions)"
        case 404: text += " (no WebSocket endpoint at this path)"
        case 426: text += " (upgrade required: the server wants WebSocket version \(headers["Sec-WebSocket-Version"] ?? "?"))"
        case 200...299: text += " (a plain HTTP server, not a WebSocket endpoint)"
        case 300...399: text += headers["Location"].map { " (redirect to \($0))" } ?? " (redirect)"
        default: break
        }
        let body = bodyStart.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        if !body.isEmpty { text += ": \(body.prefix(200))" }
        return text
    }
}

/// Why the opening handshake failed, from the client's side.
public enum HandshakeError: Error, Equatable, Sendable, CustomStringConvertible {
    case rejected(RejectedHandshake)
    case responseHeadTooLarge(limit: Int)
    case malformedResponse(String)
    case notHTTP(firstBytes: String)
    case missingUpgrade
    case missingConnectionUpgrade
    case badAccept(expected: String, received: String?)
    case unofferedSubprotocol(String)
    case unofferedExtension(String)
    case closedBeforeResponse(receivedBytes: Int)

    public var description: String {
        switch self {
        case .rejected(let r): r.description
        case .responseHeadTooLarge(let limit): "not a WebSocket server: response head larger than \(limit) bytes"
        case .malformedResponse(let why): "not a WebSocket server: \(why)"
        case .notHTTP(let first): "not a WebSocket server: the answer is not HTTP (starts with \"\(first)\")"
        case .missingUpgrade: "not a WebSocket server: 101 answer without \"Upgrade: websocket\""
        case .missingConnectionUpgrade: "not a WebSocket server: 101 answer without \"Connection: Upgrade\""
        case .badAccept(let expected, let received):
            "bad Sec-WebSocket-Accept: expected \(expected), got \(received ?? "none")"
        case .unofferedSubprotocol(let p): "server chose subprotocol \"\(p)\", which was not offered"
        case .unofferedExtension(let e): "server accepted extension \"\(e)\", which was not offered"
        case .closedBeforeResponse(let n):
            n == 0 ? "server closed the connection without answering the handshake"
                   : "server closed the connection in the middle of its answer (\(n) bytes)"
        }
    }
}

/// The client side of the opening handshake (RFC 6455 §4.1): builds the request, then
/// reads the response from split reads and checks it.
public struct ClientHandshake: Sendable {
    public let url: WebSocketURL
    public let options: ClientHandshakeOptions
    /// The `Sec-WebSocket-Key` sent.
    public let key: String

    private var reader: HTTPHeadReader
    private var rejection: (head: HTTPHead, body: [UInt8], wanted: Int)?
    private var received = 0

    public init<G: RandomNumberGenerator>(url: WebSocketURL, options: ClientHandshakeOptions = .init(), random: inout G) {
        self.init(url: url, options: options, key: HandshakeAccept.makeKey(using: &random))
    }

    public init(url: WebSocketURL, options: ClientHandshakeOptions = .init(), key: String) {
        self.url = url
        self.options = options
        self.key = key
        reader = HTTPHeadReader(limit: options.maxResponseHeadSize)
    }

    /// The request head to write to the server.
    public var request: [UInt8] {
        var lines = [
            "GET \(url.resource) HTTP/1.1",
            "Host: \(url.hostHeader)",
            "Upgrade: websocket",
            "Connection: Upgrade",
            "Sec-WebSocket-Key: \(key)",
            "Sec-WebSocket-Version: 13",
        ]
        if let origin = options.origin { lines.append("Origin: \(origin)") }
        if !options.subprotocols.isEmpty { lines.append("Sec-WebSocket-Protocol: \(options.subprotocols.joined(separator: ", "))") }
        if !options.extensions.isEmpty { lines.append("Sec-WebSocket-Extensions: \(options.extensions.joined(separator: ", "))") }
        if let agent = options.userAgent { lines.append("User-Agent: \(agent)") }
        for (name, value) in options.headers { lines.append("\(name): \(value)") }
        return Array((lines.joined(separator: "\r\n") + "\r\n\r\n").utf8)
    }

    /// Progress of reading the response.
    public enum Progress: Sendable, Equatable {
        case needMoreBytes
        /// Upgraded: `remaining` are the first bytes of the WebSocket stream.
        case accepted(HandshakeResponse, remaining: [UInt8])
    }

    /// Feeds response bytes. Throws once the answer is known to be a failure; for a
    /// non-101 answer it first waits for the start of the body (up to 1 KiB or the end).
    public mutating func receive(_ bytes: UnsafeRawBufferPointer) throws(HandshakeError) -> Progress {
        received += bytes.count
        if var pending = rejection {
            pending.body.append(contentsOf: bytes)
            rejection = pending
            if pending.body.count >= pending.wanted { throw rejectionError(pending.head, pending.body) }
            return .needMoreBytes
        }
        if reader.buffer.count < 5 {
            // Fail fast when the first bytes cannot begin "HTTP/", instead of waiting for a head that never comes.
            let got = reader.peek(bytes, count: 5)
            if got != Array("HTTP/".utf8.prefix(got.count)) {
                throw .notHTTP(firstBytes: String(decoding: got, as: UTF8.self))
            }
        }
        let parsed: (HTTPHead, [UInt8])?
        do {
            parsed = try reader.append(bytes)
        } catch {
            switch error {
            case .tooLarge(let limit): throw .responseHeadTooLarge(limit: limit)
            case .malformed(let why): throw .malformedResponse(why)
            }
        }
        guard let (head, rest) = parsed else { return .needMoreBytes }
        let (version, statusText, reason) = head.startLine
        guard version.hasPrefix("HTTP/") else { throw .notHTTP(firstBytes: String(version.prefix(16))) }
        guard let status = Int(statusText), (100...999).contains(status) else {
            throw .malformedResponse("status \"\(statusText.prefix(20))\"")
        }
        if status != 101 {
            let length = head.headers["Content-Length"].flatMap { Int($0) }
            let wanted = min(length ?? 1024, 1024)
            if rest.count >= wanted { throw rejectionError(head, rest) }
            rejection = (head, rest, wanted)
            return .needMoreBytes
        }
        return .accepted(try check(status: status, headers: head.headers, reason: reason), remaining: rest)
    }

    /// Array convenience for `receive(_:)`.
    public mutating func receive(_ bytes: [UInt8]) throws(HandshakeError) -> Progress {
        let copy = bytes
        return try copy.withUnsafeBytes { buffer in
            Result { () throws(HandshakeError) in try receive(buffer) }
        }.get()
    }

    /// The server closed its side: the best explanation of the failure seen so far.
    public func failureAtEOF() -> HandshakeError {
        if let pending = rejection { return rejectionError(pending.head, pending.body) }
        return .closedBeforeResponse(receivedBytes: received)
    }

    /// The handshake timed out: a status line already received explains more than a timeout does.
    public var pendingRejection: HandshakeError? {
        rejection.map { rejectionError($0.head, $0.body) }
    }

    private func rejectionError(_ head: HTTPHead, _ body: [UInt8]) -> HandshakeError {
        let text = String(decoding: body.prefix(1024), as: UTF8.self)
        return .rejected(RejectedHandshake(status: Int(head.startLine.1) ?? 0, reason: head.startLine.2, headers: head.headers, bodyStart: text))
    }

    private func check(status: Int, headers: HTTPHeaders, reason: String) throws(HandshakeError) -> HandshakeResponse {
        guard headers.containsToken("Upgrade", "websocket") else { throw .missingUpgrade }
        guard headers.containsToken("Connection", "upgrade") else { throw .missingConnectionUpgrade }
        let expected = HandshakeAccept.value(forKey: key)
        let accept = headers["Sec-WebSocket-Accept"]
        guard accept == expected else { throw .badAccept(expected: expected, received: accept) }
        var subprotocol: String?
        if let chosen = headers["Sec-WebSocket-Protocol"], !chosen.isEmpty {
            guard options.subprotocols.contains(chosen) else { throw .unofferedSubprotocol(chosen) }
            subprotocol = chosen
        }
        let accepted = headers.tokens("Sec-WebSocket-Extensions")
        for element in accepted {
            let name = element.split(separator: ";").first.map { trimmed($0).lowercased() } ?? ""
            let offered = options.extensions.contains {
                ($0.split(separator: ";").first.map { trimmed($0).lowercased() } ?? "") == name
            }
            guard offered else { throw .unofferedExtension(element) }
        }
        return HandshakeResponse(status: status, headers: headers, subprotocol: subprotocol, extensions: accepted)
    }
}

extension HTTPHeadReader {
    /// The first `count` bytes of everything received, counting `bytes` not yet appended.
    func peek(_ bytes: UnsafeRawBufferPointer, count: Int) -> [UInt8] {
        Array((buffer + Array(bytes)).prefix(count))
    }
}
