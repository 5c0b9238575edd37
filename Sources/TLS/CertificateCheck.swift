import COpenSSL
import Glibc

/// Reads OpenSSL's verdict on the peer's certificate after the handshake and turns it into
/// a `TLSError` that names what is wrong (dates, hosts) rather than a bare code.
enum CertificateCheck {
    /// nil when the certificate chains to a trusted root and names `host`.
    static func failure(of ssl: OpaquePointer, host: String, caFile: String?) -> TLSError? {
        guard let certificate = SSL_get0_peer_certificate(ssl) else {
            return .verificationFailed(detail: "the server presented no certificate")
        }
        let code = Int32(truncatingIfNeeded: SSL_get_verify_result(ssl))
        switch code {
        case X509_V_OK:
            return nil
        case X509_V_ERR_CERT_HAS_EXPIRED:
            return .certificateExpired(notAfter: date(X509_get0_notAfter(certificate)))
        case X509_V_ERR_CERT_NOT_YET_VALID:
            return .certificateNotYetValid
        case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT, X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN,
             X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT,
             X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE, X509_V_ERR_CERT_UNTRUSTED:
            return .untrusted(detail: reason(code), caFile: caFile)
        case X509_V_ERR_HOSTNAME_MISMATCH, X509_V_ERR_IP_ADDRESS_MISMATCH:
            return .hostMismatch(host: host, certificateNames: names(certificate))
        default:
            return .verificationFailed(detail: reason(code))
        }
    }

    /// The certificate's DNS and IP subject alternative names (or its CN), comma-separated.
    static func names(_ certificate: OpaquePointer) -> String {
        var buffer = [CChar](repeating: 0, count: 512)
        let count = wisp_x509_names(certificate, &buffer, buffer.count)
        return printable(String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }

    /// The text with control and format characters (terminal escapes among them) shown as
    /// "?", cut to 200 characters: certificate names and SNI are the peer's bytes.
    static func printable(_ text: String) -> String {
        let scalars = text.unicodeScalars.prefix(200).map { scalar -> Character in
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned: "?"
            default: Character(scalar)
            }
        }
        return String(scalars)
    }

    private static func reason(_ code: Int32) -> String {
        X509_verify_cert_error_string(Int(code)).map { String(cString: $0) } ?? "error \(code)"
    }

    /// "2025-01-31", from an ASN1_TIME.
    private static func date(_ time: UnsafePointer<ASN1_TIME>?) -> String? {
        guard let time else { return nil }
        var parts = tm()
        guard ASN1_TIME_to_tm(time, &parts) == 1 else { return nil }
        let year = Int(parts.tm_year) + 1900, month = Int(parts.tm_mon) + 1, day = Int(parts.tm_mday)
        return "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }
}
