import Testing
@testable import WispCore

@Suite struct ReconnectTests {
    @Test func backoffDoublesToTheCapWithBoundedJitter() {
        var policy = ReconnectPolicy(seed: 99)
        let nominal = (1...10).map { policy.nominalDelay(attempt: $0) }
        #expect(nominal == [500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000])
        for attempt in 1...10 {
            for _ in 0..<50 {
                let d = policy.delay(attempt: attempt)
                let n = Double(policy.nominalDelay(attempt: attempt))
                #expect(Double(d) >= n * 0.8 && Double(d) <= n * 1.2, "attempt \(attempt): \(d)")
            }
        }
    }

    @Test func scheduleCountdownAndResendAfterReconnect() {
        var rt = VirtualRuntime()
        rt.type("lamp")
        rt.advance(200)
        #expect(rt.sentQueries == ["lamp"])
        rt.dispatch(.connection(.closed(code: 1006, description: "connection lost without a close frame (1006)")))
        guard case .reconnecting(let at, let attempt, let reason) = rt.model.connection else { Issue.record("\(rt.model.connection)"); return }
        #expect(attempt == 2 && reason == "connection lost without a close frame (1006)")
        #expect(at - rt.now >= 400 && at - rt.now <= 600)
        #expect(rt.timers[.reconnect] != nil && rt.timers[.countdown] != nil)
        rt.advance(700)
        #expect(rt.effects.last == .connect)
        #expect(rt.model.connection == .connecting(attempt: 2))
        rt.dispatch(.connection(.failed(message: "connection refused by 127.0.0.1:6001", httpStatus: nil)))
        guard case .reconnecting(let at2, 3, _) = rt.model.connection else { Issue.record("\(rt.model.connection)"); return }
        #expect(at2 - rt.now >= 800 && at2 - rt.now <= 1200)
        rt.advance(1300)
        rt.dispatch(.connection(.opened(latency: 4)))
        #expect(rt.sentQueries == ["lamp", "lamp"])
        #expect(rt.timers.keys.allSatisfy { $0 == .spinner })
    }

    @Test func attemptsResetAfterAStableConnection() {
        var rt = VirtualRuntime()
        for _ in 0..<4 {
            rt.dispatch(.connection(.closed(code: 1006, description: "x")))
            rt.advance(40_000)
        }
        #expect(rt.model.reconnectAttempt == 4)
        rt.dispatch(.connection(.opened(latency: 1)))
        rt.advance(11_000)
        rt.dispatch(.connection(.closed(code: 1001, description: "going away")))
        #expect(rt.model.reconnectAttempt == 1)
    }

    @Test func ctrlRReconnectsNow() {
        var rt = VirtualRuntime()
        rt.dispatch(.connection(.closed(code: 1006, description: "x")))
        rt.press(.control("r"))
        #expect(rt.effects.suffix(3) == [.cancelTimer(.reconnect), .cancelTimer(.countdown), .connect])
        #expect(rt.timers[.reconnect] == nil)
    }

    @Test func authFailureDoesNotRetry() {
        var rt = VirtualRuntime(connected: false)
        rt.dispatch(.connection(.failed(message: "server answered HTTP 401 Unauthorized", httpStatus: 401)))
        #expect(rt.model.connection == .authFailed(status: 401, message: "server answered HTTP 401 Unauthorized"))
        #expect(rt.timers.isEmpty)
        rt.advance(120_000)
        #expect(!rt.effects.contains(.connect))
        #expect(rt.model.errorLine == "connection: server answered HTTP 401 Unauthorized")
    }

    @Test func certificateRejectionDoesNotRetry() {
        var rt = VirtualRuntime(connected: false)
        rt.dispatch(.connection(.certificateRejected(message: "host name mismatch: certificate is for a.test, not b.test")))
        #expect(rt.model.connection == .certificateRejected(message: "host name mismatch: certificate is for a.test, not b.test"))
        #expect(rt.timers.isEmpty)
        rt.advance(120_000)
        #expect(!rt.effects.contains(.connect))
        #expect(rt.model.errorLine == "connection: host name mismatch: certificate is for a.test, not b.test")
        rt.press(.control("r"))
        #expect(rt.effects.last == .connect)
    }

    @Test func deadKeepaliveReconnects() {
        var rt = VirtualRuntime()
        rt.dispatch(.connection(.failed(message: "no pong within 10 s: the connection is dead", httpStatus: nil)))
        guard case .reconnecting(_, _, let reason) = rt.model.connection else { Issue.record("\(rt.model.connection)"); return }
        #expect(reason == "no pong within 10 s: the connection is dead")
    }
}

