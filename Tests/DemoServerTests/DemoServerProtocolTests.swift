import EventLoop
import SuggestProtocol
import Testing
import WebSocket
import WebSocketClient
@testable import DemoServer

/// A source that answers "<query> 1", "<query> 2" … up to the limit, or fails on "boom".
struct EchoSource: SuggestionSource {
    struct Failure: Error {}
    func suggestions(for query: String, limit: Int) throws -> [String] {
        if query == "boom" { throw Failure() }
        return (1...min(limit, 3)).map { "\(query) \($0)" }
    }
}

final class LogSink { var lines: [String] = [] }

/// The demo server on a free loopback port plus clients that record what they get.
final class DemoHarness {
    let reactor: Reactor
    let server: DemoServer
    private var logSink = LogSink()
    var logLines: [String] { logSink.lines }

    init(_ configure: (inout DemoServerOptions) -> Void = { _ in }) throws {
        reactor = try Reactor()
        var options = DemoServerOptions()
        options.port = 0
        configure(&options)
        let sink = LogSink()
        server = try DemoServer(options: options, source: EchoSource(), reactor: reactor, log: { sink.lines.append($0) }, unixTime: { 1767571200 })
        logSink = sink
    }

    func url(_ path: String = "/ws") -> WebSocketURL {
        WebSocketURL(host: "127.0.0.1", port: server.localAddress.port, resource: path)
    }

    func client(_ path: String = "/ws") -> Peer { Peer(url: url(path), reactor: reactor) }

    func run(_ what: String, sourceLocation: SourceLocation = #_sourceLocation, until done: () -> Bool) throws {
        let ok = try reactor.run(timeout: .seconds(20), until: done)
        if !ok { Issue.record("timed out waiting for \(what)", sourceLocation: sourceLocation) }
    }
}

final class Peer {
    let client: WebSocketClient
    var texts: [String] = []
    var events: [WebSocketEvent] = []
    var opened = false
    var end: ClientEnd?

    init(url: WebSocketURL, reactor: Reactor) {
        client = WebSocketClient(url: url, reactor: reactor)
        client.onOpen = { [unowned self] _ in self.opened = true }
        client.onEvent = { [unowned self] e in
            self.events.append(e)
            if case .text(let t) = e { self.texts.append(t.string) }
        }
        client.onEnd = { [unowned self] in self.end = $0 }
        client.start()
    }

    func send(_ text: String) { try? client.send(.text(text)) }
    func query(_ q: String) { send(ClientMessage.query(q).encoded()) }
}

