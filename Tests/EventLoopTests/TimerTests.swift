import EventLoop
import Testing

@Suite struct TimerTests {
    @Test func timersFireByDeadlineThenInsertionOrder() throws {
        let clock = ManualClock()
        let reactor = try Reactor(clock: clock)
        var fired: [String] = []
        reactor.addTimer(after: .milliseconds(30)) { fired.append("c") }
        reactor.addTimer(after: .milliseconds(10)) { fired.append("a1") }
        reactor.addTimer(after: .milliseconds(20)) { fired.append("b") }
        reactor.addTimer(after: .milliseconds(10)) { fired.append("a2") }
        reactor.addTimer(after: .milliseconds(10)) { fired.append("a3") }

        try reactor.runOnce(maxWait: .zero)
        #expect(fired.isEmpty)
        clock.advance(by: .milliseconds(10))
        try reactor.runOnce(maxWait: .zero)
        #expect(fired == ["a1", "a2", "a3"])
        clock.advance(by: .milliseconds(25))
        try reactor.runOnce(maxWait: .zero)
        #expect(fired == ["a1", "a2", "a3", "b", "c"])
        #expect(reactor.pendingTimerCount == 0)
    }

    @Test func cancelledTimersDoNotFire() throws {
        let clock = ManualClock()
        let reactor = try Reactor(clock: clock)
        var fired: [Int] = []
        let first = reactor.addTimer(after: .seconds(1)) { fired.append(1) }
        let second = reactor.addTimer(after: .seconds(2)) { fired.append(2) }
        reactor.addTimer(after: .seconds(3)) { fired.append(3) }
        reactor.cancelTimer(second)
        reactor.cancelTimer(second)
        #expect(reactor.pendingTimerCount == 2)

        clock.advance(by: .seconds(5))
        try reactor.runOnce(maxWait: .zero)
        #expect(fired == [1, 3])
        reactor.cancelTimer(first)  // already fired: a no-op
        #expect(reactor.pendingTimerCount == 0)
    }

    @Test func staleIDDoesNotCancelATimerReusingItsSlot() throws {
        let clock = ManualClock()
        let reactor = try Reactor(clock: clock)
        var fired: [String] = []
        let old = reactor.addTimer(after: .zero) { fired.append("old") }
        try reactor.runOnce(maxWait: .zero)
        reactor.addTimer(after: .seconds(1)) { fired.append("new") }
        reactor.cancelTimer(old)
        clock.advance(by: .seconds(1))
        try reactor.runOnce(maxWait: .zero)
        #expect(fired == ["old", "new"])
    }

    @Test func zeroDelayTimerAddedByHandlerFiresInTheNextPass() throws {
        let clock = ManualClock()
        let reactor = try Reactor(clock: clock)
        var count = 0
        func rearm() {
            reactor.addTimer(after: .zero) {
                count += 1
                rearm()
            }
        }
        rearm()
        try reactor.runOnce(maxWait: .zero)
        #expect(count == 1)
        try reactor.runOnce(maxWait: .zero)
        #expect(count == 2)
        #expect(reactor.pendingTimerCount == 1)
    }

    @Test func manyTimersFireInOrderWithCancellations() throws {
        let clock = ManualClock()
        let reactor = try Reactor(clock: clock)
        var generator = SystemRandomNumberGenerator()
        var expected: [(delay: Int, index: Int)] = []
        var fired: [Int] = []
        var ids: [TimerID] = []
        for index in 0..<2000 {
            let delay = Int.random(in: 0..<500, using: &generator)
            ids.append(reactor.addTimer(after: .milliseconds(delay)) { fired.append(index) })
            expected.append((delay, index))
        }
        for index in stride(from: 0, to: 2000, by: 3) { reactor.cancelTimer(ids[index]) }
        let survivors = expected.filter { $0.index % 3 != 0 }
            .sorted { ($0.delay, $0.index) < ($1.delay, $1.index) }
            .map(\.index)
        for _ in 0..<50 {
            clock.advance(by: .milliseconds(10))
            try reactor.runOnce(maxWait: .zero)
        }
        #expect(fired == survivors)
    }

    @Test func passObserversRunOnlyAfterPassesThatDidSomething() throws {
        let clock = ManualClock()
        let reactor = try Reactor(clock: clock)
        var passes = 0
        var timers = 0
        reactor.addPassObserver { passes += 1 }
        try reactor.runOnce(maxWait: .zero)
        #expect(passes == 0)
        reactor.addTimer(after: .zero) { timers += 1 }
        reactor.addTimer(after: .zero) { timers += 1 }
        try reactor.runOnce(maxWait: .zero)
        #expect(timers == 2)
        #expect(passes == 1)
        try reactor.runOnce(maxWait: .zero)
        #expect(passes == 1)
    }

    @Test func pollSleepsUntilTheNearestTimer() throws {
        let reactor = try Reactor()
        let start = reactor.now
        var firedAt: Instant?
        reactor.addTimer(after: .milliseconds(30)) { firedAt = reactor.now }
        reactor.addTimer(after: .seconds(60)) {}
        var passes = 0
        reactor.addPassObserver { passes += 1 }
        #expect(try reactor.run(timeout: testTimeout) { firedAt != nil })
        let elapsed = try #require(firedAt).duration(since: start)
        #expect(elapsed >= .milliseconds(30))
        #expect(passes == 1)
    }

    @Test func runStopsOnTimeoutAndOnStop() throws {
        let reactor = try Reactor()
        #expect(try reactor.run(timeout: .milliseconds(20)) { false } == false)
        reactor.addTimer(after: .milliseconds(10)) { reactor.stop() }
        let start = reactor.now
        #expect(try reactor.run(timeout: testTimeout) == false)
        #expect(reactor.now.duration(since: start) < testTimeout)
        #expect(try reactor.run { true })
    }

    @Test func instantArithmeticSaturates() {
        let start = Instant(nanoseconds: 1_000)
        #expect((start + .nanoseconds(500)).nanoseconds == 1_500)
        #expect((start + .nanoseconds(-5_000)).nanoseconds == 0)
        #expect((start + .seconds(Int64.max)).nanoseconds == 1_000 + UInt64(Int64.max))
        #expect((Instant(nanoseconds: .max - 5) + .seconds(1)).nanoseconds == .max)
        #expect(Instant(nanoseconds: 3_000).duration(since: start) == .nanoseconds(2_000))
        #expect(start.duration(since: Instant(nanoseconds: 3_000)) == .nanoseconds(-2_000))
    }
}
