extension Frame {
    /// Writes `text` (already sanitized) from column `x` of row `y`, at most `width` columns,
    /// grapheme by grapheme, wide ones taking two cells; returns the columns used. A wide
    /// grapheme that would straddle the edge is replaced by a space, never cut in half.
    @discardableResult
    public mutating func put(_ text: some StringProtocol, x: Int, y: Int, width: Int, role: Role) -> Int {
        guard y >= 0, y < height, x >= 0 else { return 0 }
        let limit = min(width, self.width - x)
        var used = 0
        for g in text {
            let w = TextWidth.of(g)
            if w == 0 {
                // A stray zero-width grapheme would merge with the previous cell in the terminal.
                continue
            }
            if used + w > limit {
                if used < limit { self[x + used, y] = Cell(" ", role: role); used += 1 }
                break
            }
            self[x + used, y] = Cell(String(g), role: role)
            if w == 2 { self[x + used + 1, y] = .continuation(role) }
            used += w
        }
        return used
    }

    /// Paints `count` cells of row `y` from `x` with `text` (one column wide) in `role`.
    public mutating func fill(_ text: String = " ", x: Int, y: Int, count: Int, role: Role) {
        guard y >= 0, y < height else { return }
        for column in max(0, x)..<min(self.width, x + count) { self[column, y] = Cell(text, role: role) }
    }

    /// Writes runs of (text, role) one after another; returns the columns used.
    @discardableResult
    public mutating func put(runs: [(String, Role)], x: Int, y: Int, width: Int) -> Int {
        var used = 0
        for (text, role) in runs where used < width {
            used += put(text, x: x + used, y: y, width: width - used, role: role)
        }
        return used
    }
}
