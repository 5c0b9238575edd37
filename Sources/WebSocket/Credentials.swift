/// Credentials masked as `***` wherever a connection is shown or logged (`wisp config`,
/// `--log` transcripts), so the output can be pasted into a bug report.
public enum Credentials {
    public static let mask = "***"

    /// Headers whose values are credentials.
    public static func isSensitiveHeader(_ name: String) -> Bool {
        ["authorization", "proxy-authorization", "cookie", "x-api-key"].contains(name.lowercased())
    }

    /// Query parameters whose values are credentials: any name containing "token"
    /// (token, access_token …) and the usual key and password names.
    public static func isSensitiveParameter(_ name: some StringProtocol) -> Bool {
        let lowered = name.lowercased()
        return lowered.contains("token") || ["api_key", "apikey", "key", "password", "auth"].contains(lowered)
    }

    /// `url` (or a bare `/path?query`) with a userinfo password and the values of sensitive
    /// query parameters replaced by `***`; the rest is left exactly as written.
    public static func maskedURL(_ url: String) -> String {
        var text = url
        if let colon = text.firstIndex(of: ":"), text[text.index(after: colon)...].hasPrefix("//") {
            let authority = text.index(colon, offsetBy: 3)
            let authorityEnd = text[authority...].firstIndex { "/?#".contains($0) } ?? text.endIndex
            if let at = text[authority..<authorityEnd].lastIndex(of: "@"),
               let colon = text[authority..<at].firstIndex(of: ":") {
                text.replaceSubrange(text.index(after: colon)..<at, with: mask)
            }
        }
        guard let question = text.firstIndex(of: "?") else { return text }
        let fragmentStart = text[question...].firstIndex(of: "#") ?? text.endIndex
        let pairs = text[text.index(after: question)..<fragmentStart].split(separator: "&", omittingEmptySubsequences: false).map { pair in
            guard let eq = pair.firstIndex(of: "="), isSensitiveParameter(pair[..<eq]) else { return String(pair) }
            return pair[...eq] + mask
        }
        return text[...question] + pairs.joined(separator: "&") + text[fragmentStart...]
    }
}
