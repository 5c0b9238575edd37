import CSystem
import Glibc

/// A single-threaded poll(2) loop: file descriptors, timers and signals feed one
/// `poll`, whose timeout is the time to the nearest timer, so an idle reactor
/// sleeps. A reactor belongs to the thread that created it; nothing in it is
/// shared, so several reactors can run on different threads.
public final class Reactor {
    private struct Registration {
        var generation: UInt64
        var interest: IOEvents
        var handler: (IOEvents) -> Void
        /// Position in `pollFDs`, or -1 while the interest is empty.
        var pollIndex: Int
    }

    /// An fd that poll reported, remembered with the registration it belonged
    /// to, so a handler that unregisters (or re-registers the same fd number)
    /// cannot get a stale event delivered to the new owner.
    private struct ReadyEntry {
        var fd: Int32
        var generation: UInt64
        var events: IOEvents
    }

    /// Size of the shared read buffer handed to socket callbacks.
    public static let readBufferSize = 256 * 1024

    private let clock: any MonotonicClock
    /// Indexed by fd number: fds are small, dense integers.
    private var registrations: [Registration?] = []
    private var pollFDs: [pollfd] = []
    private var ready: [ReadyEntry] = []
    private var nextGeneration: UInt64 = 1
    private var timers = TimerQueue()
    private var passObservers: [() -> Void] = []
    private var signalFD: Int32 = -1
    private var signalHandlers: [Int32: (Int32) -> Void] = [:]
    private var stopRequested = false
    private var inPass = false
    /// Counts passes, so that a socket can tell whether it read in the current one.
    private(set) var passNumber: UInt64 = 0
    /// A socket answered, in this pass, what it had read in it (see `pollAfterPass`).
    private var answeredInPass = false
    /// How many times a pass ended with a yield of the CPU before polling (for tests).
    private(set) var yieldsBeforePoll = 0

    /// One buffer for every read on this reactor; valid only during a callback.
    let readBuffer: UnsafeMutableRawBufferPointer

    /// A reactor timing its timers with `clock`.
    public init(clock: any MonotonicClock = SystemClock()) throws(SystemError) {
        self.clock = clock
        readBuffer = .allocate(byteCount: Self.readBufferSize, alignment: 16)
    }

    deinit {
        if signalFD >= 0 { Glibc.close(signalFD) }
        readBuffer.deallocate()
    }

    /// The reactor clock's current time.
    public var now: Instant { clock.now() }

    /// How many fds are registered (diagnostics and leak checks in tests).
    public var registeredDescriptorCount: Int { registrations.lazy.filter { $0 != nil }.count }

    /// How many timers are pending (diagnostics and leak checks in tests).
    public var pendingTimerCount: Int { timers.count }

    // MARK: File descriptors

    /// Watches `fd`; an fd already registered is replaced (its old handler gets
    /// nothing more). An empty interest keeps the registration without polling
    /// the fd, so not even hangup or error is reported until interest returns.
    public func register(fd: Int32, interest: IOEvents, handler: @escaping (IOEvents) -> Void) {
        precondition(fd >= 0, "Reactor.register: invalid fd \(fd)")
        unregister(fd: fd)
        let index = Int(fd)
        if index >= registrations.count {
            registrations.append(contentsOf: repeatElement(nil, count: index + 1 - registrations.count))
        }
        registrations[index] = Registration(generation: nextGeneration, interest: interest, handler: handler, pollIndex: -1)
        nextGeneration += 1
        updatePollEntry(fd: fd)
    }

    /// Changes what `fd` is watched for; ignored for an unregistered fd.
    public func setInterest(fd: Int32, _ interest: IOEvents) {
        let index = Int(fd)
        guard index >= 0, index < registrations.count, registrations[index] != nil else { return }
        registrations[index]!.interest = interest
        updatePollEntry(fd: fd)
    }

    /// Stops watching `fd`; safe inside any handler, including `fd`'s own.
    /// Does not close the fd.
    public func unregister(fd: Int32) {
        let index = Int(fd)
        guard index >= 0, index < registrations.count, let registration = registrations[index] else { return }
        if registration.pollIndex >= 0 { removePollEntry(at: registration.pollIndex) }
        registrations[index] = nil
    }

