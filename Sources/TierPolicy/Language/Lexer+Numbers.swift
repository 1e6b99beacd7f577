import TierCalendar

extension Lexer {
    /// A number starting at a digit: an integer (`200_000`), a decimal (`0.05`), a duration
    /// (`730d`, `2w`, `1y`) or a date (`2026-01-01`).
    mutating func number() -> Token.Kind {
        let at = location
        if let date = date(at: at) { return date }
        let begin = index
        while let scalar = peek(), Self.isDigit(scalar) || scalar == "_" { advance() }
        var isDecimal = false
        if peek() == ".", let digit = peek(1), Self.isDigit(digit) {
            isDecimal = true
            advance()
            while let scalar = peek(), Self.isDigit(scalar) || scalar == "_" { advance() }
        }
        let numberEnd = index
        while let scalar = peek(), Self.isIdentifierPart(scalar) { advance() }
        let written = text(from: begin)
        let number = scalars[begin..<numberEnd]
        let unit = text(from: numberEnd)

        for offset in number.indices where number[offset] == "_" {
            let before = number[offset - 1], after = offset + 1 < numberEnd ? number[offset + 1] : "_"
            if !Self.isDigit(before) || !Self.isDigit(after) {
                return invalidLiteral("misplaced '_' in \(Token.quote(written)); '_' may only separate digits, as in 200_000", at: at)
            }
        }
        var digits = String.UnicodeScalarView()
        digits.append(contentsOf: number.lazy.filter { $0 != "_" })
        let plain = String(digits)

        if isDecimal {
            guard unit.isEmpty else {
                return invalidLiteral("\(Token.quote(written)) is not a number; a duration is a whole number followed by d (days), w (weeks) or y (years)", at: at)
            }
            return .literal(.decimal(plain))
        }
        guard let value = Int64(plain) else {
            return invalidLiteral("the number \(Token.quote(written)) is too large; the largest is \(Int64.max)", at: at)
        }
        let days: Int64
        switch unit {
        case "": return .literal(.integer(value))
        case "d": days = 1
        case "w": days = 7
        case "y": days = 365
        default:
            return invalidLiteral("unknown duration unit \(Token.quote(unit)) in \(Token.quote(written)); use d (days), w (weeks) or y (years), e.g. 730d", at: at)
        }
        let (total, overflow) = value.multipliedReportingOverflow(by: days)
        guard !overflow else { return invalidLiteral("the duration \(Token.quote(written)) is too large", at: at) }
        return .literal(.duration(days: total))
    }

    /// A date when the text ahead looks like one: four digits, '-', digits, '-', digits.
    /// Exactly `YYYY-MM-DD` naming a real day is a date; any other such run is an
    /// `invalid_literal` (rather than a subtraction nobody meant). Nil when it is no date at all.
    mutating func date(at: PolicyLocation) -> Token.Kind? {
        func digits(from offset: Int) -> Int {
            var count = 0
            while let scalar = peek(offset + count), Self.isDigit(scalar) { count += 1 }
            return count
        }
        guard digits(from: 0) == 4, peek(4) == "-" else { return nil }
        let month = digits(from: 5)
        guard month > 0, peek(5 + month) == "-" else { return nil }
        let day = digits(from: 6 + month)
        guard day > 0 else { return nil }

        let begin = index
        for _ in 0..<(6 + month + day) { advance() }
        while let scalar = peek(), Self.isIdentifierPart(scalar) { advance() }
        let written = text(from: begin)
        guard month == 2, day == 2, written.unicodeScalars.count == 10 else {
            return invalidLiteral("\(Token.quote(written)) is not a date; write dates as YYYY-MM-DD, e.g. 2026-01-01", at: at)
        }
        let parts = written.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, CivilDate.isValid(year: parts[0], month: parts[1], day: parts[2]) else {
            return invalidLiteral("\(Token.quote(written)) is not a day in the calendar", at: at)
        }
        return .literal(.date(CivilDate.days(year: parts[0], month: parts[1], day: parts[2])))
    }

    /// Records an `invalid_literal` diagnostic and stands in for the literal.
    mutating func invalidLiteral(_ message: String, at: PolicyLocation) -> Token.Kind {
        diagnostics.append(PolicyDiagnostic(.invalidLiteral, message, at: at))
        return .invalidLiteral
    }
}
