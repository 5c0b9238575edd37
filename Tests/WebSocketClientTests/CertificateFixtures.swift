import Foundation

/// Certificates made for the TLS tests with the openssl CLI, once per test run, in a fresh
/// temporary directory: a private CA, leaves it signed (for localhost and 127.0.0.1; for
/// wisp.test only; one already expired) and a self-signed leaf. All leaves share one key.
struct CertificateFixtures: Sendable {
    let directory: String
    var caFile: String { directory + "/ca.pem" }
    var key: String { directory + "/leaf.key" }
    /// DNS:localhost, IP:127.0.0.1, signed by the CA.
    var localhost: String { directory + "/localhost.pem" }
    /// DNS:wisp.test only, signed by the CA.
    var otherHost: String { directory + "/other.pem" }
    /// DNS:localhost, IP:127.0.0.1, signed by the CA, valid until yesterday.
    var expired: String { directory + "/expired.pem" }
    /// DNS:localhost, IP:127.0.0.1, signed by itself.
    var selfSigned: String { directory + "/self.pem" }

    static let shared = Result<CertificateFixtures, any Error> { try make() }

    struct FixtureError: Error, CustomStringConvertible {
        let description: String
    }

    private static func make() throws(FixtureError) -> CertificateFixtures {
        var template = Array("/tmp/wisp-tls-test.XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw FixtureError(description: "mkdtemp failed") }
        let dir = String(cString: made)
        let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        try openssl(["req", "-x509"] + ec + ["-keyout", "\(dir)/ca.key", "-out", "\(dir)/ca.pem", "-days", "30", "-subj", "/CN=wisp test CA"])
        try openssl(["req"] + ec + ["-keyout", "\(dir)/leaf.key", "-out", "\(dir)/leaf.csr", "-subj", "/CN=localhost"])
        try write("subjectAltName=DNS:localhost,IP:127.0.0.1\n", to: "\(dir)/local.ext")
        try write("subjectAltName=DNS:wisp.test\n", to: "\(dir)/other.ext")
        func sign(_ out: String, days: String, ext: String) throws(FixtureError) {
            try openssl(["x509", "-req", "-in", "\(dir)/leaf.csr", "-CA", "\(dir)/ca.pem", "-CAkey", "\(dir)/ca.key",
                         "-CAcreateserial", "-out", "\(dir)/\(out)", "-days", days, "-extfile", "\(dir)/\(ext)"])
        }
        try sign("localhost.pem", days: "30", ext: "local.ext")
        try sign("other.pem", days: "30", ext: "other.ext")
        try sign("expired.pem", days: "-1", ext: "local.ext")
        try openssl(["x509", "-req", "-in", "\(dir)/leaf.csr", "-signkey", "\(dir)/leaf.key", "-out", "\(dir)/self.pem",
                     "-days", "30", "-extfile", "\(dir)/local.ext"])
        return CertificateFixtures(directory: dir)
    }

    private static func write(_ text: String, to path: String) throws(FixtureError) {
        do { try text.write(toFile: path, atomically: true, encoding: .utf8) } catch {
            throw FixtureError(description: "cannot write \(path): \(error)")
        }
    }

    private static func openssl(_ arguments: [String]) throws(FixtureError) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        do { try process.run() } catch { throw FixtureError(description: "cannot run openssl: \(error)") }
        let output = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw FixtureError(description: "openssl \(arguments.joined(separator: " ")) failed: \(String(decoding: output, as: UTF8.self))")
        }
    }
}