    private func updatePollEntry(fd: Int32) {
        let registration = registrations[Int(fd)]!
        if registration.interest.isEmpty {
            if registration.pollIndex >= 0 {
                removePollEntry(at: registration.pollIndex)
                registrations[Int(fd)]!.pollIndex = -1
            }
        } else if registration.pollIndex >= 0 {
            pollFDs[registration.pollIndex].events = registration.interest.pollRequest
        } else {
            registrations[Int(fd)]!.pollIndex = pollFDs.count
            pollFDs.append(pollfd(fd: fd, events: registration.interest.pollRequest, revents: 0))
        }
    }

    /// Swap-removes so that removal is O(1); the moved entry learns its new index.
    private func removePollEntry(at index: Int) {
        let last = pollFDs.count - 1
        if index != last {
            pollFDs[index] = pollFDs[last]
            registrations[Int(pollFDs[index].fd)]!.pollIndex = index
        }
        pollFDs.removeLast()
    }

    // MARK: Timers

    /// Calls `fire` once, `after` from now, in a later pass; a zero delay added
    /// from a handler fires in the next pass, never in the current one.
    @discardableResult
    public func addTimer(after delay: Duration, _ fire: @escaping () -> Void) -> TimerID {
        timers.insert(deadline: clock.now() + max(delay, .zero), fire: fire)
    }

    /// Cancels a pending timer; a no-op if it already fired or was cancelled.
    public func cancelTimer(_ id: TimerID) {
        timers.cancel(id)
    }

    // MARK: Signals

    /// Delivers `signals` to `handler` through a signalfd. Blocks them on the
    /// calling thread (required for signalfd); block them in every thread with
    /// `Signals.block` at the start of `main` so no other thread takes them.
    public func handleSignals(_ signals: [Int32], _ handler: @escaping (Int32) -> Void) throws(SystemError) {
        guard !signals.isEmpty else { return }
        let rc = signals.withUnsafeBufferPointer { csystem_block_signals($0.baseAddress, Int32($0.count)) }
        if rc != 0 { throw SystemError(call: "pthread_sigmask", errno: rc) }
        for signal in signals { signalHandlers[signal] = handler }
        let all = Array(signalHandlers.keys)
        let fd = all.withUnsafeBufferPointer { csystem_signalfd(signalFD, $0.baseAddress, Int32($0.count)) }
        if fd < 0 { throw SystemError.current("signalfd") }
        if signalFD < 0 {
            signalFD = fd
            register(fd: fd, interest: .readable) { [unowned self] _ in self.drainSignals() }
        }
    }

    private func drainSignals() {
        while true {
            let signal = csystem_read_signal(signalFD)
            guard signal > 0 else { return }
            signalHandlers[signal]?(signal)
        }
    }

    // MARK: Running

    /// Adds `body` to run once at the end of every pass in which any fd, timer
    /// or signal handler ran (the place to render).
    public func addPassObserver(_ body: @escaping () -> Void) {
        passObservers.append(body)
    }

    /// One pass: poll for at most min(`maxWait`, time to the nearest timer)
    /// (`nil` with no timers waits indefinitely), then dispatch ready fds, due
    /// timers and, if anything ran, the pass observers. Not re-entrant.
    public func runOnce(maxWait: Duration?) throws(SystemError) {
        precondition(!inPass, "Reactor.runOnce called from inside a reactor callback")
        inPass = true
        defer { inPass = false }
        let sequenceLimit = timers.nextSequence

        let readyCount = try pollAfterPass(answered: answeredInPass, maxWait: maxWait)
        answeredInPass = false
        passNumber &+= 1
        var ranHandler = false
        if readyCount > 0 {
            collectReady()
            ranHandler = dispatchReady()
        }
        if !timers.isEmpty {
            let now = clock.now()
            while let fire = timers.popDue(now: now, insertedBefore: sequenceLimit) {
                ranHandler = true
                fire()
            }
        }
        if ranHandler {
            for observer in passObservers { observer() }
        }
    }

