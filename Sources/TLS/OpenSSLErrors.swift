import COpenSSL

/// Reads OpenSSL's thread-local error queue.
enum OpenSSLErrors {
    /// Empties the queue; every SSL call is preceded by this so `SSL_get_error` sees only its own errors.
    static func clear() { ERR_clear_error() }

    /// The reason of the most recent error, emptying the queue; nil when it is empty.
    static func take() -> String? {
        var last: UInt = 0
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            last = code
        }
        guard last != 0 else { return nil }
        if let reason = ERR_reason_error_string(last) { return String(cString: reason) }
        var buffer = [CChar](repeating: 0, count: 256)
        ERR_error_string_n(last, &buffer, buffer.count)
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
