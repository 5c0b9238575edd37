import EventLoop
import TLS
import Testing

/// Two `TLSStream`s over a loopback TCP connection, below any WebSocket: close_notify,
/// backpressure, writes made before the handshake, a failed handshake on both ends.
@Suite struct TLSStreamTests {
    let certs: CertificateFixtures

    init() throws { certs = try CertificateFixtures.shared.get() }

    /// A connected client/server pair of streams, handshakes started, callbacks recording.
    final class Pair {
        let reactor: Reactor
        let listener: TCPListener
        var client: TLSStream?
        var server: TLSStream?
        var clientHandshake: Result<TLSSession, TLSError>?
        var serverHandshake: Result<TLSSession, TLSError>?
        var toServer: [UInt8] = []
        var toClient: [UInt8] = []
        var serverEOF = false
        var clientEOF = false

        init(serverContext: TLSContext, clientContext: TLSContext, host: String = "127.0.0.1",
             beforeHandshake: (TLSStream) -> Void = { _ in }) throws {
            reactor = try Reactor()
            listener = try TCPListener(host: "127.0.0.1", port: 0, on: reactor)
            listener.onAccept = { [unowned self] socket in
                guard let stream = try? TLSStream(socket: socket, context: serverContext, role: .server, reactor: self.reactor) else { return }
                self.server = stream
                stream.onHandshake = { [unowned self] in self.serverHandshake = $0 }
                stream.onData = { [unowned self] in self.toServer += Array($0) }
                stream.onEOF = { [unowned self] in self.serverEOF = true }
                stream.startHandshake()
            }
            var socket: TCPSocket?
            TCPSocket.connect(to: [listener.localAddress], timeout: .seconds(5), on: reactor) { socket = try? $0.get() }
            _ = try reactor.run(timeout: .seconds(5)) { socket != nil }
            guard let socket else { throw SocketError.noAddresses }
            let stream = try TLSStream(socket: socket, context: clientContext, role: .client(host: host), reactor: reactor)
            client = stream
            stream.onHandshake = { [unowned self] in self.clientHandshake = $0 }
            stream.onData = { [unowned self] in self.toClient += Array($0) }
            stream.onEOF = { [unowned self] in self.clientEOF = true }
            beforeHandshake(stream)
            stream.startHandshake()
        }

        @discardableResult
        func run(_ what: String, sourceLocation: SourceLocation = #_sourceLocation, until done: () -> Bool) throws -> Bool {
            let ok = try reactor.run(timeout: .seconds(10), until: done)
            if !ok { Issue.record("timed out waiting for \(what)", sourceLocation: sourceLocation) }
            return ok
        }
    }

    func contexts() throws -> (server: TLSContext, client: TLSContext) {
        (try TLSContext.server(certificateFile: certs.localhost, keyFile: certs.key),
         try TLSContext.client(TLSClientOptions(caFile: certs.caFile)))
    }

    @Test func closeSendsCloseNotifyAndThePeerSeesACleanEnd() throws {
        let (server, client) = try contexts()
        let pair = try Pair(serverContext: server, clientContext: client)
        try pair.run("handshakes") { pair.clientHandshake != nil && pair.serverHandshake != nil }
        #expect(try pair.clientHandshake?.get().verified == true)
        pair.client?.write(Array("last words".utf8))
        pair.client?.close()
        try pair.run("EOF at the server") { pair.serverEOF }
        #expect(String(decoding: pair.toServer, as: UTF8.self) == "last words")
        #expect(pair.server?.peerSentCloseNotify == true)
    }

    @Test func writesBeforeTheHandshakeAreSentAfterIt() throws {
        let (server, client) = try contexts()
        let pair = try Pair(serverContext: server, clientContext: client) { stream in
            stream.write(Array("early".utf8))
            #expect(stream.queuedBytes == 5)
        }
        try pair.run("early bytes") { pair.toServer.count == 5 }
        #expect(String(decoding: pair.toServer, as: UTF8.self) == "early")
    }

