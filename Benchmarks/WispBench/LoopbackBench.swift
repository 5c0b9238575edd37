import CSystem
import EventLoop
import Foundation
import WebSocket
import WebSocketClient
import WebSocketServer

#if canImport(Glibc)
import Glibc
#endif

/// Loopback echo: wisp's client against wisp's server (on its own thread and reactor), beside
/// a raw-TCP ping-pong with blocking sockets over the same loopback, the physical floor.
enum LoopbackBench {
    /// Where the two ends of a round trip run. On one CPU every wake-up is a context switch on
    /// that CPU; on two, a cross-CPU wake-up, which on this VM costs more and varies more.
    struct Placement {
        let name: String
        /// CPU of the echoing side (nil: anywhere) and of the measuring side.
        let server: Int32?
        let client: Int32?

        static let all: [Placement] = {
            var placements = [Placement(name: "client and server on one CPU", server: 0, client: 0)]
            if sysconf(Int32(_SC_NPROCESSORS_ONLN)) >= 2 {
                placements.append(Placement(name: "client and server on two CPUs", server: 1, client: 0))
            }
            return placements
        }()
    }

    /// Restricts the calling thread to `cpu`, or, when nil, gives it back the process's CPUs;
    /// false when the system refused (a CPU outside this process's set).
    @discardableResult
    static func pin(_ cpu: Int32?) -> Bool {
        csystem_pin_current_thread(cpu ?? -1) == 0
    }

    /// Starts wisp's echo server on a thread (on `cpu` when given); returns its port and a pipe
    /// fd whose closing stops it.
    static func startWispEchoServer(cpu: Int32? = nil) -> (UInt16, Int32) {
        var portPipe: [Int32] = [0, 0]
        var stopPipe: [Int32] = [0, 0]
        precondition(pipe(&portPipe) == 0 && pipe(&stopPipe) == 0)
        let portWrite = portPipe[1], stopRead = stopPipe[0]
        Thread.detachNewThread {
            pin(cpu)
            let reactor = try! Reactor()
            let server = try! WebSocketServer(host: "127.0.0.1", port: 0, reactor: reactor)
            server.onConnect = { connection in
                connection.onEvent = { [unowned connection] event in
                    switch event {
                    case .text(let t): t.bytes.withUnsafeBytes { connection.send(.text, payload: $0) }
                    case .binary(let b): connection.send(.binary(b))
                    default: break
                    }
                }
            }
            var stopped = false
            reactor.register(fd: stopRead, interest: .readable) { _ in stopped = true }
            var port = server.localAddress.port
            _ = write(portWrite, &port, 2)
            _ = try? reactor.run { stopped }
            reactor.unregister(fd: stopRead)
            close(stopRead)
        }
        var port: UInt16 = 0
        _ = read(portPipe[0], &port, 2)
        close(portPipe[0])
        close(portPipe[1])
        return (port, stopPipe[1])
    }

    static func echoRoundTrips() throws {
        for placement in Placement.all {
            try echoRoundTrips(placement)
        }
    }

    /// The echo round trips of wisp's client and server beside raw TCP, both ends placed the
    /// same way for both.
    static func echoRoundTrips(_ placement: Placement) throws {
        // Both CPUs must be ours (an outer taskset may allow fewer), or the label would lie.
        defer { pin(nil) }
        guard pin(placement.server), pin(placement.client) else {
            print("echo 64 B, \(placement.name): skipped, this process may not run on CPU \(placement.server ?? -1) and \(placement.client ?? -1)")
            return
        }
        let (port, stop) = startWispEchoServer(cpu: placement.server)
        defer { close(stop) }
        let url = WebSocketURL(host: "127.0.0.1", port: port, resource: "/")
        let (reactor, client) = try ClientWorkloads.connect(url)
        // Ten alternating blocks of 1,000, so that both sides see the same machine: on this VM
        // the cost of a wake-up drifts over seconds, by enough to move the ratio by 0.3.
        var ws: [UInt64] = [], tcp: [UInt64] = []
        for block in 0..<10 {
            let warmup = block == 0 ? 1000 : 100
            ws += try ClientWorkloads.roundTrips(reactor, client, message: .text(String(repeating: "x", count: 64)), warmup: warmup, count: 1000)
            tcp += rawTCPRoundTrips(warmup: warmup, count: 1000, serverCPU: placement.server)
        }
        ws.sort()
        tcp.sort()
        client.close()
        _ = try? reactor.run(timeout: .seconds(2)) { client.phase == .ended }
        let wsP50 = Double(percentile(ws, 50)) / 1000, tcpP50 = Double(percentile(tcp, 50)) / 1000
        print("echo 64 B, \(placement.name), 10000 round trips each:")
        print("  wisp client ↔ wisp server: p50 \(format(wsP50)) µs, p99 \(format(Double(percentile(ws, 99)) / 1000)) µs")
        print("  raw TCP ping-pong (blocking sockets): p50 \(format(tcpP50)) µs, p99 \(format(Double(percentile(tcp, 99)) / 1000)) µs")
        print("  echo p50 / raw TCP p50 = \(format(wsP50 / tcpP50))×  (target ≤ 1.5×)")
    }

