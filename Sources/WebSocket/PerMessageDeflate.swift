import CZlib

/// The parameters of a negotiated permessage-deflate extension (RFC 7692 §7.1).
public struct DeflateParameters: Equatable, Sendable {
    public var serverNoContextTakeover = false
    public var clientNoContextTakeover = false
    public var serverMaxWindowBits = 15
    public var clientMaxWindowBits = 15

    public init() {}

    /// What a client offers: the extension, and that it can honour a smaller client window.
    public static let clientOffer = "permessage-deflate; client_max_window_bits"

    /// Reads the server's accepted extension element on the client side; an element that
    /// breaks §7.1 (unknown or repeated parameters, bad window sizes) fails the handshake.
    public static func parseResponse(_ element: String) throws(DeflateNegotiationError) -> DeflateParameters {
        var p = DeflateParameters()
        for (name, value) in try parameters(of: element) {
            switch name {
            case "server_no_context_takeover":
                guard value == nil else { throw .unexpectedValue(name) }
                p.serverNoContextTakeover = true
            case "client_no_context_takeover":
                guard value == nil else { throw .unexpectedValue(name) }
                p.clientNoContextTakeover = true
            case "server_max_window_bits", "client_max_window_bits":
                guard let text = value, let bits = Int(text), (8...15).contains(bits) else { throw .badWindowBits(name, value) }
                if name == "server_max_window_bits" { p.serverMaxWindowBits = bits } else { p.clientMaxWindowBits = bits }
            default:
                throw .unknownParameter(name)
            }
        }
        return p
    }

    /// The parameters of a permessage-deflate element, names lowercased and quoted values
    /// unquoted (RFC 7692 §5.1); a parameter given twice makes the element invalid.
    static func parameters(of element: String) throws(DeflateNegotiationError) -> [(name: String, value: String?)] {
        var parts = element.split(separator: ";").map { trimmed($0) }
        guard parts.first?.lowercased() == "permessage-deflate" else { throw .notDeflate(element) }
        parts.removeFirst()
        var seen: Set<String> = []
        var result: [(name: String, value: String?)] = []
        for part in parts where !part.isEmpty {
            let pieces = part.split(separator: "=", maxSplits: 1).map { trimmed($0) }
            let name = pieces[0].lowercased()
            var value = pieces.count > 1 ? pieces[1] : nil
            if let v = value, v.hasPrefix("\""), v.hasSuffix("\""), v.count >= 2 { value = String(v.dropFirst().dropLast()) }
            guard seen.insert(name).inserted else { throw .repeatedParameter(name) }
            result.append((name, value))
        }
        return result
    }
}

extension DeflateParameters {
    /// The server's side of the negotiation: the first offer it can honour, with the response
    /// element to send, or nil to decline compression. Offers asking for an 8-bit server window
    /// are declined (zlib's raw deflate cannot go below 9), as are unknown parameters.
    public static func negotiate(offers: [String]) -> (DeflateParameters, response: String)? {
        offers: for offer in offers {
            // Not deflate, or a parameter given twice: not an offer we can take.
            guard let parameters = try? parameters(of: offer) else { continue }
            var p = DeflateParameters()
            var response = ["permessage-deflate"]
            for (name, value) in parameters {
                switch name {
                case "server_no_context_takeover" where value == nil:
                    p.serverNoContextTakeover = true
                    response.append(name)
                case "client_no_context_takeover" where value == nil:
                    p.clientNoContextTakeover = true
                    response.append(name)
                case "server_max_window_bits":
                    guard let text = value, let bits = Int(text), (9...15).contains(bits) else { continue offers }
                    p.serverMaxWindowBits = bits
                    response.append("server_max_window_bits=\(bits)")
                case "client_max_window_bits":
                    // The client can take a limit; we need none (we inflate with a full window).
                    if let text = value {
                        guard let bits = Int(text), (8...15).contains(bits) else { continue offers }
                        p.clientMaxWindowBits = bits
                    }
                default:
                    continue offers
                }
            }
            return (p, response.joined(separator: "; "))
        }
        return nil
    }
}

/// Why a permessage-deflate negotiation failed.
public enum DeflateNegotiationError: Error, Equatable, Sendable, CustomStringConvertible {
    case notDeflate(String)
    case repeatedParameter(String)
    case unexpectedValue(String)
    case badWindowBits(String, String?)
    case unknownParameter(String)

