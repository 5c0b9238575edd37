import Testing
@testable import SuggestProtocol

@Suite struct ServerEventTests {
    @Test func referenceSuggestions() {
        let text = #"{"event": "aiSuggestions", "payload": {"originalQuery": "wireless head", "suggestions": ["wireless headphones", "noise cancelling headphones"], "timestamp": 1767571200}}"#
        #expect(ServerEvent.decode(text) == .suggestions(SuggestionsPayload(
            originalQuery: "wireless head",
            suggestions: [Suggestion(text: "wireless headphones"), Suggestion(text: "noise cancelling headphones")],
            timestamp: 1767571200)))
    }

    @Test func referenceError() {
        #expect(ServerEvent.decode(#"{"event": "error", "message": "AI service currently unavailable."}"#) == .error(message: "AI service currently unavailable."))
        #expect(ServerEvent.decode(#"{"event": "error"}"#) == .error(message: "(error event without a message)"))
        #expect(ServerEvent.decode(#"{"event": "error", "payload": {"message": "nested"}}"#) == .error(message: "nested"))
    }

    @Test func objectItemsFirstDisplayFieldWins() {
        let text = #"{"event":"aiSuggestions","payload":{"suggestions":[{"name":"B","title":"A","price":3},{"label":"L"},{"query":"Q","id":1},{"sku":7},null,[1],42]}}"#
        guard case .suggestions(let p) = ServerEvent.decode(text) else { Issue.record("not suggestions"); return }
        #expect(p.suggestions.map(\.text) == ["A", "L", "Q", "42"])
        #expect(p.suggestions[0].extra == ["name": .string("B"), "price": .number(3)])
        #expect(p.skippedItems == 3)
        #expect(p.originalQuery == nil)
        #expect(p.timestamp == nil)
    }

    @Test func jsonValueKinds() throws {
        #expect(try JSONValue.parse(#"[true, 1, 1.5, "s", null, {"a": [false]}]"#)
            == .array([.bool(true), .number(1), .number(1.5), .string("s"), .null, .object(["a": .array([.bool(false)])])]))
    }

    @Test func floatTimestamp() {
        guard case .suggestions(let p) = ServerEvent.decode(#"{"event":"aiSuggestions","payload":{"originalQuery":"abc","suggestions":[],"timestamp":1767571200.25}}"#) else {
            Issue.record("not suggestions"); return
        }
        #expect(p.timestamp == 1767571200.25)
    }

    @Test func unknownAndMalformed() {
        #expect(ServerEvent.decode(#"{"event":"typing","who":"x"}"#) == .other(event: "typing", value: .object(["event": .string("typing"), "who": .string("x")])))
        #expect(ServerEvent.decode(#"{"hello":1}"#) == .other(event: nil, value: .object(["hello": .number(1)])))
        #expect(ServerEvent.decode("not json") == .malformed(.notJSON))
        #expect(ServerEvent.decode("[1,2]") == .malformed(.notAnObject(kind: "an array")))
        #expect(ServerEvent.decode("\"str\"") == .malformed(.notAnObject(kind: "a string")))
        #expect(ServerEvent.decode(#"{"event":"aiSuggestions"}"#) == .malformed(.badField(event: "aiSuggestions", field: "payload", expected: "an object")))
        #expect(ServerEvent.decode(#"{"event":"aiSuggestions","payload":{"suggestions":"x"}}"#) == .malformed(.badField(event: "aiSuggestions", field: "payload.suggestions", expected: "an array")))
        #expect(ProtocolViolation.notJSON.description == "message is not JSON")
    }

    @Test func renamedEvents() {
        let names = ProtocolNames(queryType: "search", suggestionsEvent: "results", errorEvent: "oops")
        guard case .suggestions = ServerEvent.decode(#"{"event":"results","payload":{"suggestions":["a"]}}"#, names: names) else { Issue.record("not suggestions"); return }
        #expect(ServerEvent.decode(#"{"event":"oops","message":"m"}"#, names: names) == .error(message: "m"))
        guard case .other = ServerEvent.decode(#"{"event":"aiSuggestions","payload":{"suggestions":[]}}"#, names: names) else { Issue.record("reference name still decoded"); return }
    }
}

@Suite struct WireEncodingTests {
    @Test func clientQuery() {
        #expect(ClientMessage.query("wireless head").encoded() == #"{"type":"productSearchQuery","payload":{"query":"wireless head"}}"#)
        #expect(ClientMessage.query("a\"b\\c\n\u{1}é").encoded(names: ProtocolNames(queryType: "q")) == #"{"type":"q","payload":{"query":"a\"b\\c\n\u0001é"}}"#)
    }

    @Test func serverMessagesInReferenceOrder() {
        #expect(ServerMessage.suggestions(originalQuery: "wireless head", suggestions: ["wireless headphones"], timestamp: 1767571200).encoded()
            == #"{"event":"aiSuggestions","payload":{"originalQuery":"wireless head","suggestions":["wireless headphones"],"timestamp":1767571200}}"#)
        #expect(ServerMessage.emptyQuery.encoded() == #"{"event":"error","message":"Empty query."}"#)
        #expect(ServerMessage.unknownType.encoded() == #"{"event":"error","message":"Unknown message type."}"#)
        #expect(ServerMessage.serviceUnavailable.encoded() == #"{"event":"error","message":"AI service currently unavailable."}"#)
    }

    @Test func roundTrip() {
        let text = ServerMessage.suggestions(originalQuery: "日本 \"q\"", suggestions: ["a\u{0}b", "😀"], timestamp: 5).encoded()
        #expect(ServerEvent.decode(text) == .suggestions(SuggestionsPayload(originalQuery: "日本 \"q\"", suggestions: [Suggestion(text: "a\u{0}b"), Suggestion(text: "😀")], timestamp: 5)))
    }
}

@Suite struct ClientRequestTests {
    @Test func asTheReferenceHandlerReadsThem() {
        #expect(ClientRequest.decode(#"{"type":"productSearchQuery","payload":{"query":"wireless head"}}"#) == .query("wireless head"))
        #expect(ClientRequest.decode(#"{"type":"productSearchQuery","payload":{"query":""}}"#) == .emptyQuery)
        #expect(ClientRequest.decode(#"{"type":"productSearchQuery","payload":{}}"#) == .emptyQuery)
        #expect(ClientRequest.decode(#"{"type":"productSearchQuery"}"#) == .emptyQuery)
        #expect(ClientRequest.decode(#"{"type":"productSearchQuery","payload":{"query":"0"}}"#) == .emptyQuery)
        #expect(ClientRequest.decode(#"{"type":"productSearchQuery","payload":{"query":" "}}"#) == .query(" "))
        #expect(ClientRequest.decode(#"{"type":"productSearchQuery","payload":{"query":12}}"#) == .query("12"))
        #expect(ClientRequest.decode(#"{"type":"ping"}"#) == .unknownType("ping"))
        #expect(ClientRequest.decode(#"{"type":7}"#) == .unknownType("7"))
        #expect(ClientRequest.decode(#"{"type":null}"#) == .ignored)
        #expect(ClientRequest.decode(#"{"payload":{"query":"x"}}"#) == .ignored)
        #expect(ClientRequest.decode("{broken") == .ignored)
        #expect(ClientRequest.decode("[]") == .ignored)
    }
}
