import Testing
@testable import TerminalUI

/// Decodes one read from characters given as a string (each scalar one `wget_wch` result).
private func decode(_ text: String, with decoder: inout KeyDecoder) -> [Key] {
    decoder.decode(text.unicodeScalars.map { .char($0.value) })
}

private func decode(_ text: String) -> [Key] {
    var decoder = KeyDecoder()
    return decode(text, with: &decoder)
}

private func decode(_ inputs: [RawInput]) -> [Key] {
    var decoder = KeyDecoder()
    return decoder.decode(inputs)
}

private func chars(_ text: String) -> [RawInput] {
    text.unicodeScalars.map { .char($0.value) }
}

@Suite struct KeyDecoderTests {
    // MARK: Control keys

    @Test func controlLettersMapToLowerCaseLetters() {
        let special: Set<UInt32> = [8, 9, 10, 13]
        for code in UInt32(1)...26 where !special.contains(code) {
            let letter = Character(Unicode.Scalar(UInt8(code) + 0x60))
            #expect(decode([.char(code)]) == [.control(letter)], "code \(code)")
        }
        #expect(decode([.char(1)]) == [.control("a")])
        #expect(decode([.char(26)]) == [.control("z")])
    }

    @Test func tabEnterAndBackspaceAreNotControlLetters() {
        #expect(decode([.char(9)]) == [.tab])
        #expect(decode([.char(13)]) == [.enter])
        #expect(decode([.char(10)]) == [.enter])
        #expect(decode([.char(8)]) == [.backspace])
        #expect(decode([.char(127)]) == [.backspace])
        #expect(decode([.keyCode(KeyCode.backspace)]) == [.backspace])
        #expect(decode([.keyCode(KeyCode.enter)]) == [.enter])
    }

    @Test func ctrlPunctuationArrivesAsControl() {
        #expect(decode([.char(28), .char(29), .char(30), .char(31)]) == [.control("\\"), .control("]"), .control("^"), .control("_")])
    }

    @Test func nulAndC1ControlsAreDropped() {
        #expect(decode([.char(0), .char(0x9B), .char(0x85)]) == [])
        #expect(decode([.char(0xD800)]) == [], "a surrogate is not a scalar")
    }

    // MARK: Escape and Alt

    @Test func escFollowedByPrintableIsAlt() {
        #expect(decode("\u{1B}b") == [.alt("b")])
        #expect(decode("\u{1B}f") == [.alt("f")])
        #expect(decode("\u{1B}bc") == [.alt("b"), .character("c")])
        #expect(decode("x\u{1B}B") == [.character("x"), .alt("B")])
    }

    @Test func loneEscIsEscape() {
        #expect(decode("\u{1B}") == [.escape])
        #expect(decode("ab\u{1B}") == [.character("a"), .character("b"), .escape])
    }

    @Test func escBeforeANonPrintableKeyDeliversThatKeyPlain() {
        // Alt-Backspace, Alt-Enter, Esc Esc, Alt-Up: never an .escape that would quit the app.
        #expect(decode([.char(27), .char(127)]) == [.backspace])
        #expect(decode([.char(27), .char(13)]) == [.enter])
        #expect(decode([.char(27), .char(27)]) == [.escape])
        #expect(decode([.char(27), .keyCode(KeyCode.up)]) == [.up])
    }

    @Test func escBeforeAMouseEventIsEscape() {
        let click = MouseEvent(.press, x: 1, y: 2)
        #expect(decode([.char(27), .mouse(click)]) == [.escape, .mouse(click)])
    }

    @Test func unknownCSISequencesAreSwallowed() {
        #expect(decode("\u{1B}[1;5D") == [])
        #expect(decode("\u{1B}[1;5Dx") == [.character("x")])
        #expect(decode("\u{1B}[") == [.alt("[")])
        #expect(decode("\u{1B}[日") == [.alt("["), .character("日")])
    }

    // MARK: Key codes

