import EventLoop
import Glibc
import Testing

/// Every wait in these tests is bounded by this.
let testTimeout: Duration = .seconds(5)

/// A pipe; both ends blocking, which is fine because handlers read only when told it is ready.
func makePipe() -> (read: Int32, write: Int32) {
    var fds: [Int32] = [-1, -1]
    let rc = pipe(&fds)
    precondition(rc == 0, "pipe failed")
    return (fds[0], fds[1])
}

func writeByte(_ fd: Int32, _ value: UInt8 = 42) {
    var byte = value
    let written = Glibc.write(fd, &byte, 1)
    precondition(written == 1)
}

func readByte(_ fd: Int32) -> UInt8 {
    var byte: UInt8 = 0
    let count = Glibc.read(fd, &byte, 1)
    precondition(count == 1)
    return byte
}

/// An address nothing listens on: a listener's port, closed again.
func closedAddress(host: String, on reactor: Reactor) throws -> SocketAddress {
    let listener = try TCPListener(host: host, port: 0, on: reactor)
    let address = listener.localAddress
    listener.close()
    return address
}

/// Bytes whose position can be checked: byte i is i mod 251.
func pattern(count: Int) -> [UInt8] {
    [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
        for index in 0..<count { buffer[index] = UInt8(truncatingIfNeeded: index % 251) }
        initialized = count
    }
}

/// A connected client/server pair on loopback, and the listener that made it.
struct Pair {
    let listener: TCPListener
    let client: TCPSocket
    let server: TCPSocket

    func close() {
        client.close()
        server.close()
        listener.close()
    }
}

func connectedPair(host: String = "127.0.0.1", on reactor: Reactor) throws -> Pair {
    let listener = try TCPListener(host: host, port: 0, on: reactor)
    var server: TCPSocket?
    var result: Result<TCPSocket, SocketError>?
    listener.onAccept = { server = $0 }
    TCPSocket.connect(to: [listener.localAddress], timeout: testTimeout, on: reactor) { result = $0 }
    let done = try reactor.run(timeout: testTimeout) { server != nil && result != nil }
    try #require(done)
    let client = try #require(try result?.get())
    return Pair(listener: listener, client: client, server: try #require(server))
}
