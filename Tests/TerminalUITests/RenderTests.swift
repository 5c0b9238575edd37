import SuggestProtocol
import Testing
@testable import TerminalUI

@Suite struct RenderTests {
    static let wireless = ["wireless headphones", "wireless headphones noise cancelling", "Sony WH-1000XM5 Wireless Headphones", "日本語 ヘッドホン wireless 😀"]

    @Test func eightyByTwentyFour() {
        var s = Scenario(width: 80, height: 24)
        s.connect()
        s.search("wireless head", answer: Self.wireless)
        s.send(.key(.up))
        let frame = s.frame
        #expect(frame.trimmedLines == [
            "─ transcript ───────────────────────────────── Shift-Tab browses · Ctrl-T hides",
            "", "", "", "", "", "",
            "00:00:00.000 · connected in 3 ms",
            "00:00:00.280 → query \"wireless head\"",
            "00:00:00.322 ← suggestions \"wireless head\" 4 suggestions · 42 ms",
            "", "", "", "", "", "", "",
            "  日本語 ヘッドホン wireless 😀",
            "  Sony WH-1000XM5 Wireless Headphones",
            "  wireless headphones noise cancelling",
            "▌ wireless headphones",
            "  4 suggestions · 42 ms ────────────────────────────────────────────────────────",
            "> wireless head",
            " ● connected  ws://localhost:6001/ws  · 42 ms                            ? help",
        ])
        // Every row is exactly 80 columns: wide characters take two cells, nothing spills.
        #expect(frame.lines.allSatisfy { TextWidth.of($0) == 80 })
        // The selected row, with the query's words marked inside it; other rows mark them too.
        let legend: [Role: Character] = [.selected: "s", .selectedHighlight: "S", .suggestion: "-", .highlight: "H", .prompt: ">"]
        #expect(frame.roleLine(20, legend: legend).prefix(22) == ">>SSSSSSSSsSSSSsssssss")
        // Case-insensitive: "Wireless Headphones" inside a product name.
        #expect(frame.roleLine(18, legend: legend).prefix(40) == "------------------HHHHHHHH-HHHH---------")
        #expect(frame.roleLine(19, legend: legend).prefix(24) == "--HHHHHHHH-HHHH---------")
        // Cursor after the query.
        #expect(frame.cursor?.x == 15 && frame.cursor?.y == 22)
    }

    @Test func fortyByTen() {
        var s = Scenario(width: 40, height: 10)
        s.connect()
        s.search("wireless head", answer: ["wireless headphones", "日本語 ヘッドホン wireless 😀 and a long tail of words"])
        #expect(s.frame.trimmedLines == [
            "", "", "", "", "",
            "  日本語 ヘッドホン wireless 😀 and a …",
            "  wireless headphones",
            "  2 suggestions · 42 ms ────────────────",
            "> wireless head",
            " ● connected  ws://localhost:60… ? help",
        ])
    }

    @Test func tooSmall() {
        let s = Scenario(width: 39, height: 10)
        #expect(s.frame.trimmedLines[0] == "too small: 39×10 (need 40×10)")
        let t = Scenario(width: 20, height: 3)
        #expect(t.frame.trimmedLines[0] == "too small: 20×3 (ne…")
    }

    @Test func twoHundredBySixtyWithHostileStrings() {
        var s = Scenario(width: 200, height: 60, demo: true)
        s.connect()
        s.search("lamp", answer: ["desk lamp", "\u{1B}[2J\u{1B}]0;pwned\u{7}evil \u{202E}lamp\u{9B}31m", String(repeating: "long ", count: 100)])
        s.send(.serverText(#"{"event":"error","message":"AI service currently unavailable.\u001b[31m\r\nsecond line"}"#))
        let frame = s.frame
        let lines = frame.trimmedLines
        // Side by side: the transcript on the right of a divider.
        // The list is 119 columns wide, then the divider, then an 80-column transcript.
        func row(_ left: String, _ right: String) -> String { TextWidth.fit(left, width: 119) + "│" + right }
        #expect(lines[0] == row("", "─ transcript ───────────────────────────────── Shift-Tab browses · Ctrl-T hides"))
        #expect(lines[55] == row("  desk lamp", "00:00:00.232 ← error \"AI service currently unavailable.␛[31m⏎second line\""))
        #expect(lines[54] == row("  ␛[2J␛]0;pwned␇evil lamp␛[31m", "00:00:00.232 ← suggestions \"lamp\" 3 suggestions · 42 ms"))
        #expect(lines[57] == "✖ AI service currently unavailable.␛[31m⏎second line")
        #expect(lines[59].hasPrefix(" ● connected  ws://localhost:6001/ws  · 42 ms  · demo"))
        // A long suggestion ends with an ellipsis at the pane's edge, never wraps.
        #expect(lines[53] == row("  " + String(repeating: "long ", count: 23) + "…", "00:00:00.190 → query \"lamp\""))
        // No control character or bidi override reaches any cell.
        for cell in frame.cells {
            for scalar in cell.text.unicodeScalars {
                #expect(!(scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || (0x202A...0x202E).contains(scalar.value)),
                        "U+\(String(scalar.value, radix: 16))")
            }
        }
    }

    @Test func topLayoutScrollsAFiveThousandItemList() {
        var s = Scenario(width: 80, height: 24, layout: .top)
        s.connect()
        s.search("item", answer: (0..<5000).map { "item \($0)" })
        for _ in 0..<30 { s.send(.key(.down)) }
        let lines = s.frame.trimmedLines
        #expect(Array(lines.prefix(4)) == [
            " ● connected  ws://localhost:6001/ws  · 42 ms                            ? help",
            "> item",
            "  5000 suggestions · 42 ms · 30/5000 ───────────────────────────────────────────",
            "  item 19",
        ])
        #expect(lines[13] == "▌ item 29")
        #expect(lines[14].hasPrefix("─ transcript ─"))
    }

    @Test func cjkQueryPutsTheCursorInTheRightColumn() {
        var s = Scenario(width: 40, height: 10)
        s.connect()
        for c in "日本語ヘッド" { s.send(.key(.character(c))) }
        s.send(.key(.left))
        #expect(s.frame.trimmedLines[8] == "> 日本語ヘッド")
        // "> " plus five wide characters before the cursor.
        #expect(s.frame.cursor?.x == 12)
    }

    @Test func longQueryScrollsToKeepTheCursorVisible() {
        var s = Scenario(width: 40, height: 10)
        for c in String(repeating: "abcdefghij", count: 6) { s.send(.key(.character(c))) }
        let line = s.frame.trimmedLines[8]
        #expect(line.hasPrefix("> ") && line.hasSuffix("ghij"))
        // The last column stays free, so the cursor sits at 38 of 0…39.
        #expect(s.frame.cursor?.x == 38)
    }

    @Test func spinnerAfterTheDelay() {
        var s = Scenario(width: 40, height: 10)
        s.connect()
        for c in "desk" { s.send(.key(.character(c))) }
        s.send(.timerFired(.debounce, generation: s.model.generation), after: 150)
        #expect(!s.frame.lines[8].contains("⠙"))
        s.send(.timerFired(.spinner, generation: s.model.generation), after: 200)
        #expect(s.frame.lines[8].hasSuffix("⠙ "))
        #expect(s.frame.trimmedLines[7].hasPrefix("  searching…"))
    }

    @Test func emptyStates() {
        var s = Scenario(width: 40, height: 10)
        s.connect()
        #expect(s.frame.trimmedLines[7] == "  type at least 3 characters ───────────")
        #expect(s.frame.trimmedLines[8] == "> Search products…")
        s.search("zzzz", answer: [])
        #expect(s.frame.trimmedLines[7] == "  No suggestions · 42 ms ───────────────")
    }

    @Test func reconnectCountdownAndAuthFailure() {
        var s = Scenario(width: 80, height: 24)
        s.connect()
        s.send(.connection(.closed(code: 1006, description: "connection lost without a close frame (1006)")), after: 1000)
        guard case .reconnecting(let at, _, _) = s.model.connection else { Issue.record("not reconnecting"); return }
        #expect(s.frame.trimmedLines[23].hasPrefix(" ○ reconnecting in 1s (attempt 2) · connection lost without a close fra…"))
        s.send(.timerFired(.countdown, generation: 0), after: at - s.clock - 1)
        #expect(s.frame.trimmedLines[23].hasPrefix(" ○ reconnecting in 1s"))
        var a = Scenario(width: 80, height: 24)
        a.send(.connection(.failed(message: "server answered HTTP 401 Unauthorized", httpStatus: 401)))
        #expect(a.frame.trimmedLines[23].hasPrefix(" ✖ auth failed: 401  ws://localhost:6001/ws"))
        #expect(a.frame.trimmedLines[21] == "✖ connection: server answered HTTP 401 Unauthorized")
    }

    @Test func certificateRejectionAndInsecureWarning() {
        var c = Scenario(width: 100, height: 24)
        c.send(.connection(.certificateRejected(message: "certificate has expired (on 2026-12-03) (--insecure skips verification)")))
        #expect(c.frame.trimmedLines[23].hasPrefix(" ✖ certificate rejected  ws://localhost:6001/ws"))
        #expect(c.frame.trimmedLines[21] == "✖ connection: certificate has expired (on 2026-12-03) (--insecure skips verification)")
        for ch in "lamp" { c.send(.key(.character(ch)), after: 10) }
        c.send(.timerFired(.debounce, generation: c.model.generation), after: 150)
        #expect(c.frame.trimmedLines.contains { $0.hasPrefix("  not connected: fix the problem above, then Ctrl-R reconnects") })

        // The detail view of a connection entry shows its whole text, wrapped, not "(no message body)".
        var d = Scenario(width: 60, height: 24)
        d.send(.connection(.certificateRejected(message: "certificate is not trusted (self-signed?): self-signed certificate (trust it with --cacert FILE, or skip checks with --insecure)")))
        d.send(.key(.backTab))
        d.send(.key(.enter))
        let detail = d.frame.trimmedLines.joined(separator: "\n")
        #expect(detail.contains("skip checks with --insecure)"), "\(detail)")
        #expect(!detail.contains("(no message body)"))

        var i = Scenario(width: 80, height: 24, insecure: true)
        i.connect()
        let status = i.frame.trimmedLines[23]
        #expect(status.hasPrefix(" ● connected  ws://localhost:6001/ws  · INSECURE TLS"))
        // The warning is drawn in the error colour, the rest of the bar in the status colours.
        let roles = i.frame.roleLine(23, legend: [.error: "E"])
        let start = status.distance(from: status.startIndex, to: status.range(of: "  · INSECURE TLS")!.lowerBound)
        #expect(roles.dropFirst(start).prefix(16) == "EEEEEEEEEEEEEEEE")
        #expect(!roles.prefix(start).contains("E"))
    }

    @Test func helpAndDetailOverlays() {
        var h = Scenario(width: 80, height: 24)
        h.send(.key(.character("?")))
        let help = h.frame.trimmedLines
        #expect(help[3] == "   ╭─ wisp keys ───────────────────────────────────────────────────────────╮")
        #expect(help[4] == "   │ Typing edits the query; it is sent when you pause.                    │")
        #expect(help[19] == "   ╰───────────────────────────────────────────────────────────────────────╯")
        #expect(h.frame.cursor == nil)

        var s = Scenario(width: 80, height: 24)
        s.connect()
        s.search("wireless head", answer: Array(Self.wireless.prefix(3)))
        s.send(.key(.backTab))
        s.send(.key(.enter))
        let detail = s.frame.trimmedLines
        #expect(detail[3] == "      ╭─ message ────────────────────────────────────────────────────────╮")
        #expect(Array(detail[6...16]).map { String($0.dropFirst(8).prefix(45)) } == [
            "{", "  \"event\": \"aiSuggestions\",", "  \"payload\": {", "    \"originalQuery\": \"wireless head\",",
            "    \"suggestions\": [", "      \"wireless headphones\",", "      \"wireless headphones noise cancelling\",",
            "      \"Sony WH-1000XM5 Wireless Headphones\"", "    ],", "    \"timestamp\": 1", "  }",
        ].map { $0.padding(toLength: 45, withPad: " ", startingAt: 0) })
    }

    @Test func detailDecodesUnicodeEscapesAndWraps() {
        #expect(JSONPretty.lines(#"{"q":"\u65e5\u672c \ud83d\ude00 \"x\" \\u0041"}"#, decodeEscapes: true)
            == ["{", #"  "q": "日本 😀 \"x\" \\u0041""#, "}"])
        #expect(wrap("    " + String(repeating: "ab", count: 10), width: 10) == ["    ababab", "    ababab", "    ababab", "    ab"])
        #expect(wrap("short", width: 10) == ["short"])
    }

    @Test func prettyJSONKeepsKeyOrderAndEscapes() {
        #expect(JSONPretty.lines(#"{"b":1,"a":[],"c":{"x":"q\"{,}"}}"#) == [
            "{", "  \"b\": 1,", "  \"a\": [],", "  \"c\": {", "    \"x\": \"q\\\"{,}\"", "  }", "}",
        ])
        #expect(JSONPretty.lines("not json\nat all") == ["not json", "at all"])
    }
}

