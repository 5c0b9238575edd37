/// What the assembler hands to the connection: whole messages and control frames.
enum IncomingFrame: Sendable {
    case text([UInt8])
    case binary([UInt8])
    case ping([UInt8])
    case pong([UInt8])
    /// A close frame, already checked: `nil` code when the payload was empty.
    case close(CloseCode?, String)
}

/// Reassembles fragmented messages (RFC 6455 §5.4) and enforces the message-level rules:
/// continuation order, the size limit (checked against each frame's declared length before
/// its payload arrives) and UTF-8 of text, validated as the bytes stream in.
struct MessageAssembler: FrameSink {
    let maxMessageSize: Int
    private(set) var completed: [IncomingFrame] = []
    private(set) var receivedClose = false

    private var messageOpcode: Opcode?
    private var message: [UInt8] = []
    private var validator = UTF8Validator()
    private var frame: FrameHeader?
    private var control: [UInt8] = []
    var recordsFrames = false
    private var frameRecords: [FrameRecord] = []

    mutating func takeFrameRecords() -> [FrameRecord] {
        defer { frameRecords.removeAll() }
        return frameRecords
    }

    /// Where the current data frame ends in `message`, for growing toward it.
    private var frameEndSize = 0
    /// Wire size of the last fragmented message, a capacity hint for the next one. The wire
    /// size, not the inflated one: a small deflate bomb must not make every later 14-byte
    /// header reserve the whole inflated size.
    private var lastFragmentedSize = 0
    /// Wire size of the last data message: a frame's claim is trusted up to this much, since
    /// this peer has already sent that much (see `frameStarted`).
    private var lastMessageSize = 0

    /// Room the message buffer has now (for tests of the reservation rules).
    var messageCapacity: Int { message.capacity }

    /// Set when permessage-deflate was negotiated.
    let decompressor: DeflateDecompressor?
    /// The message in progress came with RSV1: its bytes are deflate data until the last frame.
    private var messageCompressed = false

    init(maxMessageSize: Int, decompressor: DeflateDecompressor? = nil) {
        self.maxMessageSize = maxMessageSize
        self.decompressor = decompressor
        control.reserveCapacity(125)
    }

    var acceptsMoreFrames: Bool { !receivedClose }

    /// True while a fragmented message has started but not finished.
    var isInsideMessage: Bool { messageOpcode != nil }

    mutating func takeCompleted() -> [IncomingFrame] {
        defer { completed.removeAll(keepingCapacity: true) }
        return completed
    }

    mutating func frameStarted(_ header: FrameHeader) throws(ProtocolError) {
        frame = header
        if recordsFrames {
            frameRecords.append(FrameRecord(direction: .received, opcode: header.opcode, fin: header.fin, length: header.payloadLength))
        }
        switch header.opcode {
        case .close, .ping, .pong:
            control.removeAll(keepingCapacity: true)
            return
        case .continuation:
            guard messageOpcode != nil else { throw .continuationWithoutMessage }
        case .text, .binary:
            guard messageOpcode == nil else { throw .newMessageInsideFragmented(header.opcode) }
            messageOpcode = header.opcode
            messageCompressed = header.rsv1
            validator.reset()
        }
        guard header.payloadLength <= maxMessageSize - message.count else {
            throw .messageTooBig(limit: maxMessageSize)
        }
        if message.isEmpty, !header.fin, lastFragmentedSize > header.payloadLength {
            // A fragmented message does not say its size; peers tend to repeat sizes, so start
            // with the last one's instead of doubling (and copying) our way up to it.
            message.reserveCapacity(lastFragmentedSize)
        }
        // Reserve for what this peer has shown it sends, not for whatever a header claims: a
        // 14-byte header must not make us allocate 64 MiB. A claim is taken up to 1 MiB, or up
        // to the size of the peer's last message, and payload chunks grow the buffer toward the
        // rest 4x at a time. So a peer that has just sent 16 MiB gets room for its next 16 MiB
        // frame at once, instead of copying 1 + 4 MiB on the way up.
        message.reserveGrowing(min(header.payloadLength, max(1 << 20, lastMessageSize)))
        frameEndSize = message.count + header.payloadLength
    }

    mutating func framePayload(_ chunk: PayloadChunk) throws(ProtocolError) {
        guard let header = frame else { return }
        if header.opcode.isControl {
            chunk.appendUnmasked(to: &control)
            return
        }
        let start = message.count
        if message.count + chunk.bytes.count > message.capacity {
            // Grow by 4× (not to the claimed end at once), so memory stays within 4× of the bytes received.
            message.reserveCapacity(min(frameEndSize, max(message.count + chunk.bytes.count, message.capacity * 4)))
        }
        chunk.appendUnmasked(to: &message)
        try validateText(from: start)
    }

    /// Checks the message's bytes from `start` on, when it is text; compressed text can only
    /// be checked once inflated.
    private mutating func validateText(from start: Int) throws(ProtocolError) {
        guard messageOpcode == .text, !messageCompressed else { return }
        let valid = message.withUnsafeBytes { all in
            validator.validate(UnsafeRawBufferPointer(rebasing: all[start...]))
        }
        guard valid else { throw .invalidUTF8 }
    }

