/// Every distinct folded word of a catalog, sorted by scalar value, so that the words starting with a typed
/// prefix are one contiguous range of term ids and a product's terms can be tested against it with one comparison.
struct TermDictionary {
    /// The keys, back to back.
    private let storage: [UInt32]
    /// `count + 1` offsets into `storage`.
    private let starts: [Int32]
    /// What a term looks like in a keyword suggestion: the first spelling met in the catalog, lower-cased.
    let displays: [String]

    var count: Int { displays.count }

    fileprivate init(storage: [UInt32], starts: [Int32], displays: [String]) {
        self.storage = storage
        self.starts = starts
        self.displays = displays
    }

    func key(_ id: Int) -> ArraySlice<UInt32> {
        storage[Int(starts[id])..<Int(starts[id + 1])]
    }

    /// The terms that start with `prefix` (including `prefix` itself).
    func range(prefix: [UInt32]) -> Range<Int> {
        let low = partitionPoint { comparePrefix($0, prefix) >= 0 }
        let high = partitionPoint { comparePrefix($0, prefix) > 0 }
        return low..<max(low, high)
    }

    /// The id of the term spelled exactly `key`.
    func id(of key: [UInt32]) -> Int? {
        let range = range(prefix: key)
        guard let first = range.first, self.key(first).count == key.count else { return nil }
        return first
    }

    /// The sign of comparing a term, cut to the prefix's length, with the prefix.
    private func comparePrefix(_ id: Int, _ prefix: [UInt32]) -> Int {
        let key = self.key(id)
        var position = key.startIndex
        for value in prefix {
            guard position < key.endIndex else { return -1 }
            let scalar = key[position]
            if scalar != value { return scalar < value ? -1 : 1 }
            position += 1
        }
        return 0
    }

    /// The first id for which `isAtOrAfter` holds, given that it holds for every id after one where it does.
    private func partitionPoint(_ isAtOrAfter: (Int) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if isAtOrAfter(middle) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}

/// Collects terms in the order a catalog presents them, then sorts them into a `TermDictionary`.
struct TermDictionaryBuilder {
    private var ids: [[UInt32]: Int32] = [:]
    private var keys: [[UInt32]] = []
    private var displays: [String] = []

    init(expectedTerms: Int) {
        ids.reserveCapacity(expectedTerms)
    }

    /// A provisional id, stable until `finish`.
    mutating func id(for key: [UInt32], display: @autoclosure () -> String) -> Int32 {
        if let id = ids[key] { return id }
        let id = Int32(keys.count)
        ids[key] = id
        keys.append(key)
        displays.append(display())
        return id
    }

    /// The dictionary, and for each provisional id its final (sorted) id.
    func finish() -> (dictionary: TermDictionary, finalID: [Int32]) {
        let order = keys.indices.sorted { keys[$0].lexicographicallyPrecedes(keys[$1]) }
        var finalID = [Int32](repeating: 0, count: keys.count)
        var storage: [UInt32] = []
        storage.reserveCapacity(keys.reduce(0) { $0 + $1.count })
        var starts: [Int32] = [0]
        starts.reserveCapacity(keys.count + 1)
        var sortedDisplays: [String] = []
        sortedDisplays.reserveCapacity(keys.count)
        for (position, provisional) in order.enumerated() {
            finalID[provisional] = Int32(position)
            storage.append(contentsOf: keys[provisional])
            starts.append(Int32(storage.count))
            sortedDisplays.append(displays[provisional])
        }
        return (TermDictionary(storage: storage, starts: starts, displays: sortedDisplays), finalID)
    }
}
