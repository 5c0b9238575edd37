/// Splits CSV text into records (RFC 4180: `,` separators, `"` quoting with `""` escapes, CRLF, LF or CR line ends).
struct CSVRecords {
    /// One record and the physical line it starts on, so errors point where an editor would.
    struct Record {
        var line: Int
        var fields: [String]
    }

    enum Failure: Error {
        case unterminatedQuote(line: Int)
        case textAfterClosingQuote(line: Int)
    }

    /// Blank lines are skipped: they are never meant as products.
    static func parse(_ text: String) throws(Failure) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1
        var recordLine = 1
        var quoted = false
        var quoteLine = 1
        var afterQuote = false
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }

        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            afterQuote = false
        }
        func endRecord() {
            endField()
            let blank = fields.count == 1 && fields[0].allSatisfy { $0 == " " || $0 == "\t" }
            if !blank { records.append(Record(line: recordLine, fields: fields)) }
            fields.removeAll(keepingCapacity: true)
        }

        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if index < bytes.count && bytes[index] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 1
                    } else {
                        quoted = false
                        afterQuote = true
                    }
                } else {
                    if byte == 0x0A || (byte == 0x0D && (index >= bytes.count || bytes[index] != 0x0A)) { line += 1 }
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: ","):
                endField()
            case 0x0D, 0x0A:
                if byte == 0x0D && index < bytes.count && bytes[index] == 0x0A { index += 1 }
                endRecord()
                line += 1
                recordLine = line
            case UInt8(ascii: "\"") where !afterQuote && field.allSatisfy({ $0 == 0x20 || $0 == 0x09 }):
                // Spaces before an opening quote are dropped, as most spreadsheet exporters expect.
                field.removeAll(keepingCapacity: true)
                quoted = true
                quoteLine = line
            case 0x20 where afterQuote, 0x09 where afterQuote:
                break
            default:
                if afterQuote { throw .textAfterClosingQuote(line: line) }
                field.append(byte)
            }
        }
        if quoted { throw .unterminatedQuote(line: quoteLine) }
        if !field.isEmpty || !fields.isEmpty || afterQuote { endRecord() }
        return records
    }
}
