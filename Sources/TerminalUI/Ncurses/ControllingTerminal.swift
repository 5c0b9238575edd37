#if canImport(Glibc)
import Glibc
#endif

/// The controlling terminal, opened directly so that wisp draws there even when stdout is a
/// pipe (`choice=$(wisp)`), as fzf does.
final class ControllingTerminal {
    static let path = "/dev/tty"

    let file: UnsafeMutablePointer<FILE>
    var fd: Int32 { fileno(file) }

    init() throws(TerminalError) {
        // "e": close-on-exec, so child processes do not inherit the tty handle.
        guard let file = fopen(Self.path, "r+e") else {
            let code = errno
            throw .noTerminal(path: Self.path, errno: code, reason: String(cString: strerror(code)))
        }
        self.file = file
    }

    deinit {
        fclose(file)
    }

    /// Writes a control sequence ncurses has no capability for, bypassing its output buffer
    /// (only mode switches go this way, so ordering against that buffer does not matter).
    func writeSequence(_ sequence: String) {
        let bytes = Array(sequence.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if written > 0 {
                offset += written
            } else if written < 0, errno == EINTR {
                continue
            } else {
                return
            }
        }
    }
}
