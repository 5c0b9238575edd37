import EventLoop
import Glibc
import Testing

/// Signal masks are per thread: the reactor blocks the signals on the thread
/// running the test, and the signal is sent to that thread only
/// (pthread_kill), so it can only be taken by the signalfd, never kill the
/// process through another thread that does not block it.
@Suite(.serialized) struct SignalTests {
    @Test func signalsArriveThroughTheSignalFD() throws {
        let reactor = try Reactor()
        var received: [Int32] = []
        var passes = 0
        reactor.addPassObserver { passes += 1 }
        try reactor.handleSignals([SIGUSR1, SIGUSR2]) { received.append($0) }
        Signals.raiseOnCurrentThread(SIGUSR1)
        #expect(try reactor.run(timeout: testTimeout) { received == [SIGUSR1] })
        Signals.raiseOnCurrentThread(SIGUSR2)
        #expect(try reactor.run(timeout: testTimeout) { received == [SIGUSR1, SIGUSR2] })
        #expect(passes >= 2)
    }

    @Test func laterHandlerExtendsTheSameSignalFD() throws {
        let reactor = try Reactor()
        var log: [String] = []
        try reactor.handleSignals([SIGUSR1]) { _ in log.append("usr1") }
        try reactor.handleSignals([SIGUSR2]) { _ in log.append("usr2") }
        #expect(reactor.registeredDescriptorCount == 1)
        Signals.raiseOnCurrentThread(SIGUSR2)
        Signals.raiseOnCurrentThread(SIGUSR1)
        #expect(try reactor.run(timeout: testTimeout) { log.count == 2 })
        #expect(Set(log) == ["usr1", "usr2"])
    }
}
