/// A message as the application sends or receives it.
public enum Message: Sendable, Equatable {
    case text(String)
    case binary([UInt8])
}

/// Why and how a connection ended.
public struct CloseInfo: Sendable, Equatable, CustomStringConvertible {
    /// Who ended it.
    public enum Initiator: Sendable, Equatable {
        /// We sent the first close frame; the peer answered (or EOF followed).
        case local
        /// The peer sent the first close frame and we answered it.
        case remote
        /// The peer broke the protocol; we closed with the error's code.
        case protocolError(ProtocolError)
        /// The byte stream ended without a close handshake (reported as 1006).
        case abnormal
    }

    /// The code of the close: the peer's for a handshake, ours for a protocol error, 1006 for EOF.
    public var code: CloseCode
    public var reason: String
    public var initiator: Initiator

    public init(code: CloseCode, reason: String, initiator: Initiator) {
        self.code = code
        self.reason = reason
        self.initiator = initiator
    }

    public var description: String {
        let why = reason.isEmpty ? "" : ": \(reason)"
        switch initiator {
        case .local: return "closed by us, peer answered \(code)\(why)"
        case .remote: return "closed by peer with \(code)\(why)"
        case .protocolError(let error): return "protocol error: \(error) (closed with \(code.rawValue))"
        case .abnormal where reason.isEmpty: return "connection lost without a close frame (\(code.rawValue))"
        case .abnormal: return "connection dropped: \(reason)"
        }
    }
}

/// What the peer did, in order.
public enum WebSocketEvent: Sendable, Equatable {
    case text(TextPayload)
    case binary([UInt8])
    /// A ping; the pong is already queued.
    case ping([UInt8])
    case pong([UInt8])
    /// The connection is over: no more events, and nothing more may be sent.
    case closed(CloseInfo)
}

/// Why a send was refused.
public enum SendError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A close frame was sent or received; RFC 6455 §5.5.1 forbids data after it.
    case closing
    case controlPayloadTooLong(Int)
    case invalidCloseCode(UInt16)

    public var description: String {
        switch self {
        case .closing: "the connection is closing; nothing more can be sent"
        case .controlPayloadTooLong(let n): "control frame payload of \(n) bytes (at most 125)"
        case .invalidCloseCode(let code): "close code \(code) may not be sent"
        }
    }
}

/// One WebSocket connection after the opening handshake, for either role, doing no I/O:
/// `receive` bytes and drain `nextEvent()`; `send` messages and drain the outbound bytes.
/// Pings are answered, closes echoed and protocol errors closed with the right code by itself.
public struct WebSocketConnection {
    /// Limits and behaviour fixed for the connection's lifetime.
    public struct Configuration: Sendable {
        /// Largest message accepted (after inflating, when compressed); a bigger one is closed with 1009.
        public var maxMessageSize: Int
        /// The negotiated permessage-deflate, if any: RSV1 is then accepted and messages compressed.
        public var deflate: DeflateParameters?
        /// With deflate on, messages at least this long are sent compressed (tiny ones would grow).
        public var compressionThreshold: Int
        public init(maxMessageSize: Int = 64 << 20, deflate: DeflateParameters? = nil, compressionThreshold: Int = 64) {
            self.maxMessageSize = maxMessageSize
            self.deflate = deflate
            self.compressionThreshold = compressionThreshold
        }
    }

    /// Where the close handshake stands.
    public enum State: Sendable, Equatable {
        case open
        /// We sent a close frame and wait for the peer's.
        case closeSent
        case closed(CloseInfo)
    }

    public let role: Role
    public let configuration: Configuration
    public private(set) var state: State = .open

    private var decoder: FrameDecoder
    private var assembler: MessageAssembler
    private var random: any RandomNumberGenerator
    /// Keep a record of every frame sent and received (for transcripts); off by default, so costs nothing.
    public var recordsFrames = false {
        didSet { assembler.recordsFrames = recordsFrames }
    }
    private var frameRecords: [FrameRecord] = []

    /// The frames sent and received since the last call (when `recordsFrames` is on).
    public mutating func takeFrameRecords() -> [FrameRecord] {
        defer { frameRecords.removeAll() }
        return frameRecords
    }

    private var pending: [Pending] = []
    private var pendingIndex = 0
    /// A close or failure waits in `pending`: read nothing more.
    private var terminalQueued = false
    private var outbound: [UInt8] = []

