import Testing
import WebSocket
@testable import WebSocketClient
@testable import WebSocketServer

/// What event handlers send while the events of one read are delivered goes out in one write
/// after the last of them, on both sides; large answers and sends from outside a delivery do not wait.
@Suite struct BatchedAnswerTests {
    @Test func theServersEchoesOfOneReadGoOutInOneWrite() throws {
        let loop = try Loopback()
        let c = try loop.openClient()
        c.client.autoFlush = false
        for i in 0..<50 { try c.client.send(.text("m\(i)")) }
        c.client.flush()
        try loop.run("50 echoes") { c.messages.count == 50 }
        #expect(c.messages == (0..<50).map { .text(TextPayload("m\($0)")) })
        // The 50 frames (550 bytes, one segment) arrive in one read and are answered in one write.
        #expect(loop.serverConnections.first?.socketWrites == 1)
    }

    @Test func theClientsAnswersToOneReadGoOutInOneWrite() throws {
        // The server answers "go" with 30 messages (one write); the client answers each.
        let loop = try Loopback(echo: false)
        var serverReceived: [WebSocketEvent] = []
        loop.answerText { connection, text in
            if text.string == "go" {
                for i in 0..<30 { connection.send(.text("q\(i)")) }
            } else {
                serverReceived.append(.text(text))
            }
        }
        let c = try loop.openClient()
        c.client.onEvent = { [unowned c] event in
            c.events.append(event)
            if case .text(let t) = event { try? c.client.send(.text("a" + t.string.dropFirst())) }
        }
        try c.client.send(.text("go"))
        let writesBefore = c.client.socketWrites
        try loop.run("30 answers") { serverReceived.count == 30 }
        #expect(serverReceived == (0..<30).map { .text(TextPayload("a\($0)")) })
        #expect(c.client.socketWrites == writesBefore + 1)
    }

    @Test func heldBackBytesCountAsQueued() throws {
        // Flow control that reads queuedBytes / bufferedAmount in a handler sees what waits.
        let loop = try Loopback(echo: false)
        var serverQueued: Int?
        loop.answerText { connection, _ in
            connection.send(.text("12345"))
            serverQueued = connection.queuedBytes
        }
        let c = try loop.openClient(compression: false)  // frame sizes as written below
        var clientBuffered: Int?
        c.client.onEvent = { [unowned c] event in
            c.events.append(event)
            guard case .text = event, clientBuffered == nil else { return }
            try? c.client.send(.text("abc"))
            clientBuffered = c.client.bufferedAmount
        }
        try c.client.send(.text("go"))
        try loop.run("the answer") { c.messages.count == 1 && clientBuffered != nil }
        #expect(serverQueued == 7)  // 2-byte header + "12345", unmasked
        #expect(clientBuffered == 9)  // 2-byte header, 4-byte key + "abc"
    }

    @Test func aLargeAnswerIsNotHeldBack() throws {
        // 300 KiB sent from a handler exceed the deferral limit and are written at once.
        let loop = try Loopback(echo: false)
        var writesRightAfterSend: Int?
        loop.answerText { connection, _ in
            connection.send(.binary([UInt8](repeating: 1, count: 300 << 10)))
            writesRightAfterSend = connection.socketWrites
        }
        // Uncompressed: deflate would shrink the repetitive payload below the limit.
        let c = try loop.openClient(compression: false)
        try c.client.send(.text("big"))
        try loop.run("the answer") { c.messages.count == 1 }
        #expect(writesRightAfterSend == 1)
    }

    @Test func aSendFromOutsideADeliveryIsWrittenAtOnce() throws {
        let loop = try Loopback()
        let c = try loop.openClient()
        let connection = try #require(loop.serverConnections.first)
        connection.send(.text("hello"))
        #expect(connection.socketWrites == 1)
        try loop.run("hello") { c.messages.count == 1 }
    }
}

extension Loopback {
    /// Replaces the echo: `answer` gets each text message a connection receives.
    func answerText(_ answer: @escaping (ServerConnection, TextPayload) -> Void) {
        server.onConnect = { connection in
            connection.onEvent = { [unowned connection] event in
                if case .text(let text) = event { answer(connection, text) }
            }
        }
    }

    /// A client on this loopback, once its handshake is done.
    func openClient(compression: Bool = true) throws -> RecordingClient {
        var configuration = ClientConfiguration()
        configuration.compression = compression
        let client = RecordingClient(url: url, configuration: configuration, reactor: reactor)
        try run("open") { client.opened != nil }
        return client
    }
}
