/// One terminal cell: a grapheme cluster and the role it is drawn with. A wide (2-column)
/// grapheme occupies its cell and the next, which holds an empty `text` as a continuation.
public struct Cell: Hashable, Sendable {
    public var text: String
    public var role: Role

    public init(_ text: String = " ", role: Role = .normal) {
        self.text = text
        self.role = role
    }

    public static let blank = Cell()
    /// The right half of a wide grapheme.
    public static func continuation(_ role: Role) -> Cell { Cell("", role: role) }
    public var isContinuation: Bool { text.isEmpty }
}

/// The whole screen as a grid of cells, drawn fresh each frame (immediate mode, as
/// ratatui's Buffer); only the backend compares frames and touches the terminal.
public struct Frame: Hashable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where the terminal cursor goes (column, row), or nil to hide it.
    public var cursor: (x: Int, y: Int)? {
        get { cursorX.map { ($0, cursorY) } }
        set { cursorX = newValue?.x; cursorY = newValue?.y ?? 0 }
    }
    private var cursorX: Int?
    private var cursorY = 0

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    /// Each row as text, continuation cells skipped and trailing spaces kept: what a person sees.
    public var lines: [String] {
        (0..<height).map { y in
            var line = ""
            for x in 0..<width where !self[x, y].isContinuation { line += self[x, y].text }
            return line
        }
    }

    /// Rows as text with trailing spaces removed, for compact test expectations.
    public var trimmedLines: [String] {
        lines.map { line in
            var s = Substring(line)
            while s.last == " " { s.removeLast() }
            return String(s)
        }
    }

    /// The role of each column of row `y` as one character per cell, using `legend`
    /// (roles missing from it show as "."), for tests that check colouring.
    public func roleLine(_ y: Int, legend: [Role: Character]) -> String {
        String((0..<width).map { legend[self[$0, y].role] ?? "." })
    }
}