    @Test func cursorAndEditingKeys() {
        let expected: [(Int32, Key)] = [
            (KeyCode.up, .up), (KeyCode.down, .down), (KeyCode.left, .left), (KeyCode.right, .right),
            (KeyCode.home, .home), (KeyCode.end, .end), (KeyCode.pageUp, .pageUp), (KeyCode.pageDown, .pageDown),
            (KeyCode.delete, .delete), (KeyCode.backTab, .backTab),
            (KeyCode.find, .home), (KeyCode.select, .end),
            (KeyCode.keypadA1, .home), (KeyCode.keypadC1, .end), (KeyCode.keypadA3, .pageUp), (KeyCode.keypadC3, .pageDown),
        ]
        for (code, key) in expected {
            #expect(decode([.keyCode(code)]) == [key], "code \(code)")
        }
    }

    @Test func cursesCodesHaveTheirCursesValues() {
        // Octal values from curses.h, which have not changed since SVr4.
        #expect(KeyCode.down == 0o402)
        #expect(KeyCode.up == 0o403)
        #expect(KeyCode.backspace == 0o407)
        #expect(KeyCode.function(1) == 0o411)
        #expect(KeyCode.backTab == 0o541)
        #expect(KeyCode.mouse == 0o631)
    }

    @Test func functionKeys() {
        #expect(decode([.keyCode(KeyCode.function(1))]) == [.function(1)])
        #expect(decode([.keyCode(KeyCode.function(2))]) == [.function(2)])
        #expect(decode([.keyCode(KeyCode.function(12))]) == [.function(12)])
        #expect(decode([.keyCode(KeyCode.function(63))]) == [.function(63)])
        #expect(decode([.keyCode(KeyCode.function(0))]) == [])
    }

    @Test func resizeAndUnknownCodesAreDropped() {
        #expect(decode([.keyCode(KeyCode.resize)]) == [])
        #expect(decode([.keyCode(KeyCode.mouse)]) == [])
        #expect(decode([.keyCode(Int32(0o777) + 5)]) == [])
    }

    @Test func keysInOneReadKeepTheirOrder() {
        let inputs: [RawInput] = [.char(0x61), .keyCode(KeyCode.left), .char(0x62), .char(1), .char(0x63)]
        #expect(decode(inputs) == [.character("a"), .left, .character("b"), .control("a"), .character("c")])
    }

    @Test func mouseEventsPassThrough() {
        let wheel = MouseEvent(.wheelDown, x: 3, y: 7)
        #expect(decode([.mouse(wheel), .char(0x61)]) == [.mouse(wheel), .character("a")])
    }

    // MARK: Unicode

    @Test func utf8Characters() {
        #expect(decode("日本語") == [.character("日"), .character("本"), .character("語")])
        #expect(decode("🎧") == [.character("🎧")])
        #expect(decode("é") == [.character("é")])
        #expect(decode("ß→") == [.character("ß"), .character("→")])
    }

    @Test func combiningMarksMergeWithinARead() {
        #expect(decode("e\u{301}") == [.character("e\u{301}")])
        #expect(decode("ae\u{301}\u{302}b") == [.character("a"), .character("e\u{301}\u{302}"), .character("b")])
        #expect(decode("각") == [.character("각")])
        #expect(decode("\u{1100}\u{1161}\u{11A8}") == [.character("\u{1100}\u{1161}\u{11A8}")], "Hangul jamo compose")
    }

    @Test func emojiSequencesMergeWithinARead() {
        let family = "👨\u{200D}👩\u{200D}👧"
        #expect(decode(family) == [.character(Character(family))])
        #expect(decode("🇯🇵") == [.character("🇯🇵")])
        #expect(decode("👍🏽") == [.character("👍🏽")])
    }

    @Test func combiningMarkInALaterReadArrivesAlone() {
        var decoder = KeyDecoder()
        #expect(decode("e", with: &decoder) == [.character("e")])
        #expect(decode("\u{301}", with: &decoder) == [.character("\u{301}")])
    }

    @Test func controlKeySplitsTextRuns() {
        #expect(decode("e\u{7F}\u{301}") == [.character("e"), .backspace, .character("\u{301}")])
    }

