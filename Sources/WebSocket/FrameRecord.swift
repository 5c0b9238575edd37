/// One frame that crossed the wire, for transcripts (`--log`): headers only, no payload.
public struct FrameRecord: Sendable, Equatable {
    public enum Direction: String, Sendable {
        case sent, received
    }
    public var direction: Direction
    public var opcode: Opcode
    public var fin: Bool
    public var length: Int

    public init(direction: Direction, opcode: Opcode, fin: Bool, length: Int) {
        self.direction = direction
        self.opcode = opcode
        self.fin = fin
        self.length = length
    }
}
