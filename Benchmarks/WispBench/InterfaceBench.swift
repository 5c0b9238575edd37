import SuggestProtocol
import TerminalUI
import WispCore

#if canImport(Glibc)
import Glibc
#endif

/// Time from a server message's arrival to its frame presented: decode + `update` + `render`
/// + `present`. On a terminal (`wisp-bench ui --terminal`, e.g. inside tmux) `present` is the
/// real ncurses screen; otherwise a screen that diffs frames cell by cell as the backend does.
enum InterfaceBench {
    static func run(terminal: Bool) throws {
        var lines: [String] = []
        var screen: Screen = DiffingScreen(width: 200, height: 60)
        var ncurses: NcursesScreen?
        if terminal {
            let real = try NcursesScreen(styleFor: BuiltinThemes.fallback.terminalStyles)
            ncurses = real
            screen = real
        }
        let size = screen.size
        for count in [8, 5000] {
            var model = AppModel(config: AppConfig(url: "ws://bench/ws"), width: size.width, height: size.height)
            var clock: Int64 = 0
            func now() -> Timestamp { clock += 1; return Timestamp(monotonic: clock, wall: clock) }
            _ = update(&model, .connection(.opened(latency: 1)), now: now())
            for c in "wireless head" { _ = update(&model, .key(.character(c)), now: now()) }
            _ = update(&model, .timerFired(.debounce, generation: model.generation), now: now())
            // Two answers that differ in every row, so each frame really changes.
            let answers = (0..<2).map { variant in
                ServerMessage.suggestions(originalQuery: "wireless head",
                                          suggestions: (0..<count).map { "wireless headphones model \($0 * 7 + variant) 日本 😀" },
                                          timestamp: 1).encoded()
            }
            var samples: [UInt64] = []
            let rounds = count == 8 ? 5000 : 300
            for i in 0..<rounds {
                let start = nowNanos()
                _ = update(&model, .serverText(answers[i & 1]), now: now())
                screen.present(render(model))
                samples.append(nowNanos() - start)
            }
            samples.sort()
            let target = count == 8 ? "≤ 2 ms" : "≤ 10 ms"
            lines.append("interface: message → frame presented, \(count) suggestions, \(size.width)×\(size.height), \(terminal ? "ncurses on this terminal" : "diffing screen"): p50 \(format(Double(percentile(samples, 50)) / 1e6, 3)) ms, p99 \(format(Double(percentile(samples, 99)) / 1e6, 3)) ms (target p99 \(target))")
        }
        ncurses?.shutdown()
        for line in lines { print(line) }
    }
}

/// Compares each frame with the previous one cell by cell, as the ncurses backend does,
/// and counts the cells it would write.
final class DiffingScreen: Screen {
    let size: (width: Int, height: Int)
    var inputFD: Int32 { -1 }
    private var previous: Frame?
    private(set) var written = 0

    init(width: Int, height: Int) { size = (width, height) }

    func present(_ frame: Frame) {
        if let previous, previous.width == frame.width, previous.height == frame.height {
            for i in 0..<frame.cells.count where frame.cells[i] != previous.cells[i] { written += 1 }
        } else {
            written += frame.cells.count
        }
        previous = frame
    }

    func readKeys() -> [Key] { [] }
    func resized() -> (width: Int, height: Int) { size }
    func invalidate() { previous = nil }
    func shutdown() {}
}
