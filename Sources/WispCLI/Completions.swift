/// `wisp completions bash|zsh|fish`: completion scripts for subcommands and their options.
public enum Completions {
    public static let shells = ["bash", "zsh", "fish"]
    public static let themes = ["default", "light", "high-contrast", "mono"]
    public static let layouts = ["bottom", "top"]

    /// The completion script for `shell`. `commands` maps each subcommand to its options; the
    /// key "" holds the options of `wisp` itself (the interface). After `--theme` the built-in
    /// theme names (and, in bash and zsh, files) are offered, after `--layout` bottom and top.
    public static func script(for shell: String, commands: [String: [String]]) throws(UsageError) -> String {
        // Names are pasted into shell code unquoted, so anything but plain words is refused.
        for (command, options) in commands {
            guard command.isEmpty || isWord(command) else { throw UsageError(message: "cannot complete the command name '\(command)'", command: "completions") }
            for option in options where !(option.hasPrefix("-") && isWord(String(option.drop { $0 == "-" }))) {
                throw UsageError(message: "cannot complete the option '\(option)'", command: "completions")
            }
        }
        let table = CommandTable(commands: commands)
        switch shell {
        case "bash": return bash(table)
        case "zsh": return zsh(table)
        case "fish": return fish(table)
        default:
            let hint = Spelling.closest(to: shell, in: shells).map { " (did you mean \($0)?)" } ?? ""
            throw UsageError(message: "completions expects bash, zsh or fish, got '\(shell)'\(hint)", command: "completions")
        }
    }

    private static func isWord(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// The commands sorted, so scripts are stable from run to run.
    private struct CommandTable {
        let subcommands: [String]
        let topOptions: [String]
        let options: [(command: String, options: [String])]
        init(commands: [String: [String]]) {
            subcommands = commands.keys.filter { !$0.isEmpty }.sorted()
            topOptions = (commands[""] ?? []).sorted()
            options = subcommands.map { ($0, (commands[$0] ?? []).sorted()) }
        }
    }

    private static func bash(_ t: CommandTable) -> String {
        let cases = t.options.map { "        \($0.command)) opts=\"\($0.options.joined(separator: " "))\" ;;" }.joined(separator: "\n")
        return """
            # bash completion for wisp; load with: source <(wisp completions bash)
            _wisp() {
                local cur="${COMP_WORDS[COMP_CWORD]}" prev="" cmd="" opts
                if (( COMP_CWORD > 0 )); then prev="${COMP_WORDS[COMP_CWORD-1]}"; fi
                case "$prev" in
                    --theme) compopt -o default 2>/dev/null
                        COMPREPLY=($(compgen -W "\(themes.joined(separator: " "))" -- "$cur")); return ;;
                    --layout) COMPREPLY=($(compgen -W "\(layouts.joined(separator: " "))" -- "$cur")); return ;;
                esac
                if (( COMP_CWORD > 1 )); then cmd="${COMP_WORDS[1]}"; fi
                case "$cmd" in
            \(cases.isEmpty ? "" : cases + "\n")        *) cmd=""; opts="\(t.topOptions.joined(separator: " "))" ;;
                esac
                if [[ -z "$cmd" && "$cur" != -* && $COMP_CWORD -eq 1 ]]; then
                    COMPREPLY=($(compgen -W "\(t.subcommands.joined(separator: " "))" -- "$cur"))
                else
                    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
                fi
            }
            complete -F _wisp wisp

            """
    }

    private static func zsh(_ t: CommandTable) -> String {
        let cases = t.options.map { "    \($0.command)) opts=(\($0.options.joined(separator: " "))) ;;" }.joined(separator: "\n")
        return """
            #compdef wisp
            # zsh completion for wisp; put it in a directory on $fpath as _wisp, or: source <(wisp completions zsh)
            _wisp() {
              local -a opts
              case $words[CURRENT-1] in
                --theme) _alternative 'themes:theme:(\(themes.joined(separator: " ")))' 'files:theme file:_files'; return ;;
                --layout) compadd -- \(layouts.joined(separator: " ")); return ;;
              esac
              if (( CURRENT == 2 )) && [[ $words[CURRENT] != -* ]]; then
                compadd -- \(t.subcommands.joined(separator: " "))
                return
              fi
              case $words[2] in
            \(cases.isEmpty ? "" : cases + "\n")    *) opts=(\(t.topOptions.joined(separator: " "))) ;;
              esac
              compadd -- $opts
            }
            if [ "$funcstack[1]" = "_wisp" ]; then
              _wisp "$@"
            else
              compdef _wisp wisp
            fi

            """
    }

    private static func fish(_ t: CommandTable) -> String {
        func option(_ name: String, condition: String) -> String {
            let flag = name.hasPrefix("--") ? "-l \(name.dropFirst(2))" : "-s \(name.dropFirst())"
            let values = switch name {
            case "--theme": " -x -a '\(themes.joined(separator: " "))'"
            case "--layout": " -x -a '\(layouts.joined(separator: " "))'"
            default: ""
            }
            return "complete -c wisp -n '\(condition)' \(flag)\(values)"
        }
        var lines = [
            "# fish completion for wisp; load with: wisp completions fish | source",
            "complete -c wisp -f",
            "complete -c wisp -n '__fish_use_subcommand' -a '\(t.subcommands.joined(separator: " "))'",
        ]
        lines += t.topOptions.map { option($0, condition: "__fish_use_subcommand") }
        for (command, options) in t.options {
            lines += options.map { option($0, condition: "__fish_seen_subcommand_from \(command)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
