import EventLoop
import TLS
import Testing
import WebSocket
import WebSocketClient
import WebSocketServer

/// wisp's client against wisp's server over TLS, with certificates made by the openssl CLI:
/// trust through a CA file, SNI, each verification failure worded as a person reads it,
/// `insecure`, TLS 1.2, and peers that do not speak TLS.
@Suite struct TLSLoopbackTests {
    let certs: CertificateFixtures

    init() throws { certs = try CertificateFixtures.shared.get() }

    func serverContext(_ certificate: String) throws -> TLSContext {
        try TLSContext.server(certificateFile: certificate, keyFile: certs.key)
    }

    func client(_ url: WebSocketURL, _ options: TLSClientOptions, reactor: Reactor) -> RecordingClient {
        var configuration = ClientConfiguration()
        configuration.tls = options
        return RecordingClient(url: url, configuration: configuration, reactor: reactor)
    }

    /// Connects with `options` and returns how the attempt ended (nil when it opened).
    func failure(certificate: String, host: String = "127.0.0.1", _ options: TLSClientOptions) throws -> String? {
        let loop = try Loopback(host: host, tls: try serverContext(certificate))
        let c = client(loop.url, options, reactor: loop.reactor)
        try loop.run("open or fail") { c.opened != nil || c.end != nil }
        return c.end?.description
    }

    @Test func caFileTrustsOurServerAndMessagesRoundTrip() throws {
        let loop = try Loopback(tls: try serverContext(certs.localhost))
        #expect(loop.url.description.hasPrefix("wss://127.0.0.1:"))
        let c = client(loop.url, TLSClientOptions(caFile: certs.caFile), reactor: loop.reactor)
        try loop.run("open") { c.opened != nil || c.end != nil }
        #expect(c.end == nil)
        #expect(c.client.tlsSession == TLSSession(version: "TLSv1.3", cipher: "TLS_AES_256_GCM_SHA384", verified: true))
        #expect(loop.serverConnections.first?.tlsSession?.version == "TLSv1.3")
        // RFC 6066: an address literal is never sent as SNI.
        #expect(loop.serverConnections.first?.requestedServerName == nil)
        let big = (0..<(16 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 131) }
        try c.client.send(.text("héllo over TLS"))
        try c.client.send(.binary(big))
        try c.client.send(.text(String(repeating: "é", count: 40_000)), fragmentSize: 1000)
        try loop.run("echoes") { c.messages.count == 3 }
        #expect(c.messages == [.text("héllo over TLS"), .binary(big), .text(TextPayload(String(repeating: "é", count: 40_000)))])
        c.client.close()
        try loop.run("end") { c.end != nil && loop.serverCloses.count == 1 }
        guard case .closed(let info)? = c.end else { Issue.record("\(String(describing: c.end))"); return }
        #expect(info.code == .normal && info.initiator == .local)
        #expect(loop.serverCloses.first?.initiator == .remote)
    }

    @Test func aHostNameIsVerifiedAndSentAsSNI() throws {
        let loop = try Loopback(tls: try serverContext(certs.localhost))
        let url = WebSocketURL(isSecure: true, host: "localhost", port: loop.server.localAddress.port, resource: "/ws")
        let c = client(url, TLSClientOptions(caFile: certs.caFile), reactor: loop.reactor)
        try loop.run("open") { c.opened != nil || c.end != nil }
        #expect(c.end == nil)
        #expect(loop.serverConnections.first?.requestedServerName == "localhost")
        loop.server.shutdown()
        try loop.run("end") { c.end != nil }
        guard case .closed(let info)? = c.end else { Issue.record("\(String(describing: c.end))"); return }
        #expect(info.code == .goingAway && info.initiator == .remote)
    }

