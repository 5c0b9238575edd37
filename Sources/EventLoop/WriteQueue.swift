/// Bytes waiting to be sent, kept contiguous so one send(2) takes as much as
/// the kernel will accept. Consumed bytes are dropped lazily: the prefix is
/// compacted away only when appending, and the buffer is reset when drained.
struct WriteQueue {
    /// Drained buffers larger than this are released rather than kept for reuse.
    private static let retainedCapacity = 1 << 20

    private var storage: [UInt8] = []
    private var head = 0

    var count: Int { storage.count - head }
    var isEmpty: Bool { head == storage.count }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        if head > 0, head >= storage.count - head {
            storage.removeFirst(head)
            head = 0
        }
        storage.append(contentsOf: bytes.assumingMemoryBound(to: UInt8.self))
    }

    /// Takes over `array` as the queue's storage instead of copying it; only when empty.
    mutating func adopt(_ array: [UInt8], from offset: Int) {
        precondition(isEmpty, "adopt needs an empty queue")
        storage = array
        head = offset
    }

    /// Calls `body` with the unsent bytes; it returns how many it consumed.
    mutating func consume(_ body: (UnsafeRawBufferPointer) -> Int) -> Int {
        let sent = storage.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[head...])) }
        if sent > 0 {
            head += sent
            if head == storage.count { reset() }
        }
        return sent
    }

    mutating func reset() {
        if storage.capacity > Self.retainedCapacity {
            storage = []
        } else {
            storage.removeAll(keepingCapacity: true)
        }
        head = 0
    }
}
