#if canImport(Glibc)
import Glibc
#endif
import CNcursesw

/// The real terminal, through ncursesw on `/dev/tty`: draws frames by writing only the cells
/// that changed, and reads keys without blocking. Use from one thread only.
public final class NcursesScreen: Screen {
    /// What to switch on besides drawing and keys.
    public struct Options: Sendable {
        /// Clicks and the wheel (`--no-mouse` turns this off, leaving the terminal's own selection).
        public var mouse: Bool
        /// Colours when the terminal has them; false draws with attributes only.
        public var colors: Bool
        /// Milliseconds ncurses waits after Esc for the rest of a key sequence.
        public var escapeDelay: Int

        public init(mouse: Bool = true, colors: Bool = true, escapeDelay: Int = 25) {
            self.mouse = mouse
            self.colors = colors
            self.escapeDelay = escapeDelay
        }
    }

    public private(set) var size: (width: Int, height: Int)
    public var inputFD: Int32 { tty.fd }
    /// Colours the style resolver is asked about: 0 when drawing with attributes only.
    public var paletteSize: Int { palette.paletteSize }
    /// Whether the locale's character set is UTF-8 (after the C-locale fallback).
    public let isUTF8: Bool

    private let tty: ControllingTerminal
    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private let palette: StylePalette
    private let options: Options
    private let cornerUsesInsert: Bool
    private var decoder = KeyDecoder()
    private var glyph: GlyphBuffer
    private var previous: Frame?
    private var cursorVisible: Bool?
    private var isShutDown = false

    /// Takes over the terminal. `styleFor` is asked once per role (and again after
    /// `restyle`) with the palette size this terminal offers.
    public init(options: Options = Options(), styleFor: @escaping TerminalStyleResolver) throws(TerminalError) {
        isUTF8 = wisp_setup_locale() != 0
        glyph = GlyphBuffer()
        tty = try ControllingTerminal()
        // newterm, unlike initscr, reports failure instead of exiting the process.
        guard let screen = newterm(nil, tty.file, tty.file) else {
            throw .unsupportedTerminal(term: getenv("TERM").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 })
        }
        self.screen = screen
        set_term(screen)
        window = wisp_stdscr()
        self.options = options

        raw()  // Ctrl-C, Ctrl-Z, Ctrl-S arrive as keys; the app decides what they mean.
        noecho()
        nonl()
        keypad(window, true)
        nodelay(window, true)
        intrflush(window, false)
        leaveok(window, false)
        set_escdelay(Int32(options.escapeDelay))
        define_key(EscapeSequence.pasteBeginString, KeyCode.pasteBegin)
        define_key(EscapeSequence.pasteEndString, KeyCode.pasteEnd)
        palette = StylePalette(resolver: styleFor, colorsEnabled: options.colors)
        cornerUsesInsert = wisp_corner_uses_insert() != 0
        if options.mouse {
            mousemask(MouseButtons.requested, nil)
            mouseinterval(0)  // Report press and release at once; click detection would add lag.
        }
        tty.writeSequence(TerminalMode.bracketedPasteOn)

