#if canImport(Glibc)
import Glibc
#endif
import Testing
import TerminalUI

private func isReadable(_ fd: Int32) -> Bool {
    var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
    return poll(&entry, 1, 0) == 1 && entry.revents & Int16(POLLIN) != 0
}

@Suite struct RecordingScreenTests {
    @Test func recordsFramesInOrder() {
        let screen = RecordingScreen(width: 40, height: 10)
        #expect(screen.size == (40, 10))
        #expect(screen.lastFrame == nil)
        var first = Frame(width: 40, height: 10)
        first[0, 0] = Cell("a")
        var second = first
        second[1, 0] = Cell("日")
        second[2, 0] = .continuation(.normal)
        screen.present(first)
        screen.present(second)
        #expect(screen.frames == [first, second])
        #expect(screen.lastFrame?.trimmedLines.first == "a日")
    }

    @Test func readKeysReturnsOneQueuedBatchPerRead() {
        let screen = RecordingScreen()
        screen.queue(.character("a"), .left)
        screen.type("日本")
        screen.queue([])
        #expect(screen.hasQueuedKeys)
        #expect(screen.readKeys() == [.character("a"), .left])
        #expect(screen.readKeys() == [.character("日"), .character("本")])
        #expect(screen.readKeys() == [])
        #expect(!screen.hasQueuedKeys)
    }

    @Test func inputFDIsReadableExactlyWhileKeysWait() {
        let screen = RecordingScreen()
        #expect(screen.inputFD >= 0)
        #expect(!isReadable(screen.inputFD))
        screen.queue(.enter)
        screen.queue(.escape)
        #expect(isReadable(screen.inputFD))
        _ = screen.readKeys()
        #expect(isReadable(screen.inputFD))
        _ = screen.readKeys()
        #expect(!isReadable(screen.inputFD))
    }

    @Test func resizeIsReportedByResized() {
        let screen = RecordingScreen(width: 80, height: 24)
        screen.resize(to: 120, 40)
        #expect(screen.size == (120, 40))
        #expect(screen.resized() == (120, 40))
        #expect(screen.resizes == 1)
    }

    @Test func invalidateAndShutdownAreCounted() {
        let screen = RecordingScreen(width: 10, height: 2)
        screen.invalidate()
        screen.invalidate()
        #expect(screen.invalidations == 2)
        screen.shutdown()
        screen.shutdown()
        #expect(screen.isShutDown)
        screen.present(Frame(width: 10, height: 2))
        #expect(screen.frames.isEmpty, "nothing is drawn after shutdown")
    }

    @Test func terminalErrorsSayWhatIsWrong() {
        let noTTY = TerminalError.noTerminal(path: "/dev/tty", errno: 6, reason: "No such device or address")
        #expect("\(noTTY)" == "wisp needs a terminal: /dev/tty: No such device or address")
        #expect("\(TerminalError.unsupportedTerminal(term: "dumb-x"))".contains("'dumb-x'"))
    }
}
