import EventLoop
import WebSocket
import WebSocketClient

/// The client workloads compared against other clients: each prints one
/// `RESULT <workload> <value> <unit> <lower|higher>` line and maybe `INFO` lines.
enum ClientWorkloads {
    static let names = ["rtt64", "pipelined64", "msg16k", "text16m", "binary16m", "frag16m", "frag1m64"]

    /// A connected client on a fresh reactor, or an error message.
    static func connect(_ url: WebSocketURL) throws -> (Reactor, WebSocketClient) {
        let reactor = try Reactor()
        // No compression: the peers it is compared with (gorilla's client) do not offer it.
        var configuration = ClientConfiguration(connection: .init(maxMessageSize: 64 << 20))
        configuration.compression = false
        let client = WebSocketClient(url: url, configuration: configuration, reactor: reactor)
        var opened = false
        var failure: ClientEnd?
        client.onOpen = { _ in opened = true }
        client.onEnd = { failure = $0 }
        client.start()
        try reactor.run(timeout: .seconds(10)) { opened || failure != nil }
        if let failure { throw BenchError("connect failed: \(failure)") }
        guard opened else { throw BenchError("connect timed out") }
        client.onEnd = nil
        return (reactor, client)
    }

    static func run(_ workload: String, url: WebSocketURL) throws {
        let (reactor, client) = try connect(url)
        defer {
            client.close()
            _ = try? reactor.run(timeout: .seconds(2)) { client.phase == .ended }
        }
        switch workload {
        case "rtt64":
            var cpuStart: UInt64 = 0
            let samples = try roundTrips(reactor, client, message: .text(String(repeating: "x", count: 64)), warmup: 1000, count: 10_000) {
                cpuStart = processCPUNanos()
            }
            print("RESULT rtt64 \(format(Double(percentile(samples, 50)) / 1000)) us lower")
            print("INFO rtt64 p99 \(format(Double(percentile(samples, 99)) / 1000)) us")
            printCPU("rtt64", since: cpuStart)
        case "pipelined64":
            _ = try roundTrips(reactor, client, message: .text(String(repeating: "a", count: 64)), warmup: 0, count: 1000)
            let rate = try pipelined(reactor, client, count: 100_000, size: 64)
            print("RESULT pipelined64 \(format(rate, 0)) msg/s higher")
        case "msg16k":
            try throughput(reactor, client, "msg16k", message: .binary([UInt8](repeating: 7, count: 16 << 10)), rounds: 2000)
        case "text16m":
            try throughput(reactor, client, "text16m", message: .text(String(decoding: [UInt8](repeating: 0x61, count: 16 << 20), as: UTF8.self)), rounds: 20)
        case "binary16m":
            try throughput(reactor, client, "binary16m", message: .binary([UInt8](repeating: 9, count: 16 << 20)), rounds: 20)
        case "frag16m":
            try throughput(reactor, client, "frag16m", message: .binary([UInt8](repeating: 3, count: 16 << 20)), rounds: 20, fragment: 4096)
        case "frag1m64":
            try throughput(reactor, client, "frag1m64", message: .binary([UInt8](repeating: 5, count: 1 << 20)), rounds: 10, fragment: 64)
        default:
            throw BenchError("unknown workload '\(workload)' (one of \(names.joined(separator: ", ")))")
        }
    }

    /// Sequential round trips; returns sorted latencies in nanoseconds.
    /// `timedPartStarts` runs once, after the warm-up.
    static func roundTrips(_ reactor: Reactor, _ client: WebSocketClient, message: Message, warmup: Int, count: Int,
                           timedPartStarts: () -> Void = {}) throws -> [UInt64] {
        let waiter = EchoWaiter(client)
        var samples: [UInt64] = []
        samples.reserveCapacity(count)
        for i in 0..<(warmup + count) {
            if i == warmup { timedPartStarts() }
            let start = nowNanos()
            let echoed = try waiter.roundTrip(reactor, timeout: .seconds(10)) { try client.send(message) }
            if i >= warmup { samples.append(nowNanos() - start) }
            if i == 0 { try verify(echoed, message) }
        }
        return samples.sorted()
    }

    /// Keeps a window of messages in flight, topping it up once per reactor pass in one write.
    static func pipelined(_ reactor: Reactor, _ client: WebSocketClient, count: Int, size: Int) throws -> Double {
        let payload = [UInt8](repeating: 0x61, count: size)
        let window = 2048
        var sent = 0, received = 0
        client.onEvent = { event in if case .text = event { received += 1 } }
        client.autoFlush = false
        func topUp() {
            payload.withUnsafeBytes { bytes in
                while sent < count, sent - received < window {
                    try? client.send(.text, payload: bytes)
                    sent += 1
                }
            }
            client.flush()
        }
        reactor.addPassObserver { topUp() }
        let cpuStart = processCPUNanos()
        let start = nowNanos()
        topUp()
        try reactor.run(timeout: .seconds(60)) { received >= count }
        let seconds = Double(nowNanos() - start) / 1e9
        printCPU("pipelined64", since: cpuStart)
        client.autoFlush = true
        guard received >= count else { throw BenchError("only \(received) of \(count) echoes within 60 s") }
        return Double(count) / seconds
    }

    static func throughput(_ reactor: Reactor, _ client: WebSocketClient, _ name: String, message: Message, rounds: Int, fragment: Int = 0) throws {
        let waiter = EchoWaiter(client)
        let size: Int
        switch message {
        case .text(let t): size = t.utf8.count
        case .binary(let b): size = b.count
        }
        var start = nowNanos()
        var cpuStart: UInt64 = 0
        // One untimed round trip checks the content, as the gorilla client does.
        for i in 0...rounds {
            let echoed = try waiter.roundTrip(reactor, timeout: .seconds(30)) {
                if fragment > 0 { try client.send(message, fragmentSize: fragment) } else { try client.send(message) }
            }
            if i == 0 {
                try verify(echoed, message)
                cpuStart = processCPUNanos()
                start = nowNanos()
            }
        }
        let seconds = Double(nowNanos() - start) / 1e9
        print("RESULT \(name) \(format(Double(size * rounds) / seconds / 1e6, 1)) MB/s higher")
        printCPU(name, since: cpuStart)
    }

    static func verify(_ event: WebSocketEvent, _ message: Message) throws {
        switch (event, message) {
        case (.text(let a), .text(let b)) where a.bytes.elementsEqual(b.utf8): return
        case (.binary(let a), .binary(let b)) where a == b: return
        default: throw BenchError("echo differs from what was sent")
        }
    }
}

/// Sends one message and runs the reactor until its echo is back.
final class EchoWaiter {
    private var echoed: WebSocketEvent?

    init(_ client: WebSocketClient) {
        client.onEvent = { [unowned self] event in
            switch event {
            case .text, .binary: self.echoed = event
            default: break
            }
        }
    }

    func roundTrip(_ reactor: Reactor, timeout: Duration, send: () throws -> Void) throws -> WebSocketEvent {
        echoed = nil
        try send()
        try reactor.run(timeout: timeout) { self.echoed != nil }
        guard let echoed else { throw BenchError("no echo within \(timeout.humanReadable)") }
        return echoed
    }
}

/// A benchmark that could not run, with why.
struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