@Suite struct DemoServerProtocolTests {
    @Test func everyRowOfTheProtocolTable() throws {
        let h = try DemoHarness()
        let p = h.client()
        try h.run("open") { p.opened }
        p.query("wireless head")
        p.send(#"{"type":"productSearchQuery","payload":{"query":""}}"#)
        p.send(#"{"type":"somethingElse"}"#)
        p.query("boom")
        p.send(#"{"payload":{"query":"no type"}}"#)   // nothing back
        p.send("{not json")                             // nothing back
        p.query("last")
        try h.run("answers") { p.texts.count == 5 }
        #expect(p.texts == [
            #"{"event":"aiSuggestions","payload":{"originalQuery":"wireless head","suggestions":["wireless head 1","wireless head 2","wireless head 3"],"timestamp":1767571200}}"#,
            #"{"event":"error","message":"Empty query."}"#,
            #"{"event":"error","message":"Unknown message type."}"#,
            #"{"event":"error","message":"AI service currently unavailable."}"#,
            #"{"event":"aiSuggestions","payload":{"originalQuery":"last","suggestions":["last 1","last 2","last 3"],"timestamp":1767571200}}"#,
        ])
    }

    @Test func binaryFramesGet1003() throws {
        let h = try DemoHarness()
        let p = h.client()
        try h.run("open") { p.opened }
        try p.client.send(.binary([1, 2, 3]))
        try h.run("close") { p.end != nil }
        guard case .closed(let info)? = p.end else { Issue.record("\(String(describing: p.end))"); return }
        #expect(info.code == .unsupportedData && info.initiator == .remote)
    }

    @Test func oversizedMessagesGet1009() throws {
        let h = try DemoHarness()
        let p = h.client()
        try h.run("open") { p.opened }
        p.query(String(repeating: "x", count: 70_000))
        try h.run("close") { p.end != nil }
        guard case .closed(let info)? = p.end else { Issue.record("\(String(describing: p.end))"); return }
        #expect(info.code == .messageTooBig)
    }

    @Test func otherPathsGet404() throws {
        let h = try DemoHarness()
        let p = h.client("/elsewhere")
        try h.run("end") { p.end != nil }
        guard case .failed(let error)? = p.end else { Issue.record("\(String(describing: p.end))"); return }
        #expect(error.httpStatus == 404)
        #expect(error.description == "server answered HTTP 404 Not Found (no WebSocket endpoint at this path): No WebSocket endpoint at /elsewhere; try /ws.")
    }

    @Test func plainHTTPGetsAPage() throws {
        let h = try DemoHarness()
        var answer: [UInt8] = []
        var done = false
        TCPSocket.connect(to: [h.server.localAddress], timeout: .seconds(5), on: h.reactor) { result in
            guard case .success(let socket) = result else { done = true; return }
            socket.onData = { answer += Array($0) }
            socket.onEOF = { done = true; socket.close() }
            socket.write(Array("GET /ws HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
        }
        try h.run("page") { done }
        let text = String(decoding: answer, as: UTF8.self)
        #expect(text.hasPrefix("HTTP/1.1 426 Upgrade Required\r\n"))
        #expect(text.contains("This is a WebSocket endpoint (/ws)"))
    }

    @Test func floodIsShedLatestQueryWins() throws {
        let h = try DemoHarness { $0.delay = .milliseconds(100) }
        let p = h.client()
        try h.run("open") { p.opened }
        for i in 0..<200 { p.query("q\(i)") }
        try h.run("an answer") { !p.texts.isEmpty }
        // Give any wrongly queued answers time to show up.
        _ = try h.reactor.run(timeout: .milliseconds(300)) { false }
        #expect(p.texts == [#"{"event":"aiSuggestions","payload":{"originalQuery":"q199","suggestions":["q199 1","q199 2","q199 3"],"timestamp":1767571200}}"#])
    }

    @Test func errorRateOneFailsEveryQuery() throws {
        let h = try DemoHarness { $0.errorRate = 1 }
        let p = h.client()
        try h.run("open") { p.opened }
        p.query("abc")
        p.query("def")
        try h.run("answers") { p.texts.count == 2 }
        #expect(p.texts == Array(repeating: #"{"event":"error","message":"AI service currently unavailable."}"#, count: 2))
    }

    @Test func serverPings() throws {
        let h = try DemoHarness { $0.pingInterval = .milliseconds(30) }
        let p = h.client()
        try h.run("two pings") { p.events.filter { if case .ping = $0 { return true }; return false }.count >= 2 }
    }

    @Test func shutdownClosesWith1001() throws {
        let h = try DemoHarness()
        let peers = (0..<5).map { _ in h.client() }
        try h.run("open") { peers.allSatisfy(\.opened) }
        h.server.shutdown()
        try h.run("closes") { peers.allSatisfy { $0.end != nil } }
        for p in peers {
            guard case .closed(let info)? = p.end else { Issue.record("\(String(describing: p.end))"); continue }
            #expect(info.code == .goingAway)
        }
    }

    @Test func twoHundredActiveClientsBesideAThousandIdleOnes() throws {
        ProcessLimits.raiseOpenFileLimit()
        let h = try DemoHarness { $0.delay = .milliseconds(5); $0.jitter = .milliseconds(20) }
        let idle = (0..<1000).map { _ in h.client() }
        try h.run("1000 idle open") { idle.allSatisfy(\.opened) }
        let peers = (0..<200).map { _ in h.client() }
        try h.run("200 open") { peers.allSatisfy(\.opened) }
        #expect(h.server.connectionCount == 1200)
        for (i, p) in peers.enumerated() { p.query("client \(i)") }
        try h.run("200 answers") { peers.allSatisfy { $0.texts.count == 1 } }
        for (i, p) in peers.enumerated() {
            #expect(p.texts.first?.contains(#""originalQuery":"client \#(i)""#) == true)
        }
    }

    @Test func aClientThatStopsReadingIsDroppedAndDelaysNoOne() throws {
        let h = try DemoHarness()
        // A raw client that upgrades, floods queries and never reads a byte of the answers.
        var slowSocket: TCPSocket?
        TCPSocket.connect(to: [h.server.localAddress], timeout: .seconds(5), on: h.reactor) { result in
            guard case .success(let socket) = result else { return }
            slowSocket = socket
            socket.isReadingPaused = true
            var rng = SystemRandomNumberGenerator()
            let handshake = ClientHandshake(url: h.url(), random: &rng)
            var connection = WebSocketConnection(role: .client)
            for i in 0..<60_000 { try? connection.send(.text(ClientMessage.query("flood \(i)").encoded())) }
            socket.write(handshake.request + connection.takeOutbound())
        }
        try h.run("slow client connected") { h.server.connectionCount == 1 }
        let fast = h.client()
        try h.run("fast open") { fast.opened }
        fast.query("fast")
        try h.run("fast answer") { fast.texts.count == 1 }
        #expect(fast.texts.first?.contains("fast 1") == true)
        // About 9 MB of answers pile up unread (more than the kernel's socket buffers hold): past the 1 MiB limit the server lets go of it.
        try h.run("slow client dropped") { h.server.connectionCount == 1 && h.logLines.contains { $0.contains("peer stopped reading") } }
        _ = slowSocket
    }
}

@Suite struct QuerySchedulerTests {
    @Test func deterministicFromTheSeed() {
        var a = QueryScheduler(delay: .milliseconds(100), jitter: .milliseconds(50), errorRate: 0.3, seed: 42)
        var b = QueryScheduler(delay: .milliseconds(100), jitter: .milliseconds(50), errorRate: 0.3, seed: 42)
        let first = (0..<100).map { _ in a.next() }
        #expect(first == (0..<100).map { _ in b.next() })
        let failures = first.filter { if case .fail = $0 { return true }; return false }.count
        #expect(failures > 15 && failures < 45)
        for outcome in first {
            switch outcome {
            case .answer(let d), .fail(let d): #expect(d >= .milliseconds(100) && d <= .milliseconds(150))
            }
        }
    }

    @Test func noDelayNoErrors() {
        var s = QueryScheduler(delay: .zero, jitter: .zero, errorRate: 0, seed: 1)
        #expect((0..<10).map { _ in s.next() } == Array(repeating: .answer(after: .zero), count: 10))
    }
}
