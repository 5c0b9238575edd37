import Foundation
import WebSocketClient
import WispCLI

/// `--log FILE`: a JSON Lines transcript of everything a connection did, appended as it
/// happens (so a crash or Ctrl-C keeps what was written). Secrets are masked on the way in.
final class TranscriptLog {
    private let handle: FileHandle

    /// Opens (creating or appending to) `path`; throws a message that names the file.
    init(path: String) throws(UsageError) {
        let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw UsageError(message: "--log \(path): \(String(cString: strerror(errno)))", command: "")
        }
        handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }

    /// The log file named by `--log` in `args`, if any.
    static func open(_ args: Arguments) throws(UsageError) -> TranscriptLog? {
        guard let path = args.value("--log") else { return nil }
        return try TranscriptLog(path: path)
    }

    func append(_ trace: ClientTrace) { write(trace.jsonLine(time: Self.now())) }

    /// A query and how long its answer took.
    func appendQuery(_ query: String, latencyMilliseconds: Double?) {
        let latency = latencyMilliseconds.map { String(format: "%.3f", $0) } ?? "null"
        write(#"{"t":\#(Self.now()),"event":"query","query":\#(Self.quote(query)),"latency_ms":\#(latency)}"#)
    }

    private func write(_ line: String) {
        handle.write(Data((line + "\n").utf8))
    }

    private static func quote(_ s: String) -> String {
        (try? String(data: JSONEncoder().encode(s), encoding: .utf8)) ?? "\"\""
    }

    static func now() -> Int64 {
        var t = timespec()
        clock_gettime(CLOCK_REALTIME, &t)
        return Int64(t.tv_sec) * 1000 + Int64(t.tv_nsec) / 1_000_000
    }
}
