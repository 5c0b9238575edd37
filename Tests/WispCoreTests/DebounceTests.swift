import SuggestProtocol
import Testing
@testable import WispCore

@Suite struct DebounceTests {
    @Test func typingAtFortyMillisecondsPerKeySendsOneQuery() {
        var rt = VirtualRuntime()
        rt.type("wireless headphones", gap: 40)
        #expect(rt.sent.isEmpty)
        rt.advance(200)
        #expect(rt.sentQueries == ["wireless headphones"])
        #expect(rt.sent == [#"{"type":"productSearchQuery","payload":{"query":"wireless headphones"}}"#])
    }

    @Test func pauseSendsWhatIsTypedSoFar() {
        var rt = VirtualRuntime()
        rt.type("wire", gap: 40)
        rt.advance(150)
        rt.type("less", gap: 40)
        rt.advance(150)
        #expect(rt.sentQueries == ["wire", "wireless"])
    }

    @Test func minCharsCountsGraphemesAfterTrimming() {
        var rt = VirtualRuntime()
        rt.type("  ab  ")
        rt.advance(500)
        #expect(rt.sent.isEmpty)
        #expect(rt.model.results == .tooShort)
        // Three user-perceived characters, far more bytes: sendable.
        rt.press(.control("u"))
        rt.type("e\u{301}👩‍👩‍👧日")
        rt.advance(500)
        #expect(rt.sentQueries == ["e\u{301}👩‍👩‍👧日"])
    }

    @Test func shorteningBelowMinimumClearsWithoutSending() {
        var rt = VirtualRuntime()
        rt.type("head")
        rt.advance(200)
        rt.dispatch(.serverText(VirtualRuntime.answer("head", ["headphones", "headset"])))
        #expect(rt.model.suggestions.map(\.text) == ["headphones", "headset"])
        rt.press(.backspace)
        rt.press(.backspace)
        rt.advance(500)
        #expect(rt.sentQueries == ["head"])
        #expect(rt.model.suggestions.isEmpty)
        #expect(rt.model.results == .tooShort)
    }

    @Test func zeroDebounceSendsOnEveryEdit() {
        var config = AppConfig(url: "ws://x/")
        config.debounceMilliseconds = 0
        var rt = VirtualRuntime(config: config)
        rt.type("abcd", gap: 1)
        #expect(rt.sentQueries == ["abc", "abcd"])
    }

    @Test func pasteIsOneEdit() {
        var rt = VirtualRuntime()
        rt.press(.paste("wireless\nhead"))
        rt.advance(200)
        #expect(rt.sentQueries == ["wireless head"])
        #expect(rt.model.editor.text == "wireless head")
    }

    @Test func queriesWaitForTheConnection() {
        var rt = VirtualRuntime(connected: false)
        rt.type("lamp")
        rt.advance(300)
        #expect(rt.sent.isEmpty)
        rt.dispatch(.connection(.opened(latency: 5)))
        #expect(rt.sentQueries == ["lamp"])
    }

    @Test func spinnerOnlyAfter200Milliseconds() {
        var rt = VirtualRuntime()
        rt.type("desk")
        rt.advance(150)  // sent now
        rt.advance(150)
        #expect(!rt.model.spinnerVisible)
        rt.advance(60)
        #expect(rt.model.spinnerVisible)
        let frame = rt.model.spinnerFrame
        rt.advance(100)
        #expect(rt.model.spinnerFrame == frame + 1)
        rt.dispatch(.serverText(VirtualRuntime.answer("desk", ["desk lamp"])))
        #expect(!rt.model.spinnerVisible)
        #expect(rt.timers[.spinner] == nil)
        // Idle: no timers left at all.
        #expect(rt.timers.isEmpty)
    }
}

@Suite struct StaleResultTests {
    @Test func onlyTheLatestQueryBecomesCurrent() {
        var rt = VirtualRuntime()
        rt.type("wire")
        rt.advance(200)
        rt.type("less")
        rt.advance(110)  // the debounce fires 150 ms after the last key: exactly now
        // The answer to "wire" arrives late, after "wireless" was sent.
        rt.dispatch(.serverText(VirtualRuntime.answer("wire", ["wire cutter"])))
        #expect(rt.model.suggestions.isEmpty)
        guard case .suggestions(let q, let count, _, let stale)? = rt.model.transcript.entries.last?.kind else {
            Issue.record("no transcript entry"); return
        }
        #expect(q == "wire" && count == 1 && stale)
        rt.advance(42)
        rt.dispatch(.serverText(VirtualRuntime.answer("wireless", ["wireless headphones", "wireless mouse"])))
        #expect(rt.model.suggestions.map(\.text) == ["wireless headphones", "wireless mouse"])
        #expect(rt.model.results == .answered(query: "wireless", latency: 42))
        #expect(rt.model.lastLatency == 42)
    }

