import Foundation

extension ConfigFile {
    /// Where the config file lives: `$XDG_CONFIG_HOME/wisp/config`, or `$HOME/.config/wisp/config`
    /// (a relative XDG_CONFIG_HOME is ignored, as the XDG spec says); nil without either.
    public static func location(environment: [String: String]) -> String? {
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") { return xdg + "/wisp/config" }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.config/wisp/config"
    }

    /// `path` as people think of it: `~/…` when it lies under $HOME.
    public static func displayPath(_ path: String, environment: [String: String]) -> String {
        guard let home = environment["HOME"], !home.isEmpty, home != "/" else { return path }
        let prefix = home.hasSuffix("/") ? home : home + "/"
        return path.hasPrefix(prefix) ? "~/" + path.dropFirst(prefix.count) : path
    }

    /// Reads and parses the config file, or nil when there is none. `read` returns nil for a
    /// missing file and throws when one exists but cannot be read (tests pass a dictionary lookup).
    public static func load(environment: [String: String],
                            read: (String) throws -> String? = ConfigFile.readIfPresent) throws(ConfigError) -> ConfigFile? {
        guard let path = location(environment: environment) else { return nil }
        let shown = displayPath(path, environment: environment)
        let text: String?
        do { text = try read(path) } catch {
            throw ConfigError(path: shown, line: nil, problem: .unreadable(reason: "\(error)"))
        }
        guard let text else { return nil }
        return try parse(text: text, path: shown)
    }

    /// The file's text, nil when it does not exist.
    public static func readIfPresent(_ path: String) throws -> String? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
        // Foundation's own errors read like "The operation could not be completed"; say what happened.
        guard !isDirectory.boolValue else { throw ReadFailure(description: "it is a directory") }
        guard FileManager.default.isReadableFile(atPath: path), let data = FileManager.default.contents(atPath: path) else {
            throw ReadFailure(description: "permission denied")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw ReadFailure(description: "it is not UTF-8 text") }
        return text
    }

    private struct ReadFailure: Error, CustomStringConvertible {
        let description: String
    }
}