    /// Runs passes until `done()` is true (checked before the first pass and
    /// after each), `stop()` is called, or `timeout` (on the reactor's clock)
    /// elapses; returns whether `done()` became true.
    @discardableResult
    public func run(timeout: Duration? = nil, until done: () -> Bool = { false }) throws(SystemError) -> Bool {
        stopRequested = false
        defer { stopRequested = false }
        if done() { return true }
        let deadline = timeout.map { clock.now() + $0 }
        while true {
            var wait: Duration? = nil
            if let deadline {
                let now = clock.now()
                if now >= deadline { return false }
                wait = deadline.duration(since: now)
            }
            try runOnce(maxWait: wait)
            if done() { return true }
            if stopRequested { return false }
        }
    }

    /// Makes `run` return after the current pass.
    public func stop() {
        stopRequested = true
    }

    private func pollTimeout(maxWait: Duration?) -> Int64 {
        var timeout: Int64 = -1
        if let deadline = timers.nearestDeadline {
            let now = clock.now()
            timeout = deadline > now ? Int64(clamping: deadline.nanoseconds - now.nanoseconds) : 0
        }
        if let maxWait {
            let limit = max(0, maxWait.clampedNanoseconds)
            timeout = timeout < 0 ? limit : min(timeout, limit)
        }
        return timeout
    }

    /// A socket that read bytes in this pass has written in it: it answered what it read.
    func noteAnswered() {
        if inPass { answeredInPass = true }
    }

    /// Polls; but when the last pass answered what it read and nothing is ready yet, first
    /// gives up the CPU once. Why: the peer we just wrote to is runnable and owes answers.
    /// When it shares our CPU (a server on this machine), blocking in poll at once means its
    /// first answer wakes us and we preempt it, and so for each answer: each then costs it a
    /// wake-up, two context switches and a TCP segment of its own. gorilla's echo server
    /// answering a 100,000-message pipeline spent 3x the CPU per message that way. After one
    /// yield it writes its answers as a batch, which we take in one read. Only sockets that
    /// ask for it count (a client's connection to a loopback address), because on a busy CPU
    /// a yield lets any other runnable task go first: worth it only for a peer that may be
    /// one of them. With nothing else runnable here, sched_yield returns at once.
    private func pollAfterPass(answered: Bool, maxWait: Duration?) throws(SystemError) -> Int32 {
        let timeout = pollTimeout(maxWait: maxWait)
        guard answered, timeout != 0 else { return try poll(timeoutNanoseconds: timeout) }
        let readyNow = try poll(timeoutNanoseconds: 0)
        guard readyNow == 0 else { return readyNow }
        sched_yield()
        yieldsBeforePoll += 1
        return try poll(timeoutNanoseconds: pollTimeout(maxWait: maxWait))
    }

    private func poll(timeoutNanoseconds: Int64) throws(SystemError) -> Int32 {
        let count = pollFDs.withUnsafeMutableBufferPointer { buffer in
            csystem_poll(buffer.baseAddress, nfds_t(buffer.count), timeoutNanoseconds)
        }
        if count >= 0 { return count }
        let code = csystem_errno()
        if code == EINTR { return 0 }
        throw SystemError(call: "poll", errno: code)
    }

    private func collectReady() {
        ready.removeAll(keepingCapacity: true)
        for entry in pollFDs where entry.revents != 0 {
            ready.append(ReadyEntry(
                fd: entry.fd,
                generation: registrations[Int(entry.fd)]!.generation,
                events: IOEvents(pollResult: entry.revents)
            ))
        }
    }

    /// Dispatches the snapshot in `ready`, re-checking each registration,
    /// because earlier handlers in this pass may have changed any of them.
    private func dispatchReady() -> Bool {
        var ranHandler = false
        for index in ready.indices {
            let entry = ready[index]
            let slot = Int(entry.fd)
            guard slot < registrations.count, let registration = registrations[slot],
                  registration.generation == entry.generation else { continue }
            let events = entry.events.intersection(registration.interest.union(.alwaysReported))
            guard !events.isEmpty else { continue }
            ranHandler = true
            registration.handler(events)
        }
        return ranHandler
    }
}