    @Test func withoutTheCAFileTheCertificateIsNotTrusted() throws {
        #expect(try failure(certificate: certs.localhost, TLSClientOptions())
            == "certificate is not trusted (self-signed?): unable to get local issuer certificate (a private CA? trust it with --cacert FILE; "
                + "a public one? the server may not be sending its intermediate certificate; --insecure skips checks)")
    }

    @Test func aSelfSignedCertificateIsNotTrusted() throws {
        #expect(try failure(certificate: certs.selfSigned, TLSClientOptions(caFile: certs.caFile))
            == "certificate is not trusted (self-signed?): self-signed certificate; no CA in \(certs.caFile) issued it (--insecure skips checks)")
        #expect(try failure(certificate: certs.selfSigned, TLSClientOptions())
            == "certificate is not trusted (self-signed?): self-signed certificate (trust it with --cacert FILE, or skip checks with --insecure)")
    }

    @Test func aCertificateForAnotherNameIsAHostMismatch() throws {
        #expect(try failure(certificate: certs.otherHost, TLSClientOptions(caFile: certs.caFile))
            == "host name mismatch: certificate is for wisp.test, not 127.0.0.1 (--insecure skips verification)")
    }

    @Test func anIPAddressOutsideTheCertificateIsAHostMismatch() throws {
        #expect(try failure(certificate: certs.localhost, host: "::1", TLSClientOptions(caFile: certs.caFile))
            == "host name mismatch: certificate is for localhost, 127.0.0.1, not ::1 (--insecure skips verification)")
    }

    @Test func anExpiredCertificateSaysSo() throws {
        let text = try failure(certificate: certs.expired, TLSClientOptions(caFile: certs.caFile)) ?? ""
        #expect(text.hasPrefix("certificate has expired (on 20") && text.hasSuffix(") (--insecure skips verification)"), "\(text)")
    }

    @Test func certificateFailuresAreMarkedAsSuch() throws {
        let loop = try Loopback(tls: try serverContext(certs.otherHost))
        let c = client(loop.url, TLSClientOptions(caFile: certs.caFile), reactor: loop.reactor)
        try loop.run("fail") { c.end != nil }
        guard case .failed(let error)? = c.end else { Issue.record("\(String(describing: c.end))"); return }
        #expect(error.isCertificateFailure)
        guard case .tls(let tls) = error else { Issue.record("\(error)"); return }
        #expect(tls == .hostMismatch(host: "127.0.0.1", certificateNames: "wisp.test"))
    }

    @Test func insecureSkipsVerificationButStillEncrypts() throws {
        let loop = try Loopback(tls: try serverContext(certs.selfSigned))
        let url = WebSocketURL(isSecure: true, host: "127.0.0.1", port: loop.server.localAddress.port, resource: "/ws")
        let c = client(url, TLSClientOptions(insecure: true), reactor: loop.reactor)
        try loop.run("open") { c.opened != nil || c.end != nil }
        #expect(c.end == nil)
        #expect(c.client.tlsSession?.verified == false)
        try c.client.send(.text("trust me"))
        try loop.run("echo") { c.messages.count == 1 }
        #expect(c.messages == [.text("trust me")])
    }

    @Test func tls12IsSpokenWhenTheClientCapsTheVersion() throws {
        let loop = try Loopback(tls: try serverContext(certs.localhost))
        let c = client(loop.url, TLSClientOptions(caFile: certs.caFile, maxVersion: .tls12), reactor: loop.reactor)
        try loop.run("open") { c.opened != nil || c.end != nil }
        #expect(c.client.tlsSession?.version == "TLSv1.2")
        #expect(c.client.tlsSession?.verified == true)
        try c.client.send(.binary([UInt8](repeating: 7, count: 100_000)))
        try loop.run("echo") { c.messages.count == 1 }
        #expect(c.messages == [.binary([UInt8](repeating: 7, count: 100_000))])
    }

    @Test func aServerThatAnswersInPlainTextIsNotTLS() throws {
        let reactor = try Reactor()
        let listener = try TCPListener(host: "127.0.0.1", port: 0, on: reactor)
        var peers: [TCPSocket] = []
        listener.onAccept = { socket in
            peers.append(socket)
            socket.write(Array("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".utf8))
        }
        let url = WebSocketURL(isSecure: true, host: "127.0.0.1", port: listener.localAddress.port, resource: "/")
        let c = client(url, TLSClientOptions(), reactor: reactor)
        try reactor.run(timeout: .seconds(10)) { c.end != nil }
        #expect(c.end?.description == "TLS handshake failed: wrong version number (the server does not seem to speak TLS on this port; try ws://)")
    }

    @Test func aServerThatHangsUpWithoutAnswering() throws {
        let reactor = try Reactor()
        let listener = try TCPListener(host: "127.0.0.1", port: 0, on: reactor)
        listener.onAccept = { socket in socket.close() }
        let url = WebSocketURL(isSecure: true, host: "127.0.0.1", port: listener.localAddress.port, resource: "/")
        let c = client(url, TLSClientOptions(), reactor: reactor)
        try reactor.run(timeout: .seconds(10)) { c.end != nil }
        #expect(c.end?.description
            == "TLS handshake failed: the peer closed the connection without answering (does it speak TLS on this port? try ws://)")
    }

    @Test func aPlainClientIsTurnedAwayByATLSServer() throws {
        let loop = try Loopback(tls: try serverContext(certs.localhost))
        var failures: [String] = []
        loop.server.onTLSFailure = { _, error in failures.append("\(error)") }
        let a = loop.server.localAddress
        let c = RecordingClient(url: WebSocketURL(host: a.host, port: a.port, resource: "/ws"), reactor: loop.reactor)
        try loop.run("fail") { c.end != nil && !failures.isEmpty }
        #expect(failures == ["TLS handshake failed: http request (the client sent plain text, e.g. ws:// instead of wss://)"])
        #expect(c.end?.description.hasPrefix("server answered HTTP 400 Bad Request") == true, "\(String(describing: c.end))")
        #expect(c.end?.description.hasSuffix("This port speaks TLS: connect with wss://") == true, "\(String(describing: c.end))")
    }

    @Test func aTLSClientIsTurnedAwayByAPlainServerAtOnce() throws {
        let loop = try Loopback(configuration: .init(handshakeTimeout: .seconds(30)))
        var failures: [String] = []
        loop.server.onTLSFailure = { _, error in failures.append("\(error)") }
        let a = loop.server.localAddress
        let c = client(WebSocketURL(isSecure: true, host: a.host, port: a.port, resource: "/ws"), TLSClientOptions(), reactor: loop.reactor)
        // Well before either side's 10 s or 30 s handshake timeout.
        let ok = try loop.reactor.run(timeout: .seconds(5)) { c.end != nil && !failures.isEmpty }
        #expect(ok)
        #expect(failures == ["TLS handshake failed: a TLS client (wss://) on this plain ws:// port"])
        #expect(c.end?.description
            == "TLS handshake failed: the peer closed the connection without answering (does it speak TLS on this port? try ws://)")
    }

    @Test func anIPv6ZoneDoesNotSkipTheAddressCheck() throws {
        // "::1%lo" is checked as ::1, which this certificate (localhost, 127.0.0.1) does not name.
        let loop = try Loopback(host: "::1", tls: try serverContext(certs.localhost))
        let url = WebSocketURL(isSecure: true, host: "::1%lo", port: loop.server.localAddress.port, resource: "/ws")
        let c = client(url, TLSClientOptions(caFile: certs.caFile), reactor: loop.reactor)
        try loop.run("fail") { c.end != nil }
        #expect(c.end?.description == "host name mismatch: certificate is for localhost, 127.0.0.1, not ::1%lo (--insecure skips verification)")
    }

    @Test func unusableFilesAreNamed() throws {
        #expect(throws: TLSError.configuration("cannot read CA file /nonexistent/ca.pem: No such file or directory")) {
            try TLSContext.client(TLSClientOptions(caFile: "/nonexistent/ca.pem"))
        }
        #expect(throws: TLSError.configuration("key file \(certs.caFile.replacingOccurrences(of: "ca.pem", with: "leaf.key")) does not match certificate \(certs.caFile)")) {
            try TLSContext.server(certificateFile: certs.caFile, keyFile: certs.key)
        }
        do {
            _ = try TLSContext.client(TLSClientOptions(caFile: certs.key))
            Issue.record("a key file was accepted as a CA file")
        } catch {
            #expect("\(error)".hasPrefix("cannot use CA file \(certs.key): "))
        }
    }
}
