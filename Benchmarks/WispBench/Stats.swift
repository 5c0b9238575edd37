import EventLoop

#if canImport(Glibc)
import Glibc
#endif

/// Monotonic nanoseconds, for timing.
func nowNanos() -> UInt64 { SystemClock().now().nanoseconds }

/// Percentile of sorted samples (nearest rank).
func percentile(_ sorted: [UInt64], _ p: Double) -> UInt64 {
    guard !sorted.isEmpty else { return 0 }
    let rank = Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1
    return sorted[min(max(rank, 0), sorted.count - 1)]
}

func format(_ value: Double, _ digits: Int = 2) -> String {
    var p = 1.0
    for _ in 0..<digits { p *= 10 }
    let rounded = (value * p).rounded() / p
    var text = "\(rounded)"
    if let dot = text.firstIndex(of: ".") {
        let decimals = text.distance(from: dot, to: text.endIndex) - 1
        if decimals < digits { text += String(repeating: "0", count: digits - decimals) }
    }
    return text
}

/// CPU time (user + system) this process has used so far, in nanoseconds: on this VM the
/// clock's run-to-run spread is wide, while the CPU a workload costs varies much less.
func processCPUNanos() -> UInt64 {
    var usage = rusage()
    guard getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage) == 0 else { return 0 }
    func nanos(_ t: timeval) -> UInt64 { UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_usec) * 1000 }
    return nanos(usage.ru_utime) + nanos(usage.ru_stime)
}

/// Prints the `INFO <workload> cpu` line that scripts/bench-clients.sh reads: the process's
/// CPU time over the timed part of a workload.
func printCPU(_ workload: String, since start: UInt64) {
    print("INFO \(workload) cpu \(format(Double(processCPUNanos() - start) / 1e6, 1)) ms")
}
