/// An exact decimal with four fractional digits, stored as a scaled 64-bit integer:
/// money and rates without floating point and without allocation. Arithmetic
/// reports overflow instead of trapping.
public struct FixedDecimal: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The value times 10,000.
    public var scaled: Int64

    /// 10,000: four fractional digits.
    public static let scale: Int64 = 10_000

    /// Makes a value from its scaled representation.
    public init(scaled: Int64) { self.scaled = scaled }

    /// An integer as a decimal; nil when it does not fit.
    public init?(integer: Int64) {
        let (value, overflow) = integer.multipliedReportingOverflow(by: Self.scale)
        guard !overflow else { return nil }
        scaled = value
    }

    /// Parses `-123.4567`; nil for anything else, more than four fractional digits
    /// (other than trailing zeros), or a value that does not fit.
    public init?(_ text: some StringProtocol) {
        var utf8 = Substring(text).utf8[...]
        let negative = utf8.first == UInt8(ascii: "-")
        if negative || utf8.first == UInt8(ascii: "+") { utf8 = utf8.dropFirst() }
        var whole: Int64 = 0, fraction: Int64 = 0, fractionDigits = 0, digits = 0
        var seenPoint = false
        for byte in utf8 {
            if byte == UInt8(ascii: ".") {
                guard !seenPoint else { return nil }
                seenPoint = true
                continue
            }
            guard byte >= 48, byte <= 57 else { return nil }
            let digit = Int64(byte - 48)
            digits += 1
            if seenPoint {
                if fractionDigits < 4 {
                    fraction = fraction * 10 + digit
                    fractionDigits += 1
                } else if digit != 0 {
                    return nil
                }
            } else {
                let (times, o1) = whole.multipliedReportingOverflow(by: 10)
                let (plus, o2) = times.addingReportingOverflow(digit)
                guard !o1, !o2 else { return nil }
                whole = plus
            }
        }
        guard digits > 0 else { return nil }
        for _ in fractionDigits..<4 { fraction *= 10 }
        let (scaledWhole, o1) = whole.multipliedReportingOverflow(by: Self.scale)
        let (sum, o2) = scaledWhole.addingReportingOverflow(fraction)
        guard !o1, !o2 else { return nil }
        scaled = negative ? -sum : sum
    }

    /// Plain decimal text with trailing fractional zeros removed: `1200.5`, `0.05`, `7`.
    public var description: String {
        let negative = scaled < 0
        let magnitude = scaled.magnitude
        let whole = magnitude / UInt64(Self.scale)
        var fraction = magnitude % UInt64(Self.scale)
        var text = (negative ? "-" : "") + String(whole)
        if fraction != 0 {
            var digits = 4
            while fraction % 10 == 0 { fraction /= 10; digits -= 1 }
            let fractionText = String(fraction)
            text += "." + String(repeating: "0", count: digits - fractionText.count) + fractionText
        }
        return text
    }

    public static func < (lhs: FixedDecimal, rhs: FixedDecimal) -> Bool { lhs.scaled < rhs.scaled }

    /// Sum, or nil on overflow.
    public func adding(_ other: FixedDecimal) -> FixedDecimal? {
        let (value, overflow) = scaled.addingReportingOverflow(other.scaled)
        return overflow ? nil : FixedDecimal(scaled: value)
    }

    /// Difference, or nil on overflow.
    public func subtracting(_ other: FixedDecimal) -> FixedDecimal? {
        let (value, overflow) = scaled.subtractingReportingOverflow(other.scaled)
        return overflow ? nil : FixedDecimal(scaled: value)
    }

    /// Product rounded half away from zero to four digits, or nil on overflow.
    public func multiplied(by other: FixedDecimal) -> FixedDecimal? {
        let product = scaled.multipliedFullWidth(by: other.scaled)
        let wide = (high: product.high, low: product.low)
        // Divide the 128-bit product by the scale, rounding half away from zero.
        let negative = wide.high < 0
        let magnitude = negative ? Self.negate(wide) : (high: UInt64(bitPattern: wide.high), low: wide.low)
        guard magnitude.high < UInt64(Self.scale) else { return nil }
        let (quotient, remainder) = UInt64(Self.scale).dividingFullWidth((magnitude.high, magnitude.low))
        let (rounded, overflow) = quotient.addingReportingOverflow(remainder * 2 >= UInt64(Self.scale) ? 1 : 0)
        guard !overflow, rounded <= UInt64(Int64.max) else { return nil }
        return FixedDecimal(scaled: negative ? -Int64(rounded) : Int64(rounded))
    }

    /// Quotient rounded half away from zero to four digits; nil on division by zero or overflow.
    public func divided(by other: FixedDecimal) -> FixedDecimal? {
        guard other.scaled != 0 else { return nil }
        let numerator = scaled.magnitude.multipliedFullWidth(by: UInt64(Self.scale))
        let denominator = other.scaled.magnitude
        guard numerator.high < denominator else { return nil }
        let (quotient, remainder) = denominator.dividingFullWidth((numerator.high, numerator.low))
        let (rounded, overflow) = quotient.addingReportingOverflow(remainder >= denominator - remainder ? 1 : 0)
        guard !overflow, rounded <= UInt64(Int64.max) else { return nil }
        let negative = (scaled < 0) != (other.scaled < 0)
        return FixedDecimal(scaled: negative ? -Int64(rounded) : Int64(rounded))
    }

    private static func negate(_ value: (high: Int64, low: UInt64)) -> (high: UInt64, low: UInt64) {
        let low = ~value.low &+ 1
        let high = ~UInt64(bitPattern: value.high) &+ (low == 0 ? 1 : 0)
        return (high, low)
    }
}
