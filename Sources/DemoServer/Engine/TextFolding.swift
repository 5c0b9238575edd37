import Foundation

/// Case and diacritic folding of one word, so "Café", "CAFE" and "café" find the same products.
enum TextFolding {
    /// Folded words longer than this are cut: no product word is that long, and a pasted blob must stay cheap.
    static let maximumLength = 64

    /// The folded scalar values of `word`; ASCII takes a fast path because nearly every catalog word is ASCII.
    static func fold(_ word: String) -> [UInt32] {
        var folded: [UInt32] = []
        folded.reserveCapacity(min(word.utf8.count, maximumLength))
        var isASCII = true
        for byte in word.utf8 {
            guard byte < 0x80 else {
                isASCII = false
                break
            }
            folded.append(UInt32(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte))
            if folded.count == maximumLength { return folded }
        }
        if isASCII { return folded }
        return foldUnicode(word)
    }

    /// Foundation folds case (ß → ss), width (ｗ → w) and canonical diacritics (é → e); marks left without a
    /// precomposed base (Arabic and Hebrew vowel signs) are dropped too, since shoppers rarely type them.
    private static func foldUnicode(_ word: String) -> [UInt32] {
        let base = word.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        var folded: [UInt32] = []
        for scalar in base.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .enclosingMark:
                continue
            default:
                break
            }
            if let replacement = letterReplacements[scalar.value] {
                folded.append(contentsOf: replacement.unicodeScalars.map(\.value))
            } else {
                folded.append(scalar.value)
            }
            if folded.count >= maximumLength { return Array(folded.prefix(maximumLength)) }
        }
        return folded
    }

    /// Letters that have no canonical decomposition but that people still type without the stroke or ligature.
    private static let letterReplacements: [UInt32: String] = [
        0x00F8: "o", 0x0142: "l", 0x0111: "d", 0x00E6: "ae", 0x0153: "oe", 0x00FE: "th", 0x0131: "i", 0x00F0: "d",
    ]
}
