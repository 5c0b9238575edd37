import Foundation

/// Finds the first syntax error in JSON text with its line and column, which JSONDecoder does not report.
enum JSONSyntaxCheck {
    struct Failure: Equatable {
        var line: Int
        var column: Int
        var reason: String
    }

    /// `nil` when the text is valid JSON (RFC 8259).
    static func firstError(in data: Data) -> Failure? {
        var scanner = Scanner(bytes: Array(data))
        do throws(Failure) {
            scanner.skipWhitespace()
            try scanner.value(depth: 0)
            scanner.skipWhitespace()
            if scanner.index < scanner.bytes.count { throw scanner.failure("unexpected text after the end of the JSON value") }
            return nil
        } catch {
            return error
        }
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        // Deep enough for any catalog, shallow enough that recursion cannot exhaust the stack.
        private static let maximumDepth = 256

        mutating func value(depth: Int) throws(Failure) {
            guard depth < Self.maximumDepth else { throw failure("nested too deeply") }
            guard let byte = peek() else { throw failure("unexpected end of file") }
            switch byte {
            case UInt8(ascii: "{"): try object(depth: depth)
            case UInt8(ascii: "["): try array(depth: depth)
            case UInt8(ascii: "\""): try string()
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
            default: throw unexpected()
            }
        }

        private mutating func object(depth: Int) throws(Failure) {
            index += 1
            skipWhitespace()
            if peek() == UInt8(ascii: "}") {
                index += 1
                return
            }
            while true {
                skipWhitespace()
                guard peek() == UInt8(ascii: "\"") else { throw expected("a quoted key") }
                try string()
                skipWhitespace()
                guard peek() == UInt8(ascii: ":") else { throw expected("':'") }
                index += 1
                skipWhitespace()
                try value(depth: depth + 1)
                skipWhitespace()
                switch peek() {
                case UInt8(ascii: ","): index += 1
                case UInt8(ascii: "}"):
                    index += 1
                    return
                default: throw expected("',' or '}'")
                }
            }
        }

        private mutating func array(depth: Int) throws(Failure) {
            index += 1
            skipWhitespace()
            if peek() == UInt8(ascii: "]") {
                index += 1
                return
            }
            while true {
                skipWhitespace()
                try value(depth: depth + 1)
                skipWhitespace()
                switch peek() {
                case UInt8(ascii: ","): index += 1
                case UInt8(ascii: "]"):
                    index += 1
                    return
                default: throw expected("',' or ']'")
                }
            }
        }

        private mutating func string() throws(Failure) {
            index += 1
            while let byte = peek() {
                switch byte {
                case UInt8(ascii: "\""):
                    index += 1
                    return
                case UInt8(ascii: "\\"):
                    index += 1
                    guard let escape = peek() else { break }
                    if escape == UInt8(ascii: "u") {
                        for _ in 0..<4 {
                            index += 1
                            guard let hex = peek(), hex.isHexDigit else { throw failure("invalid \\u escape") }
                        }
                    } else if !"\"\\/bfnrt".utf8.contains(escape) {
                        throw failure("invalid escape")
                    }
                    index += 1
                case 0..<0x20:
                    throw failure("control character inside a string")
                default:
                    index += 1
                }
            }
            throw failure("string never closed")
        }

        private mutating func number() throws(Failure) {
            if peek() == UInt8(ascii: "-") { index += 1 }
            guard let first = peek(), first.isDigit else { throw failure("invalid number") }
            index += 1
            if first != UInt8(ascii: "0") { skipDigits() }
            if peek() == UInt8(ascii: ".") {
                index += 1
                guard peek()?.isDigit == true else { throw failure("invalid number") }
                skipDigits()
            }
            if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
                index += 1
                if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { index += 1 }
                guard peek()?.isDigit == true else { throw failure("invalid number") }
                skipDigits()
            }
        }

        private mutating func literal(_ word: String) throws(Failure) {
            for expectedByte in word.utf8 {
                guard peek() == expectedByte else { throw failure("invalid literal (expected \(word))") }
                index += 1
            }
        }

        private mutating func skipDigits() {
            while peek()?.isDigit == true { index += 1 }
        }

        mutating func skipWhitespace() {
            while let byte = peek(), byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { index += 1 }
        }

        private func peek() -> UInt8? {
            index < bytes.count ? bytes[index] : nil
        }

        private func unexpected() -> Failure {
            guard let byte = peek() else { return failure("unexpected end of file") }
            if byte >= 0x21 && byte < 0x7F { return failure("unexpected '\(Character(Unicode.Scalar(byte)))'") }
            return failure("unexpected character")
        }

        private func expected(_ what: String) -> Failure {
            guard peek() != nil else { return failure("unexpected end of file (expected \(what))") }
            return failure("expected \(what)")
        }

        /// Columns count characters, not bytes, so they match what an editor shows.
        func failure(_ reason: String) -> Failure {
            var line = 1
            var column = 1
            for byte in bytes[..<min(index, bytes.count)] {
                if byte == 0x0A {
                    line += 1
                    column = 1
                } else if byte & 0xC0 != 0x80 {
                    column += 1
                }
            }
            return Failure(line: line, column: column, reason: reason)
        }
    }
}

extension JSONSyntaxCheck.Failure: Error {}

private extension UInt8 {
    var isDigit: Bool { self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9") }
    var isHexDigit: Bool {
        isDigit || (self >= UInt8(ascii: "a") && self <= UInt8(ascii: "f")) || (self >= UInt8(ascii: "A") && self <= UInt8(ascii: "F"))
    }
}
