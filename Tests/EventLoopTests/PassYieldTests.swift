import Glibc
import Testing
@testable import EventLoop

/// A reactor gives up the CPU once before it blocks in poll only after a pass in which a socket
/// that asks for it (`yieldsAfterAnswering`) read and then wrote to the same socket, and when
/// nothing is ready yet. The peer here lives on a second reactor that runs
/// only when the test says so, standing in for a peer process that has not answered yet.
@Suite struct PassYieldTests {
    /// `server` on `reactor`, its peer `client` on `peerReactor`.
    struct Setup {
        let reactor: Reactor
        let peerReactor: Reactor
        let listener: TCPListener
        let server: TCPSocket
        let client: TCPSocket

        init(reactor existing: Reactor? = nil) throws {
            reactor = try existing ?? Reactor()
            peerReactor = try Reactor()
            listener = try TCPListener(host: "127.0.0.1", port: 0, on: reactor)
            var accepted: TCPSocket?
            var connected: Result<TCPSocket, SocketError>?
            listener.onAccept = { accepted = $0 }
            TCPSocket.connect(to: [listener.localAddress], timeout: testTimeout, on: peerReactor) { connected = $0 }
            #expect(try peerReactor.run(timeout: testTimeout) { connected != nil })
            #expect(try reactor.run(timeout: testTimeout) { accepted != nil })
            client = try #require(try connected?.get())
            server = try #require(accepted)
            server.yieldsAfterAnswering = true
        }

        /// One pass that reads what the peer sent now.
        func peerSendsAndServerReads() throws {
            client.write([7, 7, 7])
            try reactor.runOnce(maxWait: testTimeout)
        }

        /// That pass and the next (whose poll may yield first); the yields so far.
        func yieldsAfterAnExchange() throws -> Int {
            try peerSendsAndServerReads()
            try reactor.runOnce(maxWait: .milliseconds(20))
            return reactor.yieldsBeforePoll
        }

        func close() {
            client.close()
            server.close()
            listener.close()
        }
    }

    @Test func aPassThatAnswersWhatItReadYieldsOnceBeforeBlocking() throws {
        let setup = try Setup()
        defer { setup.close() }
        setup.server.onData = { bytes in setup.server.write(Array(bytes)) }
        try setup.peerSendsAndServerReads()
        #expect(setup.reactor.yieldsBeforePoll == 0)
        try setup.reactor.runOnce(maxWait: .milliseconds(20))
        #expect(setup.reactor.yieldsBeforePoll == 1)
        // A pass in which nothing happened does not yield again.
        try setup.reactor.runOnce(maxWait: .milliseconds(20))
        #expect(setup.reactor.yieldsBeforePoll == 1)
        // And the answer did go out.
        var echoed: [UInt8] = []
        setup.client.onData = { echoed.append(contentsOf: $0) }
        #expect(try setup.peerReactor.run(timeout: testTimeout) { echoed.count == 3 })
    }

    @Test func aPassThatOnlyReadsDoesNotYield() throws {
        let setup = try Setup()
        defer { setup.close() }
        var received = 0
        setup.server.onData = { received += $0.count }
        try setup.peerSendsAndServerReads()
        try setup.reactor.runOnce(maxWait: .milliseconds(20))
        #expect(received == 3)
        #expect(setup.reactor.yieldsBeforePoll == 0)
    }

    @Test func writingBetweenPassesDoesNotYield() throws {
        // A request sent from outside the loop after a pass that read (a round trip's next
        // request) waits for its answer in poll straight away.
        let setup = try Setup()
        defer { setup.close() }
        setup.server.onData = { _ in }
        try setup.peerSendsAndServerReads()
        setup.server.write([1, 2, 3])
        try setup.reactor.runOnce(maxWait: .milliseconds(20))
        #expect(setup.reactor.yieldsBeforePoll == 0)
    }

    @Test func aSocketThatDoesNotAskForItNeverYields() throws {
        let setup = try Setup()
        defer { setup.close() }
        setup.server.yieldsAfterAnswering = false
        setup.server.onData = { bytes in setup.server.write(Array(bytes)) }
        #expect(try setup.yieldsAfterAnExchange() == 0)
    }

    @Test func aWriteToAnotherSocketIsNoAnswer() throws {
        // Reading on one connection and writing on another in the same pass (a proxy, or
        // several clients on one reactor) does not count.
        let first = try Setup()
        defer { first.close() }
        let second = try Setup(reactor: first.reactor)
        defer { second.close() }
        first.server.onData = { bytes in second.server.write(Array(bytes)) }
        #expect(try first.yieldsAfterAnExchange() == 0)
        // The same pass with the answer going back where it came from does.
        first.server.onData = { bytes in first.server.write(Array(bytes)) }
        #expect(try first.yieldsAfterAnExchange() == 1)
    }

    @Test func readyEventsAreNotDelayedByAYield() throws {
        let setup = try Setup()
        defer { setup.close() }
        var received = 0
        setup.server.onData = { bytes in
            received += bytes.count
            setup.server.write(Array(bytes))
        }
        try setup.peerSendsAndServerReads()
        // The peer's next bytes are already there when the pass that answered ends.
        setup.client.write([8, 8])
        try setup.reactor.runOnce(maxWait: testTimeout)
        #expect(received == 5)
        #expect(setup.reactor.yieldsBeforePoll == 0)
    }
}
