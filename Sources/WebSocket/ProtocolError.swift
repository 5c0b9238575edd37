/// A violation of RFC 6455 by the peer, with the close code it earns and a sentence saying what was wrong.
public enum ProtocolError: Error, Equatable, Sendable, CustomStringConvertible {
    case reservedBitsSet(rsv: UInt8)
    case unknownOpcode(UInt8)
    case fragmentedControlFrame(Opcode)
    case controlFrameTooLong(Opcode, length: Int)
    case unmaskedClientFrame
    case maskedServerFrame
    case lengthHighBitSet
    case continuationWithoutMessage
    case newMessageInsideFragmented(Opcode)
    case messageTooBig(limit: Int)
    case invalidUTF8
    case oneByteClosePayload
    case invalidCloseCode(UInt16)
    case invalidCloseReason
    /// A compressed message that zlib cannot inflate.
    case invalidCompressedData

    /// The close code this violation is answered with.
    public var closeCode: CloseCode {
        switch self {
        case .invalidUTF8, .invalidCloseReason: .invalidPayload
        case .messageTooBig: .messageTooBig
        default: .protocolError
        }
    }

    public var description: String {
        switch self {
        case .reservedBitsSet(let rsv): "reserved bits set without a negotiated extension (RSV=\(rsv))"
        case .unknownOpcode(let op): "unknown opcode 0x\(String(op, radix: 16))"
        case .fragmentedControlFrame(let op): "fragmented \(op) frame (control frames must have FIN set)"
        case .controlFrameTooLong(let op, let length): "\(op) frame of \(length) bytes (control frames carry at most 125)"
        case .unmaskedClientFrame: "client frame not masked"
        case .maskedServerFrame: "server frame masked"
        case .lengthHighBitSet: "64-bit payload length with the most significant bit set"
        case .continuationWithoutMessage: "continuation frame without a message to continue"
        case .newMessageInsideFragmented(let op): "new \(op) message while a fragmented message is unfinished"
        case .messageTooBig(let limit): "message larger than the limit of \(limit) bytes"
        case .invalidUTF8: "text message is not valid UTF-8"
        case .oneByteClosePayload: "close frame with a one-byte payload"
        case .invalidCloseCode(let code): "close frame with invalid code \(code)"
        case .invalidCloseReason: "close reason is not valid UTF-8"
        case .invalidCompressedData: "compressed message is not valid deflate data"
        }
    }
}
