/// Picks the best few of many without sorting them all: a query for "s" may match half the catalog,
/// and only a few hundred of them are ever read.
enum TopSelection {
    /// Indices of the `count` largest keys, largest first; keys must be distinct for a deterministic order.
    static func largest(_ keys: [Int64], count: Int) -> [Int] {
        guard count > 0 else { return [] }
        if keys.count <= count {
            return keys.indices.sorted { keys[$0] > keys[$1] }
        }
        // A min-heap of the best so far: its root is the one to beat.
        var heap: [Int] = []
        heap.reserveCapacity(count)
        for index in keys.indices {
            if heap.count < count {
                heap.append(index)
                siftUp(&heap, from: heap.count - 1, keys)
            } else if keys[index] > keys[heap[0]] {
                heap[0] = index
                siftDown(&heap, from: 0, keys)
            }
        }
        return heap.sorted { keys[$0] > keys[$1] }
    }

    private static func siftUp(_ heap: inout [Int], from start: Int, _ keys: [Int64]) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard keys[heap[child]] < keys[heap[parent]] else { return }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private static func siftDown(_ heap: inout [Int], from start: Int, _ keys: [Int64]) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            guard left < heap.count else { return }
            let right = left + 1
            let smaller = right < heap.count && keys[heap[right]] < keys[heap[left]] ? right : left
            guard keys[heap[smaller]] < keys[heap[parent]] else { return }
            heap.swapAt(parent, smaller)
            parent = smaller
        }
    }
}
