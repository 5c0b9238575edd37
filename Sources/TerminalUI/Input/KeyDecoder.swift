/// Turns what the terminal sends into `Key`s. Pure: fed `RawInput` values, one read at a time;
/// its only state is a bracketed paste that has begun and not yet ended, since a long paste
/// spans several reads.
public struct KeyDecoder: Sendable {
    /// Pastes longer than this (in Unicode scalars) are cut: a search box has no use for more,
    /// and memory stays bounded if a terminal never sends the end marker.
    public var maxPasteScalars: Int

    /// True between the paste start and end markers.
    public var isPasting: Bool { pasting }

    private var pasting = false
    private var paste = String.UnicodeScalarView()
    private var pasteScalars = 0
    private var pasteLastWasCR = false
    /// How much of `\e[201~` has arrived as plain characters, when ncurses did not turn it into
    /// `KeyCode.pasteEnd` (the marker split across reads); held back until it matches or fails.
    private var endMarkerMatched = 0

    public init(maxPasteScalars: Int = 1 << 20) {
        self.maxPasteScalars = maxPasteScalars
    }

    /// Decodes the inputs of one read. Esc followed by a printable character in the same read
    /// is Alt; an Esc that ends the read is the Esc key (ncurses already waited ESCDELAY).
    public mutating func decode(_ inputs: [RawInput]) -> [Key] {
        var keys: [Key] = []
        var text = String.UnicodeScalarView()
        func flushText() {
            guard !text.isEmpty else { return }
            keys.append(contentsOf: String(text).map(Key.character))
            text.removeAll()
        }

        var i = 0
        while i < inputs.count {
            if pasting {
                if let key = consumePaste(inputs[i]) { keys.append(key) }
                i += 1
                continue
            }
            switch inputs[i] {
            case .keyCode(KeyCode.pasteBegin):
                flushText()
                beginPaste()
                i += 1
            case .keyCode(let code):
                flushText()
                if let key = Self.key(forCode: code) { keys.append(key) }
                i += 1
            case .mouse(let event):
                flushText()
                keys.append(.mouse(event))
                i += 1
            case .char(ControlCode.escape):
                flushText()
                let (consumed, key) = decodeEscape(inputs, at: i)
                if let key { keys.append(key) }
                i += consumed
            case .char(let value):
                if let scalar = Self.printable(value) {
                    text.append(scalar)
                } else {
                    flushText()
                    if let key = Self.controlKey(value) { keys.append(key) }
                }
                i += 1
            }
        }
        flushText()
        return keys
    }

    // MARK: - Escape

    /// Decodes what starts with an Esc at `start`; returns how many inputs it used.
    private mutating func decodeEscape(_ inputs: [RawInput], at start: Int) -> (Int, Key?) {
        guard start + 1 < inputs.count else { return (1, .escape) }
        switch inputs[start + 1] {
        case .char(UInt32(UInt8(ascii: "["))) where start + 2 < inputs.count:
            if Self.matches(EscapeSequence.pasteBegin, in: inputs, at: start) {
                beginPaste()
                return (EscapeSequence.pasteBegin.count, nil)
            }
            // A CSI sequence ncurses did not recognise (no terminfo entry): swallow it whole
            // so it never lands in the query as text.
            if let length = Self.csiLength(inputs, at: start) { return (length, nil) }
            return (2, .alt("["))
        case .char(let value):
            if let scalar = Self.printable(value) { return (2, .alt(Character(scalar))) }
            // Alt with a non-printable key (Alt-Backspace, Esc Esc, Alt-Enter): Key has no such
            // case, and reporting Esc would quit the app, so the key arrives plain.
            return (1, nil)
        case .keyCode:
            return (1, nil)
        case .mouse:
            return (1, .escape)
        }
    }

    /// Length of the CSI sequence at `start` (Esc, `[`, parameter and intermediate bytes, one
    /// final byte; cut short where the read ends or a byte does not belong), or nil when not
    /// even the first byte after `[` could belong to one.
    private static func csiLength(_ inputs: [RawInput], at start: Int) -> Int? {
        var i = start + 2
        while i < inputs.count, case .char(let value) = inputs[i] {
            if (0x40...0x7E).contains(value) { return i + 1 - start }
            if !(0x20...0x3F).contains(value) { break }
            i += 1
        }
        return i == start + 2 ? nil : i - start
    }

    private static func matches(_ sequence: [UInt32], in inputs: [RawInput], at start: Int) -> Bool {
        guard start + sequence.count <= inputs.count else { return false }
        for (offset, expected) in sequence.enumerated() {
            guard case .char(let value) = inputs[start + offset], value == expected else { return false }
        }
        return true
    }

    // MARK: - Paste