    @Test func pushWithoutOriginalQueryCountsForTheCurrentQuery() {
        var rt = VirtualRuntime()
        rt.type("chair")
        rt.advance(200)
        rt.dispatch(.serverText(VirtualRuntime.answer(nil, ["office chair"])))
        #expect(rt.model.suggestions.map(\.text) == ["office chair"])
    }

    @Test func errorsShowWithoutLosingQueryOrSuggestions() {
        var rt = VirtualRuntime()
        rt.type("chair")
        rt.advance(200)
        rt.dispatch(.serverText(VirtualRuntime.answer("chair", ["office chair"])))
        rt.type("s")
        rt.advance(200)
        rt.dispatch(.serverText(#"{"event":"error","message":"AI service currently unavailable."}"#))
        #expect(rt.model.errorLine == "AI service currently unavailable.")
        #expect(rt.model.editor.text == "chairs")
        #expect(rt.model.suggestions.map(\.text) == ["office chair"])
        #expect(!rt.model.spinnerVisible)
        // The next good answer clears it.
        rt.dispatch(.serverText(VirtualRuntime.answer("chairs", ["chairs"])))
        #expect(rt.model.errorLine == nil)
        // Ctrl-X dismisses an error too.
        rt.dispatch(.serverText(#"{"event":"error","message":"Empty query."}"#))
        rt.press(.control("x"))
        #expect(rt.model.errorLine == nil)
    }

    @Test func unknownAndMalformedGoToTheTranscriptOnly() {
        var rt = VirtualRuntime()
        rt.dispatch(.serverText(#"{"event":"typing"}"#))
        rt.dispatch(.serverText("<html>"))
        let kinds = rt.model.transcript.entries.suffix(2).map(\.kind)
        #expect(kinds == [.unknownEvent("typing"), .protocolError("message is not JSON")])
        #expect(rt.model.errorLine == nil)
    }
}

@Suite struct ReviewFixTests {
    @Test func whitespaceOnlyEditsDoNotResend() {
        var rt = VirtualRuntime()
        rt.type("mouse")
        rt.advance(200)
        rt.dispatch(.serverText(VirtualRuntime.answer("mouse", ["mouse pad"])))
        rt.type(" ")
        rt.advance(200)
        rt.press(.backspace)
        rt.advance(200)
        rt.press(.home)
        rt.type(" ")
        rt.advance(200)
        #expect(rt.sentQueries == ["mouse"])
        #expect(rt.model.suggestions.map(\.text) == ["mouse pad"])
        // Shortened below the minimum and typed again: it is a new search.
        rt.press(.end)
        rt.press(.control("u"))
        rt.type("mouse")
        rt.advance(200)
        #expect(rt.sentQueries == ["mouse", "mouse"])
    }

    @Test func enterOnNothingExitsOne() {
        var rt = VirtualRuntime()
        rt.press(.enter)
        #expect(rt.effects.last == .quit(status: 1, output: nil))
    }

    @Test func disconnectedQueriesSayTheyWait() {
        var rt = VirtualRuntime(connected: false)
        rt.type("keyboard")
        rt.advance(200)
        #expect(rt.model.results == .notSent(query: "keyboard"))
        rt.dispatch(.connection(.opened(latency: 1)))
        #expect(rt.sentQueries == ["keyboard"])
        guard case .waiting = rt.model.results else { Issue.record("\(rt.model.results)"); return }
    }

    @Test func anErrorAnswerIsNotAnEmptyResult() {
        var rt = VirtualRuntime()
        rt.type("coffee")
        rt.advance(200)
        rt.dispatch(.serverText(#"{"event":"error","message":"AI service currently unavailable."}"#))
        #expect(rt.model.results == .failed(query: "coffee"))
    }

    @Test func pageMovesStopAtTheFirstRow() {
        var rt = VirtualRuntime()
        rt.type("item")
        rt.advance(200)
        rt.dispatch(.serverText(VirtualRuntime.answer("item", (0..<50).map { "item \($0)" })))
        rt.press(.up)
        rt.press(.up)
        rt.press(.pageDown)
        #expect(rt.model.selected == 0)
        rt.press(.pageDown)
        #expect(rt.model.selected == nil)
    }
}
