import CSystem
import Glibc

/// An IPv4 or IPv6 socket address.
public struct SocketAddress: Hashable, Sendable, CustomStringConvertible {
    /// The address family.
    public enum Family: Hashable, Sendable {
        /// IPv4 (AF_INET).
        case inet
        /// IPv6 (AF_INET6).
        case inet6
    }

    /// Address bytes exactly as they sit in `in_addr` / `in6_addr` (network order).
    private enum IP: Hashable, Sendable {
        case v4(UInt32)
        case v6(UInt64, UInt64, scopeID: UInt32)
    }

    private var ip: IP
    /// The port, in host byte order.
    public var port: UInt16

    /// Parses a numeric IPv4 or IPv6 address ("127.0.0.1", "::1", "[::1]",
    /// "fe80::1%eth0"); names are the resolver's job.
    public init(ipAddress: String, port: UInt16) throws(SocketError) {
        var text = Substring(ipAddress)
        if text.hasPrefix("["), text.hasSuffix("]") { text = text.dropFirst().dropLast() }
        self.port = port
        var v4 = in_addr()
        if inet_pton(AF_INET, String(text), &v4) == 1 {
            ip = .v4(v4.s_addr)
            return
        }
        var scopeID: UInt32 = 0
        if let percent = text.firstIndex(of: "%") {
            let scope = String(text[text.index(after: percent)...])
            text = text[..<percent]
            if let number = UInt32(scope) {
                scopeID = number
            } else {
                scopeID = if_nametoindex(scope)
                if scopeID == 0 { throw .invalidAddress(ipAddress) }
            }
        }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, String(text), &v6) == 1 else { throw .invalidAddress(ipAddress) }
        ip = Self.v6(v6, scopeID: scopeID)
    }

    /// Reads a kernel-filled sockaddr; nil for families other than IPv4/IPv6.
    init?(_ address: UnsafePointer<sockaddr>) {
        switch Int32(address.pointee.sa_family) {
        case AF_INET:
            let sin = UnsafeRawPointer(address).loadUnaligned(as: sockaddr_in.self)
            ip = .v4(sin.sin_addr.s_addr)
            port = UInt16(bigEndian: sin.sin_port)
        case AF_INET6:
            let sin6 = UnsafeRawPointer(address).loadUnaligned(as: sockaddr_in6.self)
            ip = Self.v6(sin6.sin6_addr, scopeID: sin6.sin6_scope_id)
            port = UInt16(bigEndian: sin6.sin6_port)
        default:
            return nil
        }
    }

    private static func v6(_ address: in6_addr, scopeID: UInt32) -> IP {
        withUnsafeBytes(of: address) { bytes in
            .v6(bytes.loadUnaligned(as: UInt64.self), bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self), scopeID: scopeID)
        }
    }

    /// IPv4 or IPv6.
    public var family: Family {
        switch ip {
        case .v4: .inet
        case .v6: .inet6
        }
    }

    /// 127.0.0.0/8, ::1 or an IPv4-mapped 127.x address: a peer on this machine.
    public var isLoopback: Bool {
        switch ip {
        case .v4(let raw):
            return withUnsafeBytes(of: raw) { $0[0] } == 127
        case .v6(let high, let low, _):
            return withUnsafeBytes(of: (high, low)) { bytes in
                let zeros = { (range: Range<Int>) in bytes[range].allSatisfy { $0 == 0 } }
                if zeros(0..<15), bytes[15] == 1 { return true }
                return zeros(0..<10) && bytes[10] == 0xFF && bytes[11] == 0xFF && bytes[12] == 127
            }
        }
    }

    /// The numeric host: "127.0.0.1", "::1", "fe80::1%2".
    public var host: String {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: Int(INET6_ADDRSTRLEN)) { buffer in
            switch ip {
            case .v4(let raw):
                var address = in_addr(s_addr: raw)
                inet_ntop(AF_INET, &address, buffer.baseAddress, socklen_t(buffer.count))
                return String(cString: buffer.baseAddress!)
            case .v6(let high, let low, let scopeID):
                var address = in6_addr()
                withUnsafeMutableBytes(of: &address) { bytes in
                    bytes.storeBytes(of: high, as: UInt64.self)
                    bytes.storeBytes(of: low, toByteOffset: 8, as: UInt64.self)
                }
                inet_ntop(AF_INET6, &address, buffer.baseAddress, socklen_t(buffer.count))
                let text = String(cString: buffer.baseAddress!)
                return scopeID == 0 ? text : "\(text)%\(scopeID)"
            }
        }
    }

    /// "127.0.0.1:6001" or "[::1]:6001".
    public var description: String {
        switch ip {
        case .v4: "\(host):\(port)"
        case .v6: "[\(host)]:\(port)"
        }
    }

    /// The AF_INET / AF_INET6 constant.
    var familyConstant: Int32 {
        family == .inet ? AF_INET : AF_INET6
    }

    /// Calls `body` with this address as a C sockaddr.
    func withSockAddr<R>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> R) -> R {
        switch ip {
        case .v4(let raw):
            var sin = sockaddr_in()
            sin.sin_family = sa_family_t(AF_INET)
            sin.sin_port = port.bigEndian
            sin.sin_addr.s_addr = raw
            return withUnsafePointer(to: &sin) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        case .v6(let high, let low, let scopeID):
            var sin6 = sockaddr_in6()
            sin6.sin6_family = sa_family_t(AF_INET6)
            sin6.sin6_port = port.bigEndian
            sin6.sin6_scope_id = scopeID
            withUnsafeMutableBytes(of: &sin6.sin6_addr) { bytes in
                bytes.storeBytes(of: high, as: UInt64.self)
                bytes.storeBytes(of: low, toByteOffset: 8, as: UInt64.self)
            }
            return withUnsafePointer(to: &sin6) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
            }
        }
    }

    /// The local address of a socket (getsockname).
    static func local(of fd: Int32) throws(SocketError) -> SocketAddress {
        try query(fd, call: "getsockname") { getsockname($0, $1, $2) }
    }

    /// The peer address of a connected socket (getpeername).
    static func peer(of fd: Int32) throws(SocketError) -> SocketAddress {
        try query(fd, call: "getpeername") { getpeername($0, $1, $2) }
    }

    private static func query(
        _ fd: Int32, call: String,
        _ function: (Int32, UnsafeMutablePointer<sockaddr>, UnsafeMutablePointer<socklen_t>) -> Int32
    ) throws(SocketError) -> SocketAddress {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        var failure: Int32 = 0
        let address: SocketAddress? = withUnsafeMutablePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                guard function(fd, raw, &length) == 0 else {
                    failure = csystem_errno()
                    return nil
                }
                return SocketAddress(raw)
            }
        }
        if failure != 0 { throw .system(call: call, errno: failure) }
        guard let address else { throw .system(call: call, errno: EAFNOSUPPORT) }
        return address
    }
}
