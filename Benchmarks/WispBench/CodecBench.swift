import WebSocket

/// Pure codec throughput: masking, and decoding whole messages from 64 KiB reads.
enum CodecBench {
    static func masking() {
        for size in [64 << 10, 16 << 20] {
            var buffer = [UInt8](repeating: 0x5A, count: size)
            let key = MaskingKey(0x37, 0xFA, 0x21, 0x3D)
            let rounds = max(1, (2 << 30) / size)
            let start = nowNanos()
            buffer.withUnsafeMutableBytes { raw in
                for i in 0..<rounds { key.apply(to: raw, phase: i & 3) }
            }
            let seconds = Double(nowNanos() - start) / 1e9
            let gbps = Double(size) * Double(rounds) / seconds / 1e9
            print("mask \(label(size)) buffer: \(format(gbps)) GB/s  (target ≥ 5 GB/s)  [check \(buffer[7])]")
        }
    }

    static func decoding() {
        for size in [16, 1 << 10, 64 << 10, 16 << 20] {
            for (role, name) in [(Role.client, "server→client, unmasked"), (Role.server, "client→server, masked")] {
                let (stream, messages) = makeStream(messageSize: size, senderRole: role == .client ? .server : .client)
                let repeats = max(1, (256 << 20) / stream.count)
                let start = nowNanos()
                var received = 0
                for _ in 0..<repeats {
                    var connection = WebSocketConnection(role: role, configuration: .init(maxMessageSize: 64 << 20))
                    stream.withUnsafeBytes { all in
                        var offset = 0
                        while offset < all.count {
                            let end = min(offset + (64 << 10), all.count)
                            connection.receive(UnsafeRawBufferPointer(rebasing: all[offset..<end]))
                            offset = end
                            while let event = connection.nextEvent() {
                                if case .binary = event { received += 1 }
                            }
                        }
                    }
                }
                let seconds = Double(nowNanos() - start) / 1e9
                precondition(received == messages * repeats, "decoded \(received) of \(messages * repeats)")
                let gbps = Double(stream.count * repeats) / seconds / 1e9
                let rate = Double(received) / seconds / 1e6
                print("decode \(label(size)) messages (\(name)): \(format(gbps)) GB/s, \(format(rate, 3)) M msg/s\(size == 16 << 20 ? "  (target ≥ 2 GB/s)" : "")")
            }
        }
    }

    /// UTF-8 validation of 16 MiB of ASCII and of mixed-script text.
    static func utf8() {
        let ascii = [UInt8](repeating: 0x61, count: 16 << 20)
        let mixed = Array(String(repeating: "wisp é 日本 😀 ", count: (16 << 20) / 22).utf8)
        for (name, bytes) in [("ASCII", ascii), ("mixed", mixed)] {
            let rounds = 16
            let start = nowNanos()
            var ok = true
            for _ in 0..<rounds {
                var v = UTF8Validator()
                ok = ok && v.validate(bytes)
            }
            let seconds = Double(nowNanos() - start) / 1e9
            precondition(ok)
            print("utf-8 validation, 16 MiB \(name): \(format(Double(bytes.count * rounds) / seconds / 1e9)) GB/s")
        }
    }

    /// About 64 MiB of binary frames (at least one message) as sent by `senderRole`.
    static func makeStream(messageSize: Int, senderRole: Role) -> ([UInt8], Int) {
        let count = max(1, (64 << 20) / (messageSize + 14))
        var sender = WebSocketConnection(role: senderRole, random: SystemRandomNumberGenerator())
        let payload = [UInt8](repeating: 0xA5, count: messageSize)
        var stream: [UInt8] = []
        for _ in 0..<count {
            try! sender.send(.binary(payload))
            stream += sender.takeOutbound()
        }
        return (stream, count)
    }

    static func label(_ size: Int) -> String {
        size >= 1 << 20 ? "\(size >> 20) MiB" : size >= 1 << 10 ? "\(size >> 10) KiB" : "\(size) B"
    }
}