    /// `random` supplies masking keys for the client role; production passes the system CSPRNG.
    public init(role: Role, configuration: Configuration = .init(), random: any RandomNumberGenerator = SystemRandomNumberGenerator()) {
        self.role = role
        self.configuration = configuration
        self.random = random
        decoder = FrameDecoder(role: role, allowsRSV1: configuration.deflate != nil)
        var decompressor: DeflateDecompressor?
        if let d = configuration.deflate {
            // Our side's parameters for what we send; the peer's reset rule for what we receive.
            let ours = role == .client ? (d.clientMaxWindowBits, d.clientNoContextTakeover) : (d.serverMaxWindowBits, d.serverNoContextTakeover)
            compressor = DeflateCompressor(windowBits: ours.0, noContextTakeover: ours.1)
            // A 15-bit window reads any smaller window's stream.
            decompressor = DeflateDecompressor(windowBits: 15,
                                               noContextTakeover: role == .client ? d.serverNoContextTakeover : d.clientNoContextTakeover)
        }
        assembler = MessageAssembler(maxMessageSize: configuration.maxMessageSize, decompressor: decompressor)
    }

    private var compressor: DeflateCompressor?

    /// Writes a data message: compressed (RSV1 on the first frame) when deflate is on and it is
    /// long enough, split into frames of `fragmentSize` when given.
    private mutating func writeMessage(_ opcode: Opcode, payload: UnsafeRawBufferPointer, fragmentSize: Int? = nil) {
        if let compressor, payload.count >= configuration.compressionThreshold {
            let compressed = compressor.compress(payload)
            compressed.withUnsafeBytes { writeFragments(opcode, $0, fragmentSize: fragmentSize, rsv1: true) }
        } else {
            writeFragments(opcode, payload, fragmentSize: fragmentSize, rsv1: false)
        }
    }

    private mutating func writeFragments(_ opcode: Opcode, _ all: UnsafeRawBufferPointer, fragmentSize: Int?, rsv1: Bool) {
        guard let fragmentSize else {
            writeFrame(opcode, payload: all, rsv1: rsv1)
            return
        }
        var opcode = opcode
        var offset = 0
        var first = true
        repeat {
            let end = min(offset + fragmentSize, all.count)
            writeFrame(opcode, payload: UnsafeRawBufferPointer(rebasing: all[offset..<end]), fin: end == all.count, rsv1: rsv1 && first)
            opcode = .continuation
            offset = end
            first = false
        } while offset < all.count
    }

    // MARK: Receiving

    /// An event not yet handed out. A peer's close and a protocol failure take effect only
    /// when the application reaches them, so everything the peer sent before the bad or
    /// closing frame is handled first, and replies to it still go out before our close frame.
    private enum Pending {
        case event(WebSocketEvent)
        case peerClose(CloseCode?, String)
        case failure(ProtocolError)
    }

    /// Feeds bytes read from the peer. Bytes after the peer's close frame or a protocol
    /// error, or after the connection has closed, are ignored. Pings are answered at once.
    public mutating func receive(_ bytes: UnsafeRawBufferPointer) {
        guard canReceive else { return }
        do {
            try decoder.decode(bytes, into: &assembler)
        } catch {
            queueFailure(error)
            return
        }
        queueIncoming()
    }

    /// What was completed before a protocol error, then the error: it takes effect when reached.
    private mutating func queueFailure(_ error: ProtocolError) {
        queueIncoming()
        pending.append(.failure(error))
        terminalQueued = true
    }

    /// While the peer is in the middle of a message (or a frame): the bytes it has announced
    /// in a frame header and not delivered yet, 0 when only the message's end is unknown.
    /// nil between messages and once nothing more is read. A hint for the transport, which
    /// may wake less often while the rest streams in.
    public var promisedBytes: Int? {
        guard canReceive, assembler.isInsideMessage || !decoder.isAtFrameBoundary else { return nil }
        return decoder.payloadInProgress.map { $0.header.payloadLength - $0.offset } ?? 0
    }

    /// Frames at least this large have their payload read in place by `receiveInPlace`; for
    /// smaller ones the copy it saves is worth less than the extra read.
    public static let inPlaceFrameSize = 64 << 10
    /// Most bytes one in-place read asks for.
    static let inPlaceReadLimit = 1 << 20
    /// The message in progress has had a large frame: peek at the next header alone.
    private var readingLargeFrames = false