    // MARK: Bracketed paste

    @Test func pasteBetweenRegisteredMarkers() {
        let inputs = [.keyCode(KeyCode.pasteBegin)] + chars("wireless 耳機") + [.keyCode(KeyCode.pasteEnd)]
        #expect(decode(inputs) == [.paste("wireless 耳機")])
    }

    @Test func pasteBetweenRawMarkers() {
        #expect(decode("\u{1B}[200~hello\u{1B}[201~") == [.paste("hello")])
    }

    @Test func textAroundAPasteStaysKeys() {
        let inputs = chars("a") + [.keyCode(KeyCode.pasteBegin)] + chars("b") + [.keyCode(KeyCode.pasteEnd)] + chars("c")
        #expect(decode(inputs) == [.character("a"), .paste("b"), .character("c")])
    }

    @Test func emptyPaste() {
        #expect(decode([.keyCode(KeyCode.pasteBegin), .keyCode(KeyCode.pasteEnd)]) == [.paste("")])
    }

    @Test func pasteAcrossReads() {
        var decoder = KeyDecoder()
        #expect(decoder.decode([.keyCode(KeyCode.pasteBegin)] + chars("日本")) == [])
        #expect(decoder.isPasting)
        #expect(decoder.decode(chars(" 🎧 e")) == [])
        #expect(decoder.decode(chars("\u{301}") + [.keyCode(KeyCode.pasteEnd)] + chars("x")) == [.paste("日本 🎧 e\u{301}"), .character("x")])
        #expect(!decoder.isPasting)
    }

    @Test func rawEndMarkerSplitAcrossReads() {
        var decoder = KeyDecoder()
        #expect(decode("\u{1B}[200~abc\u{1B}[2", with: &decoder) == [])
        #expect(decode("01~d", with: &decoder) == [.paste("abc"), .character("d")])
    }

    @Test func almostAnEndMarkerIsText() {
        // The Esc is dropped (no control character survives a paste); the rest is kept.
        #expect(decode("\u{1B}[200~a\u{1B}[20x\u{1B}\u{1B}[201~") == [.paste("a[20x")])
        #expect(decode("\u{1B}[200~[201~\u{1B}[201~") == [.paste("[201~")])
    }

    @Test func pastedNewlinesBecomeLineFeedsAndTabsStay() {
        #expect(decode("\u{1B}[200~a\r\nb\rc\nd\te\u{1B}[201~") == [.paste("a\nb\nc\nd\te")])
    }

    @Test func pasteDropsControlsAndKeys() {
        let inputs = [.keyCode(KeyCode.pasteBegin)] + chars("a\u{7}\u{7F}\u{9B}b") + [.keyCode(KeyCode.up), .mouse(MouseEvent(.press, x: 0, y: 0))]
            + chars("\u{1B}[31mc") + [.keyCode(KeyCode.pasteEnd)]
        #expect(decode(inputs) == [.paste("ab[31mc")])
    }

    @Test func pasteIsCutAtTheLimit() {
        var decoder = KeyDecoder(maxPasteScalars: 3)
        #expect(decode("\u{1B}[200~abcdef\u{1B}[201~z", with: &decoder) == [.paste("abc"), .character("z")])
    }

    @Test func pasteMarkersAreDistinctFromCursesCodes() {
        #expect(KeyCode.pasteBegin > 0o777)
        #expect(KeyCode.pasteEnd == KeyCode.pasteBegin + 1)
    }

    // MARK: Mouse masks

    @Test func mouseButtonStates() {
        #expect(MouseButtons.kind(of: MouseButtons.pressed) == .press)
        #expect(MouseButtons.kind(of: MouseButtons.clicked) == .press)
        #expect(MouseButtons.kind(of: MouseButtons.released) == .release)
        #expect(MouseButtons.kind(of: MouseButtons.wheelUp) == .wheelUp)
        #expect(MouseButtons.kind(of: MouseButtons.wheelDown) == .wheelDown)
        #expect(MouseButtons.kind(of: 0) == nil)
    }
}
