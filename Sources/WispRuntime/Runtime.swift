import EventLoop
import TerminalUI
import WebSocket
import WebSocketClient
import WispCore

#if canImport(Glibc)
import Glibc
#endif

/// Runs the interface: feeds reactor events to `update` as messages, carries out the
/// effects it returns, and renders at most once per reactor pass when the model changed.
/// Everything here is plumbing; decisions live in `update`.
public final class Runtime {
    public private(set) var model: AppModel
    /// Set once an effect asked to quit.
    public private(set) var exit: (status: Int32, output: String?)?

    private let screen: Screen
    private let reactor: Reactor
    private let url: WebSocketURL
    private let clientConfiguration: ClientConfiguration
    private var client: WebSocketClient?
    /// Replaced connections finishing their close handshake.
    private var retiring: [ObjectIdentifier: WebSocketClient] = [:]
    private var timers: [TimerKind: TimerID] = [:]
    private var dirty = true

    private let trace: ((ClientTrace) -> Void)?

    /// `trace` receives every step of every connection (the interface's `--log`).
    public init(model: AppModel, screen: Screen, reactor: Reactor, url: WebSocketURL, client: ClientConfiguration,
                trace: ((ClientTrace) -> Void)? = nil) {
        self.trace = trace
        self.model = model
        self.screen = screen
        self.reactor = reactor
        self.url = url
        clientConfiguration = client
        reactor.register(fd: screen.inputFD, interest: .readable) { [unowned self] events in
            for key in self.screen.readKeys() { self.dispatch(.key(key)) }
            if events.contains(.hangup) || events.contains(.error) {
                // The terminal is gone: nothing more will ever be read, so leave (as on SIGHUP).
                self.reactor.unregister(fd: self.screen.inputFD)
                self.quit(status: 129)
            }
        }
        reactor.addPassObserver { [unowned self] in self.renderIfNeeded() }
    }

    /// Connects and draws the first frame.
    public func start() {
        connect()
        renderIfNeeded()
    }

    /// Ends the session from outside the app (a signal, a lost terminal) with `status`.
    public func quit(status: Int32) {
        if exit == nil { exit = (status, nil) }
    }

    /// The terminal changed size (SIGWINCH).
    public func resized() {
        let size = screen.resized()
        dispatch(.resized(width: size.width, height: size.height))
    }

    /// Feeds one message to `update` and carries out its effects.
    public func dispatch(_ msg: AppMsg) {
        let effects = update(&model, msg, now: timestamp())
        dirty = true
        for effect in effects { perform(effect) }
    }

    private func perform(_ effect: Effect) {
        switch effect {
        case .send(let text):
            try? client?.send(.text(text))
        case .startTimer(let kind, let after, let generation):
            if let old = timers[kind] { reactor.cancelTimer(old) }
            timers[kind] = reactor.addTimer(after: .milliseconds(after)) { [weak self] in
                guard let self else { return }
                self.timers[kind] = nil
                self.dispatch(.timerFired(kind, generation: generation))
            }
        case .cancelTimer(let kind):
            if let id = timers.removeValue(forKey: kind) { reactor.cancelTimer(id) }
        case .connect:
            connect()
        case .redrawAll:
            screen.invalidate()
        case .saveTranscript:
            saveTranscript()
        case .quit(let status, let output):
            exit = (status, output)
        }
    }

    private func connect() {
        if let old = client, old.phase != .ended {
            // The old connection's callbacks must not reach the model any more; it stays
            // alive until its close handshake ends, then lets go of itself.
            old.onOpen = nil
            old.onEvent = nil
            old.onTrace = nil
            let id = ObjectIdentifier(old)
            retiring[id] = old
            old.onEnd = { [weak self] _ in self?.retiring[id] = nil }
            old.close(code: .goingAway, reason: "reconnecting")
        }
        let client = WebSocketClient(url: url, configuration: clientConfiguration, reactor: reactor)
        self.client = client
        client.onTrace = trace
        client.onOpen = { [unowned self, unowned client] _ in
            let started = client.startedAt ?? self.reactor.now
            let latency = self.reactor.now.duration(since: started).components
            self.dispatch(.connection(.opened(latency: latency.seconds * 1000 + latency.attoseconds / 1_000_000_000_000_000)))
        }
        client.onEvent = { [unowned self] event in
            switch event {
            case .text(let text): self.dispatch(.serverText(text.string))
            case .binary(let bytes): self.dispatch(.serverBinary(bytes: bytes.count))
            default: break
            }
        }
        client.onEnd = { [unowned self] end in
            switch end {
            case .failed(let error) where error.isCertificateFailure:
                self.dispatch(.connection(.certificateRejected(message: error.description)))
            case .failed(let error): self.dispatch(.connection(.failed(message: error.description, httpStatus: error.httpStatus)))
            case .closed(let info): self.dispatch(.connection(.closed(code: info.code.rawValue, description: info.description)))
            }
        }
        client.start()
    }

    /// Ctrl-S: the transcript as JSON Lines in `wisp-transcript-<unix ms>.jsonl`, never overwriting.
    private func saveTranscript() {
        let stamp = timestamp().wall
        let path = "wisp-transcript-\(stamp).jsonl"
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            dispatch(.notice("could not save the transcript to \(path): \(String(cString: strerror(errno)))", failed: true))
            return
        }
        defer { close(fd) }
        let entries = model.transcript.visible
        let text = entries.map(\.jsonLine).joined(separator: "\n") + (entries.isEmpty ? "" : "\n")
        let ok = Array(text.utf8).withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if n <= 0 { return false }
                offset += n
            }
            return true
        }
        dispatch(ok ? .notice("transcript saved to \(path) (\(entries.count) events)", failed: false)
                    : .notice("could not write \(path): \(String(cString: strerror(errno)))", failed: true))
    }

    private func renderIfNeeded() {
        guard dirty, exit == nil else { return }
        dirty = false
        screen.present(render(model))
    }

    /// Closes the connection politely (bounded by the close timeout) and restores the terminal.
    public func shutdown() {
        for id in timers.values { reactor.cancelTimer(id) }
        timers.removeAll()
        reactor.unregister(fd: screen.inputFD)
        if let client, client.phase != .ended {
            client.onEvent = nil
            client.close(code: .goingAway, reason: "bye")
            _ = try? reactor.run(timeout: .seconds(1)) { client.phase == .ended }
        }
        screen.shutdown()
    }

    private func timestamp() -> Timestamp {
        var wall = timespec()
        clock_gettime(CLOCK_REALTIME, &wall)
        let monotonic = Int64(reactor.now.nanoseconds / 1_000_000)
        return Timestamp(monotonic: monotonic, wall: Int64(wall.tv_sec) * 1000 + Int64(wall.tv_nsec) / 1_000_000)
    }
}
