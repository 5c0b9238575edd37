import Testing
@testable import WebSocket

@Suite struct ClientHandshakeTests {
    static let url = try! WebSocketURL(parsing: "ws://localhost:6001/ws?room=1")

    static func acceptResponse(key: String, extra: String = "") -> String {
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: \(HandshakeAccept.value(forKey: key))\r\n\(extra)\r\n"
    }

    @Test func requestBytes() {
        let options = ClientHandshakeOptions(origin: "http://example.com", subprotocols: ["chat", "superchat"],
                                             headers: [("Authorization", "Bearer abc")], userAgent: "wisp/0.1")
        let hs = ClientHandshake(url: Self.url, options: options, key: "dGhlIHNhbXBsZSBub25jZQ==")
        #expect(String(decoding: hs.request, as: UTF8.self) == """
            GET /ws?room=1 HTTP/1.1\r
            Host: localhost:6001\r
            Upgrade: websocket\r
            Connection: Upgrade\r
            Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r
            Sec-WebSocket-Version: 13\r
            Origin: http://example.com\r
            Sec-WebSocket-Protocol: chat, superchat\r
            User-Agent: wisp/0.1\r
            Authorization: Bearer abc\r
            \r

            """)
    }

    @Test func hostHeaderForms() throws {
        #expect(try WebSocketURL(parsing: "ws://example.com/").hostHeader == "example.com")
        #expect(try WebSocketURL(parsing: "ws://example.com:80/").hostHeader == "example.com")
        #expect(try WebSocketURL(parsing: "wss://example.com:443/").hostHeader == "example.com")
        #expect(try WebSocketURL(parsing: "wss://example.com:80/").hostHeader == "example.com:80")
        #expect(try WebSocketURL(parsing: "ws://[::1]:6001/ws").hostHeader == "[::1]:6001")
    }

    @Test func keyFromGenerator() {
        var rng = SplitMix64(seed: 2)
        let hs = ClientHandshake(url: Self.url, random: &rng)
        #expect(HandshakeAccept.isValidKey(hs.key))
    }

    @Test func acceptedAtEverySplitWithTrailingBytes() throws {
        let key = "dGhlIHNhbXBsZSBub25jZQ=="
        let bytes = Array(Self.acceptResponse(key: key).utf8) + hex("81 02 68 69")
        for cut in 0...bytes.count {
            var hs = ClientHandshake(url: Self.url, key: key)
            var result = try hs.receive(Array(bytes[..<cut]))
            var later: [UInt8] = []
            if result == .needMoreBytes { result = try hs.receive(Array(bytes[cut...])) } else { later = Array(bytes[cut...]) }
            guard case .accepted(let response, let remaining) = result else {
                Issue.record("cut \(cut): \(result)")
                continue
            }
            #expect(response.status == 101)
            // Whatever followed the head in the read that completed it is handed on, nothing lost.
            #expect(remaining + later == hex("81 02 68 69"), "cut \(cut)")
        }
    }

    @Test func headerTokensAreCaseInsensitive() throws {
        let key = "dGhlIHNhbXBsZSBub25jZQ=="
        let text = "HTTP/1.1 101 OK\r\nupgrade: WebSocket\r\nconnection: keep-alive, UPGRADE\r\nsec-websocket-accept: \(HandshakeAccept.value(forKey: key))\r\n\r\n"
        var hs = ClientHandshake(url: Self.url, key: key)
        guard case .accepted = try hs.receive(Array(text.utf8)) else { Issue.record("not accepted"); return }
    }

    @Test func badAcceptKey() {
        var hs = ClientHandshake(url: Self.url, key: "dGhlIHNhbXBsZSBub25jZQ==")
        let text = Self.acceptResponse(key: "AAAAAAAAAAAAAAAAAAAAAA==")
        #expect(throws: HandshakeError.badAccept(expected: "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", received: HandshakeAccept.value(forKey: "AAAAAAAAAAAAAAAAAAAAAA=="))) {
            _ = try hs.receive(Array(text.utf8))
        }
    }

    @Test func unauthorizedReadsAsSuch() throws {
        var hs = ClientHandshake(url: Self.url, key: "dGhlIHNhbXBsZSBub25jZQ==")
        let head = "HTTP/1.1 401 Unauthorized\r\nContent-Type: text/plain\r\nContent-Length: 14\r\n\r\n"
        #expect(try hs.receive(Array(head.utf8)) == .needMoreBytes)
        do {
            _ = try hs.receive(Array("Missing token.".utf8))
            Issue.record("expected a rejection")
        } catch {
            guard case .rejected(let r) = error else { Issue.record("\(error)"); return }
            #expect(r.status == 401)
            #expect(r.reason == "Unauthorized")
            #expect(r.bodyStart == "Missing token.")
            #expect(error.description == "server answered HTTP 401 Unauthorized (authentication required: pass a token or an Authorization header): Missing token.")
        }
    }

    @Test func rejectionWithoutLengthWaitsForEOF() throws {
        var hs = ClientHandshake(url: Self.url, key: "dGhlIHNhbXBsZSBub25jZQ==")
        #expect(try hs.receive(Array("HTTP/1.0 404 Not Found\r\n\r\nno such".utf8)) == .needMoreBytes)
        #expect(hs.pendingRejection != nil)
        guard case .rejected(let r) = hs.failureAtEOF() else { Issue.record("no rejection"); return }
        #expect(r.status == 404 && r.bodyStart == "no such")
    }

    @Test func notHTTPFailsOnFirstBytes() throws {
        var hs = ClientHandshake(url: Self.url, key: "dGhlIHNhbXBsZSBub25jZQ==")
        #expect(throws: HandshakeError.notHTTP(firstBytes: "SSH-2")) { _ = try hs.receive(Array("SSH-2.0-OpenSSH\r\n".utf8)) }
        var one = ClientHandshake(url: Self.url, key: "dGhlIHNhbXBsZSBub25jZQ==")
        #expect(try one.receive(Array("HT".utf8)) == .needMoreBytes)
        #expect(throws: HandshakeError.notHTTP(firstBytes: "HTX")) { _ = try one.receive(Array("X".utf8)) }
    }

    @Test func missingUpgradeHeaders() {
        let key = "dGhlIHNhbXBsZSBub25jZQ=="
        var a = ClientHandshake(url: Self.url, key: key)
        #expect(throws: HandshakeError.missingUpgrade) {
            _ = try a.receive(Array("HTTP/1.1 101 OK\r\nConnection: Upgrade\r\n\r\n".utf8))
        }
        var b = ClientHandshake(url: Self.url, key: key)
        #expect(throws: HandshakeError.missingConnectionUpgrade) {
            _ = try b.receive(Array("HTTP/1.1 101 OK\r\nUpgrade: websocket\r\n\r\n".utf8))
        }
    }

    @Test func responseHeadLimit() {
        var hs = ClientHandshake(url: Self.url, options: .init(maxResponseHeadSize: 256), key: "dGhlIHNhbXBsZSBub25jZQ==")
        let huge = "HTTP/1.1 101 OK\r\nX-Filler: " + String(repeating: "x", count: 300)
        #expect(throws: HandshakeError.responseHeadTooLarge(limit: 256)) { _ = try hs.receive(Array(huge.utf8)) }
    }

    @Test func subprotocolAndExtensionChecks() throws {
        let key = "dGhlIHNhbXBsZSBub25jZQ=="
        var ok = ClientHandshake(url: Self.url, options: .init(subprotocols: ["chat"]), key: key)
        guard case .accepted(let r, _) = try ok.receive(Array(Self.acceptResponse(key: key, extra: "Sec-WebSocket-Protocol: chat\r\n").utf8)) else {
            Issue.record("not accepted"); return
        }
        #expect(r.subprotocol == "chat")
        var bad = ClientHandshake(url: Self.url, options: .init(subprotocols: ["chat"]), key: key)
        #expect(throws: HandshakeError.unofferedSubprotocol("mqtt")) {
            _ = try bad.receive(Array(Self.acceptResponse(key: key, extra: "Sec-WebSocket-Protocol: mqtt\r\n").utf8))
        }
        var ext = ClientHandshake(url: Self.url, key: key)
        #expect(throws: HandshakeError.unofferedExtension("permessage-deflate")) {
            _ = try ext.receive(Array(Self.acceptResponse(key: key, extra: "Sec-WebSocket-Extensions: permessage-deflate\r\n").utf8))
        }
    }

    @Test func eofBeforeAnything() {
        let hs = ClientHandshake(url: Self.url, key: "dGhlIHNhbXBsZSBub25jZQ==")
        #expect(hs.failureAtEOF() == .closedBeforeResponse(receivedBytes: 0))
        #expect(hs.failureAtEOF().description == "server closed the connection without answering the handshake")
    }
}

@Suite struct ServerHandshakeTests {
    static let request = "GET /chat?x=1 HTTP/1.1\r\nHost: server.example.com\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nOrigin: http://example.com\r\nSec-WebSocket-Protocol: chat, superchat\r\nSec-WebSocket-Version: 13\r\n\r\n"

    @Test func acceptsTheRFCRequestAtEverySplit() {
        let bytes = Array(Self.request.utf8) + [0x81]
        for cut in 0...bytes.count {
            var hs = ServerHandshake()
            var result = hs.receive(Array(bytes[..<cut]))
            var later: [UInt8] = []
            if result == nil { result = hs.receive(Array(bytes[cut...])) } else { later = Array(bytes[cut...]) }
            guard case .upgrade(let request, let remaining)? = result else { Issue.record("cut \(cut): \(String(describing: result))"); continue }
            #expect(request.path == "/chat")
            #expect(request.target == "/chat?x=1")
            #expect(request.subprotocols == ["chat", "superchat"])
            #expect(remaining + later == [0x81])
        }
    }

    @Test func acceptResponseBytes() {
        var hs = ServerHandshake()
        guard case .upgrade(let request, _)? = hs.receive(Array(Self.request.utf8)) else { Issue.record("no upgrade"); return }
        #expect(String(decoding: ServerHandshake.accept(request, subprotocol: "chat"), as: UTF8.self) ==
            "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Protocol: chat\r\n\r\n")
    }

    @Test func clientAndServerAgree() throws {
        var rng = SplitMix64(seed: 4)
        var client = ClientHandshake(url: try WebSocketURL(parsing: "ws://127.0.0.1:9/x"), options: .init(subprotocols: ["a"]), random: &rng)
        var server = ServerHandshake()
        guard case .upgrade(let request, _)? = server.receive(client.request) else { Issue.record("no upgrade"); return }
        guard case .accepted(let response, _) = try client.receive(ServerHandshake.accept(request, subprotocol: "a")) else {
            Issue.record("not accepted"); return
        }
        #expect(response.subprotocol == "a")
    }

    @Test func plainHTTPRequest() {
        var hs = ServerHandshake()
        let result = hs.receive(Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
        guard case .plainHTTP(let method, let target, _)? = result else { Issue.record("\(String(describing: result))"); return }
        #expect(method == "GET" && target == "/")
    }

    @Test func aTLSClientHelloIsRecognisedAtEverySplit() {
        // The start of a TLS 1.3 ClientHello record: handshake (0x16), legacy version 3.1.
        let hello: [UInt8] = [0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xFC, 0x03, 0x03]
        for split in 1..<hello.count {
            var hs = ServerHandshake()
            let first = hs.receive(Array(hello[..<split]))
            let result = first ?? hs.receive(Array(hello[split...]))
            #expect(result == .tlsClientHello, "split at \(split)")
        }
        // A request line is not mistaken for one, nor is a lone 0x16 that is not followed by 0x03.
        var http = ServerHandshake()
        #expect(http.receive(Array("GET / HTTP/1.1\r\n".utf8)) == nil)
        var odd = ServerHandshake()
        #expect(odd.receive([0x16]) == nil)
        let parsed = odd.receive(Array("X / HTTP/1.1\r\n\r\n".utf8))
        #expect(parsed != nil && parsed != .tlsClientHello, "a 0x16 0x58 start is read as HTTP: \(String(describing: parsed))")
    }

    @Test func wrongVersionGets426() {
        var hs = ServerHandshake()
        let text = Self.request.replacingOccurrences13()
        guard case .invalid(let status, _, let response)? = hs.receive(Array(text.utf8)) else { Issue.record("accepted"); return }
        #expect(status == 426)
        #expect(String(decoding: response, as: UTF8.self).contains("Sec-WebSocket-Version: 13\r\n"))
    }

    @Test func httpVersionsFromOneOneUp() {
        for (version, accepted) in [("HTTP/1.1", true), ("HTTP/1.2", true), ("HTTP/1.0", false), ("HTTP/2.0", false)] {
            var hs = ServerHandshake()
            let text = Self.request.replacingOccurrences13().replacingFirstLine(version)
            let result = hs.receive(Array(text.utf8))
            if case .upgrade? = result { #expect(accepted, "\(version)") } else { #expect(!accepted, "\(version)") }
        }
    }

    @Test func missingKeyGets400() {
        var hs = ServerHandshake()
        let text = "GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n"
        guard case .invalid(let status, let why, _)? = hs.receive(Array(text.utf8)) else { Issue.record("accepted"); return }
        #expect(status == 400)
        #expect(why == "missing or malformed Sec-WebSocket-Key")
    }

    @Test func oversizedHeadGets431() {
        var hs = ServerHandshake(maxRequestHeadSize: 128)
        guard case .invalid(let status, _, _)? = hs.receive(Array(("GET / HTTP/1.1\r\nX: " + String(repeating: "y", count: 200)).utf8)) else {
            Issue.record("no error"); return
        }
        #expect(status == 431)
    }
}

extension String {
    func replacingFirstLine(_ version: String) -> String {
        let lines = split(separator: "\r\n", omittingEmptySubsequences: false).map(String.init)
        return (["GET /chat?x=1 \(version)"] + lines.dropFirst()).joined(separator: "\r\n")
            .replacingVersion8With13()
    }

    func replacingVersion8With13() -> String {
        split(separator: "\r\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("Sec-WebSocket-Version") ? "Sec-WebSocket-Version: 13" : String($0) }
            .joined(separator: "\r\n")
    }

    func replacingOccurrences13() -> String {
        split(separator: "\r\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("Sec-WebSocket-Version") ? "Sec-WebSocket-Version: 8" : String($0) }
            .joined(separator: "\r\n")
    }
}

@Suite struct WebSocketURLTests {
    @Test func forms() throws {
        let a = try WebSocketURL(parsing: "ws://localhost:6001/ws")
        #expect(a == WebSocketURL(host: "localhost", port: 6001, resource: "/ws"))
        let b = try WebSocketURL(parsing: "wss://example.com")
        #expect(b.isSecure && b.port == 443 && b.resource == "/")
        let c = try WebSocketURL(parsing: "ws://[::1]:6001/ws?q=a%20b")
        #expect(c.host == "::1" && c.port == 6001 && c.resource == "/ws?q=a%20b")
        let d = try WebSocketURL(parsing: "WS://Example.com?x=1")
        #expect(d.resource == "/?x=1" && d.port == 80)
        let e = try WebSocketURL(parsing: "127.0.0.1:9000/x")
        #expect(!e.isSecure && e.host == "127.0.0.1" && e.port == 9000)
        #expect(c.description == "ws://[::1]:6001/ws?q=a%20b")
        #expect(try WebSocketURL(parsing: "ws://[fe80::1%25eth0]/").host == "fe80::1%25eth0")
    }

    @Test func errors() {
        #expect(throws: URLError.unsupportedScheme("http")) { try WebSocketURL(parsing: "http://x/") }
        #expect(throws: URLError.missingHost) { try WebSocketURL(parsing: "ws:///path") }
        #expect(throws: URLError.badPort("0")) { try WebSocketURL(parsing: "ws://x:0/") }
        #expect(throws: URLError.badPort("70000")) { try WebSocketURL(parsing: "ws://x:70000/") }
        #expect(throws: URLError.badPort("")) { try WebSocketURL(parsing: "ws://x:/") }
        #expect(throws: URLError.badIPv6Literal("::1:6001")) { try WebSocketURL(parsing: "ws://::1:6001/") }
        #expect(throws: URLError.badIPv6Literal("[::1")) { try WebSocketURL(parsing: "ws://[::1/") }
        #expect(throws: URLError.fragment) { try WebSocketURL(parsing: "ws://x/#frag") }
        #expect(throws: URLError.credentials) { try WebSocketURL(parsing: "ws://u:p@x/") }
        #expect(throws: URLError.invalidCharacter(0x20)) { try WebSocketURL(parsing: "ws://x/a b") }
    }
}
