import EventLoop
import Testing

@Suite struct BufferedSystemRandomTests {
    /// Values across several refills of the 512-value buffer never repeat (a repeat among 2,000
    /// random 64-bit values has a chance of about 1 in 10^13), and none is the zero of an
    /// unfilled buffer.
    @Test func valuesAcrossRefillsAreDistinct() {
        var random = BufferedSystemRandom()
        let values = (0..<2000).map { _ in random.next() }
        #expect(Set(values).count == values.count)
        #expect(!values.contains(0))
    }

    /// A copy shares the buffer: interleaved draws from both never hand out a value twice, as
    /// two copies of a buffered value would (two connections masking with the same keys).
    @Test func copiesNeverRepeatEachOther() {
        var first = BufferedSystemRandom()
        _ = first.next()
        var second = first
        var values: [UInt64] = []
        for _ in 0..<700 {
            values.append(first.next())
            values.append(second.next())
        }
        #expect(Set(values).count == values.count)
    }
}
