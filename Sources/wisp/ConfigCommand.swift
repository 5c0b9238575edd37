import Foundation
import WispCLI

/// `wisp config`: the effective settings and where each came from; `wisp completions SHELL`.
enum ConfigCommand {
    static let usage = """
        Usage: wisp config [URL] [options]

        Prints every setting as wisp would use it, and where it came from: a flag, the
        environment (WISP_URL, WISP_TOKEN, WISP_THEME), the config file, or the default.
        Tokens and Authorization headers are shown as ***.

        The config file is $XDG_CONFIG_HOME/wisp/config (or ~/.config/wisp/config): one
        `key = value` per line, keys named like the long options (\(SettingKey.allCases.map(\.rawValue).joined(separator: ", "))),
        `#` comments, values in "…" to keep spaces. A relative `cacert` path is relative to the
        config file's folder; `~/` is your home directory. --insecure and --no-compression
        are flags only, never read from the file; they are listed when given.
        """

    static func run(_ raw: [String]) throws -> Int32 {
        let environment = ProcessInfo.processInfo.environment
        let args = try Arguments(raw, command: "config", valued: InterfaceCommand.valued, flagNames: InterfaceCommand.flags)
        if args.flag("--help") || args.flag("-h") { print(usage); return 0 }
        let settings = try ConnectionOptions.settings(args, environment: environment, command: "config", url: args.positional.first)
        if let path = ConfigFile.location(environment: environment) {
            print("# config file: \(path)\(FileManager.default.fileExists(atPath: path) ? "" : " (none there)")")
        }
        print(settings.rendered())
        // Flags only, never config keys (a config file must not switch off certificate checks
        // for good): shown when given, so that `wisp config --insecure URL` says what it does.
        if args.flag("--insecure") {
            print("insecure = true   (from the command line; a flag only: wss:// certificates and host names are NOT verified)")
        }
        if args.flag("--no-compression") {
            print("no-compression = true   (from the command line; a flag only: permessage-deflate is not offered)")
        }
        return 0
    }
}

enum CompletionsCommand {
    static let usage = """
        Usage: wisp completions bash|zsh|fish

        Prints a completion script. For example:
          wisp completions bash > ~/.local/share/bash-completion/completions/wisp
          wisp completions zsh > "${fpath[1]}/_wisp"
          wisp completions fish > ~/.config/fish/completions/wisp.fish
        """

    static func run(_ raw: [String]) throws -> Int32 {
        let args = try Arguments(raw, command: "completions", valued: [], flagNames: ["--help", "-h"])
        if args.flag("--help") || args.flag("-h") { print(usage); return 0 }
        guard args.positional.count == 1 else { throw UsageError(message: "expected one shell: bash, zsh or fish", command: "completions") }
        let commands: [String: [String]] = [
            "": InterfaceCommand.allOptions,
            "serve": (ServeCommand.valued.union(["--quiet", "--help"])).sorted(),
            "query": (ConnectionOptions.valued.union(ConnectionOptions.flags).union(["--json", "--timeout", "--repeat", "--help"])).sorted(),
            "raw": (ConnectionOptions.valued.union(ConnectionOptions.flags).union(["--wait", "--timestamps", "--binary-as", "--compact", "--help"])).sorted(),
            "config": InterfaceCommand.allOptions,
            "echo-server": ["--host", "--port", "--max-message-size", "--max-connections", "--tls-cert", "--tls-key", "--quiet", "--help"],
            "echo-check": ["--sizes", "--fragment", "--timeout", "--cacert", "--insecure", "--help"],
            "autobahn": ["--agent", "--cases", "--case-timeout", "--help"],
            "completions": ["--help"],
        ]
        print(try Completions.script(for: args.positional[0], commands: commands), terminator: "")
        return 0
    }
}
