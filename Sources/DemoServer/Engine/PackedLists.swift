/// Many short lists of ids in one array (compressed sparse rows): one allocation instead of one per list,
/// and lists read in order stay next to each other in memory.
struct PackedLists {
    /// `count + 1` offsets into `values`.
    private(set) var starts: [Int32] = [0]
    private(set) var values: [Int32] = []
    /// One byte per value for what the id carries (a field), or empty.
    private(set) var tags: [UInt8] = []

    var count: Int { starts.count - 1 }

    func range(_ list: Int) -> Range<Int> {
        Int(starts[list])..<Int(starts[list + 1])
    }

    /// Adds the next list.
    mutating func append(_ list: some Sequence<Int32>) {
        values.append(contentsOf: list)
        starts.append(Int32(values.count))
    }

    /// Adds the next list, each value with its tag.
    mutating func append(_ list: some Sequence<Int32>, tags listTags: some Sequence<UInt8>) {
        values.append(contentsOf: list)
        tags.append(contentsOf: listTags)
        starts.append(Int32(values.count))
    }

    mutating func reserveCapacity(lists: Int, values valueCount: Int, tagged: Bool) {
        starts.reserveCapacity(lists + 1)
        values.reserveCapacity(valueCount)
        if tagged { tags.reserveCapacity(valueCount) }
    }

    /// The same pairs grouped the other way round (product → terms becomes term → products), in order.
    func inverted(targets: Int) -> PackedLists {
        var counts = [Int32](repeating: 0, count: targets + 1)
        for value in values { counts[Int(value) + 1] += 1 }
        for index in 1..<counts.count { counts[index] += counts[index - 1] }
        var next = counts
        var inverse = PackedLists()
        inverse.starts = counts
        inverse.values = [Int32](repeating: 0, count: values.count)
        if !tags.isEmpty { inverse.tags = [UInt8](repeating: 0, count: values.count) }
        for list in 0..<count {
            for position in range(list) {
                let target = Int(values[position])
                let slot = Int(next[target])
                next[target] += 1
                inverse.values[slot] = Int32(list)
                if !tags.isEmpty { inverse.tags[slot] = tags[position] }
            }
        }
        return inverse
    }
}
