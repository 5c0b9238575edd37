@testable import EventLoop
import Glibc
import Testing

@Suite struct TCPTests {
    @Test(arguments: ["127.0.0.1", "::1"])
    func echoOverLoopback(host: String) throws {
        let reactor = try Reactor()
        let listener = try TCPListener(host: host, port: 0, on: reactor)
        #expect(listener.localAddress.host == host)
        #expect(listener.localAddress.port != 0)
        var server: TCPSocket?
        listener.onAccept = { socket in
            server = socket
            socket.onData = { bytes in socket.write(bytes) }
        }
        var client: TCPSocket?
        var echoed: [UInt8] = []
        TCPSocket.connect(to: [listener.localAddress], timeout: testTimeout, on: reactor) { result in
            guard case .success(let socket) = result else { Issue.record("connect failed: \(result)"); return }
            client = socket
            socket.onData = { echoed.append(contentsOf: $0) }
            socket.write(Array("hello, reactor".utf8))
        }
        #expect(try reactor.run(timeout: testTimeout) { echoed.count == 14 })
        #expect(String(decoding: echoed, as: UTF8.self) == "hello, reactor")
        let connected = try #require(client)
        let accepted = try #require(server)
        #expect(connected.peerAddress == listener.localAddress)
        #expect(accepted.peerAddress == connected.localAddress)
        #expect(connected.queuedBytes == 0)

        connected.close()
        connected.close()
        accepted.close()
        listener.close()
        #expect(connected.isClosed && accepted.isClosed && listener.isClosed)
        #expect(reactor.registeredDescriptorCount == 0)
    }

    @Test(arguments: ["127.0.0.1", "::1"])
    func refusedConnectionNamesTheAddress(host: String) throws {
        let reactor = try Reactor()
        let address = try closedAddress(host: host, on: reactor)
        var result: Result<TCPSocket, SocketError>?
        TCPSocket.connect(to: [address], timeout: testTimeout, on: reactor) { result = $0 }
        #expect(result == nil, "completion must not run inside connect")
        #expect(try reactor.run(timeout: testTimeout) { result != nil })
        guard case .failure(let error) = result else { Issue.record("expected refusal, got \(String(describing: result))"); return }
        #expect(error == .refused(address))
        #expect(error.description == "connection refused by \(address)")
        #expect(reactor.registeredDescriptorCount == 0)
        #expect(reactor.pendingTimerCount == 0)
    }

    /// With accepting paused and backlog 0, Linux completes one handshake into
    /// the accept queue and then drops SYNs, so a further connect hangs
    /// deterministically on loopback until our timeout.
    @Test func connectTimesOutWhenSYNsAreDropped() throws {
        let reactor = try Reactor()
        let listener = try TCPListener(host: "127.0.0.1", port: 0, backlog: 0, on: reactor)
        listener.isAcceptingPaused = true
        var fillers: [TCPSocket] = []
        var timeout: SocketError?
        for _ in 0..<8 where timeout == nil {
            var result: Result<TCPSocket, SocketError>?
            TCPSocket.connect(to: [listener.localAddress], timeout: .milliseconds(300), on: reactor) { result = $0 }
            #expect(try reactor.run(timeout: testTimeout) { result != nil })
            switch result {
            case .success(let socket): fillers.append(socket)
            case .failure(let error): timeout = error
            case nil: break
            }
        }
        let error = try #require(timeout)
        #expect(error == .timedOut(listener.localAddress, after: .milliseconds(300)))
        #expect(error.description == "connect to \(listener.localAddress) timed out after 300 ms")
        fillers.forEach { $0.close() }
        listener.close()
        #expect(reactor.registeredDescriptorCount == 0)
    }

    @Test func fallsBackToTheNextAddressWhenRefused() throws {
        let reactor = try Reactor()
        let refused = try closedAddress(host: "::1", on: reactor)
        let listener = try TCPListener(host: "127.0.0.1", port: 0, on: reactor)
        var accepted: TCPSocket?
        listener.onAccept = { accepted = $0 }
        var result: Result<TCPSocket, SocketError>?
        TCPSocket.connect(to: [refused, listener.localAddress], timeout: testTimeout, on: reactor) { result = $0 }
        #expect(try reactor.run(timeout: testTimeout) { result != nil && accepted != nil })
        let client = try result!.get()
        #expect(client.peerAddress == listener.localAddress)
        client.close()
        accepted?.close()
        listener.close()
    }

