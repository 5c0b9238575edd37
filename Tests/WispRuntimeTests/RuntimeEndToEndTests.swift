import DemoServer
import EventLoop
import Testing
import TerminalUI
import WebSocket
import WebSocketClient
import WispCore
@testable import WispRuntime

/// Answers "<query> headphones" and "<query> speakers"; fails on "boom".
struct FixedSource: SuggestionSource {
    struct Down: Error {}
    func suggestions(for query: String, limit: Int) throws -> [String] {
        if query == "boom" { throw Down() }
        return ["\(query) headphones", "\(query) speakers"]
    }
}

/// The real runtime on a recording screen, against the demo server on 127.0.0.1 port 0.
final class Harness {
    let reactor: Reactor
    let server: DemoServer
    let screen: RecordingScreen
    let runtime: Runtime

    init(debounce: Int64 = 150) throws {
        reactor = try Reactor()
        var options = DemoServerOptions()
        options.port = 0
        server = try DemoServer(options: options, source: FixedSource(), reactor: reactor, unixTime: { 1 })
        screen = RecordingScreen(width: 80, height: 24)
        var config = AppConfig(url: "demo")
        config.debounceMilliseconds = debounce
        let url = WebSocketURL(host: "127.0.0.1", port: server.localAddress.port, resource: "/ws")
        runtime = Runtime(model: AppModel(config: config, width: 80, height: 24), screen: screen, reactor: reactor, url: url,
                          client: ClientConfiguration(closeTimeout: .milliseconds(200)))
        runtime.start()
    }

    var lines: [String] { screen.lastFrame?.trimmedLines ?? [] }

    func waitFor(_ what: String, sourceLocation: SourceLocation = #_sourceLocation, _ condition: () -> Bool) throws {
        let ok = try reactor.run(timeout: .seconds(10)) { condition() }
        if !ok { Issue.record("timed out waiting for \(what); screen:\n\(lines.joined(separator: "\n"))", sourceLocation: sourceLocation) }
    }

    func screenShows(_ text: String) -> Bool { lines.contains { $0.contains(text) } }
}

@Suite struct RuntimeEndToEndTests {
    @Test func typeSeeSuggestionsSelectAndAccept() throws {
        let h = try Harness()
        try h.waitFor("connected") { h.screenShows("● connected") }
        for c in "wireless" { h.screen.queue(.character(c)) }
        try h.waitFor("suggestions") { h.screenShows("wireless headphones") }
        #expect(h.lines[20] == "  wireless headphones")
        #expect(h.lines[19] == "  wireless speakers")
        #expect(h.screenShows("→ query \"wireless\""))
        #expect(h.screenShows("← suggestions \"wireless\" 2 suggestions"))
        // One query for eight keys typed in one read: the debounce held them together.
        #expect(h.lines.filter { $0.contains("→ query") }.count == 1)
        h.screen.queue(.up, .up)
        h.screen.queue(.enter)
        try h.waitFor("exit") { h.runtime.exit != nil }
        #expect(h.runtime.exit?.status == 0)
        #expect(h.runtime.exit?.output == "wireless speakers")
        h.runtime.shutdown()
        #expect(h.screen.isShutDown)
    }

    @Test func serverErrorsShowAndTheQueryStays() throws {
        let h = try Harness(debounce: 0)
        try h.waitFor("connected") { h.screenShows("● connected") }
        for c in "boom" { h.screen.queue(.character(c)) }
        try h.waitFor("error line") { h.screenShows("✖ AI service currently unavailable.") }
        #expect(h.lines[22] == "> boom")
        h.runtime.shutdown()
    }

    @Test func reconnectsAfterTheServerGoesAway() throws {
        let h = try Harness(debounce: 0)
        try h.waitFor("connected") { h.screenShows("● connected") }
        for c in "lamp" { h.screen.queue(.character(c)) }
        try h.waitFor("answer") { h.screenShows("lamp headphones") }
        h.server.shutdown()
        try h.waitFor("reconnecting") { h.screenShows("reconnecting in") }
        // The listener is gone: attempts keep failing, counting up, suggestions stay on screen.
        #expect(h.screenShows("lamp headphones"))
        h.screen.queue(.control("r"))
        try h.waitFor("second attempt") { h.screenShows("(attempt 3)") || h.screenShows("(attempt 2)") }
        h.runtime.shutdown()
    }

    @Test func ctrlRWhileConnectedReconnectsWithoutCrashing() throws {
        // A replaced connection's close deadline once fired on a freed client (found by a new-user trial).
        let h = try Harness(debounce: 0)
        try h.waitFor("connected") { h.screenShows("● connected") }
        h.screen.queue(.control("r"))
        try h.waitFor("reconnected") { h.screenShows("connected in") && h.lines.filter { $0.contains("connected in") }.count >= 2 }
        // Past the old connection's close timeout (200 ms here): still running, still connected.
        _ = try h.reactor.run(timeout: .milliseconds(600)) { false }
        #expect(h.screenShows("● connected"))
        h.runtime.shutdown()
    }

    @Test func quitKeysExitWith130() throws {
        let h = try Harness()
        h.screen.queue(.escape)
        try h.waitFor("exit") { h.runtime.exit != nil }
        #expect(h.runtime.exit?.status == 130)
        #expect(h.runtime.exit?.output == nil)
        h.runtime.shutdown()
    }
}
