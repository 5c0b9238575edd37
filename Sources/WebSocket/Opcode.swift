/// A WebSocket frame opcode (RFC 6455 §5.2); unknown opcodes never get this far.
public enum Opcode: UInt8, Sendable, CustomStringConvertible {
    case continuation = 0x0
    case text = 0x1
    case binary = 0x2
    case close = 0x8
    case ping = 0x9
    case pong = 0xA

    /// Control frames (close, ping, pong) have the high bit of the opcode set.
    public var isControl: Bool { rawValue & 0x8 != 0 }

    public var description: String {
        switch self {
        case .continuation: "continuation"
        case .text: "text"
        case .binary: "binary"
        case .close: "close"
        case .ping: "ping"
        case .pong: "pong"
        }
    }
}

/// Which end of a connection a piece of the codec plays: clients mask, servers never do.
public enum Role: Sendable, Equatable {
    case client
    case server
}
