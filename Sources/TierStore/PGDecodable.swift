import Foundation

/// A Swift type that can be read from a result column in PostgreSQL's text format.
public protocol PGDecodable {
    /// Decodes a non-NULL value. `type` is the column's type OID.
    static func pgDecode(_ text: String, type: PGOID) throws -> Self
    /// The value for SQL NULL; throws unless the type can represent it.
    static func pgDecodeNull(type: PGOID) throws -> Self
}

extension PGDecodable {
    public static func pgDecodeNull(type: PGOID) throws -> Self {
        throw PGError(.decode, "unexpected NULL for non-optional \(Self.self)")
    }

    /// Throws unless `type` is one of `accepted`.
    static func require(_ type: PGOID, in accepted: [PGOID]) throws {
        guard accepted.contains(type) else {
            throw PGError(.decode, "cannot decode a column of \(type) as \(Self.self)")
        }
    }

    static func invalid(_ text: String) -> PGError {
        PGError(.decode, "invalid \(Self.self) text: \(text.prefix(64))")
    }
}

private let integerTypes: [PGOID] = [.int2, .int4, .int8, .oid]

extension String: PGDecodable {
    /// Every PostgreSQL type has a text form, so a String reads any column.
    public static func pgDecode(_ text: String, type: PGOID) throws -> String { text }
}

extension Bool: PGDecodable {
    public static func pgDecode(_ text: String, type: PGOID) throws -> Bool {
        try require(type, in: [.bool])
        switch text {
        case "t": return true
        case "f": return false
        default: throw invalid(text)
        }
    }
}

extension Int: PGDecodable {
    public static func pgDecode(_ text: String, type: PGOID) throws -> Int {
        try require(type, in: integerTypes)
        guard let value = Int(text) else { throw invalid(text) }
        return value
    }
}

extension Int64: PGDecodable {
    public static func pgDecode(_ text: String, type: PGOID) throws -> Int64 {
        try require(type, in: integerTypes)
        guard let value = Int64(text) else { throw invalid(text) }
        return value
    }
}

extension Int32: PGDecodable {
    public static func pgDecode(_ text: String, type: PGOID) throws -> Int32 {
        try require(type, in: [.int2, .int4])
        guard let value = Int32(text) else { throw invalid(text) }
        return value
    }
}

extension Int16: PGDecodable {
    public static func pgDecode(_ text: String, type: PGOID) throws -> Int16 {
        try require(type, in: [.int2])
        guard let value = Int16(text) else { throw invalid(text) }
        return value
    }
}

extension Double: PGDecodable {
    public static func pgDecode(_ text: String, type: PGOID) throws -> Double {
        try require(type, in: [.float4, .float8, .int2, .int4, .int8])
        switch text {
        case "NaN": return .nan
        case "Infinity": return .infinity
        case "-Infinity": return -.infinity
        default:
            guard let value = Double(text) else { throw invalid(text) }
            return value
        }
    }
}

extension Decimal: PGDecodable {
    /// Decodes `numeric` exactly. Foundation's Decimal keeps 38 significant digits;
    /// a value with more is refused rather than silently rounded.
    public static func pgDecode(_ text: String, type: PGOID) throws -> Decimal {
        try require(type, in: [.numeric] + integerTypes)
        if text == "NaN" { return .nan }
        let significant = text.utf8.drop { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "0") || $0 == UInt8(ascii: ".") }
        let digits = significant.reversed().drop { $0 == UInt8(ascii: "0") || $0 == UInt8(ascii: ".") }
            .filter { $0 != UInt8(ascii: ".") }.count
        guard digits <= 38 else {
            throw PGError(.decode, "numeric value \(text.prefix(64)) has \(digits) significant digits; Decimal holds 38")
        }
        guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else { throw invalid(text) }
        return value
    }
}

extension PGDate: PGDecodable {
    public static func pgDecode(_ text: String, type: PGOID) throws -> PGDate {
        try require(type, in: [.date])
        guard let value = PGDate(iso: text) else { throw invalid(text) }
        return value
    }
}

extension Date: PGDecodable {
    /// Decodes `timestamptz` (any offset) and `timestamp` (read as UTC).
    public static func pgDecode(_ text: String, type: PGOID) throws -> Date {
        try require(type, in: [.timestamptz, .timestamp])
        guard let value = PGTimestamp.parse(text) else { throw invalid(text) }
        return value
    }
}

extension UUID: PGDecodable {
    public static func pgDecode(_ text: String, type: PGOID) throws -> UUID {
        try require(type, in: [.uuid])
        guard let value = UUID(uuidString: text) else { throw invalid(text) }
        return value
    }
}

extension Optional: PGDecodable where Wrapped: PGDecodable {
    public static func pgDecode(_ text: String, type: PGOID) throws -> Wrapped? {
        try Wrapped.pgDecode(text, type: type)
    }

    public static func pgDecodeNull(type: PGOID) throws -> Wrapped? { nil }
}

extension Array: PGDecodable where Element: PGDecodable {
    /// Decodes a one-dimensional array of a known array type.
    public static func pgDecode(_ text: String, type: PGOID) throws -> [Element] {
        guard let elementType = type.elementType else {
            throw PGError(.decode, "cannot decode a column of \(type) as an array")
        }
        return try PGArrayText.decode(text).map { element in
            guard let element else { return try Element.pgDecodeNull(type: elementType) }
            return try Element.pgDecode(element, type: elementType)
        }
    }
}
