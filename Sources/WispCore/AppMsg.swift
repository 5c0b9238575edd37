/// Timers the app asks the runtime for; each firing carries the generation it was started with.
public enum TimerKind: Sendable, Hashable {
    case debounce
    case spinner
    case reconnect
    /// Once a second while reconnecting, to count down on screen.
    case countdown
}

/// Everything that can happen to the app.
public enum AppMsg: Sendable, Equatable {
    case key(Key)
    case resized(width: Int, height: Int)
    case timerFired(TimerKind, generation: Int)
    case connection(ConnectionEvent)
    case serverText(String)
    case serverBinary(bytes: Int)
    /// The runtime reports how a local action went (a saved transcript); `failed` puts it in the error line.
    case notice(String, failed: Bool)
}

/// What `update` asks the runtime to do: plain data, so tests assert it.
public enum Effect: Sendable, Equatable {
    case send(String)
    case startTimer(TimerKind, afterMilliseconds: Int64, generation: Int)
    case cancelTimer(TimerKind)
    /// Drop any current connection and connect again now.
    case connect
    /// Forget what is on screen and redraw everything (Ctrl-L).
    case redrawAll
    /// Write the transcript (as JSON Lines) to a new file.
    case saveTranscript
    /// Restore the terminal, print `output` on stdout (if any) and exit with `status`.
    case quit(status: Int32, output: String?)
}
