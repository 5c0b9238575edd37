/// The search box's text and cursor, edited the readline way. Positions count grapheme
/// clusters (user-perceived characters), so a cursor never lands inside an emoji or a
/// letter with its combining mark.
public struct LineEditor: Sendable, Equatable {
    public private(set) var characters: [Character]
    /// Cursor position, 0…characters.count.
    public private(set) var cursor: Int

    public init(_ text: String = "") {
        characters = Array(text)
        cursor = characters.count
    }

    public var text: String { String(characters) }
    public var isEmpty: Bool { characters.isEmpty }
    /// The text before the cursor (render measures its width for the cursor column).
    public var beforeCursor: String { String(characters[..<cursor]) }

    /// Replaces everything, cursor at the end.
    public mutating func set(_ text: String) {
        characters = Array(text)
        cursor = characters.count
    }

    public mutating func insert(_ text: String) {
        // Appending to the text before the cursor lets combining marks join their base.
        let before = String(characters[..<cursor]) + text
        let after = characters[cursor...]
        let joined = Array(before)
        characters = joined + after
        cursor = joined.count
    }

    public mutating func backspace() {
        guard cursor > 0 else { return }
        characters.remove(at: cursor - 1)
        cursor -= 1
    }

    public mutating func deleteForward() {
        guard cursor < characters.count else { return }
        characters.remove(at: cursor)
    }

    public mutating func moveLeft() { cursor = max(0, cursor - 1) }
    public mutating func moveRight() { cursor = min(characters.count, cursor + 1) }
    public mutating func moveHome() { cursor = 0 }
    public mutating func moveEnd() { cursor = characters.count }

    /// Alt-B: to the start of this or the previous word.
    public mutating func moveWordLeft() { cursor = wordStart(before: cursor) }

    /// Alt-F: to the end of this or the next word.
    public mutating func moveWordRight() {
        var i = cursor
        while i < characters.count, !isWord(characters[i]) { i += 1 }
        while i < characters.count, isWord(characters[i]) { i += 1 }
        cursor = i
    }

    /// Ctrl-U: deletes from the start of the line to the cursor.
    public mutating func killToStart() {
        characters.removeSubrange(0..<cursor)
        cursor = 0
    }

    /// Ctrl-K: deletes from the cursor to the end.
    public mutating func killToEnd() {
        characters.removeSubrange(cursor...)
    }

    /// Ctrl-W: deletes the word before the cursor (and the spaces after it), as readline's unix-word-rubout does.
    public mutating func killWordBack() {
        var i = cursor
        while i > 0, characters[i - 1].isWhitespace { i -= 1 }
        while i > 0, !characters[i - 1].isWhitespace { i -= 1 }
        characters.removeSubrange(i..<cursor)
        cursor = i
    }

    private func wordStart(before position: Int) -> Int {
        var i = position
        while i > 0, !isWord(characters[i - 1]) { i -= 1 }
        while i > 0, isWord(characters[i - 1]) { i -= 1 }
        return i
    }

    private func isWord(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }
}
