import COpenSSL
import Glibc

/// How a client checks the server it talks to.
public struct TLSClientOptions: Sendable, Equatable {
    /// Trust only the CAs in this PEM file instead of the system store (as curl's `--cacert`).
    public var caFile: String?
    /// Skip certificate and host-name verification entirely (`--insecure`).
    public var insecure: Bool
    /// Cap the protocol version (tests pin TLS 1.2 with this); nil allows TLS 1.3.
    public var maxVersion: TLSVersion?

    public init(caFile: String? = nil, insecure: Bool = false, maxVersion: TLSVersion? = nil) {
        self.caFile = caFile
        self.insecure = insecure
        self.maxVersion = maxVersion
    }
}

/// The protocol versions wisp speaks; nothing older than TLS 1.2 is ever negotiated.
public enum TLSVersion: Sendable, Equatable {
    case tls12, tls13

    var openSSLValue: Int32 {
        switch self {
        case .tls12: wisp_tls12_version()
        case .tls13: wisp_tls13_version()
        }
    }
}

/// An OpenSSL `SSL_CTX`: the settings and trust shared by the sessions made from it.
/// Immutable once built, so one context may serve many connections.
public final class TLSContext: @unchecked Sendable {
    let pointer: OpaquePointer
    /// Whether sessions check the peer's certificate and name (client contexts without `insecure`).
    public let verifiesPeer: Bool
    /// The CA file trusted instead of the system store, if any.
    public let caFile: String?

    private init(pointer: OpaquePointer, verifiesPeer: Bool, caFile: String? = nil) {
        self.pointer = pointer
        self.verifiesPeer = verifiesPeer
        self.caFile = caFile
    }

    deinit { SSL_CTX_free(pointer) }

    /// A client context: TLS 1.2 or 1.3, the system trust store (or `caFile`), ALPN http/1.1.
    public static func client(_ options: TLSClientOptions = .init()) throws(TLSError) -> TLSContext {
        OpenSSLErrors.clear()
        guard let ctx = SSL_CTX_new(TLS_client_method()) else {
            throw .configuration("cannot create a TLS context: \(OpenSSLErrors.take() ?? "out of memory")")
        }
        let context = TLSContext(pointer: ctx, verifiesPeer: !options.insecure, caFile: options.insecure ? nil : options.caFile)
        try context.setVersions(max: options.maxVersion)
        if !options.insecure {
            if let file = options.caFile {
                try requireReadable(file, what: "CA file")
                guard SSL_CTX_load_verify_locations(ctx, file, nil) == 1 else {
                    throw .configuration("cannot use CA file \(file): \(Self.fileProblem(OpenSSLErrors.take(), what: "certificates"))")
                }
            } else if SSL_CTX_set_default_verify_paths(ctx) != 1 {
                throw .configuration("cannot load the system trust store: \(OpenSSLErrors.take() ?? "unknown error")")
            }
        }
        // Verification is checked by the session once the handshake is done, before any data
        // is sent, so that a failure can name the certificate's hosts and dates (OpenSSL drops
        // the peer certificate when it aborts the handshake itself).
        SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, nil)
        return context
    }

    /// A server context presenting the PEM certificate chain and private key in the given files.
    public static func server(certificateFile: String, keyFile: String, maxVersion: TLSVersion? = nil) throws(TLSError) -> TLSContext {
        OpenSSLErrors.clear()
        guard let ctx = SSL_CTX_new(TLS_server_method()) else {
            throw .configuration("cannot create a TLS context: \(OpenSSLErrors.take() ?? "out of memory")")
        }
        let context = TLSContext(pointer: ctx, verifiesPeer: false)
        try context.setVersions(max: maxVersion)
        wisp_ssl_ctx_never_prompt(ctx)
        try requireReadable(certificateFile, what: "certificate file")
        try requireReadable(keyFile, what: "key file")
        guard SSL_CTX_use_certificate_chain_file(ctx, certificateFile) == 1 else {
            throw .configuration("cannot use certificate file \(certificateFile): \(Self.fileProblem(OpenSSLErrors.take(), what: "certificate"))")
        }
        guard SSL_CTX_use_PrivateKey_file(ctx, keyFile, SSL_FILETYPE_PEM) == 1 else {
            let reason = OpenSSLErrors.take() ?? "no key in it"
            if reason == "key values mismatch" {
                throw .configuration("key file \(keyFile) does not match certificate \(certificateFile)")
            }
            if Self.isEncryptedKey(keyFile) {
                throw .configuration("key file \(keyFile) is protected by a passphrase, which wisp does not ask for; "
                                     + "write an unprotected copy with: openssl pkey -in \(keyFile) -out key.pem")
            }
            throw .configuration("cannot use key file \(keyFile): \(Self.fileProblem(reason, what: "private key"))")
        }
        guard SSL_CTX_check_private_key(ctx) == 1 else {
            throw .configuration("key file \(keyFile) does not match certificate \(certificateFile)")
        }
        return context
    }

    private func setVersions(max: TLSVersion?) throws(TLSError) {
        wisp_ssl_ctx_set_modes(pointer)
        // A TLS 1.2 renegotiation could bring a certificate nobody checks: refuse them.
        wisp_ssl_ctx_refuse_renegotiation(pointer)
        guard wisp_ssl_ctx_set_min_tls12(pointer) == 1 else {
            throw .configuration("cannot require TLS 1.2: \(OpenSSLErrors.take() ?? "unknown error")")
        }
        if let max, wisp_ssl_ctx_set_max_version(pointer, max.openSSLValue) != 1 {
            throw .configuration("cannot cap the TLS version: \(OpenSSLErrors.take() ?? "unknown error")")
        }
    }

    /// OpenSSL's words for a file it could not use, said the way a person would look for the fault.
    static func fileProblem(_ reason: String?, what: String) -> String {
        switch reason {
        case "no start line"?, "no certificate or crl found"?, nil:
            "no PEM \(what) in it (expected a -----BEGIN … block)"
        case "unsupported"?, "decoder routines"?, "bad base64 decode"?, "ASN1 lib"?:
            "not a PEM \(what) OpenSSL can read (\(reason!))"
        case .some(let reason):
            reason
        }
    }

    /// Whether a PEM key file says it is encrypted (PKCS#8 or the older Proc-Type header).
    private static func isEncryptedKey(_ path: String) -> Bool {
        guard let file = fopen(path, "r") else { return false }
        defer { fclose(file) }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = fread(&buffer, 1, buffer.count, file)
        let head = String(decoding: buffer.prefix(count), as: UTF8.self)
        return head.contains("ENCRYPTED")
    }

    /// A missing or unreadable file reads better as errno's words than as OpenSSL's "system lib".
    private static func requireReadable(_ path: String, what: String) throws(TLSError) {
        guard access(path, R_OK) == 0 else {
            throw .configuration("cannot read \(what) \(path): \(String(cString: strerror(errno)))")
        }
    }
}
