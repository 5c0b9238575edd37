import EventLoop
import Testing
import WebSocket
import WebSocketClient
import WebSocketServer

/// wisp's client against wisp's server over 127.0.0.1 and ::1.
@Suite struct LoopbackTests {
    @Test func echoTextAndBinaryOverIPv4AndIPv6() throws {
        for host in ["127.0.0.1", "::1"] {
            let loop = try Loopback(host: host)
            let c = RecordingClient(url: loop.url, reactor: loop.reactor)
            try loop.run("open") { c.opened != nil }
            try c.client.send(.text("héllo 日本 😀"))
            try c.client.send(.binary([0, 1, 2, 255]))
            try loop.run("echoes") { c.messages.count == 2 }
            #expect(c.messages == [.text("héllo 日本 😀"), .binary([0, 1, 2, 255])])
            c.client.close()
            try loop.run("end") { c.end != nil && loop.serverCloses.count == 1 }
            guard case .closed(let info)? = c.end else { Issue.record("\(String(describing: c.end))"); continue }
            #expect(info.code == .normal && info.initiator == .local)
            #expect(loop.serverCloses.first?.initiator == .remote)
        }
    }

    @Test func sixteenMebibyteMessages() throws {
        let loop = try Loopback()
        let c = RecordingClient(url: loop.url, reactor: loop.reactor)
        try loop.run("open") { c.opened != nil }
        let big = (0..<(16 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try c.client.send(.binary(big))
        let text = String(repeating: "wisp é ", count: (16 << 20) / 8)
        try c.client.send(.text(text), fragmentSize: 4096)
        try loop.run("16 MiB echoes") { c.messages.count == 2 }
        #expect(c.messages.first == .binary(big))
        #expect(c.messages.last == .text(TextPayload(text)))
    }

    @Test func manySmallMessagesInOrder() throws {
        let loop = try Loopback()
        let c = RecordingClient(url: loop.url, reactor: loop.reactor)
        try loop.run("open") { c.opened != nil }
        c.client.autoFlush = false
        for i in 0..<20_000 { try c.client.send(.text("m\(i)")) }
        c.client.flush()
        try loop.run("20000 echoes") { c.messages.count == 20_000 }
        #expect(c.messages == (0..<20_000).map { .text(TextPayload("m\($0)")) })
    }

    @Test func pingsDuringAFragmentedMessage() throws {
        let loop = try Loopback()
        let c = RecordingClient(url: loop.url, reactor: loop.reactor)
        try loop.run("open") { c.opened != nil }
        // The server pings between fragments of its own message; the client answers each and reassembles.
        let conn = loop.serverConnections[0]
        _ = conn
        try c.client.send(.text("abcdef"), fragmentSize: 2)
        try c.client.ping([7])
        try loop.run("echo and pong") { c.messages.count == 1 && c.events.contains(.pong([7])) }
        #expect(loop.serverEvents.contains(.ping([7])))
        #expect(loop.serverEvents.contains(.text("abcdef")))
    }

    @Test func serverInitiatedClose() throws {
        let loop = try Loopback()
        let c = RecordingClient(url: loop.url, reactor: loop.reactor)
        try loop.run("open") { c.opened != nil }
        loop.server.shutdown()
        try loop.run("end") { c.end != nil && loop.serverCloses.count == 1 }
        guard case .closed(let info)? = c.end else { Issue.record("\(String(describing: c.end))"); return }
        #expect(info.code == .goingAway && info.reason == "server shutting down" && info.initiator == .remote)
        #expect(loop.serverCloses.first?.initiator == .local)
    }

    @Test func oversizedMessageClosedWith1009() throws {
        let loop = try Loopback(configuration: .init(connection: .init(maxMessageSize: 1000)))
        let c = RecordingClient(url: loop.url, reactor: loop.reactor)
        try loop.run("open") { c.opened != nil }
        try c.client.send(.binary([UInt8](repeating: 1, count: 1001)))
        try loop.run("end") { c.end != nil }
        guard case .closed(let info)? = c.end else { Issue.record("\(String(describing: c.end))"); return }
        #expect(info.code == .messageTooBig && info.initiator == .remote)
    }

    @Test func rejectedUpgradeReadsAsHTTPStatus() throws {
        let loop = try Loopback()
        loop.server.decideUpgrade = { request in
            request.headers["Authorization"] == "Bearer good" ? .accept(subprotocol: nil)
                : .reject(status: 401, reason: "Unauthorized", body: "Missing or bad token.\n")
        }
        let c = RecordingClient(url: loop.url, reactor: loop.reactor)
        try loop.run("end") { c.end != nil }
        guard case .failed(let error)? = c.end else { Issue.record("\(String(describing: c.end))"); return }
        #expect(error.httpStatus == 401)
        #expect(error.description == "server answered HTTP 401 Unauthorized (authentication required: pass a token or an Authorization header): Missing or bad token.")
        let ok = RecordingClient(url: loop.url, configuration: .init(handshake: .init(headers: [("Authorization", "Bearer good")])), reactor: loop.reactor)
        try loop.run("open") { ok.opened != nil }
    }

    @Test func plainHTTPGetsAnExplanation() throws {
        let loop = try Loopback()
        var answer: [UInt8] = []
        var done = false
        TCPSocket.connect(to: [loop.server.localAddress], timeout: .seconds(5), on: loop.reactor) { result in
            guard case .success(let socket) = result else { done = true; return }
            socket.onData = { answer += Array($0) }
            socket.onEOF = { done = true; socket.close() }
            socket.write(Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
        }
        try loop.run("answer") { done }
        let text = String(decoding: answer, as: UTF8.self)
        #expect(text.hasPrefix("HTTP/1.1 426 Upgrade Required\r\n"))
        #expect(text.hasSuffix("This is a WebSocket endpoint; connect with a WebSocket client.\n"))
    }
}

/// Failures a person must be able to read: every wait bounded, every cause named.
@Suite struct ClientFailureTests {
    @Test func refusedPort() throws {
        let reactor = try Reactor()
        let listener = try TCPListener(host: "127.0.0.1", port: 0, on: reactor)
        let port = listener.localAddress.port
        listener.close()
        let c = RecordingClient(url: WebSocketURL(host: "127.0.0.1", port: port), reactor: reactor)
        try reactor.run(timeout: .seconds(10)) { c.end != nil }
        guard case .failed(.connect(let error))? = c.end else { Issue.record("\(String(describing: c.end))"); return }
        #expect("\(error)".contains("refused"))
    }

    @Test func silentServerTimesOutTheHandshake() throws {
        let reactor = try Reactor()
        let server = try ScriptedServer(reactor: reactor, answer: { _ in nil })
        let c = RecordingClient(url: server.url, configuration: .init(handshakeTimeout: .milliseconds(200)), reactor: reactor)
        try reactor.run(timeout: .seconds(10)) { c.end != nil }
        guard case .failed(.handshakeTimedOut)? = c.end else { Issue.record("\(String(describing: c.end))"); return }
    }

    @Test func notAWebSocketServer() throws {
        let reactor = try Reactor()
        let server = try ScriptedServer(reactor: reactor, answer: { _ in Array("SSH-2.0-OpenSSH_9.2\r\n".utf8) })
        let c = RecordingClient(url: server.url, reactor: reactor)
        try reactor.run(timeout: .seconds(10)) { c.end != nil }
        #expect(c.end?.description == "not a WebSocket server: the answer is not HTTP (starts with \"SSH-2\")")
    }

    @Test func badAcceptKey() throws {
        let reactor = try Reactor()
        let server = try ScriptedServer(reactor: reactor, answer: { _ in
            Array("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: AAAA\r\n\r\n".utf8)
        })
        let c = RecordingClient(url: server.url, reactor: reactor)
        try reactor.run(timeout: .seconds(10)) { c.end != nil }
        guard case .failed(.handshake(.badAccept(_, let got)))? = c.end else { Issue.record("\(String(describing: c.end))"); return }
        #expect(got == "AAAA")
    }

    @Test func serverHangsUpMidHandshake() throws {
        let reactor = try Reactor()
        let server = try ScriptedServer(reactor: reactor, answer: { _ in Array("HTTP/1.1 101 Swi".utf8) }, closeAfter: true)
        let c = RecordingClient(url: server.url, reactor: reactor)
        try reactor.run(timeout: .seconds(10)) { c.end != nil }
        #expect(c.end?.description == "server closed the connection in the middle of its answer (16 bytes)")
    }

    @Test func protocolViolationAfterUpgrade() throws {
        let reactor = try Reactor()
        // A masked frame from a server is a protocol error: the client closes with 1002.
        let server = try ScriptedServer(reactor: reactor, answer: { ScriptedServer.upgrade($0) + [0x81, 0x81, 1, 2, 3, 4, 0x60] })
        let c = RecordingClient(url: server.url, configuration: .init(closeTimeout: .milliseconds(300)), reactor: reactor)
        try reactor.run(timeout: .seconds(10)) { c.end != nil }
        guard case .closed(let info)? = c.end else { Issue.record("\(String(describing: c.end))"); return }
        #expect(info.code == .protocolError)
        #expect(info.initiator == .protocolError(.maskedServerFrame))
        // The close frame reached the server: 1002, masked.
        let tail = server.received.suffix(8)
        #expect(tail.first == 0x88 && tail.dropFirst().first == 0x82)
    }

    @Test func eofWithoutCloseIs1006() throws {
        let reactor = try Reactor()
        let server = try ScriptedServer(reactor: reactor, answer: { ScriptedServer.upgrade($0) + [0x81, 0x01, 0x61] }, closeAfter: true)
        let c = RecordingClient(url: server.url, reactor: reactor)
        try reactor.run(timeout: .seconds(10)) { c.end != nil }
        #expect(c.messages == [.text("a")])
        guard case .closed(let info)? = c.end else { Issue.record("\(String(describing: c.end))"); return }
        #expect(info.code == .abnormal && info.initiator == .abnormal)
    }

    @Test func keepaliveDetectsADeadPeer() throws {
        let reactor = try Reactor()
        // Upgrades, then never answers pings.
        let server = try ScriptedServer(reactor: reactor, answer: { ScriptedServer.upgrade($0) })
        let c = RecordingClient(url: server.url, configuration: .init(pingInterval: .milliseconds(50), pongTimeout: .milliseconds(150)), reactor: reactor)
        try reactor.run(timeout: .seconds(10)) { c.end != nil }
        guard case .failed(.pongTimedOut)? = c.end else { Issue.record("\(String(describing: c.end))"); return }
        #expect(c.opened != nil)
    }

    @Test func aServerThatPingsButNeverReadsIsDropped() throws {
        let reactor = try Reactor()
        // 1.5 million 2-byte pings, never reading the 6-byte pongs they ask for.
        let pings: [UInt8] = (0..<1_500_000).flatMap { _ in [0x89, 0x00] as [UInt8] }
        let server = try ScriptedServer(reactor: reactor, answer: { ScriptedServer.upgrade($0) + pings }, stopReading: true)
        let c = RecordingClient(url: server.url, configuration: .init(connection: .init(maxMessageSize: 1000)), reactor: reactor)
        try reactor.run(timeout: .seconds(30)) { c.end != nil }
        guard case .failed(.peerNotReading(let queued))? = c.end else { Issue.record("\(String(describing: c.end))"); return }
        #expect(queued > 1 << 20)
        #expect(throws: SendError.closing) { try c.client.send(Message.text("after the end")) }
    }

    @Test func keepaliveStaysUpWithAnAnsweringPeer() throws {
        let loop = try Loopback()
        let c = RecordingClient(url: loop.url, configuration: .init(pingInterval: .milliseconds(30), pongTimeout: .milliseconds(200)), reactor: loop.reactor)
        try loop.run("three pongs") { c.events.filter { if case .pong = $0 { return true }; return false }.count >= 3 }
        #expect(c.end == nil)
    }
}
