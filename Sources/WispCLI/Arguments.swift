/// A command-line parse error, printed as one line with a hint (exit 2).
public struct UsageError: Error, CustomStringConvertible, Equatable {
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
public struct Arguments {
    public private(set) var positional: [String] = []
    private var values: [String: [String]] = [:]
    private var flags: Set<String> = []

    /// `valued` lists options that take a value; `flagNames` those that do not.
    public init(_ args: [String], command: String, valued: Set<String>, flagNames: Set<String>) throws(UsageError) {
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
                if let inline {
                    values[name, default: []].append(inline)
                } else {
                    guard i < args.count else { throw UsageError(message: "option \(name) needs a value", command: command) }
                    values[name, default: []].append(args[i])
                    i += 1
                }
            } else if flagNames.contains(name) {
                guard inline == nil else { throw UsageError(message: "option \(name) takes no value", command: command) }
                flags.insert(name)
            } else {
                throw UsageError(message: "unknown option \(name)", command: command)
            }
        }
        self.command = command
    }

    public let command: String

    public func flag(_ name: String) -> Bool { flags.contains(name) }
    public func value(_ name: String) -> String? { values[name]?.last }
    public func all(_ name: String) -> [String] { values[name] ?? [] }

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