    @Test func pausedReadingHoldsDataUntilResumed() throws {
        let (server, client) = try contexts()
        let pair = try Pair(serverContext: server, clientContext: client)
        try pair.run("handshakes") { pair.serverHandshake != nil && pair.clientHandshake != nil }
        pair.server?.isReadingPaused = true
        let payload = (0..<(3 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 12) }
        pair.client?.write(payload)
        _ = try pair.reactor.run(timeout: .milliseconds(300)) { false }
        #expect(pair.toServer.count < payload.count)
        let before = pair.toServer.count
        _ = try pair.reactor.run(timeout: .milliseconds(100)) { false }
        #expect(pair.toServer.count == before, "nothing is delivered while paused")
        pair.server?.isReadingPaused = false
        try pair.run("all bytes") { pair.toServer.count == payload.count }
        #expect(pair.toServer == payload)
        #expect(pair.client?.queuedBytes == 0)
    }

    @Test func anEOFWhilePausedComesAfterTheBufferedData() throws {
        let (server, client) = try contexts()
        let pair = try Pair(serverContext: server, clientContext: client)
        try pair.run("handshakes") { pair.serverHandshake != nil && pair.clientHandshake != nil }
        // The server pauses inside its first delivery, as a WebSocket server under backpressure does.
        pair.server?.onData = { [unowned pair] bytes in
            pair.toServer += Array(bytes)
            pair.server?.isReadingPaused = true
        }
        let payload = [UInt8](repeating: 0x5A, count: 200_000)
        pair.client?.write(payload)
        pair.client?.shutdownWrite()
        _ = try pair.reactor.run(timeout: .milliseconds(300)) { false }
        #expect(pair.toServer.count < payload.count)
        #expect(!pair.serverEOF, "EOF must wait behind the data still buffered")
        pair.server?.onData = { [unowned pair] bytes in pair.toServer += Array(bytes) }
        pair.server?.isReadingPaused = false
        try pair.run("all bytes, then EOF") { pair.serverEOF }
        #expect(pair.toServer == payload)
        #expect(pair.server?.peerSentCloseNotify == true)
    }

    @Test func shutdownBeforeTheHandshakeWaitsForIt() throws {
        let (server, client) = try contexts()
        let pair = try Pair(serverContext: server, clientContext: client) { stream in
            stream.write(Array("then bye".utf8))
            stream.shutdownWrite()
        }
        try pair.run("data and EOF") { pair.serverEOF }
        #expect(try pair.clientHandshake?.get().verified == true)
        #expect(String(decoding: pair.toServer, as: UTF8.self) == "then bye")
        #expect(pair.server?.peerSentCloseNotify == true)
    }

    @Test func aFailedVerificationEndsBothSides() throws {
        let server = try TLSContext.server(certificateFile: certs.otherHost, keyFile: certs.key)
        let client = try TLSContext.client(TLSClientOptions(caFile: certs.caFile))
        let pair = try Pair(serverContext: server, clientContext: client)
        try pair.run("client verdict") { pair.clientHandshake != nil }
        #expect(throws: TLSError.hostMismatch(host: "127.0.0.1", certificateNames: "wisp.test")) { try pair.clientHandshake?.get() }
        #expect(pair.client?.isClosed == true)
        // The server finished its side of the handshake, then saw the client leave.
        try pair.run("server EOF") { pair.serverEOF || pair.server?.isClosed == true }
        #expect(pair.toServer.isEmpty)
    }

    @Test func aServerCappedAtTLS12IsSpokenToInTLS12() throws {
        let server = try TLSContext.server(certificateFile: certs.localhost, keyFile: certs.key, maxVersion: .tls12)
        let client = try TLSContext.client(TLSClientOptions(caFile: certs.caFile))
        let pair = try Pair(serverContext: server, clientContext: client)
        try pair.run("handshakes") { pair.clientHandshake != nil && pair.serverHandshake != nil }
        #expect(try pair.clientHandshake?.get().version == "TLSv1.2")
        #expect(try pair.serverHandshake?.get().version == "TLSv1.2")
    }
}
