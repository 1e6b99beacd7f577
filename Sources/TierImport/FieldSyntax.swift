import Foundation
import TierStore

/// The field-level rules, pure functions of one text: trimming, dates, money,
/// URIs. Shared by every kind of file.
enum FieldSyntax {
    /// The outcome of reading a money amount.
    enum Money: Equatable {
        /// A valid amount, as it will be sent (digits, optional point and 1–2 decimals).
        case valid(String)
        /// Not a plain decimal number.
        case notANumber
        /// Below zero.
        case negative
        /// More than two digits after the point.
        case tooManyDecimals
        /// More than `integerDigits` digits before the point.
        case tooLarge
    }

    /// `text` without surrounding white space (Unicode spaces included, e.g. U+3000).
    static func trimmed(_ text: String) -> String {
        guard let first = text.utf8.first, let last = text.utf8.last else { return text }
        if first > 0x20, first < 0x80, last > 0x20, last < 0x80 { return text }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Parses exactly `YYYY-MM-DD` naming a real day (year 0001–9999).
    static func date(_ text: String) -> PGDate? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), year >= 1, let month = number(5..<7), let day = number(8..<10) else { return nil }
        return PGDate(year: year, month: month, day: day)
    }

    /// Reads a non-negative amount with at most 2 decimals and `integerDigits`
    /// digits before the point (numeric(14,2) has 12). Never goes through a
    /// binary floating-point value: the text itself is checked and sent.
    static func money(_ text: String, integerDigits: Int = 12) -> Money {
        var bytes = Substring(text).utf8[...]
        var negative = false
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            negative = sign == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        let parts = bytes.split(separator: UInt8(ascii: "."), maxSplits: 1, omittingEmptySubsequences: false)
        let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        guard let whole = parts.first, !whole.isEmpty, whole.allSatisfy(isDigit) else { return .notANumber }
        let fraction = parts.count == 2 ? parts[1] : nil
        if let fraction {
            guard !fraction.isEmpty, fraction.allSatisfy(isDigit) else { return .notANumber }
        }
        let significant = whole.drop { $0 == UInt8(ascii: "0") }
        let isZero = significant.isEmpty && (fraction?.allSatisfy { $0 == UInt8(ascii: "0") } ?? true)
        if negative && !isZero { return .negative }
        if let fraction, fraction.count > 2 { return .tooManyDecimals }
        if significant.count > integerDigits { return .tooLarge }
        var normal = significant.isEmpty ? "0" : String(decoding: significant, as: UTF8.self)
        if let fraction { normal += "." + String(decoding: fraction, as: UTF8.self) }
        return .valid(normal)
    }

    /// Mirrors `customers_photo_ref_check`: `^[A-Za-z][A-Za-z0-9+.-]*:\S+$`.
    static func isURI(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":") else { return false }
        let scheme = text[..<colon].unicodeScalars
        let rest = text[text.index(after: colon)...]
        guard let first = scheme.first, first.isASCII, first.properties.isAlphabetic else { return false }
        let schemeOK = scheme.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "+.-".unicodeScalars.contains(scalar))
        }
        return schemeOK && !rest.isEmpty && !rest.contains { $0.isWhitespace }
    }

    /// Today's civil date in the local time zone.
    static func localToday() -> PGDate {
        let now = Date()
        let offset = TimeZone.current.secondsFromGMT(for: now)
        let days = Int(((now.timeIntervalSince1970 + Double(offset)) / 86_400).rounded(.down))
        return PGDate(daysSinceEpoch: days)
    }

    /// A value quoted for an error message, shortened when long.
    static func quoted(_ text: String) -> String {
        let limit = 60
        return "\"" + (text.count > limit ? String(text.prefix(limit)) + "…" : text) + "\""
    }
}
