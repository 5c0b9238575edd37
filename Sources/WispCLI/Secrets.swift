/// Masks credentials as `***` wherever settings are shown, so `wisp config` output can be pasted
/// into a bug report.
public enum Secrets {
    public static let mask = "***"

    /// Headers whose values are credentials.
    public static func isSensitiveHeader(_ name: String) -> Bool {
        ["authorization", "proxy-authorization", "cookie", "x-api-key"].contains(name.lowercased())
    }

    /// `value`, or `***` when it belongs to a sensitive header.
    public static func headerValue(_ value: String, name: String) -> String {
        isSensitiveHeader(name) ? mask : value
    }

    /// `url` with a userinfo password and the values of query parameters whose names contain
    /// "token" (token, access_token …) replaced by `***`; the rest is left exactly as written.
    public static func url(_ url: String) -> String {
        var text = url
        if let scheme = text.range(of: "://") {
            let authorityEnd = text[scheme.upperBound...].firstIndex { "/?#".contains($0) } ?? text.endIndex
            if let at = text[scheme.upperBound..<authorityEnd].lastIndex(of: "@"),
               let colon = text[scheme.upperBound..<at].firstIndex(of: ":") {
                text.replaceSubrange(text.index(after: colon)..<at, with: mask)
            }
        }
        guard let question = text.firstIndex(of: "?") else { return text }
        let fragmentStart = text[question...].firstIndex(of: "#") ?? text.endIndex
        let pairs = text[text.index(after: question)..<fragmentStart].split(separator: "&", omittingEmptySubsequences: false).map { pair in
            guard let eq = pair.firstIndex(of: "="), pair[..<eq].lowercased().contains("token") else { return String(pair) }
            return pair[...eq] + mask
        }
        return text[...question] + pairs.joined(separator: "&") + text[fragmentStart...]
    }
}