    /// Lets the transport read the next bytes straight into the message being received, instead
    /// of into its own buffer and then through `receive(_:)`, which copies them once more.
    /// `read` is given the room and returns how many bytes it put there (0 for none: EOF or
    /// nothing waiting, which the transport handles). Two cases take it:
    /// - inside the payload of a large data frame (not compressed): up to the rest of that
    ///   payload goes into the message's spare capacity, then is unmasked and checked;
    /// - between two frames of a message whose frames are large: only up to a header's
    ///   14 bytes are read, so the next payload can go in place as well.
    /// Returns nil, without calling `read`, otherwise; the transport then calls `receive(_:)`.
    public mutating func receiveInPlace(_ read: (UnsafeMutableRawBufferPointer) -> Int) -> Int? {
        guard canReceive else { return nil }
        if let (header, offset) = decoder.payloadInProgress {
            readingLargeFrames = header.payloadLength >= Self.inPlaceFrameSize && assembler.takesPayloadInPlace
            guard readingLargeFrames,
                  let count = assembler.readInPlace(limit: min(header.payloadLength - offset, Self.inPlaceReadLimit), read)
            else { return nil }
            do {
                try assembler.payloadArrivedInPlace(count: count, maskingKey: header.maskingKey, offset: offset)
                try decoder.payloadTakenInPlace(count, sink: &assembler)
            } catch {
                queueFailure(error)
                return count
            }
            queueIncoming()
            if !assembler.isInsideMessage { readingLargeFrames = false }
            return count
        }
        guard readingLargeFrames, assembler.isInsideMessage, decoder.isAtFrameBoundary else { return nil }
        return withUnsafeTemporaryAllocation(byteCount: FrameHeader.maximumSize, alignment: 1) { room in
            let count = read(room)
            receive(UnsafeRawBufferPointer(rebasing: room[..<count]))
            return count
        }
    }

    /// Array convenience for `receive(_:)`.
    public mutating func receive(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { receive($0) }
    }

    /// The peer's byte stream ended. Without a completed close handshake that is 1006.
    public mutating func receiveEOF() {
        guard canReceive else { return }
        let info = CloseInfo(code: .abnormal, reason: "", initiator: .abnormal)
        state = .closed(info)
        terminalQueued = true
        pending.append(.event(.closed(info)))
    }

    /// The next thing the peer did, or nil when everything received so far is consumed.
    /// Taking a close or a failure applies it: the close reply (or the error's close frame)
    /// is queued for sending and the state becomes `.closed`.
    public mutating func nextEvent() -> WebSocketEvent? {
        guard pendingIndex < pending.count else { return nil }
        let next = pending[pendingIndex]
        pendingIndex += 1
        if pendingIndex == pending.count {
            pending.removeAll(keepingCapacity: true)
            pendingIndex = 0
        }
        switch next {
        case .event(let event):
            return event
        case .peerClose(let code, let reason):
            let info: CloseInfo
            if state == .closeSent {
                info = CloseInfo(code: code ?? .noStatus, reason: reason, initiator: .local)
            } else {
                // Echo the peer's code (RFC 6455 §5.5.1); an empty close gets an empty answer.
                var payload: [UInt8] = []
                if let code {
                    payload = [UInt8(code.rawValue >> 8), UInt8(truncatingIfNeeded: code.rawValue)]
                }
                if state == .open { writeFrame(.close, payload: payload) }
                info = CloseInfo(code: code ?? .noStatus, reason: reason, initiator: .remote)
            }
            state = .closed(info)
            return .closed(info)
        case .failure(let error):
            if state == .open { writeClose(code: error.closeCode, reason: "") }
            let info = CloseInfo(code: error.closeCode, reason: error.description, initiator: .protocolError(error))
            state = .closed(info)
            return .closed(info)
        }
    }

    private var canReceive: Bool {
        if terminalQueued { return false }
        if case .closed = state { return false }
        return true
    }

    private mutating func queueIncoming() {
        if recordsFrames { frameRecords += assembler.takeFrameRecords() }
        for frame in assembler.takeCompleted() {
            switch frame {
            case .text(let bytes): pending.append(.event(.text(TextPayload(validated: bytes))))
            case .binary(let bytes): pending.append(.event(.binary(bytes)))
            case .ping(let payload):
                if state == .open { writeFrame(.pong, payload: payload) }
                pending.append(.event(.ping(payload)))
            case .pong(let payload): pending.append(.event(.pong(payload)))
            case .close(let code, let reason):
                pending.append(.peerClose(code, reason))
                terminalQueued = true
                return
            }
        }
    }

    // MARK: Sending

    /// Queues a whole message as one frame.
    public mutating func send(_ message: Message) throws(SendError) {
        guard state == .open else { throw .closing }
        switch message {
        case .text(var text):
            text.withUTF8 { writeMessage(.text, payload: UnsafeRawBufferPointer($0)) }
        case .binary(let bytes):
            bytes.withUnsafeBytes { writeMessage(.binary, payload: $0) }
        }
    }

    /// Queues raw payload bytes as one text or binary message without copying them first.
    /// The caller vouches that text is UTF-8.
    public mutating func send(_ opcode: Opcode, payload: UnsafeRawBufferPointer) throws(SendError) {
        precondition(opcode == .text || opcode == .binary, "send(_:payload:) takes data opcodes")
        guard state == .open else { throw .closing }
        writeMessage(opcode, payload: payload)
    }

