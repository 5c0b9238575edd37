/// Why the terminal could not be set up.
public enum TerminalError: Error, Equatable, CustomStringConvertible {
    /// The controlling terminal could not be opened (no tty: cron, CI, a pipe without one).
    case noTerminal(path: String, errno: Int32, reason: String)
    /// ncurses refused the terminal, typically an unknown or missing TERM.
    case unsupportedTerminal(term: String?)

    public var description: String {
        switch self {
        case .noTerminal(let path, _, let reason):
            return "wisp needs a terminal: \(path): \(reason)"
        case .unsupportedTerminal(let term?):
            return "wisp cannot drive terminal type '\(term)' (is TERM set correctly?)"
        case .unsupportedTerminal(nil):
            return "wisp cannot drive this terminal: TERM is not set"
        }
    }
}
