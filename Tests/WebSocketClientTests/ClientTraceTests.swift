import EventLoop
import Testing
import WebSocket
@testable import WebSocketClient

@Suite struct ClientTraceTests {
    @Test func everyEventKindAsOneJSONLine() {
        let lines = [
            ClientTrace.resolving(url: "ws://h:1/ws?token=abc&x=1&API_KEY=k"),
            .connected(peer: "127.0.0.1:1", elapsedMilliseconds: 3),
            .secured(version: "TLSv1.3", cipher: "TLS_AES_256_GCM_SHA384", verified: false, elapsedMilliseconds: 4),
            .request(resource: "/ws?token=abc", headers: [ClientTrace.maskedHeader(name: "Authorization", value: "Bearer s"), ClientTrace.maskedHeader(name: "X-A", value: "1")]),
            .handshake(status: 101, subprotocol: "chat", extensions: ["permessage-deflate"], elapsedMilliseconds: 5),
            .frame(FrameRecord(direction: .sent, opcode: .text, fin: false, length: 9)),
            .message(direction: .received, opcode: .text, size: 6, text: "a\"b\n\u{1B}"),
            .message(direction: .received, opcode: .binary, size: 2, text: nil),
            .closed(code: 1000, reason: "bye", description: "closed by peer with 1000 (normal closure): bye"),
            .failed("connection refused by 127.0.0.1:1"),
        ].map { $0.jsonLine(time: 42) }
        #expect(lines == [
            #"{"t":42,"event":"connect","url":"ws://h:1/ws?token=***&x=1&API_KEY=***"}"#,
            #"{"t":42,"event":"tcp","peer":"127.0.0.1:1","elapsed_ms":3}"#,
            #"{"t":42,"event":"tls","version":"TLSv1.3","cipher":"TLS_AES_256_GCM_SHA384","verified":false,"elapsed_ms":4}"#,
            #"{"t":42,"event":"request","resource":"/ws?token=***","headers":["Authorization: ***","X-A: 1"]}"#,
            #"{"t":42,"event":"handshake","status":101,"subprotocol":"chat","extensions":["permessage-deflate"],"elapsed_ms":5}"#,
            #"{"t":42,"event":"frame","direction":"sent","opcode":"text","fin":false,"size":9}"#,
            #"{"t":42,"event":"message","direction":"received","opcode":"text","size":6,"text":"a\"b\n\u001b"}"#,
            #"{"t":42,"event":"message","direction":"received","opcode":"binary","size":2}"#,
            #"{"t":42,"event":"close","code":1000,"reason":"bye","description":"closed by peer with 1000 (normal closure): bye"}"#,
            #"{"t":42,"event":"error","message":"connection refused by 127.0.0.1:1"}"#,
        ])
    }

    @Test func urlsWithoutSecretsAreUnchanged() {
        #expect(ClientTrace.maskSecrets(inURL: "ws://h/ws") == "ws://h/ws")
        #expect(ClientTrace.maskSecrets(inURL: "ws://h/ws?room=1&flag") == "ws://h/ws?room=1&flag")
        #expect(ClientTrace.maskSecrets(inURL: "ws://h/?password=x") == "ws://h/?password=***")
    }

    @Test func aConnectionTracesEveryStepInOrder() throws {
        let loop = try Loopback()
        var traces: [ClientTrace] = []
        let c = RecordingClient(url: loop.url, reactor: loop.reactor)
        c.client.onTrace = { traces.append($0) }
        try loop.run("open") { c.opened != nil }
        try c.client.send(.text("hello"))
        try loop.run("echo") { c.messages.count == 1 }
        c.client.close()
        try loop.run("end") { c.end != nil }
        let kinds = traces.map { trace -> String in
            switch trace {
            case .resolving: "connect"
            case .connected: "tcp"
            case .secured(let version, _, _, _): "tls \(version)"
            case .request: "request"
            case .handshake(let status, _, _, _): "handshake \(status)"
            case .frame(let f): "frame \(f.direction.rawValue) \(f.opcode) \(f.length)"
            case .message(let d, let op, let size, let text): "message \(d.rawValue) \(op) \(size) \(text ?? "")"
            case .closed(let code, _, _): "close \(code)"
            case .failed(let m): "error \(m)"
            }
        }
        // The client registered onTrace after start(), so the first steps are not there; from the handshake on, all are.
        #expect(Array(kinds.drop { !$0.hasPrefix("message") }) == [
            "message sent text 5 hello", "frame sent text 5", "frame received text 5", "message received text 5 hello",
            "frame sent close 2", "frame received close 2", "close 1000",
        ])
    }
}