    /// The current frame's payload can be read straight into the message: a data frame of a
    /// message that is not compressed (compressed bytes must go through the inflater).
    var takesPayloadInPlace: Bool {
        guard let header = frame else { return false }
        return !header.opcode.isControl && !messageCompressed
    }

    /// Lets `read` write up to `limit` payload bytes of the current data frame straight into the
    /// message's spare capacity, growing it as `framePayload` would; returns how many it wrote,
    /// nil if `read` was never called. Call `payloadArrivedInPlace` with the count next.
    mutating func readInPlace(limit: Int, _ read: (UnsafeMutableRawBufferPointer) -> Int) -> Int? {
        precondition(takesPayloadInPlace && limit > 0, "no data frame payload to read into")
        let start = message.count
        if start + limit > message.capacity {
            message.reserveCapacity(min(frameEndSize, max(start + limit, message.capacity * 4)))
        }
        let room = min(limit, message.capacity - start)
        var written: Int?
        withoutActuallyEscaping(read) { read in
            message.append(contentsOf: SpareCapacityFill(room: room) { buffer in
                let count = read(buffer)
                written = count
                precondition(count >= 0 && count <= buffer.count, "read reported more than its room")
                return count
            })
        }
        precondition(message.count == start + (written ?? 0), "Array.append did not keep the bytes read in place")
        return written
    }

    /// Finishes `count` bytes that `readInPlace` put at the end of the message: unmasks them
    /// with the frame's key from `offset` (their position in the frame) and checks text.
    mutating func payloadArrivedInPlace(count: Int, maskingKey: MaskingKey?, offset: Int) throws(ProtocolError) {
        guard count > 0 else { return }
        let start = message.count - count
        if let maskingKey {
            message.withUnsafeMutableBytes { all in
                maskingKey.apply(to: UnsafeMutableRawBufferPointer(rebasing: all[start...]), phase: offset)
            }
        }
        try validateText(from: start)
    }

    mutating func frameEnded() throws(ProtocolError) {
        guard let header = frame else { return }
        frame = nil
        switch header.opcode {
        case .ping: completed.append(.ping(control))
        case .pong: completed.append(.pong(control))
        case .close:
            completed.append(try Self.parseClose(control))
            receivedClose = true
        case .text, .binary, .continuation:
            guard header.fin else { return }
            lastMessageSize = message.count
            if header.opcode == .continuation { lastFragmentedSize = message.count }
            if messageCompressed, let decompressor {
                message = try decompressor.decompress(message, limit: maxMessageSize)
                if messageOpcode == .text {
                    let valid = message.withUnsafeBytes { validator.validate($0) }
                    guard valid else { throw .invalidUTF8 }
                }
                messageCompressed = false
            }
            if messageOpcode == .text {
                guard validator.isComplete else { throw .invalidUTF8 }
                completed.append(.text(message))
            } else {
                completed.append(.binary(message))
            }
            messageOpcode = nil
            message = []
        }
    }

    /// Checks a close payload (RFC 6455 §5.5.1, §7.4): empty, or a valid code and a UTF-8 reason.
    static func parseClose(_ payload: [UInt8]) throws(ProtocolError) -> IncomingFrame {
        if payload.isEmpty { return .close(nil, "") }
        guard payload.count >= 2 else { throw .oneByteClosePayload }
        let code = CloseCode(UInt16(payload[0]) << 8 | UInt16(payload[1]))
        guard code.isValidOnWire else { throw .invalidCloseCode(code.rawValue) }
        var validator = UTF8Validator()
        let reason = payload[2...]
        let valid = reason.withUnsafeBytes { validator.validate($0) } && validator.isComplete
        guard valid else { throw .invalidCloseReason }
        return .close(code, String(decoding: reason, as: UTF8.self))
    }
}

/// A sequence of bytes that writes itself into the uninitialized room `Array.append(contentsOf:)`
/// hands to `_copyContents`, so that a socket can receive straight into an array's spare
/// capacity: the one way to fill it without first zeroing it. Its iterator yields nothing, so
/// a standard library that did not call `_copyContents` would append nothing and never call
/// `fill`, which `readInPlace` reports as nil (the caller then reads the usual way).
private struct SpareCapacityFill: Sequence {
    let room: Int
    let fill: (UnsafeMutableRawBufferPointer) -> Int

    var underestimatedCount: Int { 0 }
    func makeIterator() -> EmptyCollection<UInt8>.Iterator { EmptyCollection().makeIterator() }

    func _copyContents(initializing buffer: UnsafeMutableBufferPointer<UInt8>) -> (EmptyCollection<UInt8>.Iterator, Int) {
        let target = UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(buffer).prefix(room))
        return (makeIterator(), target.isEmpty ? 0 : fill(target))
    }
}

extension Array where Element == UInt8 {
    /// Makes room for `extra` more bytes, growing at least geometrically: `reserveCapacity`
    /// alone allocates exactly what it is asked for, which turns many small frames into O(n²) copying.
    mutating func reserveGrowing(_ extra: Int) {
        let needed = count + extra
        if needed > capacity { reserveCapacity(Swift.max(needed, capacity * 2)) }
    }
}