    @Test func errorNamesEveryAddressTried() throws {
        let reactor = try Reactor()
        let first = try closedAddress(host: "127.0.0.1", on: reactor)
        let second = try closedAddress(host: "::1", on: reactor)
        var result: Result<TCPSocket, SocketError>?
        TCPSocket.connect(to: [first, second], timeout: testTimeout, on: reactor) { result = $0 }
        #expect(try reactor.run(timeout: testTimeout) { result != nil })
        guard case .failure(let error) = result else { Issue.record("expected failure"); return }
        #expect(error == .allAttemptsFailed([.refused(first), .refused(second)]))
        #expect(error.description
            == "could not connect to any of 2 addresses: connection refused by \(first); connection refused by \(second)")
    }

    @Test func emptyAddressListFailsLater() throws {
        let reactor = try Reactor()
        var result: Result<TCPSocket, SocketError>?
        TCPSocket.connect(to: [], timeout: testTimeout, on: reactor) { result = $0 }
        #expect(result == nil)
        #expect(try reactor.run(timeout: testTimeout) { result != nil })
        #expect(result.map { if case .failure(.noAddresses) = $0 { true } else { false } } == true)
    }

    @Test func cancelledConnectNeverCompletes() throws {
        let reactor = try Reactor()
        let listener = try TCPListener(host: "127.0.0.1", port: 0, on: reactor)
        let refused = try closedAddress(host: "127.0.0.1", on: reactor)
        var calls = 0
        TCPSocket.connect(to: [listener.localAddress], timeout: testTimeout, on: reactor) { _ in calls += 1 }.cancel()
        TCPSocket.connect(to: [refused], timeout: testTimeout, on: reactor) { _ in calls += 1 }.cancel()
        TCPSocket.connect(to: [], timeout: testTimeout, on: reactor) { _ in calls += 1 }.cancel()
        try reactor.run(timeout: .milliseconds(200))
        #expect(calls == 0)
        listener.close()
        #expect(reactor.registeredDescriptorCount == 0)
        #expect(reactor.pendingTimerCount == 0)
    }

    @Test func writeBackpressureQueuesThenDrainsInOrder() throws {
        let reactor = try Reactor()
        let pair = try connectedPair(on: reactor)
        defer { pair.close() }
        pair.server.isReadingPaused = true
        var received: [UInt8] = []
        var drained = 0
        var eof = false
        pair.server.onData = { received.append(contentsOf: $0) }
        pair.server.onEOF = { eof = true }
        pair.client.onDrained = { drained += 1 }

        let payload = pattern(count: 8 << 20)
        pair.client.write(payload)
        pair.client.shutdownWrite()  // must wait for the queue
        #expect(pair.client.queuedBytes > 0)
        try reactor.run(timeout: .milliseconds(100))
        #expect(pair.client.queuedBytes > 0, "a peer that does not read must hold the queue back")
        #expect(received.isEmpty)
        #expect(drained == 0)

        pair.server.isReadingPaused = false
        #expect(try reactor.run(timeout: testTimeout) { eof })
        #expect(drained == 1)
        #expect(pair.client.queuedBytes == 0)
        #expect(received.count == payload.count)
        #expect(received == payload)
    }

    @Test func unsafeBufferWriteQueuesBehindEarlierBytes() throws {
        let reactor = try Reactor()
        let pair = try connectedPair(on: reactor)
        defer { pair.close() }
        pair.server.isReadingPaused = true
        var received: [UInt8] = []
        pair.server.onData = { received.append(contentsOf: $0) }
        let first = pattern(count: 4 << 20)
        let second: [UInt8] = Array("tail".utf8)
        pair.client.write(first)
        second.withUnsafeBytes { pair.client.write($0) }
        pair.server.isReadingPaused = false
        #expect(try reactor.run(timeout: testTimeout) { received.count == first.count + second.count })
        #expect(received == first + second)
    }

    /// Mid-message, a reader that takes bytes in place gets them in order with the ones that
    /// came through onData, in rooms of its size; EOF is still reported.
    @Test func readInPlaceKeepsOrderAndSeesEOF() throws {
        let reactor = try Reactor()
        let pair = try connectedPair(on: reactor)
        defer { pair.close() }
        var received: [UInt8] = []
        var rooms: [Int] = []
        var eof = false
        pair.server.readExpectation = .midMessage(promised: 0)
        pair.server.onData = { received.append(contentsOf: $0) }
        pair.server.onEOF = { eof = true }
        pair.server.onReadInPlace = { read in
            // Take every other read in place, into memory of our own.
            guard rooms.count % 2 == 0 || received.count > 1 << 20 else { rooms.append(0); return false }
            var own = [UInt8](repeating: 0, count: 100_000)
            let count = own.withUnsafeMutableBytes { read($0) }
            rooms.append(own.count)
            received.append(contentsOf: own[..<count])
            return true
        }
        let payload = pattern(count: 3 << 20)
        pair.client.write(payload)
        pair.client.shutdownWrite()
        #expect(try reactor.run(timeout: testTimeout) { eof })
        #expect(received == payload)
        #expect(rooms.contains(100_000) && rooms.contains(0))
    }

    /// A large promise is a low-water mark: a smaller arrival does not wake the reader, the
    /// promised amount does, and EOF wakes it whatever was promised.
    @Test func promisedBytesSetTheLowWaterMark() throws {
        let reactor = try Reactor()
        let pair = try connectedPair(on: reactor)
        defer { pair.close() }
        var received = 0
        var eof = false
        pair.server.onData = { received += $0.count }
        pair.server.onEOF = { eof = true }
        pair.server.readExpectation = .midMessage(promised: 200_000)
        pair.client.write(pattern(count: 150_000))
        try reactor.run(timeout: .milliseconds(200))
        #expect(received == 0, "150,000 of 200,000 promised bytes must not wake the reader")
        pair.client.write(pattern(count: 50_000))
        #expect(try reactor.run(timeout: testTimeout) { received == 200_000 })
        pair.server.readExpectation = .midMessage(promised: 200_000)
        pair.client.write(pattern(count: 10))
        pair.client.shutdownWrite()
        #expect(try reactor.run(timeout: testTimeout) { eof })
        #expect(received == 200_010)
    }

    @Test func halfCloseDeliversEOFAndKeepsTheOtherDirectionOpen() throws {
        let reactor = try Reactor()
        let pair = try connectedPair(on: reactor)
        defer { pair.close() }
        var serverGot: [UInt8] = []
        var clientGot: [UInt8] = []
        var serverEOF = false
        var clientEOF = false
        pair.server.onData = { serverGot.append(contentsOf: $0) }
        pair.server.onEOF = {
            serverEOF = true
            pair.server.write(Array("pong".utf8))
            pair.server.shutdownWrite()
        }
        pair.client.onData = { clientGot.append(contentsOf: $0) }
        pair.client.onEOF = { clientEOF = true }
        pair.client.write(Array("ping".utf8))
        pair.client.shutdownWrite()
        pair.client.write(Array("ignored after shutdown".utf8))
        #expect(try reactor.run(timeout: testTimeout) { serverEOF && clientEOF })
        #expect(String(decoding: serverGot, as: UTF8.self) == "ping")
        #expect(String(decoding: clientGot, as: UTF8.self) == "pong")
        #expect(!pair.client.isClosed && !pair.server.isClosed)
    }

    @Test func resetByPeerReportsErrorAndCloses() throws {
        let reactor = try Reactor()
        let listener = try TCPListener(host: "127.0.0.1", port: 0, on: reactor)
        defer { listener.close() }
        var server: TCPSocket?
        var error: SocketError?
        listener.onAccept = { socket in
            server = socket
            socket.onError = { error = $0 }
        }
        // A plain blocking socket whose close with SO_LINGER 0 sends RST.
        let raw = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #expect(listener.localAddress.withSockAddr { Glibc.connect(raw, $0, $1) } == 0)
        let peer = try SocketAddress.local(of: raw)
        #expect(try reactor.run(timeout: testTimeout) { server != nil })
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        setsockopt(raw, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
        close(raw)
        #expect(try reactor.run(timeout: testTimeout) { error != nil })
        #expect(error == .connectionReset(peer))
        #expect(error?.description == "connection reset by \(peer)")
        #expect(server?.isClosed == true)
    }

    @Test func listenerReportsAddressInUseAndBadHosts() throws {
        let reactor = try Reactor()
        let listener = try TCPListener(host: "127.0.0.1", port: 0, on: reactor)
        defer { listener.close() }
        #expect(throws: SocketError.addressInUse(listener.localAddress)) {
            try TCPListener(host: "127.0.0.1", port: listener.localAddress.port, on: reactor)
        }
        #expect(throws: SocketError.invalidAddress("localhost")) {
            try TCPListener(host: "localhost", port: 0, on: reactor)
        }
    }

    @Test func droppedSocketClosesItsDescriptor() throws {
        let reactor = try Reactor()
        let listener = try TCPListener(host: "127.0.0.1", port: 0, on: reactor)
        var eof = false
        var client: TCPSocket?
        listener.onAccept = { _ in }  // nobody keeps the accepted socket
        TCPSocket.connect(to: [listener.localAddress], timeout: testTimeout, on: reactor) { result in
            client = try? result.get()
            client?.onEOF = { eof = true }
        }
        #expect(try reactor.run(timeout: testTimeout) { eof })
        client?.close()
        listener.close()
        #expect(reactor.registeredDescriptorCount == 0)
    }
}
