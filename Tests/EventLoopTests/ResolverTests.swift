import EventLoop
import Testing

@Suite struct ResolverTests {
    @Test(arguments: ["127.0.0.1", "::1", "[::1]"])
    func numericHostsAnswerWithoutBlocking(host: String) throws {
        let reactor = try Reactor()
        var result: Result<[SocketAddress], SocketError>?
        Resolver.resolve(host: host, port: 80, on: reactor) { result = $0 }
        #expect(result == nil, "completion must not run inside resolve")
        #expect(try reactor.run(timeout: testTimeout) { result != nil })
        let addresses = try #require(try result?.get())
        #expect(addresses == [try SocketAddress(ipAddress: host, port: 80)])
    }

    @Test func localhostResolvesToLoopback() throws {
        let reactor = try Reactor()
        var result: Result<[SocketAddress], SocketError>?
        Resolver.resolve(host: "localhost", port: 6001, on: reactor) { result = $0 }
        #expect(result == nil)
        #expect(try reactor.run(timeout: testTimeout) { result != nil })
        let addresses = try #require(try result?.get())
        #expect(!addresses.isEmpty)
        #expect(addresses.allSatisfy { ($0.host == "127.0.0.1" || $0.host == "::1") && $0.port == 6001 })
        #expect(Set(addresses).count == addresses.count)
        #expect(reactor.registeredDescriptorCount == 0)
    }

    @Test func unknownNameFailsWithTheResolverMessage() throws {
        let reactor = try Reactor()
        var result: Result<[SocketAddress], SocketError>?
        Resolver.resolve(host: "nonexistent.invalid", port: 80, on: reactor) { result = $0 }
        #expect(try reactor.run(timeout: .seconds(15)) { result != nil })
        guard case .failure(let error) = result, case .dns(let host, let message) = error else {
            Issue.record("expected a DNS failure, got \(String(describing: result))")
            return
        }
        #expect(host == "nonexistent.invalid")
        #expect(!message.isEmpty)
        #expect(error.description == "DNS lookup for nonexistent.invalid failed: \(message)")
    }

    @Test func cancelledLookupsNeverComplete() throws {
        let reactor = try Reactor()
        var calls = 0
        Resolver.resolve(host: "localhost", port: 80, on: reactor) { _ in calls += 1 }.cancel()
        Resolver.resolve(host: "127.0.0.1", port: 80, on: reactor) { _ in calls += 1 }.cancel()
        #expect(reactor.registeredDescriptorCount == 0)
        #expect(reactor.pendingTimerCount == 0)
        try reactor.run(timeout: .milliseconds(200))
        #expect(calls == 0)
        // The lookup thread still finishes and writes to its closed pipe; MSG_NOSIGNAL keeps us alive.
        var later: Result<[SocketAddress], SocketError>?
        Resolver.resolve(host: "localhost", port: 80, on: reactor) { later = $0 }
        #expect(try reactor.run(timeout: testTimeout) { later != nil })
    }
}
