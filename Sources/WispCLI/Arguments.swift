/// A command-line parse error, printed as one line with a hint (exit 2).
public struct UsageError: Error, CustomStringConvertible, Equatable, Sendable {
    public let message: String
    public let command: String
    public init(message: String, command: String) {
        self.message = message
        self.command = command
    }
    public var description: String { "wisp: \(message)\nTry 'wisp \(command.isEmpty ? "" : command + " ")--help'." }
}

/// A small option parser: `--opt value`, `--opt=value`, flags, `--` ending options, and
/// positional arguments; unknown options and missing values are errors naming them.
public struct Arguments: Sendable {
    public private(set) var positional: [String] = []
    private var values: [String: [String]] = [:]
    /// Every value in command-line order, so `-H` and `--header` can be read as one list.
    private var ordered: [(name: String, value: String)] = []
    private var flags: Set<String> = []
    public let command: String

    /// `valued` lists options that take a value; `flagNames` those that do not.
    public init(_ args: [String], command: String, valued: Set<String>, flagNames: Set<String>) throws(UsageError) {
        self.command = command
        let known = valued.union(flagNames)
        var i = 0
        var onlyPositional = false
        while i < args.count {
            let arg = args[i]
            i += 1
            if onlyPositional || !arg.hasPrefix("-") || arg == "-" {
                positional.append(arg)
                continue
            }
            if arg == "--" { onlyPositional = true; continue }
            var name = arg
            var inline: String?
            if let eq = arg.firstIndex(of: "=") {
                name = String(arg[..<eq])
                inline = String(arg[arg.index(after: eq)...])
            }
            if valued.contains(name) {
                let value: String
                if let inline {
                    value = inline
                } else {
                    // `--timeout --json` is a forgotten value, not a timeout of "--json".
                    guard i < args.count, !Self.isOption(args[i], known: known) else {
                        throw UsageError(message: "option \(name) needs a value", command: command)
                    }
                    value = args[i]
                    i += 1
                }
                values[name, default: []].append(value)
                ordered.append((name, value))
            } else if flagNames.contains(name) {
                guard inline == nil else { throw UsageError(message: "option \(name) takes no value", command: command) }
                flags.insert(name)
            } else {
                let hint = Spelling.closest(to: name, in: known).map { " (did you mean \($0)?)" } ?? ""
                throw UsageError(message: "unknown option \(name)\(hint)", command: command)
            }
        }
    }

    private static func isOption(_ arg: String, known: Set<String>) -> Bool {
        guard arg.hasPrefix("-"), arg != "-" else { return false }
        if arg == "--" { return true }
        return known.contains(String(arg.prefix { $0 != "=" }))
    }

    public func flag(_ name: String) -> Bool { flags.contains(name) }
    public func value(_ name: String) -> String? { values[name]?.last }
    public func all(_ name: String) -> [String] { values[name] ?? [] }

    /// The values of several spellings of one option (`-H`, `--header`) in command-line order.
    public func all(anyOf names: Set<String>) -> [String] { ordered.filter { names.contains($0.name) }.map(\.value) }

    /// `--help` or `-h` was given.
    public var wantsHelp: Bool { flag("--help") || flag("-h") }

    public func integer(_ name: String, default fallback: Int, range: ClosedRange<Int> = 0...Int.max) throws(UsageError) -> Int {
        guard let text = value(name) else { return fallback }
        guard let n = Int(text), range.contains(n) else {
            throw UsageError(message: "\(name) expects a whole number in \(range.lowerBound)…\(range.upperBound), got '\(text)'", command: command)
        }
        return n
    }

    public func seconds(_ name: String, default fallback: Duration) throws(UsageError) -> Duration {
        guard let text = value(name) else { return fallback }
        guard let s = Double(text), s >= 0, s < 1e6 else {
            throw UsageError(message: "\(name) expects seconds, got '\(text)'", command: command)
        }
        return .milliseconds(Int64(s * 1000))
    }
}
