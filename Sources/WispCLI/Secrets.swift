import WebSocket

/// Masks credentials as `***` wherever settings are shown, so `wisp config` output can be pasted
/// into a bug report. The rules are `Credentials`', shared with the transcripts.
public enum Secrets {
    public static let mask = Credentials.mask

    /// `value`, or `***` when it belongs to a sensitive header.
    public static func headerValue(_ value: String, name: String) -> String {
        Credentials.isSensitiveHeader(name) ? mask : value
    }

    /// `url` with a userinfo password and the values of credential query parameters masked.
    public static func url(_ url: String) -> String { Credentials.maskedURL(url) }
}
