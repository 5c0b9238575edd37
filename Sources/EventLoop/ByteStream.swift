/// A connected, reliable, ordered byte stream on the reactor: a plain `TCPSocket` or a
/// TLS session over one. The WebSocket client and server speak to this, not to the transport.
/// Callbacks run on the reactor's thread.
public protocol ByteStream: AnyObject {
    /// The local end of the connection.
    var localAddress: SocketAddress { get }
    /// The remote end of the connection.
    var peerAddress: SocketAddress { get }
    /// Bytes read; the pointer is valid only during the call.
    var onData: ((UnsafeRawBufferPointer) -> Void)? { get set }
    /// While the reader is mid-message, offered before a read: receive into the reader's own
    /// memory (see `TCPSocket.onReadInPlace`). A stream may never offer it.
    var onReadInPlace: (((UnsafeMutableRawBufferPointer) -> Int) -> Bool)? { get set }
    /// The peer ended its side cleanly; writing may continue.
    var onEOF: (() -> Void)? { get set }
    /// The stream failed; it is already closed when this runs.
    var onError: ((SocketError) -> Void)? { get set }
    /// Everything written has been handed to the kernel.
    var onDrained: (() -> Void)? { get set }
    /// Bytes accepted by `write` but not yet taken by the kernel.
    var queuedBytes: Int { get }
    /// Backpressure: while true, nothing is read.
    var isReadingPaused: Bool { get set }
    /// What the reader expects next; set after each delivery. See `ReadExpectation`.
    var readExpectation: ReadExpectation { get set }
    /// Whether `close()` was called or the stream failed.
    var isClosed: Bool { get }
    /// Sends, queueing what cannot go now; large arrays may be adopted rather than copied.
    func write(_ bytes: [UInt8])
    /// Sends, copying only what cannot go now.
    func write(_ bytes: UnsafeRawBufferPointer)
    /// Ends our side once everything queued is out; later writes are ignored.
    func shutdownWrite()
    /// Closes at once and drops every callback; idempotent.
    func close()
}

extension TCPSocket: ByteStream {}
