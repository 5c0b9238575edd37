import EventLoop
import Glibc
import Testing

@Suite struct DescriptorTests {
    @Test func pipeBecomesReadableWhenWrittenTo() throws {
        let reactor = try Reactor()
        let (readEnd, writeEnd) = makePipe()
        defer { close(readEnd); close(writeEnd) }
        var received: [UInt8] = []
        var seen: IOEvents = []
        reactor.register(fd: readEnd, interest: .readable) { events in
            seen = events
            received.append(readByte(readEnd))
        }
        try reactor.runOnce(maxWait: .zero)
        #expect(received.isEmpty)
        writeByte(writeEnd, 7)
        #expect(try reactor.run(timeout: testTimeout) { received == [7] })
        #expect(seen == .readable)
        reactor.unregister(fd: readEnd)
        #expect(reactor.registeredDescriptorCount == 0)
    }

    @Test func writableInterestAndInterestChanges() throws {
        let reactor = try Reactor()
        let (readEnd, writeEnd) = makePipe()
        defer { close(readEnd); close(writeEnd) }
        var calls = 0
        reactor.register(fd: writeEnd, interest: .writable) { events in
            #expect(events.contains(.writable))
            calls += 1
        }
        try reactor.runOnce(maxWait: .seconds(1))
        #expect(calls == 1)
        reactor.setInterest(fd: writeEnd, [])
        try reactor.runOnce(maxWait: .milliseconds(10))
        #expect(calls == 1)
        reactor.setInterest(fd: writeEnd, .writable)
        try reactor.runOnce(maxWait: .seconds(1))
        #expect(calls == 2)
        reactor.unregister(fd: writeEnd)
    }

    @Test func closedWriterReportsHangup() throws {
        let reactor = try Reactor()
        let (readEnd, writeEnd) = makePipe()
        defer { close(readEnd) }
        var seen: IOEvents?
        reactor.register(fd: readEnd, interest: .readable) { events in
            seen = events
            reactor.unregister(fd: readEnd)
        }
        close(writeEnd)
        #expect(try reactor.run(timeout: testTimeout) { seen != nil })
        #expect(seen?.contains(.hangup) == true)
    }

    @Test func handlerCanUnregisterItself() throws {
        let reactor = try Reactor()
        let (readEnd, writeEnd) = makePipe()
        defer { close(readEnd); close(writeEnd) }
        var calls = 0
        reactor.register(fd: readEnd, interest: .readable) { _ in
            calls += 1
            reactor.unregister(fd: readEnd)  // without reading: the fd stays readable
        }
        writeByte(writeEnd)
        try reactor.runOnce(maxWait: .seconds(1))
        try reactor.runOnce(maxWait: .milliseconds(10))
        try reactor.runOnce(maxWait: .milliseconds(10))
        #expect(calls == 1)
        #expect(reactor.registeredDescriptorCount == 0)
    }

    @Test func handlerCanUnregisterAnotherReadyFD() throws {
        let reactor = try Reactor()
        let first = makePipe()
        let second = makePipe()
        defer { [first.read, first.write, second.read, second.write].forEach { _ = close($0) } }
        var calls: [Int32] = []
        for (fd, other) in [(first.read, second.read), (second.read, first.read)] {
            reactor.register(fd: fd, interest: .readable) { _ in
                calls.append(fd)
                reactor.unregister(fd: other)
                reactor.unregister(fd: fd)
            }
        }
        writeByte(first.write)
        writeByte(second.write)
        try reactor.runOnce(maxWait: .seconds(1))
        try reactor.runOnce(maxWait: .milliseconds(10))
        #expect(calls.count == 1)
    }

    /// Re-registering an fd number inside a pass (as when a socket is closed
    /// and a new one gets the same number) must not hand the old readiness
    /// report to the new handler.
    @Test func reusedFDNumberInTheSamePassIsNotDispatchedStale() throws {
        let reactor = try Reactor()
        let first = makePipe()
        let second = makePipe()
        defer { [first.read, first.write, second.read, second.write].forEach { _ = close($0) } }
        var originalCalls = 0
        var newCalls = 0
        for (fd, other) in [(first.read, second.read), (second.read, first.read)] {
            reactor.register(fd: fd, interest: .readable) { _ in
                originalCalls += 1
                reactor.unregister(fd: fd)
                reactor.register(fd: other, interest: .readable) { _ in
                    newCalls += 1
                    reactor.unregister(fd: other)
                }
            }
        }
        writeByte(first.write)
        writeByte(second.write)
        try reactor.runOnce(maxWait: .seconds(1))
        #expect(originalCalls == 1)
        #expect(newCalls == 0)
        try reactor.runOnce(maxWait: .seconds(1))
        #expect(newCalls == 1)
        #expect(reactor.registeredDescriptorCount == 0)
    }

    @Test func fdRegisteredDuringAPassWaitsForTheNextPass() throws {
        let reactor = try Reactor()
        let first = makePipe()
        let second = makePipe()
        defer { [first.read, first.write, second.read, second.write].forEach { _ = close($0) } }
        var log: [String] = []
        writeByte(second.write)
        reactor.register(fd: first.read, interest: .readable) { _ in
            log.append("first")
            reactor.unregister(fd: first.read)
            reactor.register(fd: second.read, interest: .readable) { _ in
                log.append("second")
                reactor.unregister(fd: second.read)
            }
        }
        writeByte(first.write)
        try reactor.runOnce(maxWait: .seconds(1))
        #expect(log == ["first"])
        try reactor.runOnce(maxWait: .seconds(1))
        #expect(log == ["first", "second"])
    }

    @Test func idleReactorWaitsForMaxWaitOnly() throws {
        let reactor = try Reactor()
        let start = reactor.now
        try reactor.runOnce(maxWait: .milliseconds(30))
        #expect(reactor.now.duration(since: start) >= .milliseconds(30))
    }
}
