import WispCLI
import TLS

/// The TLS options of the server commands (`serve`, `echo-server`) and of `echo-check`.
enum TLSOptions {
    static let serverValued: Set<String> = ["--tls-cert", "--tls-key"]

    static let serverHelp = """
          --tls-cert FILE        serve wss:// with this PEM certificate (chain); needs --tls-key
          --tls-key FILE         the PEM private key of --tls-cert
        """

    /// The server context `--tls-cert`/`--tls-key` describe, nil when neither is given. One flag
    /// without the other is a usage error; a file that cannot be used is reported on stderr
    /// as what it is (not a usage mistake) and ends the command with status 1.
    static func serverContext(_ args: Arguments, command: String) throws -> TLSContext? {
        let certificate = args.value("--tls-cert"), key = args.value("--tls-key")
        switch (certificate, key) {
        case (nil, nil): return nil
        case (.some, nil): throw UsageError(message: "--tls-cert needs --tls-key", command: command)
        case (nil, .some): throw UsageError(message: "--tls-key needs --tls-cert", command: command)
        case (.some(let certificate), .some(let key)):
            do { return try TLSContext.server(certificateFile: certificate, keyFile: key) } catch {
                throw CommandFailure(message: "wisp \(command): \(error)", status: 1)
            }
        }
    }
}

/// A command cannot go on for a reason that is not a usage mistake; main prints `message`
/// as it is and exits with `status`.
struct CommandFailure: Error {
    let message: String
    let status: Int32
}
