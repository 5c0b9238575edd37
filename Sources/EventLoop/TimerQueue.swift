/// Identifies a timer for cancellation; stale IDs (fired or cancelled) match nothing.
public struct TimerID: Hashable, Sendable {
    let slot: UInt32
    let generation: UInt32
}

/// Pending timers: a binary min-heap over (deadline, insertion sequence) with
/// slots reused through a free list, so insert, cancel and pop are O(log n)
/// and cancelling does not leave dead entries behind.
struct TimerQueue {
    private struct Slot {
        var generation: UInt32 = 0
        var heapIndex = -1
        var deadline = Instant(nanoseconds: 0)
        var sequence: UInt64 = 0
        var fire: (() -> Void)?
    }

    private var slots: [Slot] = []
    private var freeSlots: [UInt32] = []
    private var heap: [UInt32] = []
    /// The sequence number the next inserted timer gets; a pass fires only
    /// timers inserted before it started.
    private(set) var nextSequence: UInt64 = 0

    var count: Int { heap.count }
    var isEmpty: Bool { heap.isEmpty }

    /// The earliest deadline, if any timer is pending.
    var nearestDeadline: Instant? {
        heap.first.map { slots[Int($0)].deadline }
    }

    mutating func insert(deadline: Instant, fire: @escaping () -> Void) -> TimerID {
        let slot: UInt32
        if let reused = freeSlots.popLast() {
            slot = reused
        } else {
            slot = UInt32(slots.count)
            slots.append(Slot())
        }
        let index = heap.count
        slots[Int(slot)].deadline = deadline
        slots[Int(slot)].sequence = nextSequence
        slots[Int(slot)].fire = fire
        slots[Int(slot)].heapIndex = index
        nextSequence += 1
        heap.append(slot)
        siftUp(index)
        return TimerID(slot: slot, generation: slots[Int(slot)].generation)
    }

    mutating func cancel(_ id: TimerID) {
        guard Int(id.slot) < slots.count else { return }
        let heapIndex = slots[Int(id.slot)].heapIndex
        guard slots[Int(id.slot)].generation == id.generation, heapIndex >= 0 else { return }
        removeFromHeap(at: heapIndex)
        release(id.slot)
    }

    /// Removes and returns the earliest timer's closure if it is due at `now`
    /// and was inserted before `sequenceLimit`.
    mutating func popDue(now: Instant, insertedBefore sequenceLimit: UInt64) -> (() -> Void)? {
        guard let top = heap.first else { return nil }
        guard slots[Int(top)].deadline <= now, slots[Int(top)].sequence < sequenceLimit else { return nil }
        removeFromHeap(at: 0)
        let fire = slots[Int(top)].fire
        release(top)
        return fire
    }

    private mutating func release(_ slot: UInt32) {
        slots[Int(slot)].fire = nil
        slots[Int(slot)].heapIndex = -1
        slots[Int(slot)].generation &+= 1
        freeSlots.append(slot)
    }

    private mutating func removeFromHeap(at index: Int) {
        let last = heap.count - 1
        if index != last {
            heap.swapAt(index, last)
            slots[Int(heap[index])].heapIndex = index
        }
        heap.removeLast()
        if index < heap.count {
            siftDown(index)
            siftUp(index)
        }
    }

    private func precedes(_ a: UInt32, _ b: UInt32) -> Bool {
        let lhs = slots[Int(a)].deadline
        let rhs = slots[Int(b)].deadline
        if lhs != rhs { return lhs < rhs }
        return slots[Int(a)].sequence < slots[Int(b)].sequence
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard precedes(heap[child], heap[parent]) else { break }
            swap(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            guard left < heap.count else { break }
            let right = left + 1
            let smaller = right < heap.count && precedes(heap[right], heap[left]) ? right : left
            guard precedes(heap[smaller], heap[parent]) else { break }
            swap(parent, smaller)
            parent = smaller
        }
    }

    private mutating func swap(_ i: Int, _ j: Int) {
        heap.swapAt(i, j)
        slots[Int(heap[i])].heapIndex = i
        slots[Int(heap[j])].heapIndex = j
    }
}
