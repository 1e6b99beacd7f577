import Foundation

/// Text conversions for `timestamptz` and `timestamp` in PostgreSQL's ISO DateStyle.
enum PGTimestamp {
    /// Formats an instant as `YYYY-MM-DD HH:MM:SS.ffffff+00`, exact to the microsecond.
    static func format(_ date: Date) -> String {
        let micros = (date.timeIntervalSince1970 * 1_000_000).rounded()
        let totalMicros = Int64(micros)
        var seconds = totalMicros / 1_000_000
        var fraction = totalMicros % 1_000_000
        if fraction < 0 { fraction += 1_000_000; seconds -= 1 }
        var days = seconds / 86_400
        var secondOfDay = seconds % 86_400
        if secondOfDay < 0 { secondOfDay += 86_400; days -= 1 }
        let day = PGDate(daysSinceEpoch: Int(days))
        let time = "\(pad(Int(secondOfDay / 3600), 2)):\(pad(Int(secondOfDay % 3600 / 60), 2)):\(pad(Int(secondOfDay % 60), 2))"
        return "\(day) \(time).\(pad(Int(fraction), 6))+00"
    }

    /// Parses `YYYY-MM-DD HH:MM:SS[.ffffff][+HH[:MM[:SS]]]`. A missing offset means UTC
    /// (for `timestamp` without time zone). Returns nil for anything else.
    static func parse(_ text: String) -> Date? {
        if text == "infinity" { return .distantFuture }
        if text == "-infinity" { return .distantPast }
        let utf8 = Array(text.utf8)
        guard utf8.count >= 19, utf8[10] == UInt8(ascii: " ") || utf8[10] == UInt8(ascii: "T") else { return nil }
        guard let day = PGDate(iso: text.prefix(10)) else { return nil }
        var index = 11
        func number(_ count: Int) -> Int? {
            guard index + count <= utf8.count else { return nil }
            var value = 0
            for i in index..<(index + count) {
                let c = utf8[i]
                guard c >= 48, c <= 57 else { return nil }
                value = value * 10 + Int(c - 48)
            }
            index += count
            return value
        }
        func expect(_ c: Character) -> Bool {
            guard index < utf8.count, utf8[index] == c.asciiValue! else { return false }
            index += 1
            return true
        }
        guard let hour = number(2), expect(":"), let minute = number(2), expect(":"), let second = number(2) else { return nil }
        var micros = 0
        if index < utf8.count, utf8[index] == UInt8(ascii: ".") {
            index += 1
            var digits = 0
            while index < utf8.count, utf8[index] >= 48, utf8[index] <= 57 {
                if digits < 6 { micros = micros * 10 + Int(utf8[index] - 48) }
                digits += 1
                index += 1
            }
            guard digits > 0 else { return nil }
            if digits < 6 { for _ in digits..<6 { micros *= 10 } }
        }
        var offset = 0
        if index < utf8.count {
            let sign: Int
            switch utf8[index] {
            case UInt8(ascii: "+"): sign = 1
            case UInt8(ascii: "-"): sign = -1
            default: return nil
            }
            index += 1
            guard let oh = number(2) else { return nil }
            var om = 0, os = 0
            if expect(":") { guard let m = number(2) else { return nil }; om = m }
            if expect(":") { guard let s = number(2) else { return nil }; os = s }
            offset = sign * (oh * 3600 + om * 60 + os)
        }
        guard index == utf8.count else { return nil }
        let seconds = Int64(day.daysSinceEpoch) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offset)
        return Date(timeIntervalSince1970: Double(seconds) + Double(micros) / 1_000_000)
    }
}
