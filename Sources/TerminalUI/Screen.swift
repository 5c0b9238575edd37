/// A terminal to draw frames on and read keys from: ncurses in production, a recording
/// double in tests.
public protocol Screen: AnyObject {
    /// Current size in cells.
    var size: (width: Int, height: Int) { get }
    /// The file descriptor to poll for input.
    var inputFD: Int32 { get }
    /// Draws `frame`, writing only what changed since the last one.
    func present(_ frame: Frame)
    /// Decodes every key that can be read now without blocking.
    func readKeys() -> [Key]
    /// Re-reads the terminal size after SIGWINCH and prepares a full redraw.
    func resized() -> (width: Int, height: Int)
    /// Forgets what is on screen so the next `present` redraws everything (Ctrl-L).
    func invalidate()
    /// Restores the terminal (idempotent); after this nothing is drawn.
    func shutdown()
}
