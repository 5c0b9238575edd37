import CSystem
import Glibc

/// The kernel's CSPRNG (getrandom(2)), read 4 KiB at a time. A client masks every frame with a
/// fresh key (RFC 6455 §5.3), and `SystemRandomNumberGenerator` makes one system call per key:
/// about 1 µs of a 20 µs loopback round trip. Copies share one buffer, so no two of them ever
/// hand out the same values. For one thread (it is not Sendable), like the reactor it serves;
/// and not across fork(): parent and child would share what is left in the buffer.
public struct BufferedSystemRandom: RandomNumberGenerator {
    private final class Buffer {
        static let count = 512
        var words = [UInt64](repeating: 0, count: Buffer.count)
        var next = Buffer.count

        func refill() {
            let filled = words.withUnsafeMutableBytes { bytes -> Bool in
                var offset = 0
                while offset < bytes.count {
                    let got = csystem_getrandom(bytes.baseAddress! + offset, bytes.count - offset)
                    if got > 0 {
                        offset += got
                    } else if got < 0, errno == EINTR {
                        continue
                    } else {
                        return false
                    }
                }
                return true
            }
            if !filled {
                // getrandom unavailable (a kernel before 3.17): the standard library finds another way.
                var system = SystemRandomNumberGenerator()
                for index in words.indices { words[index] = system.next() }
            }
            next = 0
        }
    }

    private let buffer = Buffer()

    public init() {}

    public mutating func next() -> UInt64 {
        if buffer.next == Buffer.count { buffer.refill() }
        defer { buffer.next += 1 }
        return buffer.words[buffer.next]
    }
}
