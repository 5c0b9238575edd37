/// "Did you mean …?" suggestions for mistyped options, config keys and commands.
public enum Spelling {
    /// The candidate closest to `word`, if one is within two edits and close enough that the
    /// hint is not a wild guess (a one-letter word never gets one). Leading dashes are ignored
    /// when measuring, so `--jsn` is one edit from `--json`; ties go to the alphabetically first.
    public static func closest(to word: String, in candidates: some Sequence<String>, maxDistance: Int = 2) -> String? {
        let core = Array(word.drop { $0 == "-" })
        let limit = min(maxDistance, core.count - 1)
        guard limit > 0 else { return nil }
        var best: (distance: Int, name: String)?
        for candidate in candidates where candidate != word {
            let d = distance(core, Array(candidate.drop { $0 == "-" }))
            guard d <= limit else { continue }
            if let current = best, (d, candidate) >= (current.distance, current.name) { continue }
            best = (d, candidate)
        }
        return best?.name
    }

    /// Optimal string alignment distance: insertions, deletions, substitutions and swaps of
    /// neighbours each count one, since a swapped pair ("debuonce") is the commonest typo.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var d = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d = min(d, table[i - 2][j - 2] + 1) }
                table[i][j] = d
            }
        }
        return table[a.count][b.count]
    }
}
