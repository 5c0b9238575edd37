/// A decoded input event from the terminal.
public enum Key: Hashable, Sendable {
    /// A printable grapheme (after any dead-key or IME composition).
    case character(Character)
    /// Ctrl plus a letter, lower-case: `.control("a")` is Ctrl-A.
    case control(Character)
    /// Alt (Meta/Esc-prefix) plus a printable character: `.alt("b")` is Alt-B.
    case alt(Character)
    case enter, tab, backTab, backspace, delete, escape
    case up, down, left, right, home, end, pageUp, pageDown
    case function(Int)
    /// A bracketed paste: one edit, never one query per character.
    case paste(String)
    case mouse(MouseEvent)
}

/// A mouse event at a cell (0-based column and row).
public struct MouseEvent: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case wheelUp, wheelDown, press, release }
    public var kind: Kind
    public var x: Int
    public var y: Int
    public init(_ kind: Kind, x: Int, y: Int) {
        self.kind = kind
        self.x = x
        self.y = y
    }
}