    private mutating func beginPaste() {
        pasting = true
        paste.removeAll()
        pasteScalars = 0
        pasteLastWasCR = false
        endMarkerMatched = 0
    }

    private mutating func endPaste() -> Key {
        let text = String(paste)
        pasting = false
        paste.removeAll()
        endMarkerMatched = 0
        return .paste(text)
    }

    private mutating func consumePaste(_ input: RawInput) -> Key? {
        switch input {
        case .keyCode(KeyCode.pasteEnd):
            return endPaste()
        case .keyCode, .mouse:
            // Inside a paste everything is text; ncurses may still have matched a key sequence.
            return nil
        case .char(let value):
            let marker = EscapeSequence.pasteEnd
            if value == marker[endMarkerMatched] {
                endMarkerMatched += 1
                if endMarkerMatched == marker.count { return endPaste() }
                return nil
            }
            if endMarkerMatched > 0 {
                for held in marker[0..<endMarkerMatched] { appendToPaste(held) }
                endMarkerMatched = 0
                if value == marker[0] {
                    endMarkerMatched = 1
                    return nil
                }
            }
            appendToPaste(value)
            return nil
        }
    }

    /// Line breaks become "\n" (terminals send CR for pasted newlines); tabs are kept; other
    /// control characters are dropped so no escape sequence can ride in on a paste.
    private mutating func appendToPaste(_ value: UInt32) {
        defer { pasteLastWasCR = value == ControlCode.carriageReturn }
        let scalar: Unicode.Scalar
        switch value {
        case ControlCode.carriageReturn:
            scalar = "\n"
        case ControlCode.lineFeed:
            if pasteLastWasCR { return }
            scalar = "\n"
        case ControlCode.tab:
            scalar = "\t"
        default:
            guard let printable = Self.printable(value) else { return }
            scalar = printable
        }
        guard pasteScalars < maxPasteScalars else { return }
        paste.append(scalar)
        pasteScalars += 1
    }

    // MARK: - Tables

    private static func printable(_ value: UInt32) -> Unicode.Scalar? {
        guard value >= 0x20, value != 0x7F, !(0x80...0x9F).contains(value) else { return nil }
        return Unicode.Scalar(value)
    }

    private static func controlKey(_ value: UInt32) -> Key? {
        switch value {
        case ControlCode.backspace, ControlCode.delete: return .backspace
        case ControlCode.tab: return .tab
        case ControlCode.lineFeed, ControlCode.carriageReturn: return .enter
        case 1...26: return .control(Character(Unicode.Scalar(UInt8(value) + 0x60)))
        // Ctrl-\ Ctrl-] Ctrl-^ Ctrl-_: raw mode delivers them instead of signals.
        case 28...31: return .control(Character(Unicode.Scalar(UInt8(value) + 0x40)))
        default: return nil  // NUL (Ctrl-Space) and C1 controls mean nothing here.
        }
    }

    static func key(forCode code: Int32) -> Key? {
        if let key = codeTable[code] { return key }
        let n = Int(code - KeyCode.function(0))
        if KeyCode.functionKeys.contains(n) { return .function(n) }
        return nil  // KEY_RESIZE, KEY_MOUSE without an event, and keys wisp has no use for.
    }

    private static let codeTable: [Int32: Key] = [
        KeyCode.up: .up, KeyCode.down: .down, KeyCode.left: .left, KeyCode.right: .right,
        KeyCode.home: .home, KeyCode.end: .end, KeyCode.find: .home, KeyCode.select: .end,
        KeyCode.keypadA1: .home, KeyCode.keypadC1: .end,
        KeyCode.pageUp: .pageUp, KeyCode.pageDown: .pageDown,
        KeyCode.keypadA3: .pageUp, KeyCode.keypadC3: .pageDown,
        KeyCode.delete: .delete, KeyCode.backspace: .backspace, KeyCode.backTab: .backTab,
        KeyCode.enter: .enter,
    ]
}

private enum ControlCode {
    static let backspace: UInt32 = 0x08
    static let tab: UInt32 = 0x09
    static let lineFeed: UInt32 = 0x0A
    static let carriageReturn: UInt32 = 0x0D
    static let escape: UInt32 = 0x1B
    static let delete: UInt32 = 0x7F
}

/// The bracketed-paste markers: registered with `define_key`, and matched here as plain
/// characters when ncurses passes them through (a marker split across reads).
enum EscapeSequence {
    static let pasteBeginString = "\u{1B}[200~"
    static let pasteEndString = "\u{1B}[201~"
    static let pasteBegin: [UInt32] = pasteBeginString.unicodeScalars.map(\.value)
    static let pasteEnd: [UInt32] = pasteEndString.unicodeScalars.map(\.value)
}
