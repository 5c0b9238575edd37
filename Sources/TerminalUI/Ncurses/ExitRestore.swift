#if canImport(Glibc)
import Glibc
#endif

/// Restores the terminal if the process exits while a screen is still up (an `exit()` from
/// anywhere, a thrown error reaching `main`): a terminal left raw, on the alternate screen and
/// in paste mode is unusable until `reset`. Crashes (traps, signals) are not covered.
enum ExitRestore {
    // Touched only from the single UI thread and from `atexit`, which runs on that thread.
    nonisolated(unsafe) private static var restore: (() -> Void)?
    nonisolated(unsafe) private static var registered = false

    static func arm(_ action: @escaping () -> Void) {
        restore = action
        if !registered {
            registered = true
            atexit { ExitRestore.run() }
        }
    }

    static func disarm() {
        restore = nil
    }

    private static func run() {
        let action = restore
        restore = nil
        action?()
    }
}
