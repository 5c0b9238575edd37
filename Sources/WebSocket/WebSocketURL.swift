/// A `ws://` or `wss://` URL split into what the transport and the handshake need.
public struct WebSocketURL: Equatable, Hashable, Sendable, CustomStringConvertible {
    public var isSecure: Bool
    /// Host name or IP literal, without the brackets of an IPv6 literal.
    public var host: String
    public var port: UInt16
    /// Path and query, as sent in the request line; "/" when the URL has none.
    public var resource: String

    public init(isSecure: Bool = false, host: String, port: UInt16? = nil, resource: String = "/") {
        self.isSecure = isSecure
        self.host = host
        self.port = port ?? (isSecure ? 443 : 80)
        self.resource = resource
    }

    /// Parses `ws://host[:port][/path][?query]`, `wss://…`, or a bare `host[:port]/path`
    /// taken as `ws://`. IPv6 literals go in brackets: `ws://[::1]:6001/ws`.
    public init(parsing text: String) throws(URLError) {
        var rest = Substring(text)
        if let range = rest.firstRange(of: "://") {
            let scheme = rest[..<range.lowerBound]
            switch scheme.lowercased() {
            case "ws": isSecure = false
            case "wss": isSecure = true
            default: throw .unsupportedScheme(String(scheme))
            }
            rest = rest[range.upperBound...]
        } else {
            isSecure = false
        }
        if rest.contains("#") { throw .fragment }
        if let bad = rest.unicodeScalars.first(where: { $0.value <= 0x20 || $0.value == 0x7F }) {
            throw .invalidCharacter(bad.value)
        }
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        var path = String(rest[authorityEnd...])
        if path.isEmpty { path = "/" } else if path.first == "?" { path = "/" + path }
        resource = path
        if authority.contains("@") { throw .credentials }
        guard !authority.isEmpty else { throw .missingHost }
        var portText: Substring?
        if authority.first == "[" {
            guard let close = authority.firstIndex(of: "]") else { throw .badIPv6Literal(String(authority)) }
            host = String(authority[authority.index(after: authority.startIndex)..<close])
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.first == ":" else { throw .badIPv6Literal(String(authority)) }
                portText = after.dropFirst()
            }
            // A zone ("%25eth0") may follow the address itself.
            let address = host.prefix { $0 != "%" }
            guard address.contains(":"), address.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else {
                throw .badIPv6Literal(String(authority))
            }
        } else {
            if let colon = authority.firstIndex(of: ":") {
                host = String(authority[..<colon])
                portText = authority[authority.index(after: colon)...]
                if portText!.contains(":") { throw .badIPv6Literal(String(authority)) }
            } else {
                host = String(authority)
            }
            guard !host.isEmpty else { throw .missingHost }
        }
        if let portText {
            guard let value = UInt16(portText), value > 0 else { throw .badPort(String(portText)) }
            port = value
        } else {
            port = isSecure ? 443 : 80
        }
    }

    /// The port a URL without one implies.
    public var defaultPort: UInt16 { isSecure ? 443 : 80 }

    /// The `Host` header: brackets around IPv6, the port only when not the default (RFC 6455 §4.1).
    public var hostHeader: String {
        let h = host.contains(":") ? "[\(host)]" : host
        return port == defaultPort ? h : "\(h):\(port)"
    }

    public var description: String {
        let h = host.contains(":") ? "[\(host)]" : host
        let p = port == defaultPort ? "" : ":\(port)"
        return "\(isSecure ? "wss" : "ws")://\(h)\(p)\(resource)"
    }
}

/// Why a string is not a usable WebSocket URL.
public enum URLError: Error, Equatable, Sendable, CustomStringConvertible {
    case unsupportedScheme(String)
    case missingHost
    case badPort(String)
    case badIPv6Literal(String)
    case fragment
    case credentials
    case invalidCharacter(UInt32)

    public var description: String {
        switch self {
        case .unsupportedScheme(let s): "unsupported scheme \"\(s)\" (use ws:// or wss://)"
        case .missingHost: "the URL has no host"
        case .badPort(let p): "bad port \"\(p)\" (1–65535)"
        case .badIPv6Literal(let a): "bad IPv6 address \"\(a)\" (write it in brackets: ws://[::1]:6001/)"
        case .fragment: "WebSocket URLs cannot have a #fragment (RFC 6455 §3)"
        case .credentials: "credentials in the URL are not supported; send them as a header (-H 'Authorization: …')"
        case .invalidCharacter(let c): "the URL contains a space or control character (U+\(String(c, radix: 16, uppercase: true)))"
        }
    }
}
