/// A trie over the sorted terms, walked with an edit-distance table to find misspelt words without comparing
/// the query with every term: a branch is left as soon as no row entry is within the allowed edits.
struct TermTrie {
    /// Node 0 is the root; children of a node are contiguous (breadth-first layout).
    private let firstChild: [Int32]
    private let childCount: [Int32]
    /// The scalar on the edge into the node.
    private let scalar: [UInt32]
    /// The term ids below the node (a contiguous range, because the terms are sorted).
    private let low: [Int32]
    private let high: [Int32]
    /// The term spelled by the path to the node, or -1.
    private let term: [Int32]
    private let maximumDepth: Int

    /// A misspelt match: a whole term (`prefix` false) or every term below a node (`prefix` true).
    struct Match: Equatable {
        var terms: Range<Int>
        var distance: Int
    }

    init(_ dictionary: TermDictionary) {
        var firstChild: [Int32] = [0]
        var childCount: [Int32] = [0]
        var scalar: [UInt32] = [0]
        var low: [Int32] = [0]
        var high: [Int32] = [Int32(dictionary.count)]
        var term: [Int32] = [-1]
        var depthOf: [Int32] = [0]
        var maximumDepth = 0
        var node = 0
        while node < low.count {
            let depth = Int(depthOf[node])
            var position = Int(low[node])
            let end = Int(high[node])
            if position < end && dictionary.key(position).count == depth {
                term[node] = Int32(position)
                position += 1
            }
            firstChild[node] = Int32(low.count)
            while position < end {
                let key = dictionary.key(position)
                let value = key[key.startIndex + depth]
                var groupEnd = position + 1
                while groupEnd < end {
                    let next = dictionary.key(groupEnd)
                    guard next[next.startIndex + depth] == value else { break }
                    groupEnd += 1
                }
                firstChild.append(0)
                childCount.append(0)
                scalar.append(value)
                low.append(Int32(position))
                high.append(Int32(groupEnd))
                term.append(-1)
                depthOf.append(Int32(depth + 1))
                maximumDepth = max(maximumDepth, depth + 1)
                childCount[node] += 1
                position = groupEnd
            }
            node += 1
        }
        self.firstChild = firstChild
        self.childCount = childCount
        self.scalar = scalar
        self.low = low
        self.high = high
        self.term = term
        self.maximumDepth = maximumDepth
    }

    /// Terms within `maximumEdits` (optimal string alignment: insertions, deletions, substitutions and
    /// transpositions of neighbours) of `query`, excluding the exact spelling, which the caller finds by
    /// binary search. With `prefix`, terms that *start* with something that close, each with its best distance.
    func matches(of query: [UInt32], maximumEdits: Int, prefix: Bool) -> [Match] {
        guard maximumEdits > 0, !query.isEmpty else { return [] }
        var walk = Walk(trie: self, query: query, maximumEdits: maximumEdits, prefix: prefix)
        walk.start()
        return walk.matches
    }

    private struct Walk {
        let trie: TermTrie
        let query: [UInt32]
        let maximumEdits: Int
        let prefix: Bool
        let width: Int
        /// Row `d` holds distances between the path's first `d` scalars and each prefix of the query.
        var rows: [Int]
        var path: [UInt32]
        var matches: [Match] = []

        init(trie: TermTrie, query: [UInt32], maximumEdits: Int, prefix: Bool) {
            self.trie = trie
            self.query = query
            self.maximumEdits = maximumEdits
            self.prefix = prefix
            width = query.count + 1
            rows = [Int](repeating: 0, count: (trie.maximumDepth + 1) * width)
            path = [UInt32](repeating: 0, count: trie.maximumDepth + 1)
        }

        mutating func start() {
            for column in 0..<width { rows[column] = column }
            visit(node: 0, depth: 0, bestAbove: Int.max)
        }

        private mutating func visit(node: Int, depth: Int, bestAbove: Int) {
            let row = depth * width
            let distance = rows[row + width - 1]
            var best = bestAbove
            if prefix {
                // Deeper nodes matter only if they are closer than the ancestor already reported.
                if distance <= maximumEdits && distance < bestAbove {
                    if distance > 0 {
                        matches.append(Match(terms: Int(trie.low[node])..<Int(trie.high[node]), distance: distance))
                    }
                    best = distance
                }
                if best == 0 { return }
            } else if distance <= maximumEdits && distance > 0 && trie.term[node] >= 0 {
                let id = Int(trie.term[node])
                matches.append(Match(terms: id..<id + 1, distance: distance))
            }
            var smallest = Int.max
            for column in 0..<width { smallest = min(smallest, rows[row + column]) }
            guard smallest <= maximumEdits, depth < trie.maximumDepth else { return }

            let first = Int(trie.firstChild[node])
            for child in first..<first + Int(trie.childCount[node]) {
                let value = trie.scalar[child]
                fillRow(depth: depth + 1, scalar: value)
                path[depth + 1] = value
                visit(node: child, depth: depth + 1, bestAbove: best)
            }
        }

        private mutating func fillRow(depth: Int, scalar value: UInt32) {
            let row = depth * width
            let above = row - width
            rows[row] = depth
            for column in 1..<width {
                let cost = query[column - 1] == value ? 0 : 1
                var distance = min(rows[above + column] + 1, rows[row + column - 1] + 1, rows[above + column - 1] + cost)
                if depth >= 2 && column >= 2 && value == query[column - 2] && path[depth - 1] == query[column - 1] {
                    distance = min(distance, rows[above - width + column - 2] + 1)
                }
                rows[row + column] = distance
            }
        }
    }
}
