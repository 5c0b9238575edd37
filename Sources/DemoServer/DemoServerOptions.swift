import SuggestProtocol

/// Everything `wisp serve` can be told, with the reference design's defaults.
public struct DemoServerOptions: Sendable {
    public var host: String = "127.0.0.1"
    public var port: UInt16 = 6001
    public var path: String = "/ws"
    public var maxSuggestions: Int = 8
    /// Simulated model latency before each answer, plus up to `jitter` more.
    public var delay: Duration = .zero
    public var jitter: Duration = .zero
    /// Probability (0…1) that a query fails with "AI service currently unavailable.".
    public var errorRate: Double = 0
    /// Seed of the latency jitter and error injection, so demos and tests replay.
    public var seed: UInt64 = 0x5EED
    /// Server pings to every client this often; nil for none.
    public var pingInterval: Duration?
    /// Largest client message; bigger ones are closed with 1009.
    public var maxMessageSize: Int = 64 << 10
    /// Unsent bytes after which a client that does not read is dropped.
    public var maxQueuedBytes: Int = 1 << 20
    /// Clients at most (handshaking or connected); more are answered 503. nil: no limit.
    public var maxConnections: Int? = 10_000
    public var names: ProtocolNames = .reference

    public init() {}
}
