@testable import EventLoop
import Testing

@Suite struct SocketAddressTests {
    @Test func parsesAndPrintsIPv4() throws {
        let address = try SocketAddress(ipAddress: "127.0.0.1", port: 6001)
        #expect(address.family == .inet)
        #expect(address.host == "127.0.0.1")
        #expect(address.port == 6001)
        #expect(address.description == "127.0.0.1:6001")
    }

    @Test func parsesAndPrintsIPv6() throws {
        let address = try SocketAddress(ipAddress: "::1", port: 6001)
        #expect(address.family == .inet6)
        #expect(address.host == "::1")
        #expect(address.description == "[::1]:6001")
        #expect(try SocketAddress(ipAddress: "[::1]", port: 6001) == address)
        #expect(try SocketAddress(ipAddress: "2001:db8::1", port: 443).description == "[2001:db8::1]:443")
        #expect(try SocketAddress(ipAddress: "fe80::1%3", port: 1).host == "fe80::1%3")
    }

    @Test(arguments: [
        ("127.0.0.1", true), ("127.1.2.3", true), ("::1", true), ("::ffff:127.0.0.1", true),
        ("128.0.0.1", false), ("10.0.0.1", false), ("126.255.255.255", false), ("::", false), ("::2", false),
        ("::ffff:10.0.0.1", false), ("fe80::1", false), ("1::1", false), ("::ffff:7f00:1", true),
    ])
    func knowsLoopbackAddresses(_ host: String, _ loopback: Bool) throws {
        #expect(try SocketAddress(ipAddress: host, port: 1).isLoopback == loopback)
    }

    @Test func rejectsNames() {
        #expect(throws: SocketError.invalidAddress("example.com")) {
            try SocketAddress(ipAddress: "example.com", port: 80)
        }
        #expect(SocketError.invalidAddress("x").description == "\"x\" is not a numeric IPv4 or IPv6 address")
    }

    @Test func equalityIncludesPortAndFamily() throws {
        let a = try SocketAddress(ipAddress: "127.0.0.1", port: 1)
        var b = try SocketAddress(ipAddress: "127.0.0.1", port: 2)
        #expect(a != b)
        b.port = 1
        #expect(a == b)
        #expect(try SocketAddress(ipAddress: "::ffff:127.0.0.1", port: 1) != a)
    }

    @Test func roundTripsThroughSockaddr() throws {
        for text in ["10.1.2.3", "::1", "2001:db8::42"] {
            let address = try SocketAddress(ipAddress: text, port: 8080)
            let back = address.withSockAddr { pointer, _ in SocketAddress(pointer) }
            #expect(back == address)
        }
    }

    @Test func errorDescriptions() throws {
        let address = try SocketAddress(ipAddress: "127.0.0.1", port: 6001)
        #expect(SocketError.timedOut(address, after: .seconds(5)).description == "connect to 127.0.0.1:6001 timed out after 5 s")
        #expect(SocketError.timedOut(address, after: .milliseconds(1500)).description == "connect to 127.0.0.1:6001 timed out after 1.5 s")
        #expect(SocketError.dns(host: "foo.invalid", message: "Name or service not known").description
            == "DNS lookup for foo.invalid failed: Name or service not known")
        #expect(SocketError.system(call: "socket", errno: 24).description == "socket failed: Too many open files")
        #expect(SocketError.unreachable(address, errno: 113).description == "127.0.0.1:6001 is unreachable: No route to host")
        #expect(SystemError(call: "poll", errno: 22).description == "poll failed: Invalid argument")
    }
}