@Suite struct KeyTests {
    @Test func readlineEditing() {
        var e = LineEditor("wireless head phones")
        e.moveWordLeft()
        #expect(e.beforeCursor == "wireless head ")
        e.killWordBack()
        #expect(e.text == "wireless phones" && e.beforeCursor == "wireless ")
        e.moveHome()
        e.moveWordRight()
        #expect(e.beforeCursor == "wireless")
        e.killToEnd()
        #expect(e.text == "wireless")
        e.moveLeft()
        e.killToStart()
        #expect(e.text == "s" && e.cursor == 0)
        e.insert("e\u{301}")
        #expect(e.text == "és" && e.cursor == 1)
        e.insert("\u{301}")  // a combining mark joins the character before the cursor
        #expect(e.characters.count == 2)
        e.deleteForward()
        #expect(e.text == "é\u{301}")
        e.backspace()
        #expect(e.text.isEmpty)
    }

    @Test func selectionMovesTheWayTheArrowsPoint() {
        var rt = VirtualRuntime()
        rt.type("head")
        rt.advance(200)
        rt.dispatch(.serverText(VirtualRuntime.answer("head", ["a", "b", "c"])))
        #expect(rt.model.selected == nil)
        rt.press(.up)   // bottom layout: up goes away from the box, into the list
        #expect(rt.model.selected == 0)
        rt.press(.control("p"))
        rt.press(.up)
        rt.press(.up)
        #expect(rt.model.selected == 2)
        rt.press(.down)
        #expect(rt.model.selected == 1)
        rt.press(.tab)
        #expect(rt.model.editor.text == "b")

        var config = AppConfig(url: "ws://x/")
        config.layout = .top
        var top = VirtualRuntime(config: config)
        top.type("head")
        top.advance(200)
        top.dispatch(.serverText(VirtualRuntime.answer("head", ["a", "b", "c"])))
        top.press(.down)
        #expect(top.model.selected == 0)
    }

    @Test func enterPrintsSelectionOrQuery() {
        var rt = VirtualRuntime()
        rt.type("head")
        rt.press(.enter)
        #expect(rt.effects.last == .quit(status: 0, output: "head"))
        rt.advance(200)
        rt.dispatch(.serverText(VirtualRuntime.answer("head", ["headphones"])))
        rt.press(.up)
        rt.press(.enter)
        #expect(rt.effects.last == .quit(status: 0, output: "headphones"))
    }

    @Test func quitKeys() {
        for key in [Key.escape, .control("c"), .control("g")] {
            var rt = VirtualRuntime()
            rt.press(key)
            #expect(rt.effects.last == .quit(status: 130, output: nil))
        }
    }

    @Test func helpTranscriptAndDetail() {
        var rt = VirtualRuntime()
        rt.press(.character("?"))
        #expect(rt.model.overlay == .help)
        rt.press(.character("x"))
        #expect(rt.model.overlay == .none && rt.model.editor.isEmpty)
        rt.type("ab?")
        #expect(rt.model.editor.text == "ab?")  // '?' types normally once there is a query
        rt.press(.control("u"))
        rt.type("lamp")
        rt.advance(200)
        rt.dispatch(.serverText(VirtualRuntime.answer("lamp", ["desk lamp"])))
        rt.press(.backTab)
        #expect(rt.model.focus == .transcript(index: 0))
        rt.press(.up)
        #expect(rt.model.focus == .transcript(index: 1))
        rt.press(.enter)
        guard case .detail(let entry, 0) = rt.model.overlay else { Issue.record("\(rt.model.overlay)"); return }
        #expect(entry.kind == .query("lamp"))
        #expect(entry.raw == #"{"type":"productSearchQuery","payload":{"query":"lamp"}}"#)
        rt.press(.escape)
        #expect(rt.model.overlay == .none)
        rt.press(.escape)
        #expect(rt.model.focus == .search)
        rt.press(.control("t"))
        #expect(!rt.model.showTranscript)
    }

    @Test func mouseClickAndWheel() {
        var rt = VirtualRuntime()
        rt.type("head")
        rt.advance(200)
        rt.dispatch(.serverText(VirtualRuntime.answer("head", ["a", "b", "c"])))
        let layout = rt.model.layout
        rt.press(.mouse(MouseEvent(.press, x: 3, y: layout.suggestionRow(2))))
        #expect(rt.model.selected == 2)
        rt.press(.mouse(MouseEvent(.wheelDown, x: 3, y: layout.suggestionRow(0))))
        #expect(rt.model.selected == 1)
    }

    @Test func longListsScrollToKeepTheSelectionVisible() {
        var rt = VirtualRuntime()
        rt.type("item")
        rt.advance(200)
        rt.dispatch(.serverText(VirtualRuntime.answer("item", (0..<5000).map { "item \($0)" })))
        let rows = rt.model.layout.suggestions.height
        for _ in 0..<(rows + 3) { rt.press(.up) }
        #expect(rt.model.selected == rows + 2)
        #expect(rt.model.scroll == 3)
        rt.press(.pageUp)
        #expect(rt.model.selected == 2 * rows + 2)
    }
}