    /// Queues a message split into frames of at most `fragmentSize` payload bytes.
    public mutating func send(_ message: Message, fragmentSize: Int) throws(SendError) {
        precondition(fragmentSize > 0, "fragments carry at least one byte")
        guard state == .open else { throw .closing }
        let opcode: Opcode
        let bytes: [UInt8]
        switch message {
        case .text(let text): opcode = .text; bytes = Array(text.utf8)
        case .binary(let b): opcode = .binary; bytes = b
        }
        bytes.withUnsafeBytes { writeMessage(opcode, payload: $0, fragmentSize: fragmentSize) }
    }

    /// Queues a ping; its pong arrives as an event.
    public mutating func ping(_ payload: [UInt8] = []) throws(SendError) {
        guard state == .open else { throw .closing }
        guard payload.count <= 125 else { throw .controlPayloadTooLong(payload.count) }
        writeFrame(.ping, payload: payload)
    }

    /// Queues an unsolicited pong (a one-way heartbeat, RFC 6455 §5.5.3).
    public mutating func pong(_ payload: [UInt8] = []) throws(SendError) {
        guard state == .open else { throw .closing }
        guard payload.count <= 125 else { throw .controlPayloadTooLong(payload.count) }
        writeFrame(.pong, payload: payload)
    }

    /// Starts the close handshake. The reason is cut to fit the 125-byte control payload
    /// at a character boundary.
    public mutating func close(code: CloseCode = .normal, reason: String = "") throws(SendError) {
        guard state == .open else { throw .closing }
        guard code.isValidOnWire else { throw .invalidCloseCode(code.rawValue) }
        writeClose(code: code, reason: reason)
        state = .closeSent
    }

    private mutating func writeClose(code: CloseCode, reason: String) {
        var payload: [UInt8] = [UInt8(code.rawValue >> 8), UInt8(truncatingIfNeeded: code.rawValue)]
        var used = 0
        for scalar in reason.unicodeScalars {
            let width = UTF8.width(scalar)
            guard used + width <= 123 else { break }
            payload.append(contentsOf: UTF8.encode(scalar)!)
            used += width
        }
        writeFrame(.close, payload: payload)
    }

    private mutating func writeFrame(_ opcode: Opcode, payload: [UInt8], fin: Bool = true) {
        payload.withUnsafeBytes { writeFrame(opcode, payload: $0, fin: fin) }
    }

    private mutating func writeFrame(_ opcode: Opcode, payload: UnsafeRawBufferPointer, fin: Bool = true, rsv1: Bool = false) {
        if recordsFrames { frameRecords.append(FrameRecord(direction: .sent, opcode: opcode, fin: fin, length: payload.count)) }
        let key: MaskingKey? = role == .client ? MaskingKey(using: &random) : nil
        let header = FrameHeader(fin: fin, rsv1: rsv1, opcode: opcode, maskingKey: key, payloadLength: payload.count)
        FrameEncoder.encode(header, payload: payload, into: &outbound)
    }

    // MARK: Outbound bytes

    /// While a transport delivers the events of one read, it writes what their handlers send
    /// once, after the last event (one system call and one TCP segment for a batch of small
    /// answers instead of one each), unless this much is waiting already.
    static let deferredFlushLimit = 256 << 10

    /// Whether a transport should write the waiting bytes as soon as something is sent: always,
    /// except while it delivers the events of one read and less than `deferredFlushLimit` waits.
    public func flushesNow(deliveringEvents: Bool) -> Bool {
        !deliveringEvents || outbound.count >= Self.deferredFlushLimit
    }

    /// Bytes waiting to be written to the peer.
    public var hasOutbound: Bool { !outbound.isEmpty }
    public var outboundCount: Int { outbound.count }

    /// Takes the bytes waiting to be written.
    public mutating func takeOutbound() -> [UInt8] {
        defer { outbound = [] }
        return outbound
    }

    /// Lends the waiting bytes to `write` (which must copy what it keeps) and forgets them,
    /// keeping the buffer for reuse unless it grew past 1 MiB.
    public mutating func drainOutbound(_ write: (UnsafeRawBufferPointer) -> Void) {
        guard !outbound.isEmpty else { return }
        outbound.withUnsafeBytes { write($0) }
        outbound.removeAll(keepingCapacity: outbound.capacity <= 1 << 20)
    }

    /// Hands over the waiting bytes the way a transport writes them cheapest: from 64 KiB on,
    /// the buffer itself (`adopt`, which may keep it without copying what the kernel cannot
    /// take now); below that, lent (`copy`), so the small buffer is reused for the next frames.
    public mutating func flushOutbound(adopt: ([UInt8]) -> Void, copy: (UnsafeRawBufferPointer) -> Void) {
        if outbound.count >= 64 << 10 { adopt(takeOutbound()) } else { drainOutbound(copy) }
    }
}
