/// A rectangle of cells.
public struct Rect: Sendable, Equatable {
    public var x: Int, y: Int, width: Int, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }
    public var maxY: Int { y + height }
    public func contains(x px: Int, y py: Int) -> Bool { px >= x && px < x + width && py >= y && py < y + height }
}

/// Where each part of the screen goes for a terminal size: shared by `render` and by
/// `update` (mouse clicks), so both agree on what sits in which row.
public struct Layout: Sendable, Equatable {
    /// The smallest terminal the full interface fits.
    public static let minimumWidth = 40, minimumHeight = 10
    /// From this width on, the transcript sits beside the suggestions.
    public static let sideBySideWidth = 120

    public var tooSmall: Bool
    public var status: Rect
    public var search: Rect
    public var error: Rect?
    public var info: Rect
    public var suggestions: Rect
    /// The transcript's title row and its entries, when shown.
    public var transcriptTitle: Rect?
    public var transcript: Rect?
    /// The column between suggestions and a side-by-side transcript.
    public var divider: Rect?
    public var mode: LayoutMode

    public static func compute(width: Int, height: Int, mode: LayoutMode, showTranscript: Bool, hasError: Bool) -> Layout {
        let empty = Rect(x: 0, y: 0, width: 0, height: 0)
        guard width >= minimumWidth, height >= minimumHeight else {
            return Layout(tooSmall: true, status: empty, search: empty, error: nil, info: empty, suggestions: empty,
                          transcriptTitle: nil, transcript: nil, divider: nil, mode: mode)
        }
        // Stack the fixed rows from the search box's edge; `mode` decides which edge.
        let fixed = 3 + (hasError ? 1 : 0)
        let rest = height - fixed
        func row(_ fromEdge: Int) -> Int { mode == .bottom ? height - 1 - fromEdge : fromEdge }
        let status = Rect(x: 0, y: row(0), width: width, height: 1)
        let search = Rect(x: 0, y: row(1), width: width, height: 1)
        let error = hasError ? Rect(x: 0, y: row(2), width: width, height: 1) : nil
        let info = Rect(x: 0, y: row(fixed - 1), width: width, height: 1)
        // The free block: above the info line in bottom mode, below it in top mode.
        let blockY = mode == .bottom ? 0 : fixed
        var layout = Layout(tooSmall: false, status: status, search: search, error: error, info: info,
                            suggestions: Rect(x: 0, y: blockY, width: width, height: rest),
                            transcriptTitle: nil, transcript: nil, divider: nil, mode: mode)
        guard showTranscript else { return layout }
        if width >= sideBySideWidth {
            let transcriptWidth = width * 2 / 5
            let listWidth = width - transcriptWidth - 1
            layout.suggestions = Rect(x: 0, y: blockY, width: listWidth, height: rest)
            layout.divider = Rect(x: listWidth, y: blockY, width: 1, height: rest)
            layout.transcriptTitle = Rect(x: listWidth + 1, y: blockY, width: transcriptWidth, height: 1)
            layout.transcript = Rect(x: listWidth + 1, y: blockY + 1, width: transcriptWidth, height: rest - 1)
        } else if rest >= 8 {
            // Stacked: the transcript takes the half of the block away from the search box.
            let transcriptBlock = rest / 2
            let listHeight = rest - transcriptBlock
            if mode == .bottom {
                layout.transcriptTitle = Rect(x: 0, y: 0, width: width, height: 1)
                layout.transcript = Rect(x: 0, y: 1, width: width, height: transcriptBlock - 1)
                layout.suggestions = Rect(x: 0, y: transcriptBlock, width: width, height: listHeight)
            } else {
                layout.suggestions = Rect(x: 0, y: blockY, width: width, height: listHeight)
                layout.transcriptTitle = Rect(x: 0, y: blockY + listHeight, width: width, height: 1)
                layout.transcript = Rect(x: 0, y: blockY + listHeight + 1, width: width, height: transcriptBlock - 1)
            }
        }
        return layout
    }

    /// The screen row of visible list position `position` (0 = nearest the search box).
    public func suggestionRow(_ position: Int) -> Int {
        mode == .bottom ? suggestions.maxY - 1 - position : suggestions.y + position
    }

    /// The list position at screen row `y`, if it is inside the suggestions pane.
    public func suggestionPosition(atRow y: Int) -> Int? {
        guard y >= suggestions.y, y < suggestions.maxY else { return nil }
        return mode == .bottom ? suggestions.maxY - 1 - y : y - suggestions.y
    }
}