    public var description: String {
        switch self {
        case .notDeflate(let e): "not a permessage-deflate element: \(e)"
        case .repeatedParameter(let n): "permessage-deflate parameter \(n) given twice"
        case .unexpectedValue(let n): "permessage-deflate parameter \(n) takes no value"
        case .badWindowBits(let n, let v): "permessage-deflate \(n) must be 8–15, got \(v ?? "nothing")"
        case .unknownParameter(let n): "unknown permessage-deflate parameter \(n)"
        }
    }
}

/// Compresses messages for permessage-deflate: raw deflate, sync-flushed, with the final
/// 00 00 FF FF removed (RFC 7692 §7.2.1). A class because zlib's stream must not move in memory.
public final class DeflateCompressor {
    private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    private let resetsContext: Bool

    /// `windowBits` 8–15 (zlib's raw deflate needs at least 9, so 8 is served by 9, as other implementations do).
    public init(windowBits: Int = 15, noContextTakeover: Bool = false) {
        stream.initialize(to: z_stream())
        resetsContext = noContextTakeover
        let status = wisp_deflate_init(stream, Z_DEFAULT_COMPRESSION, Int32(max(9, windowBits)))
        precondition(status == Z_OK, "deflateInit2 failed: \(status)")
    }

    deinit {
        deflateEnd(stream)
        stream.deallocate()
    }

    /// The compressed payload of one message.
    public func compress(_ input: UnsafeRawBufferPointer) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(input.count / 2 + 64)
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        let base = UnsafeMutablePointer(mutating: input.bindMemory(to: UInt8.self).baseAddress)
        stream.pointee.next_in = base
        stream.pointee.avail_in = UInt32(input.count)
        repeat {
            chunk.withUnsafeMutableBufferPointer { buffer in
                stream.pointee.next_out = buffer.baseAddress
                stream.pointee.avail_out = UInt32(buffer.count)
                _ = deflate(stream, Z_SYNC_FLUSH)
                output.append(contentsOf: buffer[0..<(buffer.count - Int(stream.pointee.avail_out))])
            }
        } while stream.pointee.avail_out == 0
        stream.pointee.next_in = nil
        if output.count >= 4, Array(output.suffix(4)) == [0x00, 0x00, 0xFF, 0xFF] { output.removeLast(4) }
        if resetsContext { deflateReset(stream) }
        return output
    }

    /// Array convenience.
    public func compress(_ input: [UInt8]) -> [UInt8] { input.withUnsafeBytes { compress($0) } }
}

/// Decompresses permessage-deflate payloads with a bound on the inflated size, so a
/// compression bomb is refused (1009) instead of inflated.
public final class DeflateDecompressor {
    private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    private let resetsContext: Bool
    private static let tail: [UInt8] = [0x00, 0x00, 0xFF, 0xFF]

    public init(windowBits: Int = 15, noContextTakeover: Bool = false) {
        stream.initialize(to: z_stream())
        resetsContext = noContextTakeover
        let status = wisp_inflate_init(stream, Int32(max(9, windowBits)))
        precondition(status == Z_OK, "inflateInit2 failed: \(status)")
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
    }

    /// The original message; throws `.messageTooBig` past `limit` bytes and `.invalidCompressedData` on garbage.
    public func decompress(_ input: [UInt8], limit: Int) throws(ProtocolError) -> [UInt8] {
        var output: [UInt8] = []
        try inflateAll(input, into: &output, limit: limit)
        try inflateAll(Self.tail, into: &output, limit: limit)
        if resetsContext { inflateReset(stream) }
        return output
    }

    private func inflateAll(_ input: [UInt8], into output: inout [UInt8], limit: Int) throws(ProtocolError) {
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        var failure: ProtocolError?
        input.withUnsafeBufferPointer { inBuffer in
            stream.pointee.next_in = UnsafeMutablePointer(mutating: inBuffer.baseAddress)
            stream.pointee.avail_in = UInt32(inBuffer.count)
            repeat {
                let status = chunk.withUnsafeMutableBufferPointer { buffer -> Int32 in
                    stream.pointee.next_out = buffer.baseAddress
                    stream.pointee.avail_out = UInt32(buffer.count)
                    let status = inflate(stream, Z_SYNC_FLUSH)
                    let produced = buffer.count - Int(stream.pointee.avail_out)
                    if output.count + produced > limit { failure = .messageTooBig(limit: limit) }
                    else { output.append(contentsOf: buffer[0..<produced]) }
                    return status
                }
                if failure != nil { break }
                if status != Z_OK && status != Z_BUF_ERROR && status != Z_STREAM_END {
                    failure = .invalidCompressedData
                    break
                }
            } while stream.pointee.avail_in > 0 || stream.pointee.avail_out == 0
            stream.pointee.next_in = nil
        }
        if let failure { throw failure }
    }
}
