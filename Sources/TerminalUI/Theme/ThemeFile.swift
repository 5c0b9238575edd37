#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Reads a theme file from disk: the loader's only I/O, kept apart from the parser.
enum ThemeFile {
    /// Why a file gave no text, in the C library's words.
    enum Failure: Error, Equatable {
        /// No such file (or a path component is not a directory): try the next place.
        case missing(String)
        case unreadable(String)
    }

    /// Theme files are a few kilobytes; the cap stops `--theme /dev/zero` from eating memory.
    static let sizeLimit = 256 * 1024

    static func contents(of path: String) -> Result<String, Failure> {
        // O_NONBLOCK: a FIFO with no writer must fail, not hang the start-up.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            let code = errno
            return .failure(code == ENOENT || code == ENOTDIR ? .missing(message(code)) : .unreadable(message(code)))
        }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count == 0 { break }
            if count < 0 {
                let code = errno
                if code == EINTR { continue }
                return .failure(.unreadable(message(code)))
            }
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > sizeLimit { return .failure(.unreadable("larger than \(sizeLimit / 1024) KiB")) }
        }
        return .success(String(decoding: bytes, as: UTF8.self))
    }

    private static func message(_ code: Int32) -> String {
        strerror(code).map { String(cString: $0) } ?? "error \(code)"
    }
}