    /// Echo throughput of JSON-like text with and without permessage-deflate, wisp to wisp.
    static func compressedEcho() throws {
        let (port, stop) = startWispEchoServer()
        defer { close(stop) }
        let url = WebSocketURL(host: "127.0.0.1", port: port, resource: "/")
        let item = #"{"title":"Sony WH-1000XM5 Wireless Noise Cancelling Headphones","price":349.99,"tags":["audio","wireless"]},"#
        let text = "[" + String(repeating: item, count: (1 << 20) / item.utf8.count) + "{}]"
        for compression in [false, true] {
            let reactor = try Reactor()
            var configuration = ClientConfiguration(connection: .init(maxMessageSize: 64 << 20))
            configuration.compression = compression
            let client = WebSocketClient(url: url, configuration: configuration, reactor: reactor)
            var opened = false
            client.onOpen = { _ in opened = true }
            client.start()
            try reactor.run(timeout: .seconds(5)) { opened }
            let waiter = EchoWaiter(client)
            let rounds = 30
            _ = try waiter.roundTrip(reactor, timeout: .seconds(30)) { try client.send(.text(text)) }
            let start = nowNanos()
            for _ in 0..<rounds { _ = try waiter.roundTrip(reactor, timeout: .seconds(30)) { try client.send(.text(text)) } }
            let seconds = Double(nowNanos() - start) / 1e9
            let negotiated = client.response?.extensions.first ?? "none"
            print("echo 1 MiB JSON text, \(rounds) round trips, \(compression ? "permessage-deflate" : "uncompressed"): \(format(Double(text.utf8.count * rounds) / seconds / 1e6, 1)) MB/s (extension: \(negotiated))")
            client.close()
            _ = try? reactor.run(timeout: .seconds(2)) { client.phase == .ended }
        }
    }

    /// Blocking 64-byte ping-pong between two threads over 127.0.0.1.
    static func rawTCPRoundTrips(warmup: Int, count: Int, serverCPU: Int32?) -> [UInt64] {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var one: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, 4)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        listen(listener, 1)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = getsockname(listener, $0, &length) } }
        let total = warmup + count
        Thread.detachNewThread {
            pin(serverCPU)
            let peer = accept(listener, nil, nil)
            var flag: Int32 = 1
            setsockopt(peer, Int32(IPPROTO_TCP), TCP_NODELAY, &flag, 4)
            var buffer = [UInt8](repeating: 0, count: 64)
            for _ in 0..<total {
                guard readFully(peer, &buffer) else { break }
                _ = send(peer, buffer, 64, Int32(MSG_NOSIGNAL))
            }
            close(peer)
            close(listener)
        }
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, 4)
        withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        var buffer = [UInt8](repeating: 0x78, count: 64)
        var samples: [UInt64] = []
        samples.reserveCapacity(count)
        for i in 0..<total {
            let start = nowNanos()
            _ = send(fd, buffer, 64, Int32(MSG_NOSIGNAL))
            guard readFully(fd, &buffer) else { break }
            if i >= warmup { samples.append(nowNanos() - start) }
        }
        close(fd)
        return samples.sorted()
    }

    static func readFully(_ fd: Int32, _ buffer: inout [UInt8]) -> Bool {
        var got = 0
        while got < buffer.count {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress! + got, $0.count - got) }
            if n <= 0 { return false }
            got += n
        }
        return true
    }
}
