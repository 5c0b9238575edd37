/// Chooses the theme to draw with from `--theme`, the user's theme directory, the built-in
/// themes and `NO_COLOR`; never fails, but says why it fell back.
public enum ThemeLoader {
    /// The theme for `nameOrPath` (the `--theme` value, nil or empty when none was given):
    /// - a path (it contains "/" or ends in ".theme"; a leading "~/" means `$HOME`) is read
    ///   as a file;
    /// - a name is looked up as `NAME.theme` in `$XDG_CONFIG_HOME/wisp/themes/` (or
    ///   `$HOME/.config/wisp/themes/`), then among the built-in themes, so a user theme
    ///   may replace a built-in one;
    /// - none given: `mono` when `NO_COLOR` is set and not empty (no-color.org: an explicit
    ///   choice wins over it), else `default`.
    /// A theme that is missing or does not parse gives the fallback (`default`, or `mono`
    /// under `NO_COLOR`) and a warning naming the file and line.
    public static func load(nameOrPath: String?, environment: [String: String]) -> (Theme, warning: String?) {
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        let fallback = noColor ? BuiltinThemes.theme(named: "mono") ?? BuiltinThemes.fallback : BuiltinThemes.fallback
        guard let request = nameOrPath, !request.isEmpty else { return (fallback, nil) }
        let fallbackNote = "; using the \(fallback.name) theme"

        if request.contains("/") || request.hasSuffix(".theme") {
            switch loadFile(expandingHome(request, environment: environment), shownAs: request) {
            case .loaded(let theme): return (theme, nil)
            case .missing(let error), .broken(let error): return (fallback, error.description + fallbackNote)
            }
        }
        var lookedIn = ""
        if let directory = userThemeDirectory(environment) {
            let path = "\(directory)/\(request).theme"
            switch loadFile(path, shownAs: path) {
            case .loaded(let theme): return (theme, nil)
            case .broken(let error): return (fallback, error.description + fallbackNote)
            case .missing: lookedIn = "no file \(path) and "
            }
        }
        if let theme = BuiltinThemes.theme(named: request) { return (theme, nil) }
        let builtins = BuiltinThemes.names.joined(separator: ", ")
        return (fallback, "unknown theme \"\(request)\": \(lookedIn)no built-in theme of that name (built-in: \(builtins))"
            + fallbackNote)
    }

    /// Where user themes live, following the XDG base directory spec (a relative
    /// `XDG_CONFIG_HOME` is ignored, as the spec says).
    public static func userThemeDirectory(_ environment: [String: String]) -> String? {
        if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") {
            return trimmingTrailingSlashes(config) + "/wisp/themes"
        }
        if let home = environment["HOME"], home.hasPrefix("/") {
            return trimmingTrailingSlashes(home) + "/.config/wisp/themes"
        }
        return nil
    }

    // MARK: - Internals

    private enum Outcome {
        case loaded(Theme)
        /// Not there: a name lookup moves on to the built-in themes.
        case missing(ThemeError)
        /// There but unreadable or invalid: the user must hear about it.
        case broken(ThemeError)
    }

    private static func loadFile(_ path: String, shownAs shown: String) -> Outcome {
        switch ThemeFile.contents(of: path) {
        case .failure(.missing(let reason)):
            return .missing(ThemeError(file: shown, line: nil, problem: .unreadable(reason: reason)))
        case .failure(.unreadable(let reason)):
            return .broken(ThemeError(file: shown, line: nil, problem: .unreadable(reason: reason)))
        case .success(let text):
            do {
                return .loaded(try Theme.parse(text, name: themeName(of: path), file: shown))
            } catch {
                return .broken(error)
            }
        }
    }

    /// "~/x/dark.theme" → "dark".
    private static func themeName(of path: String) -> String {
        var name = path.split(separator: "/").last.map(String.init) ?? path
        if name.hasSuffix(".theme") { name.removeLast(".theme".count) }
        return name
    }

    private static func expandingHome(_ path: String, environment: [String: String]) -> String {
        guard path.hasPrefix("~/"), let home = environment["HOME"], !home.isEmpty else { return path }
        return trimmingTrailingSlashes(home) + path.dropFirst()
    }

    private static func trimmingTrailingSlashes(_ path: String) -> String {
        var path = Substring(path)
        while path.count > 1, path.last == "/" { path = path.dropLast() }
        return String(path)
    }
}
