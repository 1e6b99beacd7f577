import Foundation

/// A Swift value that can be sent to PostgreSQL as a statement parameter or a COPY field.
///
/// Values travel in PostgreSQL's text format, always as separate parameters:
/// nothing is ever spliced into SQL text.
public protocol PGEncodable: Sendable {
    /// The parameter type sent to the server; ``PGOID/unspecified`` lets it infer.
    static var pgType: PGOID { get }
    /// The value in PostgreSQL's text format; nil is SQL NULL.
    var pgText: String? { get }
}

extension String: PGEncodable {
    public static var pgType: PGOID { .unspecified }
    public var pgText: String? { self }
}

extension Substring: PGEncodable {
    public static var pgType: PGOID { .unspecified }
    public var pgText: String? { String(self) }
}

extension Bool: PGEncodable {
    public static var pgType: PGOID { .bool }
    public var pgText: String? { self ? "t" : "f" }
}

extension Int: PGEncodable {
    public static var pgType: PGOID { .int8 }
    public var pgText: String? { String(self) }
}

extension Int64: PGEncodable {
    public static var pgType: PGOID { .int8 }
    public var pgText: String? { String(self) }
}

extension Int32: PGEncodable {
    public static var pgType: PGOID { .int4 }
    public var pgText: String? { String(self) }
}

extension Int16: PGEncodable {
    public static var pgType: PGOID { .int2 }
    public var pgText: String? { String(self) }
}

extension Double: PGEncodable {
    public static var pgType: PGOID { .float8 }
    public var pgText: String? {
        if isNaN { return "NaN" }
        if isInfinite { return self > 0 ? "Infinity" : "-Infinity" }
        return "\(self)"
    }
}

extension Decimal: PGEncodable {
    public static var pgType: PGOID { .numeric }
    public var pgText: String? { isNaN ? "NaN" : description }
}

extension PGDate: PGEncodable {
    public static var pgType: PGOID { .date }
    public var pgText: String? { description }
}

extension Date: PGEncodable {
    public static var pgType: PGOID { .timestamptz }
    public var pgText: String? { PGTimestamp.format(self) }
}

extension UUID: PGEncodable {
    public static var pgType: PGOID { .uuid }
    public var pgText: String? { uuidString.lowercased() }
}

extension Optional: PGEncodable where Wrapped: PGEncodable {
    public static var pgType: PGOID { Wrapped.pgType }
    public var pgText: String? { self.flatMap { $0.pgText } }
}

extension Array: PGEncodable where Element: PGEncodable {
    public static var pgType: PGOID { Element.pgType.arrayType }
    public var pgText: String? { PGArrayText.encode(map { $0.pgText }) }
}
