import EventLoop
import Testing
import WebSocket
import WebSocketClient
import WebSocketServer

/// `ServerConfiguration.maxConnections`: one peer more than the limit reads HTTP 503 and why;
/// a slot that frees up is taken again.
@Suite struct ConnectionLimitTests {
    @Test func aFullServerAnswers503AndAcceptsAgainOnceAPeerLeaves() throws {
        var configuration = ServerConfiguration()
        configuration.maxConnections = 2
        let loop = try Loopback(configuration: configuration)
        var turnedAway = 0
        loop.server.onFull = { _ in turnedAway += 1 }
        let first = try loop.openClient()
        let second = try loop.openClient()

        let third = RecordingClient(url: loop.url, reactor: loop.reactor)
        try loop.run("the third client's end") { third.end != nil }
        guard case .failed(let error)? = third.end else { Issue.record("\(String(describing: third.end))"); return }
        #expect(error.httpStatus == 503)
        #expect(error.description.contains("This server is full (2 connections). Try again later."))
        #expect(turnedAway == 1)
        #expect(loop.server.connections.count == 2)

        first.client.close()
        try loop.run("the first client's close") { loop.server.connections.count == 1 }
        let fourth = try loop.openClient()
        #expect(fourth.opened != nil)
        #expect(second.end == nil)
        #expect(turnedAway == 1)
    }

    @Test func peersStillHandshakingCount() throws {
        // A peer that connected but has not sent its request yet holds a slot too, or a
        // flood of silent connections would get past the limit.
        var configuration = ServerConfiguration()
        configuration.maxConnections = 1
        let loop = try Loopback(configuration: configuration)
        var connected: Result<TCPSocket, SocketError>?
        TCPSocket.connect(to: [loop.server.localAddress], timeout: .seconds(5), on: loop.reactor) { connected = $0 }
        try loop.run("the silent peer's connect") { connected != nil }
        let silent = try #require(try connected?.get())
        defer { silent.close() }
        try loop.reactor.run(timeout: .milliseconds(50))  // the server accepts it
        let client = RecordingClient(url: loop.url, reactor: loop.reactor)
        try loop.run("the client's end") { client.end != nil }
        guard case .failed(let error)? = client.end else { Issue.record("\(String(describing: client.end))"); return }
        #expect(error.httpStatus == 503)
    }
}
