import COpenSSL

/// Reads OpenSSL's thread-local error queue.
enum OpenSSLErrors {
    /// Empties the queue; every SSL call is preceded by this so `SSL_get_error` sees only its own errors.
    static func clear() { ERR_clear_error() }

    /// The reason of the earliest queued error (the root cause; later ones are its
    /// consequences, such as "PEM lib" after "no start line"), emptying the queue; nil when empty.
    static func take() -> String? {
        let first = ERR_get_error()
        while ERR_get_error() != 0 {}
        guard first != 0 else { return nil }
        let last = first
        if let reason = ERR_reason_error_string(last) { return String(cString: reason) }
        var buffer = [CChar](repeating: 0, count: 256)
        ERR_error_string_n(last, &buffer, buffer.count)
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