        var rows: Int32 = 0, cols: Int32 = 0
        wisp_getmaxyx(window, &rows, &cols)
        size = (Int(cols), Int(rows))
        ExitRestore.arm { [weak self] in self?.shutdown() }
    }

    deinit {
        shutdown()
        delscreen(screen)
    }

    /// Switches to another theme's styles and redraws everything on the next `present`.
    public func restyle(_ styleFor: @escaping TerminalStyleResolver) {
        palette.replaceResolver(styleFor)
        invalidate()
    }

    public func present(_ frame: Frame) {
        guard !isShutDown else { return }
        let old = previous.flatMap { $0.width == frame.width && $0.height == frame.height ? $0 : nil }
        if old == nil { werase(window) }
        let rows = min(frame.height, size.height)
        let cols = min(frame.width, size.width)
        for y in 0..<rows {
            let row = y * frame.width..<(y + 1) * frame.width
            if let old, old.cells[row] == frame.cells[row] { continue }
            for x in 0..<cols where old.map({ Self.needsDrawing(x, y, old: $0, new: frame) }) ?? true {
                draw(frame, x, y, cols: cols)
            }
        }
        placeCursor(frame.cursor, rows: rows, cols: cols)
        wnoutrefresh(window)
        doupdate()
        previous = frame
    }

    public func readKeys() -> [Key] {
        guard !isShutDown else { return [] }
        var inputs: [RawInput] = []
        var code: UInt32 = 0
        loop: while true {
            switch wisp_get_wch(window, &code) {
            case Int32(WISP_INPUT_CHAR):
                inputs.append(.char(code))
            case Int32(WISP_INPUT_KEY) where Int32(bitPattern: code) == KeyCode.mouse:
                if let event = readMouse() { inputs.append(.mouse(event)) }
            case Int32(WISP_INPUT_KEY):
                inputs.append(.keyCode(Int32(bitPattern: code)))
            default:
                break loop
            }
        }
        return decoder.decode(inputs)
    }

    public func resized() -> (width: Int, height: Int) {
        guard !isShutDown else { return size }
        var rows: Int32 = 0, cols: Int32 = 0
        if wisp_tty_size(tty.fd, &rows, &cols) == wisp_ok() {
            resizeterm(rows, cols)
        }
        wisp_getmaxyx(window, &rows, &cols)
        size = (Int(cols), Int(rows))
        invalidate()
        return size
    }

    public func invalidate() {
        previous = nil
        // The terminal may hold garbage written behind ncurses' back: clear it physically too.
        clearok(window, true)
    }

    public func shutdown() {
        guard !isShutDown else { return }
        isShutDown = true
        ExitRestore.disarm()
        if options.mouse { mousemask(0, nil) }
        endwin()
        tty.writeSequence(TerminalMode.bracketedPasteOff)
    }

    // MARK: - Drawing

    /// A cell is redrawn when it changed, or when its right neighbour started or stopped being
    /// the continuation of a wide glyph (which changes how many columns this cell spans).
    private static func needsDrawing(_ x: Int, _ y: Int, old: Frame, new: Frame) -> Bool {
        if old[x, y] != new[x, y] { return true }
        return x + 1 < new.width && old[x + 1, y].isContinuation != new[x + 1, y].isContinuation
    }

    private func draw(_ frame: Frame, _ x: Int, _ y: Int, cols: Int) {
        let cell = frame[x, y]
        if cell.isContinuation {
            // The right half of a wide glyph is ncurses' to fill; one without a left half
            // (a malformed frame) is blanked so nothing stale remains.
            let orphan = x == 0 || frame[x - 1, y].isContinuation
            if orphan { put(" ", role: cell.role, x: x, y: y, columns: 1) }
            return
        }
        let wide = x + 1 < cols && frame[x + 1, y].isContinuation
        if wide, garblesCorner(x: x, y: y) {
            // One column is too narrow for the glyph: the replacement character, then a blank.
            put(cell.text, role: cell.role, x: x, y: y, columns: 1)
            put(" ", role: cell.role, x: x + 1, y: y, columns: 1)
            return
        }
        put(cell.text, role: cell.role, x: x, y: y, columns: wide ? 2 : 1)
    }

    /// ncurses writes the bottom-right cell of a terminal that wraps at the margin one column
    /// to the left and inserts the previous cell back; when that cell is the right half of a
    /// wide glyph, the row comes out shifted (seen under tmux). Such a glyph is not drawn wide.
    private func garblesCorner(x: Int, y: Int) -> Bool {
        cornerUsesInsert && y == size.height - 1 && x + 3 == size.width
    }

    private func put(_ text: String, role: Role, x: Int, y: Int, columns: Int) {
        let style = palette.drawing(for: role)
        // ncurses writes the bottom-right cell by a trick (the margin switched off, or the
        // insert of `garblesCorner`); a combining mark sent then lands on the wrong cell (seen
        // under tmux), so the corner shows its base character alone.
        let isCorner = x == size.width - 1 && y == size.height - 1
        let blanks = glyph.load(text, columns: columns, marks: !isCorner)
        glyph.scalars.withUnsafeBufferPointer {
            _ = wisp_mvadd_wch(window, Int32(y), Int32(x), $0.baseAddress, style.attributes, style.pair)
        }
        guard blanks > 0 else { return }
        _ = glyph.load(" ", columns: 1)
        for column in x + columns - blanks..<x + columns {
            glyph.scalars.withUnsafeBufferPointer {
                _ = wisp_mvadd_wch(window, Int32(y), Int32(column), $0.baseAddress, style.attributes, style.pair)
            }
        }
    }

    private func placeCursor(_ cursor: (x: Int, y: Int)?, rows: Int, cols: Int) {
        let target = cursor.flatMap { (0..<cols).contains($0.x) && (0..<rows).contains($0.y) ? $0 : nil }
        if let target { wmove(window, Int32(target.y), Int32(target.x)) }
        let visible = target != nil
        if cursorVisible != visible {
            curs_set(visible ? 1 : 0)
            cursorVisible = visible
        }
    }

    // MARK: - Input

    private func readMouse() -> MouseEvent? {
        var x: Int32 = 0, y: Int32 = 0
        var buttons: mmask_t = 0
        guard wisp_getmouse(&x, &y, &buttons) == wisp_ok(), let kind = MouseButtons.kind(of: buttons) else { return nil }
        return MouseEvent(kind, x: Int(x), y: Int(y))
    }
}

/// DEC private modes ncurses has no capability for.
enum TerminalMode {
    static let bracketedPasteOn = "\u{1B}[?2004h"
    static let bracketedPasteOff = "\u{1B}[?2004l"
}
