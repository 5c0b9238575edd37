import Foundation
import Testing
@testable import WispCLI

private let commands: [String: [String]] = [
    "": ["--help", "--version", "--demo", "--theme", "--layout", "--debounce", "-H", "--header"],
    "query": ["--help", "--json", "--repeat", "--timeout", "-H"],
    "serve": ["--help", "--port", "--host"],
    "completions": [],
]

@Test(arguments: ["bash", "zsh", "fish"])
func scriptMentionsEverySubcommandAndOption(shell: String) throws {
    let script = try Completions.script(for: shell, commands: commands)
    #expect(!script.isEmpty)
    for (command, options) in commands {
        if !command.isEmpty { #expect(script.contains(command), "\(shell): \(command)") }
        for option in options {
            let spelled = shell == "fish" ? (option.hasPrefix("--") ? "-l \(option.dropFirst(2))" : "-s \(option.dropFirst())") : option
            #expect(script.contains(spelled), "\(shell): \(option)")
        }
    }
    for name in Completions.themes + Completions.layouts { #expect(script.contains(name), "\(shell): \(name)") }
}

@Test func scriptsAreStable() throws {
    #expect(try Completions.script(for: "zsh", commands: commands) == Completions.script(for: "zsh", commands: commands))
}

@Test func unknownShellIsAUsageErrorWithAHint() {
    #expect(throws: UsageError(message: "completions expects bash, zsh or fish, got 'bsh' (did you mean bash?)", command: "completions")) {
        try Completions.script(for: "bsh", commands: commands)
    }
    #expect(throws: UsageError(message: "completions expects bash, zsh or fish, got 'powershell'", command: "completions")) {
        try Completions.script(for: "powershell", commands: commands)
    }
}

@Test func namesThatWouldBreakTheScriptAreRefused() {
    #expect(throws: UsageError(message: "cannot complete the option '--a;rm'", command: "completions")) {
        try Completions.script(for: "bash", commands: ["x": ["--a;rm"]])
    }
    #expect(throws: UsageError(message: "cannot complete the command name 'a b'", command: "completions")) {
        try Completions.script(for: "fish", commands: ["a b": []])
    }
}

@Test func fishScriptConditionsOptionsOnTheirSubcommand() throws {
    let script = try Completions.script(for: "fish", commands: commands)
    #expect(script.contains("complete -c wisp -n '__fish_seen_subcommand_from serve' -l port\n"))
    #expect(script.contains("complete -c wisp -n '__fish_use_subcommand' -l layout -x -a 'bottom top'\n"))
    #expect(script.contains("complete -c wisp -n '__fish_use_subcommand' -s H\n"))
}

// MARK: - bash, run for real

private func bash(_ script: String) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["bash", "--norc", "--noprofile", "-c", script]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

private let hasBash = FileManager.default.isExecutableFile(atPath: "/usr/bin/bash") || FileManager.default.isExecutableFile(atPath: "/bin/bash")

@Test(.enabled(if: hasBash)) func bashScriptParses() throws {
    let script = try Completions.script(for: "bash", commands: commands)
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("wisp-completion-\(getpid()).bash").path
    try script.write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let result = try bash("bash -n '\(path)'")
    #expect(result.status == 0, "\(result.output)")
}

/// Sources the script, completes `words` with the cursor on the last one, prints the candidates.
private func complete(_ words: [String]) throws -> [String] {
    let script = try Completions.script(for: "bash", commands: commands)
    let quoted = words.map { "'\($0)'" }.joined(separator: " ")
    let result = try bash(script + "\nCOMP_WORDS=(\(quoted)); COMP_CWORD=\(words.count - 1); _wisp; printf '%s\\n' \"${COMPREPLY[@]}\"")
    #expect(result.status == 0, "\(result.output)")
    return result.output.split(separator: "\n").map(String.init)
}

@Test(.enabled(if: hasBash)) func bashCompletesSubcommandsOptionsAndValues() throws {
    #expect(try complete(["wisp", ""]) == ["completions", "query", "serve"])
    #expect(try complete(["wisp", "q"]) == ["query"])
    #expect(try complete(["wisp", "--de"]) == ["--debounce", "--demo"])
    #expect(try complete(["wisp", "query", "--"]) == ["--help", "--json", "--repeat", "--timeout"])
    #expect(try complete(["wisp", "serve", "URL", "--p"]) == ["--port"])
    #expect(try complete(["wisp", "--theme", ""]) == ["default", "light", "high-contrast", "mono"])
    #expect(try complete(["wisp", "--theme", "h"]) == ["high-contrast"])
    #expect(try complete(["wisp", "--demo", "--layout", "t"]) == ["top"])
}
