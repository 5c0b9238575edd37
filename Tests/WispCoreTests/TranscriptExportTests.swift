import Testing
@testable import WispCore

@Suite struct TranscriptExportTests {
    @Test func eachKindAsJSONLines() {
        let entries: [TranscriptEntry] = [
            TranscriptEntry(time: 1, direction: .sent, kind: .query("lamp"), raw: #"{"type":"productSearchQuery","payload":{"query":"lamp"}}"#),
            TranscriptEntry(time: 2, direction: .received, kind: .suggestions(query: "lamp", count: 2, latency: 42, stale: false)),
            TranscriptEntry(time: 3, direction: .received, kind: .suggestions(query: nil, count: 0, latency: nil, stale: true)),
            TranscriptEntry(time: 4, direction: .received, kind: .serverError("down\u{1B}[2J")),
            TranscriptEntry(time: 5, direction: .received, kind: .unknownEvent(nil)),
            TranscriptEntry(time: 6, direction: .received, kind: .protocolError("message is not JSON")),
            TranscriptEntry(time: 7, direction: .received, kind: .binary(bytes: 3)),
            TranscriptEntry(time: 8, direction: .local, kind: .connection("closed 1006: lost")),
        ]
        #expect(entries.map(\.jsonLine) == [
            #"{"t":1,"direction":"sent","kind":"query","query":"lamp","raw":"{\"type\":\"productSearchQuery\",\"payload\":{\"query\":\"lamp\"}}"}"#,
            #"{"t":2,"direction":"received","kind":"suggestions","query":"lamp","count":2,"latency_ms":42,"stale":false}"#,
            #"{"t":3,"direction":"received","kind":"suggestions","query":null,"count":0,"latency_ms":null,"stale":true}"#,
            #"{"t":4,"direction":"received","kind":"error","message":"down\u001b[2J"}"#,
            #"{"t":5,"direction":"received","kind":"unknown","event":null}"#,
            #"{"t":6,"direction":"received","kind":"protocol_error","description":"message is not JSON"}"#,
            #"{"t":7,"direction":"received","kind":"binary","size":3}"#,
            #"{"t":8,"direction":"local","kind":"connection","text":"closed 1006: lost"}"#,
        ])
    }

    @Test func hugeMessagesAreKeptBounded() {
        let big = String(repeating: "x", count: 200_000)
        #expect(boundedRaw(big) == String(repeating: "x", count: 65_536) + " …[134464 more bytes not kept]")
        #expect(boundedRaw("small") == "small")
        var rt = VirtualRuntime()
        rt.dispatch(.serverText(#"{"event":"other","pad":""# + big + #""}"#))
        #expect((rt.model.transcript.entries.last?.raw?.utf8.count ?? 0) < 66_000)
        #expect(rt.model.transcript.entries.last?.kind == .unknownEvent("other"))
    }

    @Test func ctrlSAsksToSaveAndNoticesLand() {
        var rt = VirtualRuntime()
        rt.press(.control("s"))
        #expect(rt.effects.last == .saveTranscript)
        rt.dispatch(.notice("transcript saved to x.jsonl (3 events)", failed: false))
        #expect(rt.model.transcript.entries.last?.kind == .connection("transcript saved to x.jsonl (3 events)"))
        #expect(rt.model.errorLine == nil)
        rt.dispatch(.notice("could not save", failed: true))
        #expect(rt.model.errorLine == "could not save")
    }
}
